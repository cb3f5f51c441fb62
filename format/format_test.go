package format

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var corpus = flag.String("corpus", "", "more directories of Scheme files (comma-separated) for the stability tests, e.g. /tmp/foment")

type indentCase struct {
	name    string
	opt     Options
	in, out string
}

var indentCases = []indentCase{
	{"body", Options{}, "(define (f x)\n(+ x 1))\n", "(define (f x)\n  (+ x 1))\n"},
	{"if", Options{}, "(if (< n 2)\nn\n(+ (fib (- n 1))\n(fib (- n 2))))\n", "(if (< n 2)\n    n\n    (+ (fib (- n 1))\n       (fib (- n 2))))\n"},
	{"let", Options{}, "(let ((x 1)\n(y 2))\n(+ x y))\n", "(let ((x 1)\n      (y 2))\n  (+ x y))\n"},
	{"comment and trailing space kept", Options{}, "  ; a comment\n(foo\nbar)   \n", "; a comment\n(foo\n bar)   \n"},
	{"string lines untouched", Options{}, "(define s \"line one\n   line two (\")\n(f\nx)\n", "(define s \"line one\n   line two (\")\n(f\n x)\n"},
	{"block comment untouched", Options{}, "#| block\n   stays ( |#\n(a\nb)\n", "#| block\n   stays ( |#\n(a\n b)\n"},
	{"char literal", Options{}, "(list #\\( 1\n2)\n", "(list #\\( 1\n      2)\n"},
	{"char literals close", Options{}, "(list #\\) #\\; #\\\" 1\n2)\n", "(list #\\) #\\; #\\\" 1\n      2)\n"},
	{"quoted data", Options{}, "'(a\nb)\n", "'(a\n  b)\n"},
	{"cond", Options{}, "(cond ((= x 1) 'one)\n((= x 2) 'two))\n", "(cond ((= x 1) 'one)\n      ((= x 2) 'two))\n"},
	{"tab read as spaces", Options{}, "(define (f)\n\t(g))\n", "(define (f)\n  (g))\n"},
	// The editor's options: a step of 4, tabs.
	{"tab size 4", Options{TabSize: 4}, "(define (f x)\n(let ((y 1))\n(+ x y)))\n", "(define (f x)\n    (let ((y 1))\n        (+ x y)))\n"},
	{"tabs", Options{TabSize: 4, UseTabs: true}, "(define (f x)\n(let ((y 1))\n(display\ny)))\n", "(define (f x)\n\t(let ((y 1))\n\t\t(display\n\t\t y)))\n"},
	{"spaces replace tabs", Options{TabSize: 4}, "(define (f)\n\t(g))\n", "(define (f)\n    (g))\n"},
	// Libraries: declarations a step in, export lists as lists.
	{"define-library", Options{}, "(define-library (a b)\n(export f\ng)\n(import (scheme base)\n(scheme write))\n(begin\n(define (f) 1)))\n",
		"(define-library (a b)\n  (export f\n          g)\n  (import (scheme base)\n          (scheme write))\n  (begin\n    (define (f) 1)))\n"},
	{"export alone on its line", Options{}, "(define-library (a)\n  (export\nf\ng))\n", "(define-library (a)\n  (export\n   f\n   g))\n"},
	// Data keep their hand-made columns.
	{"table", Options{}, "(define table\n  '((  1   2   3)\n    ( 10  20  30)\n    (100 200 300)))\n", "(define table\n  '((  1   2   3)\n    ( 10  20  30)\n    (100 200 300)))\n"},
	{"vector columns", Options{}, "(define v #(  1   2\n             10  20\n            100 200))\n", "(define v #(  1   2\n             10  20\n            100 200))\n"},
	{"data left of its list is moved", Options{}, "(define v '(1 2\n3 4))\n", "(define v '(1 2\n            3 4))\n"},
	// Brackets are parentheses.
	{"brackets", Options{}, "(let ([x 1]\n[y 2])\n(+ x y))\n", "(let ([x 1]\n      [y 2])\n  (+ x y))\n"},
	// Tokens that hold parentheses or semicolons.
	{"bar symbol", Options{}, "(define |weird (symbol| 1)\n(f |a ; b|\nx)\n", "(define |weird (symbol| 1)\n(f |a ; b|\n   x)\n"},
	{"bar symbol on two lines", Options{}, "(f |two\n  (lines| x\n   y)\n", "(f |two\n  (lines| x\n   y)\n"},
	{"datum comment", Options{}, "(f #;(ignored\n a) x\ny)\n", "(f #;(ignored\n      a) x\n y)\n"},
	{"datum comment is not an element", Options{}, "(#;g f x\ny)\n", "(#;g f x\n       y)\n"},
	{"string with parentheses", Options{}, "(display \"(((\" x\ny)\n", "(display \"(((\" x\n         y)\n"},
	{"nested block comment", Options{}, "(f #| a #| b |# ( |# x\ny)\n", "(f #| a #| b |# ( |# x\n                     y)\n"},
	{"closing line", Options{}, "(define (f)\n  (g)\n)\n", "(define (f)\n  (g)\n)\n"},
	// The author's layout is kept where it is sound: Foment's continuation indentation.
	{"continuation", Options{TabSize: 4}, "(define (f)\n    (full-error 'assertion-violation 'f #f\n            \"message\" x))\n",
		"(define (f)\n    (full-error 'assertion-violation 'f #f\n            \"message\" x))\n"},
	{"a moved form moves its lines", Options{}, "(define (f)\n   (let ((x 1))\n       (g x)))\n", "(define (f)\n  (let ((x 1))\n      (g x)))\n"},
	{"crlf", Options{}, "(define (f)\r\n(g))\r\n", "(define (f)\r\n  (g))\r\n"},
	{"top level", Options{}, "  (define x 1)\n", "(define x 1)\n"},
	{"blank lines untouched", Options{}, "(define (f)\n   \n  (g))\n", "(define (f)\n   \n  (g))\n"},
}

func TestIndent(t *testing.T) {
	for _, tc := range indentCases {
		got := string(Source([]byte(tc.in), tc.opt))
		if got != tc.out {
			t.Errorf("%s: format(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.out)
		}
		if again := string(Source([]byte(got), tc.opt)); again != got {
			t.Errorf("%s: not idempotent on %q: %q", tc.name, got, again)
		}
	}
}

func TestRange(t *testing.T) {
	src := []byte("(a\nb\nc)\n")
	if got := string(Apply(src, Edits(src, Options{}, 1, 1))); got != "(a\n b\nc)\n" {
		t.Errorf("range: %q", got)
	}
	// Lines before the range keep their place: the range is indented in their context.
	src = []byte("(define (f)\n      (let ((x 1))\n(g x)))\n")
	if got := string(Apply(src, Edits(src, Options{}, 2, 2))); got != "(define (f)\n      (let ((x 1))\n        (g x)))\n" {
		t.Errorf("range in context: %q", got)
	}
}

func TestIndentation(t *testing.T) {
	src := []byte("(define (f x)\n\n  (let ((y 1))\n\n    y))\n(display \"a\nb\")\n")
	for _, tc := range []struct {
		line int
		want string
		ok   bool
	}{{1, "  ", true}, {3, "    ", true}, {0, "", true}, {6, "", false}, {9, "", false}} {
		got, ok := Indentation(src, Options{}, tc.line)
		if got != tc.want || ok != tc.ok {
			t.Errorf("line %d: %q %v, want %q %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
	if got, _ := Indentation([]byte("(let ((x 1))\n)"), Options{}, 1); got != "" {
		t.Errorf("closing line: %q", got)
	}
}

// schemeFiles lists the Scheme files of this repository and of -corpus.
func schemeFiles(t testing.TB) []string {
	roots := []string{".."}
	if *corpus != "" {
		roots = append(roots, strings.Split(*corpus, ",")...)
	}
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
				return filepath.SkipDir
			}
			if err == nil && !d.IsDir() {
				switch filepath.Ext(p) {
				case ".scm", ".sld", ".sls", ".ss", ".txtar":
					files = append(files, p)
				}
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("only %d Scheme files found", len(files))
	}
	return files
}

// Formatting twice changes nothing more, and formatting changes nothing but the whitespace at
// the start of lines, with every option.
func TestStableOnCorpus(t *testing.T) {
	opts := []Options{{}, {TabSize: 4}, {TabSize: 8, UseTabs: true}}
	n := 0
	for _, p := range schemeFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		n++
		for _, opt := range opts {
			out := Source(src, opt)
			if again := Source(out, opt); !bytes.Equal(again, out) {
				t.Errorf("%s %+v: formatting twice changes it again: %s", p, opt, firstDiff(out, again))
			}
			if err := sameButLineStarts(src, out); err != nil {
				t.Errorf("%s %+v: %v", p, opt, err)
			}
		}
	}
	t.Logf("%d files", n)
}

func sameButLineStarts(a, b []byte) error {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	if len(la) != len(lb) {
		return fmt.Errorf("%d lines became %d", len(la), len(lb))
	}
	for i := range la {
		if strings.TrimLeft(la[i], " \t") != strings.TrimLeft(lb[i], " \t") {
			return fmt.Errorf("line %d: %q became %q", i+1, la[i], lb[i])
		}
	}
	return nil
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			other := ""
			if i < len(lb) {
				other = lb[i]
			}
			return fmt.Sprintf("line %d: %q then %q", i+1, la[i], other)
		}
	}
	return ""
}

// The examples are formatted already.
func TestExamplesStable(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.scm")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if out := Source(src, Options{}); !bytes.Equal(out, src) {
			t.Errorf("%s is not stable under formatting: %s", f, firstDiff(src, out))
		}
	}
}

// bigSource is a program of n lines or more.
func bigSource(n int) []byte {
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, `;; Serve client %d.
(define (serve-%d client)
(let loop ((total 0))
(let ((bv (recv-socket client 1024 0)))
(if (= (bytevector-length bv) 0)
(begin (close-port client) total)
(begin (send-socket client bv 0)
(loop (+ total (bytevector-length bv))))))))
(define table-%d '((1 "(" #\( |a (b|)
                   (2 ";" #\; |c ;d|)))
`, i, i, i)
	}
	return []byte(b.String())
}

// go test ./format -run XXX -bench Format10k
func BenchmarkFormat10k(b *testing.B) {
	src := bigSource(10000)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Edits(src, Options{TabSize: 2}, 0, -1)
	}
}
