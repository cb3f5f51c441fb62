(import (scheme base) (scheme write))
(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1)
(define other 2)
(swap! tmp other)
(write (list tmp other)) (newline)
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(define t 5)
(write (my-or #f t)) (newline)
(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(write (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c))) (newline)
(define-syntax for
  (syntax-rules (in from to)
    ((_ x in lst body ...) (let loop ((l lst)) (if (not (null? l)) (let ((x (car l))) body ... (loop (cdr l))))))
    ((_ x from a to b body ...) (let loop ((x a)) (if (<= x b) (begin body ... (loop (+ x 1))))))))
(for x in '(1 2 3) (display x))
(newline)
(for i from 1 to 5 (display i))
(newline)
(define-syntax my-list-of-lists
  (syntax-rules ()
    ((_ (a b ...) ...) (list (list a (list b ...)) ...))))
(write (my-list-of-lists (1 2 3) (4) (5 6))) (newline)
(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let lp () (when cond body ... (lp))))))
(define i 0)
(while (< i 3) (display i) (set! i (+ i 1)))
(newline)
(define-syntax my-if
  (syntax-rules (then else)
    ((_ c then t else e) (if c t e))))
(write (my-if #t then 'yes else 'no)) (newline)
(define-syntax ten (syntax-rules () ((_) 10)))
(write (+ (ten) 1)) (newline)
(define-syntax tail-pat
  (syntax-rules ()
    ((_ a ... z) (list z a ...))))
(write (tail-pat 1 2 3 4)) (newline)
(define-syntax vec-pat
  (syntax-rules ()
    ((_ #(a ...)) (list a ...))))
(write (vec-pat #(1 2 3))) (newline)
(define-syntax dotted
  (syntax-rules ()
    ((_ a . b) (quote b))))
(write (dotted 1 2 3)) (newline)
(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name
       (syntax-rules ()
         ((name expr (... ...))
          (begin expr (... ...))))))))
(be-like-begin sequence)
(write (sequence 1 2 3 4)) (newline)
(write (let ((if list)) (my-or #f 7))) (newline)
(define-syntax kons (syntax-rules () ((_ a b) (cons a b))))
(write (let ((cons list)) (kons 1 2))) (newline)
(let-syntax ((foo (syntax-rules () ((_ x) (* x 2)))))
  (write (foo 21)) (newline))
(letrec-syntax ((ev? (syntax-rules () ((_ n) (if (= n 0) #t (od? (- n 1))))))
                (od? (syntax-rules () ((_ n) (if (= n 0) #f #t)))))
  (write (ev? 2)) (newline))
(define-syntax inc!
  (syntax-rules () ((_ v) (set! v (+ v 1))) ((_ v n) (set! v (+ v n)))))
(define z 5) (inc! z) (inc! z 10) (write z) (newline)
#|output
(2 1)
5
(1 2 6)
123
12345
((1 (2 3)) (4 ()) (5 (6)))
012
yes
11
(4 1 2 3)
(1 2 3)
(2 3)
4
7
(1 . 2)
42
#t
16
|#
;;;; ----
(import (scheme base) (scheme write))
;; _ listed among the literals matches only _ (R7RS 4.3.2); elsewhere it matches anything.
(define-syntax under
  (syntax-rules (_)
    ((u _) 'underscore)
    ((u x) (list 'other x))))
(write (list (under _) (under 5)))
(define-syntax ignore (syntax-rules () ((_ _ b) b)))
(write (ignore 1 2))
(newline)
;; Nested let-syntax (r5rs_pitfall 3.x): the inner macro's own x does not capture the user's
;; x passed in, and an inner pattern variable renamed by the outer expansion is still the
;; variable the user's x in its template means (Petrofsky; Foment gives 1 and 2).
(write (let ((x 1))
  (let-syntax ((foo (syntax-rules ()
                      ((_ y) (let-syntax ((bar (syntax-rules () ((_) (let ((x 2)) y)))))
                               (bar))))))
    (foo x))))
(write (let ((x 1))
  (let-syntax ((foo (syntax-rules ()
                      ((_ y) (let-syntax ((bar (syntax-rules () ((_ x) y))))
                               (bar 2))))))
    (foo x))))
(write (let ((a 1))
  (letrec-syntax
      ((foo (syntax-rules () ((_ b) (bar a b))))
       (bar (syntax-rules () ((_ c d) (cons c (let ((c 3)) (list d c 'c)))))))
    (let ((a 2))
      (foo a)))))
(newline)
;; A macro that defines a macro, with the user's names and its own.
(define-syntax def-getter
  (syntax-rules ()
    ((_ name field) (define-syntax name (syntax-rules () ((_ obj) (cdr (assq 'field obj))))))))
(def-getter get-a a)
(write (get-a '((a . 1) (b . 2))))
(define-syntax my-or2 (syntax-rules () ((_ a b) (let ((t a)) (if t t b)))))
(write (let ((t 5)) (my-or2 #f t)))
(newline)
#|output
(underscore (other 5))2
12(1 2 3 a)
15
|#
;;;; ----
(import (scheme base) (scheme write))
;; Ellipsis escapes (R7RS 4.3.2): (... ...) and (... template). Foment gets a segmentation
;; fault on '(... (x ...)).
(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name (syntax-rules () ((name expr (... ...)) (begin expr (... ...))))))))
(be-like-begin sequence)
(define-syntax escaped (syntax-rules () ((_ x) '(... (x ...)))))
(define-syntax each (syntax-rules () ((_ x ...) '((x (... ...)) ...))))
(define-syntax custom (syntax-rules ::: () ((_ x :::) '(x ::: ...))))
(write (list (sequence 1 2 3 4) (escaped 1) (each 1 2) (custom 1 2)))
(newline)
;; Definitions at the start of a let-values or let*-values body, also with no bindings
;; (Foment: a segmentation fault on (let*-values () (define x 1) x)).
(write (list (let*-values () (define x 1) x)
             (let*-values (((a b) (values 1 2)) ((c) (values (+ a b)))) (define d (* c 2)) (list a b c d))
             (let-values (((a b) (values 1 2))) (define d (* a b)) d)))
(newline)
#|output
(4 (1 ...) ((1 ...) (2 ...)) (1 2 ...))
(1 (1 2 3 6) 2)
|#

;;;; ----
;;; A syntax error in what a template wrote is reported at its keyword in the template (it was
;;; file:0:0).
(import (scheme base))
(define-syntax m
  (syntax-rules ()
    ((_ x) (begin (if) x))))
(m 1)
#|error test.scm:173:20: if: bad syntax|#
;;;; ----
(import (scheme base) (scheme write))
(define-syntax m
  (syntax-rules ()
    ((_ x) (lambda (1) x))))
(display
  (m 1))
#|error test.scm:180:13: lambda: expected an identifier in the parameter list, got 1|#
;;;; ----
;;; A name the template uses but nothing defines: at the template's use of it.
(import (scheme base))
(define-syntax m
  (syntax-rules ()
    ((_ x) (begin (no-such-proc) x))))
(m 1)
#|error test.scm:189:20: program: identifier(s) used but never defined: no-such-proc|#
;;;; ----
;;; An error while the expansion runs: at the macro's use.
(import (scheme base))
(define-syntax m
  (syntax-rules ()
    ((_ x) (begin (car x) x))))
(m 1)
#|error test.scm:198:1: car: expected a pair|#
;;;; ----
;;; A literal no library binds (<- of a parser macro) matches where the macro is used from
;;; another library or the program: both identifiers are unbound, so free-identifier=? (R7RS
;;; 4.3.2), as Foment matches them (r7rs-libs' (rebottled packrat) used by its json parser).
(define-library (arrow macro)
  (export bind-arrow)
  (import (scheme base))
  (begin
    (define-syntax bind-arrow
      (syntax-rules (<-)
        ((_ (var <- val) body) (let ((var val)) body))
        ((_ other body) (list 'no-match 'other))))))
(define-library (arrow user)
  (export from-library)
  (import (scheme base) (arrow macro))
  (begin (define (from-library) (bind-arrow (a <- 1) (+ a 1)))))
(import (scheme base) (scheme write) (arrow macro) (arrow user))
(write (list (bind-arrow (b <- 10) (* b 2)) (from-library)))
(newline)
(write (let ((<- 'bound)) (bind-arrow (c <- 1) c)))
(newline)
#|output
(20 2)
(no-match (c <- 1))
|#
