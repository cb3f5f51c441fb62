package record

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// Replayer is a World that answers from a recording: each thread gets, in order, the answers
// its stream holds; the threads take the interpreter lock in the recorded order; there is no
// network (a socket is an inert descriptor, its calls answered from the recording). When the
// program asks something else than the recording holds — it was edited, or behaves
// differently — the replay stops with a Divergence naming the first call that differed.
//
// A Replayer serves one run; replaying again (a debugger going back) takes a new one on the
// same Recording.
type Replayer struct {
	rec *Recording

	mu     sync.Mutex
	cursor map[int]int   // each stream's next record
	last   map[int]int64 // each thread's last recorded time (µs)
	fds    map[int]int   // inert descriptor → the recorded one
	err    error         // what stopped the replay
	latest atomic.Int64

	sched turns
	// OnDiverge, when set, hears of a divergence on the thread where it happens, before that
	// thread is ended (a debugger stops it there). Set it before the program runs.
	OnDiverge func(th *interp.Thread, d *Divergence)
}

// NewReplayer replays rec from its start.
func NewReplayer(rec *Recording) *Replayer {
	r := &Replayer{rec: rec, cursor: map[int]int{}, last: map[int]int64{}, fds: map[int]int{}}
	r.latest.Store(micros(rec.Header.Start))
	r.sched.r = r
	r.sched.cond.L = &r.sched.mu
	return r
}

// Recording returns what is replayed.
func (r *Replayer) Recording() *Recording { return r.rec }

// Err returns what stopped the replay early: a *Divergence, or nil.
func (r *Replayer) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Divergence is where a replay parted from its recording.
type Divergence struct {
	Thread int    // the thread's number (1: main)
	Event  int    // the number of its record that differed, from 1
	Now    string // what the program did
	NowAt  string // where
	Then   string // what the recording holds there ("" at its end)
	ThenAt *Site
	// Cut: the recording stops here (the recorded run was killed); Over: the recorded run
	// had ended, and the program goes on.
	Cut, Over bool
}

func (d *Divergence) Error() string {
	at := ""
	if d.NowAt != "" {
		at = " at " + d.NowAt
	}
	who := fmt.Sprintf("thread %d", d.Thread)
	if d.Thread == 1 {
		who = "the main thread"
	}
	switch {
	case d.Cut:
		return fmt.Sprintf("replay: the recording ends here: %s%s makes a %s, and the recorded run was stopped before it did", who, at, d.Now)
	case d.Over:
		return fmt.Sprintf("replay diverged: %s%s makes a %s, after the recorded run had ended", who, at, d.Now)
	}
	return fmt.Sprintf("replay diverged at %s's call %d: the program makes a %s%s, where the recording has a %s at %s",
		who, d.Event, d.Now, at, d.Then, d.ThenAt)
}

// take returns the decoder of th's next record, which must be of kind k: its call site and
// time are read. On anything else the replay diverges, said with now (what the program does).
func (r *Replayer) take(th *interp.Thread, k kind, now func() string) *dec {
	if th.Inspecting() {
		th.Error("replay", "an evaluation in the debugger cannot read the program's inputs in a replay: "+now())
	}
	stream := th.Serial()
	r.mu.Lock()
	es := r.rec.streams[stream]
	i := r.cursor[stream]
	if r.err != nil {
		r.mu.Unlock()
		panic(&interp.Terminate{Reason: r.err.Error()})
	}
	if i >= len(es) {
		r.mu.Unlock()
		r.diverge(th, &Divergence{Thread: stream, Event: i + 1, Now: now(), NowAt: th.Site().String(),
			Cut: !r.rec.Complete, Over: r.rec.Complete})
	}
	e := es[i]
	d := &dec{b: r.rec.data[e.off : e.off+e.n]}
	site := r.rec.site(d.uv())
	if e.kind != k {
		r.mu.Unlock()
		r.diverge(th, &Divergence{Thread: stream, Event: i + 1, Now: now(), NowAt: th.Site().String(),
			Then: r.describe(e), ThenAt: site})
	}
	r.cursor[stream] = i + 1
	if k.timed() {
		last, ok := r.last[stream]
		if !ok {
			last = micros(r.rec.Header.Start)
		}
		last += d.iv()
		r.last[stream] = last
		r.latest.Store(last)
	}
	r.mu.Unlock()
	return d
}

// differ ends the replay where th's last record does not hold what the program asked.
func (r *Replayer) differ(th *interp.Thread, now string) {
	stream := th.Serial()
	r.mu.Lock()
	i := r.cursor[stream] - 1
	e := r.rec.streams[stream][i]
	d := dec{b: r.rec.data[e.off : e.off+e.n]}
	site := r.rec.site(d.uv())
	r.mu.Unlock()
	r.diverge(th, &Divergence{Thread: stream, Event: i + 1, Now: now, NowAt: th.Site().String(),
		Then: r.describe(e), ThenAt: site})
}

// diverge stops the replay: every thread is cancelled, and th ends now.
func (r *Replayer) diverge(th *interp.Thread, d *Divergence) {
	r.mu.Lock()
	first := r.err == nil
	if first {
		r.err = d
	}
	r.mu.Unlock()
	if first && r.OnDiverge != nil {
		r.OnDiverge(th, d)
	}
	r.sched.Stop()
	th.In.Cancel(d.Error())
	panic(&interp.Terminate{Reason: d.Error()})
}

// describe says what a recorded record is, as a divergence shows it.
func (r *Replayer) describe(e entry) string {
	d := dec{b: r.rec.data[e.off : e.off+e.n]}
	d.uv() // site
	if e.kind.timed() {
		d.iv()
	}
	fd := func() int { return int(d.uv()) }
	switch e.kind {
	case kEnv:
		return fmt.Sprintf("get-environment-variable %q", d.str())
	case kObserve:
		return fmt.Sprintf("read of the %s", d.str())
	case kInput:
		return fmt.Sprintf("read of at most %s from standard input", sizeText(int(d.uv())))
	case kSocket:
		return fmt.Sprintf("socket (family %d, type %d, protocol %d)", d.uv(), d.uv(), d.uv())
	case kBind:
		f := fd()
		return fmt.Sprintf("bind of descriptor %d to %s", f, d.addr())
	case kListen:
		return fmt.Sprintf("listen on descriptor %d", fd())
	case kAccept:
		return fmt.Sprintf("accept on descriptor %d", fd())
	case kConnect:
		f := fd()
		return fmt.Sprintf("connect of descriptor %d to %s", f, d.addr())
	case kSocketError:
		return fmt.Sprintf("connection result of descriptor %d", fd())
	case kName:
		f := fd()
		return nameText(f, d.bool())
	case kSend:
		f := fd()
		return fmt.Sprintf("send of %s on descriptor %d", sizeText(int(d.uv())), f)
	case kRecv:
		f := fd()
		size := int(d.uv())
		return recvText(f, size, int(d.uv()))
	case kReadable:
		return fmt.Sprintf("FIONREAD on descriptor %d", fd())
	case kWait:
		f := fd()
		return waitText(f, d.bool())
	case kShutdown:
		return fmt.Sprintf("shutdown of descriptor %d", fd())
	case kLookupPort:
		d.str()
		return fmt.Sprintf("service lookup of %q", d.str())
	case kLookupIP:
		return fmt.Sprintf("name resolution of %q", d.str())
	}
	return e.kind.String()
}

func nameText(fd int, peer bool) string {
	if peer {
		return fmt.Sprintf("getpeername of descriptor %d", fd)
	}
	return fmt.Sprintf("getsockname of descriptor %d", fd)
}

func recvText(fd, size, flags int) string {
	peek := ""
	if flags&unix.MSG_PEEK != 0 {
		peek = " (peek)"
	}
	return fmt.Sprintf("recv of at most %s on descriptor %d%s", sizeText(size), fd, peek)
}

func waitText(fd int, write bool) string {
	if write {
		return fmt.Sprintf("wait until descriptor %d can be written", fd)
	}
	return fmt.Sprintf("wait until descriptor %d can be read", fd)
}

// recorded is the descriptor a replayed one stands for (-1: none).
func (r *Replayer) recorded(fd int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if v, ok := r.fds[fd]; ok {
		return v
	}
	return -1
}

// inert makes a descriptor to stand for a recorded socket: an eventfd, never ready, that
// interp/socket holds and closes as it would a socket.
func (r *Replayer) inert(th *interp.Thread, recorded int) int {
	fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	if err != nil {
		r.diverge(th, &Divergence{Thread: th.Serial(), Now: "socket", NowAt: th.Site().String(),
			Then: "socket, which the replay cannot stand for: " + err.Error()})
	}
	r.mu.Lock()
	r.fds[fd] = recorded
	r.mu.Unlock()
	return fd
}

// World.

func (r *Replayer) Now(th *interp.Thread) time.Time {
	if th == nil {
		return r.rec.Header.Start
	}
	if !th.Inspecting() {
		r.take(th, kNow, func() string { return "reading of the time" })
	}
	return r.Clock(th)
}

func (r *Replayer) Clock(th *interp.Thread) time.Time {
	if th != nil {
		r.mu.Lock()
		t, ok := r.last[th.Serial()]
		r.mu.Unlock()
		if ok {
			return fromMicros(t)
		}
	}
	return fromMicros(r.latest.Load())
}

func (r *Replayer) LookupEnv(th *interp.Thread, name string) (string, bool) {
	now := func() string { return fmt.Sprintf("get-environment-variable %q", name) }
	d := r.take(th, kEnv, now)
	if d.str() != name {
		r.differ(th, now())
	}
	ok := d.bool()
	return d.str(), ok
}

func (r *Replayer) Environ(th *interp.Thread) []string {
	d := r.take(th, kEnviron, func() string { return "get-environment-variables" })
	n := clampInt(d.uv(), len(d.b))
	out := make([]string, 0, n)
	for i := 0; i < n && !d.bad; i++ {
		out = append(out, d.str())
	}
	return out
}

func (r *Replayer) Random(th *interp.Thread) uint64 {
	if th == nil {
		// Drawn as the interpreter is made: from the main thread's stream, when it is there.
		r.mu.Lock()
		es, i := r.rec.streams[1], r.cursor[1]
		ok := i < len(es) && es[i].kind == kRandom
		if ok {
			r.cursor[1] = i + 1
		}
		r.mu.Unlock()
		if !ok {
			return 0
		}
		e := es[i]
		d := dec{b: r.rec.data[e.off : e.off+e.n]}
		d.uv()
		return binary.LittleEndian.Uint64(pad(d.raw(8), 8))
	}
	d := r.take(th, kRandom, func() string { return "random number" })
	return binary.LittleEndian.Uint64(pad(d.raw(8), 8))
}

func (r *Replayer) Observe(th *interp.Thread, what string, _ func() string) string {
	now := func() string { return "read of the " + what }
	d := r.take(th, kObserve, now)
	if d.str() != what {
		r.differ(th, now())
	}
	return d.str()
}

func (r *Replayer) Input(th *interp.Thread, p []byte, _ func([]byte) (int, error)) (int, error) {
	now := func() string { return fmt.Sprintf("read of at most %s from standard input", sizeText(len(p))) }
	d := r.take(th, kInput, now)
	if int(d.uv()) != len(p) {
		r.differ(th, now())
	}
	// The read let go of the lock as many times: the others' turns come in between.
	for turns := d.uv(); turns > 0; turns-- {
		th.Unlocked(func() {})
	}
	err := d.err()
	n := copy(p, d.bytes())
	return n, err
}

func (r *Replayer) InputReady(th *interp.Thread, _ func() bool) bool {
	return r.take(th, kInputReady, func() string { return "char-ready? on standard input" }).bool()
}

func (r *Replayer) Net() interp.Net             { return repNet{r} }
func (r *Replayer) Scheduler() interp.Scheduler { return &r.sched }

// turns is the replay's interpreter lock: it goes to the threads in the recorded order.
type turns struct {
	r       *Replayer
	mu      sync.Mutex
	cond    sync.Cond
	pos     int
	held    bool
	free    bool // stopped: no order any more
	waiting int
	who     map[int]bool // the threads waiting
	stuck   *time.Timer
}

// stuckAfter is how long every thread may wait, no turn taken, before the replay is declared
// diverged: the recorded turn is no one's.
const stuckAfter = 5 * time.Second

func (t *turns) Acquire(th *interp.Thread) {
	seq := t.r.rec.turns
	t.mu.Lock()
	for {
		if t.free {
			if !t.held {
				break
			}
		} else if !t.held {
			if t.pos < len(seq) && int(seq[t.pos]) == th.Serial() {
				t.pos++
				break
			}
			if t.pos >= len(seq) && (!t.r.rec.Complete || th.Serial() == 1) {
				t.mu.Unlock()
				t.r.diverge(th, &Divergence{Thread: th.Serial(), Now: "turn at the interpreter lock",
					NowAt: th.Site().String(), Cut: !t.r.rec.Complete, Over: t.r.rec.Complete})
			}
			if t.waiting+1 >= th.In.LiveThreads() && t.stuck == nil {
				// Everyone waits: if no turn is taken for a while, the recorded one is no
				// one's.
				pos, site := t.pos, th.Site()
				t.stuck = time.AfterFunc(stuckAfter, func() { t.check(th, site, pos) })
			}
		}
		t.waiting++
		if t.who == nil {
			t.who = map[int]bool{}
		}
		t.who[th.Serial()] = true
		t.cond.Wait()
		delete(t.who, th.Serial())
		t.waiting--
	}
	t.held = true
	t.mu.Unlock()
}

// check ends a replay whose threads all wait for a turn that none of them is given.
func (t *turns) check(th *interp.Thread, site *interp.Site, pos int) {
	t.mu.Lock()
	t.stuck = nil
	stuck := !t.free && !t.held && t.waiting >= th.In.LiveThreads() && t.pos == pos
	next := 0
	if t.pos < len(t.r.rec.turns) {
		next = int(t.r.rec.turns[t.pos])
	}
	var who []int
	for w := range t.who {
		who = append(who, w)
	}
	slices.Sort(who)
	t.mu.Unlock()
	if stuck {
		d := &Divergence{Thread: th.Serial(), Now: fmt.Sprintf("wait for the interpreter lock (threads %v wait)", who), NowAt: site.String(),
			Then: fmt.Sprintf("turn for thread %d, which does not ask for it (turn %d of %d)", next, t.pos+1, len(t.r.rec.turns))}
		t.r.mu.Lock()
		if t.r.err == nil {
			t.r.err = d
		}
		t.r.mu.Unlock()
		t.Stop()
		th.In.Cancel(d.Error())
	}
}

func (t *turns) Release(*interp.Thread) {
	t.mu.Lock()
	t.held = false
	t.cond.Broadcast()
	t.mu.Unlock()
}

func (t *turns) Stop() {
	t.mu.Lock()
	t.free = true
	t.cond.Broadcast()
	t.mu.Unlock()
}

func (t *turns) Replaying() bool { return true }

// repNet answers the socket calls from the recording.
type repNet struct{ r *Replayer }

// fdText is a replayed descriptor as the recording numbers it.
func (n repNet) fdText(fd int) int { return n.r.recorded(fd) }

func (n repNet) Socket(th *interp.Thread, family, typ, proto int) (int, error) {
	now := func() string { return fmt.Sprintf("socket (family %d, type %d, protocol %d)", family, typ, proto) }
	d := n.r.take(th, kSocket, now)
	if int(d.uv()) != family || int(d.uv()) != typ || int(d.uv()) != proto {
		n.r.differ(th, now())
	}
	fd, err := d.int(), d.err()
	if err != nil {
		return -1, err
	}
	return n.r.inert(th, fd), nil
}

func (n repNet) Bind(th *interp.Thread, fd int, a netip.AddrPort) error {
	now := func() string { return fmt.Sprintf("bind of descriptor %d to %s", n.fdText(fd), a) }
	d := n.r.take(th, kBind, now)
	if int(d.uv()) != n.fdText(fd) || d.addr() != a {
		n.r.differ(th, now())
	}
	return d.err()
}

func (n repNet) Listen(th *interp.Thread, fd, backlog int) error {
	now := func() string { return fmt.Sprintf("listen on descriptor %d", n.fdText(fd)) }
	d := n.r.take(th, kListen, now)
	if int(d.uv()) != n.fdText(fd) || int(d.uv()) != backlog {
		n.r.differ(th, now())
	}
	return d.err()
}

func (n repNet) Accept(th *interp.Thread, fd int) (int, error) {
	now := func() string { return fmt.Sprintf("accept on descriptor %d", n.fdText(fd)) }
	d := n.r.take(th, kAccept, now)
	if int(d.uv()) != n.fdText(fd) {
		n.r.differ(th, now())
	}
	nfd, err := d.int(), d.err()
	if err != nil {
		return -1, err
	}
	return n.r.inert(th, nfd), nil
}

func (n repNet) Connect(th *interp.Thread, fd int, a netip.AddrPort) error {
	now := func() string { return fmt.Sprintf("connect of descriptor %d to %s", n.fdText(fd), a) }
	d := n.r.take(th, kConnect, now)
	if int(d.uv()) != n.fdText(fd) || d.addr() != a {
		n.r.differ(th, now())
	}
	return d.err()
}

func (n repNet) SocketError(th *interp.Thread, fd int) (int, error) {
	now := func() string { return fmt.Sprintf("connection result of descriptor %d", n.fdText(fd)) }
	d := n.r.take(th, kSocketError, now)
	if int(d.uv()) != n.fdText(fd) {
		n.r.differ(th, now())
	}
	v := d.int()
	return v, d.err()
}

func (n repNet) Name(th *interp.Thread, fd int, peer bool) (netip.AddrPort, error) {
	now := func() string { return nameText(n.fdText(fd), peer) }
	d := n.r.take(th, kName, now)
	if int(d.uv()) != n.fdText(fd) || d.bool() != peer {
		n.r.differ(th, now())
	}
	a := d.addr()
	return a, d.err()
}

func (n repNet) Send(th *interp.Thread, fd int, p []byte, flags int) (int, error) {
	now := func() string { return fmt.Sprintf("send of %s on descriptor %d", sizeText(len(p)), n.fdText(fd)) }
	d := n.r.take(th, kSend, now)
	if int(d.uv()) != n.fdText(fd) || int(d.uv()) != len(p) || int(d.uv()) != flags {
		n.r.differ(th, now())
	}
	if binary.LittleEndian.Uint32(pad(d.raw(4), 4)) != crc32.Checksum(p, castagnoli) {
		n.r.differ(th, fmt.Sprintf("send of %s on descriptor %d, other bytes than the recorded ones", sizeText(len(p)), n.fdText(fd)))
	}
	sent := d.int()
	return sent, d.err()
}

func (n repNet) Recv(th *interp.Thread, fd int, p []byte, flags int) (int, netip.AddrPort, error) {
	now := func() string { return recvText(n.fdText(fd), len(p), flags) }
	d := n.r.take(th, kRecv, now)
	if int(d.uv()) != n.fdText(fd) || int(d.uv()) != len(p) || int(d.uv()) != flags {
		n.r.differ(th, now())
	}
	got, from, err := d.int(), d.addr(), d.err()
	copy(p, d.bytes())
	return got, from, err
}

func (n repNet) Readable(th *interp.Thread, fd int) (int, error) {
	now := func() string { return fmt.Sprintf("FIONREAD on descriptor %d", n.fdText(fd)) }
	d := n.r.take(th, kReadable, now)
	if int(d.uv()) != n.fdText(fd) {
		n.r.differ(th, now())
	}
	v := d.int()
	return v, d.err()
}

func (n repNet) Wait(th *interp.Thread, fd int, write bool, _ int, _ *atomic.Bool, _ int) (interp.Poll, error) {
	now := func() string { return waitText(n.fdText(fd), write) }
	d := n.r.take(th, kWait, now)
	if int(d.uv()) != n.fdText(fd) || d.bool() != write {
		n.r.differ(th, now())
	}
	b := d.byte()
	return interp.Poll{Ready: b&pollReady != 0, Woken: b&pollWoken != 0, Invalid: b&pollInvalid != 0}, d.err()
}

func (n repNet) Shutdown(th *interp.Thread, fd, how int) error {
	if th == nil {
		return nil // not the program's: not recorded
	}
	now := func() string { return fmt.Sprintf("shutdown of descriptor %d", n.fdText(fd)) }
	d := n.r.take(th, kShutdown, now)
	if int(d.uv()) != n.fdText(fd) || int(d.uv()) != how {
		n.r.differ(th, now())
	}
	return d.err()
}

func (n repNet) Closed(_ *interp.Thread, fd int) {
	n.r.mu.Lock()
	delete(n.r.fds, fd)
	n.r.mu.Unlock()
}

func (n repNet) LookupPort(th *interp.Thread, network, service string) (int, error) {
	now := func() string { return fmt.Sprintf("service lookup of %q", service) }
	d := n.r.take(th, kLookupPort, now)
	if d.str() != network || d.str() != service {
		n.r.differ(th, now())
	}
	port := d.int()
	return port, d.err()
}

func (n repNet) LookupIP(th *interp.Thread, host string) ([]netip.Addr, error) {
	now := func() string { return fmt.Sprintf("name resolution of %q", host) }
	d := n.r.take(th, kLookupIP, now)
	if d.str() != host {
		n.r.differ(th, now())
	}
	k := clampInt(d.uv(), len(d.b))
	var out []netip.Addr
	for i := 0; i < k && !d.bad; i++ {
		out = append(out, d.addr().Addr())
	}
	return out, d.err()
}

func (n repNet) InterfaceAddrs(th *interp.Thread) ([]netip.Prefix, error) {
	d := n.r.take(th, kIfAddrs, func() string { return "get-ip-addresses" })
	k := clampInt(d.uv(), len(d.b))
	var out []netip.Prefix
	for i := 0; i < k && !d.bad; i++ {
		a := d.addr().Addr()
		out = append(out, netip.PrefixFrom(a, int(d.uv())))
	}
	return out, d.err()
}
