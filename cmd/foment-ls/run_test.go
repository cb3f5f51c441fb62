package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Mistakes in run's flags are usage errors (status 2), before any program runs.
func TestRunFlagMistakes(t *testing.T) {
	for _, args := range [][]string{
		{"--maximum-heap-size", "lots", "f.scm"},
		{"--maximum-heap-size"},
		{"--unknown", "1", "f.scm"},
		{},
	} {
		if code := run(append([]string{"run"}, args...)); code != 2 {
			t.Errorf("run %q: status %d, want 2", args, code)
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
