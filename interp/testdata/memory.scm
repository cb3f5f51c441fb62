(import (scheme base) (scheme write))
;; Sizes beyond the heap limit raise an error guard catches, before anything is allocated
;; (Foment: "%make-object: out of memory"). interp/memory_test.go grows data in loops.
(define (try thunk)
  (write (guard (e ((error-object? e) (error-object-message e))) (thunk) 'no-error))
  (newline))
(try (lambda () (make-vector 10000000000 0)))
(try (lambda () (make-string 10000000000 #\a)))
(try (lambda () (make-bytevector 10000000000 0)))
(try (lambda () (make-list 10000000000 0)))
(try (lambda () (make-vector 4611686018427387903)))
(try (lambda () (vector-length (make-vector 10 0))))
#|output
"out of memory: make-vector of 10000000000 elements"
"out of memory: make-string of 10000000000 characters"
"out of memory: make-bytevector of 10000000000 bytes"
"out of memory: make-list of 10000000000 elements"
"out of memory: make-vector of 4611686018427387903 elements"
no-error
|#
;;;; ----
(import (scheme base))
;; Uncaught, it ends the program with its position.
(define v (make-vector 10000000000 0))
#|error test.scm:24:11: out of memory: make-vector of 10000000000 elements|#
