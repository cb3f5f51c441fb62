(import (scheme base) (scheme write))
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 20))
(newline)
(write (list 1 "two" #\3 'four 5.0 1/2))
(newline)
#|output
6765
(1 "two" #\3 four 5.0 1/2)
|#
;;;; ----
(import (scheme base) (scheme write))
(define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc i))))
(display (loop 1000000 0))
(newline)
(let loop ((i 0))
  (when (< i 3)
    (display i)
    (loop (+ i 1))))
(newline)
#|output
500000500000
012
|#
;;;; ----
;; A rest parameter with no argument left for it is the empty list, captured or not.
(import (scheme base) (scheme write))
(define (f . args) args)
(define (g a . r) r)
(define (h a . r) (lambda () r))
(define (loop n . acc) (if (= n 0) acc (loop (- n 1))))
(write (list (f) (g 1) ((h 1)) (g 1 2) (loop 3) (loop 2 'x)))
#|output
(() () () (2) () ())|#
