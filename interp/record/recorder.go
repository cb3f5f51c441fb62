package record

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"foment-ls/interp"
)

// Recorder is a World that answers as another one does (Live) and writes every answer into a
// recording, in one stream per thread, with the order of the threads' turns at the lock: the
// program runs serially (see interp.Scheduler), its threads taking turns in first-come order.
type Recorder struct {
	inner interp.World
	net   interp.Net

	mu     sync.Mutex // guards the writer and what follows
	w      *spool
	f      io.WriteCloser
	closed bool
	werr   error
	e      enc
	sites  map[*interp.Site]uint64
	last   map[int]int64 // each thread's last time (µs)
	latest int64         // the last time recorded by any thread
	start  time.Time

	lock  fifo
	flush chan struct{} // closed to stop the flusher
	done  chan struct{}
}

// flushEvery bounds what a killed recording loses.
const flushEvery = 100 * time.Millisecond

// Create starts a recording in a new file at path; inner is the world it records (nil: Live).
func Create(path string, h Header, inner interp.World) (*Recorder, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	r, err := NewRecorder(f, h, inner)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// NewRecorder records into w, which Close closes.
func NewRecorder(w io.WriteCloser, h Header, inner interp.World) (*Recorder, error) {
	if inner == nil {
		inner = interp.Live
	}
	if h.Start.IsZero() {
		h.Start = time.Now()
	}
	h.Start = h.Start.Truncate(time.Microsecond)
	r := &Recorder{inner: inner, net: inner.Net(), f: w, w: newSpool(w),
		sites: map[*interp.Site]uint64{}, last: map[int]int64{}, start: h.Start,
		latest: micros(h.Start), flush: make(chan struct{}), done: make(chan struct{})}
	r.lock.rec = r
	hb := h.encode()
	head := append([]byte(magic), binary.AppendUvarint(nil, Version)...)
	head = binary.AppendUvarint(head, uint64(len(hb)))
	if _, err := r.w.Write(append(head, hb...)); err != nil {
		return nil, err
	}
	go r.flusher()
	return r, nil
}

// flusher writes out what is buffered every flushEvery, so that a recording of a server that is
// killed keeps all but its last moments.
func (r *Recorder) flusher() {
	defer close(r.done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-r.flush:
			return
		case <-t.C:
			r.mu.Lock()
			if !r.closed {
				r.w.hand() // written out soon, without waiting here
			}
			r.mu.Unlock()
		}
	}
}

// Flush writes out what is buffered.
func (r *Recorder) Flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return r.werr
	}
	if r.werr == nil {
		r.werr = r.w.Flush()
	}
	return r.werr
}

// Close ends the recording with how the run ended (its exit status, and what it said if it
// ended with an error; stopped: it was stopped from outside, a debugger's terminate) and
// closes the file. What the program does afterwards is not recorded.
func (r *Recorder) Close(exit int, message string, stopped bool) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return r.werr
	}
	r.e.b = r.e.b[:0]
	r.e.iv(int64(exit))
	r.e.str(message)
	r.e.bool(stopped)
	r.put(0, kEnd, nil)
	r.closed = true
	if err := r.w.Close(); r.werr == nil {
		r.werr = err
	}
	if err := r.f.Close(); r.werr == nil {
		r.werr = err
	}
	err := r.werr
	r.mu.Unlock()
	close(r.flush)
	<-r.done
	return err
}

// put writes the record in r.e (then tail, a payload's bytes) to a stream; r.mu is held.
func (r *Recorder) put(stream int, k kind, tail []byte) {
	if r.closed || r.werr != nil {
		return
	}
	var head [2 * binary.MaxVarintLen64]byte
	n := binary.PutUvarint(head[:], uint64(stream)<<6|uint64(k))
	n += binary.PutUvarint(head[n:], uint64(len(r.e.b)+len(tail)))
	r.w.Write(head[:n])
	r.w.Write(r.e.b)
	if len(tail) > 0 {
		if _, err := r.w.Write(tail); err != nil {
			r.werr = err
		}
	}
}

// begin starts a thread's record: r.mu is locked and stays so until end; the record starts
// with the thread's call site, and its time for a timed kind.
func (r *Recorder) begin(th *interp.Thread, k kind) int64 {
	r.mu.Lock()
	r.e.b = r.e.b[:0]
	var site uint64
	if th != nil {
		site = r.siteOf(th.Site())
	}
	r.e.b = r.e.b[:0]
	r.e.uv(site)
	if !k.timed() {
		return 0
	}
	now := micros(time.Now())
	last, ok := r.last[serial(th)]
	if !ok {
		last = micros(r.start)
	}
	r.e.iv(now - last)
	r.last[serial(th)] = now
	r.latest = now
	return now
}

func (r *Recorder) end(th *interp.Thread, k kind, tail []byte) {
	r.put(serial(th), k, tail)
	r.mu.Unlock()
}

// siteOf numbers a call site, writing it the first time; r.mu is held.
func (r *Recorder) siteOf(s *interp.Site) uint64 {
	if s == nil {
		return 0
	}
	if n, ok := r.sites[s]; ok {
		return n
	}
	n := uint64(len(r.sites) + 1)
	r.sites[s] = n
	r.e.b = r.e.b[:0]
	r.e.str(s.File)
	r.e.uv(uint64(s.Span.Start.Line))
	r.e.uv(uint64(s.Span.Start.Col))
	r.e.str(s.Name)
	r.put(0, kSite, nil)
	return n
}

// serial is the stream of a thread's records; what is asked before there are threads (th nil:
// the random seed drawn when the interpreter is made) goes with the main thread's.
func serial(th *interp.Thread) int {
	if th == nil {
		return 1
	}
	return th.Serial()
}

// recording reports whether th's answers are recorded: a thread's, but not those a debugger's
// evaluation reads (a replay has no such evaluation).
func (r *Recorder) recording(th *interp.Thread) bool { return th != nil && !th.Inspecting() }

// World.

func (r *Recorder) Now(th *interp.Thread) time.Time {
	if th == nil {
		return r.start
	}
	if !r.recording(th) {
		return r.inner.Now(th)
	}
	now := r.begin(th, kNow)
	r.end(th, kNow, nil)
	return fromMicros(now)
}

func (r *Recorder) Clock(th *interp.Thread) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	if th != nil {
		if t, ok := r.last[th.Serial()]; ok {
			return fromMicros(t)
		}
	}
	return fromMicros(r.latest)
}

func (r *Recorder) LookupEnv(th *interp.Thread, name string) (string, bool) {
	v, ok := r.inner.LookupEnv(th, name)
	if !r.recording(th) {
		return v, ok
	}
	r.begin(th, kEnv)
	r.e.str(name)
	r.e.bool(ok)
	r.e.str(v)
	r.end(th, kEnv, nil)
	return v, ok
}

func (r *Recorder) Environ(th *interp.Thread) []string {
	vs := r.inner.Environ(th)
	if !r.recording(th) {
		return vs
	}
	r.begin(th, kEnviron)
	r.e.uv(uint64(len(vs)))
	for _, v := range vs {
		r.e.str(v)
	}
	r.end(th, kEnviron, nil)
	return vs
}

func (r *Recorder) Random(th *interp.Thread) uint64 {
	v := r.inner.Random(th)
	if th != nil && th.Inspecting() {
		return v
	}
	r.begin(th, kRandom)
	r.e.b = binary.LittleEndian.AppendUint64(r.e.b, v)
	r.end(th, kRandom, nil)
	return v
}

func (r *Recorder) Observe(th *interp.Thread, what string, get func() string) string {
	v := r.inner.Observe(th, what, get)
	if !r.recording(th) {
		return v
	}
	r.begin(th, kObserve)
	r.e.str(what)
	r.e.str(v)
	r.end(th, kObserve, nil)
	return v
}

func (r *Recorder) Input(th *interp.Thread, p []byte, read func([]byte) (int, error)) (int, error) {
	turns := th.Turns()
	n, err := r.inner.Input(th, p, read)
	if !r.recording(th) {
		return n, err
	}
	r.begin(th, kInput)
	r.e.uv(uint64(len(p)))
	r.e.uv(th.Turns() - turns)
	r.e.err(err)
	r.e.uv(uint64(n))
	r.end(th, kInput, p[:n])
	return n, err
}

func (r *Recorder) InputReady(th *interp.Thread, ready func() bool) bool {
	v := r.inner.InputReady(th, ready)
	if !r.recording(th) {
		return v
	}
	r.begin(th, kInputReady)
	r.e.bool(v)
	r.end(th, kInputReady, nil)
	return v
}

func (r *Recorder) Net() interp.Net             { return recNet{r} }
func (r *Recorder) Scheduler() interp.Scheduler { return &r.lock }
func (r *Recorder) turn(th *interp.Thread) {
	r.mu.Lock()
	r.e.b = r.e.b[:0]
	r.e.uv(uint64(th.Serial()))
	r.put(0, kTurn, nil)
	r.mu.Unlock()
}

// fifo is the recording's interpreter lock: threads take it in the order they asked, each
// turn written to the recording as it is granted.
type fifo struct {
	rec     *Recorder
	mu      sync.Mutex
	held    bool
	waiting []waiter
}

type waiter struct {
	th *interp.Thread
	ch chan struct{}
}

func (l *fifo) Acquire(th *interp.Thread) {
	l.mu.Lock()
	if !l.held && len(l.waiting) == 0 {
		l.held = true
		l.rec.turn(th)
		l.mu.Unlock()
		return
	}
	ch := make(chan struct{})
	l.waiting = append(l.waiting, waiter{th, ch})
	l.mu.Unlock()
	<-ch
}

func (l *fifo) Release(th *interp.Thread) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.waiting) == 0 {
		l.held = false
		return
	}
	next := l.waiting[0]
	l.waiting = l.waiting[1:]
	l.rec.turn(next.th) // still held: it passes to next
	close(next.ch)
}

func (l *fifo) Stop()           {}
func (l *fifo) Replaying() bool { return false }

// recNet records the outcome of each socket call.
type recNet struct{ r *Recorder }

func (n recNet) Socket(th *interp.Thread, family, typ, proto int) (int, error) {
	fd, err := n.r.net.Socket(th, family, typ, proto)
	if n.r.recording(th) {
		n.r.begin(th, kSocket)
		n.r.e.uv(uint64(family))
		n.r.e.uv(uint64(typ))
		n.r.e.uv(uint64(proto))
		n.r.e.iv(int64(fd))
		n.r.e.err(err)
		n.r.end(th, kSocket, nil)
	}
	return fd, err
}

func (n recNet) Bind(th *interp.Thread, fd int, a netip.AddrPort) error {
	err := n.r.net.Bind(th, fd, a)
	if n.r.recording(th) {
		n.r.begin(th, kBind)
		n.r.e.uv(uint64(fd))
		n.r.e.addr(a)
		n.r.e.err(err)
		n.r.end(th, kBind, nil)
	}
	return err
}

func (n recNet) Listen(th *interp.Thread, fd, backlog int) error {
	err := n.r.net.Listen(th, fd, backlog)
	if n.r.recording(th) {
		n.r.begin(th, kListen)
		n.r.e.uv(uint64(fd))
		n.r.e.uv(uint64(backlog))
		n.r.e.err(err)
		n.r.end(th, kListen, nil)
	}
	return err
}

func (n recNet) Accept(th *interp.Thread, fd int) (int, error) {
	nfd, err := n.r.net.Accept(th, fd)
	if n.r.recording(th) {
		n.r.begin(th, kAccept)
		n.r.e.uv(uint64(fd))
		n.r.e.iv(int64(nfd))
		n.r.e.err(err)
		n.r.end(th, kAccept, nil)
	}
	return nfd, err
}

func (n recNet) Connect(th *interp.Thread, fd int, a netip.AddrPort) error {
	err := n.r.net.Connect(th, fd, a)
	if n.r.recording(th) {
		n.r.begin(th, kConnect)
		n.r.e.uv(uint64(fd))
		n.r.e.addr(a)
		n.r.e.err(err)
		n.r.end(th, kConnect, nil)
	}
	return err
}

func (n recNet) SocketError(th *interp.Thread, fd int) (int, error) {
	v, err := n.r.net.SocketError(th, fd)
	if n.r.recording(th) {
		n.r.begin(th, kSocketError)
		n.r.e.uv(uint64(fd))
		n.r.e.iv(int64(v))
		n.r.e.err(err)
		n.r.end(th, kSocketError, nil)
	}
	return v, err
}

func (n recNet) Name(th *interp.Thread, fd int, peer bool) (netip.AddrPort, error) {
	a, err := n.r.net.Name(th, fd, peer)
	if n.r.recording(th) {
		n.r.begin(th, kName)
		n.r.e.uv(uint64(fd))
		n.r.e.bool(peer)
		n.r.e.addr(a)
		n.r.e.err(err)
		n.r.end(th, kName, nil)
	}
	return a, err
}

func (n recNet) Send(th *interp.Thread, fd int, p []byte, flags int) (int, error) {
	sent, err := n.r.net.Send(th, fd, p, flags)
	if n.r.recording(th) {
		sum := crc32.Checksum(p, castagnoli)
		n.r.begin(th, kSend)
		n.r.e.uv(uint64(fd))
		n.r.e.uv(uint64(len(p)))
		n.r.e.uv(uint64(flags))
		n.r.e.b = binary.LittleEndian.AppendUint32(n.r.e.b, sum)
		n.r.e.iv(int64(sent))
		n.r.e.err(err)
		n.r.end(th, kSend, nil)
	}
	return sent, err
}

func (n recNet) Recv(th *interp.Thread, fd int, p []byte, flags int) (int, netip.AddrPort, error) {
	got, from, err := n.r.net.Recv(th, fd, p, flags)
	if n.r.recording(th) {
		n.r.begin(th, kRecv)
		n.r.e.uv(uint64(fd))
		n.r.e.uv(uint64(len(p)))
		n.r.e.uv(uint64(flags))
		n.r.e.iv(int64(got))
		n.r.e.addr(from)
		n.r.e.err(err)
		var data []byte
		if got > 0 {
			data = p[:got]
		}
		n.r.e.uv(uint64(len(data)))
		n.r.end(th, kRecv, data)
	}
	return got, from, err
}

func (n recNet) Readable(th *interp.Thread, fd int) (int, error) {
	v, err := n.r.net.Readable(th, fd)
	if n.r.recording(th) {
		n.r.begin(th, kReadable)
		n.r.e.uv(uint64(fd))
		n.r.e.iv(int64(v))
		n.r.e.err(err)
		n.r.end(th, kReadable, nil)
	}
	return v, err
}

func (n recNet) Wait(th *interp.Thread, fd int, write bool, wakefd int, woken *atomic.Bool, timeout int) (interp.Poll, error) {
	p, err := n.r.net.Wait(th, fd, write, wakefd, woken, timeout)
	if n.r.recording(th) {
		n.r.begin(th, kWait)
		n.r.e.uv(uint64(fd))
		n.r.e.bool(write)
		n.r.e.byte(pollBits(p))
		n.r.e.err(err)
		n.r.end(th, kWait, nil)
	}
	return p, err
}

func pollBits(p interp.Poll) byte {
	var b byte
	if p.Ready {
		b |= pollReady
	}
	if p.Woken {
		b |= pollWoken
	}
	if p.Invalid {
		b |= pollInvalid
	}
	return b
}

func (n recNet) Shutdown(th *interp.Thread, fd, how int) error {
	err := n.r.net.Shutdown(th, fd, how)
	if n.r.recording(th) {
		n.r.begin(th, kShutdown)
		n.r.e.uv(uint64(fd))
		n.r.e.uv(uint64(how))
		n.r.e.err(err)
		n.r.end(th, kShutdown, nil)
	}
	return err
}

func (n recNet) Closed(th *interp.Thread, fd int) { n.r.net.Closed(th, fd) }

func (n recNet) LookupPort(th *interp.Thread, network, service string) (int, error) {
	port, err := n.r.net.LookupPort(th, network, service)
	if n.r.recording(th) {
		n.r.begin(th, kLookupPort)
		n.r.e.str(network)
		n.r.e.str(service)
		n.r.e.iv(int64(port))
		n.r.e.err(err)
		n.r.end(th, kLookupPort, nil)
	}
	return port, err
}

func (n recNet) LookupIP(th *interp.Thread, host string) ([]netip.Addr, error) {
	ips, err := n.r.net.LookupIP(th, host)
	if n.r.recording(th) {
		n.r.begin(th, kLookupIP)
		n.r.e.str(host)
		n.r.e.uv(uint64(len(ips)))
		for _, a := range ips {
			n.r.e.addr(netip.AddrPortFrom(a, 0))
		}
		n.r.e.err(err)
		n.r.end(th, kLookupIP, nil)
	}
	return ips, err
}

func (n recNet) InterfaceAddrs(th *interp.Thread) ([]netip.Prefix, error) {
	ps, err := n.r.net.InterfaceAddrs(th)
	if n.r.recording(th) {
		n.r.begin(th, kIfAddrs)
		n.r.e.uv(uint64(len(ps)))
		for _, p := range ps {
			n.r.e.addr(netip.AddrPortFrom(p.Addr(), 0))
			n.r.e.uv(uint64(p.Bits()))
		}
		n.r.e.err(err)
		n.r.end(th, kIfAddrs, nil)
	}
	return ps, err
}
