package analyzer

import (
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
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := syntax.Parse("fuzz.scm", []byte(src))
		res := Analyze(file, Options{})
		for _, d := range res.Diags {
			if d.Span.Start.Offset < 0 || d.Span.End.Offset > len(src) || d.Span.Start.Offset > d.Span.End.Offset {
				t.Fatalf("diagnostic %q at %v-%v outside the text", d.Message, d.Span.Start, d.Span.End)
			}
		}
		res.Visible(len(src) / 2)
		res.CallAt(len(src) / 2)
		res.At(len(src) / 2)
	})
}
