package srfi166

import (
	"math"
	"math/big"
	"strings"

	"foment-ls/interp"
)

// digitsOf formats a non-negative real number in a radix from 2 to 36: exact integers and, with
// no precision, exact ratios (n/d) as they are; with a precision, a fixed-point number rounded
// to that many digits; inexact numbers with no precision as the shortest digits that read
// back as the same number (Foment truncates after 16 digits, which may not).
func digitsOf(th *interp.Thread, v interp.Value, radix int, prec int) string {
	if v.IsFlonum() {
		f := math.Abs(v.Flo())
		if prec >= 0 {
			return fixed(new(big.Rat).SetFloat64(f), radix, prec, false)
		}
		if radix == 10 {
			return interp.Display(interp.Flonum(f))
		}
		return shortest(f, radix)
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

// shortest prints a positive float in a radix with the fewest digits that identify it (the
// free-format algorithm of Steele and White, as Burger and Dybvig state it).
func shortest(f float64, radix int) string {
	if f == 0 {
		return "0.0"
	}
	// The float is m·2^e; its neighbours are half a unit away on each side, except at the
	// bottom of a binade, where the one below is nearer.
	b := math.Float64bits(f)
	expBits, frac := int(b>>52&0x7ff), int64(b&(1<<52-1))
	m, e := frac|1<<52, expBits-1075
	if expBits == 0 {
		m, e = frac, -1074
	}
	fb := new(big.Int).SetInt64(m)
	var r, s, mPlus, mMinus *big.Int
	unequal := m == 1<<52 && expBits > 1
	if e >= 0 {
		be := new(big.Int).Lsh(big.NewInt(1), uint(e))
		if !unequal {
			r = new(big.Int).Mul(fb, be)
			r.Lsh(r, 1)
			s = big.NewInt(2)
			mPlus, mMinus = new(big.Int).Set(be), new(big.Int).Set(be)
		} else {
			r = new(big.Int).Mul(fb, be)
			r.Lsh(r, 2)
			s = big.NewInt(4)
			mPlus, mMinus = new(big.Int).Lsh(be, 1), new(big.Int).Set(be)
		}
	} else {
		if !unequal {
			r = new(big.Int).Lsh(fb, 1)
			s = new(big.Int).Lsh(big.NewInt(1), uint(1-e))
			mPlus, mMinus = big.NewInt(1), big.NewInt(1)
		} else {
			r = new(big.Int).Lsh(fb, 2)
			s = new(big.Int).Lsh(big.NewInt(1), uint(2-e))
			mPlus, mMinus = big.NewInt(2), big.NewInt(1)
		}
	}
	even := m&1 == 0
	R := big.NewInt(int64(radix))
	// k: the position of the point, so that the value is 0.d1d2… × radix^k.
	k := 0
	high := new(big.Int)
	for {
		high.Add(r, mPlus)
		c := high.Cmp(s)
		if c > 0 || (even && c == 0) {
			s.Mul(s, R)
			k++
			continue
		}
		break
	}
	for {
		high.Add(r, mPlus)
		high.Mul(high, R)
		c := high.Cmp(s)
		if c < 0 || (!even && c == 0) {
			r.Mul(r, R)
			mPlus.Mul(mPlus, R)
			mMinus.Mul(mMinus, R)
			k--
			continue
		}
		break
	}
	var digits []byte
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	for {
		r.Mul(r, R)
		mPlus.Mul(mPlus, R)
		mMinus.Mul(mMinus, R)
		d, rem := new(big.Int).QuoRem(r, s, new(big.Int))
		r = rem
		low := r.Cmp(mMinus) < 0 || (even && r.Cmp(mMinus) == 0)
		high.Add(r, mPlus)
		hc := high.Cmp(s)
		hi := hc > 0 || (even && hc == 0)
		dv := d.Int64()
		switch {
		case !low && !hi:
			digits = append(digits, alphabet[dv])
			continue
		case low && !hi:
		case !low && hi:
			dv++
		default:
			if new(big.Int).Lsh(r, 1).Cmp(s) >= 0 {
				dv++
			}
		}
		digits = append(digits, alphabet[dv])
		break
	}
	ds := string(digits)
	switch {
	case k <= 0:
		return "0." + strings.Repeat("0", -k) + ds
	case k >= len(ds):
		return ds + strings.Repeat("0", k-len(ds)) + ".0"
	}
	return ds[:k] + "." + ds[k:]
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
