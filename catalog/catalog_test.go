package catalog

import "testing"

func TestEntries(t *testing.T) {
	all := All()
	if len(all) < 300 {
		t.Errorf("only %d entries", len(all))
	}
	for _, e := range all {
		if e.Doc == "" || len(e.Libs) == 0 {
			t.Errorf("%s: missing documentation or library", e.Name)
		}
		if e.Kind == Procedure && e.Max >= 0 && e.Min > e.Max {
			t.Errorf("%s: arity %d..%d", e.Name, e.Min, e.Max)
		}
	}
}

func TestSignatures(t *testing.T) {
	tests := []struct {
		name     string
		min, max int
		arity    string
	}{
		{"car", 1, 1, "one argument"},
		{"list", 0, -1, "any number of arguments"},
		{"-", 1, -1, "at least one argument"},
		{"<", 2, -1, "at least two arguments"},
		{"newline", 0, 1, "zero or one arguments"},
		{"string-copy", 1, 3, "one to three arguments"},
		{"apply", 2, -1, "at least two arguments"},
		{"string-copy!", 3, 5, "three to five arguments"},
	}
	for _, tc := range tests {
		e := Lookup(tc.name)
		if e == nil {
			t.Fatalf("%s missing", tc.name)
		}
		if e.Min != tc.min || e.Max != tc.max || e.Arity() != tc.arity {
			t.Errorf("%s: %d..%d %q, want %d..%d %q", tc.name, e.Min, e.Max, e.Arity(), tc.min, tc.max, tc.arity)
		}
	}
	if p := Lookup("write-string").ParamAt(1); p == nil || p.Kind.Name != "textual-output-port" || !p.Optional {
		t.Errorf("write-string parameter 1: %+v", p)
	}
	if p := Lookup("list").ParamAt(7); p == nil || !p.Rest {
		t.Errorf("list rest parameter: %+v", p)
	}
}

func TestBadSignatures(t *testing.T) {
	for _, sig := range []string{"f x", "(g x)", "(f [x] y)", "(f ... x)", "(f x:nokind)", "(f [x)"} {
		e := &Entry{Name: "f", Kind: Procedure, Sig: sig}
		if err := parseSig(e); err == nil {
			t.Errorf("%q parsed", sig)
		}
	}
}
