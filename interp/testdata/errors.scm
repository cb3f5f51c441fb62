(import (scheme base) (scheme write))
;; An uncaught error: what ran before is printed, then file:line:col: who: message irritants.
(define (safe-div a b)
  (/ a b))
(display "before")
(newline)
(safe-div 1 0)
(display "never")
#|output
before
|#
#|error test.scm:4:3: /: divide by zero 1 0|#
;;;; ----
(import (scheme base) (scheme write))
(define (walk tree)
  (if (pair? tree)
      (+ (walk (car tree)) (walk (cdr tree)))
      (if (null? tree) 0 (* tree 1))))
(display (walk '(1 (2 x) 3)))
#|error test.scm:18:26: *: expected a number x|#
;;;; ----
(import (scheme base))
;; A malformed special form is reported before anything runs.
(define (f x)
  (if x 1 2 3))
#|error test.scm:25:3: if: bad syntax|#
;;;; ----
(import (scheme base))
(display (undefined-thing 1))
#|error program: identifier(s) used but never defined: display undefined-thing|#
;;;; ----
(import (scheme base))
(error "Something failed:" 42 "text" 'sym)
#|error test.scm:33:1: Something failed: 42 "text" sym|#
;;;; ----
(import (scheme base)
(define x 1)
#|error test.scm:36:1: read: missing )|#
;;;; ----
(import (scheme base))
(raise 'custom-object)
#|error test.scm:41:1: uncaught exception: custom-object|#
;;;; ----
(import (scheme base) (scheme write) (scheme process-context))
(display "bye")
(exit 0)
(display "not reached")
#|output
bye|#
;;;; ----
(import (scheme base) (scheme write) (scheme process-context))
(write (command-line))
#|args server 12345|#
#|output
("test.scm" "server" "12345")|#
;;;; ----
(import (scheme base) (scheme write) (scheme process-context))
(dynamic-wind
  (lambda () (display "in "))
  (lambda () (exit 0))
  (lambda () (display "out")))
#|output
in out|#
;;;; ----
(import (scheme base))
(define (loop) (car (loop)))
(loop)
#|error stack overflow|#
;;;; ----
(import (scheme base) (scheme write))
(define-syntax my-macro (syntax-rules () ((_ a) (car a))))
(display (my-macro 5))
#|error test.scm:72:10: car: expected a pair 5|#
;;;; ----
(import (scheme base))
(let ((x 1) (x 2)) x)
#|error let: duplicate binding x|#
;;;; ----
(import (scheme base))
(letrec ((a b) (b 1)) a)
#|error b: variable used before its definition|#
;;;; ----
(import (scheme base))
(set! car 5)
#|error set!: imported variable car cannot be modified|#
;;;; ----
(import (scheme base))
((lambda (a b) a) 1)
#|error lambda: expected two arguments|#
;;;; ----
(import (scheme base))
(define (named a b) a)
(named 1 2 3)
#|error named: expected two arguments|#
;;;; ----
(import (scheme base))
(5 1 2)
#|error not a procedure 5|#
;;;; ----
(import (no such library))
#|error import: library (no such library) not found|#
;;;; ----
(import (scheme base))
;; A name bound twice by one letrec, letrec* or let-values is refused, as in Foment.
(letrec ((x 2) (y 1) (x 3)) x)
#|error test.scm:105:23: letrec: duplicate binding x|#
;;;; ----
(import (scheme base))
(letrec* ((x 2) (x 3)) x)
#|error letrec*: duplicate binding x|#
;;;; ----
(import (scheme base))
(let-values (((x . y) (values 1 2)) ((z . x) (values 3))) x)
#|error let-values: duplicate binding x|#
;;;; ----
(import (scheme base) (scheme write))
;; let*-values binds in turn: a later formal shadows an earlier one.
(write (let*-values (((x) (values 2)) ((x y) (values (+ x 1) x))) (list x y)))
(newline)
#|output
(3 2)
|#
;;;; ----
(import (scheme base))
;; cond-expand with no clause that matches is an error (R7RS leaves it unspecified; Foment too).
(cond-expand ((and r7rs no-such-feature) 0) (no-such-feature 1))
#|error test.scm:126:1: cond-expand: no clauses match|#
;;;; ----
;;; In a body too, before anything runs (as in Foment).
(import (scheme base) (scheme write))
(display "before")
(define (f)
  (cond-expand (chibi 1))
  2)
(display (f))
#|error test.scm:133:3: cond-expand: no clauses match|#
;;;; ----
;;; And among a library's declarations (it said an export was not defined).
(define-library (no branch)
  (export y)
  (import (scheme base))
  (cond-expand (chibi (begin (define y 1)))))
(import (scheme base) (no branch))
#|error test.scm:142:3: cond-expand: no clauses match|#
