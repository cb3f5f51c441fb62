package interp

import (
	"runtime"
	"sync/atomic"
)

// Re-entrant continuations (docs/continuations.md). The evaluator runs Scheme on the Go stack,
// which cannot be copied; so call/cc keeps the Go stack of its caller as it is, parked, and
// runs its procedure on a new goroutine of the same Scheme thread. A continuation is that
// parked goroutine: invoking it (or the procedure returning) hands it the values, and the
// goroutine that invoked it ends. Only one goroutine of a Scheme thread runs at a time, so the
// Thread's fields are the running goroutine's context; the others' are saved in their
// parkings, with a copy of the value stack taken when another goroutine is about to write
// over it.
//
// A parked goroutine resumes once; its state is copied first, so that the continuation can be
// re-entered again any number of times from the copy (rebuild.go). Code that never calls
// call/cc pays nothing.

// parking is a goroutine waiting at a call/cc for the values of its continuation.
type parking struct {
	*parkCtl
	ctx  threadContext
	lazy bool // ctx.stack and ctx.frames not copied yet: the thread's own are still its
	cont bool // a call/cc's: a continuation may re-enter it again
	// frozen: the state captured is kept (in ctx, copied) for re-entries after the first
	// resumption; re is what the first re-entry found out about it (rebuild.go).
	frozen bool
	re     *reentry
	// parent is the parking whose call/cc's procedure runs on the goroutine that parked here:
	// below its stack pointer and call/cc frame, the two have the same stack and frames, and
	// ctx holds only what is above.
	parent *parking
	depth  int // the length of its chain of parents
}

// parkCtl is what resumes or ends a parked goroutine. The cleanup of a continuation holds it
// until the collector finds the continuation unreachable, so it must not hold the parking's
// context: a context copied from the stack holds the continuations of the enclosing call/cc's,
// which the cleanup would then keep for one more collection each — with ctak's nesting, a
// chain that took a collection per link, and a heap that grew at every cycle.
type parkCtl struct {
	ch   chan resumeMsg
	used atomic.Bool // resumed already: a re-entry rebuilds its frames from frozen
	root bool        // the goroutine that runs the thread's top level (it cannot end early)
	// refs counts what may still resume it: its Continuation until the collector finds it
	// unreachable, and its call/cc's procedure until its goroutine ends. At zero the parked
	// goroutine ends too: a continuation that nothing can invoke leaks no goroutine.
	refs atomic.Int32
}

func newParking(ctx threadContext, root bool) *parking {
	return &parking{parkCtl: &parkCtl{ch: make(chan resumeMsg, 1), root: root}, ctx: ctx, lazy: true}
}

// release drops one of the holders that may resume p.
func (p *parkCtl) release() {
	if p.refs.Add(-1) == 0 && !p.root && p.used.CompareAndSwap(false, true) {
		p.ch <- resumeMsg{kill: true}
	}
}

// resumeMsg is what a parked goroutine receives: values to return, or a panic to go on with
// (an error that its continuation's extent raised, an exit).
type resumeMsg struct {
	vals  Value
	panic any
	kill  bool // nothing can resume the parked goroutine any more: it ends
	// The dynamic state a panic was raised with.
	handlersAt *handlerNode
	windersAt  *winder
	paramsAt   *paramBinding
}

// threadContext is the part of a Thread that belongs to the goroutine running on it.
type threadContext struct {
	sp, fp   int
	clo      *Closure
	site     *Site
	nframes  int
	handlers *handlerNode
	winders  *winder
	params   *paramBinding
	root     bool
	entry    *entryPoint
	bottomGo bool
	base     *parking // the parking whose call/cc's procedure the goroutine runs, or nil
	stack    []Value
	frames   []Frame
}

// contExit unwinds a goroutine whose continuation was abandoned: it invoked another one.
type contExit struct{}

func (th *Thread) saveContext() threadContext {
	return threadContext{sp: th.sp, fp: th.fp, clo: th.clo, site: th.site, nframes: len(th.frames),
		handlers: th.handlers, winders: th.winders, params: th.params, root: th.root,
		entry: th.entry, bottomGo: th.bottomGo, base: th.base}
}

// snapshot copies the thread's value stack and frames that a lazy parking still shares: those
// above its parent's (the parent has the rest).
func (p *parking) snapshot(th *Thread) {
	if !p.lazy {
		return
	}
	p.lazy = false
	sp, nf := p.below()
	p.ctx.stack = append([]Value(nil), th.stack[sp:p.ctx.sp]...)
	p.ctx.frames = freezeFrames(th.frames[nf:p.ctx.nframes])
}

// below returns the stack pointer and frame count of what p shares with its parent.
func (p *parking) below() (sp, nframes int) {
	if q := p.parent; q != nil {
		return q.ctx.sp, q.ctx.nframes - 1
	}
	return 0, 0
}

// install writes the stack and frames p captured (snapshot) on the thread: its parent's, then
// its own. (A loop down the chain, from p: a parent's part ends where its child's begins; the
// two share the frame of the parent's call/cc, which is the child's.)
func (p *parking) install(th *Thread) {
	if need := p.ctx.sp + 8; len(th.stack) < need {
		th.grow(need)
	}
	n := p.ctx.nframes
	if cap(th.frames) < n {
		fs := make([]Frame, len(th.frames), n+n/2)
		copy(fs, th.frames)
		th.frames = fs
	}
	th.frames = th.frames[:n]
	limit := n // the frames from limit on are written already
	// Below the parking the running goroutine shares with p (a parent of both), the thread's
	// stack and frames are that parking's still: this goroutine runs above its stack pointer
	// and call/cc frame, and has not changed them. (Escapes over nested call/cc's, ctak, copied
	// the whole chain at every resume.)
	stop := p.commonParent(th.base)
	for q := p; q != nil && q != stop; q = q.parent {
		sp, nf := q.below()
		copy(th.stack[sp:q.ctx.sp], q.ctx.stack)
		fs := q.ctx.frames
		if nf+len(fs) > limit {
			fs = fs[:limit-nf]
		}
		copy(th.frames[nf:], fs)
		limit = nf
	}
}

// commonParent returns the nearest parking of b's chain (b and its parents) that is a parent
// of p (p itself excluded: its own frames may have changed), or nil.
func (p *parking) commonParent(b *parking) *parking {
	q := p.parent
	for b != nil && q != nil && b.depth > q.depth {
		b = b.parent
	}
	for q != nil && b != nil && q.depth > b.depth {
		q = q.parent
	}
	for q != nil && b != nil && q != b {
		q, b = q.parent, b.parent
	}
	if q != b {
		return nil
	}
	return q
}

// freezeFrames copies frames whose extensions are then copies that no one changes (frames
// made from them change their own: setResumer), with copies of their resumers' states.
func freezeFrames(fs []Frame) []Frame {
	out := append([]Frame(nil), fs...)
	for i := range out {
		if e := out[i].ext; e != nil && !e.frozen {
			c := *e
			if c.resume != nil {
				c.resume = c.resume.clone()
			}
			c.frozen = true
			out[i].ext = &c
		}
	}
	return out
}

// keepFrames copies the frames of the lazy parkings above n before the running goroutine
// writes over them (a guard's clauses run with the guard's frames).
func (th *Thread) keepFrames(n int) {
	for _, q := range th.lazyParks {
		if q.ctx.nframes > n {
			q.snapshot(th)
		}
	}
}

// park suspends the running goroutine at a call/cc until its continuation is resumed, and
// returns the values it is resumed with.
func (th *Thread) park(ch chan resumeMsg) Value {
	parkedMore()
	msg := <-ch
	parked.Add(-1)
	if msg.kill {
		panic(&contExit{}) // without touching the thread: another goroutine runs on it
	}
	// The resumer has installed this goroutine's context.
	if msg.panic != nil {
		panic(msg.panic)
	}
	return msg.vals
}

// Parked goroutines that nothing can resume end only after a collection finds their
// continuations unreachable (release). Until then they count as live, with what their stacks
// hold, so the collector's next goal grows with them: a program that escapes over call/cc's
// (ctak) would pile up a few times more of them at every cycle, and its heap with them. So
// whenever the goroutines parked exceed their recent low by parkedStep, a collection starts
// (in the background) to end the dead ones.
var (
	parked    atomic.Int64 // goroutines parked at a call/cc, in every interpreter
	parkedLow atomic.Int64 // the lowest count since the last collection it started
	parkedGC  atomic.Bool  // a collection it started is running
)

const parkedStep = 1024

func parkedMore() {
	n := parked.Add(1)
	if low := parkedLow.Load(); n-1 < low {
		parkedLow.CompareAndSwap(low, n-1)
	} else if n-low > parkedStep && parkedGC.CompareAndSwap(false, true) {
		parkedLow.Store(n)
		go func() {
			runtime.GC()
			parkedGC.Store(false)
		}()
	}
}

// switchTo gives the thread to the goroutine parked at p, with msg. The caller must not touch
// the thread afterwards: it ends (or, the root, parks for good).
func (th *Thread) switchTo(p *parking, msg resumeMsg) {
	lazy := p.lazy
	if p.cont && !p.frozen {
		// Its state is kept for re-entries after this one (rebuild.go).
		p.snapshot(th)
		p.frozen = true
	}
	for _, q := range th.lazyParks {
		if q != p {
			q.snapshot(th)
		}
	}
	th.lazyParks = th.lazyParks[:0]
	top := th.sp
	c := p.ctx
	if !lazy {
		p.install(th)
	} else {
		if len(th.frames) > c.nframes {
			clear(th.frames[c.nframes:])
		}
		th.frames = th.frames[:c.nframes]
	}
	th.sp, th.fp, th.clo, th.site = c.sp, c.fp, c.clo, c.site
	th.endOverflow()
	th.handlers, th.winders, th.params, th.root = c.handlers, c.winders, c.params, c.root
	th.entry, th.bottomGo, th.base = c.entry, c.bottomGo, c.base
	if msg.panic != nil {
		// A panic keeps the dynamic state it was raised with: what it unwinds was unwound.
		th.handlers, th.winders, th.params = msg.handlersAt, msg.windersAt, msg.paramsAt
	}
	p.used.Store(true)
	// The stack above the new top holds the last goroutine's values: drop them.
	if top > th.sp {
		clear(th.stack[th.sp:top])
	}
	p.ch <- msg
}

// callcc is call-with-current-continuation.
func (th *Thread) callcc(proc Value) Value {
	p := newParking(th.saveContext(), th.root)
	p.cont, p.parent = true, th.base
	if p.parent != nil {
		p.depth = p.parent.depth + 1
	}
	p.refs.Store(2)
	k := &Continuation{th: th, park: p, winders: th.winders}
	runtime.AddCleanup(k, (*parkCtl).release, p.parkCtl)
	th.lazyParks = append(th.lazyParks, p)
	if th.root {
		th.rootPark = p
	}
	go th.runBody(proc, k, p)
	// Only the channel stays on this goroutine's stack, so that the parking and what it
	// holds can be collected with the continuation.
	return th.park(p.ch)
}

// runBody runs a call/cc's procedure on its own goroutine: what it returns goes to the
// continuation; a panic goes on in the continuation's goroutine.
func (th *Thread) runBody(proc Value, k *Continuation, p *parking) {
	// This goroutine never goes below p's stack pointer and call/cc frame: what is there is
	// what p captured (a continuation captured here shares it: rebuild.go).
	th.root, th.base = false, p
	defer func() {
		r := recover()
		if _, ok := r.(*contExit); ok {
			p.release() // (after a resume of p it was used already)
			return
		}
		// Errors, exits, a guard's exit: on in the continuation, or at the thread's top when
		// it was resumed already.
		target := p
		if !p.used.CompareAndSwap(false, true) {
			target = th.rootPark
		}
		th.switchTo(target, resumeMsg{panic: r, handlersAt: th.handlers, windersAt: th.winders, paramsAt: th.params})
	}()
	// (Rebuilt for a re-entry, call/cc's frame returns what proc returns: valueResumer.)
	v := th.CallWith(valueResumer{}, proc, Obj(k))
	th.resume(k, v) // ends this goroutine (contExit)
}

// resume hands values to a continuation: the dynamic-winds between here and there are left
// (after thunks) and entered (before thunks), then its goroutine runs and this one ends.
func (th *Thread) resume(k *Continuation, vals Value) {
	p := k.park
	if p.used.Load() {
		th.reenter(k, vals) // its goroutine went on: rebuild its frames from the copy
	}
	th.windTo(k.winders)
	if !p.used.CompareAndSwap(false, true) { // a winder resumed it meanwhile
		th.reenter(k, vals)
	}
	root := th.root
	if root {
		// The top level cannot end: it parks for good, unless an error comes back to it.
		z := newParking(th.saveContext(), true)
		th.lazyParks = append(th.lazyParks, z)
		th.rootPark = z
		th.switchTo(p, resumeMsg{vals: vals})
		th.park(z.ch) // only a panic comes here
		panic(&contExit{})
	}
	th.switchTo(p, resumeMsg{vals: vals})
	panic(&contExit{})
}

// windTo runs the after thunks of the dynamic-winds being left and the before thunks of those
// being entered, from the current winders to target.
func (th *Thread) windTo(target *winder) {
	common := commonWinder(th.winders, target)
	th.unwindTo(common)
	th.rewindTo(target)
}

func commonWinder(a, b *winder) *winder {
	for a != nil && b != nil && a != b {
		if a.depth > b.depth {
			a = a.next
		} else {
			b = b.next
		}
	}
	if a == nil || b == nil {
		return nil
	}
	return a
}
