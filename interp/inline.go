package interp

import "math"

// Calls of the hottest builtins, when the name is the imported builtin, compile to code that
// does the common case inline (fixnum arithmetic, car/cdr of a pair) and falls back to the
// primitive — with its catalogue checks and messages — for everything else.

// An inliner makes the inline code of a builtin's call; keep, unless -1, is the slot where the
// code keeps its first operand while the second, which calls, runs (keep.go).
type inliner func(args []code, site *Site, p *Primitive, keep int) code

var inlinable = map[string]inliner{}

// inlineArity is the number of arguments the inline code of a builtin takes; with another
// count its call is an ordinary one.
var inlineArity = map[string]int{}

func inline(name string, arity int, in inliner) {
	inlinable[name] = in
	inlineArity[name] = arity
}

// The fast functions of builtins, by name: define gives them to the primitive, or inlineFast1
// and inlineFast2 do when it is defined already.
var (
	fastOnes = map[string]func(a Value) (Value, bool){}
	fastTwos = map[string]func(a, b Value) (Value, bool){}
)

// inlineFast1 inlines the calls of a builtin of one argument whose common cases fast does, and
// gives fast to the primitive for its calls as a value.
func inlineFast1(name string, fast func(a Value) (Value, bool)) {
	inline(name, 1, inlineOne(fast))
	setFast1(name, fast)
}

// inlineFast2 is inlineFast1 for builtins of two arguments.
func inlineFast2(name string, fast func(a, b Value) (Value, bool)) {
	inline(name, 2, inlineTwo(fast))
	setFast2(name, fast)
}

// setFast1 gives a builtin of one argument the fast function of its calls as a value.
func setFast1(name string, fast func(a Value) (Value, bool)) {
	fastOnes[name] = fast
	if p := registry[name]; p != nil {
		p.fast1 = fast
	}
}

// setFast2 is setFast1 for builtins of two arguments.
func setFast2(name string, fast func(a, b Value) (Value, bool)) {
	fastTwos[name] = fast
	if p := registry[name]; p != nil {
		p.fast2 = fast
	}
}

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
		return func(args []code, site *Site, p *Primitive, keep int) code {
			if len(args) != 2 {
				return nil
			}
			a, b := args[0], args[1]
			switch {
			case op == opAdd && keep >= 0:
				return func(th *Thread) Value {
					x := a(th)
					th.stack[th.fp+keep] = x
					y := b(th)
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
			case op == opAdd && keep < 0:
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
			case op == opSub && keep >= 0:
				return func(th *Thread) Value {
					x := a(th)
					th.stack[th.fp+keep] = x
					y := b(th)
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
			case op == opSub && keep < 0:
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
			case op == opMul && keep >= 0:
				return func(th *Thread) Value {
					x := a(th)
					th.stack[th.fp+keep] = x
					y := b(th)
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
			case op == opMul && keep < 0:
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
			return nil
		}
	}
	inline("+", 2, arith(opAdd))
	inline("-", 2, arith(opSub))
	inline("*", 2, arith(opMul))
	cmp := func(test func(c int) bool) inliner {
		return func(args []code, site *Site, p *Primitive, keep int) code {
			if len(args) != 2 {
				return nil
			}
			a, b := args[0], args[1]
			if keep >= 0 {
				a = keepValue(a, keep)
			}
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
	inline("<", 2, cmp(func(c int) bool { return c < 0 }))
	inline(">", 2, cmp(func(c int) bool { return c > 0 }))
	inline("=", 2, cmp(func(c int) bool { return c == 0 }))
	inline("<=", 2, cmp(func(c int) bool { return c <= 0 }))
	inline(">=", 2, cmp(func(c int) bool { return c >= 0 }))
	// The commonest are written out: no call of a fast function through a variable. (One
	// argument: no value is held in Go across a call.)
	inline("car", 1, func(args []code, site *Site, p *Primitive, keep int) code {
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
	})
	inline("cdr", 1, func(args []code, site *Site, p *Primitive, keep int) code {
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
	})
	inline("null?", 1, func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value { return Bool(a(th).o == Null.o) }
	})
	// The inline code of these is written out; their calls as values (a map's car) take these.
	setFast1("car", func(v Value) (Value, bool) {
		if pr, ok := v.o.(*Pair); ok {
			return pr.Car, true
		}
		return Value{}, false
	})
	setFast1("cdr", func(v Value) (Value, bool) {
		if pr, ok := v.o.(*Pair); ok {
			return pr.Cdr, true
		}
		return Value{}, false
	})
	setFast1("null?", func(v Value) (Value, bool) { return Bool(v.o == Null.o), true })
	setFast1("not", func(v Value) (Value, bool) { return Bool(v.o == False.o), true })
	setFast2("cons", func(a, b Value) (Value, bool) { return Cons(a, b), true })
	inlineFast1("pair?", func(v Value) (Value, bool) { _, ok := v.o.(*Pair); return Bool(ok), true })
	inline("not", 1, func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 1 {
			return nil
		}
		a := args[0]
		return func(th *Thread) Value { return Bool(a(th).o == False.o) }
	})
	inlineFast1("zero?", func(v Value) (Value, bool) {
		if v.o == nil {
			return Bool(v.n == 0), true
		}
		return Value{}, false
	})
	inlineFast2("eq?", func(a, b Value) (Value, bool) { return Bool(Eq(a, b)), true })
	inlineFast2("eqv?", func(a, b Value) (Value, bool) { return Bool(Eqv(a, b)), true })
	// cons and values of two make their objects at once: no call, no frame (they cannot
	// fail). The first value is kept in its slot across the second's code when that may call
	// (keep.go): a re-entry there finds it.
	inline("cons", 2, func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 2 {
			return nil
		}
		a, b := args[0], args[1]
		if keep >= 0 {
			a = keepValue(a, keep)
		}
		return func(th *Thread) Value {
			x := a(th)
			return Cons(x, b(th))
		}
	})
	inline("values", 2, func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 2 {
			return nil
		}
		a, b := args[0], args[1]
		if keep >= 0 {
			a = keepValue(a, keep)
		}
		return func(th *Thread) Value {
			x := a(th)
			return valuesOf([]Value{x, b(th)})
		}
	})
	inlineFast1("string-length", func(v Value) (Value, bool) {
		if s, ok := v.o.(*String); ok {
			return Value{n: int64(s.Len())}, true
		}
		return Value{}, false
	})
	inlineFast2("string-ref", func(a, b Value) (Value, bool) {
		if s, ok := a.o.(*String); ok && b.o == nil && b.n >= 0 && b.n < int64(s.Len()) {
			return Char(s.Ref(int(b.n))), true
		}
		return Value{}, false
	})
	inlineFast1("bytevector-length", func(v Value) (Value, bool) {
		if b, ok := v.o.(*Bytevector); ok {
			return Value{n: int64(len(b.B))}, true
		}
		return Value{}, false
	})
	inlineFast2("bytevector-u8-ref", func(a, b Value) (Value, bool) {
		if bv, ok := a.o.(*Bytevector); ok && b.o == nil && b.n >= 0 && b.n < int64(len(bv.B)) {
			return Value{n: int64(bv.B[b.n])}, true
		}
		return Value{}, false
	})
	inlineFast2("vector-ref", func(a, b Value) (Value, bool) {
		if v, ok := a.o.(*Vector); ok && b.o == nil && b.n >= 0 && b.n < int64(len(v.Items)) {
			return v.Items[b.n], true
		}
		return Value{}, false
	})
	inlineFast1("vector-length", func(v Value) (Value, bool) {
		if x, ok := v.o.(*Vector); ok {
			return Value{n: int64(len(x.Items))}, true
		}
		return Value{}, false
	})
	inline("vector-set!", 3, inlineThree(func(a, b, c Value) (Value, bool) {
		if v, ok := a.o.(*Vector); ok && b.o == nil && uint64(b.n) < uint64(len(v.Items)) {
			v.Items[b.n] = c
			return Unspecified, true
		}
		return Value{}, false
	}))
	inline("bytevector-u8-set!", 3, inlineThree(func(a, b, c Value) (Value, bool) {
		if bv, ok := a.o.(*Bytevector); ok && b.o == nil && uint64(b.n) < uint64(len(bv.B)) && c.o == nil && uint64(c.n) < 256 {
			bv.B[b.n] = byte(c.n)
			return Unspecified, true
		}
		return Value{}, false
	}))
	inlineFast2("set-car!", func(a, b Value) (Value, bool) {
		if pr, ok := a.o.(*Pair); ok {
			pr.Car = b
			return Unspecified, true
		}
		return Value{}, false
	})
	inlineFast2("set-cdr!", func(a, b Value) (Value, bool) {
		if pr, ok := a.o.(*Pair); ok {
			pr.Cdr = b
			return Unspecified, true
		}
		return Value{}, false
	})
	for _, path := range cxrPaths {
		inlineFast1("c"+path+"r", func(v Value) (Value, bool) {
			for i := len(path) - 1; i >= 0; i-- {
				pr, ok := v.o.(*Pair)
				if !ok {
					return Value{}, false
				}
				if path[i] == 'a' {
					v = pr.Car
				} else {
					v = pr.Cdr
				}
			}
			return v, true
		})
	}
	// Integer division of fixnums (the divisor not zero, the quotient not beyond them).
	intDiv := func(name string, floor, quotient bool) {
		inlineFast2(name, func(a, b Value) (Value, bool) {
			x, y := a.n, b.n
			if a.o != nil || b.o != nil || y == 0 || y == -1 && x == math.MinInt64 {
				return Value{}, false
			}
			if quotient {
				q := x / y
				if floor && x%y != 0 && (x < 0) != (y < 0) {
					q--
				}
				return Value{n: q}, true
			}
			r := x % y
			if floor && r != 0 && (r < 0) != (y < 0) {
				r += y
			}
			return Value{n: r}, true
		})
	}
	intDiv("quotient", false, true)
	intDiv("truncate-quotient", false, true)
	intDiv("floor-quotient", true, true)
	intDiv("remainder", false, false)
	intDiv("truncate-remainder", false, false)
	intDiv("modulo", true, false)
	intDiv("floor-remainder", true, false)
	// Type predicates: total, they never call the primitive.
	for name, is := range map[string]func(v Value) bool{
		"char?":       func(v Value) bool { return v.o == charTag },
		"string?":     func(v Value) bool { _, ok := v.o.(*String); return ok },
		"symbol?":     func(v Value) bool { _, ok := v.o.(*Symbol); return ok },
		"vector?":     func(v Value) bool { _, ok := v.o.(*Vector); return ok },
		"eof-object?": func(v Value) bool { return v.o == EOF.o },
	} {
		inlineFast1(name, func(v Value) (Value, bool) { return Bool(is(v)), true })
	}
}

// inlineOne makes the inliner of a builtin of one argument whose common cases fast does (ok
// false: the primitive does the rest).
func inlineOne(fast func(v Value) (Value, bool)) inliner {
	return func(args []code, site *Site, p *Primitive, keep int) code {
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

// inlineTwo is inlineOne for builtins of two arguments.
func inlineTwo(fast func(a, b Value) (Value, bool)) inliner {
	return func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 2 {
			return nil
		}
		a, b := args[0], args[1]
		if keep >= 0 {
			a = keepValue(a, keep)
		}
		return func(th *Thread) Value {
			x, y := a(th), b(th)
			if r, ok := fast(x, y); ok {
				return r
			}
			return slow(th, p, site, x, y)
		}
	}
}

// inlineThree is inlineOne for builtins of three arguments (inlined only when the last two
// make no call: see inlined).
func inlineThree(fast func(a, b, c Value) (Value, bool)) inliner {
	return func(args []code, site *Site, p *Primitive, keep int) code {
		if len(args) != 3 {
			return nil
		}
		a, b, c := args[0], args[1], args[2]
		return func(th *Thread) Value {
			x := a(th)
			y := b(th)
			z := c(th)
			if r, ok := fast(x, y, z); ok {
				return r
			}
			return slow(th, p, site, x, y, z)
		}
	}
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
	if !inlined(n) {
		// Not inlinable with this many arguments: an ordinary call of the constant primitive.
		return genCall(primCall(n), g)
	}
	args := genAll(n.args, g)
	keep := -1
	if len(args) == 2 && mayCall(n.args[1]) {
		// The first operand is kept while the second, which calls, runs.
		keep = g.keep(&n.keep)
	}
	return inlinable[n.p.Name](args, n.site, n.p, keep)
}

// primCall is the ordinary call of a builtin that is not inlined with these arguments.
func primCall(n *primN) *callN {
	if n.call == nil {
		n.call = &callN{fn: &constN{Obj(n.p)}, args: n.args, site: n.site}
	}
	return n.call
}
