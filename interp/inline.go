package interp

// Calls of the hottest builtins, when the name is the imported builtin, compile to code that
// does the common case inline (fixnum arithmetic, car/cdr of a pair) and falls back to the
// primitive — with its catalogue checks and messages — for everything else.

type inliner func(args []code, site *Site, p *Primitive) code

var inlinable = map[string]inliner{}

// slow calls the primitive the ordinary way, for the uncommon cases.
func slow(th *Thread, p *Primitive, site *Site, args ...Value) Value {
	base := th.sp
	for _, a := range args {
		th.push(a)
	}
	th.site = site
	return th.apply(Obj(p), base, len(args))
}

func init() {
	arith := func(op arithOp) inliner {
		return func(args []code, site *Site, p *Primitive) code {
			if len(args) != 2 {
				return nil
			}
			a, b := args[0], args[1]
			switch op {
			case opAdd:
				return func(th *Thread) Value {
					x, y := a(th), b(th)
					if x.o == nil && y.o == nil {
						s := x.n + y.n
						if (s > x.n) == (y.n > 0) {
							return Value{n: s}
						}
					} else if x.o == flonumTag && y.o == flonumTag {
						return Flonum(x.Flo() + y.Flo())
					}
					return slow(th, p, site, x, y)
				}
			case opSub:
				return func(th *Thread) Value {
					x, y := a(th), b(th)
					if x.o == nil && y.o == nil {
						s := x.n - y.n
						if (s < x.n) == (y.n > 0) {
							return Value{n: s}
						}
					} else if x.o == flonumTag && y.o == flonumTag {
						return Flonum(x.Flo() - y.Flo())
					}
					return slow(th, p, site, x, y)
				}
			}
			return func(th *Thread) Value {
				x, y := a(th), b(th)
				if x.o == nil && y.o == nil {
					// Factors under 2^31 in magnitude cannot overflow.
					if uint64(x.n+1<<31) < 1<<32 && uint64(y.n+1<<31) < 1<<32 {
						return Value{n: x.n * y.n}
					}
				} else if x.o == flonumTag && y.o == flonumTag {
					return Flonum(x.Flo() * y.Flo())
				}
				return slow(th, p, site, x, y)
			}
		}
	}
	inlinable["+"] = arith(opAdd)
	inlinable["-"] = arith(opSub)
	inlinable["*"] = arith(opMul)
	cmp := func(test func(c int) bool) inliner {
		return func(args []code, site *Site, p *Primitive) code {
			if len(args) != 2 {
				return nil
			}
			a, b := args[0], args[1]
			return func(th *Thread) Value {
				x, y := a(th), b(th)
				if x.o == nil && y.o == nil {
					c := 0
					if x.n < y.n {
						c = -1
					} else if x.n > y.n {
						c = 1
					}
					return Bool(test(c))
				}
				if x.o == flonumTag && y.o == flonumTag {
					// NaN is unordered: every comparison with it is false.
					if c := compareNum(x, y); c != 2 {
						return Bool(test(c))
					}
					return False
				}
				return slow(th, p, site, x, y)
			}
		}
	}
	inlinable["<"] = cmp(func(c int) bool { return c < 0 })
	inlinable[">"] = cmp(func(c int) bool { return c > 0 })
	inlinable["="] = cmp(func(c int) bool { return c == 0 })
	inlinable["<="] = cmp(func(c int) bool { return c <= 0 })
	inlinable[">="] = cmp(func(c int) bool { return c >= 0 })
	one := func(fast func(v Value) (Value, bool)) inliner {
		return func(args []code, site *Site, p *Primitive) code {
			if len(args) != 1 {
				return nil
			}
			a := args[0]
			return func(th *Thread) Value {
				x := a(th)
				if r, ok := fast(x); ok {
					return r
				}
				return slow(th, p, site, x)
			}
		}
	}
	// The commonest are written out: no call of a fast function through a variable.
	inlinable["car"] = func(args []code, site *Site, p *Primitive) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value {
			x := a(th)
			if pr, ok := x.o.(*Pair); ok {
				return pr.Car
			}
			return slow(th, p, site, x)
		}
	}
	inlinable["cdr"] = func(args []code, site *Site, p *Primitive) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value {
			x := a(th)
			if pr, ok := x.o.(*Pair); ok {
				return pr.Cdr
			}
			return slow(th, p, site, x)
		}
	}
	test := func(f func(v Value) bool) inliner {
		return func(args []code, site *Site, p *Primitive) code {
			if len(args) != 1 {
				return nil
			}
			a := args[0]
			return func(th *Thread) Value { return Bool(f(a(th))) }
		}
	}
	inlinable["null?"] = func(args []code, site *Site, p *Primitive) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value { return Bool(a(th).o == Null.o) }
	}
	inlinable["pair?"] = test(func(v Value) bool { _, ok := v.o.(*Pair); return ok })
	inlinable["not"] = func(args []code, site *Site, p *Primitive) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value { return Bool(a(th).o == False.o) }
	}
	inlinable["zero?"] = one(func(v Value) (Value, bool) {
		if v.o == nil {
			return Bool(v.n == 0), true
		}
		return Value{}, false
	})
	two := func(fast func(a, b Value) (Value, bool)) inliner {
		return func(args []code, site *Site, p *Primitive) code {
			if len(args) != 2 {
				return nil
			}
			a, b := args[0], args[1]
			return func(th *Thread) Value {
				x, y := a(th), b(th)
				if r, ok := fast(x, y); ok {
					return r
				}
				return slow(th, p, site, x, y)
			}
		}
	}
	inlinable["eq?"] = two(func(a, b Value) (Value, bool) { return Bool(Eq(a, b)), true })
	inlinable["eqv?"] = two(func(a, b Value) (Value, bool) { return Bool(Eqv(a, b)), true })
	inlinable["cons"] = func(args []code, site *Site, p *Primitive) code {
		if len(args) != 2 {
			return nil
		}
		a, b := args[0], args[1]
		return func(th *Thread) Value {
			x := a(th)
			return Cons(x, b(th))
		}
	}
	// values of two or three makes its object at once: no call, no frame (it cannot fail).
	inlinable["values"] = func(args []code, site *Site, p *Primitive) code {
		switch len(args) {
		case 2:
			a, b := args[0], args[1]
			return func(th *Thread) Value {
				x := a(th)
				return valuesOf([]Value{x, b(th)})
			}
		case 3:
			a, b, c := args[0], args[1], args[2]
			return func(th *Thread) Value {
				x := a(th)
				y := b(th)
				return valuesOf([]Value{x, y, c(th)})
			}
		}
		return nil
	}
	inlinable["string-length"] = one(func(v Value) (Value, bool) {
		if s, ok := v.o.(*String); ok {
			return Value{n: int64(s.Len())}, true
		}
		return Value{}, false
	})
	inlinable["string-ref"] = two(func(a, b Value) (Value, bool) {
		if s, ok := a.o.(*String); ok && b.o == nil && b.n >= 0 && b.n < int64(s.Len()) {
			return Char(s.Ref(int(b.n))), true
		}
		return Value{}, false
	})
	inlinable["bytevector-length"] = one(func(v Value) (Value, bool) {
		if b, ok := v.o.(*Bytevector); ok {
			return Value{n: int64(len(b.B))}, true
		}
		return Value{}, false
	})
	inlinable["bytevector-u8-ref"] = two(func(a, b Value) (Value, bool) {
		if bv, ok := a.o.(*Bytevector); ok && b.o == nil && b.n >= 0 && b.n < int64(len(bv.B)) {
			return Value{n: int64(bv.B[b.n])}, true
		}
		return Value{}, false
	})
	inlinable["vector-ref"] = two(func(a, b Value) (Value, bool) {
		if v, ok := a.o.(*Vector); ok && b.o == nil && b.n >= 0 && b.n < int64(len(v.Items)) {
			return v.Items[b.n], true
		}
		return Value{}, false
	})
}

// operand describes an argument that needs no code call: a plain local of this frame or a
// fixnum constant. Arithmetic and comparisons on such operands are specialised.
type operand struct {
	slot  int // >= 0: the frame slot
	k     int64
	isK   bool
	valid bool
}

func operandOf(n node, g *genCtx) operand {
	switch x := n.(type) {
	case *localN:
		b := g.resolve(x.b)
		if b.lam == g.lam && !b.boxed() && !b.mutated {
			return operand{slot: b.slot, valid: true}
		}
	case *constN:
		if x.v.o == nil {
			return operand{slot: -1, k: x.v.n, isK: true, valid: true}
		}
	}
	return operand{}
}

// genFast specialises fixnum + - and comparisons whose operands are locals or constants.
func genFast(n *primN, g *genCtx) code {
	if len(n.args) != 2 {
		return nil
	}
	x, y := operandOf(n.args[0], g), operandOf(n.args[1], g)
	if !x.valid || !y.valid || x.isK {
		return nil
	}
	p, site := n.p, n.site
	xs := x.slot
	if y.isK {
		k := y.k
		switch p.Name {
		case "+":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					if s := a.n + k; (s > a.n) == (k > 0) {
						return Value{n: s}
					}
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case "-":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					if s := a.n - k; (s < a.n) == (k > 0) {
						return Value{n: s}
					}
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case "<":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					return Bool(a.n < k)
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case ">":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					return Bool(a.n > k)
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case "=":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					return Bool(a.n == k)
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case "<=":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					return Bool(a.n <= k)
				}
				return slow(th, p, site, a, Value{n: k})
			}
		case ">=":
			return func(th *Thread) Value {
				a := th.stack[th.fp+xs]
				if a.o == nil {
					return Bool(a.n >= k)
				}
				return slow(th, p, site, a, Value{n: k})
			}
		}
		return nil
	}
	ys := y.slot
	switch p.Name {
	case "+":
		return func(th *Thread) Value {
			a, b := th.stack[th.fp+xs], th.stack[th.fp+ys]
			if a.o == nil && b.o == nil {
				if s := a.n + b.n; (s > a.n) == (b.n > 0) {
					return Value{n: s}
				}
			}
			return slow(th, p, site, a, b)
		}
	case "-":
		return func(th *Thread) Value {
			a, b := th.stack[th.fp+xs], th.stack[th.fp+ys]
			if a.o == nil && b.o == nil {
				if s := a.n - b.n; (s < a.n) == (b.n > 0) {
					return Value{n: s}
				}
			}
			return slow(th, p, site, a, b)
		}
	case "<":
		return func(th *Thread) Value {
			a, b := th.stack[th.fp+xs], th.stack[th.fp+ys]
			if a.o == nil && b.o == nil {
				return Bool(a.n < b.n)
			}
			return slow(th, p, site, a, b)
		}
	case ">":
		return func(th *Thread) Value {
			a, b := th.stack[th.fp+xs], th.stack[th.fp+ys]
			if a.o == nil && b.o == nil {
				return Bool(a.n > b.n)
			}
			return slow(th, p, site, a, b)
		}
	case "=":
		return func(th *Thread) Value {
			a, b := th.stack[th.fp+xs], th.stack[th.fp+ys]
			if a.o == nil && b.o == nil {
				return Bool(a.n == b.n)
			}
			return slow(th, p, site, a, b)
		}
	}
	return nil
}

func genPrim(n *primN, g *genCtx) code {
	if c := genFast(n, g); c != nil {
		return c
	}
	args := make([]code, len(n.args))
	for i, a := range n.args {
		args[i] = gen(a, g)
	}
	if in := inlinable[n.p.Name]; in != nil {
		if c := in(args, n.site, n.p); c != nil {
			return c
		}
	}
	// Not inlinable with this many arguments: an ordinary call of the constant primitive.
	return genCall(&callN{fn: &constN{Obj(n.p)}, args: n.args, site: n.site}, g)
}
