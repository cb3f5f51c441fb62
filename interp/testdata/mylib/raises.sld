;; Its body raises while it is loaded (loading.scm imports it with eval).
(define-library (mylib raises)
  (export z)
  (import (scheme base))
  (begin (define z (vector-ref (vector) 0))))
