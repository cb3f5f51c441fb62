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
			captured: f.boxed(), mutated: f.boxed(), outer: true}
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
		mk, inner := genLambdaOpts(l, g, lambdaOpts{subst: subst, known: map[*binding]*liftInfo{b: info}, hidden: len(hidden)})
		if len(inner.free) != 0 {
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
	clo, site, argc := info.clo, n.site, len(args)+len(hidden)
	g.stopSite(site)
	push := func(th *Thread) {
		for _, a := range args {
			th.push(a(th))
		}
		for _, h := range hidden {
			th.push(h(th))
		}
	}
	if n.tail {
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			th.stack[th.fp+slot] = clo
			push(th)
			th.site = site
			return th.tailCall(clo, argc)
		}
	}
	return func(th *Thread) Value {
		if th.flags.Load() != 0 {
			th.poll(site)
		}
		th.stack[th.fp+slot] = clo
		base := th.sp
		push(th)
		th.site = site
		return th.apply(clo, base, argc)
	}
}

// genKnownCall generates a lifted loop's call of itself: its own arguments, then the hidden
// ones, which a tail call leaves where they are.
func genKnownCall(n *callN, info *liftInfo, g *genCtx) code {
	args := make([]code, len(n.args))
	for i, a := range n.args {
		args[i] = gen(a, g)
	}
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	site, nreq := n.site, len(args)
	g.stopSite(site)
	if n.tail {
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			if nreq <= 4 {
				var tmp [4]Value
				for i, a := range args {
					tmp[i] = a(th)
				}
				copy(th.stack[th.fp:th.fp+nreq], tmp[:nreq])
			} else {
				for _, a := range args {
					th.push(a(th))
				}
				copy(th.stack[th.fp:th.fp+nreq], th.stack[th.sp-nreq:th.sp])
				th.sp -= nreq
				clear(th.stack[th.sp : th.sp+nreq])
			}
			th.site = site
			th.tailArgc = -1
			return tailMarker
		}
	}
	argc := nreq + len(hidden)
	return func(th *Thread) Value {
		if th.flags.Load() != 0 {
			th.poll(site)
		}
		base := th.sp
		for _, a := range args {
			th.push(a(th))
		}
		for _, h := range hidden {
			th.push(h(th))
		}
		th.site = site
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
