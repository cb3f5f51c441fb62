package interp

import (
	"sync"
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
}

// Exclusive is a mutex that Scheme code takes and releases.
type Exclusive struct {
	mu    sync.Mutex // guards owner and waiters
	owner *Thread
	free  *sync.Cond
}

// CondVar is a condition variable.
type CondVar struct {
	mu   sync.Mutex
	gen  uint64
	wake *sync.Cond
}

type threadExit struct{ v Value }

func (th *Thread) acquireGIL() {
	if !th.hasGIL {
		th.In.gil.Lock()
		th.hasGIL = true
		th.In.gilOwner.Store(th)
	}
}

func (th *Thread) releaseGIL() {
	if th.hasGIL {
		th.hasGIL = false
		th.In.gilOwner.CompareAndSwap(th, nil)
		th.In.gil.Unlock()
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
	if th.hasGIL {
		th.releaseGIL()
		time.Sleep(0)
		th.acquireGIL()
	}
}

func (in *Interp) startTicker() {
	in.tickOnce.Do(func() {
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for range t.C {
				in.mu.Lock()
				threads := append([]*Thread(nil), in.threads...)
				stop := in.finished
				in.mu.Unlock()
				if stop {
					return
				}
				if len(threads) > 1 {
					for _, th := range threads {
						th.flags.Or(flagYield)
					}
				}
			}
		}()
	})
}

func threadArg(v Value) *SchemeThread { return v.o.(*SchemeThread) }

func init() {
	kindChecks["thread"] = func(v Value) bool { _, ok := v.o.(*SchemeThread); return ok }
	kindChecks["exclusive"] = func(v Value) bool { _, ok := v.o.(*Exclusive); return ok }

	newThreadObj := func(th *Thread, thunk, name Value) *SchemeThread {
		t := newThread(th.In)
		t.Name = Display(name)
		st := &SchemeThread{th: t, thunk: thunk, name: name, specific: False, done: make(chan struct{})}
		t.obj = st
		return st
	}
	start := func(parent *Thread, st *SchemeThread) {
		st.started = true
		t := st.th
		t.params = parent.params
		parent.In.startTicker()
		go func() {
			defer close(st.done)
			defer t.exit()
			t.In.threadStarted(t)
			defer t.In.threadExited(t)
			t.acquireGIL()
			defer t.releaseGIL()
			err := t.runTop(func() {
				defer func() {
					if r := recover(); r != nil {
						if e, ok := r.(*threadExit); ok {
							st.result, st.exited = e.v, true
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
		var timeout <-chan time.Time
		if len(a) > 1 {
			if !isIndex(a[1]) {
				return th.Error("thread-join!", "expected an exact non-negative fixnum or time", a[1])
			}
			timeout = time.After(time.Duration(a[1].n) * time.Millisecond)
		}
		timedOut := false
		th.blockOn(func(wake <-chan struct{}) bool {
			select {
			case <-st.done:
				return true
			case <-timeout:
				timedOut = true
				return true
			case <-wake:
				return false
			}
		})
		if timedOut {
			if len(a) > 2 {
				return a[2]
			}
			return th.Error("thread-join!", "timeout waiting for join thread", a[0])
		}
		if st.termed {
			return th.Error("thread-join!", "join thread was terminated", a[0])
		}
		if st.uncaught != nil {
			return th.Error("thread-join!", "join thread had uncaught exception", *st.uncaught, a[0])
		}
		return st.result
	})
	sleep := func(name string) func(th *Thread, a []Value) Value {
		return func(th *Thread, a []Value) Value {
			deadline := time.After(time.Duration(a[0].n) * time.Millisecond)
			th.blockOn(func(wake <-chan struct{}) bool {
				select {
				case <-deadline:
					return true
				case <-wake:
					return false
				}
			})
			return Unspecified
		}
	}
	define("thread-sleep!", sleep("thread-sleep!"))
	define("sleep", sleep("sleep"))
	define("thread-yield!", func(th *Thread, a []Value) Value {
		th.yieldGIL()
		return Unspecified
	})
	define("current-thread", func(th *Thread, a []Value) Value {
		if th.obj == nil {
			th.obj = &SchemeThread{th: th, name: Str(th.Name), specific: False, started: true, done: make(chan struct{})}
		}
		return Obj(th.obj)
	})
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
			panic(&Terminate{"thread-terminate!"})
		}
		st.th.Interrupt(func(*Thread) { panic(&Terminate{"thread-terminate!"}) })
		if st.started {
			th.blockOn(func(wake <-chan struct{}) bool {
				select {
				case <-st.done:
					return true
				case <-wake:
					return false
				}
			})
		}
		return Unspecified
	})
	define("exit-thread", func(th *Thread, a []Value) Value {
		panic(&threadExit{a[0]})
	})
	define("exclusive?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Exclusive); return Bool(ok) })
	define("make-exclusive", func(th *Thread, a []Value) Value {
		e := &Exclusive{}
		e.free = sync.NewCond(&e.mu)
		return Obj(e)
	})
	define("enter-exclusive", func(th *Thread, a []Value) Value {
		e := a[0].o.(*Exclusive)
		e.mu.Lock()
		if e.owner == nil {
			e.owner = th
			e.mu.Unlock()
			return Unspecified
		}
		e.mu.Unlock()
		th.blockOn(func(wake <-chan struct{}) bool {
			for {
				e.mu.Lock()
				if e.owner == nil {
					e.owner = th
					e.mu.Unlock()
					return true
				}
				e.mu.Unlock()
				select {
				case <-wake:
					return false
				case <-time.After(time.Millisecond):
				}
			}
		})
		return Unspecified
	})
	define("leave-exclusive", func(th *Thread, a []Value) Value {
		e := a[0].o.(*Exclusive)
		e.mu.Lock()
		e.owner = nil
		e.mu.Unlock()
		return Unspecified
	})
	define("try-exclusive", func(th *Thread, a []Value) Value {
		e := a[0].o.(*Exclusive)
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.owner == nil {
			e.owner = th
			return True
		}
		return False
	})
	define("make-condition", func(th *Thread, a []Value) Value {
		c := &CondVar{}
		c.wake = sync.NewCond(&c.mu)
		return Obj(c)
	})
	define("condition-wait", func(th *Thread, a []Value) Value {
		c, ok := a[0].o.(*CondVar)
		if !ok {
			return th.Error("condition-wait", "expected a condition", a[0])
		}
		e := a[1].o.(*Exclusive)
		c.mu.Lock()
		gen := c.gen
		c.mu.Unlock()
		e.mu.Lock()
		e.owner = nil
		e.mu.Unlock()
		th.blockOn(func(wake <-chan struct{}) bool {
			for {
				c.mu.Lock()
				woken := c.gen != gen
				c.mu.Unlock()
				if woken {
					return true
				}
				select {
				case <-wake:
					return false
				case <-time.After(time.Millisecond):
				}
			}
		})
		enter := registry["enter-exclusive"]
		enter.Fn(th, a[1:2])
		return Unspecified
	})
	wake := func(all bool) func(th *Thread, a []Value) Value {
		return func(th *Thread, a []Value) Value {
			c, ok := a[0].o.(*CondVar)
			if !ok {
				return th.Error("condition-wake", "expected a condition", a[0])
			}
			c.mu.Lock()
			c.gen++
			c.mu.Unlock()
			return Unspecified
		}
	}
	define("condition-wake", wake(false))
	define("condition-wake-all", wake(true))
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
