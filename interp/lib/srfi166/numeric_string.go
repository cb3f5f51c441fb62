package srfi166

import (
	"math/big"
	"strings"

	"foment-ls/interp"
)

// numeric->string of (foment base): digitsOf, with digit groups, separators and a sign.

// group puts sep between the groups of digits of whole, from the right: the sizes come from
// rule (an integer, or a list whose last size repeats).
func group(whole string, sizes []int, sep rune) string {
	if len(sizes) == 0 {
		return whole
	}
	var parts []string
	i := 0
	for end := len(whole); end > 0; {
		n := sizes[min(i, len(sizes)-1)]
		i++
		start := max(end-n, 0)
		parts = append(parts, whole[start:end])
		end = start
	}
	var b strings.Builder
	for j := len(parts) - 1; j >= 0; j-- {
		b.WriteString(parts[j])
		if j > 0 {
			b.WriteRune(sep)
		}
	}
	return b.String()
}

// commaRule reads a comma-rule argument: #f, a positive integer or a list of them.
func commaRule(v interp.Value) ([]int, bool) {
	if v.IsFalse() {
		return nil, true
	}
	if v.IsFixnum() {
		return []int{int(v.Fix())}, v.Fix() > 0
	}
	items, ok := interp.ListToSlice(v)
	if !ok || len(items) == 0 {
		return nil, false
	}
	var out []int
	for _, it := range items {
		if !it.IsFixnum() || it.Fix() <= 0 {
			return nil, false
		}
		out = append(out, int(it.Fix()))
	}
	return out, true
}

func negative(v interp.Value) bool {
	switch x := v.Object().(type) {
	case nil:
		if v.IsFlonum() {
			return v.Flo() < 0
		}
		return v.IsFixnum() && v.Fix() < 0
	case *big.Int:
		return x.Sign() < 0
	case *big.Rat:
		return x.Sign() < 0
	}
	return false
}

func numericString(th *interp.Thread, a []interp.Value) interp.Value {
	num, radix := a[0], int(a[1].Fix())
	if radix < 2 || radix > 36 {
		return th.Error("numeric->string", "expected radix between 2 and 36", a[1])
	}
	prec := -1
	if !a[2].IsFalse() {
		if !a[2].IsFixnum() || a[2].Fix() < 0 {
			return th.Error("numeric->string", "expected precision of #f or a positive integer", a[2])
		}
		prec = int(a[2].Fix())
	}
	sizes, ok := commaRule(a[3])
	if !ok {
		return th.Error("numeric->string", "expected comma-rule of #f, positive integer, or list of positive integers", a[3])
	}
	if _, complex := num.Object().(*interp.Complex); complex {
		return interp.Str(interp.NumberString(num, radix))
	}
	if num.IsFlonum() {
		switch s := interp.Display(num); s {
		case "+nan.0", "+inf.0", "-inf.0":
			return interp.Str(s)
		}
	}
	digits := digitsOf(th, num, radix, prec)
	sign := ""
	if negative(num) {
		sign = "-"
	}
	if whole, frac, ok := strings.Cut(digits, "/"); ok {
		return interp.Str(sign + whole + "/" + frac) // a ratio is written as it is
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	s := sign + group(whole, sizes, a[4].Rune())
	if hasFrac {
		s += string(a[5].Rune()) + frac
	}
	return interp.Str(s)
}

func init() { interp.Define("numeric->string", numericString) }
