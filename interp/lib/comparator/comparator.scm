;; The syntax of (scheme comparator); the procedures are in Go (interp/lib/comparator).
(define-library (foment-ls comparator)
  (import (foment base) (scheme comparator))
  (begin
    (define-syntax hash-bound
      (syntax-rules () ((_) (hash-bound-parameter))))
    (define-syntax hash-salt
      (syntax-rules () ((_) (hash-salt-parameter))))
    (define-syntax comparator-if<=>
      (syntax-rules ()
        ((_ obj1 obj2 less equal greater)
         (comparator-if<=> (make-default-comparator) obj1 obj2 less equal greater))
        ((_ comparator obj1 obj2 less equal greater)
         (let ((c comparator) (a obj1) (b obj2))
           (cond ((=? c a b) equal)
                 ((<? c a b) less)
                 (else greater))))))))
