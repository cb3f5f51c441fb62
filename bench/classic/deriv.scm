;;; deriv: symbolic differentiation of a polynomial — allocation of small lists, map, and
;;; dispatch on symbols with eq?.
;;;   foment-ls run bench/classic/deriv.scm [REPEAT]
(import (scheme base) (scheme cxr) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; d/dx of an expression of numbers, symbols and (+ e ...), (- e ...), (* e ...), (/ e e).
;; A product's derivative is the product times the sum of each factor's derivative over the
;; factor.
(define (deriv e)
  (cond ((number? e) 0)
        ((symbol? e) (if (eq? e 'x) 1 0))
        ((eq? (car e) '+) (cons '+ (map deriv (cdr e))))
        ((eq? (car e) '-) (cons '- (map deriv (cdr e))))
        ((eq? (car e) '*)
         (list '* e (cons '+ (map (lambda (f) (list '/ (deriv f) f)) (cdr e)))))
        ((eq? (car e) '/)
         (list '-
               (list '/ (deriv (cadr e)) (caddr e))
               (list '/ (cadr e) (list '* (caddr e) (caddr e) (deriv (caddr e))))))
        (else (error "deriv: unknown operator" (car e)))))

(define expression '(+ (* 3 x x) (* a x x) (* b x) 5 (/ x (+ x 1))))

(define (run n)
  (let loop ((i 0) (r #f))
    (if (< i n)
        (loop (+ i 1)
              (do ((j 0 (+ j 1)) (r #f (deriv expression))) ((= j 1000) r)))
        r)))

(write (run (repeat 60)))
(newline)
#|args 1|#
#|output
(+ (* (* 3 x x) (+ (/ 0 3) (/ 1 x) (/ 1 x))) (* (* a x x) (+ (/ 0 a) (/ 1 x) (/ 1 x))) (* (* b x) (+ (/ 0 b) (/ 1 x))) 0 (- (/ 1 (+ x 1)) (/ x (* (+ x 1) (+ x 1) (+ 1 0)))))
|#
