package interp

func init() {
	define("cons", func(th *Thread, a []Value) Value { return Cons(a[0], a[1]) })
	define("car", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Car })
	define("cdr", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Cdr })
	define("pair?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Pair); return Bool(ok) })
	define("null?", func(th *Thread, a []Value) Value { return Bool(a[0].o == Null.o) })
	define("list", func(th *Thread, a []Value) Value { return List(a...) })
	define("length", func(th *Thread, a []Value) Value {
		n := 0
		for v := a[0]; v.o != Null.o; v = v.o.(*Pair).Cdr {
			n++
		}
		return Int(n)
	})
	define("append", func(th *Thread, a []Value) Value {
		if len(a) == 0 {
			return Null
		}
		res := a[len(a)-1]
		for i := len(a) - 2; i >= 0; i-- {
			items, ok := ListToSlice(a[i])
			if !ok {
				return th.Error("append", "expected a list", a[i])
			}
			for j := len(items) - 1; j >= 0; j-- {
				res = Cons(items[j], res)
			}
		}
		return res
	})
	define("list->vector", func(th *Thread, a []Value) Value {
		items, _ := ListToSlice(a[0])
		return Vec(items)
	})
	define("memv", func(th *Thread, a []Value) Value {
		for v := a[1]; v.o != Null.o; v = v.o.(*Pair).Cdr {
			if Eqv(a[0], v.o.(*Pair).Car) {
				return v
			}
		}
		return False
	})
	define("not", func(th *Thread, a []Value) Value { return Bool(a[0].o == False.o) })
	define("eq?", func(th *Thread, a []Value) Value { return Bool(Eq(a[0], a[1])) })
	define("eqv?", func(th *Thread, a []Value) Value { return Bool(Eqv(a[0], a[1])) })
	define("equal?", func(th *Thread, a []Value) Value { return Bool(Equal(a[0], a[1])) })
	define("vector-ref", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector)
		if a[1].n >= int64(len(v.Items)) {
			return th.Error("vector-ref", "expected a valid index", a[1])
		}
		return v.Items[a[1].n]
	})
}
