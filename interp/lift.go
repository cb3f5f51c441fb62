package interp

// Local procedures without closures. A named let is ((letrec ((loop (lambda (v ...) body)))
// loop) init ...), and a procedure defined inside a body is a letrec binding too: entering
// them makes a box for the name and a closure holding the variables the procedure uses from
// the enclosing ones, every time — a loop inside a procedure called a million times makes a
// million closures, and every call of it reads the box. When the name is only ever called
// (never used as a value, never assigned) with the right number of arguments, nothing can keep
// the closure, so the procedure runs without one: the outer variables it uses become hidden
// parameters after its own (lambda lifting), its closure captures nothing and is made once,
// and every call passes the hidden values, read where the call is (a loop's tail call of
// itself leaves them in place). Procedures defined together in one body share their hidden
// parameters, so that they call each other with what they have.

// liftInfo is a local procedure that runs without a closure of its own.
type liftInfo struct {
	clo    Value      // its closure, which captures nothing (made while its body is generated)
	hidden []*binding // the outer variables passed as hidden arguments, in order
	nreq   int        // its own parameters
	ctx    *lambdaCtx // its body: a tail call of itself from there keeps the frame
}

// onlyCalled reports whether every use of each binding of bs inside n is a call with the
// number of arguments of its lambda (nreq) — no use as a value, no assignment. skip is a
// defining assignment not to count.
func onlyCalled(n node, nreq map[*binding]int, skip map[node]bool) map[*binding]bool {
	bad := map[*binding]bool{}
	var visit func(x node, depth int) bool
	visit = func(x node, depth int) bool {
		switch x := x.(type) {
		case *callN:
			if f, isRef := x.fn.(*localN); isRef {
				if k, ok := nreq[f.b]; ok {
					if len(x.args) != k {
						bad[f.b] = true
					}
					for _, a := range x.args {
						walkNodes(a, depth, visit)
					}
					return false
				}
			}
		case *localN:
			if _, ok := nreq[x.b]; ok {
				bad[x.b] = true
			}
		case *setLocalN:
			if _, ok := nreq[x.b]; ok && !skip[x] {
				bad[x.b] = true
			}
		}
		return true
	}
	walkNodes(n, 0, visit)
	return bad
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
	if b.lift == nil && onlyCalled(l.body, map[*binding]int{b: len(l.req)}, nil)[b] {
		return nil, nil
	}
	return b, l
}

// outerVariables returns the variables that code inside l uses from enclosing procedures,
// in the order first used, and the procedures of group (lifted with it) that it calls. A
// call of a procedure lifted before (an enclosing loop, called from inside this one) uses its
// hidden variables; a call of one of group, whatever that one's will be.
func outerVariables(l *lambdaN, group map[*binding]bool) (out []*binding, calls []*binding) {
	seen := map[*binding]bool{}
	use := func(b *binding) {
		if seen[b] {
			return
		}
		for c := b.lam; c != nil; c = c.parent {
			if c == l.ctx {
				return // l's own, or of a lambda inside it
			}
		}
		seen[b] = true
		out = append(out, b)
	}
	var visit func(x node, depth int) bool
	visit = func(x node, depth int) bool {
		switch x := x.(type) {
		case *localN:
			use(x.b)
		case *setLocalN:
			use(x.b)
		case *callN:
			if f, ok := x.fn.(*localN); ok && (f.b.lift != nil || group[f.b]) {
				// A call of a lifted procedure reads its hidden variables, not its name.
				if group[f.b] {
					calls = append(calls, f.b)
				} else {
					for _, h := range f.b.lift.hidden {
						use(h)
					}
				}
				for _, a := range x.args {
					walkNodes(a, depth, visit)
				}
				return false
			}
		}
		return true
	}
	walkNodes(l.body, 0, visit)
	return out, calls
}

// liftParams makes l's hidden parameters: slots after its own parameters (its other locals
// move up), each standing for an outer variable inside l. A boxed variable's box is passed.
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
	for _, b := range l.ctx.locals {
		if b.slot >= nreq {
			b.slot += len(params)
		}
	}
	locals := make([]*binding, 0, len(l.ctx.locals)+len(params))
	locals = append(locals, l.ctx.locals[:nreq]...)
	locals = append(locals, params...)
	locals = append(locals, l.ctx.locals[nreq:]...)
	l.ctx.locals = locals
	return subst
}

// maxHidden bounds the hidden arguments of a procedure defined in a body: each call passes
// them all, and a small helper of many variables is cheaper as a closure.
const maxHidden = 6

// liftGroup lifts procedures bound together (bs[i] to ls[i]), each with its own hidden
// parameters: the outer variables it uses and those of the procedures of the group it calls
// (which it passes on). Those that would take more than limit hidden parameters (limit < 0:
// any) stay closures. It returns the procedures lifted. inPlace: the group is a named let's
// loop, called only where it is written (its entry and its own body).
func liftGroup(bs []*binding, ls []*lambdaN, g *genCtx, limit int, inPlace bool) []*binding {
	before := false
	for _, l := range ls {
		before = before || l.lift != nil
	}
	if before { // generated before
		var out []*binding
		for i, b := range bs {
			if b.lift = ls[i].lift; b.lift != nil {
				out = append(out, b)
			}
		}
		return out
	}
	for {
		group := map[*binding]bool{}
		for _, b := range bs {
			group[b] = true
		}
		outer := make([][]*binding, len(bs))
		calls := make([][]*binding, len(bs))
		for i, l := range ls {
			outer[i], calls[i] = outerVariables(l, group)
		}
		// hidden[i]: outer[i] and the hidden variables of what i calls, to a fixpoint.
		index := map[*binding]int{}
		for i, b := range bs {
			index[b] = i
		}
		hidden := make([][]*binding, len(bs))
		in := make([]map[*binding]bool, len(bs))
		for i := range bs {
			in[i] = map[*binding]bool{}
			for _, v := range outer[i] {
				in[i][v] = true
				hidden[i] = append(hidden[i], v)
			}
		}
		for changed := true; changed; {
			changed = false
			for i := range bs {
				for _, c := range calls[i] {
					for _, v := range hidden[index[c]] {
						if !in[i][v] {
							in[i][v] = true
							hidden[i] = append(hidden[i], v)
							changed = true
						}
					}
				}
			}
		}
		j := 0
		for i, b := range bs {
			if limit < 0 || len(hidden[i]) <= limit {
				bs[j], ls[j], hidden[j] = b, ls[i], hidden[i]
				j++
			}
		}
		if j < len(bs) {
			// Those left out are closures: their names are variables again for the others.
			bs, ls = bs[:j], ls[:j]
			if j == 0 {
				return nil
			}
			continue
		}
		for i, b := range bs {
			b.lift = &liftInfo{hidden: hidden[i], nreq: len(ls[i].req), ctx: ls[i].ctx}
			ls[i].lift = b.lift
			// Nothing reads the name as a value: its slot holds the closure for a debugger.
			b.captured, b.mutated = false, false
		}
		for i, l := range ls {
			opts := lambdaOpts{subst: l.liftParams(hidden[i]), hidden: len(hidden[i])}
			// A loop whose body makes no procedure runs only while the code around it runs.
			opts.inPlace = inPlace && !makesProcedure(l.body)
			mk, lam := genLambdaOpts(l, g, opts)
			if len(lam.freeB) != 0 {
				panic("interp: a lifted procedure captures variables")
			}
			bs[i].lift.clo = mk(nil)
		}
		return bs
	}
}

// genNamedLet generates a named let whose procedure runs without a closure (see above), or
// returns nil when it cannot.
func genNamedLet(n *callN, g *genCtx) code {
	b, l := namedLetLoop(n)
	if l == nil {
		return nil
	}
	liftGroup([]*binding{b}, []*lambdaN{l}, g, -1, true)
	info := b.lift
	args := genAll(n.args, g)
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	g.stopSite(n.site)
	return liftedCallCode(n, info, b.slot, false, args, hidden)
}

// internalProcedures lifts the procedures a body defines first, before any other definition
// or expression runs (so none can be called before it is defined), when each is only called.
// It returns the body to generate, where their definitions store their closures.
func internalProcedures(n *letrecN, g *genCtx) node {
	seq, ok := n.body.(*seqN)
	if !ok || len(n.inits) != 0 {
		return n.body
	}
	mine := map[*binding]bool{}
	for _, b := range n.binds {
		mine[b] = true
	}
	nreq := map[*binding]int{}
	defs := map[node]bool{}
	var bs []*binding
	var ls []*lambdaN
	for _, x := range seq.body {
		set, ok := x.(*setLocalN)
		if !ok || !mine[set.b] {
			break
		}
		l, ok := set.val.(*lambdaN)
		if !ok || l.rest != nil {
			break
		}
		if _, twice := nreq[set.b]; twice {
			break
		}
		nreq[set.b] = len(l.req)
		defs[set] = true
		bs, ls = append(bs, set.b), append(ls, l)
	}
	if len(bs) == 0 {
		return n.body
	}
	bad := onlyCalled(n.body, nreq, defs)
	j := 0
	for i, b := range bs {
		if !bad[b] {
			bs[j], ls[j] = b, ls[i]
			j++
		}
	}
	bs, ls = bs[:j], ls[:j]
	if len(bs) == 0 || len(liftGroup(bs, ls, g, maxHidden, false)) == 0 {
		return n.body
	}
	body := append([]node(nil), seq.body...)
	for i, x := range body {
		if set, ok := x.(*setLocalN); ok && defs[set] && set.b.lift != nil {
			body[i] = &setLocalN{b: set.b, val: &constN{set.b.lift.clo}, site: set.site}
		}
	}
	return &seqN{body: body}
}

// genKnownCall generates a call of a lifted procedure: its own arguments, then the hidden
// ones, read here. A tail call of itself from its own body leaves them where they are.
func genKnownCall(n *callN, info *liftInfo, g *genCtx) code {
	args := genAll(n.args, g)
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	g.stopSite(n.site)
	return liftedCallCode(n, info, -1, n.tail && g.lam == info.ctx, args, hidden)
}

// liftedCall returns the lifted procedure that call n enters (a named let's first call, or a
// call by name), else nil; slot is the named let's variable, or -1.
func liftedCall(n *callN) (*liftInfo, int) {
	if f, ok := n.fn.(*localN); ok && f.b.lift != nil {
		return f.b.lift, -1
	}
	if b, l := namedLetLoop(n); l != nil && l.lift != nil {
		return l.lift, b.slot
	}
	return nil, -1
}

// liftedCallCode is the code of call n of a lifted procedure: the entry of a named let (its
// variable's slot is slot) or, when slot is -1, a call by name; self: a tail call of itself
// from its own body.
func liftedCallCode(n *callN, info *liftInfo, slot int, self bool, args, hidden []code) code {
	// (info.clo is read when the code runs: a call inside the procedure is generated before
	// its closure is made.)
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
	case self && nreq <= 4 && !anyCalls(n.args[min(1, nreq):]):
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
	case self:
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
	case n.tail:
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			push(th)
			th.site = site
			return th.tailCall(info.clo, argc)
		}
	}
	// The common counts push inline: no call of push, no loops. (Each value is pushed as it
	// is made: none is held in Go across a call.)
	all := append(append([]code(nil), args...), hidden...)
	switch len(all) {
	case 1:
		a0 := all[0]
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			base := th.sp
			th.push(a0(th))
			th.site = site
			return th.apply(info.clo, base, 1)
		}
	case 2:
		a0, a1 := all[0], all[1]
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			base := th.sp
			th.push(a0(th))
			th.push(a1(th))
			th.site = site
			return th.apply(info.clo, base, 2)
		}
	case 3:
		a0, a1, a2 := all[0], all[1], all[2]
		return func(th *Thread) Value {
			if th.flags.Load() != 0 {
				th.poll(site)
			}
			base := th.sp
			th.push(a0(th))
			th.push(a1(th))
			th.push(a2(th))
			th.site = site
			return th.apply(info.clo, base, 3)
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
// procedure's tail call of itself, which leaves its hidden arguments in place.
func selfTail(th *Thread, nreq int, site *Site) {
	copy(th.stack[th.fp:th.fp+nreq], th.stack[th.sp-nreq:th.sp])
	th.sp -= nreq
	clear(th.stack[th.sp : th.sp+nreq])
	th.site = site
	th.tailArgc = -1
}

// resumeLifted is call n of a lifted procedure (slot as for liftedCallCode) re-entered in its
// argument j, whose value r returns; the arguments before it are on the stack.
func resumeLifted(n *callN, info *liftInfo, slot, j int, r code, g *genCtx) code {
	hidden := make([]code, len(info.hidden))
	for i, f := range info.hidden {
		hidden[i] = g.raw(f)
	}
	rest := genAll(n.args[j+1:], g)
	nreq, site, tail := len(n.args), n.site, n.tail
	self := slot < 0 && tail && g.lam == info.ctx
	argc := nreq + len(hidden)
	return func(th *Thread) Value {
		th.sp += j
		base := th.sp - j
		th.push(r(th))
		for _, a := range rest {
			th.push(a(th))
		}
		if self {
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

// makesProcedure reports whether n holds a lambda: a procedure that may be called after n
// has run.
func makesProcedure(n node) bool {
	found := false
	walkNodes(n, 0, func(x node, _ int) bool {
		switch x.(type) {
		case *lambdaN, *caseLambdaN:
			found = true
		}
		return !found
	})
	return found
}
