package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunOptions(t *testing.T) {
	for _, c := range []struct {
		args  []string
		limit int64
		rest  string
		bad   bool
	}{
		{args: []string{"f.scm", "a"}, rest: "f.scm a"},
		{args: []string{"--maximum-heap-size", "64M", "f.scm", "--x"}, limit: 64 << 20, rest: "f.scm --x"},
		{args: []string{"--maximum-heap-size=1g", "f.scm"}, limit: 1 << 30, rest: "f.scm"},
		{args: []string{"--maximum-heap-size=1000", "--", "-f.scm"}, limit: 1000, rest: "-f.scm"},
		{args: []string{"--maximum-heap-size", "lots", "f.scm"}, bad: true},
		{args: []string{"--maximum-heap-size"}, bad: true},
		{args: []string{"--unknown", "1", "f.scm"}, bad: true},
	} {
		opts, rest, err := runOptions(c.args)
		if (err != nil) != c.bad {
			t.Errorf("%q: error %v", c.args, err)
			continue
		}
		if !c.bad && (opts.MemoryLimit != c.limit || strings.Join(rest, " ") != c.rest) {
			t.Errorf("%q: limit %d, rest %q", c.args, opts.MemoryLimit, rest)
		}
	}
}

// `run --maximum-heap-size` in a process of its own (it sets the Go runtime's memory limit):
// a doubling string-append loop ends in an error guard catches, and the program goes on.
func TestRunMaximumHeapSize(t *testing.T) {
	if file := os.Getenv("FOMENT_LS_RUN_HEAP"); file != "" {
		os.Exit(run([]string{"run", "--maximum-heap-size", "64M", file}))
	}
	file := filepath.Join(t.TempDir(), "bomb.scm")
	os.WriteFile(file, []byte(`(import (scheme base) (scheme write))
(display (guard (e ((error-object? e) (error-object-message e)))
  (let loop ((s "ab")) (loop (string-append s s)))))
(newline)
(display (guard (e ((error-object? e) (error-object-message e)))
  (let loop ((l '())) (loop (cons 1 l)))))
(newline)
(display "after")
`), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunMaximumHeapSize$")
	cmd.Env = append(os.Environ(), "FOMENT_LS_RUN_HEAP="+file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "out of memory: ") ||
		!strings.HasPrefix(lines[1], "out of memory: ") || lines[2] != "after" {
		t.Errorf("output:\n%s", out)
	}
}
