;; Procedure properties (from Foment's tests; the outputs are Foment's).
(import (foment base))
(define (proc arg) arg)
(write (list (procedure-property proc 'key) (procedure-property proc 'key 'not-found)))
(newline)
(set-procedure-property! proc 'k1 1234)
(set-procedure-property! proc 'key1 '(a b c d))
(write (list (procedure-property proc 'k1) (procedure-property proc 'key1 'not-found) (procedure-property proc 'key)))
(newline)
(set-procedure-property! proc 'k1 5678)
(write (procedure-property proc 'k1))
(newline)
(set-procedure-property! + 'k1 1234)
(write (list (procedure-property + 'k1) (+ 1000 200 30 4) (procedure-property - 'k1)))
(newline)
(define p (make-parameter 1))
(set-procedure-property! p 'doc "a parameter")
(write (procedure-property p 'doc))
(newline)
(write (call/cc (lambda (k) (set-procedure-property! k 'x 1) (procedure-property k 'x))))
(newline)
#|output
(#f not-found)
(1234 (a b c d) #f)
5678
(1234 1234 #f)
"a parameter"
1
|#
;;;; ---- only procedures have properties
(import (foment base))
(procedure-property 'proc 'key)
#|error procedure-property: expected a procedure proc|#
;;;; ---- SRFI 229: tagged procedures
(import (scheme base) (scheme write) (scheme case-lambda) (srfi 229))
(define tproc1 (lambda/tag '(a b c d) (arg) arg))
(write (list (procedure/tag? '(a b c d)) (procedure/tag? tproc1) (tproc1 1234) (procedure-tag tproc1)))
(newline)
(define tproc2
  (case-lambda/tag
   #(a b c d)
   (() 'none)
   ((arg) arg)
   ((arg1 arg2) (list arg1 arg2))))
(write (list (procedure/tag? tproc2) (tproc2) (tproc2 1234) (tproc2 12 34) (procedure-tag tproc2)))
(newline)
(write (procedure-tag (lambda (arg) arg)))
(newline)
(define-syntax my-tagged
  (syntax-rules ()
    ((_ tag body) (let ((lambda 'shadowed)) (lambda/tag tag () body)))))
(write ((my-tagged 't 42)))
(newline)
(write (let loop ((i 0) (acc '()))
         (if (= i 3) (reverse acc) (loop (+ i 1) (cons (procedure-tag (lambda/tag i (x) x)) acc)))))
(newline)
#|output
(#f #t 1234 (a b c d))
(#t none 1234 (12 34) #(a b c d))
#f
42
(0 1 2)
|#
;;;; ---- lambda/tag needs formals and a body
(import (scheme base) (srfi 229))
(lambda/tag 'x (y))
#|error lambda/tag: bad syntax|#
;;;; ---- the formatter mark of SRFI 166's implementation
(import (foment base))
(define p (lambda (x) x))
(write (list (%formatter? p) (eq? p (%procedure->formatter p)) (%formatter? p) (%formatter? 5) (%formatter? car)))
(newline)
#|output
(#f #t #t #f #f)
|#
