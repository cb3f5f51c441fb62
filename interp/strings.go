package interp

import (
	"strings"
	"unicode"
)

// Characters and strings. Strings are mutable slices of runes.

func strArg(v Value) []rune { return v.o.(*String).R }

func init() {
	define("char?", func(th *Thread, a []Value) Value { return Bool(a[0].IsChar()) })
	define("char->integer", func(th *Thread, a []Value) Value { return Fixnum(int64(a[0].Rune())) })
	define("integer->char", func(th *Thread, a []Value) Value {
		n := a[0].n
		if n > unicode.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
			return th.Error("integer->char", "expected a valid unicode code point", a[0])
		}
		return Char(rune(n))
	})
	charCmp := func(name string, fold bool, ok func(a, b rune) bool) {
		define(name, func(th *Thread, a []Value) Value {
			res := true
			for i := 0; i+1 < len(a); i++ {
				x, y := a[i].Rune(), a[i+1].Rune()
				if fold {
					x, y = foldRune(x), foldRune(y)
				}
				if !ok(x, y) {
					res = false
				}
			}
			return Bool(res)
		})
	}
	for _, fold := range []bool{false, true} {
		pre := "char"
		if fold {
			pre = "char-ci"
		}
		charCmp(pre+"=?", fold, func(a, b rune) bool { return a == b })
		charCmp(pre+"<?", fold, func(a, b rune) bool { return a < b })
		charCmp(pre+">?", fold, func(a, b rune) bool { return a > b })
		charCmp(pre+"<=?", fold, func(a, b rune) bool { return a <= b })
		charCmp(pre+">=?", fold, func(a, b rune) bool { return a >= b })
	}
	charPred := func(name string, f func(rune) bool) {
		define(name, func(th *Thread, a []Value) Value { return Bool(f(a[0].Rune())) })
	}
	// The Unicode properties R7RS names (Alphabetic, Uppercase, Lowercase, White_Space), of
	// the Unicode version Go carries: newer than Foment's tables.
	charPred("char-alphabetic?", isAlphabetic)
	charPred("char-numeric?", unicode.IsDigit)
	charPred("char-whitespace?", func(r rune) bool { return unicode.Is(unicode.White_Space, r) })
	charPred("char-upper-case?", func(r rune) bool { return unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r) })
	charPred("char-lower-case?", func(r rune) bool { return unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r) })
	define("digit-value", func(th *Thread, a []Value) Value {
		r := a[0].Rune()
		if !unicode.IsDigit(r) {
			return False
		}
		// Decimal digits come in runs of ten starting at a code point ending in 0 in their block.
		for z := r; z >= r-9; z-- {
			if !unicode.IsDigit(z - 1) {
				return Fixnum(int64(r - z))
			}
		}
		return Fixnum(int64(r - '0'))
	})
	define("char-upcase", func(th *Thread, a []Value) Value { return Char(unicode.ToUpper(a[0].Rune())) })
	define("char-downcase", func(th *Thread, a []Value) Value { return Char(unicode.ToLower(a[0].Rune())) })
	define("char-foldcase", func(th *Thread, a []Value) Value { return Char(foldRune(a[0].Rune())) })

	define("string?", func(th *Thread, a []Value) Value { _, ok := a[0].o.(*String); return Bool(ok) })
	define("make-string", func(th *Thread, a []Value) Value {
		fill := ' '
		if len(a) > 1 {
			fill = a[1].Rune()
		}
		th.CheckAlloc("make-string", a[0].n, SizeRune, "characters")
		r := make([]rune, a[0].n)
		for i := range r {
			r[i] = fill
		}
		return Obj(&String{r})
	})
	define("string", func(th *Thread, a []Value) Value {
		r := make([]rune, len(a))
		for i, c := range a {
			r[i] = c.Rune()
		}
		return Obj(&String{r})
	})
	define("string-length", func(th *Thread, a []Value) Value { return Int(len(strArg(a[0]))) })
	define("string-ref", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if a[1].n >= int64(len(s)) {
			return th.Error("string-ref", "expected a valid index", a[1])
		}
		return Char(s[a[1].n])
	})
	define("string-set!", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if a[1].n >= int64(len(s)) {
			return th.Error("string-set!", "expected a valid index", a[1])
		}
		s[a[1].n] = a[2].Rune()
		return Unspecified
	})
	strCmp := func(name string, fold bool, ok func(c int) bool) {
		define(name, func(th *Thread, a []Value) Value {
			res := true
			for i := 0; i+1 < len(a); i++ {
				x, y := strArg(a[i]), strArg(a[i+1])
				if fold {
					x, y = []rune(foldString(string(x))), []rune(foldString(string(y)))
				}
				if !ok(compareRunes(x, y)) {
					res = false
				}
			}
			return Bool(res)
		})
	}
	for _, fold := range []bool{false, true} {
		pre := "string"
		if fold {
			pre = "string-ci"
		}
		strCmp(pre+"=?", fold, func(c int) bool { return c == 0 })
		strCmp(pre+"<?", fold, func(c int) bool { return c < 0 })
		strCmp(pre+">?", fold, func(c int) bool { return c > 0 })
		strCmp(pre+"<=?", fold, func(c int) bool { return c <= 0 })
		strCmp(pre+">=?", fold, func(c int) bool { return c >= 0 })
	}
	define("substring", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("substring", a, 1, len(s))
		return Obj(&String{append([]rune(nil), s[start:end]...)})
	})
	define("string-append", func(th *Thread, a []Value) Value {
		th.CheckAllocSum("string-append", func(yield func(int64) bool) {
			for _, s := range a {
				yield(int64(len(strArg(s))))
			}
		}, SizeRune, "characters")
		var r []rune
		for _, s := range a {
			r = append(r, strArg(s)...)
		}
		if r == nil {
			r = []rune{}
		}
		return Obj(&String{r})
	})
	define("string->list", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->list", a, 1, len(s))
		th.CheckAlloc("string->list", int64(end-start), SizePair, "elements")
		out := make([]Value, 0, end-start)
		for _, c := range s[start:end] {
			out = append(out, Char(c))
		}
		return List(out...)
	})
	define("list->string", func(th *Thread, a []Value) Value {
		items, _ := ListToSlice(a[0])
		r := make([]rune, len(items))
		for i, c := range items {
			if !c.IsChar() {
				return th.Error("list->string", "expected a character", c)
			}
			r[i] = c.Rune()
		}
		return Obj(&String{r})
	})
	define("string-copy", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string-copy", a, 1, len(s))
		return Obj(&String{append([]rune{}, s[start:end]...)})
	})
	define("string-copy!", func(th *Thread, a []Value) Value {
		to, from := strArg(a[0]), strArg(a[2])
		start, end := th.Range("string-copy!", a, 3, len(from))
		if a[1].n+int64(end-start) > int64(len(to)) {
			return th.Error("string-copy!", "expected a valid index", a[1])
		}
		copy(to[a[1].n:], from[start:end])
		return Unspecified
	})
	define("string-fill!", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string-fill!", a, 2, len(s))
		for i := start; i < end; i++ {
			s[i] = a[1].Rune()
		}
		return Unspecified
	})
	define("string->vector", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->vector", a, 1, len(s))
		th.CheckAlloc("string->vector", int64(end-start), SizeValue, "elements")
		out := make([]Value, 0, end-start)
		for _, c := range s[start:end] {
			out = append(out, Char(c))
		}
		return Vec(out)
	})
	define("vector->string", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector).Items
		start, end := th.Range("vector->string", a, 1, len(v))
		r := make([]rune, 0, end-start)
		for _, c := range v[start:end] {
			if !c.IsChar() {
				return th.Error("vector->string", "expected a vector of characters", a[0])
			}
			r = append(r, c.Rune())
		}
		return Obj(&String{r})
	})
	define("string-map", func(th *Thread, a []Value) Value {
		strs := stringsOf(a[1:])
		n := minLen(strs)
		r := make([]rune, n)
		args := make([]Value, len(strs))
		for i := 0; i < n; i++ {
			for j, s := range strs {
				args[j] = Char(s[i])
			}
			v := th.Call(a[0], args...)
			if !v.IsChar() {
				return th.Error("string-map", "expected a character", v)
			}
			r[i] = v.Rune()
		}
		return Obj(&String{r})
	})
	define("string-for-each", func(th *Thread, a []Value) Value {
		strs := stringsOf(a[1:])
		n := minLen(strs)
		args := make([]Value, len(strs))
		for i := 0; i < n; i++ {
			for j, s := range strs {
				args[j] = Char(s[i])
			}
			th.Call(a[0], args...)
		}
		return Unspecified
	})
	define("string->utf8", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->utf8", a, 1, len(s))
		return Bytes([]byte(string(s[start:end])))
	})
	define("utf8->string", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		start, end := th.Range("utf8->string", a, 1, len(b))
		th.CheckAlloc("utf8->string", int64(end-start), SizeRune, "characters")
		return Obj(&String{[]rune(string(b[start:end]))})
	})
	define("string-upcase", func(th *Thread, a []Value) Value { return Obj(&String{upcaseRunes(strArg(a[0]))}) })
	define("string-downcase", func(th *Thread, a []Value) Value { return Obj(&String{downcaseRunes(strArg(a[0]))}) })
	define("string-foldcase", func(th *Thread, a []Value) Value { return Str(foldString(string(strArg(a[0])))) })
}

func stringsOf(vs []Value) [][]rune {
	out := make([][]rune, len(vs))
	for i, v := range vs {
		out[i] = strArg(v)
	}
	return out
}

func minLen(ss [][]rune) int {
	n := -1
	for _, s := range ss {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	if n < 0 {
		return 0
	}
	return n
}

func compareRunes(a, b []rune) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// foldRune is Unicode simple case folding.
func foldRune(r rune) rune {
	if r == 'İ' || r == 'ı' {
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// foldString is Unicode full case folding: a character folds as its simple folding does,
// and one whose uppercase is several characters as they do (ß and ẞ fold to ss).
func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == 0x130 { // İ: i and a combining dot above
			b.WriteString("i\u0307")
			continue
		}
		f := foldRune(r)
		if sc, ok := specialCasing[f]; ok && sc[1] != string(f) {
			for _, u := range sc[1] {
				b.WriteRune(foldRune(u))
			}
			continue
		}
		b.WriteRune(f)
	}
	return b.String()
}

func isAlphabetic(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_Alphabetic, r)
}

// upcaseRunes is Unicode full uppercasing: ß becomes SS.
func upcaseRunes(s []rune) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if sc, ok := specialCasing[r]; ok {
			out = append(out, []rune(sc[1])...)
			continue
		}
		out = append(out, unicode.ToUpper(r))
	}
	return out
}

// downcaseRunes is Unicode full lowercasing, with the one condition that does not depend on
// a language: a capital sigma that ends a word becomes a final sigma (ΧΑΟΣ is χαος; Foment
// writes σ).
func downcaseRunes(s []rune) []rune {
	out := make([]rune, 0, len(s))
	for i, r := range s {
		switch {
		case r == 0x3A3 && finalSigma(s, i):
			out = append(out, 0x3C2)
		case specialCasing[r] != [2]string{}:
			out = append(out, []rune(specialCasing[r][0])...)
		default:
			out = append(out, unicode.ToLower(r))
		}
	}
	return out
}

// finalSigma is the Final_Sigma condition: a cased letter before s[i] and none after it,
// case-ignorable characters between them not counting.
func finalSigma(s []rune, i int) bool {
	before := false
	for j := i - 1; j >= 0; j-- {
		if !caseIgnorable(s[j]) {
			before = isCased(s[j])
			break
		}
	}
	if !before {
		return false
	}
	for j := i + 1; j < len(s); j++ {
		if !caseIgnorable(s[j]) {
			return !isCased(s[j])
		}
	}
	return true
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Uppercase, r) || unicode.Is(unicode.Other_Lowercase, r)
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', 0xB7, 0x2019, 0x2018, 0x2024, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
