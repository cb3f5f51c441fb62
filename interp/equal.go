package interp

// Equal is equal?: recursive on pairs, vectors, boxes, strings and bytevectors. It terminates
// on circular data, as R7RS requires: two structures are equal when their (possibly infinite)
// unfoldings are, so two self-containing vectors are equal, as in Foment.
//
// Most comparisons are of small acyclic data: a plain recursive walk does them, with a budget
// of nodes and depth. A walk that runs out of budget (a cycle, a long shared DAG, a deep
// nesting) starts again with the union-find algorithm (Adams and Dybvig, "Efficient
// nondestructive equality checking for trees and graphs"), which takes two nodes already
// assumed equal as equal: linear time on any graph, and an explicit stack instead of Go's.
func Equal(a, b Value) bool {
	budget := equalBudget
	if eq, ok := equalWalk(a, b, &budget, 0); ok {
		return eq
	}
	return equalGraph(a, b)
}

const (
	equalBudget = 1 << 16 // compound nodes compared recursively before the graph algorithm
	equalDepth  = 1 << 12 // nesting depth through cars and elements
)

// equalWalk compares recursively; ok is false when it gave up (budget, depth or a cycle in a
// list's spine).
func equalWalk(a, b Value, budget *int, depth int) (eq, ok bool) {
	if depth > equalDepth {
		return false, false
	}
	slow := a
	for steps := 0; ; steps++ {
		if Eqv(a, b) {
			return true, true
		}
		switch x := a.o.(type) {
		case *Pair:
			y, isPair := b.o.(*Pair)
			if !isPair {
				return false, true
			}
			if eq, ok := equalItem(x.Car, y.Car, budget, depth); !ok || !eq {
				return eq, ok
			}
			a, b = x.Cdr, y.Cdr
			// A spine that comes back on itself: the tortoise, one step for two, meets it.
			if steps&1 == 1 {
				slow = slow.o.(*Pair).Cdr
				if sp, ok := slow.o.(*Pair); ok {
					if ap, ok := a.o.(*Pair); ok && ap == sp {
						return false, false
					}
				}
			}
			continue
		case *Vector:
			y, isVec := b.o.(*Vector)
			if !isVec || len(x.Items) != len(y.Items) {
				return false, true
			}
			for i := range x.Items {
				if eq, ok := equalItem(x.Items[i], y.Items[i], budget, depth); !ok || !eq {
					return eq, ok
				}
			}
			return true, true
		case *Box:
			y, isBox := b.o.(*Box)
			if !isBox {
				return false, true
			}
			if *budget--; *budget < 0 {
				return false, false
			}
			a, b = x.V, y.V
			slow, steps = a, -1
			continue
		}
		return equalAtom(a, b), true
	}
}

// equalItem compares an element of a container: a container costs budget and depth.
func equalItem(a, b Value, budget *int, depth int) (eq, ok bool) {
	switch a.o.(type) {
	case *Pair, *Vector, *Box:
		if *budget--; *budget < 0 {
			return false, false
		}
		return equalWalk(a, b, budget, depth+1)
	}
	return equalAtom(a, b), true
}

// equalAtom compares what is not a container: strings and bytevectors by content.
func equalAtom(a, b Value) bool {
	switch x := a.o.(type) {
	case *String:
		y, ok := b.o.(*String)
		return ok && equalStrings(x, y)
	case *Bytevector:
		y, ok := b.o.(*Bytevector)
		return ok && string(x.B) == string(y.B)
	}
	return Eqv(a, b)
}

// equalGraph is the union-find comparison: when two containers are compared, their classes
// are merged first, so that meeting them again (a cycle, a shared node) is taken as equal.
func equalGraph(a, b Value) bool {
	parent := map[any]any{}
	find := func(x any) any {
		root := x
		for {
			p, ok := parent[root]
			if !ok {
				break
			}
			root = p
		}
		for x != root { // path compression
			next := parent[x]
			parent[x] = root
			x = next
		}
		return root
	}
	// union reports whether x and y were already in one class, and merges them.
	union := func(x, y any) bool {
		rx, ry := find(x), find(y)
		if rx == ry {
			return true
		}
		parent[rx] = ry
		return false
	}
	stack := []Value{a, b}
	for len(stack) > 0 {
		n := len(stack)
		x, y := stack[n-2], stack[n-1]
		stack = stack[:n-2]
		if Eqv(x, y) {
			continue
		}
		switch xo := x.o.(type) {
		case *Pair:
			yo, ok := y.o.(*Pair)
			if !ok {
				return false
			}
			if !union(xo, yo) {
				stack = append(stack, xo.Cdr, yo.Cdr, xo.Car, yo.Car)
			}
		case *Vector:
			yo, ok := y.o.(*Vector)
			if !ok || len(xo.Items) != len(yo.Items) {
				return false
			}
			if !union(xo, yo) {
				for i := len(xo.Items) - 1; i >= 0; i-- {
					stack = append(stack, xo.Items[i], yo.Items[i])
				}
			}
		case *Box:
			yo, ok := y.o.(*Box)
			if !ok {
				return false
			}
			if !union(xo, yo) {
				stack = append(stack, xo.V, yo.V)
			}
		default:
			if !equalAtom(x, y) {
				return false
			}
		}
	}
	return true
}
