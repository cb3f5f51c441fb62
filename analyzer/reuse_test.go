package analyzer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"foment-ls/syntax"
)

// With the analysis of the version before (Options.Prev), the flow analysis keeps the results of
// the procedures whose forms are the same data and whose names mean the same, and analyses the
// others again: the diagnostics and summaries are those of an analysis from scratch.
// (syntax.Reparse keeps the data of the regions an edit does not touch. Only an editable file's
// analysis keeps what the next version's reads.)
func TestFlowReuse(t *testing.T) {
	src := string(bigProgram(300))
	if r := Analyze(syntax.Parse("big.scm", []byte(src)), Options{}); r.flow.memo != nil {
		t.Errorf("the analysis of a file that is not editable keeps %d procedures' results for the next version", len(r.flow.memo))
	}
	f := syntax.ParseEditable("big.scm", []byte(src))
	first := Analyze(f, Options{})
	again := Analyze(f, Options{Prev: first})
	if again.flow.reused != len(first.Summaries) || len(first.Summaries) < 40 {
		t.Errorf("the same data again: %d of %d procedures kept", again.flow.reused, len(first.Summaries))
	}
	sameDiags(t, "the same data", again, first)

	// An edit of the same length inside serve-3: its size becomes negative.
	i := strings.Index(src, "(define (serve-3 client)")
	j := i + strings.Index(src[i:], "1024")
	edited := src[:j] + "-102" + src[j+4:]
	g := syntax.Reparse(f, []byte(edited)) // the regions the edit does not touch keep their data
	incremental := Analyze(g, Options{Prev: again})
	scratch := Analyze(syntax.Parse("big.scm", []byte(edited)), Options{})
	if n := len(first.Summaries) - incremental.flow.reused; n != 1 {
		t.Errorf("after an edit of one procedure, %d analysed again, want 1", n)
	}
	sameDiags(t, "after the edit", incremental, scratch)
	if !hasCode(scratch, CodeRecvSize) {
		t.Errorf("the edit's mistake is not reported: %v", scratch.Diags)
	}
	// (by name: the keys hold places, in the edited file's datum space)
	byName := map[string]*Summary{}
	for _, s := range incremental.Summaries {
		byName[s.Name] = s
	}
	for _, s := range scratch.Summaries {
		if !s.equal(byName[s.Name]) {
			t.Errorf("summary of %s differs", s.Name)
		}
	}

	// serve-3 renamed in a way that changes what a name in server-3 means: server-3 is analysed
	// again although its form did not change.
	h := syntax.Reparse(f, []byte(strings.Replace(src, "(define (serve-3 client)", "(define (serve-X client)", 1)))
	renamed := Analyze(h, Options{Prev: again})
	if n := len(first.Summaries) - renamed.flow.reused; n != 2 {
		t.Errorf("after a rename, %d analysed again, want 2 (serve-X and server-3, whose call means another thing)", n)
	}
}

func sameDiags(t *testing.T, what string, got, want *Result) {
	t.Helper()
	text := func(r *Result) []string {
		var out []string
		for _, d := range r.Diags {
			out = append(out, fmt.Sprintf("%s:%d:%d %s %s %v", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Code, d.Message, d.Related))
		}
		return out
	}
	if g, w := text(got), text(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s: diagnostics\n%s\nwant\n%s", what, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

func hasCode(r *Result, code string) bool {
	for _, d := range r.Diags {
		if d.Code == code {
			return true
		}
	}
	return false
}
