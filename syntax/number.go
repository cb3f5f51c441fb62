package syntax

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Num is the value of a number literal: an exact integer, an exact rational, an inexact real,
// or a non-real complex number whose two parts are such reals.
type Num struct {
	Exact bool
	Int   *big.Int // exact integer (Rat nil)
	Rat   *big.Rat // exact non-integer rational (Int nil); never with denominator 1
	Float float64  // inexact real (Exact false)
	// Complex holds the parts of a non-real number; Int, Rat and Float are then unset.
	Complex *Complex
}

// Complex is the pair of parts of a non-real complex number, as Foment keeps them: both exact or
// both inexact, and the imaginary part never an exact zero (that number is the real part alone).
type Complex struct{ Real, Imag Num }

// IsReal reports whether n is a real number.
func (n Num) IsReal() bool { return n.Complex == nil }

func (n Num) String() string {
	if c := n.Complex; c != nil {
		im := c.Imag.String()
		switch {
		case im == "1":
			im = "+"
		case im == "-1":
			im = "-"
		case im[0] != '+' && im[0] != '-':
			im = "+" + im
		}
		return c.Real.String() + im + "i"
	}
	switch {
	case !n.Exact:
		switch {
		case math.IsNaN(n.Float):
			return "+nan.0"
		case math.IsInf(n.Float, 1):
			return "+inf.0"
		case math.IsInf(n.Float, -1):
			return "-inf.0"
		}
		s := strconv.FormatFloat(n.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case n.Rat != nil:
		return n.Rat.String()
	case n.Int != nil:
		return n.Int.String()
	}
	return "0"
}

// exactNum normalises a rational.
func exactNum(r *big.Rat) Num {
	if r.IsInt() {
		return Num{Exact: true, Int: new(big.Int).Set(r.Num())}
	}
	return Num{Exact: true, Rat: r}
}

// ParseNumber parses R7RS number syntax as Foment reads it: #x #b #o #d #e #i prefixes (at most
// one radix and one exactness, in either order), integers of any size, rationals n/d, decimals
// with exponents (radix 10 only), +inf.0 -inf.0 +nan.0 -nan.0, and complex numbers in
// rectangular (1+2i, -2.5i, +i, 1-inf.0i, and 5i as Foment allows) and polar (1.5@2) form.
// radix is the default radix (10 for source). ok is false for anything that is not a number,
// "1/0" included.
func ParseNumber(s string, radix int) (Num, bool) {
	exactness := byte(0)
	radixSet := false
	for len(s) >= 2 && s[0] == '#' {
		switch c := s[1] | 0x20; c {
		case 'x', 'b', 'o', 'd':
			if radixSet {
				return Num{}, false
			}
			radixSet = true
			radix = map[byte]int{'x': 16, 'b': 2, 'o': 8, 'd': 10}[c]
		case 'e', 'i':
			if exactness != 0 {
				return Num{}, false
			}
			exactness = c
		default:
			return Num{}, false
		}
		s = s[2:]
	}
	if s == "" {
		return Num{}, false
	}
	if re, phi, polar := strings.Cut(s, "@"); polar {
		// Foment makes every polar number inexact, then applies the prefix.
		r, ok1 := parseReal(re, radix, 0)
		a, ok2 := parseReal(phi, radix, 0)
		if !ok1 || !ok2 {
			return Num{}, false
		}
		m, t := r.float(), a.float()
		n := rect(Num{Float: m * math.Cos(t)}, Num{Float: m * math.Sin(t)})
		switch exactness {
		case 'e':
			return n.exact()
		case 'i':
			return n.inexact(), true
		}
		return n, true
	}
	if s[len(s)-1]|0x20 != 'i' {
		return parseReal(s, radix, exactness)
	}
	body := s[:len(s)-1]
	if body == "+" || body == "-" {
		return rect(exactZero(), unit(body, exactness)), true
	}
	// The imaginary part starts at the last sign that is neither the first character nor an
	// exponent's sign.
	k := len(body) - 1
	for ; k > 0; k-- {
		if c := body[k]; (c == '+' || c == '-') && !(radix == 10 && body[k-1]|0x20 == 'e') {
			break
		}
	}
	if k <= 0 {
		// <real> i: a pure imaginary number.
		im, ok := parseReal(body, radix, exactness)
		if !ok {
			return Num{}, false
		}
		return rect(exactZero(), im), true
	}
	re, ok := parseReal(body[:k], radix, exactness)
	if !ok {
		return Num{}, false
	}
	var im Num
	if k == len(body)-1 {
		im = unit(body[k:], exactness)
	} else if im, ok = parseReal(body[k:], radix, exactness); !ok {
		return Num{}, false
	}
	return rect(re, im), true
}

func exactZero() Num { return Num{Exact: true, Int: new(big.Int)} }

// unit is the imaginary part of "+i" or "-i".
func unit(sign string, exactness byte) Num {
	v := int64(1)
	if sign == "-" {
		v = -1
	}
	if exactness == 'i' {
		return Num{Float: float64(v)}
	}
	return Num{Exact: true, Int: big.NewInt(v)}
}

// rect makes re + im i as Foment does: an exact zero imaginary part leaves the real number;
// otherwise an inexact part makes both inexact.
func rect(re, im Num) Num {
	if im.Exact && im.Int != nil && im.Int.Sign() == 0 {
		return re
	}
	if !im.Exact || !re.Exact {
		re, im = re.inexact(), im.inexact()
	}
	return Num{Exact: re.Exact, Complex: &Complex{re, im}}
}

// float converts a real to float64.
func (n Num) float() float64 {
	switch {
	case !n.Exact:
		return n.Float
	case n.Rat != nil:
		f, _ := n.Rat.Float64()
		return f
	case n.Int != nil:
		f, _ := new(big.Float).SetInt(n.Int).Float64()
		return f
	}
	return 0
}

func (n Num) inexact() Num {
	if c := n.Complex; c != nil {
		return Num{Complex: &Complex{c.Real.inexact(), c.Imag.inexact()}}
	}
	return Num{Float: n.float()}
}

// exact converts to exact; infinities and NaNs have no exact value.
func (n Num) exact() (Num, bool) {
	if c := n.Complex; c != nil {
		re, ok1 := c.Real.exact()
		im, ok2 := c.Imag.exact()
		if !ok1 || !ok2 {
			return Num{}, false
		}
		return rect(re, im), true
	}
	if n.Exact {
		return n, true
	}
	if math.IsInf(n.Float, 0) || math.IsNaN(n.Float) {
		return Num{}, false
	}
	r := new(big.Rat)
	r.SetFloat64(n.Float)
	return exactNum(r), true
}

// parseReal parses a real with an exactness prefix ('e', 'i' or 0) applied.
func parseReal(s string, radix int, exactness byte) (Num, bool) {
	n, ok := parseUReal(s, radix)
	if !ok {
		return Num{}, false
	}
	switch exactness {
	case 'e':
		if !n.Exact {
			if r, ok := exactDecimal(s, radix); ok {
				return r, true
			}
			return n.exact()
		}
	case 'i':
		if n.Exact {
			return n.inexact(), true
		}
	}
	return n, true
}

// exactDecimal reads a decimal as an exact rational (#e1.5 = 3/2), keeping every digit.
func exactDecimal(s string, radix int) (Num, bool) {
	if radix != 10 {
		return Num{}, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Num{}, false
	}
	return exactNum(r), true
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

func allDigits(s string, radix int) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if digitValue(s[i]) >= radix {
			return false
		}
	}
	return true
}

func parseUReal(s string, radix int) (Num, bool) {
	if s == "" {
		return Num{}, false
	}
	switch strings.ToLower(s) {
	case "+inf.0":
		return Num{Float: math.Inf(1)}, true
	case "-inf.0":
		return Num{Float: math.Inf(-1)}, true
	case "+nan.0", "-nan.0":
		return Num{Float: math.NaN()}, true
	}
	body := s
	neg := false
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	if body == "" {
		return Num{}, false
	}
	if num, den, isRat := strings.Cut(body, "/"); isRat {
		if !allDigits(num, radix) || !allDigits(den, radix) {
			return Num{}, false
		}
		n, _ := new(big.Int).SetString(num, radix)
		d, _ := new(big.Int).SetString(den, radix)
		if d.Sign() == 0 {
			return Num{}, false
		}
		if neg {
			n.Neg(n)
		}
		return exactNum(new(big.Rat).SetFrac(n, d)), true
	}
	if allDigits(body, radix) {
		n, _ := new(big.Int).SetString(body, radix)
		if neg {
			n.Neg(n)
		}
		return Num{Exact: true, Int: n}, true
	}
	if radix != 10 || !isDecimal(body) {
		return Num{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Out of range values still read: ParseFloat gives ±Inf or 0 with ErrRange.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return Num{}, false
		}
	}
	return Num{Float: f}, true
}

// isDecimal checks R7RS <decimal 10>: digits with at most one point (a digit on at least one
// side) and an optional exponent.
func isDecimal(s string) bool {
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		if exp == "" {
			return false
		}
		if exp[0] == '+' || exp[0] == '-' {
			exp = exp[1:]
		}
		if !allDigits(exp, 10) {
			return false
		}
	}
	intPart, frac, hasPoint := strings.Cut(mant, ".")
	if !hasPoint {
		return allDigits(intPart, 10)
	}
	if intPart == "" && frac == "" {
		return false
	}
	return (intPart == "" || allDigits(intPart, 10)) && (frac == "" || allDigits(frac, 10))
}
