;; (app config): settings, with a cond-expand among its declarations.
(define-library (app config)
  (export setting default-settings)
  (cond-expand
    ((and foment full-unicode)
     (import (scheme base) (scheme case-lambda)))
    (else
     (import (scheme base) (srfi 16))))
  (include-library-declarations "config-decls.scm"))
