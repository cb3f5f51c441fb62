package interp

import (
	"math/rand"
	"strconv"
	"testing"

	"foment-ls/syntax"
)

// TestQuickNumber checks that string->number's shortcut gives what the general parser gives,
// on every text it answers: edge cases of fixnums and random texts of number characters.
func TestQuickNumber(t *testing.T) {
	texts := []string{"0", "-0", "+0", "7", "-7", "+", "-", "", "12a", "1e3", "1.5", ".5", "#x10",
		"9223372036854775807", "-9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"99999999999999999999", "ff", "FF", "-ff", "+i", "-i", "i", "e1", "inf.0", "+inf.0", "nan.0",
		"-nan.0", "alpha", "Zeta", "x", "101", "2", "8", "1/2", "1@0", "١٢", " 1", "1 "}
	rng := rand.New(rand.NewSource(1))
	const chars = "0123456789abcdefABCDEF+-.#/@ixe"
	for i := 0; i < 20000; i++ {
		b := make([]byte, 1+rng.Intn(6))
		for j := range b {
			b[j] = chars[rng.Intn(len(chars))]
		}
		texts = append(texts, string(b))
	}
	for i := 0; i < 2000; i++ {
		texts = append(texts, strconv.FormatInt(rng.Int63()>>rng.Intn(63)*int64(1-2*rng.Intn(2)), 10))
	}
	answered := 0
	for _, text := range texts {
		for _, radix := range []int{2, 8, 10, 16} {
			v, done := quickNumber(Str(text).o.(*String), radix)
			if !done {
				continue
			}
			answered++
			want := False
			if n, ok := syntax.ParseNumber(text, radix); ok {
				want = numberFromSyntax(n)
			}
			if !Eqv(v, want) {
				t.Errorf("(string->number %q %d): quick %s, parser %s", text, radix, WriteString(v), WriteString(want))
			}
		}
	}
	if answered < len(texts) {
		t.Errorf("the shortcut answered only %d of %d texts in 4 radixes", answered, len(texts))
	}
}
