;;; ctak: tak where every return goes through a continuation captured by
;;; call-with-current-continuation — the cost of capturing and invoking escape continuations.
;;;   foment-ls run bench/classic/ctak.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (ctak x y z)
  (call-with-current-continuation
   (lambda (k) (ctak-aux k x y z))))

(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call-with-current-continuation
       (lambda (k)
         (ctak-aux k
                   (call-with-current-continuation
                    (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call-with-current-continuation
                    (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call-with-current-continuation
                    (lambda (k) (ctak-aux k (- z 1) x y))))))))

(define (run n)
  (let loop ((i 1) (r (ctak 18 12 6)))
    (if (< i n) (loop (+ i 1) (ctak 18 12 6)) r)))

(write (run (repeat 3)))
(newline)
#|args 1|#
#|output
7
|#
