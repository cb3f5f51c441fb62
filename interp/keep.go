package interp

// What code generation does so that a continuation can be re-entered any number of times
// (docs/continuations.md, resume.go): every value that compiled code holds across a call —
// the procedure of a call while its arguments are evaluated, the first operand of an inlined
// + while the second calls, the inits of a let, a guard's frame, the parameter bindings
// outside a parameterize — is also kept in a hidden slot of the frame (after its locals), so
// that a copy of the value stack holds the whole state of every frame waiting in a call.
// Values that cannot be held across a call need no slot: code that never calls pays nothing.

// keepSlot is a hidden slot of a frame: 1 + its index, 0 for none.
type keepSlot int

func (k keepSlot) ok() bool { return k != 0 }
func (k keepSlot) at() int  { return int(k) - 1 }

// keep returns the index of the hidden slot of *k, allocated in the frame the first time: code
// made again for a re-entry finds the same slots.
func (g *genCtx) keep(k *keepSlot) int {
	if *k == 0 {
		*k = keepSlot(g.lam.frameSize() + 1)
		g.lam.kept++
	}
	return k.at()
}

// keepValue makes code that also keeps its value in slot.
func keepValue(c code, slot int) code {
	return func(th *Thread) Value {
		v := c(th)
		th.stack[th.fp+slot] = v
		return v
	}
}

// kept makes code that reads what a slot keeps (nothing, when the hole it is read after never
// returns: see holeReturns).
func kept(k keepSlot) code {
	if !k.ok() {
		return func(*Thread) Value { return Unspecified }
	}
	slot := k.at()
	return func(th *Thread) Value { return th.stack[th.fp+slot] }
}

// callMemo is the memo of mayCall on a node: 0 unknown, 1 no, 2 yes.
type callMemo int8

// mayCall reports whether evaluating n may call a procedure, whose continuation — the rest of
// n's parents — can then be captured and re-entered: what n's parents hold across n must be
// kept. Errors raised by inlined builtins call handlers too, but their continuation never
// returns into the code (holeReturns). Lambda bodies are not part of n.
func mayCall(n node) bool {
	memo := memoOf(n)
	if memo != nil && *memo != 0 {
		return *memo == 2
	}
	r := false
	any := func(ns []node) bool {
		for _, c := range ns {
			if mayCall(c) {
				return true
			}
		}
		return false
	}
	switch n := n.(type) {
	case *callN, *guardN:
		// (A guard's clauses run when its body raises, and may capture a continuation that
		// returns from the guard.)
		r = true
	case *primN:
		r = !inlined(n) || any(n.args)
	case *setLocalN:
		r = mayCall(n.val)
	case *setGlobalN:
		r = mayCall(n.val)
	case *ifN:
		r = mayCall(n.test) || mayCall(n.then) || mayCall(n.els)
	case *seqN:
		r = any(n.body)
	case *letN:
		r = any(n.inits) || mayCall(n.body)
	case *letrecN:
		r = any(n.inits) || mayCall(n.body)
	case *mvBindN:
		r = mayCall(n.expr)
	case *paramN:
		r = any(n.params) || any(n.vals) || mayCall(n.body)
	case *stepN:
		r = mayCall(n.e)
	}
	if memo != nil {
		*memo = 1
		if r {
			*memo = 2
		}
	}
	return r
}

func memoOf(n node) *callMemo {
	switch n := n.(type) {
	case *callN:
		return &n.calls
	case *primN:
		return &n.calls
	case *setLocalN:
		return &n.calls
	case *setGlobalN:
		return &n.calls
	case *ifN:
		return &n.calls
	case *seqN:
		return &n.calls
	case *letN:
		return &n.calls
	case *letrecN:
		return &n.calls
	case *guardN:
		return &n.calls
	case *mvBindN:
		return &n.calls
	case *paramN:
		return &n.calls
	case *stepN:
		return &n.calls
	}
	return nil
}

// inlined reports whether a primN compiles to inline code (else it is an ordinary call).
func inlined(n *primN) bool {
	a, ok := inlineArity[n.p.Name]
	if !ok || a != len(n.args) {
		return false
	}
	// Of three operands, the first two would be held while the third runs, and a primN keeps
	// one value (keep.go): inline only when the last two make no call, so nothing is held.
	return a < 3 || !mayCall(n.args[1]) && !mayCall(n.args[2])
}
