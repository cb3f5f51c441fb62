package interp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Characters and strings (the string value itself is in strvalue.go).

// charPreds are the character classes R7RS names, with the Unicode properties it gives them
// (Alphabetic, Uppercase, Lowercase, White_Space) of the Unicode version Go carries: newer
// than Foment's tables. (Their calls are inlined too: inlinechars.go.)
var charPreds = map[string]func(rune) bool{
	"char-alphabetic?": isAlphabetic,
	"char-numeric?":    unicode.IsDigit,
	"char-whitespace?": func(r rune) bool { return unicode.Is(unicode.White_Space, r) },
	"char-upper-case?": func(r rune) bool { return unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r) },
	"char-lower-case?": func(r rune) bool { return unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r) },
}

// strArg is a string argument, its kind checked by the catalogue.
func strArg(v Value) *String { return v.o.(*String) }

// goString is a string argument as a Go string.
func goString(v Value) string { return v.o.(*String).String() }

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
	for name, f := range charPreds {
		define(name, func(th *Thread, a []Value) Value { return Bool(f(a[0].Rune())) })
	}
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
		if fill < utf8.RuneSelf {
			th.CheckAlloc("make-string", a[0].n, 1, "characters")
			s := newNarrow(int(a[0].n))
			s.fill(fill, 0, s.Len())
			return Obj(s)
		}
		th.CheckAlloc("make-string", a[0].n, SizeRune, "characters")
		r := make([]rune, a[0].n)
		for i := range r {
			r[i] = fill
		}
		return StrRunes(r)
	})
	define("string", func(th *Thread, a []Value) Value {
		var sb strBuilder
		sb.grow(len(a))
		for _, c := range a {
			sb.addRune(c.Rune())
		}
		return sb.value()
	})
	define("string-length", func(th *Thread, a []Value) Value { return Int(strArg(a[0]).Len()) })
	define("string-ref", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if a[1].n >= int64(s.Len()) {
			return th.Error("string-ref", "expected a valid index", a[1])
		}
		return Char(s.Ref(int(a[1].n)))
	})
	define("string-set!", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if a[1].n >= int64(s.Len()) {
			return th.Error("string-set!", "expected a valid index", a[1])
		}
		s.Set(int(a[1].n), a[2].Rune())
		return Unspecified
	})
	strCmp := func(name string, fold bool, ok func(c int) bool) {
		define(name, func(th *Thread, a []Value) Value {
			res := true
			for i := 0; i+1 < len(a); i++ {
				x, y := strArg(a[i]), strArg(a[i+1])
				if fold {
					x, y = strArg(Str(foldString(x.String()))), strArg(Str(foldString(y.String())))
				}
				if !ok(compareStrings(x, y)) {
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
		start, end := th.Range("substring", a, 1, s.Len())
		return Obj(s.copyRange(start, end))
	})
	define("string-append", func(th *Thread, a []Value) Value {
		n, wide := 0, false
		for _, s := range a {
			x := strArg(s)
			n += x.Len()
			wide = wide || x.w != nil
		}
		if !wide {
			th.CheckAlloc("string-append", int64(n), 1, "characters")
			s, i := newNarrow(n), 0
			for _, x := range a {
				i += copy(s.b[i:], x.o.(*String).b)
			}
			return Obj(s)
		}
		th.CheckAlloc("string-append", int64(n), SizeRune, "characters")
		var sb strBuilder
		sb.grow(n)
		for _, s := range a {
			sb.addString(strArg(s))
		}
		return sb.value()
	})
	define("string->list", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->list", a, 1, s.Len())
		th.CheckAlloc("string->list", int64(end-start), SizePair, "elements")
		l := Null
		for i := end - 1; i >= start; i-- {
			l = Cons(Char(s.Ref(i)), l)
		}
		return l
	})
	define("list->string", func(th *Thread, a []Value) Value {
		var sb strBuilder
		for l := a[0]; !l.IsNull(); l = l.o.(*Pair).Cdr {
			c := l.o.(*Pair).Car
			if !c.IsChar() {
				return th.Error("list->string", "expected a character", c)
			}
			sb.addRune(c.Rune())
		}
		return sb.value()
	})
	define("string-copy", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string-copy", a, 1, s.Len())
		return Obj(s.copyRange(start, end))
	})
	define("string-copy!", func(th *Thread, a []Value) Value {
		to, from := strArg(a[0]), strArg(a[2])
		start, end := th.Range("string-copy!", a, 3, from.Len())
		if a[1].n+int64(end-start) > int64(to.Len()) {
			return th.Error("string-copy!", "expected a valid index", a[1])
		}
		to.copyFrom(int(a[1].n), from, start, end)
		return Unspecified
	})
	define("string-fill!", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string-fill!", a, 2, s.Len())
		s.fill(a[1].Rune(), start, end)
		return Unspecified
	})
	define("string->vector", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->vector", a, 1, s.Len())
		th.CheckAlloc("string->vector", int64(end-start), SizeValue, "elements")
		out := make([]Value, end-start)
		for i := range out {
			out[i] = Char(s.Ref(start + i))
		}
		return Vec(out)
	})
	define("vector->string", func(th *Thread, a []Value) Value {
		v := a[0].o.(*Vector).Items
		start, end := th.Range("vector->string", a, 1, len(v))
		var sb strBuilder
		sb.grow(end - start)
		for _, c := range v[start:end] {
			if !c.IsChar() {
				return th.Error("vector->string", "expected a vector of characters", a[0])
			}
			sb.addRune(c.Rune())
		}
		return sb.value()
	})
	define("string-map", func(th *Thread, a []Value) Value {
		strs := stringsOf(a[1:])
		n := minLen(strs)
		return (&eachString{proc: a[0], strs: strs, n: n, out: make([]rune, 0, n), collect: true}).run(th)
	})
	define("string-for-each", func(th *Thread, a []Value) Value {
		strs := stringsOf(a[1:])
		return (&eachString{proc: a[0], strs: strs, n: minLen(strs)}).run(th)
	})
	define("string->utf8", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		start, end := th.Range("string->utf8", a, 1, s.Len())
		if s.w == nil {
			bv := newBytevector(end - start)
			copy(bv.B, s.b[start:end])
			return Obj(bv)
		}
		return Bytes(s.AppendUTF8(nil, start, end))
	})
	define("utf8->string", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		start, end := th.Range("utf8->string", a, 1, len(b))
		th.CheckAlloc("utf8->string", int64(end-start), SizeRune, "characters")
		return Obj(stringOfUTF8(b[start:end], false))
	})
	define("string-upcase", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if s.w == nil {
			return Obj(s.mapASCII('a', 'z', 'A'-'a'))
		}
		return StrRunes(upcaseRunes(s.Runes(0, s.Len())))
	})
	define("string-downcase", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if s.w == nil {
			return Obj(s.mapASCII('A', 'Z', 'a'-'A'))
		}
		return StrRunes(downcaseRunes(s.Runes(0, s.Len())))
	})
	define("string-foldcase", func(th *Thread, a []Value) Value {
		s := strArg(a[0])
		if s.w == nil {
			return Obj(s.mapASCII('A', 'Z', 'a'-'A'))
		}
		return Str(foldString(s.String()))
	})
}

func stringsOf(vs []Value) []*String {
	out := make([]*String, len(vs))
	for i, v := range vs {
		out[i] = strArg(v)
	}
	return out
}

func minLen(ss []*String) int {
	n := -1
	for _, s := range ss {
		if n < 0 || s.Len() < n {
			n = s.Len()
		}
	}
	if n < 0 {
		return 0
	}
	return n
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

// eachString is string-map and string-for-each; it goes on from a copy of itself for a
// re-entered continuation (rebuild.go).
type eachString struct {
	proc    Value
	strs    []*String
	i, n    int
	collect bool
	out     []rune
}

func (s *eachString) clone() resumer {
	c := *s
	c.out = append(make([]rune, 0, s.n), s.out...)
	return &c
}

func (s *eachString) resume(th *Thread, _ code) Value {
	s.took(th, th.resumeNext())
	return s.run(th)
}

func (s *eachString) took(th *Thread, v Value) {
	if !s.collect {
		return
	}
	if !v.IsChar() {
		th.Error("string-map", "expected a character", v)
	}
	s.out = append(s.out, v.Rune())
}

func (s *eachString) run(th *Thread) Value {
	args := make([]Value, len(s.strs))
	for s.i < s.n {
		for j, str := range s.strs {
			args[j] = Char(str.Ref(s.i))
		}
		s.i++
		s.took(th, th.CallWith(s, s.proc, args...))
	}
	if s.collect {
		return StrRunes(s.out)
	}
	return Unspecified
}
