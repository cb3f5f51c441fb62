package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"foment-ls/syntax"

	"golang.org/x/tools/txtar"
)

var markerRE = regexp.MustCompile(`;@([a-z-]+)`)

// TestMarkedUp runs the txtar cases: each ";@code" marker expects a diagnostic of that code
// starting on its line, and every diagnostic must be expected.
func TestMarkedUp(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	n := 0
	for _, path := range files {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			n++
			t.Run(filepath.Base(path)+"/"+f.Name, func(t *testing.T) {
				want := map[string]int{}
				for i, line := range strings.Split(string(f.Data), "\n") {
					for _, m := range markerRE.FindAllStringSubmatch(line, -1) {
						want[fmt.Sprintf("%d:%s", i+1, m[1])]++
					}
				}
				res := Analyze(syntax.Parse(f.Name, f.Data), Options{})
				if res.flowPanic != "" {
					t.Fatalf("the flow analysis failed: %s", res.flowPanic)
				}
				got := map[string]int{}
				for _, d := range res.Diags {
					got[fmt.Sprintf("%d:%s", d.Span.Start.Line, d.Code)]++
				}
				var msgs []string
				for _, d := range res.Diags {
					msgs = append(msgs, fmt.Sprintf("  %d:%d %s: %s", d.Span.Start.Line, d.Span.Start.Col, d.Code, d.Message))
				}
				keys := map[string]bool{}
				for k := range want {
					keys[k] = true
				}
				for k := range got {
					keys[k] = true
				}
				var bad []string
				for k := range keys {
					if want[k] != got[k] {
						bad = append(bad, fmt.Sprintf("%s: want %d, got %d", k, want[k], got[k]))
					}
				}
				sort.Strings(bad)
				if len(bad) > 0 {
					t.Errorf("%s\ndiagnostics:\n%s", strings.Join(bad, "\n"), strings.Join(msgs, "\n"))
				}
			})
		}
	}
	t.Logf("%d marked-up files", n)
}

// trueInExamples are the mistakes the examples make on purpose: the client of Foment's
// Sockets page fails at the end of its input, (string->utf8 #<eof>), as it does under Foment
// (interp/socket's TestExampleAcrossProcesses expects it).
var trueInExamples = map[string]bool{"../examples/sockets.scm:34:arg-kind": true}

// The examples and the interpreter's passing test programs are correct programs: no errors
// and no warnings (no false positives).
func TestNoFalsePositives(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.scm")
	files = append(files, "../bench/fib.scm", "../bench/loop.scm", "../bench/echo-server.scm", "../bench/echo-client.scm")
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := Analyze(syntax.Parse(path, src), Options{Loader: &FileLoader{Roots: []string{filepath.Dir(path)}}})
		for _, d := range res.Diags {
			if d.Severity <= Warning && !trueInExamples[fmt.Sprintf("%s:%d:%s", path, d.Span.Start.Line, d.Code)] {
				t.Errorf("%s:%d:%d: %s [%s]", path, d.Span.Start.Line, d.Span.Start.Col, d.Message, d.Code)
			}
		}
	}
}

// "did you mean" is offered for a misspelt name of some length, never for a short name that
// is another word (bar is not car, abc not abs).
func TestDidYouMean(t *testing.T) {
	src := "(import (scheme base))\n(define (f lst) (list bar abc lis xs vectr-ref lenght bars))\n(f 1)\n"
	res := Analyze(syntax.Parse("dym.scm", []byte(src)), Options{})
	got := map[string]string{}
	for _, d := range res.Diags {
		name, _, _ := strings.Cut(d.Message, " ")
		_, hint, _ := strings.Cut(d.Message, "did you mean ")
		got[name] = strings.TrimSuffix(hint, "?")
	}
	want := map[string]string{"bar": "", "abc": "", "lis": "", "xs": "", "vectr-ref": "vector-ref", "lenght": "length", "bars": ""}
	for name, w := range want {
		if h, ok := got[name]; !ok || h != w {
			t.Errorf("%s: suggestion %q (reported %v), want %q", name, h, ok, w)
		}
	}
}

// A socket-literal diagnostic says first which form does not match, then why (as the
// interpreter's error does).
func TestSocketLiteralMessage(t *testing.T) {
	for src, want := range map[string]string{
		"(import (foment base))\n(define (tcp) 1)\n(ip-protocol tcp)\n":                         "(ip-protocol tcp) does not match: the procedure definition of tcp (line 2) hides the literal",
		"(import (scheme base) (only (foment base) shutdown-method))\n(shutdown-method read)\n": "(shutdown-method read) does not match: the literal means (foment base)'s read, and read is not imported here: import (scheme read)",
	} {
		res := Analyze(syntax.Parse("lit.scm", []byte(src)), Options{})
		found := false
		for _, d := range res.Diags {
			if d.Code == CodeSocketLiteral {
				found = true
				if !strings.HasPrefix(d.Message, want) {
					t.Errorf("message %q, want it to begin %q", d.Message, want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no socket-literal diagnostic", src)
		}
	}
}
