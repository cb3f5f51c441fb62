package interp

import (
	"strconv"
	"unicode"
)

// Inline code of the builtins on characters and strings: a text loop calls them once per
// character (string-ref, char=?, char-alphabetic?, char->integer, string-set!), so their
// common cases — arguments of the right kinds — run without a call; the primitive does the
// rest, with its checks and messages.

func init() {
	for name, f := range charPreds {
		// The answers for ASCII, from the predicate itself.
		var ascii [128]Value
		for c := range ascii {
			ascii[c] = Bool(f(rune(c)))
		}
		inlineFast1(name, func(v Value) (Value, bool) {
			if v.o != charTag {
				return Value{}, false
			}
			if uint64(v.n) < 128 {
				return ascii[v.n], true
			}
			return Bool(f(rune(v.n))), true
		})
	}
	inlineFast1("char->integer", func(v Value) (Value, bool) {
		return Value{n: v.n}, v.o == charTag
	})
	inlineFast1("integer->char", func(v Value) (Value, bool) {
		if v.o == nil && (uint64(v.n) < 0xD800 || v.n > 0xDFFF && v.n <= unicode.MaxRune) {
			return Char(rune(v.n)), true
		}
		return Value{}, false
	})
	inlineFast1("char-upcase", func(v Value) (Value, bool) {
		if v.o != charTag {
			return Value{}, false
		}
		return Char(unicode.ToUpper(rune(v.n))), true
	})
	inlineFast1("char-downcase", func(v Value) (Value, bool) {
		if v.o != charTag {
			return Value{}, false
		}
		return Char(unicode.ToLower(rune(v.n))), true
	})
	charCmp := func(name string, test func(c int) bool) {
		inlineFast2(name, func(a, b Value) (Value, bool) {
			if a.o != charTag || b.o != charTag {
				return Value{}, false
			}
			c := 0
			if a.n < b.n {
				c = -1
			} else if a.n > b.n {
				c = 1
			}
			return Bool(test(c)), true
		})
	}
	strCmp := func(name string, test func(c int) bool) {
		inlineFast2(name, func(a, b Value) (Value, bool) {
			x, ok := a.o.(*String)
			y, ok2 := b.o.(*String)
			if !ok || !ok2 {
				return Value{}, false
			}
			return Bool(test(compareStrings(x, y))), true
		})
	}
	for _, c := range []struct {
		op   string
		test func(c int) bool
	}{
		{"=?", func(c int) bool { return c == 0 }},
		{"<?", func(c int) bool { return c < 0 }},
		{">?", func(c int) bool { return c > 0 }},
		{"<=?", func(c int) bool { return c <= 0 }},
		{">=?", func(c int) bool { return c >= 0 }},
	} {
		charCmp("char"+c.op, c.test)
		strCmp("string"+c.op, c.test)
	}
	// Conversions of protocol text: no inline code (they allocate), but calls with one argument
	// skip the frame and the checks when it is of the commonest kind and small enough that
	// CheckAlloc would not look (memory.go).
	setFast1("number->string", func(v Value) (Value, bool) {
		if v.o != nil {
			return Value{}, false
		}
		var buf [20]byte
		return narrowString(strconv.AppendInt(buf[:0], v.n, 10)), true
	})
	setFast1("string->utf8", func(v Value) (Value, bool) {
		s, ok := v.o.(*String)
		if !ok || s.w != nil || len(s.b) >= checkFreeBelow {
			return Value{}, false
		}
		bv := newBytevector(len(s.b))
		copy(bv.B, s.b)
		return Obj(bv), true
	})
	setFast1("utf8->string", func(v Value) (Value, bool) {
		bv, ok := v.o.(*Bytevector)
		if !ok || int64(len(bv.B))*SizeRune >= checkFreeBelow {
			return Value{}, false
		}
		return Obj(stringOfUTF8(bv.B, false)), true
	})
	inline("string-set!", 3, inlineThree(func(a, b, c Value) (Value, bool) {
		s, ok := a.o.(*String)
		if !ok || b.o != nil || uint64(b.n) >= uint64(s.Len()) || c.o != charTag {
			return Value{}, false
		}
		s.Set(int(b.n), rune(c.n))
		return Unspecified, true
	}))
}
