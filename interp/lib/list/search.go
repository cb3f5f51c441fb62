package list

import "foment-ls/interp"

func defineSearches() {
	define("find", func(th *interp.Thread, a []value) value {
		for v := a[1]; ; {
			p, ok := pair(v)
			if !ok {
				return interp.False
			}
			if truthy(th.Call(a[0], p.Car)) {
				return p.Car
			}
			v = p.Cdr
		}
	})
	define("find-tail", func(th *interp.Thread, a []value) value {
		for v := a[1]; ; {
			p, ok := pair(v)
			if !ok {
				return interp.False
			}
			if truthy(th.Call(a[0], p.Car)) {
				return v
			}
			v = p.Cdr
		}
	})
	// prefix returns the elements before the first that fails pred, and the rest.
	prefix := func(th *interp.Thread, pred, l value, want bool) (value, value) {
		b := newBuilder()
		for v := l; ; {
			p, ok := pair(v)
			if !ok || truthy(th.Call(pred, p.Car)) != want {
				return b.list(null), v
			}
			b.add(p.Car)
			v = p.Cdr
		}
	}
	define("take-while", func(th *interp.Thread, a []value) value {
		head, _ := prefix(th, a[0], a[1], true)
		return head
	})
	define("drop-while", func(th *interp.Thread, a []value) value {
		for v := a[1]; ; {
			p, ok := pair(v)
			if !ok || !truthy(th.Call(a[0], p.Car)) {
				return v
			}
			v = p.Cdr
		}
	})
	define("span", func(th *interp.Thread, a []value) value {
		return interp.Values(prefix(th, a[0], a[1], true))
	})
	define("break", func(th *interp.Thread, a []value) value {
		return interp.Values(prefix(th, a[0], a[1], false))
	})
	// any and every call pred on the last elements as a tail call, as SRFI 1 says. One list
	// that ends in something other than () is an error once pred has been called on its last
	// element and has not decided the answer (Foment's order); of several lists, the shortest
	// ends them all, as in Foment.
	define("any", func(th *interp.Thread, a []value) value {
		lists := append([]value(nil), a[1:]...)
		items := make([]value, len(lists))
		if !cars(lists, items) {
			return interp.False
		}
		for {
			next := make([]value, len(lists))
			if !cars(lists, next) {
				if dotted(lists) {
					if r := th.Call(a[0], items...); truthy(r) {
						return r
					}
					th.Error("any", "expected a list", a[1])
				}
				return th.TailCall(a[0], items...)
			}
			if r := th.Call(a[0], items...); truthy(r) {
				return r
			}
			items = next
		}
	})
	define("every", func(th *interp.Thread, a []value) value {
		lists := append([]value(nil), a[1:]...)
		items := make([]value, len(lists))
		if !cars(lists, items) {
			return interp.True
		}
		for {
			next := make([]value, len(lists))
			if !cars(lists, next) {
				if dotted(lists) {
					if r := th.Call(a[0], items...); !truthy(r) {
						return r
					}
					th.Error("every", "expected a list", a[1])
				}
				return th.TailCall(a[0], items...)
			}
			if r := th.Call(a[0], items...); !truthy(r) {
				return r
			}
			items = next
		}
	})
	define("list-index", func(th *interp.Thread, a []value) value {
		lists := append([]value(nil), a[1:]...)
		items := make([]value, len(lists))
		for i := 0; cars(lists, items); i++ {
			if truthy(th.Call(a[0], items...)) {
				return interp.Int(i)
			}
		}
		return interp.False
	})
	define("delete", func(th *interp.Thread, a []value) value {
		eq := equality(a, 2)
		b := newBuilder()
		for _, x := range properSlice(a[1]) {
			if !same(th, eq, a[0], x) {
				b.add(x)
			}
		}
		return b.list(null)
	})
	define("delete-duplicates", func(th *interp.Thread, a []value) value {
		eq := equality(a, 1)
		var kept []value
		for _, x := range properSlice(a[0]) {
			dup := false
			for _, k := range kept {
				if same(th, eq, k, x) {
					dup = true
					break
				}
			}
			if !dup {
				kept = append(kept, x)
			}
		}
		return interp.List(kept...)
	})
	define("alist-delete", func(th *interp.Thread, a []value) value {
		eq := equality(a, 2)
		b := newBuilder()
		for _, e := range properSlice(a[1]) {
			p, ok := pair(e)
			if !ok {
				th.Error("alist-delete", "expected an alist", a[1])
			}
			if !same(th, eq, a[0], p.Car) {
				b.add(e)
			}
		}
		return b.list(null)
	})
}

// equality returns the optional equality argument at index i; nil stands for equal?.
func equality(a []value, i int) *value {
	if len(a) > i {
		return &a[i]
	}
	return nil
}

func same(th *interp.Thread, eq *value, x, y value) bool {
	if eq == nil {
		return interp.Equal(x, y)
	}
	return truthy(th.Call(*eq, x, y))
}

// dotted tells whether the rest of the one list any or every walks is not (): a dotted list.
func dotted(lists []value) bool {
	return len(lists) == 1 && !lists[0].IsNull()
}
