(import (scheme base) (scheme write) (mylib util))
(write (list (double 21) (triple 3) (counter-next!) (counter-next!)))
(newline)
#|output
(42 9 1 2)
|#
;;;; ----
(import (scheme base) (scheme write) (prefix (mylib util) u:) (only (scheme base) car))
(write (u:double 5))
(newline)
#|output
10
|#
;;;; ----
(import (rename (scheme base) (car first) (cdr rest)) (scheme write))
(write (list (first '(1 2)) (rest '(1 2))))
(newline)
#|output
(1 (2))
|#
;;;; ----
(import (except (scheme base) car) (scheme write))
(define (car x) 'my-car)
(write (car '(1)))
(newline)
#|output
my-car
|#
;;;; ----
(import (scheme base) (scheme write))
(include "inc/included.scm")
(write (from-include 7))
(newline)
#|output
(included 7)
|#
;;;; ----
(import (scheme base) (scheme write))
(cond-expand
  (foment (display "foment"))
  (else (display "other")))
(cond-expand ((and r7rs (not no-such-feature)) (display " r7rs")))
(cond-expand ((library (scheme base)) (display " has-base")))
(cond-expand ((library (no such)) (display " wrong")) (else (display " no-lib")))
(newline)
#|output
foment r7rs has-base no-lib
|#
;;;; ----
(import (scheme base) (scheme write) (scheme eval))
(write (eval '(+ 1 2) (environment '(scheme base))))
(write (eval '(let ((x 5)) (* x x)) (environment '(scheme base))))
(newline)
#|output
325
|#
;;;; ----
(import (scheme base) (scheme write))
(define-record-type <account> (make-account owner balance) account? (owner account-owner) (balance account-balance set-account-balance!))
(define acc (make-account "ada" 10))
(set-account-balance! acc 25)
(write (list (account? acc) (account? 5) (account-owner acc) (account-balance acc)))
(newline)
(write (guard (e (#t (error-object-message e))) (account-owner 'not-an-account)))
(newline)
#|output
(#t #f "ada" 25)
"account-owner: expected a <account>"
|#
