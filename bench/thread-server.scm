;; Benchmark server of one thread per connection: accepts CLIENTS connections, and each thread
;; echoes what its client sends until the client closes.
;;   foment-ls run bench/thread-server.scm PORT CLIENTS
(import (foment base))
(define args (command-line))
(define port (cadr args))
(define clients (string->number (caddr args)))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket s 128)

(define (serve c)
  (let loop ()
    (let ((b (recv-socket c 4096 0)))
      (if (> (bytevector-length b) 0)
          (begin
            (send-socket c b 0)
            (loop))
          (shutdown-socket c *shut-rdwr*)))))

(let loop ((i 0) (threads '()))
  (if (< i clients)
      (let ((c (accept-socket s)))
        (loop (+ i 1) (cons (run-thread (lambda () (serve c))) threads)))
      (for-each thread-join! threads)))
