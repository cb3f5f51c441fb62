package interp

// Re-entering a continuation after its first resumption: the state it captured (kept by its
// parking, continuation.go), checked, installed on the thread, and the Go stack rebuilt from it
// on a new goroutine (resume.go has the code that re-enters each frame).

// A resumer goes on with a builtin written in Go from a copy of its state, once the procedure
// it called (with CallWith) returns in a re-entered continuation.
type resumer interface {
	// resume finishes the builtin: th.resumeNext() rebuilds the frames above it and returns
	// what its procedure returned. c is the code that re-enters the builtin's own code unit
	// (eval, load), else nil.
	resume(th *Thread, c code) Value
	// clone copies the state: each re-entry goes on from the state of the capture.
	clone() resumer
}

// unitResumer is a builtin that runs compiled code in its frame (eval): the frames above it
// were called by that code.
type unitResumer interface {
	resumer
	unitOf() *codeUnit
}

// goCall marks a frame while it calls a procedure from Go code that cannot go on from a copy:
// a continuation captured there is re-entered once at most.
type goCall struct{}

func (goCall) resume(*Thread, code) Value { panic("interp: resuming a Go call") }
func (goCall) clone() resumer             { return goCallMark }

var goCallMark resumer = goCall{}

// entryPoint is what runs below a thread's frames: a program's top level, or a thread's thunk.
type entryPoint struct {
	unit   *codeUnit // the program
	thread bool      // a thread's thunk (frame 0, called from Go): its value ends the thread
}

// bottomReturn is the panic that brings the value of a rebuilt thread's bottom to the
// goroutine that runs the thread's top level, which returns it (runTop, the thread runner).
type bottomReturn struct{ v Value }

// reentry is what the first re-entry of a parking's continuation found out: the frames it
// captured, and whether and how each can be re-entered.
type reentry struct {
	frames []Frame
	codes  []code // per frame: the code that re-enters it (closures, eval), else nil
	bottom code   // the program's code, re-entered where it waits
	refuse string // why it cannot be re-entered, or ""
}

// allFrames returns all the frames p captured (snapshot): its parent's, then its own.
func (p *parking) allFrames() []Frame {
	if p.parent == nil {
		return p.ctx.frames
	}
	_, nf := p.below()
	return append(append(make([]Frame, 0, p.ctx.nframes), p.parent.allFrames()[:nf]...), p.ctx.frames...)
}

// plan checks, once, that every frame the continuation of p captured can be re-entered, and
// makes their code; refuse tells why not.
func (p *parking) plan() *reentry {
	if p.re != nil {
		return p.re
	}
	st := &reentry{frames: p.allFrames()}
	p.re = st
	fs := st.frames
	n := len(fs)
	st.codes = make([]code, n)
	refuse := func(i int, why string) *reentry {
		name := ProcName(fs[i].Proc)
		if name == "" {
			name = "a procedure"
		}
		st.refuse = "it was captured inside " + name + ", " + why
		return st
	}
	switch e := p.ctx.entry; {
	case e == nil:
		st.refuse = "it was captured outside a program's code"
		return st
	case e.thread:
	case p.ctx.bottomGo || n == 0:
		st.refuse = "it was captured in a procedure called by Go code of the program's top level"
		return st
	default:
		c, why := e.unit.resumeAt(fs[0].From, &fs[0])
		if c == nil {
			st.refuse = "it was captured in " + why + " of the program's top level"
			return st
		}
		st.bottom = c
	}
	for i := 0; i < n-1; i++ {
		fr := &fs[i]
		switch pr := fr.Proc.o.(type) {
		case *Closure:
			if fr.resumer() != nil {
				return refuse(i, "which called a procedure from Go (a parameterize converter, an exception handler of an error, a dynamic-wind thunk run by an escape)")
			}
			c, why := pr.Lam.unit.resumeAt(fs[i+1].From, &fs[i+1])
			if c == nil {
				return refuse(i, "in "+why)
			}
			st.codes[i] = c
		case *Primitive:
			switch r := fr.resumer().(type) {
			case nil, goCall:
				return refuse(i, "a builtin that cannot be resumed twice")
			case unitResumer:
				c, why := r.unitOf().resumeAt(fs[i+1].From, &fs[i+1])
				if c == nil {
					return refuse(i, "in "+why)
				}
				st.codes[i] = c
			}
		default:
			return refuse(i, "which cannot be resumed twice")
		}
	}
	if pr, ok := fs[n-1].Proc.o.(*Primitive); !ok || pr != callccPrim {
		return refuse(n-1, "which is not call/cc")
	}
	return st
}

// rebuilding is the state of a re-entry while it rebuilds the frames: the next frame to
// re-enter and the values the continuation returns.
type rebuilding struct {
	st      *reentry
	entry   *entryPoint
	nframes int
	next    int
	vals    Value
}

// reenter re-enters continuation k (resumed before) with vals: the dynamic-winds between here
// and there run, then a new goroutine rebuilds its frames; this goroutine ends (the thread's
// top level parks for good, unless an error comes back to it).
func (th *Thread) reenter(k *Continuation, vals Value) {
	p := k.park
	// What the continuation captured may be shared with parkings that are still lazy.
	th.snapshotLazy()
	st := p.plan()
	if st.refuse != "" {
		th.ErrorKind("implementation-restriction", "call-with-current-continuation",
			"this continuation cannot be re-entered again: "+st.refuse)
	}
	th.windTo(k.winders)
	var z *parking
	if th.root {
		z = newParking(th.saveContext(), true)
		th.lazyParks = append(th.lazyParks, z)
		th.rootPark = z
	}
	th.snapshotLazy()
	c := p.ctx
	top := th.sp
	p.install(th)
	if top > c.sp {
		clear(th.stack[c.sp:top])
	}
	// Each re-entry goes on from its own copy of the builtins' states.
	for i := range th.frames {
		if e := th.frames[i].ext; e != nil && e.resume != nil && e != goCallExt && e != valueExt {
			th.frames[i].ext = &frameExt{marks: e.marks, resume: e.resume.clone()}
		}
	}
	th.sp, th.fp, th.clo, th.site = c.sp, c.fp, c.clo, c.site
	th.handlers, th.params = c.handlers, c.params
	th.entry, th.bottomGo = c.entry, c.bottomGo
	th.root, th.base = false, nil
	th.rb = &rebuilding{st: st, entry: c.entry, nframes: c.nframes, vals: vals}
	go th.runRebuilt()
	if z != nil {
		th.park(z.ch) // only a panic comes here
	}
	panic(&contExit{})
}

// snapshotLazy copies what the lazy parkings share with the thread.
func (th *Thread) snapshotLazy() {
	for _, q := range th.lazyParks {
		q.snapshot(th)
	}
	th.lazyParks = th.lazyParks[:0]
}

// runRebuilt is the goroutine of a re-entry: it rebuilds the frames from the bottom; what the
// bottom returns, an error, an exit go on at the thread's top level.
func (th *Thread) runRebuilt() {
	defer func() {
		r := recover()
		if _, ok := r.(*contExit); ok {
			return
		}
		th.switchTo(th.rootPark, resumeMsg{panic: r, handlersAt: th.handlers, windersAt: th.winders, paramsAt: th.params})
	}()
	rb := th.rb
	var v Value
	if rb.st.bottom != nil {
		th.fp, th.clo, th.sp = 0, nil, rb.entry.unit.frameSize
		v = rb.st.bottom(th)
	} else {
		th.fp, th.clo = 0, nil
		v = th.resumeNext()
	}
	panic(&bottomReturn{v})
}

// resumeCallee re-enters the frame that code waiting in a call called.
func (th *Thread) resumeCallee() Value {
	if fr := &th.frames[th.rb.next]; fr.FP != th.sp {
		panic("interp: a re-entered frame is not where its caller pushed its arguments")
	}
	return th.resumeNext()
}

// resumeNext re-enters the next frame of the continuation being rebuilt and returns what it
// returns; the innermost one, call/cc's, returns the continuation's values.
func (th *Thread) resumeNext() Value {
	rb := th.rb
	i := rb.next
	rb.next++
	fr := th.frames[i]
	savedFp, savedClo := th.fp, th.clo
	if i == rb.nframes-1 {
		th.rb = nil
		return th.run(fr.Proc, fr.FP, 0, i, savedFp, savedClo, true, rb.vals)
	}
	var v Value
	switch p := fr.Proc.o.(type) {
	case *Closure:
		th.fp, th.clo, th.sp = fr.FP, p, fr.FP+p.Lam.FrameSize
		v = rb.st.codes[i](th)
	case *Primitive:
		v = fr.resumer().resume(th, rb.st.codes[i])
	}
	return th.run(fr.Proc, fr.FP, 0, i, savedFp, savedClo, true, v)
}

// callccPrim is call-with-current-continuation, the innermost frame of every continuation.
var callccPrim *Primitive

// raiseResumer goes on with a raise after its handler returned.
type raiseResumer struct {
	obj         Value
	continuable bool
	h           *handlerNode
}

func (r *raiseResumer) clone() resumer { c := *r; return &c }
func (r *raiseResumer) resume(th *Thread, _ code) Value {
	v := th.resumeNext()
	th.handlers = r.h
	return th.afterHandler(r.obj, r.continuable, r.h, v)
}

// valueResumer is a builtin whose value is what its procedure returns (call/cc's procedure,
// %execute-proc).
type valueResumer struct{}

func (valueResumer) clone() resumer                  { return valueResumer{} }
func (valueResumer) resume(th *Thread, _ code) Value { return th.resumeNext() }
