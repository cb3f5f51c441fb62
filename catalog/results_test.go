package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestResultKinds(t *testing.T) {
	for name, text := range resultRefinements {
		if Lookup(name) == nil {
			t.Errorf("result refinement of %s, which is not in the catalogue", name)
		}
		for _, k := range strings.Split(text, " or ") {
			if _, ok := ResultKindNames[k]; !ok {
				t.Errorf("%s: unknown result kind %q", name, k)
			}
		}
	}
	tests := []struct {
		name string
		want []string
	}{
		{"make-socket", []string{"socket"}},
		{"recv-socket", []string{"bytevector"}},
		{"string->utf8", []string{"bytevector"}},
		{"read-line", []string{"string", "eof"}},
		{"open-input-string", []string{"textual-input-port"}},
		{"string-length", []string{"index"}},
		{"append", nil},
		{"car", nil},
		{"error", []string{"never"}},
		{"assq", []string{"pair", "#f"}},
	}
	for _, tc := range tests {
		if got := Lookup(tc.name).ResultKinds(); !slices.Equal(got, tc.want) {
			t.Errorf("%s: result kinds %q, want %q", tc.name, got, tc.want)
		}
	}
}
