package analyzer

import (
	"strings"
	"testing"

	"foment-ls/syntax"
)

// FuzzAnalyze: any text, however broken, is analysed without a panic, and every diagnostic lies
// in the text. go test ./analyzer -run XXX -fuzz FuzzAnalyze -fuzztime 60s
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "(", "(import (foment base))\n(make-socket", "(define (f x) (let ((y", "(let loop ((i 0)) (loop",
		"(import (scheme base))\n(define-record-type)", "(define-syntax m (syntax-rules () ((_ a) a)))\n(m (m 1))",
		"(import (foment base))\n(bind-socket s 1 2 3 4 5)", "(import (srfi 106))(socket-send)",
		"(lambda (a . b) a)", "(let*-values (((a b) (values 1 2))) a)", "(do ((i 0 (+ i 1))) ((= i 3)))",
		"(guard (e (#t e)) (raise 1))", "(case-lambda ((a) a) ((a . b) b))", "`(a ,b ,@(c))",
		"(import (only (scheme base) car) (prefix (foment base) f:))(f:make-socket 1 2 3)",
		"(define ((curried a) b) a)", "(cond (else))", "(address-family)", "(message-type peek bogus)",
		"(define-library (a b) (export x) (begin (define x 1)))", "(set! x 1)", "(import ())",
		// Includes and libraries, over the in-memory files below: the input is main.scm, a.scm
		// and lib/x.sld at once, so it can include and import itself.
		`(import (scheme base))(include "a.scm")`, `(include "main.scm" "a.scm")`, `(define (f) (include "a.scm"))`,
		`(include-ci "a.scm")(include "../../../dev/zero")`, `(import (lib x))(x)`,
		`(define-library (lib x) (export x) (import (lib x)) (include "a.scm"))`,
		`(define-library (lib x) (export x) (include-library-declarations "a.scm") (begin (define x 1)))`,
		`(cond-expand (foment (import (scheme base))) (else (import (chibi))))(include "a.scm")`,
		`(define-library (d) (cond-expand ((library (lib x)) (import (lib x))) (else)) (export y))`,
		// User macros: nested ellipses, custom ellipsis, macros that define macros, growth.
		"(define-syntax m (syntax-rules () ((_ (a ...) ...) (begin (let ((a 1) ...) a ...) ...))))(m (x y) (z))",
		"(define-syntax f (syntax-rules ::: () ((_ x :::) (f x ::: x :::))))(f 1)",
		"(define-syntax d (syntax-rules () ((_ n) (define-syntax n (syntax-rules () ((_ . r) (begin . r)))))))(d q)(q (define z 1))z",
		"(let-syntax ((m (syntax-rules () ((_ 'x #(y ...) . r) (list 'x y ... 'r))))) (m 'a #(1 2) 3 . 4))",
		`(import (lib x))(define-library (lib x) (export m) (import (scheme base)) (begin (define-syntax m (syntax-rules () ((_ v) (define v 1))))))(m k)k`,
	} {
		f.Add(s)
	}
	// Inputs of 20 KB and more reach the paths that only long texts take.
	f.Add(string(bigProgram(500)))
	f.Add(strings.Repeat(`(define-library (l) (export f) (import (scheme base)) (include "a.scm") (begin (define (f) (f 1))))`+"\n", 200))
	f.Fuzz(func(t *testing.T, src string) {
		files := map[string][]byte{"/f/main.scm": []byte(src), "/f/a.scm": []byte(src), "/f/lib/x.sld": []byte(src),
			"/f/b.scm": []byte(`(include "a.scm")`)}
		file := syntax.Parse("/f/main.scm", []byte(src))
		res := Analyze(file, Options{Loader: memLoader(files)})
		if res.flowPanic != "" {
			t.Fatalf("the flow analysis failed: %s", res.flowPanic)
		}
		for _, d := range res.Diags {
			if d.Span.Start.Offset < 0 || int(d.Span.End.Offset) > len(src) || d.Span.Start.Offset > d.Span.End.Offset {
				t.Fatalf("diagnostic %q at %v-%v outside the text", d.Message, d.Span.Start, d.Span.End)
			}
			if files[d.File] == nil {
				t.Fatalf("diagnostic %q in %q, a file that does not exist", d.Message, d.File)
			}
		}
		for _, p := range []string{"/f/main.scm", "/f/a.scm", "/f/lib/x.sld"} {
			if v := res.View(p); v != nil {
				v.Visible(len(src) / 2)
				v.CallAt(len(src) / 2)
				v.At(len(src) / 2)
			}
		}
	})
}
