;; Its body uses a name nobody defines (loading.scm imports it with eval).
(define-library (mylib undefined)
  (export w)
  (import (scheme base))
  (begin (define w nowhere)))
