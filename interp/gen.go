package interp

import "strings"

// Code generation: the resolved tree becomes Go closures. Locals live on the thread's stack at
// th.fp+slot; captured variables are copied into the closure (boxed when assigned); globals are
// cells. No name is looked up at run time.

type genCtx struct {
	lam     *lambdaCtx
	free    []*binding
	freeIdx map[*binding]int
	parent  *genCtx
	// rec, under a debugger, records the stop sites of the code (debug.go); atLoad marks the
	// top-level code of a library, which runs while it is compiled.
	rec    *Interp
	atLoad bool
	// subst maps the outer variables of a lifted procedure to its hidden parameters (lift.go).
	subst map[*binding]*binding
}

// resolve returns the binding that stands for b in this lambda.
func (g *genCtx) resolve(b *binding) *binding {
	if s, ok := g.subst[b]; ok {
		return s
	}
	return b
}

// stopSite notes a place where generated code calls poll.
func (g *genCtx) stopSite(s *Site) {
	if g.rec != nil {
		g.rec.recordSite(s, g.atLoad)
	}
}

// freeIndex returns the closure slot of a variable of an enclosing lambda.
func (g *genCtx) freeIndex(b *binding) int {
	if i, ok := g.freeIdx[b]; ok {
		return i
	}
	i := len(g.free)
	g.free = append(g.free, b)
	g.freeIdx[b] = i
	return i
}

// raw returns code that reads a variable's storage: the box itself for boxed variables (closure
// creation copies boxes, not their contents).
func (g *genCtx) raw(b *binding) code {
	b = g.resolve(b)
	if b.lam == g.lam {
		slot := b.slot
		return func(th *Thread) Value { return th.stack[th.fp+slot] }
	}
	i := g.freeIndex(b)
	return func(th *Thread) Value { return th.clo.Free[i] }
}

// genUnit makes the code of a program's top level, an eval's or a library body's, which runs
// in a frame of ctx's slots.
func genUnit(root node, ctx *lambdaCtx, rec *Interp, atLoad bool) (code, *codeUnit) {
	g := &genCtx{lam: ctx, freeIdx: map[*binding]int{}, rec: rec, atLoad: atLoad}
	ctx.calls = mayCall(root)
	body := gen(root, g)
	return body, &codeUnit{root: root, g: g, frameSize: ctx.frameSize()}
}

func gen(n node, g *genCtx) code {
	switch n := n.(type) {
	case *constN:
		v := n.v
		return func(*Thread) Value { return v }
	case *localN:
		return genLocalRef(n, g)
	case *globalN:
		gl, at := n.g, n.at
		return func(th *Thread) Value {
			v := gl.Value
			if isSpecial(v, unassObj) {
				th.site = at.site()
				return th.undefinedVariable(gl)
			}
			return v
		}
	case *setLocalN:
		return genSetLocal(n, g)
	case *setGlobalN:
		return genSetGlobal(n, g)
	case *ifN:
		if _, ok := n.els.(*ifN); ok {
			return genIfChain(n, g)
		}
		test, then, els := gen(n.test, g), gen(n.then, g), gen(n.els, g)
		return func(th *Thread) Value {
			if !isSpecial(test(th), falseObj) {
				return then(th)
			}
			return els(th)
		}
	case *seqN:
		return genSeq(n, g)
	case *lambdaN:
		return genLambda(n, g)
	case *caseLambdaN:
		cls := make([]code, len(n.clauses))
		for i, l := range n.clauses {
			if l.name == "" {
				l.name = n.name
			}
			cls[i] = genLambda(l, g)
		}
		name := n.name
		return func(th *Thread) Value {
			cl := &CaseLambda{Name: name, Clauses: make([]*Closure, len(cls))}
			for i, c := range cls {
				cl.Clauses[i] = c(th).o.(*Closure)
			}
			return Obj(cl)
		}
	case *callN:
		return genCall(n, g)
	case *letN:
		return genLet(n, g)
	case *letrecN:
		return genLetrec(n, g)
	case *primN:
		return genPrim(n, g)
	case *guardN:
		return genGuard(n, g)
	case *mvBindN:
		return genMVBind(n, g)
	case *paramN:
		return genParam(n, g)
	case *stepN:
		e, site := gen(n.e, g), n.site
		g.stopSite(site)
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			return e(th)
		}
	}
	panic("interp: unknown node")
}

// genIfChain is an if whose else is an if again (a cond): one Go frame tries the tests in
// turn, where nested ifs would take one each — the Go stack of a deep recursion through a
// cond's last clause is that much smaller.
func genIfChain(n *ifN, g *genCtx) code {
	var tests, thens []code
	var last node = n
	for {
		x, ok := last.(*ifN)
		if !ok {
			break
		}
		tests, thens = append(tests, gen(x.test, g)), append(thens, gen(x.then, g))
		last = x.els
	}
	els := gen(last, g)
	if len(tests) == 2 {
		t0, t1, c0, c1 := tests[0], tests[1], thens[0], thens[1]
		return func(th *Thread) Value {
			if !isSpecial(t0(th), falseObj) {
				return c0(th)
			}
			if !isSpecial(t1(th), falseObj) {
				return c1(th)
			}
			return els(th)
		}
	}
	if len(tests) == 3 {
		t0, t1, t2, c0, c1, c2 := tests[0], tests[1], tests[2], thens[0], thens[1], thens[2]
		return func(th *Thread) Value {
			if !isSpecial(t0(th), falseObj) {
				return c0(th)
			}
			if !isSpecial(t1(th), falseObj) {
				return c1(th)
			}
			if !isSpecial(t2(th), falseObj) {
				return c2(th)
			}
			return els(th)
		}
	}
	return func(th *Thread) Value {
		for i, t := range tests {
			if !isSpecial(t(th), falseObj) {
				return thens[i](th)
			}
		}
		return els(th)
	}
}

func genLocalRef(n *localN, g *genCtx) code {
	b := g.resolve(n.b)
	at := n.at
	check := b.mutated // letrec-bound: may be read before its init ran
	if b.lam == g.lam {
		slot := b.slot
		switch {
		case b.boxed():
			return func(th *Thread) Value {
				v := th.stack[th.fp+slot].o.(*Box).V
				if isSpecial(v, unassObj) {
					th.site = at.site()
					return th.unassignedLocal(b.name)
				}
				return v
			}
		case check:
			return func(th *Thread) Value {
				v := th.stack[th.fp+slot]
				if isSpecial(v, unassObj) {
					th.site = at.site()
					return th.unassignedLocal(b.name)
				}
				return v
			}
		}
		return func(th *Thread) Value { return th.stack[th.fp+slot] }
	}
	i := g.freeIndex(b)
	if b.boxed() {
		return func(th *Thread) Value {
			v := th.clo.Free[i].o.(*Box).V
			if isSpecial(v, unassObj) {
				th.site = at.site()
				return th.unassignedLocal(b.name)
			}
			return v
		}
	}
	return func(th *Thread) Value { return th.clo.Free[i] }
}

func ifCode(test, then, els code) code {
	return func(th *Thread) Value {
		if !isSpecial(test(th), falseObj) {
			return then(th)
		}
		return els(th)
	}
}

func genSetLocal(n *setLocalN, g *genCtx) code {
	return setLocalCode(n.b, gen(n.val, g), g)
}

func setLocalCode(b *binding, val code, g *genCtx) code {
	b = g.resolve(b)
	if b.lam == g.lam {
		slot := b.slot
		if b.boxed() {
			return func(th *Thread) Value {
				v := val(th)
				th.stack[th.fp+slot].o.(*Box).V = v
				return Unspecified
			}
		}
		return func(th *Thread) Value {
			v := val(th)
			th.stack[th.fp+slot] = v
			return Unspecified
		}
	}
	// Only boxed variables can be assigned from another lambda.
	i := g.freeIndex(b)
	return func(th *Thread) Value {
		v := val(th)
		th.clo.Free[i].o.(*Box).V = v
		return Unspecified
	}
}

// storeLocal returns what assigns a local of this frame whose slot holds its value, or its box.
func storeLocal(b *binding) func(th *Thread, v Value) {
	slot := b.slot
	if b.boxed() {
		return func(th *Thread, v Value) { th.stack[th.fp+slot].o.(*Box).V = v }
	}
	return func(th *Thread, v Value) { th.stack[th.fp+slot] = v }
}

func genSetGlobal(n *setGlobalN, g *genCtx) code {
	return setGlobalCode(n, gen(n.val, g), g, true)
}

// setGlobalCode is the code of n with val as its value; poll: a definition is a stop site.
func setGlobalCode(n *setGlobalN, val code, g *genCtx, poll bool) code {
	gl, site := n.g, n.site
	if n.define {
		if !poll {
			return func(th *Thread) Value {
				gl.Value = val(th)
				return Unspecified
			}
		}
		g.stopSite(site)
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			gl.Value = val(th)
			return Unspecified
		}
	}
	return func(th *Thread) Value {
		v := val(th)
		if gl.Value.o == Unassigned.o {
			th.site = site
			return th.undefinedVariable(gl)
		}
		gl.Value = v
		return Unspecified
	}
}

func genAll(ns []node, g *genCtx) []code {
	cs := make([]code, len(ns))
	for i, e := range ns {
		cs[i] = gen(e, g)
	}
	return cs
}

func genSeq(n *seqN, g *genCtx) code {
	return seqCode(genAll(n.body, g))
}

func seqCode(cs []code) code {
	if len(cs) == 1 {
		return cs[0]
	}
	if len(cs) == 2 {
		a, b := cs[0], cs[1]
		return func(th *Thread) Value { a(th); return b(th) }
	}
	last := cs[len(cs)-1]
	init := cs[:len(cs)-1]
	return func(th *Thread) Value {
		for _, c := range init {
			c(th)
		}
		return last(th)
	}
}

// initSlot stores a new binding's first value: in a fresh box when closures capture and assign it.
func initSlot(b *binding) func(th *Thread, v Value) {
	slot := b.slot
	if b.boxed() {
		return func(th *Thread, v Value) { th.stack[th.fp+slot] = Obj(&Box{v}) }
	}
	return func(th *Thread, v Value) { th.stack[th.fp+slot] = v }
}

func genLet(n *letN, g *genCtx) code {
	inits := genAll(n.inits, g)
	sets := make([]func(*Thread, Value), len(n.binds))
	for i, b := range n.binds {
		sets[i] = initSlot(b)
	}
	body := gen(n.body, g)
	if len(inits) > 1 && anyCalls(n.inits[1:]) {
		// The values of the inits are kept while the later ones, which call, run.
		if n.keep == nil {
			n.keep = make([]keepSlot, len(inits)-1)
		}
		slots := make([]int, len(inits)-1)
		for i := range slots {
			slots[i] = g.keep(&n.keep[i])
		}
		return letKeptCode(0, nil, inits, slots, sets, body)
	}
	if len(inits) == 0 {
		// let-values: the body binds the slots itself; boxed ones start as boxes.
		return func(th *Thread) Value {
			for _, s := range sets {
				s(th, Unassigned)
			}
			return body(th)
		}
	}
	if len(inits) == 1 {
		i0, s0 := inits[0], sets[0]
		return func(th *Thread) Value {
			s0(th, i0(th))
			return body(th)
		}
	}
	return func(th *Thread) Value {
		// Inits are evaluated before any variable is bound: they run in the outer scope, and a
		// capture by an init must not see a half-built frame of a previous iteration.
		var buf [8]Value
		vals := buf[:0]
		for _, c := range inits {
			vals = append(vals, c(th))
		}
		for i, s := range sets {
			s(th, vals[i])
		}
		return body(th)
	}
}

// letKeptCode evaluates the inits of a let from k on, keeping each value but the last in its
// slot, then binds them all and runs the body; first, when not nil, is the value of init k
// (a re-entry: resume.go).
func letKeptCode(k int, first code, inits []code, slots []int, sets []func(*Thread, Value), body code) code {
	last := len(inits) - 1
	return func(th *Thread) Value {
		var v Value
		for i := k; i <= last; i++ {
			if i == k && first != nil {
				v = first(th)
			} else {
				v = inits[i](th)
			}
			if i < last {
				th.stack[th.fp+slots[i]] = v
			}
		}
		for i, s := range sets[:last] {
			s(th, th.stack[th.fp+slots[i]])
		}
		sets[last](th, v)
		return body(th)
	}
}

func anyCalls(ns []node) bool {
	for _, n := range ns {
		if mayCall(n) {
			return true
		}
	}
	return false
}

// letrecPlan is the order of a letrec's inits: those assigned at once, in order — procedures
// and constants first (as Foment, which folds them: any init can use them), then for letrec*
// the others — and those evaluated before any of them is assigned (letrec's others).
func letrecPlan(n *letrecN) (now, later []int) {
	for i, e := range n.inits {
		switch e.(type) {
		case *lambdaN, *caseLambdaN, *constN:
			now = append(now, i)
			continue
		}
		later = append(later, i)
	}
	if n.star || len(later) == 1 {
		return append(now, later...), nil
	}
	return now, later
}

func genLetrec(n *letrecN, g *genCtx) code {
	bodyN := internalProcedures(n, g) // (first: it may unbox the names it lifts)
	sets := make([]func(*Thread, Value), len(n.binds))
	assign := make([]func(*Thread, Value), len(n.binds))
	for i, b := range n.binds {
		sets[i] = initSlot(b)
		assign[i] = storeLocal(b)
	}
	inits := genAll(n.inits, g)
	body := gen(bodyN, g)
	now, later := letrecPlan(n)
	slots := letrecSlots(n, later, g)
	rest := letrecLater(later, -1, nil, inits, assign, slots, body)
	return func(th *Thread) Value {
		for _, s := range sets {
			s(th, Unassigned)
		}
		for _, i := range now {
			assign[i](th, inits[i](th))
		}
		return rest(th)
	}
}

// letrecSlots are the slots that keep the values of a letrec's later inits but the last.
func letrecSlots(n *letrecN, later []int, g *genCtx) []int {
	if len(later) < 2 {
		return nil
	}
	if n.keep == nil {
		n.keep = make([]keepSlot, len(later)-1)
	}
	slots := make([]int, len(later)-1)
	for i := range slots {
		slots[i] = g.keep(&n.keep[i])
	}
	return slots
}

// letrecLater evaluates a letrec's later inits from position k on (first, when not nil, is the
// value of init later[k]: a re-entry), assigns them all, and runs the body.
func letrecLater(later []int, k int, first code, inits []code, assign []func(*Thread, Value), slots []int, body code) code {
	if len(later) == 0 {
		return body
	}
	if k < 0 {
		k = 0
	}
	last := len(later) - 1
	return func(th *Thread) Value {
		var v Value
		for p := k; p <= last; p++ {
			if p == k && first != nil {
				v = first(th)
			} else {
				v = inits[later[p]](th)
			}
			if p < last {
				th.stack[th.fp+slots[p]] = v
			}
		}
		for p, i := range later[:last] {
			assign[i](th, th.stack[th.fp+slots[p]])
		}
		assign[later[last]](th, v)
		return body(th)
	}
}

func genLambda(n *lambdaN, g *genCtx) code {
	c, _ := genLambdaOpts(n, g, lambdaOpts{})
	return c
}

// lambdaOpts generate a lifted procedure (lift.go): hidden parameters after the lambda's own.
type lambdaOpts struct {
	subst   map[*binding]*binding
	hidden  int
	inPlace bool // a named let's loop that makes no procedure (lift.go)
}

// genLambdaOpts returns the code that makes a closure of n, and its procedure. The
// procedure's code is made once: code made again for a re-entry (resume.go) makes the same
// procedures.
func genLambdaOpts(n *lambdaN, g *genCtx, opts lambdaOpts) (code, *Lambda) {
	lam := n.lam
	if lam == nil {
		lam = buildLambda(n, g, opts)
	}
	if len(lam.freeB) == 0 {
		clo := Obj(&Closure{Lam: lam})
		return func(*Thread) Value { return clo }, lam
	}
	getters := make([]code, len(lam.freeB))
	for i, b := range lam.freeB {
		getters[i] = g.raw(b)
	}
	return func(th *Thread) Value {
		free := make([]Value, len(getters))
		for i, get := range getters {
			free[i] = get(th)
		}
		return Obj(&Closure{Lam: lam, Free: free})
	}, lam
}

// buildLambda makes the code of a lambda's body, once.
func buildLambda(n *lambdaN, g *genCtx, opts lambdaOpts) *Lambda {
	inner := &genCtx{lam: n.ctx, freeIdx: map[*binding]int{}, parent: g, rec: g.rec, subst: opts.subst}
	// A loop run in place, in a library's top-level code, runs only while the library is
	// loaded (before a debugger can set breakpoints there).
	inner.atLoad = g.atLoad && opts.inPlace
	n.ctx.calls = mayCall(n.body)
	body := gen(n.body, inner)
	lam := &Lambda{Name: n.name, NReq: len(n.req) + opts.hidden, Rest: n.rest != nil, FrameSize: n.ctx.frameSize(),
		nlocals: len(n.ctx.locals), Site: n.site}
	lam.unit = &codeUnit{root: n.body, g: inner, frameSize: lam.FrameSize}
	lam.exactArgc = lam.NReq
	if lam.Rest {
		lam.exactArgc = -1
	}
	if lam.Name == "" {
		lam.Name = "lambda"
	}
	params := append([]*binding(nil), n.req...)
	if n.rest != nil {
		params = append(params, n.rest)
	}
	var boxedParams []int
	for _, p := range params {
		if p.boxed() {
			boxedParams = append(boxedParams, p.slot)
		}
	}
	if len(boxedParams) > 0 {
		b := body
		body = func(th *Thread) Value {
			for _, s := range boxedParams {
				th.stack[th.fp+s] = Obj(&Box{th.stack[th.fp+s]})
			}
			return b(th)
		}
	}
	lam.body = body
	for _, b := range n.ctx.locals {
		lam.Locals = append(lam.Locals, LocalInfo{Name: b.name.Name, Slot: b.slot, Boxed: b.boxed(), Scope: scopeOf(b), Outer: b.outer})
	}
	for i, b := range inner.free {
		lam.Free = append(lam.Free, LocalInfo{Name: b.name.Name, Slot: i, Boxed: b.boxed(), Scope: scopeOf(b)})
	}
	lam.freeB = inner.free
	n.lam = lam
	return lam
}

func genCall(n *callN, g *genCtx) code {
	if c := genNamedLet(n, g); c != nil {
		return c
	}
	if f, ok := n.fn.(*localN); ok && f.b.lift != nil {
		return genKnownCall(n, f.b.lift, g)
	}
	fn := gen(n.fn, g)
	args := genAll(n.args, g)
	keep := -1
	if anyCalls(n.args) {
		if lateOperator(n) {
			keep = operatorLast
		} else {
			// The procedure is kept while arguments that call are evaluated.
			keep = g.keep(&n.keep)
		}
	}
	g.stopSite(n.site)
	return callCode(n, fn, args, keep)
}

// operatorLast, as callCode's keep: the call's operator is evaluated after its arguments.
const operatorLast = -2

// lateOperator reports whether call n evaluates its operator after its arguments: a variable
// or a constant, when an argument may call. Foment evaluates the operator last, so a
// continuation captured in an argument and re-entered calls what the variable holds then; and
// nothing is held across the arguments (keep.go).
func lateOperator(n *callN) bool {
	switch n.fn.(type) {
	case *globalN, *localN, *constN:
		return true
	}
	return false
}

// callCode is the code of call n: fn gives the procedure (kept in slot keep, if not -1), args
// the arguments.
func callCode(n *callN, fn code, args []code, keep int) code {
	site := n.site
	argc := len(args)
	if keep == operatorLast {
		if n.tail {
			return func(th *Thread) Value {
				if th.flags.Load() != 0 {
					th.poll(site)
				}
				for _, a := range args {
					th.push(a(th))
				}
				return th.tailFrom(fn(th), argc, site)
			}
		}
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			base := th.sp
			for _, a := range args {
				th.push(a(th))
			}
			f := fn(th)
			th.site = site
			return th.apply(f, base, argc)
		}
	}
	if keep >= 0 {
		if n.tail {
			return func(th *Thread) Value {
				if th.flags.Load() != 0 {
					th.poll(site)
				}
				f := fn(th)
				th.stack[th.fp+keep] = f
				for _, a := range args {
					th.push(a(th))
				}
				return th.tailFrom(f, argc, site)
			}
		}
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			f := fn(th)
			th.stack[th.fp+keep] = f
			base := th.sp
			for _, a := range args {
				th.push(a(th))
			}
			th.site = site
			return th.apply(f, base, argc)
		}
	}
	if n.tail {
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			f := fn(th)
			if c, ok := f.o.(*Closure); ok && c == th.clo && argc == c.Lam.NReq && argc <= 4 {
				// A loop calling itself: the new arguments go straight into this frame.
				var tmp [4]Value
				for i, a := range args {
					tmp[i] = a(th)
				}
				for i := 0; i < argc; i++ {
					th.stack[th.fp+i] = tmp[i]
				}
				th.site = site
				th.tailArgc = -1
				return tailMarker
			}
			for _, a := range args {
				th.push(a(th))
			}
			th.site = site
			return th.tailCall(f, argc)
		}
	}
	switch argc {
	case 0:
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			f := fn(th)
			th.site = site
			if p, ok := f.o.(*Primitive); ok {
				return th.callPrimitive(p, f, th.sp, 0)
			}
			return th.apply(f, th.sp, 0)
		}
	case 1:
		a0 := args[0]
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			f := fn(th)
			base := th.sp
			th.push(a0(th))
			th.site = site
			if p, ok := f.o.(*Primitive); ok {
				return th.callPrimitive(p, f, base, 1)
			}
			return th.apply(f, base, 1)
		}
	case 2:
		a0, a1 := args[0], args[1]
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			f := fn(th)
			base := th.sp
			th.push(a0(th))
			th.push(a1(th))
			th.site = site
			if p, ok := f.o.(*Primitive); ok {
				return th.callPrimitive(p, f, base, 2)
			}
			return th.apply(f, base, 2)
		}
	}
	return func(th *Thread) Value {
		if th.flags.Load() != 0 {
			th.poll(site)
		}
		f := fn(th)
		base := th.sp
		for _, a := range args {
			th.push(a(th))
		}
		th.site = site
		if p, ok := f.o.(*Primitive); ok {
			return th.callPrimitive(p, f, base, argc)
		}
		return th.apply(f, base, argc)
	}
}

// tailFrom makes the tail call of f with the argc arguments on top of the stack; a call of the
// running procedure with its own arity moves them into the frame's slots (a loop).
func (th *Thread) tailFrom(f Value, argc int, site *Site) Value {
	th.site = site
	if c, ok := f.o.(*Closure); ok && c == th.clo && argc == c.Lam.NReq {
		from := th.sp - argc
		copy(th.stack[th.fp:th.fp+argc], th.stack[from:th.sp])
		th.sp = from
		th.tailArgc = -1
		return tailMarker
	}
	return th.tailCall(f, argc)
}

func genMVBind(n *mvBindN, g *genCtx) code {
	return mvBindCode(n, gen(n.expr, g))
}

// mvBindCode binds the values of expr.
func mvBindCode(n *mvBindN, expr code) code {
	nreq := len(n.req)
	slots := n.req
	rest := n.rest
	site := n.site
	who := n.who
	if who == "" {
		who = "let-values"
	}
	store := func(th *Thread, b *binding, v Value) {
		if b.boxed() {
			if bx, ok := th.stack[th.fp+b.slot].o.(*Box); ok {
				bx.V = v
				return
			}
			th.stack[th.fp+b.slot] = Obj(&Box{v})
			return
		}
		th.stack[th.fp+b.slot] = v
	}
	return func(th *Thread) Value {
		v := expr(th)
		var vals []Value
		if mv, ok := v.o.(*MultipleValues); ok {
			vals = mv.Vals
		} else {
			vals = []Value{v}
		}
		if len(vals) < nreq || (rest == nil && len(vals) > nreq) {
			th.site = site
			want := strings.Replace(arityWords(nreq, rest != nil), "argument", "value", 1)
			th.Error(who, "expected "+want, Fixnum(int64(len(vals))))
		}
		for i, b := range slots {
			store(th, b, vals[i])
		}
		if rest != nil {
			store(th, rest, List(vals[nreq:]...))
		}
		return Unspecified
	}
}

// genParam evaluates each parameter and value in turn onto the stack (a value is converted
// there by its parameter's converter), binds them, runs the body and unbinds them.
func genParam(n *paramN, g *genCtx) code {
	ps, vs := genAll(n.params, g), genAll(n.vals, g)
	body := gen(n.body, g)
	keep := -1
	if mayCall(n.body) {
		keep = g.keep(&n.keep)
	}
	return paramCode(n, 0, nil, ps, vs, body, keep)
}

// paramCode is the code of n from child k on (the children are p0 v0 p1 v1 ...): first, when
// not nil, is the value of child k (a re-entry: resume.go), the ones before it are on the stack.
func paramCode(n *paramN, k int, first code, ps, vs []code, body code, keep int) code {
	site := n.site
	np := len(ps)
	return func(th *Thread) Value {
		base := th.sp - k
		for c := k; c < 2*np; c++ {
			var v Value
			switch {
			case c == k && first != nil:
				v = first(th)
			case c%2 == 0:
				v = ps[c/2](th)
			default:
				v = vs[c/2](th)
			}
			th.push(v)
			if c%2 == 1 {
				th.convertParam(base+c-1, site)
			}
		}
		return th.parameterize(base, np, body, keep)
	}
}

// convertParam checks the parameter at stack[at] and converts the value above it.
func (th *Thread) convertParam(at int, site *Site) {
	p, ok := th.stack[at].o.(*Parameter)
	if !ok {
		th.site = site
		th.Error("parameterize", "expected a parameter", th.stack[at])
	}
	if p.Converter.o != False.o && p.Converter.o != nil {
		th.stack[at+1] = th.Call(p.Converter, th.stack[at+1])
	}
}

// parameterize binds the np parameters and values at stack[base:], runs body (with the
// bindings outside kept in slot keep, if not -1) and unbinds them.
func (th *Thread) parameterize(base, np int, body code, keep int) Value {
	saved := th.params
	newb := make([]paramBinding, np)
	for i := range newb {
		newb[i] = paramBinding{p: th.stack[base+2*i].o.(*Parameter), v: th.stack[base+2*i+1]}
	}
	clear(th.stack[base : base+2*np])
	th.sp = base
	for i := range newb {
		newb[i].next = th.params
		th.params = &newb[i]
	}
	if keep >= 0 {
		th.stack[th.fp+keep] = Value{o: saved}
	}
	v := body(th)
	th.params = saved
	return v
}

// setParam sets p's innermost binding, or its global value outside any parameterize.
func (th *Thread) setParam(p *Parameter, v Value) {
	if p.Converter.o != False.o && p.Converter.o != nil {
		v = th.Call(p.Converter, v)
	}
	for b := th.params; b != nil; b = b.next {
		if b.p == p {
			b.v = v
			return
		}
	}
	p.Value = v
}

func (th *Thread) paramValue(p *Parameter) Value {
	for b := th.params; b != nil; b = b.next {
		if b.p == p {
			return b.v
		}
	}
	return p.Value
}

func genGuard(n *guardN, g *genCtx) code {
	body := gen(n.body, g)
	clauses := gen(n.clauses, g)
	set := initSlot(n.v)
	keep := g.keep(&n.keep)
	return func(th *Thread) Value {
		// A raise evaluates the clauses (raiseToGuard); one that matches ends the body here.
		gf := &guardFrame{state: th.save(), bind: set, clauses: clauses}
		th.stack[th.fp+keep] = Value{o: gf}
		th.handlers = &handlerNode{guard: gf, next: th.handlers}
		return th.guardBody(body, gf)
	}
}

// guardBody runs a guard's body: its value, or the value of the clause that took what it
// raised.
func (th *Thread) guardBody(body code, gf *guardFrame) Value {
	v, exit := th.runGuarded(body, gf)
	if exit == nil {
		th.handlers = gf.state.handlers
		return v
	}
	th.restore(gf.state)
	th.unwindTo(gf.state.winders)
	return exit.value
}

func (th *Thread) runGuarded(body code, gf *guardFrame) (v Value, exit *guardExit) {
	defer func() {
		if r := recover(); r != nil {
			if x, ok := r.(*guardExit); ok && x.target == gf {
				exit = x
				return
			}
			panic(r)
		}
	}()
	return body(th), nil
}

// rewindTo runs the before thunks of the dynamic-winds entered again, outermost first, from
// the current winders (an ancestor of target) to target.
func (th *Thread) rewindTo(target *winder) {
	var path []*winder
	for w := target; w != nil && w != th.winders; w = w.next {
		path = append(path, w)
	}
	for i := len(path) - 1; i >= 0; i-- {
		th.Call(path[i].before)
		th.winders = path[i]
	}
}

// unwindTo runs the after thunks of the dynamic-winds being left, innermost first.
func (th *Thread) unwindTo(target *winder) {
	for th.winders != nil && th.winders != target && (target == nil || th.winders.depth > target.depth) {
		w := th.winders
		th.winders = w.next
		th.Call(w.after)
	}
	th.winders = target
}

func (th *Thread) undefinedVariable(g *Global) Value {
	return th.ErrorKind("assertion-violation", g.Name.Name, "variable not defined")
}

func (th *Thread) unassignedLocal(s *Symbol) Value {
	return th.ErrorKind("assertion-violation", s.Name, "variable used before its definition")
}

// scopeOf is where a local is visible (zero: the whole frame).
func scopeOf(b *binding) (s syntaxSpan) { return b.scope }
