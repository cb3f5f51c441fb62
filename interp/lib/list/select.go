package list

import "foment-ls/interp"

// nthCdr returns the list after its first k pairs.
func nthCdr(th *interp.Thread, who string, v value, k int64) value {
	x := v
	for i := int64(0); i < k; i++ {
		p, ok := pair(x)
		if !ok {
			th.Error(who, "list has fewer elements than", v, interp.Fixnum(k))
		}
		x = p.Cdr
	}
	return x
}

// take returns a new list of the first k elements of v.
func take(th *interp.Thread, who string, v value, k int64) value {
	b := newBuilder()
	x := v
	for i := int64(0); i < k; i++ {
		p, ok := pair(x)
		if !ok {
			th.Error(who, "list has fewer elements than", v, interp.Fixnum(k))
		}
		b.add(p.Car)
		x = p.Cdr
	}
	return b.list(null)
}

// takeBang cuts v after its first k pairs.
func takeBang(th *interp.Thread, who string, v value, k int64) value {
	if k <= 0 {
		return null
	}
	last, ok := pair(nthCdr(th, who, v, k-1))
	if !ok {
		th.Error(who, "list has fewer elements than", v, interp.Fixnum(k))
	}
	last.Cdr = null
	return v
}

// finiteLength is the number of pairs of a list that must not be circular.
func finiteLength(th *interp.Thread, who string, v value) int64 {
	n := lengthPlus(v)
	if n < 0 {
		th.Error(who, "expected a finite list", v)
	}
	return int64(n)
}

func defineSelectors() {
	define("first", func(th *interp.Thread, a []value) value { return a[0].Object().(*interp.Pair).Car })
	for i, name := range []string{"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"} {
		k := int64(i + 1)
		define(name, func(th *interp.Thread, a []value) value {
			p, ok := pair(nthCdr(th, name, a[0], k))
			if !ok {
				th.Error(name, "list has fewer elements than", a[0], interp.Fixnum(k+1))
			}
			return p.Car
		})
	}
	define("car+cdr", func(th *interp.Thread, a []value) value {
		p := a[0].Object().(*interp.Pair)
		return interp.Values(p.Car, p.Cdr)
	})
	define("take", func(th *interp.Thread, a []value) value { return take(th, "take", a[0], a[1].Fix()) })
	define("drop", func(th *interp.Thread, a []value) value { return nthCdr(th, "drop", a[0], a[1].Fix()) })
	define("take-right", func(th *interp.Thread, a []value) value {
		n := finiteLength(th, "take-right", a[0])
		if a[1].Fix() > n {
			th.Error("take-right", "list has fewer elements than", a[0], a[1])
		}
		return nthCdr(th, "take-right", a[0], n-a[1].Fix())
	})
	define("drop-right", func(th *interp.Thread, a []value) value {
		n := finiteLength(th, "drop-right", a[0])
		if a[1].Fix() > n {
			th.Error("drop-right", "list has fewer elements than", a[0], a[1])
		}
		return take(th, "drop-right", a[0], n-a[1].Fix())
	})
	define("take!", func(th *interp.Thread, a []value) value { return takeBang(th, "take!", a[0], a[1].Fix()) })
	define("drop-right!", func(th *interp.Thread, a []value) value {
		n := finiteLength(th, "drop-right!", a[0])
		if a[1].Fix() > n {
			th.Error("drop-right!", "list has fewer elements than", a[0], a[1])
		}
		return takeBang(th, "drop-right!", a[0], n-a[1].Fix())
	})
	define("split-at", func(th *interp.Thread, a []value) value {
		return interp.Values(take(th, "split-at", a[0], a[1].Fix()), nthCdr(th, "split-at", a[0], a[1].Fix()))
	})
	define("split-at!", func(th *interp.Thread, a []value) value {
		k := a[1].Fix()
		if k == 0 {
			return interp.Values(null, a[0])
		}
		prev, ok := pair(nthCdr(th, "split-at!", a[0], k-1))
		if !ok {
			th.Error("split-at!", "list has fewer elements than", a[0], a[1])
		}
		suffix := prev.Cdr
		prev.Cdr = null
		return interp.Values(a[0], suffix)
	})
	define("last", func(th *interp.Thread, a []value) value {
		return lastPair(a[0]).Object().(*interp.Pair).Car
	})
	define("last-pair", func(th *interp.Thread, a []value) value { return lastPair(a[0]) })

	define("zip", func(th *interp.Thread, a []value) value {
		lists := append([]value(nil), a...)
		items := make([]value, len(lists))
		b := newBuilder()
		for cars(lists, items) {
			b.add(interp.List(items...))
		}
		return b.list(null)
	})
	unzip := func(name string, n int) {
		define(name, func(th *interp.Thread, a []value) value {
			outs := make([]builder, n)
			for i := range outs {
				outs[i] = newBuilder()
			}
			for _, e := range properSlice(a[0]) {
				x := e
				for i := 0; i < n; i++ {
					p, ok := pair(x)
					if !ok {
						th.Error(name, "expected a list of lists", a[0])
					}
					outs[i].add(p.Car)
					x = p.Cdr
				}
			}
			vals := make([]value, n)
			for i := range outs {
				vals[i] = outs[i].list(null)
			}
			return interp.Values(vals...)
		})
	}
	unzip("unzip1", 1)
	unzip("unzip2", 2)
	unzip("unzip3", 3)
	unzip("unzip4", 4)
	unzip("unzip5", 5)
}
