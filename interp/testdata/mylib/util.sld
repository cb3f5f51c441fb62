;; A user library, found as mylib/util.sld next to the program.
(define-library (mylib util)
  (export double (rename internal-triple triple) counter-next!)
  (import (scheme base))
  (begin
    (define (double x) (* 2 x))
    (define (internal-triple x) (* 3 x))
    (define counter 0)
    (define (counter-next!) (set! counter (+ counter 1)) counter)))
