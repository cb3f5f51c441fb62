package analyzer

import (
	"fmt"
	"testing"

	"foment-ls/syntax"
)

// The analysis keeps byte offsets (syntax.Extent); lines and columns come from the text of the
// file they are in when asked for. They must be those of that file: an included file's with
// its own line ends (CR, CRLF, LF, no newline at the end), and at the use of a macro for what
// its expansion does.
func TestPositionsInIncludesAndExpansions(t *testing.T) {
	main := "(import (scheme base) (scheme write))\r\n" +
		"(define-syntax twice (syntax-rules () ((_ e) (begin e e))))\r\n" +
		"(include \"inc.scm\")\r\n" +
		"(twice (car))\n"
	inc := "; included\r(define (helper x)\r\n  (+ x 1))\n\n   (display nowhere)"
	ld := memLoader(map[string][]byte{"/ws/main.scm": []byte(main), "/ws/inc.scm": []byte(inc)})
	res := Analyze(syntax.Parse("/ws/main.scm", []byte(main)), Options{Loader: ld})
	at := func(s syntax.Span) string {
		return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
	}
	var unbound, arity string
	for _, d := range res.Diags {
		switch {
		case d.File == "/ws/inc.scm" && d.Code == CodeUnbound:
			unbound = at(d.Span)
		case d.File == "/ws/main.scm" && d.Code == CodeArity:
			arity = at(d.Span)
		}
	}
	// "nowhere" on the last line of inc.scm, after a CR, a CRLF, two LFs and three spaces.
	if unbound != "5:13-5:20" {
		t.Errorf("unbound name in the included file at %q, want 5:13-5:20 (%v)", unbound, res.Diags)
	}
	// (car) in the use of twice, on line 4 of main.scm: reported at the use, once.
	if arity != "4:8-4:13" {
		t.Errorf("the expansion's wrong call at %q, want 4:8-4:13 (%v)", arity, res.Diags)
	}
	for _, d := range res.Defs {
		if d.Name != "helper" {
			continue
		}
		if d.File != "/ws/inc.scm" || res.DefLine(d) != 2 || at(res.Span(d.File, d.Span)) != "2:10-2:16" {
			t.Errorf("helper in %s at line %d, %s", d.File, res.DefLine(d), at(res.Span(d.File, d.Span)))
		}
		if got := at(res.Span(d.File, d.Form)); got != "2:1-3:11" {
			t.Errorf("helper's form at %s, want 2:1-3:11", got)
		}
		return
	}
	t.Error("no definition of helper")
}
