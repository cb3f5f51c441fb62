package interp

import (
	"io"
	"sync"
	"sync/atomic"
)

// MaxDepth bounds non-tail recursion: deeper calls raise "stack overflow" long before Go's own
// stack limit would kill the process.
var MaxDepth = 400000

// overflowHeadroom is how many frames the handlers of a "stack overflow" condition may use
// beyond MaxDepth: a handler runs on top of the deep stack, and one that escapes (to a
// continuation taken before the recursion) must be able to make its few calls.
const overflowHeadroom = 10000

// Frame is one active procedure call, as backtraces and the debugger see it.
type Frame struct {
	Proc Value // the procedure (a *Closure for Scheme code)
	FP   int   // base of its slots on the thread's stack
	Site *Site // the call site that made this call (a tail call's, after one)
	// From is where the caller waits: the call site that made the frame's first call (in the
	// caller), which a tail call in the frame does not change.
	From *Site
	// ext holds what few frames have (the frame stays small: calls are the hot path).
	ext *frameExt
}

type frameExt struct {
	// marks are the continuation marks of this frame (with-continuation-mark, marks.go); a
	// tail call keeps them.
	marks *markList
	// resume is how a builtin's frame goes on from a copy of its state after the procedure
	// it calls returns, for continuations re-entered a second time (rebuild.go); goCallMark
	// while Go code that cannot (or node code of a Scheme frame) calls.
	resume resumer
	frozen bool // part of a continuation's state (or goCallExt, valueExt): copied to change
}

func (f *Frame) marks() *markList {
	if f.ext == nil {
		return nil
	}
	return f.ext.marks
}

func (f *Frame) setMarks(m *markList) {
	if f.ext == nil {
		if m == nil {
			return
		}
		f.ext = &frameExt{}
	} else if f.ext.frozen {
		f.ext = &frameExt{resume: f.ext.resume}
	}
	f.ext.marks = m
}

func (f *Frame) resumer() resumer {
	if f.ext == nil {
		return nil
	}
	return f.ext.resume
}

func (f *Frame) setResumer(r resumer) {
	if f.ext == nil || f.ext.frozen {
		var marks *markList
		if f.ext != nil {
			marks = f.ext.marks
		}
		switch {
		case marks != nil:
		case r == nil:
			f.ext = nil
			return
		case r == goCallMark:
			f.ext = goCallExt
			return
		case r == resumer(valueResumer{}):
			f.ext = valueExt
			return
		}
		f.ext = &frameExt{marks: marks}
	}
	f.ext.resume = r
}

// The extensions of frames that only call from Go, shared (never changed in place).
var (
	goCallExt = &frameExt{resume: goCallMark, frozen: true}
	valueExt  = &frameExt{resume: valueResumer{}, frozen: true}
)

// tailFrame is the frame of a tail call made in f: its marks stay, its resumer goes.
func tailFrame(f *Frame, fn Value, base int, site *Site) Frame {
	ext := f.ext
	if ext != nil {
		switch {
		case ext.marks == nil:
			ext = nil
		case ext.frozen:
			ext = &frameExt{marks: ext.marks}
		default:
			ext.resume = nil
		}
	}
	return Frame{Proc: fn, FP: base, Site: site, From: f.From, ext: ext}
}

// savedState is what an escape (continuation, guard) restores.
type savedState struct {
	sp, fp   int
	clo      *Closure
	nframes  int
	handlers *handlerNode
	winders  *winder
	params   *paramBinding
}

type winder struct {
	before, after Value
	next          *winder
	depth         int
}

type paramBinding struct {
	p    *Parameter
	v    Value
	next *paramBinding
}

// Thread runs Scheme code. Every Scheme thread has its own stack of values and frames.
type Thread struct {
	In *Interp

	stack []Value
	sp    int
	fp    int
	clo   *Closure

	frames []Frame
	site   *Site // the call site being executed

	tailFn   Value
	tailArgc int
	// headroom is overflowHeadroom while a stack overflow is being handled, until an escape
	// takes the stack back below MaxDepth.
	headroom int

	handlers *handlerNode
	winders  *winder
	params   *paramBinding

	// flags is non-zero when the thread must look up at its next step: it steps in a debugger,
	// a site is armed, an interrupt was requested, others wait for the lock. Call sites test it
	// with one load.
	flags atomic.Uint32
	// pending interrupts and the wake functions of the blocking operation in progress.
	imu     sync.Mutex
	pending []func(*Thread)
	wakers  map[int]func()
	wakeID  int

	Name   string
	obj    *SchemeThread
	hasGIL bool
	// serial numbers the thread in the order the program made it (1: main); turns counts
	// its turns at the lock; slice is what is left of its quantum (serial.go).
	serial int
	turns  uint64
	slice  int
	// Local is free for tools: the debugger keeps its per-thread state here.
	Local any
	// root: the running goroutine is the one that runs the thread's top level; lazyParks are
	// the parkings that still share the value stack, rootPark where the root waits
	// (continuation.go).
	root      bool
	lazyParks []*parking
	rootPark  *parking
	// resources are what extensions keep per thread (a socket wait's eventfd), closed when
	// the thread ends.
	resources map[any]any
	dbg       threadDebug
	// entry is the code that runs at the bottom of the thread's frames (resume.go); bottomGo
	// is set while it calls a procedure from Go, rb while a re-entry rebuilds the frames.
	entry    *entryPoint
	bottomGo bool
	rb       *rebuilding
	// base is the parking whose call/cc's procedure the running goroutine runs (nil: the top
	// level's goroutine, or a re-entry's).
	base *parking
}

const (
	flagStep  uint32 = 1 << iota // a debugger steps this thread: Step at every stop site
	flagArmed                    // some stop site is armed: Step there
	flagInterrupt
	flagYield // other threads wait for the interpreter lock
	flagCount // a serial program counts its steps (serial.go)
)

// newThread makes a thread of in, named before others (a debugger) can see it.
func newThread(in *Interp, name string) *Thread {
	th := &Thread{In: in, stack: make([]Value, 1024), frames: make([]Frame, 0, 64), Name: name, root: true,
		slice: Quantum}
	in.mu.Lock()
	in.nserial++
	th.serial = in.nserial
	in.threads = append(in.threads, th)
	in.mu.Unlock()
	th.updateFlags()
	return th
}

// Resource returns what an extension keeps for this thread under key, made by mk the first
// time. Values that are io.Closers are closed when the thread ends (the main thread's when
// the interpreter closes). Only the thread itself may call it.
func (th *Thread) Resource(key any, mk func() (any, error)) (any, error) {
	th.imu.Lock()
	v, ok := th.resources[key]
	th.imu.Unlock()
	if ok {
		return v, nil
	}
	v, err := mk()
	if err != nil {
		return nil, err
	}
	th.imu.Lock()
	if th.resources == nil {
		th.resources = map[any]any{}
	}
	th.resources[key] = v
	th.imu.Unlock()
	return v, nil
}

func (th *Thread) closeResources() {
	th.imu.Lock()
	rs := th.resources
	th.resources = nil
	th.imu.Unlock()
	for _, v := range rs {
		if c, ok := v.(io.Closer); ok {
			c.Close()
		}
	}
}

// exit removes a finished thread from the interpreter's list.
func (th *Thread) exit() {
	th.closeResources()
	in := th.In
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, t := range in.threads {
		if t == th {
			in.threads = append(in.threads[:i], in.threads[i+1:]...)
			return
		}
	}
}

func (th *Thread) grow(need int) {
	n := len(th.stack) * 2
	for n < need {
		n *= 2
	}
	s := make([]Value, n)
	copy(s, th.stack[:th.sp])
	th.stack = s
}

// push appends a value to the stack.
func (th *Thread) push(v Value) {
	if th.sp >= len(th.stack) {
		th.grow(th.sp + 1)
	}
	th.stack[th.sp] = v
	th.sp++
}

func (th *Thread) save() savedState {
	return savedState{th.sp, th.fp, th.clo, len(th.frames), th.handlers, th.winders, th.params}
}

func (th *Thread) restore(s savedState) {
	if th.sp > s.sp {
		// The frames left behind must not keep their data alive (an out-of-memory error
		// caught here frees what the failed computation built).
		clear(th.stack[s.sp:th.sp])
	}
	th.sp, th.fp, th.clo = s.sp, s.fp, s.clo
	clear(th.frames[s.nframes:])
	th.frames = th.frames[:s.nframes]
	th.handlers, th.params = s.handlers, s.params
	th.endOverflow()
}

// endOverflow takes back the headroom of a stack overflow once an escape has taken the stack
// below MaxDepth.
func (th *Thread) endOverflow() {
	if th.headroom != 0 && len(th.frames) < MaxDepth {
		th.headroom = 0
	}
}

// Call applies proc to args from Go (a primitive that calls back into Scheme). A continuation
// captured in proc can be re-entered once after Call returned; re-entering it again is refused
// (CallWith tells how the builtin goes on).
func (th *Thread) Call(proc Value, args ...Value) Value {
	return th.CallWith(nil, proc, args...)
}

// CallWith is Call from a builtin that can go on from a copy of its state r after proc
// returns: a continuation captured in proc can then be re-entered any number of times.
func (th *Thread) CallWith(r resumer, proc Value, args ...Value) Value {
	base := th.sp
	for _, a := range args {
		th.push(a)
	}
	if p, ok := proc.o.(*Primitive); ok {
		// A builtin's common case (a map's car, a sort's less?) needs no frame. (Not in apply:
		// every call of a closure would pay for the test.)
		if v, ok := th.fastPrimitive(p, base, len(args)); ok {
			th.sp = base
			return v
		}
	}
	if r == nil {
		r = goCallMark
	}
	top := len(th.frames) - 1
	if top < 0 {
		saved := th.bottomGo
		th.bottomGo = true
		v := th.apply(proc, base, len(args))
		th.bottomGo = saved
		return v
	}
	saved := th.frames[top].resumer()
	th.frames[top].setResumer(r)
	v := th.apply(proc, base, len(args))
	th.frames[top].setResumer(saved)
	return v
}

// apply calls proc with the argc arguments at stack[base:], pops them, and returns the result.
// It is the trampoline: code in tail position returns tailMarker after leaving the next
// procedure in th.tailFn and its arguments at the top of the stack, and the loop runs it in
// the same Go frame.
func (th *Thread) apply(fn Value, base, argc int) Value {
	// Every Scheme call nests a Go call of apply, so its frame is kept small — the rare cases
	// are in functions of their own — and deep recursion takes less of the Go stack.
	savedFp, savedClo := th.fp, th.clo
	nframes := len(th.frames)
	if nframes >= MaxDepth+th.headroom || nframes == cap(th.frames) {
		th.moreFrames(base)
	}
	th.frames = th.frames[:nframes+1]
	fr := &th.frames[nframes]
	fr.Proc, fr.FP, fr.Site, fr.From, fr.ext = fn, base, th.site, th.site, nil
	for {
		var v Value
		if f, ok := fn.o.(*Closure); ok {
			lam := f.Lam
			need := base + lam.FrameSize
			if need+8 > len(th.stack) {
				th.grow(need + 8)
			}
			if argc != lam.exactArgc {
				// A rest parameter (even an empty one) or a wrong count.
				argc = th.bindRest(f, base, argc)
			}
			// Clear the locals so that a stale value is never seen (by the debugger) nor kept
			// alive. (The slots where code keeps values after them are written before they
			// are read: keep.go.)
			if locals := base + lam.nlocals; locals > base+argc {
				clear(th.stack[base+argc : locals])
			}
			th.fp, th.clo, th.sp = base, f, need
			v = lam.body(th)
		} else if p, ok := fn.o.(*Primitive); ok {
			th.checkPrimitive(p, base, argc)
			v = p.Fn(th, th.stack[base:base+argc:base+argc])
		} else {
			var again bool
			if fn, v, again = th.applyOther(fn, base, argc, nframes); again {
				continue
			}
		}
		if isSpecial(v, tailObj) {
			// (The frames may have moved: calls inside grew them.)
			fr := &th.frames[nframes]
			if th.tailArgc < 0 {
				// A self tail call left its arguments in place.
				argc = fn.o.(*Closure).Lam.NReq
				th.sp = base + argc
				fr.Site = th.site
				continue
			}
			// Move the tail call's procedure and arguments down over this frame.
			fn, argc = th.tailFn, th.tailArgc
			from := th.sp - argc
			copy(th.stack[base:base+argc], th.stack[from:th.sp])
			th.sp = base + argc
			if fr.ext == nil {
				fr.Proc, fr.Site = fn, th.site
			} else {
				*fr = tailFrame(fr, fn, base, th.site)
			}
			continue
		}
		th.fp, th.clo, th.sp = savedFp, savedClo, base
		th.frames[nframes] = Frame{}
		th.frames = th.frames[:nframes]
		return v
	}
}

// run is apply's trampoline for frame nframes: it calls fn with the argc arguments at
// stack[base:] and the procedures that calls in tail position, then returns to the caller's
// context. resumed: the frame's code has already returned first (a re-entry rebuilt it:
// resume.go). It repeats apply's loop rather than sharing it: apply is on every call's path
// and tests no resumed flag.
func (th *Thread) run(fn Value, base, argc, nframes, savedFp int, savedClo *Closure, resumed bool, first Value) Value {
	for {
		var v Value
		if resumed {
			v, resumed = first, false
			goto done
		}
		if f, ok := fn.o.(*Closure); ok {
			lam := f.Lam
			need := base + lam.FrameSize
			if need+8 > len(th.stack) {
				th.grow(need + 8)
			}
			if argc != lam.exactArgc {
				argc = th.bindRest(f, base, argc)
			}
			if locals := base + lam.nlocals; locals > base+argc {
				clear(th.stack[base+argc : locals])
			}
			th.fp, th.clo, th.sp = base, f, need
			v = lam.body(th)
		} else if p, ok := fn.o.(*Primitive); ok {
			th.checkPrimitive(p, base, argc)
			v = p.Fn(th, th.stack[base:base+argc:base+argc])
		} else {
			var again bool
			if fn, v, again = th.applyOther(fn, base, argc, nframes); again {
				continue
			}
		}
	done:
		if isSpecial(v, tailObj) {
			if th.tailArgc < 0 {
				// A self tail call left its arguments in place.
				argc = fn.o.(*Closure).Lam.NReq
				th.sp = base + argc
				th.frames[nframes].Site = th.site
				continue
			}
			// Move the tail call's procedure and arguments down over this frame.
			fn, argc = th.tailFn, th.tailArgc
			from := th.sp - argc
			copy(th.stack[base:base+argc], th.stack[from:th.sp])
			th.sp = base + argc
			fr := &th.frames[nframes]
			*fr = tailFrame(fr, fn, base, th.site)
			continue
		}
		th.fp, th.clo, th.sp = savedFp, savedClo, base
		th.frames[nframes] = Frame{}
		th.frames = th.frames[:nframes]
		return v
	}
}

// callPrimitive is apply for a primitive p (fn) called not in tail position: with its
// frame as apply makes it, in a Go frame much smaller than apply's.
func (th *Thread) callPrimitive(p *Primitive, fn Value, base, argc int) Value {
	// The common cases of the commonest builtins need no frame (they cannot fail nor call).
	if v, ok := th.fastPrimitive(p, base, argc); ok {
		th.sp = base
		return v
	}
	nframes := len(th.frames)
	if nframes >= MaxDepth+th.headroom || nframes == cap(th.frames) {
		return th.apply(fn, base, argc)
	}
	savedFp, savedClo := th.fp, th.clo
	th.frames = th.frames[:nframes+1]
	fr := &th.frames[nframes]
	fr.Proc, fr.FP, fr.Site, fr.From, fr.ext = fn, base, th.site, th.site, nil
	th.checkPrimitive(p, base, argc)
	v := p.Fn(th, th.stack[base:base+argc:base+argc])
	th.fp, th.clo = savedFp, savedClo
	if isSpecial(v, tailObj) {
		// The primitive calls a procedure in its place (apply, call-with-values ...): that
		// call takes this frame, as in apply's loop.
		fn, argc = th.tailFn, th.tailArgc
		from := th.sp - argc
		copy(th.stack[base:base+argc], th.stack[from:th.sp])
		th.sp = base + argc
		th.site = th.frames[nframes].From
		th.frames[nframes] = Frame{}
		th.frames = th.frames[:nframes]
		return th.apply(fn, base, argc)
	}
	th.sp = base
	th.frames[nframes] = Frame{}
	th.frames = th.frames[:nframes]
	return v
}

// fastPrimitive does the call of p with the argc arguments at stack[base:] when its fast
// function takes them (inline.go).
func (th *Thread) fastPrimitive(p *Primitive, base, argc int) (Value, bool) {
	switch {
	case argc == 2 && p.fast2 != nil:
		return p.fast2(th.stack[base], th.stack[base+1])
	case argc == 1 && p.fast1 != nil:
		return p.fast1(th.stack[base])
	}
	return Value{}, false
}

// moreFrames raises "stack overflow" beyond MaxDepth frames (and the headroom), or makes room for more.
//
//go:noinline
func (th *Thread) moreFrames(base int) {
	n := len(th.frames)
	if n >= MaxDepth+th.headroom {
		th.sp = base
		// Its handlers get the headroom, once: an overflow within it goes to the outer ones.
		th.headroom = overflowHeadroom
		th.ErrorKind("implementation-restriction", "", "stack overflow", Fixnum(int64(n)))
	}
	frames := make([]Frame, n, 2*cap(th.frames)+16)
	copy(frames, th.frames)
	th.frames = frames
}

// applyOther is apply for what is neither a closure nor a primitive: a case-lambda gives the
// clause to apply instead (again), a parameter or a continuation the result.
//
//go:noinline
func (th *Thread) applyOther(fn Value, base, argc, nframes int) (next, v Value, again bool) {
	switch f := fn.o.(type) {
	case *CaseLambda:
		fn = th.selectClause(f, argc)
		th.frames[nframes].Proc = fn
		return fn, v, true
	case *Parameter:
		switch argc {
		case 0:
			v = th.paramValue(f)
		case 1:
			// (p value) sets the current binding, through the converter (Foment, SRFI 39).
			th.sp = base + argc
			th.setParam(f, th.stack[base])
			v = Unspecified
		default:
			th.sp = base + argc
			th.errorWho("<parameter>", ProcName(fn)+": expected zero or one arguments") // Foment's who
		}
	case *Continuation:
		if f.th != th {
			th.sp = base + argc
			th.Error("call/cc", "continuation of another thread")
		}
		th.resume(f, Values(append([]Value(nil), th.stack[base:base+argc]...)...))
	default:
		th.sp = base + argc
		th.Error("", "not a procedure", fn)
	}
	return fn, v, false
}

// tailCall is what code in tail position does: the arguments are already pushed.
func (th *Thread) tailCall(fn Value, argc int) Value {
	th.tailFn, th.tailArgc = fn, argc
	return tailMarker
}

// bindRest checks the arity of a closure call and gathers rest arguments into a list.
func (th *Thread) bindRest(f *Closure, base, argc int) int {
	lam := f.Lam
	if argc < lam.NReq || (!lam.Rest && argc > lam.NReq) {
		th.sp = base + argc
		th.Error(lam.Name, "expected "+arityWords(lam.NReq, lam.Rest), Fixnum(int64(argc)))
	}
	rest := Null
	for i := base + argc - 1; i >= base+lam.NReq; i-- {
		rest = Cons(th.stack[i], rest)
	}
	th.stack[base+lam.NReq] = rest
	return lam.NReq + 1
}

func (th *Thread) selectClause(f *CaseLambda, argc int) Value {
	for _, c := range f.Clauses {
		if argc == c.Lam.NReq || (c.Lam.Rest && argc >= c.Lam.NReq) {
			return Obj(c)
		}
	}
	msg := "no clause matches the number of arguments"
	if f.Name != "" {
		msg = f.Name + ": " + msg
	}
	return th.errorWho("case-lambda", msg, Fixnum(int64(argc)))
}

// Backtrace returns the call sites of the active frames, innermost first.
func (th *Thread) Backtrace() []*Site {
	out := make([]*Site, 0, len(th.frames)+1)
	if th.site != nil {
		out = append(out, th.site)
	}
	for i := len(th.frames) - 1; i >= 0; i-- {
		if s := th.frames[i].Site; s != nil && (len(out) == 0 || out[len(out)-1] != s) {
			out = append(out, s)
		}
	}
	return out
}

// Frames returns the active frames, outermost first. The slice is the thread's own: read it only
// while the thread is stopped.
func (th *Thread) Frames() []Frame { return th.frames }

// Site returns the site the thread is executing.
func (th *Thread) Site() *Site { return th.site }

func arityWords(req int, rest bool) string {
	if rest {
		return catalogArity(req, -1)
	}
	return catalogArity(req, req)
}
