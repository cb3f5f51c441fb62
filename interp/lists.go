package interp

// Pairs, lists, booleans and symbols.

// cxrPaths are the paths of caar ... cddddr: the letters between c and r.
var cxrPaths = []string{"aa", "ad", "da", "dd",
	"aaa", "aad", "ada", "add", "daa", "dad", "dda", "ddd",
	"aaaa", "aaad", "aada", "aadd", "adaa", "adad", "adda", "addd",
	"daaa", "daad", "dada", "dadd", "ddaa", "ddad", "ddda", "dddd"}

func init() {
	define("cons", func(th *Thread, a []Value) Value { return Cons(a[0], a[1]) })
	define("car", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Car })
	define("cdr", func(th *Thread, a []Value) Value { return a[0].o.(*Pair).Cdr })
	define("set-car!", func(th *Thread, a []Value) Value { a[0].o.(*Pair).Car = a[1]; return Unspecified })
	define("set-cdr!", func(th *Thread, a []Value) Value { a[0].o.(*Pair).Cdr = a[1]; return Unspecified })
	for _, path := range cxrPaths {
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
			if len(a) > 2 {
				return (&searchList{obj: a[0], rest: a[1], compare: a[2]}).run(th)
			}
			x := a[0]
			for p, ok := a[1].o.(*Pair); ok; p, ok = p.Cdr.o.(*Pair) {
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
			if len(a) > 2 {
				return (&searchList{who: name, obj: a[0], rest: a[1], compare: a[2], alist: true}).run(th)
			}
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
		return newEachList("map", a[0], a[1:], true).run(th)
	})
	define("for-each", func(th *Thread, a []Value) Value {
		return newEachList("for-each", a[0], a[1:], false).run(th)
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

// eachList is map and for-each over lists: proc is called with the i-th elements of the
// lists, for each i up to the shortest list's length. A circular list is fine beside a finite
// one; when every list is circular the walk would not end, and it is an error (SRFI 1). It
// goes on from a copy of itself for a re-entered continuation (rebuild.go): a map re-entered
// makes a new list.
type eachList struct {
	who         string
	proc, first Value
	lists, slow []Value
	seen        []bool
	circular    int // how many lists were found circular
	n           int
	collect     bool
	out         []Value
}

func newEachList(who string, proc Value, lists []Value, collect bool) *eachList {
	return &eachList{who: who, proc: proc, first: lists[0], lists: append([]Value(nil), lists...),
		slow: append([]Value(nil), lists...), seen: make([]bool, len(lists)), collect: collect}
}

func (s *eachList) clone() resumer {
	c := *s
	c.lists = append([]Value(nil), s.lists...)
	c.slow = append([]Value(nil), s.slow...)
	c.seen = append([]bool(nil), s.seen...)
	c.out = append([]Value(nil), s.out...)
	return &c
}

func (s *eachList) resume(th *Thread, _ code) Value {
	s.took(th.resumeNext())
	return s.run(th)
}

func (s *eachList) took(v Value) {
	if s.collect {
		s.out = append(s.out, v)
	}
}

func (s *eachList) run(th *Thread) Value {
	args := make([]Value, len(s.lists))
	for {
		for i, l := range s.lists {
			p, ok := l.o.(*Pair)
			if !ok {
				if s.collect {
					return List(s.out...)
				}
				return Unspecified
			}
			args[i] = p.Car
			s.lists[i] = p.Cdr
			if s.n&1 == 1 && !s.seen[i] {
				if s.slow[i] = s.slow[i].o.(*Pair).Cdr; s.lists[i].o == s.slow[i].o {
					s.seen[i] = true
					if s.circular++; s.circular == len(s.lists) {
						th.Error(s.who, "expected a list", s.first)
					}
				}
			}
		}
		s.n++
		s.took(th.CallWith(s, s.proc, args...))
	}
}

// searchList is member and assoc with a compare procedure.
type searchList struct {
	who                string
	obj, rest, compare Value
	alist              bool
	at                 Value // the pair being compared
}

func (s *searchList) clone() resumer { c := *s; return &c }
func (s *searchList) resume(th *Thread, _ code) Value {
	if th.resumeNext().IsTrue() {
		return s.found()
	}
	return s.run(th)
}

func (s *searchList) found() Value {
	if s.alist {
		return s.at.o.(*Pair).Car
	}
	return s.at
}

func (s *searchList) run(th *Thread) Value {
	for s.rest.o != Null.o {
		s.at = s.rest
		s.rest = s.rest.o.(*Pair).Cdr
		x := s.at.o.(*Pair).Car
		if s.alist {
			e, ok := x.o.(*Pair)
			if !ok {
				return th.Error(s.who, "expected a pair", x)
			}
			x = e.Car
		}
		if th.CallWith(s, s.compare, s.obj, x).IsTrue() {
			return s.found()
		}
	}
	return False
}
