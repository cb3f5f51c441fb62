(define-library (mylib util)
  (export add3)
  (import (scheme base))
  (begin
    (define offset 3)
    (define (add3 n)
      (+ n
         offset))))
