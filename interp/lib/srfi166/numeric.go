package srfi166

import (
	"math"
	"math/big"
	"strings"

	"foment-ls/interp"
)

// inexactDigits is how many digits after the point an inexact number gets in a radix other
// than 10 when no precision is set (chibi's rule; Foment computes them in floating point and
// cuts them, so that its 1e-23 in base 36 ends in ...27 where the rounded value is ...28).
const inexactDigits = 16

// digitsOf formats a non-negative real number in a radix from 2 to 36: exact integers and, with
// no precision, exact ratios (n/d) as they are; with a precision, a fixed-point number rounded
// to that many digits; inexact numbers with no precision in radix 10 as write does, in another
// radix with inexactDigits digits after the point.
func digitsOf(th *interp.Thread, v interp.Value, radix int, prec int) string {
	if v.IsFlonum() {
		f := math.Abs(v.Flo())
		if prec >= 0 {
			return fixed(new(big.Rat).SetFloat64(f), radix, prec, false)
		}
		if radix == 10 || math.IsInf(f, 0) || math.IsNaN(f) {
			return interp.Display(interp.Flonum(f))
		}
		// As SRFI 166's sample implementation: 16 digits after the point, rounded, the
		// trailing zeros dropped (the float holds fewer: ~10 in base 36, 53 in base 2).
		s := fixed(new(big.Rat).SetFloat64(f), radix, inexactDigits, true)
		s = strings.TrimRight(s, "0")
		if strings.HasSuffix(s, ".") {
			s += "0"
		}
		return s
	}
	var r *big.Rat
	switch x := v.Object().(type) {
	case nil:
		r = new(big.Rat).SetInt64(v.Fix())
	case *big.Int:
		r = new(big.Rat).SetInt(x)
	case *big.Rat:
		r = new(big.Rat).Set(x)
	default:
		return interp.Display(v)
	}
	r.Abs(r)
	if prec >= 0 {
		return fixed(r, radix, prec, true)
	}
	if r.IsInt() {
		return r.Num().Text(radix)
	}
	return r.Num().Text(radix) + "/" + r.Denom().Text(radix)
}

// fixed formats r with prec digits after the point, rounding a tie to even (exact numbers) or
// away from zero (a float's exact value: as Foment rounds them, 1.25 to 1.3).
func fixed(r *big.Rat, radix, prec int, toEven bool) string {
	scale := new(big.Int).Exp(big.NewInt(int64(radix)), big.NewInt(int64(prec)), nil)
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	q, m := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
	twice := new(big.Int).Lsh(m, 1)
	if c := twice.Cmp(scaled.Denom()); c > 0 || (c == 0 && (!toEven || q.Bit(0) == 1)) {
		q.Add(q, big.NewInt(1))
	}
	s := q.Text(radix)
	if prec == 0 {
		return s
	}
	if len(s) <= prec {
		s = strings.Repeat("0", prec-len(s)+1) + s
	}
	return s[:len(s)-prec] + "." + s[len(s)-prec:]
}

func init() {
	interp.DefineHelper("%numeric-digits", 3, 3, func(th *interp.Thread, a []interp.Value) interp.Value {
		prec := -1
		if a[2].IsFixnum() {
			prec = int(a[2].Fix())
		}
		return interp.Str(digitsOf(th, a[0], int(a[1].Fix()), prec))
	})
}
