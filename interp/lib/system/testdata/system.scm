;; (srfi 112): every answer is a string (or #f); the procedures take no arguments.
(import (scheme base) (scheme write) (srfi 112))
(write (map (lambda (f) (or (string? (f)) (not (f))))
            (list implementation-name implementation-version cpu-architecture machine-name
                  os-name os-version)))
(newline)
(write (list (implementation-name) (implementation-version)))
(newline)
(os-name 1)
#|output
(#t #t #t #t #t #t)
("foment" "0.4")
|#
#|error os-name: expected no arguments|#
;;;; ----
;; (srfi 112) names are in (foment base) too.
(import (foment base))
(write (string? (os-name)))
#|output
#t|#
;;;; ----
;; (srfi 176): an alist with symbols for keys. scheme.srfi lists every SRFI we ship (Foment 0.4
;; leaves out 166 and others it has).
(import (scheme base) (scheme write) (srfi 176))
(define v (version-alist))
(write (and (list? v) (let loop ((v v)) (or (null? v) (and (pair? (car v)) (symbol? (caar v)) (loop (cdr v)))))))
(newline)
(write (assq 'scheme.id v))
(newline)
(write (and (memv 1 (cdr (assq 'scheme.srfi v))) (memv 166 (cdr (assq 'scheme.srfi v))) #t))
(newline)
(write (and (memq 'r7rs (cdr (assq 'scheme.features v))) #t))
#|output
#t
(scheme.id foment)
#t
#t|#
;;;; ----
;; (srfi 193): the command line of a script run as `test.scm one two`.
(import (scheme base) (scheme write) (srfi 193))
(write (list (command-line) (command-name) (command-args)))
(newline)
(define f (script-file))
(define d (script-directory))
(write (list (string=? (substring f (- (string-length f) 9) (string-length f)) "/test.scm")
             (char=? (string-ref f 0) #\/)
             (string=? d (substring f 0 (- (string-length f) 8)))))
#|args one two|#
#|output
(("test.scm" "one" "two") "test" ("one" "two"))
(#t #t #t)|#
