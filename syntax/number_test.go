package syntax

import "testing"

// The complex grammar, with the results Foment 0.4 gives for the same text (string->number),
// printed as Num.String prints them.
func TestComplexNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1+2i", "1+2i"},
		{"123+456i", "123+456i"},
		{"+i", "0+i"},
		{"-i", "0-i"},
		{"+I", "0+i"},
		{"1+2I", "1+2i"},
		{"5i", "0+5i"}, // Foment accepts an unsigned imaginary part alone
		{"+5i", "0+5i"},
		{"-2.5i", "0.0-2.5i"},
		{"1-i", "1-i"},
		{"1/2i", "0+1/2i"},
		{"-123/456-123i", "-41/152-123i"},
		{"1e+2i", "0.0+100.0i"},
		{"#x1e+2i", "30+2i"},
		{"#xa+bi", "10+11i"},
		{"#x+ai", "0+10i"},
		{"#b1+1i", "1+i"},
		{"#i1+i", "1.0+1.0i"},
		{"#e+i", "0+i"},
		{"#e1.5i", "0+3/2i"},
		{"#e1.2+3.4i", "6/5+17/5i"}, // Foment: 119999999999999/100000000000000+… (its exact of a float)
		{".5+.5i", "0.5+0.5i"},
		{"1.+2.i", "1.0+2.0i"},
		{"1+0i", "1"},
		{"1-0i", "1"},
		{"-0i", "0"},
		{"1+0.0i", "1.0+0.0i"},
		{"+0.i", "0.0+0.0i"},
		{"+inf.0i", "0.0+inf.0i"},
		{"-inf.0i", "0.0-inf.0i"},
		{"-nan.0i", "0.0+nan.0i"},
		{"1+inf.0i", "1.0+inf.0i"},
		{"1-nan.0i", "1.0+nan.0i"},
		{"+inf.0+inf.0i", "+inf.0+inf.0i"},
		{"+nan.0+nan.0i", "+nan.0+nan.0i"},
		{"1e400i", "0.0+inf.0i"},
		{"1.5e3+2.5e-3i", "1500.0+0.0025i"},
		{"1e2@0", "100.0+0.0i"},
		{"1@0.0", "1.0+0.0i"},
		{"0@1", "0.0+0.0i"},
		{"#e1@0", "1"},
		{"1.7976931348623157e308", "1.7976931348623157e+308"}, // Foment reads +inf.0: wrong
	} {
		n, ok := ParseNumber(c.in, 10)
		if !ok {
			t.Errorf("%s: not a number", c.in)
			continue
		}
		if got := n.String(); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"i", "+", "1+", "1+2", "1@", "@1", "1@2@3", "1+2i+3i", "1/0+1i",
		"1+1/0i", "1+-2i", "1++2i", "+i+i", "1@2i", "#e+inf.0i", "1ei", "#x1.5i"} {
		if n, ok := ParseNumber(bad, 10); ok {
			t.Errorf("%q parsed as %v", bad, n)
		}
	}
	n, _ := ParseNumber("1.5@2", 10)
	if n.IsReal() || n.Exact || n.Complex.Real.Float > -0.62 || n.Complex.Imag.Float < 1.36 {
		t.Errorf("1.5@2: %v", n)
	}
	n, _ = ParseNumber("1+2i", 10)
	if n.Int != nil || n.Rat != nil || !n.Exact {
		t.Errorf("1+2i must not look like an integer: %+v", n)
	}
}
