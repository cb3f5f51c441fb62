;; A first program: run it with
;;   go run ./cmd/foment-ls run examples/hello.scm Ada
(import (scheme base) (scheme write) (scheme process-context))

(define (greet name)
  (string-append "Hello, " name "!"))

(define args (cdr (command-line)))
(display (greet (if (null? args) "world" (car args))))
(newline)
