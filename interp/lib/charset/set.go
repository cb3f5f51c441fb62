// Package charset is (scheme charset), also (srfi 14): immutable character sets as sorted lists
// of code point ranges, with the standard sets made from Go's Unicode tables.
package charset

import (
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"unicode"
)

// rng is an inclusive range of code points.
type rng struct{ lo, hi rune }

// Set is a character set: sorted, disjoint, non-adjacent ranges. It never changes.
type Set struct {
	r  []rng
	id uint64
}

var ids atomic.Uint64

func newSet(r []rng) *Set { return &Set{r: r, id: 0x1000 + ids.Add(1)*0x10} }

func (s *Set) SchemeString() string { return fmt.Sprintf("#<char-set: #x%x>", s.id) }

// The characters: every code point but the surrogates.
var full = []rng{{0, 0xD7FF}, {0xE000, unicode.MaxRune}}

// normalize sorts ranges, merges overlapping and adjacent ones, and leaves out the surrogates.
func normalize(r []rng) []rng {
	sort.Slice(r, func(i, j int) bool { return r[i].lo < r[j].lo })
	var out []rng
	for _, x := range r {
		if n := len(out); n > 0 && x.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, x.hi)
			continue
		}
		out = append(out, x)
	}
	return intersect(out, full)
}

func (s *Set) contains(c rune) bool {
	i := sort.Search(len(s.r), func(i int) bool { return s.r[i].hi >= c })
	return i < len(s.r) && s.r[i].lo <= c
}

func (s *Set) size() int {
	n := 0
	for _, x := range s.r {
		n += int(x.hi - x.lo + 1)
	}
	return n
}

func (s *Set) equal(t *Set) bool { return slices.Equal(s.r, t.r) }

func (s *Set) subset(t *Set) bool { return slices.Equal(intersect(s.r, t.r), s.r) }

func union(a, b []rng) []rng {
	return normalize(append(append([]rng(nil), a...), b...))
}

// intersect returns the ranges in both (both sorted and disjoint).
func intersect(a, b []rng) []rng {
	var out []rng
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].lo, b[j].lo), min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, rng{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func complement(a []rng) []rng {
	var out []rng
	next := rune(0)
	for _, x := range a {
		if x.lo > next {
			out = append(out, rng{next, x.lo - 1})
		}
		next = x.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, rng{next, unicode.MaxRune})
	}
	return intersect(out, full)
}

func difference(a, b []rng) []rng { return intersect(a, complement(b)) }

// runes returns the characters of a set in increasing order.
func (s *Set) runes() []rune {
	out := make([]rune, 0, s.size())
	for _, x := range s.r {
		for c := x.lo; c <= x.hi; c++ {
			out = append(out, c)
		}
	}
	return out
}

// fromTables makes a set of the code points of Unicode tables.
func fromTables(ts ...*unicode.RangeTable) *Set {
	var r []rng
	for _, t := range ts {
		for _, x := range t.R16 {
			r = appendStride(r, rune(x.Lo), rune(x.Hi), rune(x.Stride))
		}
		for _, x := range t.R32 {
			r = appendStride(r, rune(x.Lo), rune(x.Hi), rune(x.Stride))
		}
	}
	return newSet(normalize(r))
}

func appendStride(r []rng, lo, hi, stride rune) []rng {
	if stride == 1 {
		return append(r, rng{lo, hi})
	}
	for c := lo; c <= hi; c += stride {
		r = append(r, rng{c, c})
	}
	return r
}
