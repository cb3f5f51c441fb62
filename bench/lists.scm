;; SRFI 1 and SRFI 133 over lists and vectors of 10,000 elements, 100 times.
(import (scheme base) (scheme write) (scheme list) (scheme vector))
(define l (iota 10000))
(define v (list->vector l))
(define (run n acc)
  (if (= n 0)
      acc
      (run (- n 1)
           (+ acc
              (fold + 0 (filter even? l))
              (length (delete-duplicates (map (lambda (x) (remainder x 100)) (take l 1000))))
              (if (any negative? l) 1 0)
              (count odd? l)
              (vector-fold + 0 (vector-map (lambda (x) (* x 2)) v))
              (or (vector-index (lambda (x) (> x 9998)) v) 0)))))
(write (run 100 0))
(newline)
