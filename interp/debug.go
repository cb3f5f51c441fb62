package interp

// Hook is what a debugger attaches: Step is called on the running thread before each call (and
// each definition) while the hook is attached. It may block, which pauses the thread; it may
// inspect the thread's frames (Thread.Frames, Thread.Locals) in the meantime.
type Hook interface {
	Step(th *Thread, site *Site)
}

// ExceptionHook is a Hook that also hears of a raise that no handler will catch, on the raising
// thread before it unwinds, its frames intact: a debugger stops there.
type ExceptionHook interface {
	Hook
	Uncaught(th *Thread, obj Value)
}

// SetHook attaches (or, with nil, detaches) a debugger hook on every thread.
func (in *Interp) SetHook(h Hook) {
	in.mu.Lock()
	in.hook = h
	threads := append([]*Thread(nil), in.threads...)
	in.mu.Unlock()
	for _, th := range threads {
		th.updateFlags()
	}
}

func (th *Thread) updateFlags() {
	th.In.mu.Lock()
	hook := th.In.hook != nil
	th.In.mu.Unlock()
	th.imu.Lock()
	pending := len(th.pending) > 0
	th.imu.Unlock()
	f := th.flags.Load() & flagYield
	if hook {
		f |= flagHook
	}
	if pending {
		f |= flagInterrupt
	}
	th.flags.Store(f)
}

// Interrupt asks th to run fn on its own goroutine at its next step, or at once if it is
// blocked in an interruptible operation (accept, recv, reading a port ...). fn may block (a
// pause) or panic with Terminate (a cancel). It is safe to call from any goroutine.
func (th *Thread) Interrupt(fn func(th *Thread)) {
	th.imu.Lock()
	th.pending = append(th.pending, fn)
	wakes := make([]func(), 0, len(th.wakers))
	for _, w := range th.wakers {
		wakes = append(wakes, w)
	}
	th.imu.Unlock()
	th.flags.Or(flagInterrupt)
	for _, w := range wakes {
		w()
	}
}

// Blocking registers wake to be called (from another goroutine) when an interrupt is requested
// while th is blocked; the returned function unregisters it. A blocking operation calls it, and
// on being woken calls ServiceInterrupts and then resumes its wait.
func (th *Thread) Blocking(wake func()) (done func()) {
	// What the program printed before it waits shows now: a server that says it listens and
	// then waits for a client is seen waiting, on a pipe too.
	th.In.Stdout.Flush()
	th.imu.Lock()
	th.wakeID++
	id := th.wakeID
	if th.wakers == nil {
		th.wakers = map[int]func(){}
	}
	th.wakers[id] = wake
	pending := len(th.pending) > 0
	th.imu.Unlock()
	if pending {
		wake()
	}
	return func() {
		th.imu.Lock()
		delete(th.wakers, id)
		th.imu.Unlock()
	}
}

// InterruptPending reports whether an interrupt waits to be serviced.
func (th *Thread) InterruptPending() bool { return th.flags.Load()&flagInterrupt != 0 }

// ServiceInterrupts runs the pending interrupt functions on this thread.
func (th *Thread) ServiceInterrupts() {
	for {
		th.imu.Lock()
		if len(th.pending) == 0 {
			th.imu.Unlock()
			th.updateFlags()
			return
		}
		fn := th.pending[0]
		th.pending = th.pending[1:]
		th.imu.Unlock()
		fn(th)
	}
}

// poll is the slow path of a step: interrupts first, then the debugger hook.
func (th *Thread) poll(site *Site) {
	if th.flags.Load()&flagYield != 0 {
		th.flags.And(^flagYield)
		th.yieldGIL()
	}
	if th.flags.Load()&flagInterrupt != 0 {
		saved := th.site
		th.site = site
		th.ServiceInterrupts()
		th.site = saved
	}
	th.In.mu.Lock()
	h := th.In.hook
	th.In.mu.Unlock()
	if h != nil {
		saved := th.site
		th.site = site
		h.Step(th, site)
		th.site = saved
	}
}

// Terminate is the panic value that ends a thread when it is cancelled; guards do not catch it.
type Terminate struct{ Reason string }

// Cancel ends every thread of the program at its next step or blocking point.
func (in *Interp) Cancel(reason string) {
	in.mu.Lock()
	threads := append([]*Thread(nil), in.threads...)
	in.cancelled = true
	in.mu.Unlock()
	for _, th := range threads {
		th.Interrupt(func(*Thread) { panic(&Terminate{reason}) })
	}
}

// Var is a variable of a frame, for the debugger.
type Var struct {
	Name  string
	Value Value
}

// Locals returns the variables visible in frame i (0 = outermost) of a stopped thread: its
// parameters and the locals whose scope holds the position, then its captured variables.
func (th *Thread) Locals(i int, at *Site) []Var {
	if i < 0 || i >= len(th.frames) {
		return nil
	}
	f := th.frames[i]
	clo, ok := f.Proc.o.(*Closure)
	if !ok {
		return nil
	}
	var out []Var
	read := func(v Value, boxed bool) Value {
		if boxed {
			if b, ok := v.o.(*Box); ok {
				return b.V
			}
		}
		return v
	}
	for _, l := range clo.Lam.Locals {
		if at != nil && l.Scope.End.Offset > 0 && (at.Span.Start.Offset < l.Scope.Start.Offset || at.Span.Start.Offset > l.Scope.End.Offset) {
			continue
		}
		if f.FP+l.Slot >= len(th.stack) {
			continue
		}
		v := read(th.stack[f.FP+l.Slot], l.Boxed)
		if v.o == Unassigned.o {
			continue
		}
		out = append(out, Var{l.Name, v})
	}
	for _, l := range clo.Lam.Free {
		if l.Slot < len(clo.Free) {
			out = append(out, Var{l.Name, read(clo.Free[l.Slot], l.Boxed)})
		}
	}
	return out
}

// Threads returns the program's threads that have not ended, the main thread first.
func (in *Interp) Threads() []*Thread {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]*Thread(nil), in.threads...)
}

// EvalSource reads src and evaluates its forms in env on this thread, which must be stopped in
// the debugger hook or an interrupt: it returns the last value, or the error that was raised
// (the thread is then as it was). The forms also see the variables of bind (a frame's locals,
// by value). A cancel still ends the thread.
func (th *Thread) EvalSource(name, src string, env *Env, bind []Var) (v Value, err error) {
	forms, err := th.In.readCode(name, []byte(src))
	if err != nil {
		return Unspecified, err
	}
	if len(bind) > 0 && len(forms) > 0 {
		// (let ((name 'value) ...) form ...), the innermost of two variables of one name kept.
		seen := map[string]bool{}
		var bs []Value
		for i := len(bind) - 1; i >= 0; i-- {
			if !seen[bind[i].Name] {
				seen[bind[i].Name] = true
				bs = append(bs, List(Sym(bind[i].Name), QuoteForm(bind[i].Value)))
			}
		}
		forms = []Value{Cons(Obj(letIdent), Cons(List(bs...), List(forms...)))}
	}
	saved, site := th.save(), th.site
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		th.restore(saved)
		th.site = site
		switch x := r.(type) {
		case *schemeRaise:
			err = x.uncaught()
		case *SyntaxError:
			err = x
		default:
			panic(r)
		}
	}()
	v = Unspecified
	for _, f := range forms {
		v = th.Eval(f, env)
	}
	return v, nil
}

// SetLocal assigns the variable name visible in frame i at a position (see Locals) of a stopped
// thread. It reports false when there is no such variable, or when it is a captured variable
// that no code assigns (the closure holds a copy of its value, which cannot change).
func (th *Thread) SetLocal(i int, at *Site, name string, v Value) bool {
	if i < 0 || i >= len(th.frames) {
		return false
	}
	f := th.frames[i]
	clo, ok := f.Proc.o.(*Closure)
	if !ok {
		return false
	}
	set := func(slot *Value, boxed bool) bool {
		if boxed {
			if b, ok := slot.o.(*Box); ok {
				b.V = v
				return true
			}
			return false
		}
		*slot = v
		return true
	}
	// The innermost binding of the name in scope: the last one Locals would show.
	for j := len(clo.Lam.Locals) - 1; j >= 0; j-- {
		l := clo.Lam.Locals[j]
		if l.Name != name || f.FP+l.Slot >= len(th.stack) {
			continue
		}
		if at != nil && l.Scope.End.Offset > 0 && (at.Span.Start.Offset < l.Scope.Start.Offset || at.Span.Start.Offset > l.Scope.End.Offset) {
			continue
		}
		return set(&th.stack[f.FP+l.Slot], l.Boxed)
	}
	for _, l := range clo.Lam.Free {
		if l.Name == name && l.Slot < len(clo.Free) {
			return l.Boxed && set(&clo.Free[l.Slot], true)
		}
	}
	return false
}
