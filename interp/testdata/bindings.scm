(import (scheme base) (scheme write) (scheme case-lambda))
;; Rest parameters in every shape, each called twice with and without rest arguments: a call
;; with exactly the required arguments once left the rest slot unbound (it read 0), so the
;; second call of (mk 1 2) then (mk 1) failed with "car: expected a pair 0".
(define (mk a . r) (let ((a a) (r (if (null? r) 'none (car r)))) (list a r)))
(write (list (mk 1 2) (mk 1) (mk 1 2) (mk 1))) (newline)
(define (only . r) r)
(write (list (only) (only 1) (only) (only 1 2))) (newline)
(define only2 (lambda r (let ((r (length r))) r)))
(write (list (only2) (only2 1 2) (only2))) (newline)
(define (two a b . r) (list a b r))
(write (list (two 1 2) (two 1 2 3) (two 1 2) (apply two '(1 2)) (apply two 1 2 '(3 4)))) (newline)
;; A rest parameter captured by a closure, and assigned (boxed).
(define (cap . r) (lambda () r))
(define (bump . r) (set! r (cons 0 r)) (lambda () r))
(write (list ((cap)) ((cap 1)) ((bump)) ((bump 1)) ((bump)))) (newline)
;; Tail calls into rest procedures: a loop calling itself with its required count only.
(define (loop n . acc) (if (= n 0) acc (loop (- n 1))))
(define (loop2 n . acc) (if (= n 0) acc (apply loop2 (- n 1) n acc)))
(write (list (loop 3) (loop 3 'x) (loop2 3) (loop2 0 'y))) (newline)
(define (f . r) (g r))
(define (g x . r) (list x r))
(write (list (f) (f 1) (f))) (newline)
;; case-lambda clauses with rest parameters.
(define cl (case-lambda ((a) (list 'one a)) ((a b . r) (list 'many a b r)) (r (list 'any r))))
(write (list (cl) (cl 1) (cl 1 2) (cl 1 2 3) (cl) (cl 1 2))) (newline)
;; let-values, let*-values and define-values with rest formals, shadowed by let (Foment
;; refuses a top-level define-values with a rest formal: "expected a list of variables").
(define (lv . xs)
  (let-values (((a . r) (apply values xs)))
    (let ((r (if (null? r) 'none r))) (list a r))))
(write (list (lv 1 2) (lv 1) (lv 1 2 3) (lv 1))) (newline)
(define (lsv . xs)
  (let*-values (((a . r) (apply values xs)) ((b . s) (apply values r)))
    (list a b s)))
(write (list (lsv 1 2) (lsv 1 2 3) (lsv 1 2))) (newline)
(define (dv . xs)
  (define-values (a . r) (apply values xs))
  (let ((r (if (null? r) 'none r))) (list a r)))
(write (list (dv 1 2) (dv 1) (dv 1 2))) (newline)
(define-values (ga . gr) (values 1))
(define-values (ha . hr) (values 1 2 3))
(define-values all (values))
(write (list ga gr ha hr all)) (newline)
;; Named let, do and letrec rebinding a parameter's name in a rest procedure.
(define (nl . r) (let r ((i 0) (acc '())) (if (= i 2) acc (r (+ i 1) (cons i acc)))))
(write (list (nl) (nl 1) (nl))) (newline)
(define (dl a . r) (do ((r r (cdr r)) (n 0 (+ n 1))) ((null? r) (list a n))))
(write (list (dl 1) (dl 1 2 3) (dl 1))) (newline)
(define (lr a . r) (letrec ((r (lambda () a))) (r)))
(define (lr* a . r) (letrec* ((x a) (r (lambda () (list x r)))) (car (r))))
(write (list (lr 1) (lr 1 2) (lr* 1) (lr* 1 2) (lr* 1))) (newline)
;; Internal definitions shadowing parameters, inner lambdas with the same names.
(define (id a . r) (define (r . x) (list a x)) (r a))
(write (list (id 1) (id 1 2) (id 1))) (newline)
(define (nest a . r) ((lambda (a . r) (list a r)) r))
(write (list (nest 1) (nest 1 2) (nest 1))) (newline)
#|output
((1 2) (1 none) (1 2) (1 none))
(() (1) () (1 2))
(0 2 0)
((1 2 ()) (1 2 (3)) (1 2 ()) (1 2 ()) (1 2 (3 4)))
(() (1) (0) (0 1) (0))
(() () (1 2 3) (y))
((() ()) ((1) ()) (() ()))
((any ()) (one 1) (many 1 2 ()) (many 1 2 (3)) (any ()) (many 1 2 ()))
((1 (2)) (1 none) (1 (2 3)) (1 none))
((1 2 ()) (1 2 (3)) (1 2 ()))
((1 (2)) (1 none) (1 (2)))
(1 () 1 (2 3) ())
((1 0) (1 0) (1 0))
((1 0) (1 2) (1 0))
(1 1 1 1 1)
((1 (1)) (1 (1)) (1 (1)))
((() ()) ((2) ()) (() ()))
|#
;;;; ----
;;; As in Foment, a program may not define a name it imports (from any library, (foment base)
;;; too), nor import a name it has defined or used: a syntax violation before it runs.
(import (scheme base) (scheme write))
(define (vector-copy v) 'mine)
(write (vector-copy (vector 1)))
#|error test.scm:81:1: define: imported variable vector-copy cannot be redefined|#
;;;; ----
(import (foment base))
(define-values (q r) (floor/ 7 2))
(define-record-type point (make-point x y) point? (x point-x) (y list-copy))
#|error test.scm:87:1: define: imported variable list-copy cannot be redefined|#
;;;; ----
(import (scheme base) (scheme write))
(define (shout c) (char-upcase c))
(import (scheme char))
(write (shout #\a))
#|error test.scm:92:1: import: char-upcase is defined or used before this import: it cannot be imported|#
;;;; ----
;;; A library's body neither.
(define-library (redefines map)
  (export f)
  (import (scheme base))
  (begin (define (map f l) l) (define (f) (map car '()))))
(import (scheme base) (scheme write) (redefines map))
#|error test.scm:100:10: define: imported variable map cannot be redefined|#
;;;; ----
;;; A name the program does not import is its own, and the interaction environment may
;;; redefine what it imports (Foment's REPL does).
(import (scheme base) (scheme write) (scheme eval) (scheme repl))
(define (char-upcase c) (list 'mine c))
(write (char-upcase #\a))
(eval '(define (car x) 'replaced) (interaction-environment))
(write (eval '(car '(1)) (interaction-environment)))
(write (car '(1)))
(newline)
#|output
(mine #\a)replaced1
|#
