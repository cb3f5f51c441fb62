package interp

import (
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// gilLock is the interpreter lock of a live program. A thread that finds it taken sleeps in
// the kernel (a futex), as a C program's threads do on a mutex, rather than parking its
// goroutine: the thread that lets go wakes the next one directly on its own OS thread, with no
// trip through Go's scheduler and its run queues. Scheme threads spend their waits in the
// kernel anyway (sockets, poll), so each already keeps an OS thread; the lock adds none. A
// server of a thread per client hands the lock over at every round trip (bench/threads.sh).
type gilLock struct {
	// state is 0 when free, 1 when held, 2 when held and a thread may sleep on it.
	state atomic.Uint32
}

func (l *gilLock) Lock() {
	if !l.state.CompareAndSwap(0, 1) {
		l.lockSlow()
	}
}

func (l *gilLock) lockSlow() {
	// The holder often lets go within a few hundred nanoseconds (a send, a receive): a short
	// spin saves a sleep and a wake-up.
	for range gilSpin {
		if l.state.Load() == 0 && l.state.CompareAndSwap(0, 1) {
			return
		}
	}
	for l.state.Swap(2) != 0 {
		futex(&l.state, futexWaitPrivate, 2)
	}
}

const gilSpin = 100

// contended reports whether a thread may be sleeping on the lock.
func (l *gilLock) contended() bool { return l.state.Load() == 2 }

// Unlock lets the lock go; it reports whether it woke a sleeper.
func (l *gilLock) Unlock() bool {
	if l.state.Swap(0) == 2 {
		futex(&l.state, futexWakePrivate, 1)
		return true
	}
	return false
}

// handOver lets the lock go and, when a thread sleeps on it, gives that thread the time to take
// it (at most a millisecond) before it competes again: a thread that yields every few
// milliseconds must not take the lock straight back each time and starve the others.
func (l *gilLock) handOver() {
	if !l.Unlock() {
		return
	}
	deadline := time.Now().Add(time.Millisecond)
	for l.state.Load() == 0 && time.Now().Before(deadline) {
		unix.Syscall(unix.SYS_SCHED_YIELD, 0, 0, 0)
	}
}

// The futex(2) operations (golang.org/x/sys/unix does not name them).
const (
	futexWaitPrivate = 128 | 0 // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
	futexWakePrivate = 128 | 1 // FUTEX_WAKE | FUTEX_PRIVATE_FLAG
)

func futex(addr *atomic.Uint32, op int, val uint32) {
	unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), uintptr(op), uintptr(val), 0, 0, 0)
}
