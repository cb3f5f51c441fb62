;; Procedures to step through.
(import (except (scheme base) square) (scheme write))
(define (square x)
  (* x x))
(define (sum-squares lst)
  (let loop ((lst lst) (total 0))
    (if (null? lst)
        total
        (loop (cdr lst) (+ total (square (car lst)))))))
(define result (sum-squares '(1 2 3)))
(display result)
(newline)
