package main

import (
	"fmt"
	"golang.org/x/sys/unix"
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

// Under an address space limit (ulimit -v) the heap limit fits in the room it leaves: asked for
// more, the program still gets "out of memory" errors it catches, never Go's fatal error when
// the kernel refuses the heap's next arena (Go maps far more than its heap).
func TestRunHeapUnderAddressSpaceLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector cannot run under an address space limit")
	}
	if file := os.Getenv("FOMENT_LS_RUN_ULIMIT"); file != "" {
		// 384 MiB more than the process maps now.
		rl := unix.Rlimit{Cur: uint64(interpAddressSpace()) + 384<<20, Max: unix.RLIM_INFINITY}
		if err := unix.Setrlimit(unix.RLIMIT_AS, &rl); err != nil {
			t.Fatal(err)
		}
		os.Exit(run([]string{"run", "--maximum-heap-size", "1G", file}))
	}
	file := filepath.Join(t.TempDir(), "grow.scm")
	os.WriteFile(file, []byte(`(import (scheme base) (scheme write))
(define (grow l n) (if (= n 0) l (grow (cons n l) (- n 1))))
(display (guard (e ((error-object? e) (error-object-message e)))
  (let loop ((acc '())) (loop (grow acc 100000)))))
(newline)
(display (guard (e ((error-object? e) (error-object-message e)))
  (let loop ((acc '())) (loop (cons (make-vector 1000000 0) acc)))))
(newline)
(display "after")
`), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunHeapUnderAddressSpaceLimit$")
	cmd.Env = append(os.Environ(), "FOMENT_LS_RUN_ULIMIT="+file)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s%.2000s", err, stdout.String(), stderr.String())
	}
	lines := strings.Split(stdout.String(), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "out of memory: ") ||
		!strings.HasPrefix(lines[1], "out of memory: ") || lines[2] != "after" {
		t.Errorf("output:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "the address space limit (ulimit -v) leaves room for a heap of") {
		t.Errorf("no word of the lowered limit: %q", stderr.String())
	}
}

// interpAddressSpace is how much address space the process maps (VmSize).
func interpAddressSpace() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmSize:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(v), &kb)
			return kb << 10
		}
	}
	return 0
}
