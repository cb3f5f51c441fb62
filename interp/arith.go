package interp

import (
	"math"
	"math/big"
	"math/bits"
	"math/cmplx"
	"strconv"

	"foment-ls/syntax"
)

// The numeric procedures. Fixnum cases come first and allocate nothing.

func init() {
	fold := func(name string, op arithOp, unit int64) {
		define(name, func(th *Thread, a []Value) Value {
			if len(a) == 0 {
				return Fixnum(unit)
			}
			acc := a[0]
			if len(a) == 1 {
				switch op {
				case opSub:
					return arith2(opSub, Fixnum(0), acc)
				case opDiv:
					return th.divide(Fixnum(1), acc)
				}
				return acc
			}
			for _, x := range a[1:] {
				if op == opDiv {
					acc = th.divide(acc, x)
				} else {
					acc = arith2(op, acc, x)
				}
			}
			return acc
		})
	}
	fold("+", opAdd, 0)
	fold("*", opMul, 1)
	fold("-", opSub, 0)
	fold("/", opDiv, 1)
	define("=", func(th *Thread, a []Value) Value {
		res := true
		for i := 0; i+1 < len(a); i++ {
			if compareNum(a[i], a[i+1]) != 0 {
				res = false
			}
		}
		return Bool(res)
	})
	compare := func(name string, ok func(c int) bool) {
		define(name, func(th *Thread, a []Value) Value {
			res := true
			for i := 0; i+1 < len(a); i++ {
				c := compareNum(a[i], a[i+1])
				if c == 2 || !ok(c) {
					res = false
				}
			}
			return Bool(res)
		})
	}
	compare("<", func(c int) bool { return c < 0 })
	compare(">", func(c int) bool { return c > 0 })
	compare("<=", func(c int) bool { return c <= 0 })
	compare(">=", func(c int) bool { return c >= 0 })

	define("number?", func(th *Thread, a []Value) Value { return Bool(IsNumber(a[0])) })
	define("complex?", func(th *Thread, a []Value) Value { return Bool(IsNumber(a[0])) })
	define("real?", func(th *Thread, a []Value) Value { return Bool(isReal(a[0])) })
	define("rational?", func(th *Thread, a []Value) Value { return Bool(isRational(a[0])) })
	define("integer?", func(th *Thread, a []Value) Value { return Bool(isInteger(a[0])) })
	define("exact?", func(th *Thread, a []Value) Value { return Bool(isExact(a[0])) })
	define("inexact?", func(th *Thread, a []Value) Value { return Bool(!isExact(a[0])) })
	define("exact-integer?", func(th *Thread, a []Value) Value { return Bool(isExactInteger(a[0])) })
	define("zero?", func(th *Thread, a []Value) Value { return Bool(isZero(a[0])) })
	define("positive?", func(th *Thread, a []Value) Value { return Bool(sign(a[0]) > 0) })
	define("negative?", func(th *Thread, a []Value) Value { return Bool(sign(a[0]) < 0) })
	define("odd?", func(th *Thread, a []Value) Value { return Bool(!isEvenInt(a[0])) })
	define("even?", func(th *Thread, a []Value) Value { return Bool(isEvenInt(a[0])) })
	minmax := func(name string, want int) {
		define(name, func(th *Thread, a []Value) Value {
			best, inexact := a[0], !isExact(a[0])
			for _, x := range a[1:] {
				if !isExact(x) {
					inexact = true
				}
				c := compareNum(x, best)
				if c == 2 {
					best = Flonum(math.NaN())
					continue
				}
				if c == want {
					best = x
				}
			}
			if inexact && isExact(best) {
				return Flonum(toFloat(best))
			}
			return best
		})
	}
	minmax("max", 1)
	minmax("min", -1)
	define("abs", func(th *Thread, a []Value) Value { return absNum(a[0]) })
	intDiv := func(name string, kind byte) {
		define(name, func(th *Thread, a []Value) Value {
			q, r := th.intDivide(name, a[0], a[1], kind == 'f' || kind == 'F' || kind == 'm')
			switch kind {
			case 'q', 'F':
				return q
			case 'f', 't':
				return Values(q, r)
			}
			return r
		})
	}
	intDiv("quotient", 'q')
	intDiv("truncate-quotient", 'q')
	intDiv("remainder", 'r')
	intDiv("truncate-remainder", 'r')
	intDiv("modulo", 'm')
	intDiv("floor-remainder", 'm')
	intDiv("floor-quotient", 'F')
	intDiv("floor/", 'f')
	intDiv("truncate/", 't')
	define("gcd", func(th *Thread, a []Value) Value {
		acc := Fixnum(0)
		for _, x := range a {
			acc = th.gcd2(acc, x)
		}
		return acc
	})
	define("lcm", func(th *Thread, a []Value) Value {
		acc := Fixnum(1)
		for _, x := range a {
			if isZero(x) {
				return exactLike(Fixnum(0), x)
			}
			g := th.gcd2(acc, x)
			q, _ := th.intDivide("lcm", arith2(opMul, acc, x), g, false)
			acc = absNum(q)
		}
		return acc
	})
	define("numerator", func(th *Thread, a []Value) Value {
		switch x := a[0].o.(type) {
		case *big.Rat:
			return normBig(new(big.Int).Set(x.Num()))
		case nil, *big.Int:
			return a[0]
		}
		r := exactRat(a[0])
		f, _ := new(big.Float).SetInt(r.Num()).Float64()
		return Flonum(f)
	})
	define("denominator", func(th *Thread, a []Value) Value {
		switch x := a[0].o.(type) {
		case *big.Rat:
			return normBig(new(big.Int).Set(x.Denom()))
		case nil, *big.Int:
			return Fixnum(1)
		}
		r := exactRat(a[0])
		f, _ := new(big.Float).SetInt(r.Denom()).Float64()
		return Flonum(f)
	})
	round := func(name string, fr func(float64) float64, rr func(*big.Rat) *big.Int) {
		define(name, func(th *Thread, a []Value) Value {
			switch x := a[0].o.(type) {
			case nil, *big.Int:
				return a[0]
			case *big.Rat:
				return normBig(rr(x))
			}
			return Flonum(fr(a[0].Flo()))
		})
	}
	round("floor", math.Floor, ratFloor)
	round("ceiling", math.Ceil, func(r *big.Rat) *big.Int {
		return new(big.Int).Neg(ratFloor(new(big.Rat).Neg(r)))
	})
	round("truncate", math.Trunc, func(r *big.Rat) *big.Int { return new(big.Int).Quo(r.Num(), r.Denom()) })
	round("round", math.RoundToEven, ratRound)
	define("rationalize", func(th *Thread, a []Value) Value {
		if !isExact(a[0]) || !isExact(a[1]) {
			x, y := toFloat(a[0]), math.Abs(toFloat(a[1]))
			if math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) {
				if math.IsInf(x, 0) && !math.IsInf(y, 0) {
					return Flonum(x)
				}
				if math.IsInf(y, 0) && !math.IsInf(x, 0) {
					return Flonum(0)
				}
				return Flonum(math.NaN())
			}
			r := simplest(exactRat(Flonum(x-y)), exactRat(Flonum(x+y)))
			f, _ := r.Float64()
			return Flonum(f)
		}
		x, y := toRat(a[0]), new(big.Rat).Abs(toRat(a[1]))
		return normRat(simplest(new(big.Rat).Sub(x, y), new(big.Rat).Add(x, y)))
	})
	define("exact-integer-sqrt", func(th *Thread, a []Value) Value {
		if !isExactInteger(a[0]) || sign(a[0]) < 0 {
			return th.Error("exact-integer-sqrt", "expected an exact non-negative integer", a[0])
		}
		n := toBig(a[0])
		s := new(big.Int).Sqrt(n)
		r := new(big.Int).Sub(n, new(big.Int).Mul(s, s))
		return Values(normBig(s), normBig(r))
	})
	define("expt", func(th *Thread, a []Value) Value { return th.expt(a[0], a[1]) })
	define("exact", func(th *Thread, a []Value) Value {
		r, ok := toExact(a[0])
		if !ok {
			return th.Error("exact", "expected a finite number", a[0])
		}
		return r
	})
	define("inexact", func(th *Thread, a []Value) Value { return toInexact(a[0]) })
	define("square", func(th *Thread, a []Value) Value { return arith2(opMul, a[0], a[0]) })
	define("number->string", func(th *Thread, a []Value) Value {
		radix := 10
		if len(a) > 1 {
			radix = int(a[1].n)
		}
		if radix != 10 && !isExact(a[0]) {
			return th.Error("number->string", "radix for decimal numbers must be 10", a[0], a[1])
		}
		if a[0].o == nil {
			// A fixnum's digits go straight into the string's bytes.
			var buf [65]byte
			return narrowString(strconv.AppendInt(buf[:0], a[0].n, radix))
		}
		return Str(NumberString(a[0], radix))
	})
	define("string->number", func(th *Thread, a []Value) Value {
		radix := 10
		if len(a) > 1 {
			radix = int(a[1].n)
		}
		if v, done := quickNumber(strArg(a[0]), radix); done {
			return v
		}
		n, ok := syntax.ParseNumber(goString(a[0]), radix)
		if !ok {
			return False
		}
		return numberFromSyntax(n)
	})

	// Foment gives NaN for (asin 2) and (acos 2); their values are complex.
	define("exp", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Exp, nil, cExp) })
	define("log", func(th *Thread, a []Value) Value {
		if len(a) > 1 {
			return th.divide(numLog(a[0]), numLog(a[1]))
		}
		return numLog(a[0])
	})
	define("sin", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Sin, nil, cSin) })
	define("cos", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Cos, nil, cCos) })
	define("tan", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Tan, nil, cTan) })
	define("asin", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Asin, unitInterval, cAsin) })
	define("acos", func(th *Thread, a []Value) Value { return transcendental(a[0], math.Acos, unitInterval, cAcos) })
	define("atan", func(th *Thread, a []Value) Value {
		if len(a) > 1 {
			if !isReal(a[0]) {
				return th.Error("atan", "expected a real number", a[0])
			}
			return Flonum(math.Atan2(toFloat(a[0]), toFloat(a[1])))
		}
		return transcendental(a[0], math.Atan, nil, cAtan)
	})
	define("sqrt", func(th *Thread, a []Value) Value { return numSqrt(a[0]) })
	define("finite?", func(th *Thread, a []Value) Value {
		if isExact(a[0]) {
			return True
		}
		z := toComplex128(a[0])
		return Bool(!cmplx.IsInf(z) && !cmplx.IsNaN(z))
	})
	define("infinite?", func(th *Thread, a []Value) Value {
		if isExact(a[0]) {
			return False
		}
		z := toComplex128(a[0])
		return Bool(math.IsInf(real(z), 0) || math.IsInf(imag(z), 0))
	})
	define("nan?", func(th *Thread, a []Value) Value {
		if isExact(a[0]) {
			return False
		}
		z := toComplex128(a[0])
		return Bool(math.IsNaN(real(z)) || math.IsNaN(imag(z)))
	})

	define("real-part", func(th *Thread, a []Value) Value { return realPart(a[0]) })
	define("imag-part", func(th *Thread, a []Value) Value {
		if a[0].IsFlonum() {
			return Flonum(0) // as Foment: the imaginary part of an inexact real is inexact
		}
		return imagPart(a[0])
	})
	define("magnitude", func(th *Thread, a []Value) Value { return magnitude(a[0]) })
	define("angle", func(th *Thread, a []Value) Value { return angle(a[0]) })
	define("make-rectangular", func(th *Thread, a []Value) Value { return makeRect(a[0], a[1]) })
	define("make-polar", func(th *Thread, a []Value) Value {
		// Foment makes every polar number inexact and complex: (make-polar 2 0) is 2.0+0.0i.
		r, t := toFloat(a[0]), toFloat(a[1])
		return flonumComplex(complex(r*math.Cos(t), r*math.Sin(t)))
	})

	bitop := func(name string, unit int64, f func(x, y *big.Int) *big.Int, ff func(x, y int64) int64) {
		define(name, func(th *Thread, a []Value) Value {
			acc := Fixnum(unit)
			for _, x := range a {
				if !isExactInteger(x) {
					return th.Error(name, "expected an exact integer", x)
				}
				if acc.o == nil && x.o == nil {
					acc = Fixnum(ff(acc.n, x.n))
				} else {
					acc = normBig(f(toBig(acc), toBig(x)))
				}
			}
			return acc
		})
	}
	bitop("bitwise-and", -1, func(x, y *big.Int) *big.Int { return new(big.Int).And(x, y) }, func(x, y int64) int64 { return x & y })
	bitop("bitwise-ior", 0, func(x, y *big.Int) *big.Int { return new(big.Int).Or(x, y) }, func(x, y int64) int64 { return x | y })
	bitop("bitwise-xor", 0, func(x, y *big.Int) *big.Int { return new(big.Int).Xor(x, y) }, func(x, y int64) int64 { return x ^ y })
	exactInt := func(th *Thread, who string, v Value) {
		if !isExactInteger(v) {
			th.Error(who, "expected an exact integer", v)
		}
	}
	define("bitwise-not", func(th *Thread, a []Value) Value {
		exactInt(th, "bitwise-not", a[0])
		if a[0].o == nil {
			return Fixnum(^a[0].n)
		}
		return normBig(new(big.Int).Not(toBig(a[0])))
	})
	define("bit-count", func(th *Thread, a []Value) Value {
		exactInt(th, "bit-count", a[0])
		b := toBig(a[0])
		if b.Sign() < 0 {
			b = new(big.Int).Not(b)
		}
		n := 0
		for _, w := range b.Bits() {
			n += bits.OnesCount(uint(w))
		}
		return Int(n)
	})
	define("integer-length", func(th *Thread, a []Value) Value {
		exactInt(th, "integer-length", a[0])
		b := toBig(a[0])
		if b.Sign() < 0 {
			b = new(big.Int).Not(b)
		}
		return Int(b.BitLen())
	})
	define("arithmetic-shift", func(th *Thread, a []Value) Value {
		exactInt(th, "arithmetic-shift", a[0])
		if !a[1].IsFixnum() {
			return th.Error("arithmetic-shift", "expected a fixnum", a[1])
		}
		n, s := toBig(a[0]), a[1].n
		if s >= 0 {
			return normBig(new(big.Int).Lsh(n, uint(s)))
		}
		return normBig(new(big.Int).Rsh(n, uint(-s)))
	})
}

// divide is / on two numbers: division by a real zero is an error, exact or not, as in Foment.
func (th *Thread) divide(a, b Value) Value {
	if !isComplex(b) && isZero(b) {
		return th.Error("/", "divide by zero", a, b)
	}
	return arith2(opDiv, a, b)
}

func isEvenInt(v Value) bool {
	switch x := v.o.(type) {
	case nil:
		return v.n%2 == 0
	case *big.Int:
		return x.Bit(0) == 0
	}
	return math.Mod(v.Flo(), 2) == 0
}

func absNum(v Value) Value {
	if sign(v) >= 0 {
		if v.IsFlonum() {
			return Flonum(math.Abs(v.Flo()))
		}
		return v
	}
	return arith2(opSub, Fixnum(0), v)
}

// exactLike returns the exact integer e, inexact when like is inexact.
func exactLike(e, like Value) Value {
	if isExact(like) {
		return e
	}
	return Flonum(toFloat(e))
}

// intDivide divides integers (exact or integral flonums): truncating, or flooring.
func (th *Thread) intDivide(who string, a, b Value, floor bool) (Value, Value) {
	if !isInteger(a) {
		th.Error(who, "expected an integer", a)
	}
	if !isInteger(b) {
		th.Error(who, "expected an integer", b)
	}
	if isZero(b) {
		th.Error(who, "divide by zero", a, b)
	}
	if a.o == nil && b.o == nil {
		x, y := a.n, b.n
		if !(x == math.MinInt64 && y == -1) {
			q, r := x/y, x%y
			if floor && r != 0 && (r < 0) != (y < 0) {
				q--
				r += y
			}
			return Fixnum(q), Fixnum(r)
		}
	}
	if a.IsFlonum() || b.IsFlonum() {
		x, y := toFloat(a), toFloat(b)
		q := math.Trunc(x / y)
		r := x - q*y
		if floor && r != 0 && (r < 0) != (y < 0) {
			q--
			r += y
		}
		return Flonum(q), Flonum(r)
	}
	x, y := toBig(a), toBig(b)
	q, r := new(big.Int).QuoRem(x, y, new(big.Int))
	if floor && r.Sign() != 0 && (r.Sign() < 0) != (y.Sign() < 0) {
		q.Sub(q, big.NewInt(1))
		r.Add(r, y)
	}
	return normBig(q), normBig(r)
}

func (th *Thread) gcd2(a, b Value) Value {
	if !isInteger(a) {
		th.Error("gcd", "expected an integer", a)
	}
	if !isInteger(b) {
		th.Error("gcd", "expected an integer", b)
	}
	if a.IsFlonum() || b.IsFlonum() {
		x, y := math.Abs(toFloat(a)), math.Abs(toFloat(b))
		for y != 0 {
			x, y = y, math.Mod(x, y)
		}
		return Flonum(x)
	}
	if a.o == nil && b.o == nil && a.n != math.MinInt64 && b.n != math.MinInt64 {
		x, y := abs64(a.n), abs64(b.n)
		for y != 0 {
			x, y = y, x%y
		}
		return Fixnum(x)
	}
	x, y := new(big.Int).Abs(toBig(a)), new(big.Int).Abs(toBig(b))
	return normBig(new(big.Int).GCD(nil, nil, x, y))
}

func ratFloor(r *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	_ = m
	return q // DivMod is Euclidean; with a positive denominator it floors
}

func ratRound(r *big.Rat) *big.Int {
	two := big.NewInt(2)
	fl := ratFloor(r)
	diff := new(big.Rat).Sub(r, new(big.Rat).SetInt(fl))
	switch diff.Cmp(big.NewRat(1, 2)) {
	case -1:
		return fl
	case 1:
		return fl.Add(fl, big.NewInt(1))
	}
	if new(big.Int).Mod(fl, two).Sign() == 0 {
		return fl
	}
	return fl.Add(fl, big.NewInt(1))
}

// simplest returns the simplest rational in [lo, hi] (Stern-Brocot).
func simplest(lo, hi *big.Rat) *big.Rat {
	if lo.Cmp(hi) > 0 {
		lo, hi = hi, lo
	}
	if lo.Sign() > 0 {
		return simplestPos(lo, hi)
	}
	if hi.Sign() < 0 {
		r := simplestPos(new(big.Rat).Neg(hi), new(big.Rat).Neg(lo))
		return r.Neg(r)
	}
	return new(big.Rat)
}

func simplestPos(lo, hi *big.Rat) *big.Rat {
	fl := ratFloor(lo)
	flr := new(big.Rat).SetInt(fl)
	if flr.Cmp(lo) == 0 {
		return flr
	}
	if new(big.Rat).SetInt(new(big.Int).Add(fl, big.NewInt(1))).Cmp(hi) <= 0 {
		return new(big.Rat).SetInt(new(big.Int).Add(fl, big.NewInt(1)))
	}
	a := new(big.Rat).Inv(new(big.Rat).Sub(hi, flr))
	b := new(big.Rat).Inv(new(big.Rat).Sub(lo, flr))
	s := simplestPos(a, b)
	return new(big.Rat).Add(flr, s.Inv(s))
}

// exactSqrt returns the exact square root of an exact perfect square (integer or rational).
func exactSqrt(v Value) (Value, bool) {
	switch v.o.(type) {
	case nil, *big.Int:
		n := toBig(v)
		s := new(big.Int).Sqrt(n)
		if new(big.Int).Mul(s, s).Cmp(n) == 0 {
			return normBig(s), true
		}
	}
	// Like Foment, rationals get an inexact root.
	return Value{}, false
}

func (th *Thread) expt(base, e Value) Value {
	if isZero(base) && !isComplex(base) {
		// 0 to the power z: 1 for z = 0, 0 when z's real part is positive, else an error.
		var r Value
		switch {
		case isZero(e):
			r = Fixnum(1)
		case sign(realPart(e)) > 0:
			r = Fixnum(0)
		default:
			return th.Error("expt", "(expt 0 z): z must be zero or have a positive real part", e)
		}
		if !isExact(base) || !isExact(e) {
			return Flonum(toFloat(r))
		}
		return r
	}
	if isExactInteger(e) {
		if isExact(base) {
			return th.exactPower(base, e)
		}
		if isComplex(base) {
			return th.complexPower(base, e)
		}
	}
	if isExact(e) && isZero(e) {
		return exactLike(Fixnum(1), base)
	}
	if isComplex(base) || isComplex(e) || (sign(base) < 0 && !isInteger(e)) {
		// b^e = exp(e log b)
		return transcendental(arith2(opMul, e, numLog(base)), math.Exp, nil, cExp)
	}
	return Flonum(math.Pow(toFloat(base), toFloat(e)))
}

// exactPower raises an exact number to an exact integer power.
func (th *Thread) exactPower(base, e Value) Value {
	eb := new(big.Int).Abs(toBig(e))
	if eb.BitLen() > 31 && !(Eqv(base, Fixnum(1)) || Eqv(base, Fixnum(-1))) {
		return th.Error("expt", "exponent too large", e)
	}
	var r Value
	switch x := base.o.(type) {
	case *big.Rat:
		num := new(big.Int).Exp(x.Num(), eb, nil)
		den := new(big.Int).Exp(x.Denom(), eb, nil)
		r = normRat(new(big.Rat).SetFrac(num, den))
	case *Complex:
		return th.complexPower(base, e)
	default:
		r = normBig(new(big.Int).Exp(toBig(base), eb, nil))
	}
	if sign(e) < 0 {
		return arith2(opDiv, Fixnum(1), r)
	}
	return r
}

// complexPower raises a complex number to an integer power by squaring: exact stays exact.
func (th *Thread) complexPower(base, e Value) Value {
	n := new(big.Int).Abs(toBig(e))
	if n.BitLen() > 31 {
		return th.Error("expt", "exponent too large", e)
	}
	k := n.Int64()
	r := Fixnum(1)
	for ; k > 0; k >>= 1 {
		if k&1 != 0 {
			r = arith2(opMul, r, base)
		}
		base = arith2(opMul, base, base)
	}
	if sign(e) < 0 {
		return th.divide(Fixnum(1), r)
	}
	return r
}

// NumberString is number->string.
func NumberString(v Value, radix int) string {
	switch x := v.o.(type) {
	case *Complex:
		return complexString(x, radix)
	case nil:
		return strconv.FormatInt(v.n, radix)
	case *big.Int:
		return x.Text(radix)
	case *big.Rat:
		return x.Num().Text(radix) + "/" + x.Denom().Text(radix)
	}
	return FormatFlonum(v.Flo())
}

// quickNumber is string->number without the general parser (which makes a big integer of
// every integer) for the commonest texts: an integer, [+-]digits, that is a fixnum, and in a
// radix up to 10 a word that starts with a letter, which no number does (R7RS 7.1.1: a number
// starts with #, a sign, a digit or a point). done is false for every other text.
func quickNumber(s *String, radix int) (v Value, done bool) {
	if s.w != nil || len(s.b) == 0 {
		return Value{}, false
	}
	b := s.b
	if c := b[0] | 0x20; radix <= 10 && c >= 'a' && c <= 'z' {
		return False, true
	}
	i, neg := 0, b[0] == '-'
	if neg || b[0] == '+' {
		i = 1
	}
	if i == len(b) {
		return Value{}, false
	}
	var n int64
	for ; i < len(b); i++ {
		d := int64(digitValue(b[i]))
		if d >= int64(radix) || n > (math.MaxInt64-d)/int64(radix) {
			return Value{}, false
		}
		n = n*int64(radix) + d
	}
	if neg {
		n = -n
	}
	return Value{n: n}, true
}

// digitValue is the value of an ASCII digit of radix up to 16 (0-9, a-f, A-F), else 255.
func digitValue(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return c | 0x20 - 'a' + 10
	}
	return 255
}
