;; A server the debugger tests drive: it listens on a free port, takes one client and reports
;; what it receives.
(import (foment base))
(define server (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket server "127.0.0.1" "0" (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket server)
(display "listening")
(newline)
(define client (accept-socket server))
(define message (recv-socket client 100 0))
(display (utf8->string message))
(newline)
(close-port client)
(close-port server)
