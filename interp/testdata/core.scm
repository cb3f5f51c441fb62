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
