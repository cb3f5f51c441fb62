;; want-identifiers: read returns code whose identifiers know their place; eval reports errors
;; there, and unsyntax gives back the data. (Foment's runtests.scm reads its tests this way.)
(import (foment base))
(define p (open-input-string "(a b \"c\" #(d))\n(car 5)\n  (undefined-thing)"))
(want-identifiers p #t)
(define x (read p))
(write x) (newline)
(write (list (symbol? (car x)) (unsyntax x) (pair? x) (vector? (cadddr x))))
(newline)
(write (eq? (unsyntax (car x)) 'a))
(newline)
(define (where thunk)
  (guard (e (#t (error-object-message e))) (thunk)))
(write (where (lambda () (eval (read p) (environment '(scheme base))))))
(newline)
#|output
(a b "c" #(d))
(#f (a b "c" #(d)) #t #t)
#t
"car: expected a pair"
|#
;;;; ---- positions count on from one read to the next
(import (foment base))
(define env (interaction-environment '(scheme base)))
(define p (open-input-file "testdata/inc/forms.txt"))
(want-identifiers p #t)
(eval (read p) env)
(eval (read p) env)
#|error testdata/inc/forms.txt:3:4: car: expected a pair 1|#
;;;; ---- syntax and unsyntax
(import (foment base))
(write (unsyntax (syntax '(a (b . c) #(d)))))
(newline)
(write (symbol? (car (syntax '(a)))))
(newline)
(write (unsyntax 5))
(newline)
#|output
(a (b . c) #(d))
#f
5
|#
