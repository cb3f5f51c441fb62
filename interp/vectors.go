package interp

// Vectors and bytevectors.

func init() {
	define("vector?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Vector); return Bool(ok) })
	define("make-vector", func(th *Thread, a []Value) Value {
		fill := False
		if len(a) > 1 {
			fill = a[1]
		}
		th.CheckAlloc("make-vector", a[0].n, SizeValue, "elements")
		items := make([]Value, a[0].n)
		for i := range items {
			items[i] = fill
		}
		return Vec(items)
	})
	define("vector", func(th *Thread, a []Value) Value { return Vec(append([]Value(nil), a...)) })
	define("vector-length", func(th *Thread, a []Value) Value { return Int(len(a[0].o.(*Vector).Items)) })
	define("vector-ref", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector)
		if a[1].n >= int64(len(v.Items)) {
			return th.Error("vector-ref", "expected a valid index", a[1])
		}
		return v.Items[a[1].n]
	})
	define("vector-set!", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector)
		if a[1].n >= int64(len(v.Items)) {
			return th.Error("vector-set!", "expected a valid index", a[1])
		}
		v.Items[a[1].n] = a[2]
		return Unspecified
	})
	define("vector->list", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector).Items
		start, end := th.Range("vector->list", a, 1, len(v))
		th.CheckAlloc("vector->list", int64(end-start), SizePair, "elements")
		return List(v[start:end]...)
	})
	define("list->vector", func(th *Thread, a []Value) Value {
		items, _ := ListToSlice(a[0])
		if items == nil {
			items = []Value{}
		}
		return Vec(items)
	})
	define("vector-fill!", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector).Items
		start, end := th.Range("vector-fill!", a, 2, len(v))
		for i := start; i < end; i++ {
			v[i] = a[1]
		}
		return Unspecified
	})
	define("vector-copy", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector).Items
		start, end := th.Range("vector-copy", a, 1, len(v))
		return Vec(append([]Value{}, v[start:end]...))
	})
	define("vector-copy!", func(th *Thread, a []Value) Value {
		to, from := a[0].o.(*Vector).Items, a[2].o.(*Vector).Items
		start, end := th.Range("vector-copy!", a, 3, len(from))
		if a[1].n+int64(end-start) > int64(len(to)) {
			return th.Error("vector-copy!", "expected a valid index", a[1])
		}
		copy(to[a[1].n:], from[start:end])
		return Unspecified
	})
	define("vector-append", func(th *Thread, a []Value) Value {
		th.CheckAllocSum("vector-append", func(yield func(int64) bool) {
			for _, v := range a {
				yield(int64(len(v.o.(*Vector).Items)))
			}
		}, SizeValue, "elements")
		out := []Value{}
		for _, v := range a {
			out = append(out, v.o.(*Vector).Items...)
		}
		return Vec(out)
	})
	define("vector-map", func(th *Thread, a []Value) Value {
		vs := vectorsOf(a[1:])
		n := minVecLen(vs)
		return (&eachVector{proc: a[0], vs: vs, n: n, out: make([]Value, 0, n), collect: true}).run(th)
	})
	define("vector-for-each", func(th *Thread, a []Value) Value {
		vs := vectorsOf(a[1:])
		return (&eachVector{proc: a[0], vs: vs, n: minVecLen(vs)}).run(th)
	})

	define("bytevector?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*Bytevector); return Bool(ok) })
	define("make-bytevector", func(th *Thread, a []Value) Value {
		th.CheckAlloc("make-bytevector", a[0].n, SizeByte, "bytes")
		b := make([]byte, a[0].n)
		if len(a) > 1 {
			for i := range b {
				b[i] = byte(a[1].n)
			}
		}
		return Bytes(b)
	})
	define("bytevector", func(th *Thread, a []Value) Value {
		b := make([]byte, len(a))
		for i, x := range a {
			b[i] = byte(x.n)
		}
		return Bytes(b)
	})
	define("bytevector-u8-ref", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		if a[1].n >= int64(len(b)) {
			return th.Error("bytevector-u8-ref", "expected a valid index", a[1])
		}
		return Fixnum(int64(b[a[1].n]))
	})
	define("bytevector-u8-set!", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		if a[1].n >= int64(len(b)) {
			return th.Error("bytevector-u8-set!", "expected a valid index", a[1])
		}
		b[a[1].n] = byte(a[2].n)
		return Unspecified
	})
	define("bytevector-length", func(th *Thread, a []Value) Value { return Int(len(a[0].o.(*Bytevector).B)) })
	define("bytevector-copy", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		start, end := th.Range("bytevector-copy", a, 1, len(b))
		return Bytes(append([]byte{}, b[start:end]...))
	})
	define("bytevector-copy!", func(th *Thread, a []Value) Value {
		to, from := a[0].o.(*Bytevector).B, a[2].o.(*Bytevector).B
		start, end := th.Range("bytevector-copy!", a, 3, len(from))
		if a[1].n+int64(end-start) > int64(len(to)) {
			return th.Error("bytevector-copy!", "expected a valid index", a[1])
		}
		copy(to[a[1].n:], from[start:end])
		return Unspecified
	})
	define("bytevector-append", func(th *Thread, a []Value) Value {
		th.CheckAllocSum("bytevector-append", func(yield func(int64) bool) {
			for _, v := range a {
				yield(int64(len(v.o.(*Bytevector).B)))
			}
		}, SizeByte, "bytes")
		out := []byte{}
		for _, v := range a {
			out = append(out, v.o.(*Bytevector).B...)
		}
		return Bytes(out)
	})
}

func vectorsOf(vs []Value) [][]Value {
	out := make([][]Value, len(vs))
	for i, v := range vs {
		out[i] = v.o.(*Vector).Items
	}
	return out
}

func minVecLen(vs [][]Value) int {
	n := -1
	for _, v := range vs {
		if n < 0 || len(v) < n {
			n = len(v)
		}
	}
	if n < 0 {
		return 0
	}
	return n
}

// eachVector is vector-map and vector-for-each; it goes on from a copy of itself for a
// re-entered continuation (rebuild.go).
type eachVector struct {
	proc    Value
	vs      [][]Value
	i, n    int
	collect bool
	out     []Value
}

func (s *eachVector) clone() resumer {
	c := *s
	c.out = append(make([]Value, 0, s.n), s.out...)
	return &c
}

func (s *eachVector) resume(th *Thread, _ code) Value {
	s.took(th.resumeNext())
	return s.run(th)
}

func (s *eachVector) took(v Value) {
	if s.collect {
		s.out = append(s.out, v)
	}
}

func (s *eachVector) run(th *Thread) Value {
	args := make([]Value, len(s.vs))
	for s.i < s.n {
		for j, v := range s.vs {
			args[j] = v[s.i]
		}
		s.i++
		s.took(th.CallWith(s, s.proc, args...))
	}
	if s.collect {
		return Vec(s.out)
	}
	return Unspecified
}
