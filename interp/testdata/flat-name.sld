;; (flat name) is found as flat-name.sld, as Foment finds it.
(define-library (flat name)
  (export flat-value)
  (import (scheme base))
  (include-library-declarations "loading/decls.scm")
  (begin (define flat-value 'flat)))
