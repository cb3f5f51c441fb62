;;; fibfp: fib on flonums — the same calls, with flonum arithmetic and comparisons.
;;;   foment-ls run bench/classic/fibfp.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (fibfp n)
  (if (< n 2.)
      n
      (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))

(define (run n)
  (let loop ((i 1) (r (fibfp 25.)))
    (if (< i n) (loop (+ i 1) (fibfp 25.)) r)))

(write (run (repeat 30)))
(newline)
#|args 1|#
#|output
75025.0
|#
