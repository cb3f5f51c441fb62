;; Included by main.scm: the names of its imports are in scope here.
(define (sum-of-squares xs)
  (define (square x) (* x x))
  (apply + (map square xs)))
