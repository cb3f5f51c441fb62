;; Foment's procedures about procedures (from Foment's tests; outputs are Foment's except
;; %procedure-code, which says where a procedure comes from, and the parameter after
;; call-with-parameterize: Foment 0.4 applies the converter twice and gives 100).
(import (foment base))
(define test-execute-global '())
(define (test-execute-zero-set) (set! test-execute-global 'zero) (list 'zero))
(define (test-execute-three a b c) (let ((total (+ a b c))) (set! test-execute-global 'three) total))
(write (list (%execute-proc (lambda () 'zero)) (%execute-proc test-execute-zero-set) test-execute-global
             (%execute-proc test-execute-three 1 2 3) test-execute-global))
(newline)
(define (test-execute-call/cc k a1 a2) (let ((total (+ a1 a2))) (k total) 'not-here))
(write (call/cc (lambda (k) (%execute-proc test-execute-call/cc k 10 20) 'call/cc)))
(newline)
;; A continuation captured inside %execute-proc: Foment 0.4 raises implementation-restriction
;; ("continuation may not be captured in nested execution"); here it is an ordinary one.
(write (procedure? (%execute-proc (lambda () (call/cc (lambda (k) k))))))
(newline)
(write (list (%procedure-code car) (string? (%procedure-code test-execute-three))))
(newline)
(define p (make-parameter 1 (lambda (x) (* x 10))))
(write (list (call-with-parameterize (list p) (list 2) (lambda () (p))) (p)))
(newline)
(write (reverse! (list 1 2 3)))
(newline)
#|output
(zero (zero) zero 6 three)
30
#t
("builtin" #t)
(20 10)
(3 2 1)
|#
;;;; ---- type tags (all procedures have one here; Foment tells primitives from closures)
(import (foment base))
(write (map (lambda (x y) (= (object-type-tag x) (object-type-tag y)))
            (list 1 "a" '(1) car #\a 1.5 'sym)
            (list 2 "bcd" (cons 1 2) (lambda () 1) #\b 2.5 'other)))
(write (= (object-type-tag 1) (object-type-tag "1")))
(write (list (equal? (lookup-type-tags pair?) (list (object-type-tag '(1))))
             (and (memv (object-type-tag 1/2) (lookup-type-tags number?)) #t)
             (and (memv (object-type-tag "s") (lookup-type-tags number?)) #t)))
(newline)
(lookup-type-tags (lambda (x) #t))
#|output
(#t #t #t #t #t #t #t)#f(#t #t #f)
|#
#|error lookup-type-tags: expected a predicate|#
;;;; ---- call-with-parameterize checks its parameters
(import (foment base))
(call-with-parameterize (list 5) (list 1) (lambda () 1))
#|error parameterize: expected a parameter 5|#
