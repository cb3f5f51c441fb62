package socket

import (
	"errors"
	"os"
	"sync/atomic"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// A blocked socket operation waits in poll(2) on two descriptors: the socket and an eventfd
// that an interrupt (a debugger pause, a cancel) or a close writes to. The thread sleeps in the
// kernel and the kernel wakes it directly when the socket is ready, as in C, which costs far
// less per wake-up than parking a goroutine in Go's network poller (a Go echo client and
// server took 1.6 times as long with the poller).

// waker ends one wait early. Each thread has one, made at its first wait and closed when
// the thread ends, so that a server holds its sockets and one eventfd per thread, never more.
// Descriptors are the sockets' first: an eventfd that would take one of the last quarter
// below the limit (RLIMIT_NOFILE) is not kept, and neither is one that cannot be made
// (EMFILE); the thread then waits without it, in slices of pollSlice, looking between them
// whether it was woken. So running out of descriptors fails only the operation that needs a
// new one (an accept), never a wait on a connection already open.
type waker struct {
	fd    int // the eventfd, or -1
	woken atomic.Bool
}

// pollSlice is how long a wait without an eventfd sleeps before it looks for a wake-up.
const pollSlice = 20 * time.Millisecond

type wakerKey struct{}

// threadWaker returns th's waker.
func threadWaker(th *interp.Thread) *waker {
	v, err := th.Resource(wakerKey{}, func() (any, error) {
		fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
		if err != nil {
			return nil, err
		}
		var lim unix.Rlimit
		if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && uint64(fd) >= lim.Cur/4*3 {
			unix.Close(fd)
			return nil, unix.EMFILE
		}
		return &waker{fd: fd}, nil
	})
	if err != nil {
		// This wait goes without an eventfd; the next one tries again.
		return &waker{fd: -1}
	}
	return v.(*waker)
}

// Close closes the eventfd when its thread ends.
func (w *waker) Close() error {
	if w.fd < 0 {
		return nil
	}
	err := unix.Close(w.fd)
	w.fd = -1
	return err
}

var one = [8]byte{1} // an eventfd adds the 8-byte native-endian count written to it

func (w *waker) wake() {
	w.woken.Store(true)
	if w.fd >= 0 {
		unix.Write(w.fd, one[:])
	}
}

// drain resets the waker before a wait.
func (w *waker) drain() {
	w.woken.Store(false)
	if w.fd >= 0 {
		var b [8]byte
		unix.Read(w.fd, b[:])
	}
}

// io runs attempt until it reports done. attempt does the system call and returns false on
// EAGAIN. The first try runs at once, because a call usually
// completes without waiting (data waiting, buffer space free). Otherwise the thread releases
// the interpreter lock and waits in poll(2) until the socket is ready, then tries again. An
// interrupt wakes the wait: it is serviced (a pause blocks here, a cancel unwinds from here)
// and the operation resumes. A close wakes it too, and the operation fails.
//
// A large transfer (size bytes or more: the kernel's copy takes microseconds) runs without the
// interpreter lock even when it does not wait, so that another thread runs meanwhile: a
// full-duplex program sends on one thread while it receives on another. A small one keeps the
// lock, so that a busy thread cannot make it wait for its turn — unless the program runs other
// threads (live, not serial): then every call lets them run, since a send on loopback does
// the receiver's kernel work too (a server of a thread per client: 50 clients' round trips
// 3.9 → 3.3–3.6 s, the server's CPU 2.3 → 1.9 s, bench/threads.sh).
//
// attempt runs inside RawConn.Read or Write, which keep the descriptor open (its number cannot
// be reused) until attempt returns; it may run without the interpreter lock.
func (s *Socket) io(th *interp.Thread, op string, write bool, size int, attempt func(fd int) bool) error {
	s.mu.Lock()
	f, rc := s.f, s.rc
	s.mu.Unlock()
	if f == nil {
		return errClosed
	}
	wait := false
	first := func(fd uintptr) bool {
		wait = !attempt(int(fd))
		return true
	}
	var err error
	if size >= largeTransfer || th.In.LiveThreads() > 1 && !th.In.Serial() {
		th.Unlocked(func() { err = rawIO(rc, write, first) })
	} else {
		err = rawIO(rc, write, first)
	}
	if err != nil || !wait {
		return err
	}

	w := threadWaker(th)
	w.drain()
	s.setBlocked(op) // the debugger shows what the socket is blocked in
	defer s.setBlocked("")
	th.SetWaiting(s.waitText(op, write))
	defer th.SetWaiting("")
	s.mu.Lock()
	s.waiting = append(s.waiting, th) // while it waits, and while a pause holds it there
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		for i, x := range s.waiting {
			if x == th {
				s.waiting = append(s.waiting[:i], s.waiting[i+1:]...)
				break
			}
		}
		s.mu.Unlock()
	}()
	timeout := -1
	if w.fd < 0 {
		timeout = int(pollSlice / time.Millisecond)
	}
	var perr error
	call := func(fd uintptr) bool {
		for {
			p, err := s.net.Wait(th, int(fd), write, w.fd, &w.woken, timeout)
			if err != nil && err != unix.EINTR {
				perr, wait = err, false
				return true
			}
			if p.Woken {
				wait = true
				return true
			}
			if p.Invalid {
				perr, wait = errClosed, false
				return true
			}
			if attempt(int(fd)) {
				wait = false
				return true
			}
		}
	}
	for {
		s.mu.Lock()
		f, rc := s.f, s.rc
		if f != nil {
			s.waiters = append(s.waiters, w)
		}
		s.mu.Unlock()
		if f == nil {
			return errClosed
		}
		done := th.Blocking(w.wake)
		// Without the interpreter lock: a thread that closes this socket holds it while it
		// waits for this call to let go of the descriptor.
		th.Unlocked(func() { err = rawIO(rc, write, call) })
		done()
		s.mu.Lock()
		for i, x := range s.waiters {
			if x == w {
				s.waiters = append(s.waiters[:i], s.waiters[i+1:]...)
				break
			}
		}
		closed := s.f == nil
		s.mu.Unlock()
		switch {
		case err != nil:
			return err
		case perr != nil:
			return perr
		case !wait:
			return nil
		case closed:
			return errClosed
		}
		w.drain()
		th.ServiceInterrupts()
	}
}

// largeTransfer is the size from which a transfer runs without the interpreter lock.
const largeTransfer = 16 << 10

// rawIO runs f on the descriptor, holding it open meanwhile.
func rawIO(rc interface {
	Read(func(uintptr) bool) error
	Write(func(uintptr) bool) error
}, write bool, f func(uintptr) bool) error {
	var err error
	if write {
		err = rc.Write(f)
	} else {
		err = rc.Read(f)
	}
	if errors.Is(err, os.ErrClosed) {
		return errClosed
	}
	return err
}
