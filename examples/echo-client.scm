;; An SRFI 106 echo client: sends each line of standard input to the echo server and prints
;; the answer.
;;
;;   foment-ls run examples/echo-client.scm [port]        (default 12346)
(import (scheme base) (scheme write) (scheme process-context) (srfi 106))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (cadr args) "12346")))

(define (receive-exactly socket n)
  ;; A stream may deliver a line in several pieces: collect them.
  (let loop ((parts '()) (have 0))
    (if (>= have n)
        (apply bytevector-append (reverse parts))
        (let ((bv (socket-recv socket (- n have))))
          (if (= (bytevector-length bv) 0)
              (apply bytevector-append (reverse parts))
              (loop (cons bv parts) (+ have (bytevector-length bv))))))))

(call-with-socket (make-client-socket "localhost" port)
  (lambda (socket)
    (let loop ((line (read-line)))
      (unless (eof-object? line)
        (let ((bv (string->utf8 line)))
          (socket-send socket bv)
          (display "echo: ")
          (display (utf8->string (receive-exactly socket (bytevector-length bv))))
          (newline)
          (loop (read-line)))))))
