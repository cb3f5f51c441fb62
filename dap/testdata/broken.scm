;; A program with a mistake on line 3.
(import (scheme base))
(define (f x) (+ x 1)
