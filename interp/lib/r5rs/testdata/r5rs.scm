;; (scheme r5rs): R5RS's names, with exact->inexact and inexact->exact, and its eval environments.
(import (scheme r5rs) (only (scheme base) inexact))
(write (list (exact->inexact 1/2) (inexact->exact 0.5) (eq? exact->inexact inexact)))
(newline)
(write (eval '(let loop ((i 0) (acc '())) (if (= i 3) (reverse acc) (loop (+ i 1) (cons (* i i) acc))))
             (scheme-report-environment 5)))
(newline)
(write (eval '(if #t 'yes 'no) (null-environment 5)))
(newline)
(write (call-with-current-continuation (lambda (k) (dynamic-wind (lambda () #f) (lambda () (k 'out)) (lambda () #f)))))
(newline)
(scheme-report-environment 7)
#|output
(0.5 1/2 #t)
(0 1 4)
yes
out
|#
#|error scheme-report-environment: expected a version of 5 7|#
;;;; ----
;; (null-environment 5) has the syntax only.
(import (scheme r5rs))
(eval '(car '(1)) (null-environment 5))
#|error car|#
;;;; ----
;; (scheme r5rs) has no R7RS additions.
(import (scheme r5rs))
(write (list 1 2))
(when #t 1)
#|error when|#
;;;; ----
(import (scheme null))
(define x (let* ((a 1) (b (quasiquote (a (unquote a))))) b))
(begin x)
#|output
|#
