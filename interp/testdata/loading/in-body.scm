;; Includes itself from inside a procedure body, where expansion happens at each compile.
(define (again) (include "in-body.scm") 1)
