;;; Loading files: includes (in bodies too), libraries found as Foment finds them, libraries
;;; defined in the program, include cycles.
(import (scheme base) (scheme write))
(define (f x)
  (include "loading/body-defs.scm")
  (+ (helper x) offset))
(write (f 4))
(newline)
#|output
41
|#
;;;; ----
(define-library (in program)
  (export twice)
  (import (scheme base))
  (begin (define (twice x) (* 2 x))))
(import (scheme base) (scheme write) (in program))
(write (twice 21))
(newline)
#|output
42
|#
;;;; ----
(import (scheme base) (scheme write))
(define-library (later lib)
  (export hello)
  (import (scheme base))
  (begin (define hello "hello")))
(import (later lib))
(write hello)
(newline)
#|output
"hello"
|#
;;;; ----
(import (scheme base) (scheme write) (flat name))
(write (list flat-value (shout "hi")))
(newline)
#|output
(flat "hi!")
|#
;;;; ----
(import (scheme base) (scheme write))
(cond-expand
  ((library (flat name)) (display "found"))
  (else (display "missing")))
(cond-expand
  ((and threads ratios full-unicode (not swank)) (display " features"))
  (else (display " no")))
(newline)
#|output
found features
|#
;;;; ----
(import (scheme base))
(include "loading/self.scm")
#|error loading/self.scm:3:1: include: include cycle: self.scm includes itself|#
;;;; ----
(import (scheme base))
(include "loading/mutual-a.scm")
#|error include: include cycle: mutual-b.scm includes mutual-a.scm includes mutual-b.scm|#
;;;; ----
(import (scheme base))
(include "loading/in-body.scm")
(again)
#|error include: include cycle: in-body.scm includes itself|#
;;;; ----
(import (scheme base) (no such library))
#|error import: library (no such library) not found|#
;;;; ----
(define-library (first name)
  (aka (second name))
  (export answer)
  (import (scheme base))
  (begin (define answer 42)))
(import (scheme base) (scheme write) (second name))
(write answer)
(newline)
#|output
42
|#
