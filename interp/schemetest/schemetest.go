// Package schemetest runs Scheme test programs: every testdata/*.scm file of a package holds
// programs separated by lines of ";;;; ----". Each program carries its expectations in block
// comments:
//
//	#|output
//	what standard output must be, exactly
//	|#
//	#|error substring of the uncaught error report|#
//	#|stdin
//	what standard input holds
//	|#
//	#|args a b c|#
//	#|exit 3|#   (the program ends by (exit 3); its output block, if any, is still checked)
//
// The interpreter's own tests and every library package's tests (interp/lib/...) use it, so a
// library keeps its Scheme tests beside its code.
package schemetest

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"foment-ls/interp"
)

// Update makes Run rewrite the expected output of programs that have an output block
// (go test -run TestScheme -update).
var Update = flag.Bool("update", false, "rewrite expected outputs in testdata")

type chunk struct {
	name   string
	src    string
	output *string
	errSub string
	stdin  string
	args   []string
	exit   *int
}

var (
	blockRE = regexp.MustCompile(`(?s)#\|(output|error|stdin|args|exit)(.*?)\|#`)
	sepRE   = regexp.MustCompile(`(?m)^;;;; -+.*$`)
)

func parseChunks(file string, data string) []chunk {
	// Each program keeps its lines' numbers in the file (it is padded with empty lines), so
	// that expected error positions read like the file.
	var out []chunk
	start := 0
	bounds := append(sepRE.FindAllStringIndex(data, -1), []int{len(data), len(data)})
	for _, b := range bounds {
		p := data[start:b[0]]
		line := strings.Count(data[:start], "\n") + 1
		c := chunk{name: file + ":" + strconv.Itoa(line), src: strings.Repeat("\n", line-1) + p}
		start = b[1]
		for _, m := range blockRE.FindAllStringSubmatch(p, -1) {
			body := m[2]
			switch m[1] {
			case "output":
				s := strings.TrimPrefix(body, "\n")
				c.output = &s
			case "error":
				c.errSub = strings.TrimSpace(body)
			case "stdin":
				c.stdin = strings.TrimPrefix(body, "\n")
			case "args":
				c.args = strings.Fields(body)
			case "exit":
				n, _ := strconv.Atoi(strings.TrimSpace(body))
				c.exit = &n
			}
		}
		if strings.TrimSpace(p) == "" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// runChunk runs one program and returns its output and the error report.
func runChunk(dir string, c chunk) (string, string, error) {
	var stdout, stderr bytes.Buffer
	name := filepath.Join(dir, "test.scm")
	in := interp.New(interp.Options{
		Args:   append([]string{"test.scm"}, c.args...),
		Stdin:  strings.NewReader(c.stdin),
		Stdout: &stdout,
		Stderr: &stderr,
	})
	in.LibPath = []string{dir}
	err := in.RunSource(name, []byte(c.src))
	in.Stdout.Flush()
	if err != nil {
		var ex *interp.ExitError
		if !errors.As(err, &ex) {
			interp.ReportError(&stderr, err)
		}
	}
	return stdout.String(), stderr.String(), err
}

// Run runs every program of every dir/*.scm file as a subtest.
func Run(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.scm"))
	if len(files) == 0 {
		t.Fatalf("no Scheme tests in %s", dir)
	}
	abs, _ := filepath.Abs(dir)
	checks := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		chunks := parseChunks(filepath.Base(f), string(data))
		newData := string(data)
		for _, c := range chunks {
			t.Run(c.name, func(t *testing.T) {
				out, errOut, err := runChunk(abs, c)
				if c.output == nil && c.errSub == "" && c.exit == nil {
					t.Fatalf("program has no #|output, #|error or #|exit block")
				}
				if c.output != nil && out != *c.output {
					if *Update {
						newData = strings.Replace(newData, "#|output\n"+*c.output+"|#", "#|output\n"+out+"|#", 1)
					} else {
						t.Errorf("output differs\n--- got\n%s--- want\n%s--- stderr\n%s", out, *c.output, errOut)
					}
				}
				if c.exit != nil {
					var ex *interp.ExitError
					if !errors.As(err, &ex) || ex.Code != *c.exit {
						t.Errorf("want (exit %d), got %v\nstderr: %s", *c.exit, err, errOut)
					}
				} else if c.errSub != "" {
					if err == nil || !strings.Contains(errOut, c.errSub) {
						t.Errorf("want an error containing %q, got %v\nstderr: %s", c.errSub, err, errOut)
					}
				} else if err != nil {
					var ex *interp.ExitError
					if !errors.As(err, &ex) || ex.Code != 0 {
						t.Errorf("unexpected error: %s", errOut)
					}
				}
			})
			checks++
		}
		if *Update && newData != string(data) {
			os.WriteFile(f, []byte(newData), 0o644)
		}
	}
	t.Logf("%d Scheme programs", checks)
}
