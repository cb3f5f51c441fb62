package charset

import (
	"sync"
	"unicode"

	"foment-ls/interp"
)

type value = interp.Value

func set(v value) *Set { return v.Object().(*Set) }

func obj(r []rng) value { return interp.Obj(newSet(r)) }

func truthy(v value) bool { return !v.IsFalse() }

// The standard sets, made once from Go's Unicode tables and shared: sets never change.
var standard = sync.OnceValue(func() map[string]*Set {
	m := map[string]*Set{
		"char-set:lower-case":  fromTables(unicode.Lower, unicode.Other_Lowercase),
		"char-set:upper-case":  fromTables(unicode.Upper, unicode.Other_Uppercase),
		"char-set:title-case":  fromTables(unicode.Title),
		"char-set:letter":      fromTables(unicode.Letter),
		"char-set:digit":       fromTables(unicode.Nd),
		"char-set:whitespace":  fromTables(unicode.White_Space),
		"char-set:iso-control": newSet([]rng{{0, 0x1F}, {0x7F, 0x9F}}),
		"char-set:punctuation": fromTables(unicode.Punct),
		"char-set:symbol":      fromTables(unicode.Symbol),
		"char-set:hex-digit":   newSet([]rng{{'0', '9'}, {'A', 'F'}, {'a', 'f'}}),
		"char-set:blank":       newSet(normalize(append(fromTables(unicode.Zs).r, rng{'\t', '\t'}))),
		"char-set:ascii":       newSet([]rng{{0, 0x7F}}),
		"char-set:empty":       newSet(nil),
		"char-set:full":        newSet(full),
	}
	m["char-set:letter+digit"] = newSet(union(m["char-set:letter"].r, m["char-set:digit"].r))
	m["char-set:graphic"] = newSet(union(m["char-set:letter+digit"].r,
		union(m["char-set:punctuation"].r, m["char-set:symbol"].r)))
	m["char-set:printing"] = newSet(union(m["char-set:graphic"].r, m["char-set:whitespace"].r))
	return m
})

// base returns the optional base set at a[i], or the empty set.
func base(a []value, i int) []rng {
	if len(a) > i {
		return set(a[i]).r
	}
	return nil
}

func fromRunes(rs []rune, extra []rng) []rng {
	r := append([]rng(nil), extra...)
	for _, c := range rs {
		r = append(r, rng{c, c})
	}
	return normalize(r)
}

// charsOf returns the characters of a list, which must be characters.
func charsOf(th *interp.Thread, who string, l value) []rune {
	items, _ := interp.ListToSlice(l)
	out := make([]rune, len(items))
	for i, c := range items {
		if !c.IsChar() {
			th.Error(who, "expected a character", c)
		}
		out[i] = c.Rune()
	}
	return out
}

func init() {
	interp.DefineKind("char-set", func(v value) bool { _, ok := v.Object().(*Set); return ok })
	for _, name := range []string{"char-set:lower-case", "char-set:upper-case", "char-set:title-case",
		"char-set:letter", "char-set:digit", "char-set:whitespace", "char-set:iso-control",
		"char-set:punctuation", "char-set:symbol", "char-set:hex-digit", "char-set:blank",
		"char-set:ascii", "char-set:empty", "char-set:full", "char-set:letter+digit",
		"char-set:graphic", "char-set:printing"} {
		interp.DefineVariable(name, func(in *interp.Interp) value { return interp.Obj(standard()[name]) })
	}
	define := interp.Define

	define("char-set?", func(th *interp.Thread, a []value) value {
		_, ok := a[0].Object().(*Set)
		return interp.Bool(ok)
	})
	define("char-set=", func(th *interp.Thread, a []value) value {
		for i := 0; i+1 < len(a); i++ {
			if !set(a[i]).equal(set(a[i+1])) {
				return interp.False
			}
		}
		return interp.True
	})
	define("char-set<=", func(th *interp.Thread, a []value) value {
		for i := 0; i+1 < len(a); i++ {
			if !set(a[i]).subset(set(a[i+1])) {
				return interp.False
			}
		}
		return interp.True
	})
	define("char-set-hash", func(th *interp.Thread, a []value) value {
		h := uint64(5381)
		for _, x := range set(a[0]).r {
			h = h*33 + uint64(x.lo)
			h = h*33 + uint64(x.hi)
		}
		bound := uint64(1<<62 - 1)
		if len(a) > 1 && a[1].IsFixnum() && a[1].Fix() > 0 {
			bound = uint64(a[1].Fix())
		}
		return interp.Fixnum(int64(h % bound))
	})
	// A cursor is the character it is on, or #f past the end, as in Foment.
	define("char-set-cursor", func(th *interp.Thread, a []value) value {
		if s := set(a[0]); len(s.r) > 0 {
			return interp.Char(s.r[0].lo)
		}
		return interp.False
	})
	define("char-set-cursor-next", func(th *interp.Thread, a []value) value {
		s, c := set(a[0]), a[1].Rune()
		for i, x := range s.r {
			if c >= x.lo && c <= x.hi {
				if c < x.hi {
					return interp.Char(c + 1)
				}
				if i+1 < len(s.r) {
					return interp.Char(s.r[i+1].lo)
				}
				break
			}
		}
		return interp.False
	})
	define("char-set-ref", func(th *interp.Thread, a []value) value {
		if !a[1].IsChar() || !set(a[0]).contains(a[1].Rune()) {
			return th.Error("char-set-ref", "expected a cursor of the set", a[1])
		}
		return a[1]
	})
	define("end-of-char-set?", func(th *interp.Thread, a []value) value { return interp.Bool(!a[0].IsChar()) })

	define("char-set", func(th *interp.Thread, a []value) value {
		return obj(fromRunes(charsOf(th, "char-set", interp.List(a...)), nil))
	})
	listToSet := func(th *interp.Thread, a []value) value {
		return obj(fromRunes(charsOf(th, "list->char-set", a[0]), base(a, 1)))
	}
	define("list->char-set", listToSet)
	define("list->char-set!", listToSet)
	stringToSet := func(th *interp.Thread, a []value) value {
		return obj(fromRunes([]rune(a[0].Object().(*interp.String).String()), base(a, 1)))
	}
	define("string->char-set", stringToSet)
	define("string->char-set!", stringToSet)
	ucsRange := func(th *interp.Thread, a []value) value {
		lo, hi := a[0].Fix(), a[1].Fix()
		if hi > unicode.MaxRune+1 {
			hi = unicode.MaxRune + 1
		}
		r := base(a, 3)
		if lo < hi {
			r = append(append([]rng(nil), r...), rng{rune(lo), rune(hi - 1)})
		}
		return obj(normalize(r))
	}
	define("ucs-range->char-set", ucsRange)
	define("ucs-range->char-set!", ucsRange)
	define("->char-set", func(th *interp.Thread, a []value) value {
		switch x := a[0].Object().(type) {
		case *interp.String:
			return obj(fromRunes([]rune(x.String()), nil))
		case *Set:
			return a[0]
		}
		if a[0].IsChar() {
			return obj([]rng{{a[0].Rune(), a[0].Rune()}})
		}
		return th.Error("->char-set", "expected a character, string, or char-set", a[0])
	})
	define("char-set-copy", func(th *interp.Thread, a []value) value { return a[0] })
	define("char-set-contains?", func(th *interp.Thread, a []value) value {
		return interp.Bool(set(a[0]).contains(a[1].Rune()))
	})
	define("char-set-size", func(th *interp.Thread, a []value) value { return interp.Int(set(a[0]).size()) })

	defineWalks()
	defineAlgebra()
}
