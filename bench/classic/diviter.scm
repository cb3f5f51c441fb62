;;; diviter: Gabriel's division by two on unary numbers (lists of empty lists), iteratively —
;;; consing and cddr walks.
;;;   foment-ls run bench/classic/diviter.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (create-n n)
  (do ((n n (- n 1))
       (a '() (cons '() a)))
      ((= n 0) a)))

(define (iterative-div2 l)
  (do ((l l (cddr l))
       (a '() (cons (car l) a)))
      ((null? l) a)))

(define numbers (create-n 200))

(define (run n)
  (let loop ((i 0) (r #f))
    (if (< i n)
        (loop (+ i 1) (iterative-div2 numbers))
        r)))

(write (length (run (repeat 50000))))
(newline)
(write (iterative-div2 (create-n 6)))
(newline)
#|args 1|#
#|output
100
(() () ())
|#
