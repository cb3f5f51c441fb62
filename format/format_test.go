package format

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIndent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(define (f x)\n(+ x 1))\n", "(define (f x)\n  (+ x 1))\n"},
		{"(if (< n 2)\nn\n(+ (fib (- n 1))\n(fib (- n 2))))\n", "(if (< n 2)\n    n\n    (+ (fib (- n 1))\n       (fib (- n 2))))\n"},
		{"(let ((x 1)\n(y 2))\n(+ x y))\n", "(let ((x 1)\n      (y 2))\n  (+ x y))\n"},
		{"  ; a comment\n(foo\nbar)   \n", "; a comment\n(foo\n bar)\n"},
		{"(define s \"line one\n   line two\")\n", "(define s \"line one\n   line two\")\n"},
		{"#| block\n   stays |#\n(a\nb)\n", "#| block\n   stays |#\n(a\n b)\n"},
		{"(list #\\( 1\n2)\n", "(list #\\( 1\n      2)\n"},
		{"'(a\nb)\n", "'(a\n  b)\n"},
		{"(cond ((= x 1) 'one)\n((= x 2) 'two))\n", "(cond ((= x 1) 'one)\n      ((= x 2) 'two))\n"},
		{"(define (f)\n\t(g))\n", "(define (f)\n  (g))\n"},
	}
	for _, tc := range tests {
		got := string(Source([]byte(tc.in)))
		if got != tc.want {
			t.Errorf("format(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if again := string(Source([]byte(got))); again != got {
			t.Errorf("not idempotent on %q: %q", got, again)
		}
	}
}

func TestRange(t *testing.T) {
	src := "(a\nb\nc)\n"
	got := string(Apply([]byte(src), Edits([]byte(src), 1, 1)))
	if got != "(a\n b\nc)\n" {
		t.Errorf("range: %q", got)
	}
}

// The examples are formatted already, and every file keeps its non-blank text.
func TestExamplesStable(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.scm")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		out := Source(src)
		if string(out) != string(src) {
			t.Errorf("%s is not stable under formatting:\n%s", f, out)
		}
	}
}
