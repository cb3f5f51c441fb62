package list

import "foment-ls/interp"

// The lset procedures treat lists as sets, with an equality procedure.

func member(th *interp.Thread, eq value, x value, set []value) bool {
	for _, y := range set {
		if truthy(th.Call(eq, y, x)) {
			return true
		}
	}
	return false
}

func subset(th *interp.Thread, eq value, a, b []value) bool {
	for _, x := range a {
		if !member(th, eq, x, b) {
			return false
		}
	}
	return true
}

func lists(a []value) [][]value {
	out := make([][]value, len(a))
	for i, l := range a {
		out[i] = properSlice(l)
	}
	return out
}

func defineSets() {
	define("lset<=", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		for i := 0; i+1 < len(ls); i++ {
			if !subset(th, a[0], ls[i], ls[i+1]) {
				return interp.False
			}
		}
		return interp.True
	})
	define("lset=", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		for i := 0; i+1 < len(ls); i++ {
			if !subset(th, a[0], ls[i], ls[i+1]) || !subset(th, a[0], ls[i+1], ls[i]) {
				return interp.False
			}
		}
		return interp.True
	})
	define("lset-adjoin", func(th *interp.Thread, a []value) value {
		set := properSlice(a[1])
		out := a[1]
		for _, x := range a[2:] {
			if !member(th, a[0], x, set) {
				out = interp.Cons(x, out)
				set = append(set, x)
			}
		}
		return out
	})
	define("lset-union", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		if len(ls) == 0 {
			return null
		}
		out, set := a[1], ls[0]
		for i, l := range ls[1:] {
			if len(set) == 0 {
				out, set = a[i+2], l
				continue
			}
			for _, x := range l {
				if !member(th, a[0], x, set) {
					out = interp.Cons(x, out)
					set = append(set, x)
				}
			}
		}
		return out
	})
	define("lset-intersection", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		b := newBuilder()
		for _, x := range ls[0] {
			in := true
			for _, l := range ls[1:] {
				if !member(th, a[0], x, l) {
					in = false
					break
				}
			}
			if in {
				b.add(x)
			}
		}
		return b.list(null)
	})
	define("lset-difference", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		b := newBuilder()
		for _, x := range ls[0] {
			out := true
			for _, l := range ls[1:] {
				if member(th, a[0], x, l) {
					out = false
					break
				}
			}
			if out {
				b.add(x)
			}
		}
		return b.list(null)
	})
	define("lset-xor", func(th *interp.Thread, a []value) value {
		var acc []value
		for _, l := range lists(a[1:]) {
			var next []value
			for _, x := range acc {
				if !member(th, a[0], x, l) {
					next = append(next, x)
				}
			}
			for _, x := range l {
				if !member(th, a[0], x, acc) {
					next = append(next, x)
				}
			}
			acc = next
		}
		return interp.List(acc...)
	})
	define("lset-diff+intersection", func(th *interp.Thread, a []value) value {
		ls := lists(a[1:])
		diff, inter := newBuilder(), newBuilder()
		for _, x := range ls[0] {
			in := false
			for _, l := range ls[1:] {
				if member(th, a[0], x, l) {
					in = true
					break
				}
			}
			if in {
				inter.add(x)
			} else {
				diff.add(x)
			}
		}
		return interp.Values(diff.list(null), inter.list(null))
	})
}
