;; Console ports and file-encoding. Standard input and output are not terminals here.
(import (foment base))
(write (list (console-port? (current-output-port)) (interactive-console-port? (current-input-port)) (console-port? 5)))
(define bp (open-input-bytevector #u8(1 2 3)))
(write (eq? bp (make-buffered-port bp)))
(newline)
(define dir (build-path (get-environment-variable "TEST_TMPDIR") "console"))
(create-directory dir)
(define file (build-path dir "latin1.txt"))
(define latin-1 (lambda (p) (transcoded-port p (make-transcoder (latin-1-codec) 'lf 'replace))))
(write (eq? (file-encoding) make-encoded-port))
(parameterize ((file-encoding latin-1))
  (call-with-output-file file (lambda (p) (write-string "café" p))))
(write (call-with-port (open-binary-input-file file) (lambda (p) (read-bytevector 10 p))))
(write (parameterize ((file-encoding latin-1)) (call-with-input-file file read-line)))
(write (call-with-input-file file read-line))
(newline)
#|output
(#f #f #f)#t
#t#u8(99 97 102 233)"café""caf�"
|#
;;;; ---- file-encoding must give a textual port
(import (foment base))
(define dir (build-path (get-environment-variable "TEST_TMPDIR") "console2"))
(create-directory dir)
(parameterize ((file-encoding (lambda (p) p)))
  (open-output-file (build-path dir "x.txt")))
#|error open-output-file: expected file-encoding to make a textual port|#
;;;; ---- echo needs a terminal
(import (foment base))
(set-console-input-echo! (current-input-port) #f)
#|error set-console-input-echo!: expected a console input port|#
