package interp

import (
	"sync/atomic"
	"time"
)

// A serial interpreter (its World has a Scheduler: recording, replaying) runs its threads one
// at a time and hands the lock over only at points of the program's own making: a blocking
// call, thread-yield!, a thread's end, and every Quantum steps while more than one thread
// lives. Nothing depends on the wall clock (no ticker asks threads to yield), so the order of
// the turns is all a replay needs to interleave the threads as they were. Live programs are
// not serial: their threads run as the Go mutex grants the lock, and yield on a timer.
//
// Steps are counted at stop sites (the places a debugger can stop; see debug.go) by the slow
// path that a flag sends threads to: in a replay always (Interp.Steps numbers the positions a
// debugger goes back to), while recording only while other threads live (for the quantum). A
// program that is neither pays nothing.

// serialState is the interpreter's side of serial running.
type serialState struct {
	replaying bool      // the scheduler replays turns: count every step
	start     time.Time // when the program started, as its world says
	nserial   int       // threads made (Thread.Serial), guarded by in.mu
	live      atomic.Int32
	// steps is the number of steps counted, by whichever thread holds the lock.
	steps atomic.Uint64
	watch atomic.Pointer[StepWatch]
}

// StepWatch is called at every counted step, on the thread that takes it, holding the lock;
// step is the step's number (Interp.Steps). It may block (a debugger stops the thread there).
type StepWatch func(th *Thread, site *Site, step uint64)

// Steps returns the number of steps taken so far (counted in a replay).
func (in *Interp) Steps() uint64 { return in.steps.Load() }

// LiveThreads counts the threads that have started and not ended (the main thread among them).
func (in *Interp) LiveThreads() int { return int(in.live.Load()) }

// WatchSteps makes f hear of every counted step (nil: none).
func (in *Interp) WatchSteps(f StepWatch) {
	if f == nil {
		in.watch.Store(nil)
		return
	}
	in.watch.Store(&f)
}

// counting reports whether threads count their steps now.
func (in *Interp) counting() bool {
	return in.sched != nil && (in.replaying || in.live.Load() > 1)
}

// count is a counted step: a thread whose quantum is spent lets the others take a turn.
// A debugger's evaluation is not counted: its steps are not the program's.
func (th *Thread) count(site *Site) {
	if th.dbg.inspecting > 0 {
		return
	}
	in := th.In
	n := in.steps.Add(1)
	if in.live.Load() > 1 {
		th.slice--
		if th.slice <= 0 {
			th.slice = Quantum
			th.yieldGIL()
		}
	}
	// After the yield: the state at step n is the state where a stop at n is.
	if w := in.watch.Load(); w != nil {
		(*w)(th, site, n)
	}
}

// threadStarts and threadEnds keep the count of live threads, with the lock held: it decides
// whether steps are counted, the same way in a recording and its replay.
func (in *Interp) threadStarts() {
	in.live.Add(1)
	in.liveChanged()
}

func (th *Thread) threadEnds() {
	if th.obj != nil {
		th.obj.finished.Store(true)
	}
	th.In.live.Add(-1)
	th.In.liveChanged()
}

func (in *Interp) liveChanged() {
	if in.sched == nil || in.replaying {
		return
	}
	for _, t := range in.Threads() {
		t.updateFlags()
	}
}

// waitFor waits until ready holds (it is checked with the lock held) and returns true, or
// until the deadline passes (the zero time: never) and returns false. Between checks the thread
// lets go of the lock while hint waits for a sign that ready may hold, for wake (an
// interrupt), or for timeout; in a replay hint does not run: the recorded turns say when the
// thread checks again, and it finds what it found then.
func (th *Thread) waitFor(ready func() bool, deadline time.Time, hint func(wake <-chan struct{}, timeout <-chan time.Time)) bool {
	for {
		if ready() {
			return true
		}
		if !deadline.IsZero() && !th.Now().Before(deadline) {
			return false
		}
		replaying := th.In.replaying
		th.blockOn(func(wake <-chan struct{}) bool {
			if !replaying {
				hint(wake, until(deadline))
			}
			return true
		})
		if th.InterruptPending() {
			th.ServiceInterrupts()
		}
	}
}

// pollEvery is a hint that looks at ready every millisecond (an exclusive, a condition).
func pollEvery(ready func() bool) func(wake <-chan struct{}, timeout <-chan time.Time) {
	return func(wake <-chan struct{}, timeout <-chan time.Time) {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for !ready() {
			select {
			case <-wake:
				return
			case <-timeout:
				return
			case <-t.C:
			}
		}
	}
}
