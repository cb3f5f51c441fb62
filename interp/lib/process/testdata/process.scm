;; Subprocesses, run with the programs every Unix has (/bin/sh, /bin/cat, /bin/echo). The pipes
;; carry UTF-8 here; Foment 0.4 reads "héllo" back as "h??llo".
(import (foment base))
(define (read-lines port)
  (let ((s (read-line port)))
    (if (eof-object? s) '() (cons s (read-lines port)))))
(call-with-values
  (lambda () (subprocess #f #f 'stdout "/bin/sh" "-c" "cat; echo to-stderr >&2"))
  (lambda (sub out in err)
    (write (list (subprocess? sub) (subprocess? out) err (input-port-open? out) (output-port-open? in)))
    (newline)
    (for-each (lambda (line) (display line in) (newline in)) '("ABC" "DEF GHI" "héllo"))
    (close-port in)
    (write (read-lines out))
    (newline)
    (close-port out)
    (subprocess-wait sub)
    (write (subprocess-status sub))
    (newline)))
#|output
(#t #f #f #t #t)
("ABC" "DEF GHI" "héllo" "to-stderr")
0
|#
;;;; ---- status, kill, pid
(import (foment base))
(define-values (sub out in err) (subprocess #f #f #f "/bin/cat"))
(write (list (subprocess-status sub) (positive? (subprocess-pid sub))))
(subprocess-kill sub #t)
(subprocess-wait sub)
(write (subprocess-status sub))
(subprocess-kill sub #t)
(for-each close-port (list out in err))
(newline)
(define-values (sub2 out2 in2 err2) (subprocess #f #f #f "/bin/sh" "-c" "exit 3"))
(subprocess-wait sub2)
(write (subprocess-status sub2))
(newline)
#|output
(running #t)15
3
|#
;;;; ---- ports that are not files are copied: standard output is a string here
(import (foment base))
(write (system "echo hello from sh"))
(write (system "exit 1"))
(write (system/exit-code "exit 7"))
(write (system*/exit-code "/bin/sh" "-c" "exit 8"))
(write (system* "/bin/echo" "a" "b"))
(newline)
(define port (open-output-string))
(define lst (process*/ports port #f 'stdout "/bin/sh" "-c" "echo out; echo err >&2; cat"))
(define ctrl (list-ref lst 4))
(write (list (car lst) (cadddr lst) (integer? (caddr lst))))
(display "from stdin" (cadr lst))
(close-port (cadr lst))
(ctrl 'wait)
(write (list (ctrl 'status) (ctrl 'exit-code) (get-output-string port)))
(newline)
#|output
hello from sh
#t#f78a b
#t
(#f #f #t)(done-ok 0 "out\nerr\nfrom stdin")
|#
;;;; ---- the standard input comes from the current input port
(import (foment base))
(write (system* "/bin/sh" "-c" "read x; test \"$x\" = abcdef"))
(write (parameterize ((current-input-port (open-input-string "abc")))
         (system* "/bin/sh" "-c" "read x; test \"$x\" = abcdef")))
(newline)
(define lst (process "cat"))
((list-ref lst 4) 'wait)
(write ((list-ref lst 4) 'exit-code))
(newline)
#|stdin
abcdef
|#
#|output
#t#f
0
|#
;;;; ---- control procedures
(import (foment base))
(define lst (process*/ports #f #f #f "/bin/cat"))
(define ctrl (list-ref lst 4))
(write (list (ctrl 'status) (ctrl 'exit-code)))
(ctrl 'interrupt)
(ctrl 'wait)
(write (list (ctrl 'status) (ctrl 'exit-code)))
(newline)
(ctrl 'frob)
#|output
(running #f)(done-error 2)
|#
#|error <control-process>: expected status, exit-code, wait, interrupt, or kill frob|#
;;;; ---- a program that cannot start is an error here (Foment's child prints a message and exits 1)
(import (foment base))
(subprocess #f #f #f "/nonexistent/program" "arg")
#|error subprocess: unable to start program "/nonexistent/program" "no such file or directory"|#
;;;; ---- a directory is not a program
(import (foment base))
(system*/exit-code "/tmp")
#|error system*/exit-code: unable to start program "/tmp" "permission denied"|#
;;;; ---- port arguments are checked
(import (foment base))
(subprocess (current-input-port) #f #f "/bin/true")
#|error subprocess: expected #f or an output port|#
