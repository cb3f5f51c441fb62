package interp

import (
	"math"
	"math/big"
	"math/cmplx"
)

// Complex is a non-real complex number. As in Foment its parts are reals of one exactness
// (an inexact part makes both flonums) and Im is never an exact zero: that number is Re.
type Complex struct{ Re, Im Value }

// makeRect makes re + im i, normalised as Complex says.
func makeRect(re, im Value) Value {
	if im.o == nil && im.n == 0 {
		return re
	}
	if re.o == flonumTag || im.o == flonumTag {
		re, im = Flonum(toFloat(re)), Flonum(toFloat(im))
	}
	return Value{o: &Complex{re, im}}
}

// flonumComplex makes an inexact complex number, even with a zero imaginary part (Foment's
// transcendental functions of complex arguments give complex results).
func flonumComplex(c complex128) Value {
	return Value{o: &Complex{Flonum(real(c)), Flonum(imag(c))}}
}

func isComplex(v Value) bool { _, ok := v.o.(*Complex); return ok }

// realPart and imagPart take any number apart; a real's imaginary part is an exact 0, as
// Foment's arithmetic treats it.
func realPart(v Value) Value {
	if c, ok := v.o.(*Complex); ok {
		return c.Re
	}
	return v
}

func imagPart(v Value) Value {
	if c, ok := v.o.(*Complex); ok {
		return c.Im
	}
	return Fixnum(0)
}

func toComplex128(v Value) complex128 {
	if c, ok := v.o.(*Complex); ok {
		return complex(toFloat(c.Re), toFloat(c.Im))
	}
	return complex(toFloat(v), 0)
}

// complexArith is arith2 when a or b is non-real. A real operand is not widened with a zero
// imaginary part: 2.0 * (+inf.0+1.0i) must not meet 0 * +inf.0.
func complexArith(op arithOp, a, b Value) Value {
	x, xc := a.o.(*Complex)
	y, yc := b.o.(*Complex)
	switch op {
	case opAdd, opSub:
		switch {
		case xc && yc:
			return makeRect(arith2(op, x.Re, y.Re), arith2(op, x.Im, y.Im))
		case xc:
			return makeRect(arith2(op, x.Re, b), x.Im)
		}
		im := y.Im
		if op == opSub {
			im = arith2(opSub, Fixnum(0), im)
		}
		return makeRect(arith2(op, a, y.Re), im)
	case opMul:
		switch {
		case xc && yc:
			return makeRect(
				arith2(opSub, arith2(opMul, x.Re, y.Re), arith2(opMul, x.Im, y.Im)),
				arith2(opAdd, arith2(opMul, x.Re, y.Im), arith2(opMul, x.Im, y.Re)))
		case xc:
			return makeRect(arith2(opMul, x.Re, b), arith2(opMul, x.Im, b))
		}
		return makeRect(arith2(opMul, a, y.Re), arith2(opMul, a, y.Im))
	}
	if !yc {
		return makeRect(arith2(opDiv, x.Re, b), arith2(opDiv, x.Im, b))
	}
	// (p + q i) / (r + s i) = ((p r + q s) + (q r - p s) i) / (r² + s²)
	p, q, r, s := realPart(a), imagPart(a), y.Re, y.Im
	d := arith2(opAdd, arith2(opMul, r, r), arith2(opMul, s, s))
	if isZero(d) {
		// Only inexact parts can underflow to a zero sum of squares.
		return flonumComplex(toComplex128(a) / toComplex128(b))
	}
	return makeRect(
		arith2(opDiv, arith2(opAdd, arith2(opMul, p, r), arith2(opMul, q, s)), d),
		arith2(opDiv, arith2(opSub, arith2(opMul, q, r), arith2(opMul, p, s)), d))
}

// numEqual is = on any two numbers.
func numEqual(a, b Value) bool {
	return compareNum(realPart(a), realPart(b)) == 0 && compareNum(imagPart(a), imagPart(b)) == 0
}

// The transcendental functions of a complex argument: the definitions R7RS gives (6.2.6), in
// complex128 arithmetic.

func cExp(z complex128) complex128 { return cmplx.Exp(z) }

func cLog(z complex128) complex128 {
	return complex(math.Log(math.Hypot(real(z), imag(z))), math.Atan2(imag(z), real(z)))
}

func cSin(z complex128) complex128 {
	a, b := real(z), imag(z)
	return complex(math.Sin(a)*math.Cosh(b), math.Cos(a)*math.Sinh(b))
}

func cCos(z complex128) complex128 {
	a, b := real(z), imag(z)
	return complex(math.Cos(a)*math.Cosh(b), -math.Sin(a)*math.Sinh(b))
}

func cTan(z complex128) complex128 {
	a, b := real(z), imag(z)
	d := math.Cos(2*a) + math.Cosh(2*b)
	return complex(math.Sin(2*a)/d, math.Sinh(2*b)/d)
}

// asin z = -i log(iz + sqrt(1 - z²))
func cAsin(z complex128) complex128 {
	return -1i * cLog(1i*z+cmplx.Sqrt(1-z*z))
}

// acos z = π/2 - asin z
func cAcos(z complex128) complex128 { return math.Pi/2 - cAsin(z) }

// atan z = (log(1 + iz) - log(1 - iz)) / 2i
func cAtan(z complex128) complex128 { return (cLog(1+1i*z) - cLog(1-1i*z)) / 2i }

// transcendental applies fr to a real argument (the real result), or fc to a complex one; when
// the real argument is outside fr's domain (inDomain false) the complex function answers.
func transcendental(v Value, fr func(float64) float64, inDomain func(float64) bool, fc func(complex128) complex128) Value {
	if c, ok := v.o.(*Complex); ok {
		return flonumComplex(fc(complex(toFloat(c.Re), toFloat(c.Im))))
	}
	x := toFloat(v)
	if inDomain != nil && !inDomain(x) {
		return flonumComplex(fc(complex(x, 0)))
	}
	return Flonum(fr(x))
}

func unitInterval(x float64) bool { return !(x < -1 || x > 1) }

// numLog is log with one argument: a negative real has a complex logarithm.
func numLog(v Value) Value {
	return transcendental(v, math.Log, func(x float64) bool { return !(x < 0) }, cLog)
}

// numSqrt is sqrt: exact for exact perfect squares, negative ones included (sqrt -4 = +2i).
func numSqrt(v Value) Value {
	if c, ok := v.o.(*Complex); ok {
		r := cmplx.Sqrt(complex(toFloat(c.Re), toFloat(c.Im)))
		if real(r) == 0 && math.Signbit(imag(r)) {
			// On the negative real axis with a -0.0 imaginary part, C's csqrt answers -2i;
			// R7RS asks for a zero real part with a non-negative imaginary one (and Foment
			// answers +2i): the cut's side does not follow the zero's sign.
			r = complex(0, math.Abs(imag(r)))
		}
		return flonumComplex(r)
	}
	if sign(v) < 0 {
		if isExact(v) {
			if r, ok := exactSqrt(arith2(opSub, Fixnum(0), v)); ok {
				return makeRect(Fixnum(0), r)
			}
		}
		return flonumComplex(complex(0, math.Sqrt(-toFloat(v))))
	}
	if r, ok := exactSqrt(v); ok {
		return r
	}
	return Flonum(math.Sqrt(toFloat(v)))
}

// magnitude: exact for an exact complex number whose magnitude is rational.
func magnitude(v Value) Value {
	c, ok := v.o.(*Complex)
	if !ok {
		return absNum(v)
	}
	if isExact(v) {
		sq := arith2(opAdd, arith2(opMul, c.Re, c.Re), arith2(opMul, c.Im, c.Im))
		if r, ok := exactSqrt(sq); ok {
			return r
		}
	}
	return Flonum(math.Hypot(toFloat(c.Re), toFloat(c.Im)))
}

// angle: 0 for a non-negative exact real, π for a negative one (Foment: 0, wrong).
func angle(v Value) Value {
	if c, ok := v.o.(*Complex); ok {
		return Flonum(math.Atan2(toFloat(c.Im), toFloat(c.Re)))
	}
	if isExact(v) {
		if sign(v) < 0 {
			return Flonum(math.Pi)
		}
		return Fixnum(0)
	}
	return Flonum(math.Atan2(0, v.Flo()))
}

// toExact is exact for any number; ok is false for an infinity or a NaN.
func toExact(v Value) (Value, bool) {
	switch x := v.o.(type) {
	case *Complex:
		re, ok1 := toExact(x.Re)
		im, ok2 := toExact(x.Im)
		return makeRect(re, im), ok1 && ok2
	case *tag:
		f := v.Flo()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return v, false
		}
		r := new(big.Rat)
		r.SetFloat64(f)
		return normRat(r), true
	}
	return v, true
}

// toInexact is inexact for any number.
func toInexact(v Value) Value {
	if c, ok := v.o.(*Complex); ok {
		if c.Re.o == flonumTag {
			return v
		}
		return Value{o: &Complex{Flonum(toFloat(c.Re)), Flonum(toFloat(c.Im))}}
	}
	return Flonum(toFloat(v))
}

// complexString is number->string of a complex number, as Foment writes it: the imaginary part
// 1 or -1 is left out (1+i, 0-i). Foment writes 1.0+-0.0i for a negative zero imaginary part,
// which does not read back; this writes 1.0-0.0i.
func complexString(c *Complex, radix int) string {
	s := NumberString(c.Re, radix)
	switch {
	case c.Im.o == nil && c.Im.n == 1:
		return s + "+i"
	case c.Im.o == nil && c.Im.n == -1:
		return s + "-i"
	}
	im := NumberString(c.Im, radix)
	if im[0] != '-' && im[0] != '+' {
		s += "+"
	}
	return s + im + "i"
}
