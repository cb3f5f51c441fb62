;; Benchmark echo client: moves TOTAL bytes each way in 64 KiB blocks, then prints the count.
;;   foment-ls run bench/echo-client.scm PORT [MODE [TOTAL]]      (TOTAL: 128 MiB)
;; MODE is one of
;;   window    up to four blocks in flight, as a streaming client keeps them (the default);
;;             each recv-socket returns a new bytevector
;;   pingpong  one block at a time: send it, receive its echo
;;   buffer    window, receiving with read-bytevector! into one buffer
;;   duplex    one thread sends while another receives (Foment cannot run this one: its
;;             threads stall while one of them waits in recv)
;;   small     latency instead: 20,000 messages of 16 bytes, each sent when the last came back
(import (foment base))
(define args (command-line))
(define port (cadr args))
(define mode (if (> (length args) 2) (caddr args) "window"))
(define total (if (> (length args) 3) (string->number (cadddr args)) (* 128 1024 1024)))
(define block-size 65536)
(define block (make-bytevector block-size 42))
(define buffer (make-bytevector block-size))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(connect-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))

;; Receives one block's worth of echo.
(define (receive-block)
  (let loop ((have 0))
    (when (< have block-size)
      (loop (+ have (if (string=? mode "buffer")
                        (read-bytevector! buffer s have block-size)
                        (bytevector-length (recv-socket s (- block-size have) 0))))))))

(define (windowed window)
  (let loop ((sent 0) (received 0))
    (cond
     ((and (< sent total) (< (- sent received) (* window block-size)))
      (send-socket s block 0)
      (loop (+ sent block-size) received))
     ((< received total)
      (receive-block)
      (loop sent (+ received block-size))))))

(define (duplex)
  (let ((receiver (run-thread
                   (lambda ()
                     (let loop ((received 0))
                       (when (< received total)
                         (loop (+ received (bytevector-length (recv-socket s block-size 0))))))))))
    (let loop ((sent 0))
      (when (< sent total)
        (send-socket s block 0)
        (loop (+ sent block-size))))
    (thread-join! receiver)))

(define (small)
  (let ((message (make-bytevector 16 42)))
    (do ((i 0 (+ i 1))) ((= i 20000))
      (send-socket s message 0)
      (let loop ((have 0))
        (when (< have 16)
          (loop (+ have (bytevector-length (recv-socket s (- 16 have) 0)))))))))

(cond
 ((string=? mode "pingpong") (windowed 1))
 ((string=? mode "small") (small))
 ((string=? mode "duplex") (duplex))
 (else (windowed 4)))
(shutdown-socket s *shut-wr*)
(display total)
(newline)
