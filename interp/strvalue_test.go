package interp

import (
	"math/rand"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestStringModel runs random operations on strings, narrow and wide, beside a model that is a
// plain slice of runes: every operation must leave the same characters whichever way a string
// is held.
func TestStringModel(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune{'a', 'b', 'z', '0', ' ', 'é', 'λ', '😀', 0x7f}
	randRunes := func(n int, ascii bool) []rune {
		r := make([]rune, n)
		for i := range r {
			if ascii {
				r[i] = rune('a' + rng.Intn(26))
			} else {
				r[i] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		return r
	}
	check := func(step int, op string, s *String, model []rune) {
		t.Helper()
		if s.Len() != len(model) {
			t.Fatalf("step %d %s: length %d, model %d", step, op, s.Len(), len(model))
		}
		for i, c := range model {
			if s.Ref(i) != c {
				t.Fatalf("step %d %s: [%d] = %q, model %q", step, op, i, s.Ref(i), c)
			}
		}
		if s.String() != string(model) || string(s.AppendUTF8(nil, 0, len(model))) != string(model) {
			t.Fatalf("step %d %s: %q, model %q", step, op, s.String(), string(model))
		}
		if !slices.Equal(s.Runes(0, len(model)), model) {
			t.Fatalf("step %d %s: runes differ", step, op)
		}
	}
	for step := 0; step < 2000; step++ {
		model := randRunes(rng.Intn(70), rng.Intn(2) == 0)
		s := stringOfRunes(slices.Clone(model))
		check(step, "make", s, model)
		if len(model) == 0 {
			continue
		}
		for k := 0; k < 6; k++ {
			i := rng.Intn(len(model))
			j := i + rng.Intn(len(model)-i+1)
			switch rng.Intn(6) {
			case 0:
				c := randRunes(1, rng.Intn(3) > 0)[0]
				s.Set(i, c)
				model[i] = c
				check(step, "set", s, model)
			case 1:
				c := randRunes(1, rng.Intn(2) == 0)[0]
				s.fill(c, i, j)
				for x := i; x < j; x++ {
					model[x] = c
				}
				check(step, "fill", s, model)
			case 2:
				// string-copy! from another string, or from itself (overlapping).
				from, fromModel := s, slices.Clone(model)
				if rng.Intn(2) == 0 {
					fromModel = randRunes(len(model), rng.Intn(2) == 0)
					from = stringOfRunes(slices.Clone(fromModel))
				}
				at := rng.Intn(len(model) - (j - i) + 1)
				s.copyFrom(at, from, i, j)
				copy(model[at:], fromModel[i:j])
				check(step, "copy!", s, model)
			case 3:
				c := s.copyRange(i, j)
				check(step, "copy", c, model[i:j])
			case 4:
				var sb strBuilder
				other := randRunes(rng.Intn(5), rng.Intn(2) == 0)
				sb.addString(s)
				for _, c := range other {
					sb.addRune(c)
				}
				sb.addString(s)
				check(step, "build", sb.string(), slices.Concat(model, other, model))
			case 5:
				u := stringOfUTF8(s.AppendUTF8(nil, i, j), false)
				check(step, "utf8", u, model[i:j])
				o := stringOfRunes(slices.Clone(model))
				if compareStrings(s, o) != 0 || !equalStrings(s, o) {
					t.Fatalf("step %d: a string differs from its copy", step)
				}
			}
		}
	}
}

func TestStringOrder(t *testing.T) {
	// Narrow and wide strings order by code points alike.
	words := []string{"", "a", "ab", "abc", "b", "z", "é", "λ", "aλ", "a\x7f", "😀"}
	for _, x := range words {
		for _, y := range words {
			want := 0
			if x < y { // Go compares UTF-8 bytes, which orders code points
				want = -1
			} else if x > y {
				want = 1
			}
			a, b := Str(x).o.(*String), Str(y).o.(*String)
			if got := compareStrings(a, b); got != want {
				t.Errorf("compare %q %q = %d, want %d", x, y, got, want)
			}
			b.widen() // the same characters held wide
			if got := compareStrings(a, b); got != want {
				t.Errorf("compare %q %q (wide) = %d, want %d", x, y, got, want)
			}
		}
	}
	if s := stringOfUTF8([]byte{0xff, 'A'}, false); s.String() != string(utf8.RuneError)+"A" {
		t.Errorf("invalid UTF-8: %q", s.String())
	}
}
