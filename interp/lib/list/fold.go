package list

import "foment-ls/interp"

// tuples returns the elements of the lists in parallel, up to the end of the shortest.
func tuples(lists []value) [][]value {
	ls := append([]value(nil), lists...)
	var out [][]value
	for {
		items := make([]value, len(ls))
		if !cars(ls, items) {
			return out
		}
		out = append(out, items)
	}
}

// pairsOf returns the successive pairs of a list, taking each cdr before the next is used.
func pairsOf(v value) []value {
	var out []value
	slow := v
	for i := 0; ; i++ {
		p, ok := pair(v)
		if !ok {
			return out
		}
		out = append(out, v)
		v = p.Cdr
		if i%2 == 1 {
			slow = slow.Object().(*interp.Pair).Cdr
			if interp.Eq(slow, v) {
				return out
			}
		}
	}
}

// call calls proc with args followed by more.
func call(th *interp.Thread, proc value, args []value, more ...value) value {
	all := make([]value, 0, len(args)+len(more))
	all = append(append(all, args...), more...)
	return th.Call(proc, all...)
}

func defineFolds() {
	define("count", func(th *interp.Thread, a []value) value {
		n := 0
		if len(a) == 2 {
			for v := a[1]; ; {
				p, ok := pair(v)
				if !ok {
					break
				}
				if truthy(th.Call(a[0], p.Car)) {
					n++
				}
				v = p.Cdr
			}
			return interp.Int(n)
		}
		lists := append([]value(nil), a[1:]...)
		items := make([]value, len(lists))
		for cars(lists, items) {
			if truthy(th.Call(a[0], items...)) {
				n++
			}
		}
		return interp.Int(n)
	})
	define("fold", func(th *interp.Thread, a []value) value {
		kons, acc := a[0], a[1]
		if len(a) == 3 {
			for v := a[2]; ; {
				p, ok := pair(v)
				if !ok {
					return acc
				}
				acc = th.Call(kons, p.Car, acc)
				v = p.Cdr
			}
		}
		lists := append([]value(nil), a[2:]...)
		items := make([]value, len(lists))
		for cars(lists, items) {
			acc = call(th, kons, items, acc)
		}
		return acc
	})
	define("fold-right", func(th *interp.Thread, a []value) value {
		kons, acc := a[0], a[1]
		if len(a) == 3 {
			items := slice(a[2])
			for i := len(items) - 1; i >= 0; i-- {
				acc = th.Call(kons, items[i], acc)
			}
			return acc
		}
		ts := tuples(a[2:])
		for i := len(ts) - 1; i >= 0; i-- {
			acc = call(th, kons, ts[i], acc)
		}
		return acc
	})
	define("pair-fold", func(th *interp.Thread, a []value) value {
		kons, acc := a[0], a[1]
		lists := append([]value(nil), a[2:]...)
		for {
			for _, l := range lists {
				if _, ok := pair(l); !ok {
					return acc
				}
			}
			cur := append([]value(nil), lists...)
			for i, l := range lists {
				lists[i] = l.Object().(*interp.Pair).Cdr
			}
			acc = call(th, kons, cur, acc)
		}
	})
	define("pair-fold-right", func(th *interp.Thread, a []value) value {
		kons, acc := a[0], a[1]
		var rows [][]value
		n := -1
		for _, l := range a[2:] {
			ps := pairsOf(l)
			if n < 0 || len(ps) < n {
				n = len(ps)
			}
			rows = append(rows, ps)
		}
		for i := n - 1; i >= 0; i-- {
			args := make([]value, len(rows))
			for j := range rows {
				args[j] = rows[j][i]
			}
			acc = call(th, kons, args, acc)
		}
		return acc
	})
	define("reduce", func(th *interp.Thread, a []value) value {
		items := properSlice(a[2])
		if len(items) == 0 {
			return a[1]
		}
		acc := items[0]
		for _, x := range items[1:] {
			acc = th.Call(a[0], x, acc)
		}
		return acc
	})
	define("reduce-right", func(th *interp.Thread, a []value) value {
		items := properSlice(a[2])
		if len(items) == 0 {
			return a[1]
		}
		acc := items[len(items)-1]
		for i := len(items) - 2; i >= 0; i-- {
			acc = th.Call(a[0], items[i], acc)
		}
		return acc
	})
	define("unfold", func(th *interp.Thread, a []value) value {
		p, f, g, seed := a[0], a[1], a[2], a[3]
		b := newBuilder()
		for !truthy(th.Call(p, seed)) {
			b.add(th.Call(f, seed))
			seed = th.Call(g, seed)
		}
		if len(a) > 4 {
			return b.list(th.Call(a[4], seed))
		}
		return b.list(null)
	})
	define("unfold-right", func(th *interp.Thread, a []value) value {
		p, f, g, seed := a[0], a[1], a[2], a[3]
		acc := null
		if len(a) > 4 {
			acc = a[4]
		}
		for !truthy(th.Call(p, seed)) {
			acc = interp.Cons(th.Call(f, seed), acc)
			seed = th.Call(g, seed)
		}
		return acc
	})
	appendMap := func(th *interp.Thread, a []value) value {
		var results []value
		for _, t := range tuples(a[1:]) {
			results = append(results, th.Call(a[0], t...))
		}
		return th.TailCall(interp.Obj(interp.Builtin("append")), results...)
	}
	define("append-map", appendMap)
	define("append-map!", appendMap)
	define("pair-for-each", func(th *interp.Thread, a []value) value {
		lists := append([]value(nil), a[1:]...)
		for {
			for _, l := range lists {
				if _, ok := pair(l); !ok {
					return interp.Unspecified
				}
			}
			cur := append([]value(nil), lists...)
			for i, l := range lists {
				lists[i] = l.Object().(*interp.Pair).Cdr
			}
			th.Call(a[0], cur...)
		}
	})
	define("filter-map", func(th *interp.Thread, a []value) value {
		b := newBuilder()
		if len(a) == 2 {
			for v := a[1]; ; {
				p, ok := pair(v)
				if !ok {
					return b.list(null)
				}
				if r := th.Call(a[0], p.Car); truthy(r) {
					b.add(r)
				}
				v = p.Cdr
			}
		}
		for _, t := range tuples(a[1:]) {
			if r := th.Call(a[0], t...); truthy(r) {
				b.add(r)
			}
		}
		return b.list(null)
	})
	define("filter", func(th *interp.Thread, a []value) value {
		in, _ := split(th, a[0], a[1])
		return in
	})
	define("remove", func(th *interp.Thread, a []value) value {
		_, out := split(th, a[0], a[1])
		return out
	})
	define("partition", func(th *interp.Thread, a []value) value {
		in, out := split(th, a[0], a[1])
		return interp.Values(in, out)
	})
}

// split separates the elements for which pred is true from the others, keeping their order.
func split(th *interp.Thread, pred, l value) (value, value) {
	in, out := newBuilder(), newBuilder()
	for _, x := range properSlice(l) {
		if truthy(th.Call(pred, x)) {
			in.add(x)
		} else {
			out.add(x)
		}
	}
	return in.list(null), out.list(null)
}
