package interp

// Named lets without closures. A named let is ((letrec ((loop (lambda (v ...) body))) loop)
// init ...): entering it would make a box for loop and a closure holding the variables the
// body uses from the enclosing procedures, for every entry — a loop inside a procedure called a
// million times makes a million closures. When loop is only ever called, by the loop's own
// code (not from a lambda inside it) and with the right number of arguments, nothing can keep
// the closure, so the loop runs without one: the outer variables it uses become hidden
// parameters after its own (lambda lifting), its closure captures nothing and is made once,
// and its calls of itself pass the hidden values on (a tail call leaves them in place).

// liftInfo is a named let's lambda that runs without a closure of its own.
type liftInfo struct {
	clo    Value      // its closure, which captures nothing
	hidden []*binding // the outer variables passed as hidden arguments, in order
	nreq   int        // its own parameters
}

// namedLetLoop recognises a named let whose procedure can be lifted: the binding and lambda.
func namedLetLoop(n *callN) (*binding, *lambdaN) {
	lt, ok := n.fn.(*letrecN)
	if !ok || len(lt.binds) != 1 || len(lt.inits) != 1 {
		return nil, nil
	}
	b := lt.binds[0]
	l, ok := lt.inits[0].(*lambdaN)
	if !ok || l.rest != nil || len(n.args) != len(l.req) {
		return nil, nil
	}
	if ref, ok := lt.body.(*localN); !ok || ref.b != b {
		return nil, nil
	}
	if l.lift != nil {
		return b, l
	}
	// Every use of b in the body is a call of the body's own code, with the right count.
	ok = true
	var visit func(x node, depth int) bool
	visit = func(x node, depth int) bool {
		switch x := x.(type) {
		case *callN:
			if f, isRef := x.fn.(*localN); isRef && f.b == b {
				if depth > 0 || len(x.args) != len(l.req) {
					ok = false
				}
				for _, a := range x.args {
					walkNodes(a, depth, visit)
				}
				return false
			}
		case *localN:
			ok = ok && x.b != b
		case *setLocalN:
			ok = ok && x.b != b
		}
		return ok
	}
	walkNodes(l.body, 0, visit)
	if !ok {
		return nil, nil
	}
	return b, l
}

// outerVariables returns the variables that code inside l uses from enclosing procedures,
// but self (the loop's own name), in the order first used.
func outerVariables(l *lambdaN, self *binding) []*binding {
	var out []*binding
	seen := map[*binding]bool{self: true}
	use := func(b *binding) {
		if seen[b] {
			return
		}
		seen[b] = true
		for c := b.lam; c != nil; c = c.parent {
			if c == l.ctx {
				return // l's own, or of a lambda inside it
			}
		}
		out = append(out, b)
	}
	walkNodes(l.body, 0, func(x node, depth int) bool {
		switch x := x.(type) {
		case *localN:
			use(x.b)
		case *setLocalN:
			use(x.b)
		}
		return true
	})
	return out
}

// liftParams makes l's hidden parameters: slots after its own parameters (its other locals move up),
// each standing for an outer variable inside l. A boxed variable's box is passed.
func (l *lambdaN) liftParams(hidden []*binding) map[*binding]*binding {
	nreq := len(l.req)
	subst := make(map[*binding]*binding, len(hidden))
	var params []*binding
	for i, f := range hidden {
		h := &binding{kind: bLocal, name: f.name, lam: l.ctx, slot: nreq + i, site: f.site,
			captured: f.boxed(), mutated: f.boxed()}
		subst[f] = h
		params = append(params, h)
	}
	locals := make([]*binding, 0, len(l.ctx.locals)+len(params))
	for _, b := range l.ctx.locals {
		if b.slot >= nreq {
			b.slot += len(params)
		}
	}
	locals = append(locals, l.ctx.locals[:nreq]...)
	locals = append(locals, params...)
	locals = append(locals, l.ctx.locals[nreq:]...)
	l.ctx.locals = locals
	return subst
}

// genNamedLet generates a named let whose procedure runs without a closure (see above), or
// returns nil when it cannot.
func genNamedLet(n *callN, g *genCtx) code {
	b, l := namedLetLoop(n)
	if l == nil {
		return nil
	}
	info := l.lift
	if info == nil {
		hidden := outerVariables(l, b)
		info = &liftInfo{hidden: hidden, nreq: len(l.req)}
		subst := l.liftParams(hidden)
		mk, lam := genLambdaOpts(l, g, lambdaOpts{subst: subst, known: map[*binding]*liftInfo{b: info}, hidden: len(hidden)})
		if len(lam.freeB) != 0 {
			panic("interp: a lifted loop captures variables")
		}
		info.clo = mk(nil)
		l.lift = info
	}
	// Nothing reads the loop's variable as a value now: it holds the closure for a debugger.
	b.captured, b.mutated = false, false
	slot := b.slot
	args := make([]code, len(n.args))
	for i, a := range n.args {
		args[i] = gen(a, g)
	}
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	g.stopSite(n.site)
	return liftedCallCode(n, info, slot, args, hidden)
}

// genKnownCall generates a lifted loop's call of itself: its own arguments, then the hidden
// ones, which a tail call leaves where they are.
func genKnownCall(n *callN, info *liftInfo, g *genCtx) code {
	args := genAll(n.args, g)
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	g.stopSite(n.site)
	return liftedCallCode(n, info, -1, args, hidden)
}

// liftedCall returns the lifted loop that call n enters (a named let's first call, or the
// loop's call of itself), else nil.
func liftedCall(n *callN, g *genCtx) (*liftInfo, int) {
	if f, ok := n.fn.(*localN); ok && g.known[f.b] != nil {
		return g.known[f.b], -1
	}
	if b, l := namedLetLoop(n); l != nil && l.lift != nil {
		return l.lift, b.slot
	}
	return nil, -1
}

// liftedCallCode is the code of call n of a lifted loop: the entry of a named let (its
// variable's slot is slot) or, when slot is -1, the loop's call of itself.
func liftedCallCode(n *callN, info *liftInfo, slot int, args, hidden []code) code {
	// (info.clo is read when the code runs: the loop's own calls are made before it is.)
	site, nreq := n.site, len(args)
	argc := nreq + len(hidden)
	push := func(th *Thread) {
		for _, a := range args {
			th.push(a(th))
		}
		for _, h := range hidden {
			th.push(h(th))
		}
	}
	switch {
	case slot >= 0 && n.tail:
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			th.stack[th.fp+slot] = info.clo
			push(th)
			th.site = site
			return th.tailCall(info.clo, argc)
		}
	case slot >= 0:
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			th.stack[th.fp+slot] = info.clo
			base := th.sp
			push(th)
			th.site = site
			return th.apply(info.clo, base, argc)
		}
	case n.tail && nreq <= 4 && !anyCalls(n.args[min(1, nreq):]):
		// (The arguments are held in Go locals only when none but the first calls: a value
		// held there across a call would be lost to a continuation captured in it, keep.go.)
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			var tmp [4]Value
			for i, a := range args {
				tmp[i] = a(th)
			}
			copy(th.stack[th.fp:th.fp+nreq], tmp[:nreq])
			th.site = site
			th.tailArgc = -1
			return tailMarker
		}
	case n.tail:
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			for _, a := range args {
				th.push(a(th))
			}
			selfTail(th, nreq, site)
			return tailMarker
		}
	}
	return func(th *Thread) Value {
		if th.flags.Load() != 0 {
			th.poll(site)
		}
		base := th.sp
		push(th)
		th.site = site
		return th.apply(info.clo, base, argc)
	}
}

// selfTail moves the nreq arguments on top of the stack into the frame's first slots: a lifted
// loop's tail call of itself, which leaves its hidden arguments in place.
func selfTail(th *Thread, nreq int, site *Site) {
	copy(th.stack[th.fp:th.fp+nreq], th.stack[th.sp-nreq:th.sp])
	th.sp -= nreq
	clear(th.stack[th.sp : th.sp+nreq])
	th.site = site
	th.tailArgc = -1
}

// resumeLifted is call n of a lifted loop (slot as for liftedCallCode) re-entered in its
// argument j, whose value r returns; the arguments before it are on the stack.
func resumeLifted(n *callN, info *liftInfo, slot, j int, r code, g *genCtx) code {
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	rest := genAll(n.args[j+1:], g)
	nreq, site, tail := len(n.args), n.site, n.tail
	argc := nreq + len(hidden)
	return func(th *Thread) Value {
		th.sp += j
		base := th.sp - j
		th.push(r(th))
		for _, a := range rest {
			th.push(a(th))
		}
		if slot < 0 && tail {
			selfTail(th, nreq, site)
			return tailMarker
		}
		if slot >= 0 {
			th.stack[th.fp+slot] = info.clo
		}
		for _, h := range hidden {
			th.push(h(th))
		}
		th.site = site
		if tail {
			return th.tailCall(info.clo, argc)
		}
		return th.apply(info.clo, base, argc)
	}
}

// walkNodes calls visit on n and, while visit returns true, on the nodes inside it; depth
// counts the lambdas entered.
func walkNodes(n node, depth int, visit func(n node, depth int) bool) {
	if n == nil || !visit(n, depth) {
		return
	}
	each := func(ns ...node) {
		for _, x := range ns {
			walkNodes(x, depth, visit)
		}
	}
	switch n := n.(type) {
	case *setLocalN:
		each(n.val)
	case *setGlobalN:
		each(n.val)
	case *ifN:
		each(n.test, n.then, n.els)
	case *seqN:
		each(n.body...)
	case *lambdaN:
		walkNodes(n.body, depth+1, visit)
	case *caseLambdaN:
		for _, c := range n.clauses {
			walkNodes(c.body, depth+1, visit)
		}
	case *callN:
		each(n.fn)
		each(n.args...)
	case *letN:
		each(n.inits...)
		each(n.body)
	case *letrecN:
		each(n.inits...)
		each(n.body)
	case *primN:
		each(n.args...)
	case *guardN:
		each(n.body, n.clauses)
	case *stepN:
		each(n.e)
	case *mvBindN:
		each(n.expr)
	case *paramN:
		each(n.params...)
		each(n.vals...)
		each(n.body)
	}
}
