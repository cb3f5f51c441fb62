;; set!-values (from Foment's tests). Foment 0.4 accepts only a list of variables; a rest
;; variable, as in lambda formals, works here.
(import (foment base))
(define sv1 1)
(define sv2 2)
(write (let ((sv3 3)) (set!-values (sv1 sv2 sv3) (values 'a 'b 'c)) (list sv1 sv2 sv3)))
(newline)
(set!-values (sv1 sv2) (values 10 20))
(write (list sv1 sv2)) (newline)
(set!-values () (values))
(write (let () (set!-values () (values)) #f)) (newline)
(define (f)
  (let ((a 0) (b 0))
    (set!-values (a . b) (values 1 2 3))
    (lambda () (list a b))))
(write ((f))) (newline)
(define r #f)
(set!-values r (values 1 2))
(write r) (newline)
(write (set!-values (sv1) 5)) (newline)
#|output
(a b c)
(10 20)
#f
(1 (2 3))
(1 2)
#<no-value>
|#
;;;; ---- the wrong number of values
(import (foment base))
(set!-values () (values 1))
#|error set!-values: expected no values 1|#
;;;; ---- an imported variable cannot be assigned
(import (foment base))
(set!-values (car cdr) (values 1 2))
#|error set!: imported variable car cannot be modified|#
