package analyzer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"foment-ls/syntax"

	"golang.org/x/tools/txtar"
)

var missedRE = regexp.MustCompile(`;@missed-([a-z-]+)`)

// TestMistakes runs the realistic mistakes of testdata/mistakes: programs shaped like servers
// and clients, each with a mistake and a clean twin (NAME.ok.scm). A mistake is caught when
// every ;@code of its program is reported on its line, and nothing else is; ;@missed-code
// marks what the analysis does not catch (counted). A clean twin must get no diagnostic.
func TestMistakes(t *testing.T) {
	archives, _ := filepath.Glob("testdata/mistakes/*.txtar")
	var mistakes, caught, clean, noisy int
	var missed []string
	for _, path := range archives {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			res := Analyze(syntax.Parse(f.Name, f.Data), Options{})
			if res.flowPanic != "" {
				t.Fatalf("%s: the flow analysis failed: %s", f.Name, res.flowPanic)
			}
			var msgs []string
			for _, d := range res.Diags {
				msgs = append(msgs, fmt.Sprintf("  %d:%d %s %s: %s", d.Span.Start.Line, d.Span.Start.Col, d.Severity, d.Code, d.Message))
			}
			if strings.HasSuffix(f.Name, ".ok.scm") {
				clean++
				if len(res.Diags) > 0 {
					noisy++
					t.Errorf("%s: a clean program gets diagnostics:\n%s", f.Name, strings.Join(msgs, "\n"))
				}
				continue
			}
			mistakes++
			want, miss := map[string]int{}, map[string]bool{}
			for i, line := range strings.Split(string(f.Data), "\n") {
				for _, m := range markerRE.FindAllStringSubmatch(line, -1) {
					if !strings.HasPrefix(m[1], "missed-") {
						want[fmt.Sprintf("%d:%s", i+1, m[1])]++
					}
				}
				for _, m := range missedRE.FindAllStringSubmatch(line, -1) {
					miss[fmt.Sprintf("%d:%s", i+1, m[1])] = true
				}
			}
			got := map[string]int{}
			for _, d := range res.Diags {
				got[fmt.Sprintf("%d:%s", d.Span.Start.Line, d.Code)]++
			}
			var bad []string
			for k := range merge(want, got) {
				if miss[k] && got[k] > 0 {
					bad = append(bad, k+": reported, but marked missed")
				} else if want[k] != got[k] {
					bad = append(bad, fmt.Sprintf("%s: want %d, got %d", k, want[k], got[k]))
				}
			}
			for k := range miss {
				missed = append(missed, f.Name+":"+k)
			}
			sort.Strings(bad)
			if len(want) == 0 {
				bad = append(bad, "no mistake marked")
			}
			if len(bad) > 0 {
				t.Errorf("%s: %s\ndiagnostics:\n%s", f.Name, strings.Join(bad, "\n"), strings.Join(msgs, "\n"))
				continue
			}
			caught++
		}
	}
	if mistakes < 40 {
		t.Errorf("only %d mistakes", mistakes)
	}
	sort.Strings(missed)
	t.Logf("%d realistic mistakes: %d caught; %d clean twins: %d with a diagnostic", mistakes, caught, clean, noisy)
	t.Logf("also marked as not caught where they are made (caught at the call instead, or not at all): %s", strings.Join(missed, ", "))
}
