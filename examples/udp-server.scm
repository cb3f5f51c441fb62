;; A UDP server: prints each datagram it receives, until one says "quit".
;;
;;   foment-ls run examples/udp-server.scm [port]         (default 12347)
(import (foment base))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (cadr args) "12347")))

(define s (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(bind-socket s "localhost" port (address-family inet) (socket-domain datagram) (ip-protocol udp))
(let loop ()
  (let ((text (utf8->string (recv-socket s 1024 0))))
    (display "datagram: ")
    (display text)
    (newline)
    (flush-output-port)
    (if (not (string=? text "quit"))
        (loop))))
