;; (srfi 39): make-parameter and parameterize, with converters. Foment applies the converter
;; twice to the initial value, (12 21 12); SRFI 39 and R7RS say once.
(import (only (scheme base) define lambda list +) (scheme write) (srfi 39))
(define p (make-parameter 10 (lambda (x) (+ x 1))))
(write (list (p) (parameterize ((p 20)) (p)) (p)))
(define q (make-parameter "a"))
(write (parameterize ((q "b")) (q)))
#|output
(11 21 11)"b"|#
