;; A UDP client: sends each line of standard input as a datagram, then "quit".
;;
;;   foment-ls run examples/udp-client.scm [port]         (default 12347)
(import (foment base))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (cadr args) "12347")))

(define s (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(connect-socket s "localhost" port (address-family inet) (socket-domain datagram) 0 (ip-protocol udp))
(let loop ((line (read-line)))
  (if (eof-object? line)
      (send-socket s (string->utf8 "quit") 0)
      (begin
        (send-socket s (string->utf8 line) 0)
        (loop (read-line)))))
