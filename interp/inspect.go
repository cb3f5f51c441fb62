package interp

import "errors"

// What a debugger reads and runs on a stopped thread: the variables of a frame, expressions
// evaluated with them, and probes (a breakpoint's condition, compiled once, run at every hit).

// Var is a variable of a frame, for the debugger.
type Var struct {
	Name  string
	Value Value
	// Shadowed: an inner variable of the same name hides it here (the name means the other).
	Shadowed bool
}

// slotRef says where a visible variable of a frame lives.
type slotRef struct {
	name     string
	slot     int
	boxed    bool
	free     bool // in the closure, not on the stack
	shadowed bool // an inner variable of the same name is visible too
}

// depth orders the visible variables of one name from the outermost: captured ones, then a
// lifted loop's hidden parameters (they stand for the code around it), then the parameters,
// then the locals by the start of their scope (scopes nest: the later start is inside).
func depthOf(l LocalInfo, free bool) int {
	switch {
	case free:
		return -2
	case l.Outer:
		return -1
	case l.Scope.End.Offset == 0:
		return 0
	}
	return int(l.Scope.Start.Offset) + 1
}

// visible returns the variables of frame i visible at a position: its parameters and the
// locals whose scope holds the position, then its captured variables; nil if the frame is not
// a closure's.
func (th *Thread) visible(i int, at *Site) (*Closure, []slotRef) {
	if i < 0 || i >= len(th.frames) {
		return nil, nil
	}
	clo, ok := th.frames[i].Proc.o.(*Closure)
	if !ok {
		return nil, nil
	}
	var out []slotRef
	var depth []int
	for _, l := range clo.Lam.Locals {
		if at != nil && l.Scope.End.Offset > 0 && (at.Span.Start.Offset < l.Scope.Start.Offset || at.Span.Start.Offset > l.Scope.End.Offset) {
			continue
		}
		out = append(out, slotRef{name: l.Name, slot: l.Slot, boxed: l.Boxed})
		depth = append(depth, depthOf(l, false))
	}
	for _, l := range clo.Lam.Free {
		out = append(out, slotRef{name: l.Name, slot: l.Slot, boxed: l.Boxed, free: true})
		depth = append(depth, depthOf(l, true))
	}
	// Of the variables of one name, the innermost is the one the name means (the last of
	// equals); the others are shadowed.
	inner := map[string]int{}
	for j, r := range out {
		if k, ok := inner[r.name]; !ok || depth[j] >= depth[k] {
			inner[r.name] = j
		}
	}
	for j := range out {
		out[j].shadowed = inner[out[j].name] != j
	}
	return clo, out
}

// read returns a visible variable's value in frame fp of closure clo; ok false when it has no
// value yet (a letrec variable before its init).
func (th *Thread) read(r slotRef, fp int, clo *Closure) (Value, bool) {
	var v Value
	if r.free {
		if r.slot >= len(clo.Free) {
			return v, false
		}
		v = clo.Free[r.slot]
	} else {
		if fp+r.slot >= len(th.stack) {
			return v, false
		}
		v = th.stack[fp+r.slot]
	}
	if r.boxed {
		b, ok := v.o.(*Box)
		if !ok {
			return v, false // not boxed yet: its binding form has not run
		}
		v = b.V
	}
	return v, v.o != Unassigned.o
}

// Locals returns the variables visible in frame i (0 = outermost) of a stopped thread at a
// position, those with a value: its parameters and the locals whose scope holds the position,
// then its captured variables.
func (th *Thread) Locals(i int, at *Site) []Var {
	clo, refs := th.visible(i, at)
	var out []Var
	for _, r := range refs {
		if v, ok := th.read(r, th.frames[i].FP, clo); ok {
			out = append(out, Var{r.name, v, r.shadowed})
		}
	}
	return out
}

// SetLocal assigns the variable name visible in frame i at a position (see Locals) of a stopped
// thread. It reports false when there is no such variable, or when it is a captured variable
// that no code assigns (the closure holds a copy of its value, which cannot change).
func (th *Thread) SetLocal(i int, at *Site, name string, v Value) bool {
	clo, refs := th.visible(i, at)
	// The innermost binding of the name in scope: the one Locals shows unshadowed.
	for _, r := range refs {
		if r.name != name || r.shadowed {
			continue
		}
		if r.free {
			if b, ok := clo.Free[r.slot].o.(*Box); ok && r.boxed {
				b.V = v
				return true
			}
			return false
		}
		slot := &th.stack[th.frames[i].FP+r.slot]
		if r.boxed {
			if b, ok := slot.o.(*Box); ok {
				b.V = v
				return true
			}
			return false
		}
		*slot = v
		return true
	}
	return false
}

// EvalSource reads src and evaluates its forms in env on this thread, which must be stopped in
// the debugger hook or an interrupt: it returns the last value, or the error that was raised
// (the thread is then as it was). The forms also see the variables of bind (a frame's locals,
// by value). A cancel still ends the thread; another panic leaves the thread as it was, then
// goes on.
func (th *Thread) EvalSource(name, src string, env *Env, bind []Var) (v Value, err error) {
	th.dbg.inspecting++
	defer func() { th.dbg.inspecting-- }()
	forms, err := th.In.readCode(name, []byte(src))
	if err != nil {
		return Unspecified, err
	}
	if len(bind) > 0 && len(forms) > 0 {
		// (let ((name 'value) ...) form ...), the innermost of two variables of one name kept.
		seen := map[string]bool{}
		var bs []Value
		for i := len(bind) - 1; i >= 0; i-- {
			if !seen[bind[i].Name] && !bind[i].Shadowed {
				seen[bind[i].Name] = true
				bs = append(bs, List(Sym(bind[i].Name), QuoteForm(bind[i].Value)))
			}
		}
		binds := List(bs...)
		let := func(body ...Value) Value { return Cons(Obj(letIdent), Cons(binds, List(body...))) }
		for i, f := range forms {
			forms[i] = let(f)
			// A definition defines a global, its value computed with the locals:
			// (define (f a) body) is (define f (let (...) (lambda (a) body))).
			p, ok := f.o.(*Pair)
			if !ok || identName(p.Car) != "define" {
				continue
			}
			parts, ok := ListToSlice(p.Cdr)
			if !ok || len(parts) < 2 {
				continue
			}
			if sig, ok := parts[0].o.(*Pair); ok && isIdent(sig.Car) {
				forms[i] = List(p.Car, sig.Car, let(Cons(Obj(lambdaIdent), Cons(sig.Cdr, List(parts[1:]...)))))
			} else if isIdent(parts[0]) && len(parts) == 2 {
				forms[i] = List(p.Car, parts[0], let(parts[1]))
			}
		}
	}
	err = th.guarded(func() {
		v = Unspecified
		for _, f := range forms {
			v = th.Eval(f, env)
		}
	})
	return v, err
}

// guarded runs f on th; a raise or a syntax error that escapes f leaves the thread as it was
// and is returned. Other panics (a cancel) go on, after the thread is restored.
func (th *Thread) guarded(f func()) (err error) {
	saved, site := th.save(), th.site
	defer func() {
		if r := recover(); r != nil {
			err = th.unwound(r, saved, site)
		}
	}()
	f()
	return nil
}

// unwound restores the thread after a panic r escaped guarded code, and returns it as an
// error when it was a raise or a syntax error; anything else goes on.
func (th *Thread) unwound(r any, saved savedState, site *Site) error {
	if _, ok := r.(*contExit); ok {
		panic(r) // the thread belongs to another goroutine now
	}
	th.restore(saved)
	th.site = site
	switch x := r.(type) {
	case *schemeRaise:
		return x.uncaught()
	case *SyntaxError:
		return x
	}
	panic(r)
}

// lambdaIdent means lambda wherever it is used (a probe's procedure is made with it).
var lambdaIdent = &Ident{Sym: Intern("lambda"), mark: -2, env: nil, orig: Sym("lambda")}

// Probe is an expression compiled once to run in the frames of one procedure at one position:
// the variables visible there are its parameters. A breakpoint's condition is one; running it
// costs a call.
type Probe struct {
	lam  *Lambda // the frames it fits: their procedure's code
	at   *Site
	proc Value
	refs []slotRef
}

// NewProbe compiles src (one or more forms) for frame i of a stopped thread at a position, in
// env.
func (th *Thread) NewProbe(src string, env *Env, i int, at *Site) (*Probe, error) {
	th.dbg.inspecting++
	defer func() { th.dbg.inspecting-- }()
	forms, err := th.In.readCode("condition", []byte(src))
	if err != nil {
		return nil, err
	}
	if len(forms) == 0 {
		return nil, errors.New("an empty expression")
	}
	clo, refs := th.visible(i, at)
	p := &Probe{at: at}
	if clo != nil {
		p.lam = clo.Lam
	}
	// (lambda (name ...) form ...): the innermost of two variables of one name is the one seen.
	seen := map[string]bool{}
	var params []Value
	for j := len(refs) - 1; j >= 0; j-- {
		if !seen[refs[j].name] {
			seen[refs[j].name] = true
			p.refs = append(p.refs, refs[j])
			params = append(params, Sym(refs[j].name))
		}
	}
	lambda := Cons(Obj(lambdaIdent), Cons(List(params...), List(forms...)))
	err = th.guarded(func() { p.proc = th.Eval(lambda, env) })
	return p, err
}

// Fits reports whether p was compiled for frame i of th at this position.
func (p *Probe) Fits(th *Thread, i int, at *Site) bool {
	if i < 0 || i >= len(th.frames) {
		return p.lam == nil && p.at == at
	}
	clo, ok := th.frames[i].Proc.o.(*Closure)
	return ok && clo.Lam == p.lam && p.at == at
}

// RunProbe runs p in frame i of th (which it Fits): an error raised is returned, the thread as
// it was.
func (th *Thread) RunProbe(p *Probe, i int) (v Value, err error) {
	// No closure for guarded: a probe runs at every hit of a breakpoint.
	saved, site := th.save(), th.site
	th.dbg.inspecting++
	defer func() {
		th.dbg.inspecting--
		if r := recover(); r != nil {
			err = th.unwound(r, saved, site)
		}
	}()
	base := th.sp
	var clo *Closure
	fp := 0
	if i >= 0 && i < len(th.frames) {
		clo, _ = th.frames[i].Proc.o.(*Closure)
		fp = th.frames[i].FP
	}
	for _, r := range p.refs {
		x, ok := th.read(r, fp, clo)
		if !ok {
			x = Unassigned
		}
		th.push(x)
	}
	return th.apply(p.proc, base, len(p.refs)), nil
}
