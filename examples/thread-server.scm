;; An echo server of one thread per connection, on the loopback address: each client's thread
;; sends back what the client sends until the client closes. With CLIENTS it serves that many
;; clients, then waits for their threads and prints how many bytes it echoed; without, it
;; serves for ever.
;;
;;   foment-ls run examples/thread-server.scm [port [clients]]      (default 12348)
;;   foment-ls run examples/thread-clients.scm [port [clients [rounds]]]
(import (scheme base) (scheme write) (scheme process-context) (foment base))

(define args (command-line))
(define port (if (> (length args) 1) (cadr args) "12348"))
(define limit (and (> (length args) 2) (string->number (caddr args))))

(define server (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket server "127.0.0.1" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket server 128)
(display "listening on 127.0.0.1:")
(display port)
(newline)
(flush-output-port)

;; Echoes one client; returns the number of bytes.
(define (serve client)
  (let loop ((total 0))
    (let ((data (recv-socket client 4096 0)))
      (if (= (bytevector-length data) 0)
          (begin
            (close-port client)
            total)
          (begin
            (send-socket client data 0)
            (loop (+ total (bytevector-length data))))))))

(let accept-loop ((served 0) (threads '()))
  (if (and limit (= served limit))
      (begin
        (display "served ")
        (display served)
        (display " clients, ")
        (display (apply + (map thread-join! threads)))
        (display " bytes echoed")
        (newline))
      (let* ((client (accept-socket server))
             (thread (run-thread (lambda () (serve client)))))
        ;; A server for ever keeps no list of its threads.
        (accept-loop (+ served 1) (if limit (cons thread threads) threads)))))
