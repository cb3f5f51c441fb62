package analyzer

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"foment-ls/syntax"
)

// A library's macros are shared by the analyses that import it (the loader caches the
// library): analyses at once expand them, resolve their templates in the library's scopes, and
// must not race (go test -race).
func TestLibraryMacrosConcurrently(t *testing.T) {
	files := map[string][]byte{
		"/ws/lib/m.sld": []byte(`(define-library (m)
  (export swap! def-pair while)
  (import (scheme base))
  (begin
    (define (helper x) x)
    (define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a (helper b)) (set! b tmp)))))
    (define-syntax def-pair (syntax-rules () ((_ a b) (begin (define a 1) (define b 2)))))
    (define-syntax while (syntax-rules () ((_ c body ...) (let lp () (when c body ... (lp))))))))`),
	}
	for i := 0; i < 8; i++ {
		files[fmt.Sprintf("/ws/p%d.scm", i)] = []byte(`(import (scheme base) (m))
(def-pair x y)
(swap! x y)
(while (< x 10) (set! x (+ x 1)))
(undefined-here)`)
	}
	loader := memLoader(files)
	loader.Path.Prepend = []string{"/ws/lib"}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			p := fmt.Sprintf("/ws/p%d.scm", i)
			for k := 0; k < 5; k++ {
				res := Analyze(syntax.Parse(p, files[p]), Options{Loader: loader})
				var got []string
				for _, d := range res.Diags {
					got = append(got, fmt.Sprintf("%d:%s", d.Span.Start.Line, d.Code))
				}
				if strings.Join(got, " ") != "5:unbound" {
					t.Errorf("%s: %v", p, res.Diags)
					return
				}
			}
		}(i)
	}
	wg.Wait()
}
