package interp_test

import (
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"foment-ls/interp"
)

// A continuation that nothing can invoke any more does not keep its goroutine: escapes out of
// nested call/cc, many times over, leave a bounded number of goroutines.
func TestContinuationGoroutinesEnd(t *testing.T) {
	before := runtime.NumGoroutine()
	in := interp.New(interp.Options{Stdout: io.Discard, Stdin: strings.NewReader("")})
	err := in.RunSource("nested.scm", []byte(`(import (scheme base))
(define (escape-twice i) (call/cc (lambda (outer) (call/cc (lambda (inner) (outer i))))))
(let loop ((i 0)) (when (< i 5000) (escape-twice i) (loop (+ i 1))))
(define saved '())
(let loop ((i 0)) (when (< i 100) (call/cc (lambda (outer) (call/cc (lambda (inner) (set! saved (cons inner saved)) (outer i))))) (loop (+ i 1))))
(set! saved '())`))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		n := runtime.NumGoroutine() - before
		if n < 50 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after 5100 nested escapes", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
