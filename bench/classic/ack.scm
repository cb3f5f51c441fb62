;;; ack: Ackermann's function — deep non-tail recursion (the stack grows to thousands of
;;; frames and shrinks again, over and over).
;;;   foment-ls run bench/classic/ack.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(define (run n)
  (let loop ((i 1) (r (ack 3 7)))
    (if (< i n) (loop (+ i 1) (ack 3 7)) r)))

(write (run (repeat 12)))
(newline)
#|args 1|#
#|output
1021
|#
