(import (foment base))
(write (no-value))
(newline)
(write (eq? (no-value) (if #f #f)))
(newline)
#|output
#<no-value>
#t
|#
;;;; ---- config and set-config!
(import (foment base))
(define c (config))
(write (map car c)) (newline)
(write (cdr (assq 'verbose c))) (newline)
(set-config! 'verbose #t)
(write (cdr (assq 'verbose (config)))) (newline)
(write (guard (e (#t (list (error-object-who e) (error-object-message e) (error-object-irritants e))))
  (set-config! 'no-such-option 1)))
(newline)
(write (guard (e (#t (error-object-message e)))
  (set-config! 'library-path '("/tmp"))))
(newline)
(set-config! "verbose" #t)
#|output
(collector maximum-stack-depth random-seed verbose library-extensions library-path)
#f
#t
(set-config! "set-config!: expected a config option" (no-such-option))
"set-config!: option may not be configured now"
|#
#|error set-config!: expected a symbol "verbose"|#
;;;; ---- the command line
(import (foment base))
(write (cdr (full-command-line))) (newline)
(write (equal? (cdr (full-command-line)) (command-line))) (newline)
(write (map string? (library-path))) (newline)
#|args a b|#
#|output
("test.scm" "a" "b")
#t
(#t)
|#
