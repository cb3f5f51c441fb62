package interp

// Pairs, lists, booleans and symbols.

func init() {
	define("cons", func(th *Thread, a []Value) Value { return Cons(a[0], a[1]) })
	define("car", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Car })
	define("cdr", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Cdr })
	define("set-car!", func(th *Thread, a []Value) Value { a[0].o.(*Pair).Car = a[1]; return Unspecified })
	define("set-cdr!", func(th *Thread, a []Value) Value { a[0].o.(*Pair).Cdr = a[1]; return Unspecified })
	for _, path := range []string{"aa", "ad", "da", "dd",
		"aaa", "aad", "ada", "add", "daa", "dad", "dda", "ddd",
		"aaaa", "aaad", "aada", "aadd", "adaa", "adad", "adda", "addd",
		"daaa", "daad", "dada", "dadd", "ddaa", "ddad", "ddda", "dddd"} {
		name := "c" + path + "r"
		ops := path
		define(name, func(th *Thread, a []Value) Value {
			v := a[0]
			for i := len(ops) - 1; i >= 0; i-- {
				p, ok := v.o.(*Pair)
				if !ok {
					// Foment composes car and cdr: the failing step is the one named.
					if ops[i] == 'a' {
						return th.Error("car", "expected a pair", v)
					}
					return th.Error("cdr", "expected a pair", v)
				}
				if ops[i] == 'a' {
					v = p.Car
				} else {
					v = p.Cdr
				}
			}
			return v
		})
	}
	define("pair?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Pair); return Bool(ok) })
	define("null?", func(th *Thread, a []Value) Value { return Bool(a[0].o == Null.o) })
	define("list?", func(th *Thread, a []Value) Value { return Bool(isList(a[0])) })
	define("make-list", func(th *Thread, a []Value) Value {
		fill := Unspecified
		if len(a) > 1 {
			fill = a[1]
		}
		th.CheckAlloc("make-list", a[0].n, SizePair, "elements")
		l := Null
		for i := int64(0); i < a[0].n; i++ {
			l = Cons(fill, l)
		}
		return l
	})
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
		lists := a[:len(a)-1]
		for _, l := range lists {
			if !isList(l) {
				return th.Error("append", "expected a list", l)
			}
		}
		th.CheckAllocSum("append", func(yield func(int64) bool) {
			for _, l := range lists {
				yield(int64(listLength(l)))
			}
		}, SizePair, "elements")
		res := a[len(a)-1]
		for i := len(lists) - 1; i >= 0; i-- {
			items, _ := ListToSlice(lists[i])
			for j := len(items) - 1; j >= 0; j-- {
				res = Cons(items[j], res)
			}
		}
		return res
	})
	define("reverse", func(th *Thread, a []Value) Value {
		r := Null
		for v := a[0]; v.o != Null.o; v = v.o.(*Pair).Cdr {
			r = Cons(v.o.(*Pair).Car, r)
		}
		return r
	})
	define("list-tail", func(th *Thread, a []Value) Value {
		v := a[0]
		for i := int64(0); i < a[1].n; i++ {
			p, ok := v.o.(*Pair)
			if !ok {
				return th.Error("list-tail", "expected a pair", v)
			}
			v = p.Cdr
		}
		return v
	})
	nth := func(th *Thread, who string, l, k Value) *Pair {
		v := l
		for i := int64(0); ; i++ {
			p, ok := v.o.(*Pair)
			if !ok {
				th.Error(who, "expected a pair", v)
			}
			if i == k.n {
				return p
			}
			v = p.Cdr
		}
	}
	define("list-ref", func(th *Thread, a []Value) Value { return nth(th, "list-ref", a[0], a[1]).Car })
	define("list-set!", func(th *Thread, a []Value) Value {
		nth(th, "list-set!", a[0], a[1]).Car = a[2]
		return Unspecified
	})
	define("list-copy", func(th *Thread, a []Value) Value {
		var head, tail *Pair
		v := a[0]
		slow := v
		for n := 0; ; n++ {
			p, ok := v.o.(*Pair)
			if !ok {
				break
			}
			if n&1 == 0 && n > 0 {
				// The tortoise (at pair n/2) meets pair n only on a circular list.
				slow = slow.o.(*Pair).Cdr
				if slow.o == any(p) {
					return th.Error("list-copy", "expected a list", a[0])
				}
			}
			c := &Pair{Car: p.Car, Cdr: Null}
			if head == nil {
				head = c
			} else {
				tail.Cdr = Obj(c)
			}
			tail = c
			v = p.Cdr
		}
		if head == nil {
			return v
		}
		tail.Cdr = v
		return Obj(head)
	})
	// The list was checked already (a proper list): the loops only follow pairs.
	mem := func(name string, eq func(a, b Value) bool) {
		define(name, func(th *Thread, a []Value) Value {
			x := a[0]
			p, ok := a[1].o.(*Pair)
			if len(a) > 2 {
				for ; ok; p, ok = p.Cdr.o.(*Pair) {
					if th.Call(a[2], x, p.Car).IsTrue() {
						return Obj(p)
					}
				}
				return False
			}
			for ; ok; p, ok = p.Cdr.o.(*Pair) {
				if eq(x, p.Car) {
					return Obj(p)
				}
			}
			return False
		})
	}
	// memq and assq compare in the loop (inlined), not through a function value.
	define("memq", func(th *Thread, a []Value) Value {
		x := a[0]
		for p, ok := a[1].o.(*Pair); ok; p, ok = p.Cdr.o.(*Pair) {
			if Eq(x, p.Car) {
				return Obj(p)
			}
		}
		return False
	})
	mem("memv", Eqv)
	mem("member", Equal)
	ass := func(name string, eq func(a, b Value) bool) {
		define(name, func(th *Thread, a []Value) Value {
			x := a[0]
			for p, ok := a[1].o.(*Pair); ok; p, ok = p.Cdr.o.(*Pair) {
				e, ok := p.Car.o.(*Pair)
				if !ok {
					return th.Error(name, "expected a pair", p.Car)
				}
				if eq == nil {
					if Eq(x, e.Car) {
						return Obj(e)
					}
				} else if len(a) > 2 {
					if th.Call(a[2], x, e.Car).IsTrue() {
						return Obj(e)
					}
				} else if eq(x, e.Car) {
					return Obj(e)
				}
			}
			return False
		})
	}
	ass("assq", nil) // eq?, inlined
	ass("assv", Eqv)
	ass("assoc", Equal)
	define("map", func(th *Thread, a []Value) Value {
		var out []Value
		eachElements(th, "map", a[1:], func(args []Value) {
			out = append(out, th.Call(a[0], args...))
		})
		return List(out...)
	})
	define("for-each", func(th *Thread, a []Value) Value {
		eachElements(th, "for-each", a[1:], func(args []Value) { th.Call(a[0], args...) })
		return Unspecified
	})
	define("not", func(th *Thread, a []Value) Value { return Bool(a[0].o == False.o) })
	define("boolean?", func(th *Thread, a []Value) Value { return Bool(a[0].IsBoolean()) })
	define("boolean=?", func(th *Thread, a []Value) Value {
		for _, x := range a[1:] {
			if !Eq(x, a[0]) {
				return False
			}
		}
		return True
	})
	define("eq?", func(th *Thread, a []Value) Value { return Bool(Eq(a[0], a[1])) })
	define("eqv?", func(th *Thread, a []Value) Value { return Bool(Eqv(a[0], a[1])) })
	define("equal?", func(th *Thread, a []Value) Value { return Bool(Equal(a[0], a[1])) })
	define("symbol?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Symbol); return Bool(ok) })
	define("symbol=?", func(th *Thread, a []Value) Value {
		for _, x := range a[1:] {
			if !Eq(x, a[0]) {
				return False
			}
		}
		return True
	})
	define("symbol->string", func(th *Thread, a []Value) Value { return Str(a[0].o.(*Symbol).Name) })
	define("string->symbol", func(th *Thread, a []Value) Value { return Sym(a[0].o.(*String).String()) })
	define("box", func(th *Thread, a []Value) Value { return Obj(&Box{a[0]}) })
	define("box?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Box); return Bool(ok) })
	define("unbox", func(th *Thread, a []Value) Value {
		b, ok := a[0].o.(*Box)
		if !ok {
			return th.Error("unbox", "expected a box", a[0])
		}
		return b.V
	})
	define("set-box!", func(th *Thread, a []Value) Value {
		b, ok := a[0].o.(*Box)
		if !ok {
			return th.Error("set-box!", "expected a box", a[0])
		}
		b.V = a[1]
		return Unspecified
	})
}

// eachElements calls f with the i-th elements of the lists, for each i up to the shortest
// list's length. A circular list is fine beside a finite one; when every list is circular
// the walk would not end, and it is an error (SRFI 1).
func eachElements(th *Thread, who string, lists []Value, f func(args []Value)) {
	orig := lists
	lists = append([]Value(nil), lists...)
	slow := append([]Value(nil), lists...)
	circular := 0 // how many lists were found circular
	seen := make([]bool, len(lists))
	args := make([]Value, len(lists))
	for n := 0; ; n++ {
		for i, l := range lists {
			p, ok := l.o.(*Pair)
			if !ok {
				return
			}
			args[i] = p.Car
			lists[i] = p.Cdr
			if n&1 == 1 && !seen[i] {
				if slow[i] = slow[i].o.(*Pair).Cdr; lists[i].o == slow[i].o {
					seen[i] = true
					if circular++; circular == len(lists) {
						th.Error(who, "expected a list", orig[0])
					}
				}
			}
		}
		f(args)
	}
}
