;; Foment names open-binary-input-file (open-input-file is written over it there) and gives no
;; reason; here the procedure the program called is named and the system's reason added.
(import (foment base))
(define-syntax probe
  (syntax-rules ()
    ((_ e) (guard (x ((error-object? x)
                      (write (list (error-object-type x) (error-object-kind x) (error-object-who x)
                                   (error-object-message x) (error-object-irritants x)))
                      (newline)))
             e))))
(probe (car 1))
(probe (error "foo" 1 2))
(probe (vector-ref (vector 1) 5))
(probe (read (open-input-string "(1 2")))
(probe (open-input-file "/nonexistent/file"))
(probe (full-error 'my-type 'frob 'my-kind "frob: failed" 1 2))
(probe (full-error 'assertion-violation 'frob #f "frob: expected a widget" 'gadget))
(probe (make-codec "no-such-encoding"))
(probe (eval '(let ((x 1))) (environment '(scheme base))))
#|output
(assertion-violation #<no-value> car "car: expected a pair" (1))
(assertion-violation #<no-value> error "foo" (1 2))
(assertion-violation #<no-value> vector-ref "vector-ref: expected a valid index" (5))
(lexical-violation #<no-value> read "read: unexpected end-of-file reading list or vector" (#<textual-input-port>))
(assertion-violation file-error open-input-file "open-input-file: unable to open file for input" ("/nonexistent/file" "no such file or directory"))
(my-type my-kind frob "frob: failed" (1 2))
(assertion-violation #f frob "frob: expected a widget" (gadget))
(assertion-violation unknown-encoding-error make-codec "make-codec: unknown encoding" ("no-such-encoding"))
(syntax-violation #<no-value> let "let: bad syntax, (let ((x 1)))" ((let ((x 1)))))
|#
;;;; ---- full-error checks its arguments
(import (foment base))
(full-error 'assertion-violation "who" #f "message")
#|error full-error: expected a symbol "who"|#
;;;; ---- an uncaught full-error is reported with its message
(import (foment base))
(full-error 'assertion-violation 'frob #f "frob: expected a widget" 'gadget)
#|error frob: expected a widget gadget|#
