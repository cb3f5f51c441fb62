;; Included inside a procedure body by loading.scm: its definitions are the body's.
(define (helper x) (* x 10))
(define offset 1)
