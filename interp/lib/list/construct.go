package list

import "foment-ls/interp"

func define(name string, fn func(th *interp.Thread, a []value) value) { interp.Define(name, fn) }

func defineConstructors() {
	define("xcons", func(th *interp.Thread, a []value) value { return interp.Cons(a[1], a[0]) })
	define("cons*", func(th *interp.Thread, a []value) value {
		out := a[len(a)-1]
		for i := len(a) - 2; i >= 0; i-- {
			out = interp.Cons(a[i], out)
		}
		return out
	})
	define("list-tabulate", func(th *interp.Thread, a []value) value {
		b := newBuilder()
		for i := int64(0); i < a[0].Fix(); i++ {
			b.add(th.Call(a[1], interp.Fixnum(i)))
		}
		return b.list(null)
	})
	define("circular-list", func(th *interp.Thread, a []value) value {
		l := interp.List(a...)
		lastPair(l).Object().(*interp.Pair).Cdr = l
		return l
	})
	define("iota", func(th *interp.Thread, a []value) value {
		n := a[0].Fix()
		start, step := interp.Fixnum(0), interp.Fixnum(1)
		if len(a) > 1 {
			start = a[1]
		}
		if len(a) > 2 {
			step = a[2]
		}
		out := make([]value, n)
		if start.IsFixnum() && step.IsFixnum() {
			for i := range out {
				out[i] = interp.Fixnum(start.Fix() + int64(i)*step.Fix())
			}
			return interp.List(out...)
		}
		add, mul := interp.Obj(interp.Builtin("+")), interp.Obj(interp.Builtin("*"))
		for i := range out {
			if i == 0 {
				out[i] = start
				continue
			}
			out[i] = th.Call(add, start, th.Call(mul, interp.Int(i), step))
		}
		return interp.List(out...)
	})

	define("circular-list?", func(th *interp.Thread, a []value) value {
		return interp.Bool(lengthPlus(a[0]) < 0)
	})
	define("dotted-list?", func(th *interp.Thread, a []value) value {
		if lengthPlus(a[0]) < 0 {
			return interp.False
		}
		v := a[0]
		for p, ok := pair(v); ok; p, ok = pair(v) {
			v = p.Cdr
		}
		return interp.Bool(!v.IsNull())
	})
	define("length+", func(th *interp.Thread, a []value) value {
		if n := lengthPlus(a[0]); n >= 0 {
			return interp.Int(n)
		}
		return interp.False
	})
	define("not-pair?", func(th *interp.Thread, a []value) value {
		_, ok := pair(a[0])
		return interp.Bool(!ok)
	})
	define("null-list?", func(th *interp.Thread, a []value) value {
		_, ok := pair(a[0])
		return interp.Bool(!ok)
	})
	define("list=", func(th *interp.Thread, a []value) value {
		eq := a[0]
		for i := 1; i+1 < len(a); i++ {
			x, y := a[i], a[i+1]
			if interp.Eq(x, y) {
				continue
			}
			for {
				px, okx := pair(x)
				py, oky := pair(y)
				if !okx || !oky {
					if okx || oky {
						return interp.False
					}
					break
				}
				if !truthy(th.Call(eq, px.Car, py.Car)) {
					return interp.False
				}
				x, y = px.Cdr, py.Cdr
			}
		}
		return interp.True
	})

	define("append!", func(th *interp.Thread, a []value) value { return appendBang(th, "append!", a) })
	define("concatenate", func(th *interp.Thread, a []value) value {
		return th.TailCall(interp.Obj(interp.Builtin("append")), listArg(th, "concatenate", a[0])...)
	})
	define("concatenate!", func(th *interp.Thread, a []value) value {
		return appendBang(th, "concatenate!", listArg(th, "concatenate!", a[0]))
	})
	define("reverse!", func(th *interp.Thread, a []value) value { return appendReverse(a[0], null) })
	define("append-reverse", func(th *interp.Thread, a []value) value {
		out := a[1]
		for _, x := range slice(a[0]) {
			out = interp.Cons(x, out)
		}
		return out
	})
	define("append-reverse!", func(th *interp.Thread, a []value) value {
		finiteLength(th, "append-reverse!", a[0])
		return appendReverse(a[0], a[1])
	})
	define("alist-cons", func(th *interp.Thread, a []value) value {
		return interp.Cons(interp.Cons(a[0], a[1]), a[2])
	})
	define("alist-copy", func(th *interp.Thread, a []value) value {
		b := newBuilder()
		for _, e := range properSlice(a[0]) {
			if p, ok := pair(e); ok {
				e = interp.Cons(p.Car, p.Cdr)
			}
			b.add(e)
		}
		return b.list(null)
	})
}

// listArg returns the elements of an argument that must be a proper list.
func listArg(th *interp.Thread, who string, v value) []value {
	if lengthPlus(v) < 0 {
		th.Error(who, "expected a list", v)
	}
	out := properSlice(v)
	if lastTail(v).IsNull() {
		return out
	}
	th.Error(who, "expected a list", v)
	return nil
}

func lastTail(v value) value {
	for p, ok := pair(v); ok; p, ok = pair(v) {
		v = p.Cdr
	}
	return v
}

// appendBang links the lists by changing the last cdr of each non-empty one.
func appendBang(th *interp.Thread, who string, lists []value) value {
	result := null
	var last *interp.Pair
	for i, l := range lists {
		if _, ok := pair(l); !ok {
			if i == len(lists)-1 {
				if last == nil {
					return l
				}
				last.Cdr = l
			} else if !l.IsNull() {
				th.Error(who, "expected a list", l)
			}
			continue
		}
		if last == nil {
			result = l
		} else {
			last.Cdr = l
		}
		last = lastPair(l).Object().(*interp.Pair)
	}
	return result
}

// appendReverse reverses a list in place onto tail.
func appendReverse(v, tail value) value {
	for {
		p, ok := pair(v)
		if !ok {
			return tail
		}
		next := p.Cdr
		p.Cdr = tail
		tail, v = v, next
	}
}
