package interp_test

import (
	"bytes"
	"strings"
	"testing"

	"foment-ls/interp"
)

// Memory bombs end in a Scheme error that guard catches, under a small heap limit: sizes a
// program asks for are checked before anything is allocated, and growth by many small
// allocations is caught after a collection finds the live heap over the limit.
func TestMemoryBombs(t *testing.T) {
	src := `(import (scheme base) (scheme write))
(define (try name thunk)
  (display name) (display ": ")
  (display (guard (e ((error-object? e) (error-object-message e))) (thunk) "no error"))
  (newline))
(try "make-vector" (lambda () (make-vector 10000000000 0)))
(try "make-string" (lambda () (make-string 10000000000 #\a)))
(try "make-bytevector" (lambda () (make-bytevector 10000000000 0)))
(try "make-list" (lambda () (make-list 10000000000 0)))
(try "string-append" (lambda () (let loop ((s "ab")) (loop (string-append s s)))))
(try "vector-append" (lambda () (let loop ((s #(1))) (loop (vector-append s s)))))
(try "bytevector-append" (lambda () (let loop ((s #u8(1))) (loop (bytevector-append s s)))))
(try "append" (lambda () (let loop ((s '(1))) (loop (append s s)))))
(try "string->list" (lambda () (let loop ((s "ab")) (string->list s) (loop (string-append s s)))))
(try "cons" (lambda () (let loop ((l '())) (loop (cons 1 l)))))
(try "vectors" (lambda () (let loop ((l '())) (loop (cons (make-vector 1000 0) l)))))
(try "string port" (lambda () (let ((p (open-output-string))) (let loop () (write-string "abcdefghijklmnopqrstuvwxyz" p) (loop)))))
(try "after" (lambda () (length (make-list 1000 0))))
`
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, MemoryLimit: 64 << 20})
	if err := in.RunSource("bombs.scm", []byte(src)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 13 {
		t.Fatalf("output:\n%s", out.String())
	}
	for _, l := range lines[:4] {
		// The sizes asked for are refused before anything is allocated.
		name, msg, _ := strings.Cut(l, ": ")
		unit := map[string]string{"make-vector": "elements", "make-string": "characters",
			"make-bytevector": "bytes", "make-list": "elements"}[name]
		if want := "out of memory: " + name + " of 10000000000 " + unit; msg != want {
			t.Errorf("%s: %q, want %q", name, msg, want)
		}
	}
	for _, l := range lines[4:12] {
		if _, msg, _ := strings.Cut(l, ": "); !strings.HasPrefix(msg, "out of memory: ") {
			t.Errorf("%s", l)
		}
	}
	if lines[12] != "after: no error" {
		t.Errorf("the program does not go on after: %q", lines[12])
	}
}

// read-bytevector of a huge count on a short port returns what there is.
func TestReadBytevectorLargeCount(t *testing.T) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, MemoryLimit: 64 << 20})
	err := in.RunSource("rb.scm", []byte(`(import (scheme base) (scheme write))
(write (read-bytevector 10000000000 (open-input-bytevector (bytevector 1 2 3))))
(write (read-bytevector 100000 (open-input-bytevector (make-bytevector 70000 7))))
(write (eof-object? (read-bytevector 10000000000 (open-input-bytevector (bytevector)))))`))
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasPrefix(got, "#u8(1 2 3)#u8(7 7") || !strings.HasSuffix(got, "7)#t") || strings.Count(got, " ") != 2+69999 {
		t.Errorf("output %.80q...", got)
	}
}
