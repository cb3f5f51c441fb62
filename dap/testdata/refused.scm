;; Connects to a port where nothing listens; the error is caught.
(import (foment base))
(define port (list-ref (command-line) 1))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(display (guard (e (#t 'refused))
  (connect-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))))
(newline)
