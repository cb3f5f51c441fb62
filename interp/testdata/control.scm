(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(show (if #t 1 2) (if #f 1 2) (if #f #f 3))
(show (cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else 'none)))
(show (cond (#f 1) ((+ 1 1)) (else 3)))
(show (case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high)))
(show (case 'x ((a) 1) (else => (lambda (k) (list k 'fallback)))))
(show (and) (and 1 2) (and 1 #f 2) (or) (or #f 3) (or #f #f))
(show (when #t 'yes) (unless #f 'no))
(show (let loop ((i 0) (acc '())) (if (= i 5) (reverse acc) (loop (+ i 1) (cons i acc)))))
(show (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 5) s)))
(show (let* ((x 1) (y (+ x 1))) (* x y)))
(show (letrec ((even? (lambda (n) (if (= n 0) #t (odd? (- n 1))))) (odd? (lambda (n) (if (= n 0) #f (even? (- n 1)))))) (even? 100)))
(show (letrec* ((a 1) (b (+ a 1))) (list a b)))
(define-values (q r) (floor/ 17 5))
(show q r)
(show (let-values (((a b) (values 1 2)) ((c . d) (values 3 4 5))) (list a b c d)))
(show (let*-values (((a) (values 1)) ((b) (values (+ a 1)))) (list a b)))
(show (call-with-values (lambda () (values 1 2 3)) list))
(show (call/cc (lambda (k) (+ 1 (k 42)))))
(show (+ 1 (call/cc (lambda (k) 1))))
(define p (make-parameter 10 (lambda (x) (* x 2))))
(show (parameterize ((p 3)) (p)))
(define pr (delay (begin (display "once ") 5)))
(show (force pr) (force pr))
(show (force (delay-force (delay 7))) (force 8) (promise? pr))
(show (let ((x 1)) (set! x (+ x 1)) x))
(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
(define c1 (make-counter))
(c1) (c1)
(show (c1))
(define f (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b)) ((a . rest) (list 'many a rest))))
(show (f 1) (f 1 2) (f 1 2 3))
(show `(1 ,(+ 1 1) ,@(list 3 4) 5) `#(1 ,(+ 1 1)) `(1 `(2 ,(3 ,(+ 1 3)))))
(show (let ((path '())) (dynamic-wind (lambda () (set! path (cons 'in path))) (lambda () (set! path (cons 'body path))) (lambda () (set! path (cons 'out path)))) (reverse path)))
(show (let ((path '())) (call/cc (lambda (k) (dynamic-wind (lambda () (set! path (cons 'in path))) (lambda () (k 'x)) (lambda () (set! path (cons 'out path)))))) (reverse path)))
(show (apply + 1 2 '(3 4)) (apply list '()))
(show (map (lambda (x) (* x x)) '(1 2 3)))
(define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!))
(define pt (make-point 1 2))
(set-point-y! pt 5)
(show (point? pt) (point? 5) (point-x pt) (point-y pt))
(define (tree-sum t) (cond ((null? t) 0) ((pair? t) (+ (tree-sum (car t)) (tree-sum (cdr t)))) (else t)))
(show (tree-sum '((1 2) (3 (4 5)) 6)))
(define x 10)
(define (get-x) x)
(set! x 20)
(show (get-x))
(show (let () (define a 1) (define (g) (* a 2)) (g)))
(show (string? (symbol->string 'abc)) (procedure? car) (procedure? (lambda () 1)) (procedure? 'car))
#|output
1 2 3 
b 
2 
mid 
(x fallback) 
#t 2 #f #f 3 #f 
yes no 
(0 1 2 3 4) 
10 
2 
#t 
(1 2) 
3 2 
(1 2 3 (4 5)) 
(1 2) 
(1 2 3) 
42 
2 
6 
once 5 5 
7 8 #t 
2 
3 
(one 1) (two 1 2) (many 1 (2 3)) 
(1 2 3 4 5) #(1 2) (1 (quasiquote (2 (unquote (3 4))))) 
(in body out) 
(in out) 
10 () 
(1 4 9) 
#t #f 1 5 
21 
20 
2 
#t #t #t #f 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(show (guard (e (#t (list 'caught e))) (raise 'oops)))
(show (guard (e ((symbol? e) (list 'sym e)) ((string? e) (list 'str e))) (raise "boom")))
(show (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) (error "bad thing" 1 2)))
(show (guard (e (#t (error-object-message e))) (car '())))
(show (guard (e (#t (error-object-message e))) (vector-ref (vector 1 2) 2)))
(show (with-exception-handler (lambda (e) 42) (lambda () (+ 1 (raise-continuable 'c)))))
(show (guard (e (#t (list 'outer e))) (guard (e ((number? e) 'inner)) (raise 'not-a-number))))
(show (guard (e (else 'else-clause)) (raise 1)))
(show (guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'a 42)))))
(show (call/cc (lambda (k) (with-exception-handler (lambda (e) (k (list 'handled e))) (lambda () (raise 'boom))))))
(show (guard (e (#t 'after-handler-returned)) (with-exception-handler (lambda (e) 'ignored) (lambda () (raise 'x)))))
(show (let ((log '())) (guard (e (#t (reverse log))) (dynamic-wind (lambda () (set! log (cons 'before log))) (lambda () (raise 'x)) (lambda () (set! log (cons 'after log)))))))
(show (error-object? (guard (e (#t e)) (error "x"))) (error-object? 'x))
(show (guard (e ((string? e) e)) (raise (string-append "a" "b"))))
(show (guard (e (#t (list (error-object-message e) (error-object-irritants e)))) (+ 1 "a")))
(show (guard (e (#t (error-object-message e))) (car 1 2)))
(show (guard (e (#t (error-object-message e))) ((lambda (x) x))))
(show (guard (e (#t (error-object-message e))) (apply car '(1 2))))
#|output
(caught oops) 
(str "boom") 
("bad thing" (1 2)) 
"car: expected a pair" 
"vector-ref: expected a valid index" 
43 
(outer not-a-number) 
else-clause 
42 
(handled boom) 
after-handler-returned 
(before after) 
#t #f 
"ab" 
("+: expected a number" ("a")) 
"car: expected one argument" 
"lambda: expected one argument" 
"car: expected one argument" 
|#
;;;; ----
(import (scheme base) (scheme write))
;; A guard whose clauses do not match raises again with raise-continuable in the dynamic
;; environment of the raise (R7RS 4.2.7): the before thunks run again, and what an outer
;; handler returns goes back to the raise-continuable (Foment too: [in][out][in][out]143).
(define (log x) (display x))
(write (with-exception-handler
  (lambda (con) 42)
  (lambda ()
    (+ (guard (e ((string? e) 'x))
         (dynamic-wind (lambda () (log "[in]"))
                       (lambda () (+ (raise-continuable 'oops) 1))
                       (lambda () (log "[out]"))))
       100))))
(newline)
(write (guard (e (#t (list 'outer e)))
  (guard (e ((string? e) 'inner))
    (dynamic-wind (lambda () (log "[in]")) (lambda () (raise 'sym)) (lambda () (log "[out]"))))))
(newline)
;; The clauses run after the after thunks, in the guard's dynamic environment: its handlers
;; and parameters, not those of the raise.
(define p (make-parameter 'outside))
(write (guard (e (#t (list e (p))))
  (parameterize ((p 'inside))
    (dynamic-wind (lambda () #f) (lambda () (raise 'r)) (lambda () (log "[after]"))))))
(newline)
(write (guard (e ((symbol? e) (list 'outer e)))
  (guard (e ((raise 'from-clause)))
    (with-exception-handler (lambda (c) 'returns) (lambda () (raise 'first))))))
(newline)
;; A clause that escapes with a continuation; a guard in a deep recursion (Foment does not
;; catch its "stack overflow").
(write (call/cc (lambda (k) (guard (e (#t (k (list 'escaped e)))) (raise 'x)))))
(write (guard (e (#t (error-object-message e))) (let f ((n 0)) (+ 1 (f (+ n 1))))))
(newline)
(define count 0)
(let loop ((i 0)) (when (< i 10000) (guard (e (#t (set! count (+ count e)))) (raise 1)) (loop (+ i 1))))
(write count)
(newline)
#|output
[in][out][in][out]143
[in][out][in][out](outer sym)
[after](r outside)
(outer from-clause)
(escaped x)"stack overflow"
10000
|#
;;;; ----
(import (scheme base))
;; A handler that returns from a non-continuable raise re-raised by a guard: one error.
(with-exception-handler
  (lambda (con) 42)
  (lambda () (guard (e ((string? e) 'x)) (+ (raise 'oops) 1))))
#|error raise: handler returned from non-continuable oops|#
;;;; ----
(import (scheme base) (scheme write))
;; A handler that returns from a non-continuable raise: the object is raised again to the
;; outer handlers, so a guard outside sees it (Foment, R7RS's test suite).
(define e2 #f)
(write (guard (o ((eq? o 10) 10) (else (list o)))
  (with-exception-handler (lambda (x) (set! e2 x)) (lambda () (+ 1 (raise 'another-error))))))
(write e2)
(newline)
#|output
(another-error)another-error
|#
;;;; ----
(import (scheme base) (scheme write) (scheme eval) (scheme repl))
;; An environment made by environment is immutable: eval may not define in it (Foment); the
;; interaction environment takes definitions.
(define (try form env)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (eval form env)))
(write (try '(define x 10) (environment '(scheme base))))
(newline)
(write (try '(let () (define x 1) x) (environment '(scheme base))))
(eval '(define y 10) (interaction-environment))
(write (eval 'y (interaction-environment)))
(newline)
#|output
("define: environment is immutable" ((define x 10)))
110
|#
