;;; fib: the doubly recursive Fibonacci function on fixnums — calls and fixnum arithmetic.
;;;   foment-ls run bench/classic/fib.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(define (run n)
  (let loop ((i 1) (r (fib 25)))
    (if (< i n) (loop (+ i 1) (fib 25)) r)))

(write (run (repeat 60)))
(newline)
#|args 1|#
#|output
75025
|#
