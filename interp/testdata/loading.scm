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
;;;; ----
;;; A library body that uses a name nobody defines is refused before it runs, as Foment
;;; refuses it (a syntax violation at the first use), never a crash of the interpreter.
(define-library (uses undefined)
  (export x)
  (import (scheme base))
  (begin (define x (+ 1 no-such-variable))))
(import (scheme base) (uses undefined))
#|error test.scm:88:25: define-library: identifier(s) used but never defined: no-such-variable|#
;;;; ----
;;; What a library body raises while it is loaded is the program's error, where it was raised.
(define-library (raises car)
  (export y)
  (import (scheme base))
  (begin (define y (car 5))))
(import (scheme base) (raises car))
#|error test.scm:96:20: car: expected a pair|#
;;;; ----
;;; An exit in a library body ends the program with its code.
(define-library (exits three)
  (import (scheme base) (scheme process-context))
  (begin (exit 3)))
(import (scheme base) (scheme write) (exits three))
(write "not reached")
#|exit 3|#
#|output
|#
;;;; ----
;;; Imported by eval, the errors of a library are conditions the caller's guard catches.
(import (scheme base) (scheme write) (scheme eval) (scheme repl))
(define (try form)
  (guard (e ((error-object? e) (error-object-message e)))
    (eval form (interaction-environment))))
(write (try '(import (mylib raises))))
(newline)
(write (try '(import (mylib undefined))))
(newline)
(write (try '(import (no such library))))
(newline)
#|output
"vector-ref: expected a valid index"
"define-library: identifier(s) used but never defined: nowhere"
"import: library (no such library) not found"
|#
