package interp

import (
	"math"
	"math/big"
	"math/bits"

	"foment-ls/syntax"
)

// The numeric tower: fixnums (int64, immediate), bignums (*big.Int, only when a value does not
// fit), exact rationals (*big.Rat, never with denominator 1), flonums (float64, immediate), and
// non-real complex numbers (*Complex, see complex.go).

func numberFromSyntax(n syntax.Num) Value {
	switch {
	case n.Complex != nil:
		return makeRect(numberFromSyntax(n.Complex.Real), numberFromSyntax(n.Complex.Imag))
	case !n.Exact:
		return Flonum(n.Float)
	case n.Rat != nil:
		return normRat(new(big.Rat).Set(n.Rat))
	case n.Int != nil:
		return normBig(new(big.Int).Set(n.Int))
	}
	return Fixnum(0)
}

// IsNumber reports whether v is a number.
func IsNumber(v Value) bool {
	if v.o == nil || v.o == flonumTag {
		return true
	}
	switch v.o.(type) {
	case *big.Int, *big.Rat, *Complex:
		return true
	}
	return false
}

// isReal reports whether v is a real number.
func isReal(v Value) bool {
	if v.o == nil || v.o == flonumTag {
		return true
	}
	switch v.o.(type) {
	case *big.Int, *big.Rat:
		return true
	}
	return false
}

func isExact(v Value) bool {
	switch x := v.o.(type) {
	case nil, *big.Int, *big.Rat:
		return true
	case *Complex:
		return x.Re.o != flonumTag
	}
	return false
}

func isExactInteger(v Value) bool {
	switch v.o.(type) {
	case nil, *big.Int:
		return true
	}
	return false
}

func isInteger(v Value) bool {
	if isExactInteger(v) {
		return true
	}
	if v.o == flonumTag {
		f := v.Flo()
		return f == math.Trunc(f) && !math.IsInf(f, 0)
	}
	return false
}

// numeric levels for contagion
const (
	lvFix = iota
	lvBig
	lvRat
	lvFlo
	lvCpx
)

func level(v Value) int {
	switch v.o.(type) {
	case nil:
		return lvFix
	case *big.Int:
		return lvBig
	case *big.Rat:
		return lvRat
	case *Complex:
		return lvCpx
	}
	return lvFlo
}

func toBig(v Value) *big.Int {
	if v.o == nil {
		return big.NewInt(v.n)
	}
	return v.o.(*big.Int)
}

func toRat(v Value) *big.Rat {
	switch x := v.o.(type) {
	case nil:
		return new(big.Rat).SetInt64(v.n)
	case *big.Int:
		return new(big.Rat).SetInt(x)
	case *big.Rat:
		return x
	}
	return nil
}

// toFloat converts any real to float64.
func toFloat(v Value) float64 {
	switch x := v.o.(type) {
	case nil:
		return float64(v.n)
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case *big.Rat:
		f, _ := x.Float64()
		return f
	}
	return v.Flo()
}

type arithOp int

const (
	opAdd arithOp = iota
	opSub
	opMul
	opDiv
)

// arith2 is the generic binary arithmetic; the caller has checked that both are numbers.
func arith2(op arithOp, a, b Value) Value {
	if a.o == flonumTag && b.o == flonumTag {
		x, y := a.Flo(), b.Flo()
		switch op {
		case opAdd:
			return Flonum(x + y)
		case opSub:
			return Flonum(x - y)
		case opMul:
			return Flonum(x * y)
		}
		return Flonum(x / y)
	}
	if a.o == nil && b.o == nil {
		x, y := a.n, b.n
		switch op {
		case opAdd:
			s := x + y
			if (s > x) == (y > 0) {
				return Value{n: s}
			}
		case opSub:
			s := x - y
			if (s < x) == (y > 0) {
				return Value{n: s}
			}
		case opMul:
			hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
			if hi == 0 && lo <= math.MaxInt64 && x != math.MinInt64 && y != math.MinInt64 {
				r := int64(lo)
				if (x < 0) != (y < 0) {
					r = -r
				}
				return Value{n: r}
			}
		}
	}
	lv := max(level(a), level(b))
	if op == opDiv && lv < lvRat {
		lv = lvRat
	}
	switch lv {
	case lvCpx:
		return complexArith(op, a, b)
	case lvFix, lvBig:
		x, y := toBig(a), toBig(b)
		r := new(big.Int)
		switch op {
		case opAdd:
			r.Add(x, y)
		case opSub:
			r.Sub(x, y)
		case opMul:
			r.Mul(x, y)
		}
		return normBig(r)
	case lvRat:
		x, y := toRat(a), toRat(b)
		r := new(big.Rat)
		switch op {
		case opAdd:
			r.Add(x, y)
		case opSub:
			r.Sub(x, y)
		case opMul:
			r.Mul(x, y)
		case opDiv:
			r.Quo(x, y) // the caller checked y != 0
		}
		return normRat(r)
	}
	x, y := toFloat(a), toFloat(b)
	switch op {
	case opAdd:
		return Flonum(x + y)
	case opSub:
		return Flonum(x - y)
	case opMul:
		return Flonum(x * y)
	}
	return Flonum(x / y)
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// compareNum compares two reals: -1, 0, 1 (NaN compares as unordered: 2). Two numbers of which
// one is not real are 0 when equal and 2 otherwise.
func compareNum(a, b Value) int {
	if a.o == flonumTag && b.o == flonumTag {
		x, y := a.Flo(), b.Flo()
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		case x == y:
			return 0
		}
		return 2
	}
	if a.o == nil && b.o == nil {
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
	}
	lv := max(level(a), level(b))
	if lv == lvCpx {
		if numEqual(a, b) {
			return 0
		}
		return 2
	}
	if lv == lvFlo {
		x, y := toFloat(a), toFloat(b)
		if math.IsNaN(x) || math.IsNaN(y) {
			return 2
		}
		// Compare exactly when one side is exact and the float is finite.
		if isExact(a) || isExact(b) {
			if !math.IsInf(x, 0) && !math.IsInf(y, 0) {
				xr, yr := exactRat(a), exactRat(b)
				return xr.Cmp(yr)
			}
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	if lv == lvBig {
		return toBig(a).Cmp(toBig(b))
	}
	return toRat(a).Cmp(toRat(b))
}

func exactRat(v Value) *big.Rat {
	if v.o == flonumTag {
		r, _ := new(big.Rat).SetString(bigFloatString(v.Flo()))
		if r == nil {
			r = new(big.Rat)
			r.SetFloat64(v.Flo())
		}
		return r
	}
	return toRat(v)
}

func bigFloatString(f float64) string {
	return new(big.Float).SetFloat64(f).Text('g', -1)
}

func isZero(v Value) bool {
	switch x := v.o.(type) {
	case nil:
		return v.n == 0
	case *big.Int, *big.Rat:
		return false
	case *Complex:
		return isZero(x.Re) && isZero(x.Im)
	}
	return v.Flo() == 0
}

func sign(v Value) int {
	switch x := v.o.(type) {
	case nil:
		switch {
		case v.n < 0:
			return -1
		case v.n > 0:
			return 1
		}
		return 0
	case *big.Int:
		return x.Sign()
	case *big.Rat:
		return x.Sign()
	}
	f := v.Flo()
	switch {
	case f < 0:
		return -1
	case f > 0:
		return 1
	}
	return 0
}

// Eqv is eqv?.
func Eqv(a, b Value) bool {
	if a.o == b.o && a.n == b.n {
		return true
	}
	switch x := a.o.(type) {
	case *big.Int:
		y, ok := b.o.(*big.Int)
		return ok && x.Cmp(y) == 0
	case *big.Rat:
		y, ok := b.o.(*big.Rat)
		return ok && x.Cmp(y) == 0
	case *Complex:
		// Foment's eqv? says #t for 1+2i and 1.0+2.0i: wrong, they differ in exactness.
		y, ok := b.o.(*Complex)
		return ok && Eqv(x.Re, y.Re) && Eqv(x.Im, y.Im)
	}
	return false
}
