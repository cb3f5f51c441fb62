;; Load for examples/thread-server.scm: CLIENTS clients at once (default 50), each on its own
;; thread and its own connection, each sending ROUNDS messages (default 100) of 1 to 1,000
;; bytes, a pattern of its own in each, and checking that every byte comes back.
;;
;;   foment-ls run examples/thread-clients.scm [port [clients [rounds]]]    (default 12348)
(import (scheme base) (scheme write) (scheme process-context) (foment base))

(define args (command-line))
(define (arg i default) (if (> (length args) i) (list-ref args i) default))
(define port (arg 1 "12348"))
(define clients (string->number (arg 2 "50")))
(define rounds (string->number (arg 3 "100")))

;; The message client c sends in round r.
(define (message c r)
  (let* ((size (+ 1 (modulo (+ (* c 37) (* r 101)) 1000)))
         (bv (make-bytevector size)))
    (do ((i 0 (+ i 1)))
        ((= i size) bv)
      (bytevector-u8-set! bv i (modulo (+ (* c 131) (* r 7) i) 256)))))

;; Receives n bytes into a new bytevector: a stream may deliver them in several pieces.
(define (receive-exactly s n)
  (let ((buf (make-bytevector n)))
    (let loop ((have 0))
      (if (= have n)
          buf
          (let ((part (recv-socket s (- n have) 0)))
            (if (= (bytevector-length part) 0)
                (error "the server closed the connection early" have n))
            (bytevector-copy! buf have part)
            (loop (+ have (bytevector-length part))))))))

;; Checks every byte of what came back against what went.
(define (check c r sent got)
  (do ((i 0 (+ i 1)))
      ((= i (bytevector-length sent)))
    (if (not (= (bytevector-u8-ref sent i) (bytevector-u8-ref got i)))
        (error "a byte came back changed" c r i (bytevector-u8-ref sent i) (bytevector-u8-ref got i)))))

;; One client: returns the number of bytes echoed.
(define (client c)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (connect-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))
    (let loop ((r 0) (total 0))
      (if (= r rounds)
          (begin
            (close-port s)
            total)
          (let ((sent (message c r)))
            (send-socket s sent 0)
            (check c r sent (receive-exactly s (bytevector-length sent)))
            (loop (+ r 1) (+ total (bytevector-length sent))))))))

(define threads
  (let loop ((c 0) (threads '()))
    (if (= c clients)
        (reverse threads)
        (loop (+ c 1) (cons (run-thread (lambda () (client c))) threads)))))
(display clients)
(display " clients, ")
(display (apply + (map thread-join! threads)))
(display " bytes echoed, every byte checked")
(newline)
