package interp_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"foment-ls/interp"
)

// runString runs a program and returns its standard output.
func runString(t testing.TB, name, src string) string {
	t.Helper()
	var out strings.Builder
	in := interp.New(interp.Options{Args: []string{name}, Stdout: &out, Stdin: strings.NewReader("")})
	if err := in.RunSource(name, []byte(src)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.String()
}

// A program or library whose top level needs more frame slots than the initial stack holds
// (every top-level let takes slots) must grow the stack before it runs.
func TestLargeTopLevelFrame(t *testing.T) {
	var b strings.Builder
	b.WriteString("(import (scheme base) (scheme write))\n(define n 0)\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "(let ((x %d)) (set! n (+ n 1)))\n", i)
	}
	b.WriteString("(display n)\n")
	if got := runString(t, "frame.scm", b.String()); got != "3000" {
		t.Errorf("got %q, want 3000", got)
	}
}

// A program with lone CR line ends runs as one with LF line ends: a comment ends at its CR,
// and error positions count CR-ended lines.
func TestLoneCRProgram(t *testing.T) {
	lines := []string{
		"(import (scheme base) (scheme write))",
		"; a comment that must end at its line end",
		"(display \"one\") (newline)",
		"(define (f x) ; another comment",
		"  (* x 2))",
		"(display (f 21))",
	}
	for _, eol := range []string{"\n", "\r", "\r\n"} {
		src := strings.Join(lines, eol) + eol
		if got := runString(t, "cr.scm", src); got != "one\n42" {
			t.Errorf("%q line ends: got %q", eol, got)
		}
		bad := src + "(car '())" + eol
		in := interp.New(interp.Options{Args: []string{"cr.scm"}, Stdout: io.Discard, Stdin: strings.NewReader("")})
		err := in.RunSource("cr.scm", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), "cr.scm:7:1") {
			t.Errorf("%q line ends: error %v, want it at cr.scm:7:1", eol, err)
		}
		// The column counts bytes from the line's start, after non-ASCII text.
		bad = src + "(display \"é\")  (car '())" + eol
		err = in.RunSource("cr.scm", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), "cr.scm:7:17") {
			t.Errorf("%q line ends: error %v, want it at cr.scm:7:17", eol, err)
		}
	}
}
