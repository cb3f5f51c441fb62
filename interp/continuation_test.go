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

// TestContinuationChainsFreed: continuations that escape through nested call/cc's (ctak)
// become garbage together. A parked context held by a cleanup kept the continuations of the
// enclosing call/cc's for one more collection each: with each link a collection, the heap
// grew at every cycle (ctak: 430 MB).
func TestContinuationChainsFreed(t *testing.T) {
	var before, m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	in := interp.New(interp.Options{Stdout: io.Discard, Stdin: strings.NewReader("")})
	err := in.RunSource("ctak.scm", []byte(`(import (scheme base))
(define (ctak x y z) (call/cc (lambda (k) (ctak-aux k x y z))))
(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call/cc
       (lambda (k)
         (ctak-aux k
                   (call/cc (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call/cc (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call/cc (lambda (k) (ctak-aux k (- z 1) x y))))))))
(let loop ((i 0)) (when (< i 1) (ctak 15 10 5) (loop (+ i 1))))
(define kept (ctak 15 10 5))`))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	if grown := int64(m.HeapAlloc) - int64(before.HeapAlloc); grown > 4<<20 {
		t.Errorf("%d KiB more live after two collections (about 900 expected)", grown>>10)
	}
}

// TestReentriesFreed: a continuation re-entered many times (each re-entry rebuilds its frames
// on a new goroutine, rebuild.go) leaves neither goroutines nor heap behind it, with a call/cc
// escaped from between re-entries.
func TestReentriesFreed(t *testing.T) {
	var before, m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	goroutines := runtime.NumGoroutine()
	in := interp.New(interp.Options{Stdout: io.Discard, Stdin: strings.NewReader("")})
	err := in.RunSource("reenter.scm", []byte(`(import (scheme base))
(define k #f)
(define n 0)
(define (deep i) (if (= i 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (deep (- i 1)))))
(define r (deep 50))
(set! n (+ n 1))
(call/cc (lambda (esc) (esc 1)))
(if (< n 20000) (k n))
(set! k #f)`))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		n := runtime.NumGoroutine() - goroutines
		if n < 50 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after 20,000 re-entries", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	grown := int64(m.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("after 20,000 re-entries: %d KiB more live, %d goroutines more", grown>>10, runtime.NumGoroutine()-goroutines)
	if grown > 4<<20 {
		t.Errorf("%d KiB more live after 20,000 re-entries", grown>>10)
	}
}
