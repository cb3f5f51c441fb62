;; The client/server pair of Foment's "Sockets" page: one script, two roles.
;;
;;   foment-ls run examples/sockets.scm server            # terminal 1
;;   foment-ls run examples/sockets.scm client            # terminal 2: type lines
;;
;; The server accepts one connection on localhost port 12345 and prints what arrives; the
;; client sends each line it reads from standard input. An optional last argument chooses
;; another port. (When standard input ends, read-line returns the end-of-file object and
;; string->utf8 fails on it: the client ends with an error, as it does under Foment.)
(import (foment base))

(define port
  (let ((args (command-line)))
    (if (> (length args) 2) (list-ref args 2) "12345")))

(define (server)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (bind-socket s "localhost" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    (let ((c (accept-socket s)))
      (let loop ()
        (let ((bv (read-bytevector 128 c)))
          (if (not (eof-object? bv))
              (begin
                (display (utf8->string bv))
                (newline)
                (loop))))))))

(define (client)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (connect-socket s "localhost" port (address-family inet) (socket-domain stream) 0
                    (ip-protocol tcp))
    (let loop ()
      (write-bytevector (string->utf8 (read-line)) s)
      (loop))))

(cond
 ((member "client" (command-line)) (client))
 ((member "server" (command-line)) (server))
 (else
  (display "error: expected client or server on the command line")
  (newline)))
