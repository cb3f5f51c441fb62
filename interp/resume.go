package interp

import (
	"fmt"
	"sync"
)

// Re-entering a continuation a second time (docs/continuations.md). The first resumption of a
// continuation is its parked goroutine (continuation.go); before it runs, the state the
// continuation captured is copied: the value stack, the frames, the dynamic state. Generated
// code keeps in the frame everything it holds across a call (keep.go), so that copy is the
// whole state of every frame waiting in a call. A later resumption rebuilds the Go stack from
// the copy on a new goroutine: outermost frame first, each frame's code is made again from
// its tree (a "resume" variant of the code that starts inside the call where the frame
// waits), and the innermost call/cc returns the values. A builtin written in Go that called
// the procedure where the continuation was captured goes on from a copy of its state (a
// resumer), or, when it has none, the re-entry is refused with an error that names it.

// codeUnit is compiled code that runs in one frame: a lambda's body, a program's top level,
// the code of an eval. It keeps its tree for the code made for re-entries.
type codeUnit struct {
	root      node
	g         *genCtx
	frameSize int

	mu    sync.Mutex
	holes map[*Site]*hole // the places a frame of this code waits in a call, by call site
}

// hole is a call site of a unit: the path of nodes from the root to the call, and the code
// that re-enters the unit there (made on first use).
type hole struct {
	nodes     []node
	idx       []int // idx[i]: which child of nodes[i] is nodes[i+1]
	ambiguous bool  // two calls share the site: the frame's place is unknown
	code      code
}

// children lists the subexpressions of a node in the order resume code numbers them.
func children(n node) []node {
	switch n := n.(type) {
	case *setLocalN:
		return []node{n.val}
	case *setGlobalN:
		return []node{n.val}
	case *ifN:
		return []node{n.test, n.then, n.els}
	case *seqN:
		return n.body
	case *callN:
		return append([]node{n.fn}, n.args...)
	case *letN:
		return append(append([]node(nil), n.inits...), n.body)
	case *letrecN:
		return append(append([]node(nil), n.inits...), n.body)
	case *primN:
		return n.args
	case *guardN:
		return []node{n.body, n.clauses}
	case *mvBindN:
		return []node{n.expr}
	case *paramN:
		out := make([]node, 0, 2*len(n.params)+1)
		for i := range n.params {
			out = append(out, n.params[i], n.vals[i])
		}
		return append(out, n.body)
	case *stepN:
		return []node{n.e}
	}
	return nil
}

// findHoles maps the call sites of the unit to their paths.
func (u *codeUnit) findHoles() {
	u.holes = map[*Site]*hole{}
	var nodes []node
	var idx []int
	var walk func(n node)
	walk = func(n node) {
		nodes = append(nodes, n)
		var site *Site
		switch x := n.(type) {
		case *callN:
			if !x.tail {
				site = x.site
			}
		case *primN:
			site = x.site
		}
		if site != nil {
			if h := u.holes[site]; h != nil {
				h.ambiguous = true
			} else {
				u.holes[site] = &hole{nodes: append([]node(nil), nodes...), idx: append([]int(nil), idx...)}
			}
		}
		for i, c := range children(n) {
			idx = append(idx, i)
			walk(c)
			idx = idx[:len(idx)-1]
		}
		nodes = nodes[:len(nodes)-1]
	}
	walk(u.root)
}

// resumeAt returns the code that re-enters the unit where it waits in the call made at site,
// for a callee frame next (nil: the frame is not a call of this code).
func (u *codeUnit) resumeAt(site *Site, next *Frame) (code, string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.holes == nil {
		u.findHoles()
	}
	h := u.holes[site]
	switch {
	case h == nil:
		return nil, "a call its code does not make"
	case h.ambiguous:
		return nil, "a call whose place in its code is ambiguous"
	}
	if p, ok := h.nodes[len(h.nodes)-1].(*primN); ok && inlined(p) && !holeReturns(next) {
		// The slow path of inline code calls only to raise an error.
		return nil, "a builtin's error"
	}
	if h.code == nil {
		g := *u.g
		g.rec = nil // its stop sites are recorded already
		h.code = genResume(h.nodes, h.idx, 0, &g)
	}
	return h.code, ""
}

// holeReturns reports whether the callee frame of a hole in inline code returns into it: only
// a non-continuable raise (whose continuation raises again) is resumed there.
func holeReturns(next *Frame) bool {
	r, ok := next.resumer().(*raiseResumer)
	return ok && !r.continuable
}

// genResume makes the code of nodes[i] that starts inside its child on the path and goes on
// as gen's code does; nodes[len-1] is the call where the frame waits.
func genResume(nodes []node, idx []int, i int, g *genCtx) code {
	if i == len(nodes)-1 {
		var site *Site
		switch n := nodes[i].(type) {
		case *callN:
			site = n.site
		case *primN:
			site = n.site
		}
		return func(th *Thread) Value {
			th.site = site
			return th.resumeCallee()
		}
	}
	k := idx[i]
	r := genResume(nodes, idx, i+1, g)
	switch n := nodes[i].(type) {
	case *seqN:
		return seqCode(append([]code{r}, genAll(n.body[k+1:], g)...))
	case *ifN:
		if k == 0 {
			return ifCode(r, gen(n.then, g), gen(n.els, g))
		}
		return r
	case *callN:
		return resumeCall(n, k, r, g)
	case *primN:
		if !inlined(n) {
			return resumeCall(primCall(n), k+1, r, g)
		}
		args := genAll(n.args, g)
		keep := -1
		if k == 0 {
			args[0] = r
			if n.keep.ok() {
				keep = n.keep.at()
			}
		} else {
			args[0], args[1] = kept(n.keep), r
		}
		return inlinable[n.p.Name](args, n.site, n.p, keep)
	case *letN:
		if k == len(n.inits) {
			return r
		}
		return resumeLet(n, k, r, g)
	case *letrecN:
		if k == len(n.inits) {
			return r
		}
		return resumeLetrec(n, k, r, g)
	case *guardN:
		if k == 0 {
			slot := n.keep.at()
			return func(th *Thread) Value {
				return th.guardBody(r, th.stack[th.fp+slot].o.(*guardFrame))
			}
		}
		return resumeClauses(n, pushesAlong(nodes[i+1:], idx[i+1:]), r, g)
	case *mvBindN:
		return mvBindCode(n, r)
	case *paramN:
		if k == 2*len(n.params) {
			if !n.keep.ok() {
				return r // (the hole does not return)
			}
			slot := n.keep.at()
			return func(th *Thread) Value {
				v := r(th)
				th.params = th.stack[th.fp+slot].o.(*paramBinding)
				return v
			}
		}
		keep := -1
		if n.keep.ok() {
			keep = n.keep.at()
		}
		c := paramCode(n, k, r, genAll(n.params, g), genAll(n.vals, g), gen(n.body, g), keep)
		return func(th *Thread) Value {
			th.sp += k // the parameters and values before child k are on the stack
			return c(th)
		}
	case *setLocalN:
		return setLocalCode(n.b, r, g)
	case *setGlobalN:
		return setGlobalCode(n, r, g, false)
	case *stepN:
		return r
	}
	panic(fmt.Sprintf("interp: no resume code for %T", nodes[i]))
}

// resumeCall is call n re-entered in child k (0: its procedure expression, j+1: argument j).
func resumeCall(n *callN, k int, r code, g *genCtx) code {
	if info, slot := liftedCall(n); info != nil && k > 0 {
		return resumeLifted(n, info, slot, k-1, r, g)
	}
	keep := -1
	if n.keep.ok() {
		keep = n.keep.at()
	}
	if k == 0 {
		return callCode(n, r, genAll(n.args, g), keep)
	}
	j := k - 1
	rest := genAll(n.args[j+1:], g)
	proc := kept(n.keep)
	if !n.keep.ok() && lateOperator(n) {
		proc = gen(n.fn, g) // (evaluated after the arguments)
	}
	argc, site, tail := len(n.args), n.site, n.tail
	return func(th *Thread) Value {
		th.sp += j // the arguments before j are on the stack
		v := r(th)
		base := th.sp - j
		th.push(v)
		for _, a := range rest {
			th.push(a(th))
		}
		f := proc(th)
		if tail {
			return th.tailFrom(f, argc, site)
		}
		th.site = site
		return th.apply(f, base, argc)
	}
}

func resumeLet(n *letN, k int, r code, g *genCtx) code {
	inits := genAll(n.inits, g)
	sets := make([]func(*Thread, Value), len(n.binds))
	for i, b := range n.binds {
		sets[i] = initSlot(b)
	}
	body := gen(n.body, g)
	if n.keep != nil {
		slots := make([]int, len(n.keep))
		for i, s := range n.keep {
			slots[i] = s.at()
		}
		return letKeptCode(k, r, inits, slots, sets, body)
	}
	// No init after the first calls: the hole is the first init (or does not return).
	return func(th *Thread) Value {
		vals := make([]Value, len(inits))
		for i := k; i < len(inits); i++ {
			if i == k {
				vals[i] = r(th)
			} else {
				vals[i] = inits[i](th)
			}
		}
		for i, s := range sets {
			s(th, vals[i])
		}
		return body(th)
	}
}

func resumeLetrec(n *letrecN, k int, r code, g *genCtx) code {
	assign := make([]func(*Thread, Value), len(n.binds))
	for i, b := range n.binds {
		assign[i] = storeLocal(b)
	}
	inits := genAll(n.inits, g)
	body := gen(n.body, g)
	now, later := letrecPlan(n)
	var slots []int
	for _, s := range n.keep {
		slots = append(slots, s.at())
	}
	for p, i := range later {
		if i == k {
			return letrecLater(later, p, r, inits, assign, slots, body)
		}
	}
	rest := letrecLater(later, -1, nil, inits, assign, slots, body)
	pos := 0
	for p, i := range now {
		if i == k {
			pos = p
		}
	}
	return func(th *Thread) Value {
		assign[k](th, r(th))
		for _, i := range now[pos+1:] {
			assign[i](th, inits[i](th))
		}
		return rest(th)
	}
}

// resumeClauses re-enters a guard's clauses, which ran on top of the raise that a clause took
// (raiseToGuard): the stack pointer is where they ran, found from the call the frame waits in
// (pushes: what the path pushes below the clauses).
func resumeClauses(n *guardN, pushes int, r code, g *genCtx) code {
	slot := n.keep.at()
	obj := loadLocal(n.v, g)
	return func(th *Thread) Value {
		gf := th.stack[th.fp+slot].o.(*guardFrame)
		th.sp = th.frames[th.rb.next].FP - pushes
		v := r(th)
		if v.o == reraiseMarker.o {
			// No clause took it: the raise it came from is not part of this continuation,
			// so it is raised again from the guard, non-continuable.
			x := obj(th)
			th.restore(gf.state)
			return th.Raise(x, false)
		}
		th.restore(gf.state)
		th.unwindTo(gf.state.winders)
		return v
	}
}

// pushesAlong counts the values that the nodes of a path push on the stack before their
// child on the path runs (arguments of calls, parameterize's parameters and values).
func pushesAlong(nodes []node, idx []int) int {
	n := 0
	for i := 0; i < len(nodes)-1; i++ {
		k := idx[i]
		switch x := nodes[i].(type) {
		case *callN:
			if k > 0 {
				n += k - 1
			}
		case *primN:
			if !inlined(x) {
				n += k
			}
		case *paramN:
			if k < 2*len(x.params) {
				n += k
			}
		}
	}
	return n
}

// loadLocal reads a local of this frame (its value, out of its box).
func loadLocal(b *binding, g *genCtx) code {
	raw := g.raw(b)
	if b.boxed() {
		return func(th *Thread) Value { return raw(th).o.(*Box).V }
	}
	return raw
}
