package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"foment-ls/syntax"
)

// onPurpose are the mistakes the repository's programs make on purpose that the flow analysis
// reports, outside the sections of test programs that expect an error (#|error ...|#).
var onPurpose = map[string]string{
	// The client of Foment's Sockets page fails at the end of its input, (string->utf8 #<eof>),
	// as it does under Foment; interp/socket's TestExampleAcrossProcesses expects it.
	"../examples/sockets.scm:34:arg-kind": "the Sockets page's client fails at the end of input",
	// Reads a name and greets it: with standard input empty, (string-append "hello, " #<eof>).
	"../dap/testdata/greet.scm:5:arg-kind": "greets what read-line returns, the end of input too",
	// A thread whose thunk fails: the test is that thread-join! reports it.
	"../interp/testdata/threads.scm:14:arg-kind": "(car 1) in a thread, for thread-join!",
}

// TestRepositoryPrograms runs the analysis over every Scheme program of the repository — the
// examples, the benchmarks, the test programs of the interpreter, its libraries, the debugger
// and the workspace tests — and requires that what the flow analysis adds (flow.go) be a
// mistake the program makes on purpose: in a section of a test program that expects an error,
// or listed in onPurpose. Nothing else: no false positive.
func TestRepositoryPrograms(t *testing.T) {
	var files []string
	for _, glob := range []string{"../examples/*.scm", "../examples/*/*.scm", "../bench/*.scm",
		"../interp/testdata/*.scm", "../interp/lib/*/testdata/*.scm", "../dap/testdata/*.scm",
		"../dap/testdata/*/*.scm", "../dap/testdata/*/*.sld", "../testdata/*/*.scm", "../testdata/*/*.sld",
		"../testdata/*/*/*.scm", "../testdata/*/*/*.sld", "../interp/testdata/*.sld"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d programs", len(files))
	}
	seen := map[string]bool{}
	added := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lib := strings.HasSuffix(path, ".sld")
		without := map[string]bool{}
		for _, d := range Analyze(syntax.Parse(path, src), Options{Loader: &FileLoader{Roots: []string{filepath.Dir(path)}}, Library: lib, noFlow: true}).Diags {
			without[diagKey(d)] = true
		}
		lines := strings.Split(string(src), "\n")
		for _, d := range Analyze(syntax.Parse(path, src), Options{Loader: &FileLoader{Roots: []string{filepath.Dir(path)}}, Library: lib}).Diags {
			if d.Severity > Warning || without[diagKey(d)] {
				continue
			}
			added++
			key := fmt.Sprintf("%s:%d:%s", d.File, d.Span.Start.Line, d.Code)
			if d.File == path && expectsError(lines, int(d.Span.Start.Line)) {
				continue
			}
			if _, ok := onPurpose[key]; ok {
				seen[key] = true
				continue
			}
			t.Errorf("%s:%d:%d: %s [%s]", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Message, d.Code)
		}
	}
	var missing []string
	for k := range onPurpose {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("%s: the mistake made on purpose is not reported", k)
	}
	t.Logf("%d programs, %d diagnostics of the flow analysis, all on purpose", len(files), added)
}

func diagKey(d Diagnostic) string {
	return fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Code, d.Message)
}

// expectsError: the line is in a section of a test program whose expected result is an error
// (sections are separated by ";;;; ----" lines; see docs/interp-guide.md).
func expectsError(lines []string, line int) bool {
	for i := line - 1; i < len(lines); i++ {
		l := lines[i]
		if i > line-1 && strings.HasPrefix(l, ";;;; ----") {
			return false
		}
		if strings.HasPrefix(l, "#|error") {
			return true
		}
	}
	return false
}
