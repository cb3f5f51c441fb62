;;; tak: Takeuchi's function, the first of Gabriel's benchmarks — only calls, fixnum
;;; comparisons and subtractions. (tak 18 12 6) makes 63,609 calls.
;;;   foment-ls run bench/classic/tak.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(define (run n)
  (let loop ((i 1) (r (tak 18 12 6)))
    (if (< i n) (loop (+ i 1) (tak 18 12 6)) r)))

(write (run (repeat 200)))
(newline)
#|args 1|#
#|output
7
|#
