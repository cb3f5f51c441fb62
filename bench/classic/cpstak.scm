;;; cpstak: tak in continuation-passing style — every call allocates a closure for its
;;; continuation, and every return is a call.
;;;   foment-ls run bench/classic/cpstak.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))

(define (run n)
  (let loop ((i 1) (r (cpstak 18 12 6)))
    (if (< i n) (loop (+ i 1) (cpstak 18 12 6)) r)))

(write (run (repeat 20)))
(newline)
#|args 1|#
#|output
7
|#
