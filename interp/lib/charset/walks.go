package charset

import "foment-ls/interp"

// The procedures that call Scheme code on each character.
func defineWalks() {
	define := interp.Define
	define("char-set-fold", func(th *interp.Thread, a []value) value {
		acc := a[1]
		for _, c := range set(a[2]).runes() {
			acc = th.Call(a[0], interp.Char(c), acc)
		}
		return acc
	})
	unfold := func(th *interp.Thread, a []value) value {
		f, p, g, seed := a[0], a[1], a[2], a[3]
		var rs []rune
		for !truthy(th.Call(p, seed)) {
			c := th.Call(f, seed)
			if !c.IsChar() {
				th.Error("char-set-unfold", "expected a character", c)
			}
			rs = append(rs, c.Rune())
			seed = th.Call(g, seed)
		}
		return obj(fromRunes(rs, base(a, 4)))
	}
	define("char-set-unfold", unfold)
	define("char-set-unfold!", unfold)
	// Foment walks a set in decreasing order here (it folds with cons first).
	define("char-set-for-each", func(th *interp.Thread, a []value) value {
		rs := set(a[1]).runes()
		for i := len(rs) - 1; i >= 0; i-- {
			th.Call(a[0], interp.Char(rs[i]))
		}
		return interp.Unspecified
	})
	define("char-set-map", func(th *interp.Thread, a []value) value {
		var rs []rune
		for _, c := range set(a[1]).runes() {
			r := th.Call(a[0], interp.Char(c))
			if !r.IsChar() {
				th.Error("char-set-map", "expected a character", r)
			}
			rs = append(rs, r.Rune())
		}
		return obj(fromRunes(rs, nil))
	})
	filter := func(th *interp.Thread, a []value) value {
		var rs []rune
		for _, c := range set(a[1]).runes() {
			if truthy(th.Call(a[0], interp.Char(c))) {
				rs = append(rs, c)
			}
		}
		return obj(fromRunes(rs, base(a, 2)))
	}
	define("char-set-filter", filter)
	define("char-set-filter!", filter)
	define("char-set-count", func(th *interp.Thread, a []value) value {
		n := 0
		for _, c := range set(a[1]).runes() {
			if truthy(th.Call(a[0], interp.Char(c))) {
				n++
			}
		}
		return interp.Int(n)
	})
	// Foment folds with cons, so its lists and strings come out in decreasing order.
	define("char-set->list", func(th *interp.Thread, a []value) value {
		out := interp.Null
		for _, c := range set(a[0]).runes() {
			out = interp.Cons(interp.Char(c), out)
		}
		return out
	})
	define("char-set->string", func(th *interp.Thread, a []value) value {
		rs := set(a[0]).runes()
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return interp.Str(string(rs))
	})
	define("char-set-every", func(th *interp.Thread, a []value) value {
		r := interp.True
		for _, c := range set(a[1]).runes() {
			if r = th.Call(a[0], interp.Char(c)); !truthy(r) {
				return r
			}
		}
		return r
	})
	define("char-set-any", func(th *interp.Thread, a []value) value {
		for _, c := range set(a[1]).runes() {
			if r := th.Call(a[0], interp.Char(c)); truthy(r) {
				return r
			}
		}
		return interp.False
	})
}

// defineAlgebra: adding, deleting, and the set operations.
func defineAlgebra() {
	define := interp.Define
	define("char-set-adjoin", func(th *interp.Thread, a []value) value {
		return obj(fromRunes(charsOf(th, "char-set-adjoin", interp.List(a[1:]...)), set(a[0]).r))
	})
	define("char-set-delete", func(th *interp.Thread, a []value) value {
		del := fromRunes(charsOf(th, "char-set-delete", interp.List(a[1:]...)), nil)
		return obj(difference(set(a[0]).r, del))
	})
	define("char-set-complement", func(th *interp.Thread, a []value) value { return obj(complement(set(a[0]).r)) })
	unionAll := func(sets []value) []rng {
		var r []rng
		for _, s := range sets {
			r = append(r, set(s).r...)
		}
		return normalize(r)
	}
	unionOf := func(th *interp.Thread, a []value) value { return obj(unionAll(a)) }
	define("char-set-union", unionOf)
	define("char-set-union!", unionOf)
	define("%char-set-intersection", func(th *interp.Thread, a []value) value {
		return obj(intersect(set(a[0]).r, set(a[1]).r))
	})
	// SRFI 14: the intersection of all the sets. (Foment 0.4 intersects the first with the union
	// of the others.)
	intersection := func(th *interp.Thread, a []value) value {
		r := full
		for _, s := range a {
			r = intersect(r, set(s).r)
		}
		return obj(r)
	}
	define("char-set-intersection", intersection)
	define("char-set-intersection!", intersection)
	define("char-set-difference", func(th *interp.Thread, a []value) value {
		return obj(difference(set(a[0]).r, unionAll(a[1:])))
	})
	xor := func(th *interp.Thread, a []value) value {
		var r []rng
		for _, s := range a {
			x := set(s).r
			r = union(difference(r, x), difference(x, r))
		}
		return obj(r)
	}
	define("char-set-xor", xor)
	define("char-set-xor!", xor)
	diffInter := func(th *interp.Thread, a []value) value {
		first, rest := set(a[0]).r, unionAll(a[1:])
		return interp.Values(obj(difference(first, rest)), obj(intersect(first, rest)))
	}
	define("char-set-diff+intersection", diffInter)
	define("char-set-diff+intersection!", diffInter)
}
