package socket

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// A blocked socket operation waits in its own blocking system call (see blocks), or in poll(2)
// on two descriptors: the socket and an eventfd that an interrupt (a debugger pause, a cancel)
// or a close writes to. Either way the thread sleeps in the kernel and the kernel wakes it
// directly when the socket is ready, as in C, which costs far less per wake-up than parking a
// goroutine in Go's network poller (a Go echo client and server took 1.6 times as long with
// the poller).

// waker ends a wait early. Each thread has one, made at its first wait; its eventfd is made
// at the first wait in poll and closed when the thread ends, so that a server holds its sockets
// and at most one eventfd per thread, never more. Descriptors are the sockets' first: an
// eventfd that would take one of the last quarter below the limit (RLIMIT_NOFILE) is not kept,
// and neither is one that cannot be made (EMFILE); the thread then waits without it, in slices
// of pollSlice, looking between them whether it was woken. So running out of descriptors fails
// only the operation that needs a new one (an accept), never a wait on a connection already
// open.
type waker struct {
	fd    int // the eventfd, or -1 until a wait in poll makes it (Close marks it closed)
	woken atomic.Bool
	// mu orders a wake from another goroutine and the close of the eventfd at the thread's end:
	// a late wake must not write to a descriptor number that a new file may have taken.
	mu     sync.Mutex
	closed bool
	wakeFn func() // wake, made once (Thread.Blocking takes it at every wait)
	// inCall is the thread's OS thread id while it waits in a blocking system call (the low
	// 32 bits), with the number of that call (the high ones); 0 outside one. seq numbers the
	// calls; only the thread uses it.
	inCall atomic.Uint64
	seq    uint32
	// dirty: a wait of the thread was woken, the eventfd may hold a count to read; only its
	// thread reads and writes it.
	dirty bool
}

// pollSlice is how long a wait without an eventfd sleeps before it looks for a wake-up.
const pollSlice = 20 * time.Millisecond

type wakerKey struct{}

// threadWaker returns th's waker.
func threadWaker(th *interp.Thread) *waker {
	v, _ := th.Resource(wakerKey{}, func() (any, error) {
		w := &waker{fd: -1}
		w.wakeFn = w.wake
		return w, nil
	})
	return v.(*waker)
}

// pollable makes the thread's eventfd for a wait in poll, the first time one needs it: a wait
// in a blocking call needs none (a server of a thread per connection holds one descriptor per
// connection, not two). When it cannot be made, or would take one of the last quarter of the
// descriptors, the wait goes without it, and the next one tries again.
func (w *waker) pollable() {
	if w.fd >= 0 {
		return
	}
	fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	if err != nil {
		return
	}
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && uint64(fd) >= lim.Cur/4*3 {
		unix.Close(fd)
		return
	}
	w.mu.Lock()
	if w.closed {
		unix.Close(fd)
	} else {
		w.fd = fd // only the thread sets it; a wake reads it under mu
	}
	w.mu.Unlock()
}

// Close closes the eventfd when its thread ends.
func (w *waker) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fd < 0 || w.closed {
		return nil
	}
	w.closed = true
	return unix.Close(w.fd)
}

var one = [8]byte{1} // an eventfd adds the 8-byte native-endian count written to it

func (w *waker) wake() {
	w.woken.Store(true)
	w.mu.Lock()
	if w.fd >= 0 && !w.closed {
		unix.Write(w.fd, one[:])
	}
	w.mu.Unlock()
	if c := w.inCall.Load(); c != 0 {
		go w.kick(c)
	}
}

// A connected stream socket of a live program waits in its own system call (recv, send on a
// blocking descriptor), as a C program's thread does: the kernel wakes the thread when the data
// comes, and the call takes it, one system call where poll and a non-blocking call took two or
// three (bench/threads.sh: about 3 µs of the server's CPU per round trip). A wake interrupts
// the call with a signal: SIGURG, which Go's runtime takes for its own preemption and
// otherwise ignores; the socket's receive and send timeouts are set (blockSlice), so that the
// kernel ends the call with EINTR rather than restart it (signal(7)). A signal may come just
// before the call starts and be lost: kick sends it again, more and more slowly, until the
// call is over.

// blockSlice is the socket timeout of a blocking call: after it the call ends (EAGAIN) and is
// made again.
const blockSlice = 10 * time.Second

// blocking makes attempt's call on fd, a system call that may wait, unless the thread was
// woken; it reports what attempt did. The thread stays on its OS thread meanwhile, so that kick
// finds it.
func (w *waker) blocking(attempt func(fd int, block bool) bool, fd int) bool {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	w.seq++
	w.inCall.Store(uint64(w.seq)<<32 | uint64(uint32(unix.Gettid())))
	defer w.inCall.Store(0)
	if w.woken.Load() {
		return false
	}
	return attempt(fd, true)
}

// kick interrupts the blocking call c until it is over.
func (w *waker) kick(c uint64) {
	pid := unix.Getpid()
	for d := 20 * time.Microsecond; w.inCall.Load() == c; d = min(2*d, 10*time.Millisecond) {
		unix.Tgkill(pid, int(uint32(c)), unix.SIGURG)
		time.Sleep(d)
	}
}

// blocks reports whether op on s waits in its own system call (see blocking): a receive or a
// send on a connected stream socket of a live program. The socket's descriptor is made
// blocking the first time.
func (s *Socket) blocks(th *interp.Thread, op string) bool {
	if op != "recv" && op != "send" || s.domain != unix.SOCK_STREAM || th.In.Serial() {
		return false
	}
	if s.blockMode.Load() {
		return true
	}
	s.mu.Lock()
	connected := s.connected()
	s.mu.Unlock()
	if !connected {
		return false
	}
	err := s.control(func(fd int) error {
		tv := unix.NsecToTimeval(int64(blockSlice))
		if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
			return err
		}
		if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_SNDTIMEO, &tv); err != nil {
			return err
		}
		return unix.SetNonblock(fd, false)
	})
	if err != nil {
		return false
	}
	s.blockMode.Store(true)
	return true
}

// drain resets the waker before a wait. The eventfd is read only when a wake may have written
// to it (a wait was woken, or the flag is set): most waits were never woken, and the read is a
// system call.
func (w *waker) drain() {
	if w.woken.Swap(false) || w.dirty {
		w.dirty = false
		if w.fd >= 0 {
			var b [8]byte
			unix.Read(w.fd, b[:])
		}
	}
}

// io runs attempt until it reports done. attempt does the system call and returns false on
// EAGAIN. The first try runs at once, because a call usually completes without waiting (data
// waiting, buffer space free). Otherwise the thread waits in poll(2), without the interpreter
// lock, until the socket is ready, then tries again. An interrupt wakes the wait: it is
// serviced with the lock held (a pause blocks here, a cancel unwinds from here) and the
// operation resumes. A close wakes it too, and the operation fails.
//
// A large transfer (size bytes or more: the kernel's copy takes microseconds) runs without the
// interpreter lock even when it does not wait, so that another thread runs meanwhile: a
// full-duplex program sends on one thread while it receives on another. A small one keeps the
// lock, so that a busy thread cannot make it wait for its turn — unless the program runs other
// threads (live, not serial): then every call lets them run, since a send on loopback does
// the receiver's kernel work too (a server of a thread per client, bench/threads.sh). Such a
// call lets go of the lock once, for its try and its wait together.
//
// attempt runs inside RawConn.Read or Write, which keep the descriptor open (its number cannot
// be reused) until attempt returns; it may run without the interpreter lock.
func (s *Socket) io(th *interp.Thread, op string, write bool, size int, attempt func(fd int, block bool) bool) error {
	block := s.blocks(th, op)
	try := size >= largeTransfer || th.In.LiveThreads() > 1 && !th.In.Serial()
	if block && !write {
		// A receive on a blocking descriptor goes straight to its call, which returns at once
		// when data is there. A send tries without waiting first: there is room nearly always.
		try = false
	} else if !try {
		s.mu.Lock()
		rc := s.rc
		closed := s.f == nil
		s.mu.Unlock()
		if closed {
			return errClosed
		}
		done := false
		err := rawIO(rc, func(fd uintptr) { done = attempt(int(fd), false) })
		if err != nil || done {
			return err
		}
	}
	// While the thread waits, and while a pause holds it here, the debugger sees it among the
	// socket's waiters, and what it waits in.
	shown := false
	defer func() {
		if shown {
			th.SetWaiting("")
			s.mu.Lock()
			s.waiting = remove(s.waiting, th)
			s.blocked = ""
			s.mu.Unlock()
		}
	}()
	for {
		var done bool
		var err error
		th.Unlocked(func() { done, err = s.await(th, op, write, try, block, &shown, attempt) })
		if err != nil || done {
			return err
		}
		// Woken: an interrupt is serviced with the lock held, then the wait goes on.
		try = false
		th.ServiceInterrupts()
	}
}

// await runs without the interpreter lock: it tries attempt first when try is set, then waits
// until the socket is ready and attempt completes (done), until an interrupt or a close wakes
// it (neither done nor an error: the caller services the interrupt and calls again), or until
// the wait fails. Before it waits the first time it shows the wait (shown: io takes it down).
func (s *Socket) await(th *interp.Thread, op string, write, try, block bool, shown *bool, attempt func(fd int, block bool) bool) (done bool, err error) {
	s.mu.Lock()
	rc := s.rc
	closed := s.f == nil
	s.mu.Unlock()
	if closed {
		return false, errClosed
	}
	// The state of the call is one object: a closure would put each variable it sets on the
	// heap, at every round trip of a server.
	c := &waitCall{s: s, th: th, op: op, write: write, try: try, block: block, shown: shown, attempt: attempt}
	if rerr := rawIO(rc, c.run); rerr != nil {
		c.err = rerr
	}
	if c.registered {
		s.mu.Lock()
		s.waiters = remove(s.waiters, c.w)
		s.mu.Unlock()
	}
	return c.done, c.err
}

// waitCall is await's call on the descriptor.
type waitCall struct {
	s                 *Socket
	th                *interp.Thread
	op                string
	write, try, block bool
	shown             *bool
	attempt           func(fd int, block bool) bool
	done, registered  bool
	err               error
	w                 *waker
}

func (c *waitCall) run(fd uintptr) {
	s, th := c.s, c.th
	if c.try && c.attempt(int(fd), false) {
		c.done = true
		return
	}
	w := threadWaker(th)
	c.w = w
	if !c.block {
		w.pollable() // before the wake is registered: a wake must find the eventfd to write to
	}
	w.drain()
	// (Blocking first: it flushes what the program printed, which shows before the wait.)
	unblock := th.Blocking(w.wakeFn)
	defer unblock()
	s.mu.Lock()
	if s.f == nil {
		s.mu.Unlock()
		c.err = errClosed
		return
	}
	s.waiters = append(s.waiters, w)
	if !*c.shown {
		s.waiting = append(s.waiting, th)
		s.blocked = c.op
	}
	s.mu.Unlock()
	c.registered = true
	if !*c.shown {
		*c.shown = true
		th.SetWaiting(s.waitText(c.op, c.write))
	}
	if c.block {
		// The call itself waits, in the kernel; a wake interrupts it (EINTR), and attempt
		// returns false then, or after part of a transfer, to look for a wake.
		for !w.woken.Load() {
			if w.blocking(c.attempt, int(fd)) {
				c.done = true
				return
			}
		}
		w.dirty = true
		return
	}
	timeout := -1
	if w.fd < 0 {
		timeout = int(pollSlice / time.Millisecond)
	}
	for {
		p, perr := s.net.Wait(th, int(fd), c.write, w.fd, &w.woken, timeout)
		switch {
		case perr != nil && perr != unix.EINTR:
			c.err = perr
			return
		case p.Woken:
			w.dirty = true
			return
		case p.Invalid:
			c.err = errClosed
			return
		case c.attempt(int(fd), false):
			c.done = true
			return
		}
	}
}

// remove takes the first x out of list.
func remove[T comparable](list []T, x T) []T {
	for i, y := range list {
		if y == x {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

// largeTransfer is the size from which a transfer runs without the interpreter lock.
const largeTransfer = 16 << 10

// rawIO runs f on the descriptor, holding it open meanwhile (RawConn.Control takes a reference
// and no lock: Read and Write would let one reader or writer in at a time, and keep another
// waiting in Go, where no wake reaches it). It fails only when the socket is being closed.
func rawIO(rc interface{ Control(func(uintptr)) error }, f func(uintptr)) error {
	if rc.Control(f) != nil {
		return errClosed
	}
	return nil
}
