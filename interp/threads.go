package interp

import (
	"sync"
	"sync/atomic"
	"time"
)

// Scheme threads run on goroutines. One global lock (the GIL) lets a single Scheme thread run
// at a time, which keeps Go's memory safe when a program shares variables without locking; a
// thread releases it whenever it blocks (sockets, sleep, join, exclusives, reading a port) and,
// when other threads wait, every few milliseconds.

// SchemeThread is the object run-thread and make-thread return.
type SchemeThread struct {
	th       *Thread
	thunk    Value
	name     Value
	specific Value
	started  bool
	done     chan struct{}
	result   Value
	uncaught *Value // the raised object, if the thread ended with one
	exited   bool   // ended by exit-thread
	termed   bool
	// finished is set, with the lock held, when the thread has ended: a join sees it at a
	// point of the program's own making (serial.go).
	finished atomic.Bool
}

// Exclusive is a mutex that Scheme code takes and releases.
type Exclusive struct {
	mu    sync.Mutex // guards owner and waiters
	owner *Thread
	free  *sync.Cond
	// Name and Specific are the name given to make-exclusive and the value SRFI 18's
	// mutex-specific-set! stores.
	Name, Specific Value
}

// CondVar is a condition variable.
type CondVar struct {
	mu   sync.Mutex
	gen  uint64
	wake *sync.Cond
	// Name and Specific: as for Exclusive.
	Name, Specific Value
}

// A Deadline stands for a point in time (SRFI 18's time objects): a timeout argument may be one.
type Deadline interface{ Deadline() time.Time }

// Timeout reads a timeout argument as Foment does: an exact non-negative integer is a number of
// seconds from now, a Deadline a point in time.
func (th *Thread) Timeout(who string, v Value) time.Time {
	if d, ok := v.o.(Deadline); ok {
		return d.Deadline()
	}
	if !isIndex(v) {
		th.Error(who, "expected an exact non-negative fixnum or time", v)
	}
	return th.Now().Add(time.Duration(v.n) * time.Second)
}

// until returns a channel that receives at the deadline (never, for the zero time).
func until(deadline time.Time) <-chan time.Time {
	if deadline.IsZero() {
		return nil
	}
	return time.After(time.Until(deadline))
}

// Lock takes the exclusive for th, waiting until the deadline (the zero time: for ever); it
// reports whether it took it. It is taken with the interpreter lock held, so that which
// thread gets it is the program's doing (serial.go).
func (e *Exclusive) Lock(th *Thread, deadline time.Time) bool {
	return th.waitFor(func() bool { return e.tryLock(th) }, deadline,
		pollEvery(func() bool { return e.Owner() == nil }))
}

func (e *Exclusive) tryLock(th *Thread) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.owner == nil {
		e.owner = th
		return true
	}
	return false
}

// Unlock releases the exclusive.
func (e *Exclusive) Unlock() {
	e.mu.Lock()
	e.owner = nil
	e.mu.Unlock()
}

// Owner returns the thread that holds the exclusive, or nil.
func (e *Exclusive) Owner() *Thread {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.owner
}

// Wait releases e, waits until c is woken or the deadline passes (the zero time: no deadline),
// then takes e again; it reports whether c was woken.
func (c *CondVar) Wait(th *Thread, e *Exclusive, deadline time.Time) bool {
	c.mu.Lock()
	gen := c.gen
	c.mu.Unlock()
	e.Unlock()
	changed := func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.gen != gen
	}
	woken := th.waitFor(changed, deadline, pollEvery(changed))
	e.Lock(th, time.Time{})
	return woken
}

// Object returns the thread's Scheme object (what current-thread returns).
func (th *Thread) Object() Value {
	if th.obj == nil {
		th.obj = &SchemeThread{th: th, name: Str(th.Name), specific: False, started: true, done: make(chan struct{})}
	}
	return Obj(th.obj)
}

// Thread returns the thread a thread object runs on.
func (st *SchemeThread) Thread() *Thread { return st.th }

// CurrentHandler returns the procedure installed by the innermost with-exception-handler, or
// #f when there is none.
func (th *Thread) CurrentHandler() Value {
	for h := th.handlers; h != nil; h = h.next {
		if h.proc.o != nil && h.guard == nil {
			return h.proc
		}
	}
	return False
}

type threadExit struct{ v Value }

func (th *Thread) acquireGIL() {
	if !th.hasGIL {
		if s := th.In.sched; s != nil {
			s.Acquire(th)
		} else {
			th.In.gil.Lock()
		}
		th.hasGIL = true
		th.turns++
		th.In.gilTurns.Add(1)
		th.In.gilOwner.Store(th)
	}
}

func (th *Thread) releaseGIL() {
	if th.hasGIL {
		th.hasGIL = false
		th.In.gilOwner.CompareAndSwap(th, nil)
		if s := th.In.sched; s != nil {
			s.Release(th)
		} else {
			th.In.gil.Unlock()
		}
	}
}

// Unlocked runs f without the interpreter lock, so other threads run while f blocks.
func (th *Thread) Unlocked(f func()) {
	if !th.hasGIL {
		f()
		return
	}
	th.releaseGIL()
	defer th.acquireGIL()
	f()
}

// yieldGIL lets waiting threads run (called from poll when flagYield is set).
func (th *Thread) yieldGIL() {
	if !th.hasGIL {
		return
	}
	if th.In.sched != nil {
		th.releaseGIL()
		th.acquireGIL()
		return
	}
	th.hasGIL = false
	th.In.gilOwner.CompareAndSwap(th, nil)
	th.In.gil.handOver()
	th.acquireGIL()
}

// startTicker starts the clock of a live program's turns: a thread that has held the lock for
// a whole tick while another waits for it is asked to yield. Only that one: a server's threads
// hold it for microseconds between their sockets' calls, and yielding then would only make them
// hand it over for nothing.
func (in *Interp) startTicker() {
	if in.sched != nil {
		return // serial: threads take turns at points of their own making (serial.go)
	}
	in.tickOnce.Do(func() {
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			var last uint64
			for range t.C {
				in.mu.Lock()
				stop := in.finished
				in.mu.Unlock()
				if stop {
					return
				}
				turns := in.gilTurns.Load()
				if turns == last && in.gil.contended() {
					if th := in.gilOwner.Load(); th != nil {
						th.flags.Or(flagYield)
					}
				}
				last = turns
			}
		}()
	})
}

func threadArg(v Value) *SchemeThread { return v.o.(*SchemeThread) }

func init() {
	kindChecks["thread"] = func(v Value) bool { _, ok := v.o.(*SchemeThread); return ok }
	kindChecks["exclusive"] = func(v Value) bool { _, ok := v.o.(*Exclusive); return ok }

	newThreadObj := func(th *Thread, thunk, name Value) *SchemeThread {
		t := newThread(th.In, Display(name))
		st := &SchemeThread{th: t, thunk: thunk, name: name, specific: False, done: make(chan struct{})}
		t.obj = st
		return st
	}
	start := func(parent *Thread, st *SchemeThread) {
		st.started = true
		t := st.th
		t.params = parent.params
		parent.In.startTicker()
		parent.In.threadStarts()
		go func() {
			defer close(st.done)
			defer t.exit()
			t.In.threadStarted(t)
			defer t.In.threadExited(t)
			t.acquireGIL()
			defer t.releaseGIL()
			defer t.threadEnds()
			t.entry = &entryPoint{thread: true}
			err := t.runTop(func() {
				defer func() {
					if r := recover(); r != nil {
						if e, ok := r.(*threadExit); ok {
							st.result, st.exited = e.v, true
							return
						}
						if b, ok := r.(*bottomReturn); ok {
							// The thunk returned in a re-entered continuation (rebuild.go).
							st.result = b.v
							return
						}
						panic(r)
					}
				}()
				st.result = t.Call(st.thunk)
			})
			switch e := err.(type) {
			case nil:
			case *Uncaught:
				obj := e.Obj
				st.uncaught = &obj
			case *Terminate:
				st.termed = true
			case *ExitError:
				// (exit) from a thread ends the program.
				t.In.exitFromThread(e.Code)
			}
		}()
	}
	define("run-thread", func(th *Thread, a []Value) Value {
		st := newThreadObj(th, a[0], False)
		start(th, st)
		return Obj(st)
	})
	define("make-thread", func(th *Thread, a []Value) Value {
		name := False
		if len(a) > 1 {
			name = a[1]
		}
		return Obj(newThreadObj(th, a[0], name))
	})
	define("thread-start!", func(th *Thread, a []Value) Value {
		st := threadArg(a[0])
		if st.started {
			return th.Error("thread-start!", "expected a new thread", a[0])
		}
		start(th, st)
		return a[0]
	})
	define("thread-join!", func(th *Thread, a []Value) Value {
		st := threadArg(a[0])
		if !st.started {
			return th.Error("thread-join!", "thread was never started", a[0])
		}
		var deadline time.Time
		if len(a) > 1 {
			deadline = th.Timeout("thread-join!", a[1])
		}
		if !st.join(th, deadline) {
			if len(a) > 2 {
				return a[2]
			}
			return th.ErrorKind("join-timeout-exception", "thread-join!", "timeout waiting for join thread", a[0])
		}
		if st.termed {
			return th.ErrorKind("terminated-thread-exception", "thread-join!", "join thread was terminated", a[0])
		}
		if st.uncaught != nil {
			return th.ErrorKind("uncaught-exception", "thread-join!", "join thread had uncaught exception", *st.uncaught, a[0])
		}
		return st.result
	})
	// sleep takes milliseconds; thread-sleep! takes seconds or a time, as in Foment.
	sleep := func(deadline func(th *Thread, a []Value) time.Time) func(th *Thread, a []Value) Value {
		return func(th *Thread, a []Value) Value {
			th.waitFor(func() bool { return false }, deadline(th, a),
				func(wake <-chan struct{}, timeout <-chan time.Time) {
					select {
					case <-timeout:
					case <-wake:
					}
				})
			return Unspecified
		}
	}
	define("thread-sleep!", sleep(func(th *Thread, a []Value) time.Time {
		return th.Timeout("thread-sleep!", a[0])
	}))
	define("sleep", sleep(func(th *Thread, a []Value) time.Time {
		return th.Now().Add(time.Duration(a[0].n) * time.Millisecond)
	}))
	define("thread-yield!", func(th *Thread, a []Value) Value {
		th.yieldGIL()
		return Unspecified
	})
	define("current-thread", func(th *Thread, a []Value) Value { return th.Object() })
	define("thread?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*SchemeThread); return Bool(ok) })
	define("thread-name", func(th *Thread, a []Value) Value { return threadArg(a[0]).name })
	define("thread-name-set!", func(th *Thread, a []Value) Value {
		st := threadArg(a[0])
		st.name = a[1]
		st.th.Name = Display(a[1])
		return Unspecified
	})
	define("thread-specific", func(th *Thread, a []Value) Value { return threadArg(a[0]).specific })
	define("thread-specific-set!", func(th *Thread, a []Value) Value {
		threadArg(a[0]).specific = a[1]
		return Unspecified
	})
	define("thread-terminate!", func(th *Thread, a []Value) Value {
		st := threadArg(a[0])
		if st.th == th {
			// Ending itself, a thread leaves its dynamic-winds as exit does (Foment too);
			// terminated by another, it stops where it is.
			th.unwindTo(nil)
			panic(&Terminate{"thread-terminate!"})
		}
		st.th.Interrupt(func(*Thread) { panic(&Terminate{"thread-terminate!"}) })
		if st.started {
			st.join(th, time.Time{})
		}
		return Unspecified
	})
	define("exit-thread", func(th *Thread, a []Value) Value {
		th.unwindTo(nil) // the after thunks of the dynamic-winds run, as for exit
		panic(&threadExit{a[0]})
	})
	define("emergency-exit-thread", func(th *Thread, a []Value) Value {
		panic(&threadExit{a[0]})
	})
	define("exclusive?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Exclusive); return Bool(ok) })
	optName := func(a []Value) Value {
		if len(a) > 0 {
			return a[0]
		}
		return False
	}
	define("make-exclusive", func(th *Thread, a []Value) Value {
		e := &Exclusive{Name: optName(a), Specific: False}
		e.free = sync.NewCond(&e.mu)
		return Obj(e)
	})
	define("enter-exclusive", func(th *Thread, a []Value) Value {
		a[0].o.(*Exclusive).Lock(th, time.Time{})
		return Unspecified
	})
	define("leave-exclusive", func(th *Thread, a []Value) Value {
		a[0].o.(*Exclusive).Unlock()
		return Unspecified
	})
	define("try-exclusive", func(th *Thread, a []Value) Value {
		return Bool(a[0].o.(*Exclusive).tryLock(th))
	})
	define("make-condition", func(th *Thread, a []Value) Value {
		c := &CondVar{Name: optName(a), Specific: False}
		c.wake = sync.NewCond(&c.mu)
		return Obj(c)
	})
	define("condition-wait", func(th *Thread, a []Value) Value {
		c, ok := a[0].o.(*CondVar)
		if !ok {
			return th.Error("condition-wait", "expected a condition", a[0])
		}
		var deadline time.Time
		if len(a) > 2 {
			deadline = th.Timeout("condition-wait", a[2])
		}
		return Bool(c.Wait(th, a[1].o.(*Exclusive), deadline))
	})
	wake := func(who string) func(th *Thread, a []Value) Value {
		return func(th *Thread, a []Value) Value {
			c, ok := a[0].o.(*CondVar)
			if !ok {
				return th.Error(who, "expected a condition", a[0])
			}
			c.mu.Lock()
			c.gen++
			c.mu.Unlock()
			return Unspecified
		}
	}
	define("condition-wake", wake("condition-wake"))
	define("condition-wake-all", wake("condition-wake-all"))
	goMacros["with-exclusive"] = func(c *compiler, x Value, sc *scope) Value {
		a := c.formArgs(x, 2, -1)
		lam := func(body ...Value) Value { return c.mk(x, append([]Value{c.core("lambda"), Null}, body...)...) }
		return c.mk(x, prim("dynamic-wind"),
			lam(c.mk(x, prim("enter-exclusive"), a[0])),
			lam(a[1:]...),
			lam(c.mk(x, prim("leave-exclusive"), a[0])))
	}
}

// blockOn waits without the interpreter lock until wait returns true. wait gets a channel that
// receives when an interrupt (debugger pause, cancel) is requested; it returns false then, the
// interrupt is serviced with the lock held, and the wait resumes.
func (th *Thread) blockOn(wait func(wake <-chan struct{}) bool) {
	for {
		ch := make(chan struct{}, 1)
		done := th.Blocking(func() {
			select {
			case ch <- struct{}{}:
			default:
			}
		})
		var ok bool
		th.Unlocked(func() { ok = wait(ch) })
		done()
		if ok {
			return
		}
		th.ServiceInterrupts()
	}
}

// exitFromThread ends the program from a thread other than the main one.
func (in *Interp) exitFromThread(code int) {
	in.main.Interrupt(func(*Thread) { panic(&exitRequest{code}) })
}

// join waits until the thread has ended (true) or the deadline passes (false).
func (st *SchemeThread) join(th *Thread, deadline time.Time) bool {
	return th.waitFor(st.finished.Load, deadline, func(wake <-chan struct{}, timeout <-chan time.Time) {
		select {
		case <-st.done:
		case <-timeout:
		case <-wake:
		}
	})
}
