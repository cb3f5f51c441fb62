;; (app text), found by its flat name app-text.sld, as Foment finds libraries.
(define-library (app text)
  (export words shout pad-right string-upcase)
  (import (scheme base) (scheme char))
  (include "app/text-impl.scm"))
