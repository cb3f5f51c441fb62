;; A TCP connection on loopback: server listens on a free port, c is a client connected to it,
;; s is the server's end of that connection.
(include "local-port.scm")
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c "127.0.0.1" (local-port server) *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define s (accept-socket server))
