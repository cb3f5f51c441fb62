;; A socket server with the mistakes the linter and the editor catch. Try:
;;   go run ./cmd/foment-ls check examples/mistakes/server.scm
(import (foment base))

(define (start-server port)
  ;; The family and the domain are swapped.
  (let ((s (make-socket *sock-stream* *af-inet* *ipproto-tcp*)))
    ;; The service must be a string: "12345".
    (bind-socket s "localhost" 12345 (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    s))

(define (serve client)
  ;; *msg-peek* is a receive flag: send-socket rejects it.
  (send-socket client (string->utf8 "hello\n") *msg-peek*)
  ;; A receive size is never negative.
  (recv-socket client -1 0))

(define server (start-server "12345"))
;; A misspelt name inside address-family: did you mean inet?
(define other (make-socket (address-family inte) (socket-domain stream) (ip-protocol tcp)))
(serve (accept-socket server))
(socket-send server (bytevector 1))
