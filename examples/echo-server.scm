;; An SRFI 106 echo server: every client gets its own thread; each line it sends comes back.
;;
;;   foment-ls run examples/echo-server.scm [port]        (default 12346)
(import (scheme base) (scheme write) (scheme process-context) (srfi 106) (foment base))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (cadr args) "12346")))

(define (serve client)
  (let loop ((total 0))
    (let ((data (socket-recv client 4096)))
      (if (= (bytevector-length data) 0)
          (begin
            (close-port client)
            total)
          (begin
            (socket-send client data)
            (loop (+ total (bytevector-length data))))))))

(define server (make-server-socket port))
(display "echo server listening on port ")
(display port)
(newline)
(flush-output-port)
(let accept-loop ()
  (let ((client (socket-accept server)))
    (run-thread (lambda () (serve client)))
    (accept-loop)))
