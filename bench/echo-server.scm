;; Benchmark echo server: sends back everything it receives, until the client closes.
;;   foment-ls run bench/echo-server.scm PORT
(import (foment base))
(define port (cadr (command-line)))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket s)
(define c (accept-socket s))
(let loop ()
  (let ((bv (recv-socket c 65536 0)))
    (if (> (bytevector-length bv) 0)
        (begin (send-socket c bv 0) (loop)))))
(close-port c)
