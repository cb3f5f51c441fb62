// Package gen generates Scheme sources for the benchmarks of the reader, the analyzer and
// program loading (bench/reader.sh, go test -bench), so that no large file lives in the
// repository. It imports nothing of this project.
package gen

import (
	"fmt"
	"io"
	"strings"
)

// counter counts the bytes written.
type counter struct {
	w io.Writer
	n int
}

func (c *counter) printf(format string, args ...any) {
	k, _ := fmt.Fprintf(c.w, format, args...)
	c.n += k
}

// Code writes ordinary definitions, comments, strings, characters, vectors, bytevectors and
// quasiquotes, about size bytes.
func Code(w io.Writer, size int) {
	c := &counter{w: w}
	c.printf("(import (scheme base) (scheme write) (scheme char))\n")
	for i := 0; c.n < size; i++ {
		c.printf(strings.ReplaceAll(`;; Item %[1]d: a record of a client, and the procedures that serve it.
;; The comments above a definition are its documentation.
(define-record-type client-%[1]d
  (make-client-%[1]d name port buffer)
  client-%[1]d?
  (name client-%[1]d-name)
  (port client-%[1]d-port set-client-%[1]d-port!)
  (buffer client-%[1]d-buffer))

(define (serve-%[1]d c limit)
  (let loop ((i 0) (total 0) (seen '()))
    (cond ((>= i limit) (list 'done total (reverse seen)))
          ((char=? (string-ref (client-%[1]d-name c) 0) #\a)
           (loop (+ i 1) (+ total 1.5e3) (cons #\a seen)))
          (else
           (let* ((bv #u8(1 2 3 255))
                  (v (vector i "line\n" #t #false 'sym -17/4)))
             (when (> (bytevector-length bv) 3)
               (set! total (+ total (vector-length v))))
             (loop (+ i 1) total QQ(,i ,@seen)))))))

#| A block comment
   over two lines. |#
(define table-%[1]d '((alpha . 1) (beta . 2) (gamma . "three") #(4 5 6)))
#;(define old-%[1]d (serve-%[1]d #f 0))
(define (greet-%[1]d name) (string-append "Hello, " name "!\t\x41;"))

`, "QQ", "`"), i)
	}
}

// Numbers writes a program with one quoted list of numbers, about size bytes.
func Numbers(w io.Writer, size int) {
	c := &counter{w: w}
	c.printf("(define numbers '(")
	for i := 0; c.n < size; i++ {
		if i%16 == 15 {
			c.printf("%d\n", i*7919%1000003)
		} else {
			c.printf("%d ", i*7919%1000003)
		}
	}
	c.printf("))\n(display (length numbers))\n(newline)\n")
}

// Load writes a program of about lines lines of small definitions and checks of booleans,
// characters, bytevector literals, strings and lists, as a library's test file has: each check
// compares a computed value with an expected literal; the program prints the counts.
func Load(w io.Writer, lines int) {
	c := &counter{w: w}
	c.printf("(import (scheme base) (scheme write) (scheme char))\n")
	c.printf("(define passed 0)\n(define failed 0)\n")
	c.printf("(define (check what got want)\n  (if (equal? got want)\n      (set! passed (+ passed 1))\n      (begin (set! failed (+ failed 1)) (display what) (newline))))\n")
	for i, l := 0, 8; l < lines; i++ {
		c.printf(`(define b%[1]d (and #t (not #f) (boolean=? #true #t)))
(check 'b%[1]d b%[1]d #t)
(define c%[1]d #\x41)
(check 'c%[1]d (list (char-upcase #\a) (char->integer c%[1]d) #\space #\newline) '(#\A 65 #\space #\newline))
(define v%[1]d #u8(1 2 3 %[2]d 255 0))
(check 'v%[1]d (bytevector-u8-ref v%[1]d 3) %[2]d)
(define s%[1]d (string-append "item-" (number->string %[1]d) "\n"))
(check 's%[1]d (string-length s%[1]d) %[3]d)
(define (f%[1]d x) (if (pair? x) (cons (car x) (f%[1]d (cdr x))) '()))
(check 'f%[1]d (f%[1]d '(a #\b "c" #(d) #u8(%[2]d))) '(a #\b "c" #(d) #u8(%[2]d)))
`, i, i%256, len(fmt.Sprint(i))+6)
		l += 10
	}
	c.printf("(display passed) (display \" passed, \") (display failed) (display \" failed\") (newline)\n")
}

// Tests writes a test program of about lines lines in the style of Foment's own tests: a
// syntax-rules macro wraps every check, so loading it expands a macro use on every line.
func Tests(w io.Writer, lines int) {
	c := &counter{w: w}
	c.printf("(import (scheme base) (scheme write) (scheme char))\n")
	c.printf(`(define passed 0)
(define failed 0)
(define-syntax check
  (syntax-rules (=>)
    ((_ expr => expected)
     (let ((got expr))
       (if (equal? got expected)
           (set! passed (+ passed 1))
           (begin (set! failed (+ failed 1))
                  (write 'expr) (display " => ") (write got) (newline)))))))
(define-syntax check-all
  (syntax-rules ()
    ((_ (expr expected) ...) (begin (check expr => expected) ...))))
`)
	for i, l := 0, 14; l < lines; i++ {
		c.printf(`(check (+ %[1]d 1) => %[2]d)
(check (string->symbol "s%[1]d") => 's%[1]d)
(check (let loop ((k %[3]d) (acc '())) (if (= k 0) acc (loop (- k 1) (cons k acc)))) => '%[4]s)
(check (vector-map (lambda (x) (* x x)) #(1 2 %[3]d)) => #(1 4 %[5]d))
(check-all ((char->integer #\a) 97) ((bytevector-length #u8(%[3]d 2)) 2) ((string #\x #\y) "xy"))
(check (assq 'b '((a 1) (b %[1]d))) => '(b %[1]d))
(check (call-with-current-continuation (lambda (k) (+ 1 (k %[1]d)))) => %[1]d)
(check (guard (e (#t 'caught)) (raise 'oops)) => 'caught)
`, i, i+1, i%5+1, seq(i%5+1), (i%5+1)*(i%5+1))
		l += 8
	}
	c.printf("(display passed) (display \" passed, \") (display failed) (display \" failed\") (newline)\n")
}

// Nested writes a program quoting n nested data opened by open: "(", "#(" or "`(".
func Nested(w io.Writer, n int, open string) {
	fmt.Fprintf(w, "(define x '%s%s)\n(display \"ok\")\n", strings.Repeat(open, n), strings.Repeat(")", n))
}

// DatumComments writes n chained datum comments, "#; #; … a a …", each comment around the next.
func DatumComments(w io.Writer, n int) {
	fmt.Fprintf(w, "%s%s\n(display \"ok\")\n", strings.Repeat("#; ", n), strings.Repeat("a ", n))
}

// Sockets writes the socket program of the language server's benchmarks: a server procedure
// and a procedure that serves a client, 14 lines a pair, until it has lines lines (10,000:
// 10,011 lines, whose flow analysis finds 715 listening sockets left open).
func Sockets(w io.Writer, lines int) {
	c := &counter{w: w}
	c.printf("(import (foment base) (srfi 106))\n")
	for i, n := 0, 1; n < lines; i, n = i+1, n+14 {
		c.printf(`;; Serve client %[1]d: read requests and echo them.
(define (serve-%[1]d client)
  (let loop ((total 0))
    (let ((bv (recv-socket client 1024 0)))
      (if (= (bytevector-length bv) 0)
          (begin (close-port client) total)
          (begin
            (send-socket client bv 0)
            (loop (+ total (bytevector-length bv))))))))
(define (server-%[1]d port)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (bind-socket s "localhost" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    (serve-%[1]d (accept-socket s))))
`, i)
	}
}

// Source returns the output of one of the generators as bytes.
func Source(f func(w io.Writer)) []byte {
	var b strings.Builder
	f(&b)
	return []byte(b.String())
}

func seq(n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for k := 1; k <= n; k++ {
		if k > 1 {
			b.WriteByte(' ')
		}
		fmt.Fprint(&b, k)
	}
	b.WriteByte(')')
	return b.String()
}
