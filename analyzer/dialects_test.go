package analyzer

import (
	"strings"
	"testing"

	"foment-ls/syntax"
)

// TestDialectMessages checks the words of the reports made on code written for other Schemes
// (testdata/workspace/dialects.txtar checks where they are): each names what Foment does.
func TestDialectMessages(t *testing.T) {
	files := map[string][]byte{
		"/ws/chibi-test.scm": []byte("(import (scheme base) (chibi test))\n(test 1 1)\n"),
		"/ws/nomatch.scm":    []byte("(import (scheme base))\n(cond-expand (chibi (import (chibi test))))\n"),
		"/ws/many.scm":       []byte("(import (scheme base))\n'(" + strings.Repeat("#u32(1) ", 13) + ")\n"),
	}
	loader := memLoader(files)
	want := map[string][]string{
		"/ws/chibi-test.scm": {"library (chibi test) would be read from chibi-test.scm, this file, which does not define it"},
		"/ws/nomatch.scm":    {`cond-expand: no clause applies to Foment and there is no else clause (Foment: "no clauses match")`},
		"/ws/many.scm":       {"(and 2 more like it)"},
	}
	for path, texts := range want {
		res := Analyze(syntax.Parse(path, files[path]), Options{Loader: loader})
		var got []string
		for _, d := range res.Diags {
			got = append(got, d.Message)
		}
		for _, text := range texts {
			found := false
			for _, m := range got {
				found = found || strings.Contains(m, text)
			}
			if !found {
				t.Errorf("%s: no diagnostic says %q; got %q", path, text, got)
			}
		}
	}
}
