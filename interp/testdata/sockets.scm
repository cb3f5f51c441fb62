(import (foment base))
;; Client and server in one program: the server runs on a thread; port "0" picks a free port.
(define server (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket server "localhost" "0" (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket server)
(include "inc/local-port.scm")
(define port (local-port server))
(define received '())
(define t
  (run-thread
    (lambda ()
      (let ((c (accept-socket server)))
        (let loop ()
          (let ((bv (recv-socket c 5 0)))
            (if (> (bytevector-length bv) 0)
                (begin (set! received (cons (utf8->string bv) received)) (loop))
                (begin (close-port c) 'server-done))))))))
(define client (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(connect-socket client "localhost" port (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))
(send-socket client (string->utf8 "hello") 0)
(write-bytevector (string->utf8 "world") client)
(shutdown-socket client *shut-wr*)
(write (thread-join! t))
(newline)
(write (apply string-append (reverse received)))
(newline)
(write (list (socket? client) (socket? 5) (port? client) (binary-port? client) (input-port? client) (output-port? client)))
(newline)
(close-port client)
(close-port server)
#|output
server-done
"helloworld"
(#t #f #t #t #t #t)
|#
;;;; ----
(import (foment base))
;; The constants, the syntax forms and the flag operations.
(write (list *af-unspec* *af-inet* *af-inet6* *sock-stream* *sock-dgram* *sock-raw*
             *ai-canonname* *ai-numerichost* *ai-v4mapped* *ai-all* *ai-addrconfig*
             *ipproto-ip* *ipproto-tcp* *ipproto-udp* *msg-peek* *msg-oob* *msg-waitall*
             *shut-rd* *shut-wr* *shut-rdwr*))
(newline)
(write (list (address-family inet) (address-family inet6) (address-family unspec)
             (socket-domain stream) (socket-domain datagram) (socket-domain raw)
             (ip-protocol ip) (ip-protocol tcp) (ip-protocol udp)
             (shutdown-method read) (shutdown-method write) (shutdown-method read write)))
(newline)
(write (list (message-type none) (message-type peek oob) (message-type waitall) (message-type wait-all)
             (address-info canonname) (address-info canoname numerichost) (address-info v4mapped addrconfig)))
(newline)
(write (list (socket-merge-flags) (socket-merge-flags *msg-peek* *msg-oob*) (socket-purge-flags 7 2) (socket-purge-flags 259 *msg-waitall*)))
(newline)
#|output
(0 2 10 1 2 3 2 4 8 16 32 0 6 17 2 1 256 0 1 2)
(2 10 0 1 2 3 0 6 17 0 1 2)
(0 3 256 256 2 6 40)
(0 3 5 3)
|#
;;;; ----
(import (foment base))
(socket-domain streem)
#|error socket-domain: expected datagram, raw, stream, got (socket-domain streem)|#
;;;; ----
(import (foment base))
(define (try thunk)
  (guard (e ((error-object? e) (write (cons (error-object-message e) (error-object-irritants e))) (newline)))
    (write (thunk)) (newline)))
(define s (make-socket *af-inet* *sock-stream* *ipproto-ip*))
(try (lambda () (make-socket 1 2)))
(try (lambda () (make-socket 99 1 0)))
(try (lambda () (bind-socket s 'localhost "0" 2 1 0)))
(try (lambda () (bind-socket s "localhost" 80 2 1 0)))
(try (lambda () (send-socket s "abc" 0)))
(try (lambda () (send-socket 5 (bytevector) 0)))
(try (lambda () (send-socket s (bytevector 1) *msg-peek*)))
(try (lambda () (send-socket s (bytevector 1) *msg-waitall*)))
(try (lambda () (recv-socket s -1 0)))
(try (lambda () (recv-socket s 1.5 0)))
(try (lambda () (recv-socket s 10 4)))
(try (lambda () (connect-socket s "localhost" "1" 2 1 0)))
(try (lambda () (shutdown-socket s 7)))
(try (lambda () (message-type peek bogus)))
(try (lambda () (address-info nothing)))
(try (lambda () (accept-socket s)))
(try (lambda () (shutdown-socket s *shut-rd*)))
(try (lambda () (listen-socket s -1)))
#|output
("make-socket: expected three arguments")
("make-socket: expected an address family: *af-inet*, *af-inet6* or *af-unspec*" 99)
("bind-socket: expected a string" localhost)
("bind-socket: expected a string" 80)
("send-socket: expected a bytevector" "abc")
("send-socket: expected a socket port" 5)
("send-socket: expected send flags: 0 or *msg-oob*" 2)
("send-socket: expected send flags: 0 or *msg-oob*" 256)
("recv-socket: expected an exact non-negative integer" -1)
("recv-socket: expected an exact non-negative integer" 1.5)
("recv-socket: expected receive flags: 0, *msg-peek*, *msg-oob* or *msg-waitall*" 4)
("connect-socket: expected seven arguments")
("shutdown-socket: expected a shutdown method: *shut-rd*, *shut-wr* or *shut-rdwr*" 7)
("message-type: expected a message type flag" bogus)
("address-info: expected an address info flag" nothing)
("accept-socket: accept failed" "Invalid argument")
("shutdown-socket: shutdown failed" #<socket tcp created> 0 "Transport endpoint is not connected")
("listen-socket: expected an exact non-negative integer" -1)
|#
;;;; ----
(import (foment base) (srfi 106))
;; SRFI 106 on loopback, with a connection refused caught as an error.
(define server (make-server-socket "0"))
(include "inc/local-port.scm")
(define port (local-port server))
(define t (run-thread (lambda ()
  (call-with-socket (socket-accept server)
    (lambda (c)
      (let ((msg (socket-recv c 100)))
        (socket-send c (bytevector-append (string->utf8 "echo:") msg))
        'served))))))
(define c (make-client-socket "localhost" port))
(socket-send c (string->utf8 "ping"))
(write (utf8->string (socket-recv c 100 (message-type peek))))
(write (utf8->string (socket-recv c 100)))
(write (socket-recv c 100))
(newline)
(write (list (thread-join! t) (eq? (socket-input-port c) c) (eq? (socket-output-port c) c)))
(newline)
(socket-shutdown c *shut-rdwr*)
(socket-close c)
(socket-close server)
(write (guard (e ((error-object? e) (error-object-message e))) (make-client-socket "localhost" port)))
(newline)
#|output
"echo:ping""echo:ping"#u8()
(served #t #t)
"connect-socket: connect failed"
|#
;;;; ----
(import (foment base))
;; UDP: a datagram socket bound to a free port, a connected client, one datagram each way.
(define s (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(bind-socket s "127.0.0.1" "0" (address-family inet) (socket-domain datagram) (ip-protocol udp))
(include "inc/local-port.scm")
(define port (local-port s))
(define c (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(connect-socket c "127.0.0.1" port (address-family inet) (socket-domain datagram) 0 (ip-protocol udp))
(send-socket c (string->utf8 "first") 0)
(send-socket c (string->utf8 "second") 0)
(write (list (utf8->string (recv-socket s 100 0)) (utf8->string (recv-socket s 3 0))))
(newline)
#|output
("first" "sec")
|#
;;;; ----
(import (foment base))
;; Text over a socket: a UTF-8 textual port on each end, read-line and display; closing the
;; textual port leaves the socket open (Foment closes it).
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(include "inc/local-port.scm")
(define port (local-port server))
(define t (run-thread (lambda ()
  (let* ((c (accept-socket server))
         (in (make-encoded-port c)))
    (let ((lines (list (read-line in) (read-line in))))
      (close-port in)
      (send-socket c (string->utf8 "still open") 0)
      lines)))))
(define client (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket client "127.0.0.1" port *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define out (make-encoded-port client))
(display "héllo wörld\nsecond line\n" out)
(write (thread-join! t))
(write (utf8->string (recv-socket client 100 0)))
(newline)
#|output
("héllo wörld" "second line")"still open"
|#
;;;; ----
(import (foment base))
;; Full duplex on two threads: one sends 1 MiB in 64 KiB blocks while the other receives the
;; echo; a large receive returns what has arrived, never more; the bytes come back intact.
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(include "inc/local-port.scm")
(define port (local-port server))
(define total (* 1024 1024))
(define echo
  (run-thread
    (lambda ()
      (let ((c (accept-socket server)) (buf (make-bytevector 4096)))
        (let loop ((n 0))
          (let ((k (read-bytevector! buf c)))
            (if (eof-object? k)
                (begin (close-port c) n)
                (begin (write-bytevector buf c 0 k) (loop (+ n k))))))))))
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c "127.0.0.1" port *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define block (make-bytevector 65536))
(do ((i 0 (+ i 1))) ((= i 65536)) (bytevector-u8-set! block i (modulo (* i 7) 251)))
(define sender
  (run-thread
    (lambda ()
      (do ((sent 0 (+ sent 65536))) ((= sent total) (shutdown-socket c *shut-wr*) sent)
        (send-socket c block 0)))))
(define (receive)
  (let loop ((got 0) (bad 0) (largest 0))
    (let ((bv (recv-socket c 100000 0)))
      (if (= (bytevector-length bv) 0)
          (list got bad (<= largest 100000))
          (let check ((i 0) (bad bad))
            (if (< i (bytevector-length bv))
                (check (+ i 1)
                       (if (= (bytevector-u8-ref bv i) (modulo (* (modulo (+ got i) 65536) 7) 251)) bad (+ bad 1)))
                (loop (+ got (bytevector-length bv)) bad (max largest (bytevector-length bv)))))))))
(write (receive))
(write (list (thread-join! sender) (thread-join! echo)))
(newline)
#|output
(1048576 0 #t)(1048576 1048576)
|#
;;;; ----
(import (foment base))
;; A receive sized far beyond what arrived returns what arrived; read-bytevector too.
(include "inc/connected-pair.scm")
(send-socket c (string->utf8 "hello") 0)
(write (recv-socket s 1000000 0))
(send-socket c (string->utf8 "world") 0)
(write (read-bytevector 1000000 s))
(send-socket c (bytevector 1 2 3) 0)
(write (list (recv-socket s 2 *msg-peek*) (recv-socket s 10 0)))
(shutdown-socket c *shut-wr*)
(write (list (recv-socket s 10 0) (read-bytevector 10 s)))
(newline)
#|output
#u8(104 101 108 108 111)#u8(119 111 114 108 100)(#u8(1 2) #u8(1 2 3))(#u8() #<end-of-file>)
|#
;;;; ----
(import (foment base))
;; A socket closed by one thread while another waits in recv on it: the wait ends with an
;; error that the waiting thread catches.
(include "inc/connected-pair.scm")
(define waiter
  (run-thread
    (lambda ()
      (guard (e ((error-object? e) (cons (error-object-message e) (cdr (error-object-irritants e)))))
        (recv-socket s 10 0)))))
(sleep 50)
(close-port s)
(write (thread-join! waiter))
(write (list (input-port-open? s) (output-port-open? s)))
(newline)
#|output
("recv-socket: recv failed" "Socket is closed")(#f #f)
|#
;;;; ----
(import (foment base))
;; UDP: an empty datagram is a message of its own, not the end of anything.
(define s (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(bind-socket s "127.0.0.1" "0" (address-family inet) (socket-domain datagram) (ip-protocol udp))
(include "inc/local-port.scm")
(define port (local-port s))
(define c (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(connect-socket c "127.0.0.1" port (address-family inet) (socket-domain datagram) 0 (ip-protocol udp))
(send-socket c (bytevector) 0)
(send-socket c (bytevector 9 8 7) 0)
(write (list (recv-socket s 100 0) (recv-socket s 100 0)))
(newline)
#|output
(#u8() #u8(9 8 7))
|#
;;;; ----
(import (foment base))
;; A socket as a binary port: u8-ready? never blocks, peek-u8, read-u8, write-u8; the wait-all
;; flag fills the whole receive; transcoded-port speaks text over it.
(include "inc/connected-pair.scm")
(write (u8-ready? s))
(write-u8 65 c)
(write-u8 66 c)
(let wait () (unless (u8-ready? s) (wait)))
(write (list (peek-u8 s) (read-u8 s) (read-u8 s) (u8-ready? s)))
(newline)
(define t (run-thread (lambda () (recv-socket s 6 *msg-waitall*))))
(send-socket c (bytevector 1 2 3) 0)
(sleep 20)
(send-socket c (bytevector 4 5 6) 0)
(write (thread-join! t))
(newline)
(define text-out (transcoded-port c (native-transcoder)))
(define text-in (transcoded-port s (make-transcoder (utf-8-codec) 'crlf 'raise)))
(write-string "λ line\n" text-out)
(flush-output-port text-out)
(write (read-line text-in))
(shutdown-socket c *shut-wr*)
(write (list (read-u8 s) (peek-u8 s) (u8-ready? s)))
(newline)
#|output
#f(65 65 66 #f)
#u8(1 2 3 4 5 6)
"λ line"(#<end-of-file> #<end-of-file> #t)
|#
;;;; ----
(import (foment base))
;; A server that closes first (its side keeps the port in TIME_WAIT) binds the same port again
;; at once.
(include "inc/local-port.scm")
(define (serve-once port)
  (let ((server (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
    (bind-socket server "127.0.0.1" port *af-inet* *sock-stream* *ipproto-tcp*)
    (listen-socket server)
    (let ((c (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
      (connect-socket c "127.0.0.1" (local-port server) *af-inet* *sock-stream* 0 *ipproto-tcp*)
      (let ((s (accept-socket server)))
        (send-socket s (bytevector 1) 0)
        (close-port s)
        (close-port server)
        (recv-socket c 1 0)
        (close-port c)
        (local-port server)))))
(define first (serve-once "0"))
(write (string=? first (serve-once first)))
(newline)
#|output
#t
|#
;;;; ----
(import (foment base) (srfi 106))
;; Every operation on a closed socket fails the same way; a misuse (send on a listening socket)
;; fails without marking the socket failed.
(define (try thunk)
  (guard (e ((error-object? e) (write (cons (error-object-message e) (cdr (error-object-irritants e)))) (newline)))
    (write (thunk)) (newline)))
(define (state-of s)
  (let* ((text (call-with-port (open-output-string) (lambda (p) (write s p) (get-output-string p))))
         (cs (reverse (string->list text))))
    (let loop ((cs (cdr cs)) (acc '()))
      (if (char=? (car cs) #\space) (list->string acc) (loop (cdr cs) (cons (car cs) acc))))))
(define s (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(close-port s)
(try (lambda () (bind-socket s "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)))
(try (lambda () (listen-socket s)))
(try (lambda () (connect-socket s "127.0.0.1" "1" *af-inet* *sock-stream* 0 *ipproto-tcp*)))
(try (lambda () (send-socket s (bytevector 1) 0)))
(try (lambda () (recv-socket s 1 0)))
(try (lambda () (shutdown-socket s *shut-rdwr*)))
(try (lambda () (read-u8 s)))
(try (lambda () (socket-close s)))
(define l (make-server-socket "0"))
(try (lambda () (send-socket l (bytevector 1) 0)))
(try (lambda () (u8-ready? l)))
(write (state-of l))
(newline)
#|output
("bind-socket: bind failed" "127.0.0.1" "0" "Socket is closed")
("listen-socket: listen failed" "Socket is closed")
("connect-socket: connect failed" "127.0.0.1" "1" 2 1 6 "Socket is closed")
("send-socket: send failed" "Socket is closed")
("recv-socket: recv failed" "Socket is closed")
("shutdown-socket: shutdown failed" 2 "Socket is closed")
("read-u8: expected an open binary input port")
#<no-value>
("send-socket: send failed" "Broken pipe")
#f
"listening"
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
;; peek-u8 leaves the byte in the kernel's queue: the port's reads and recv-socket read one
;; stream, in order (read-bytevector gets the peeked byte and what arrived after it, as in
;; Foment).
(include "inc/connected-pair.scm")
(send-socket c (string->utf8 "abcdefg") 0)
(sleep 50)
(write (list (read-u8 s) (peek-u8 s) (peek-u8 s)))
(write (utf8->string (read-bytevector 2 s)))
(write (peek-u8 s))
(write (utf8->string (recv-socket s 2 0)))
(write (list (read-u8 s) (u8-ready? s)))
(write (utf8->string (read-bytevector 10 s)))
(close-port c)
(write (list (peek-u8 s) (read-u8 s)))
(newline)
#|output
(97 98 98)"bc"100"de"(102 #t)"g"(#<end-of-file> #<end-of-file>)
|#
;;;; ----
;; A local binding of a literal of the socket syntax forms: Foment's syntax-rules does not
;; match it ("syntax-rules: unable to match pattern"), and the program does not run.
(import (scheme base) (scheme write) (srfi 106))
(let ((tcp 1))
  (write (ip-protocol tcp)))
#|error syntax-rules: unable to match pattern (ip-protocol tcp)|#
;;;; ----
;; A global of that name: Foment matches the literal while the global has no value when the
;; use is expanded. (define tcp 1) gets its value when it runs; a procedure definition
;; (define (udp) …) gets it as Foment meets it, after the bodies of the procedure definitions
;; before it are expanded (early), before the expressions.
(import (scheme base) (scheme read) (scheme write) (srfi 106))
(define tcp 1)
(define (early) (ip-protocol udp))
(define (udp) 0)
(write (list (ip-protocol tcp) (early) (shutdown-method read write)))
(let ((udp 0))
  (write (message-type peek)))
(newline)
#|output
(6 17 2)2
|#
;;;; ----
(import (scheme base) (scheme write) (srfi 106))
(define (tcp) (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(write (ip-protocol tcp))
#|error test.scm:414:8: syntax-rules: unable to match pattern (ip-protocol tcp): the procedure definition of tcp (line 413) hides the literal|#
;;;; ----
;; The expressions are expanded after every definition of the program was met.
(import (scheme base) (scheme write) (srfi 106))
(write (ip-protocol udp))
(define (udp) 17)
#|error syntax-rules: unable to match pattern (ip-protocol udp): the procedure definition of udp (line 420) hides the literal|#
;;;; ----
;; read and write are (foment base)'s procedures where the literals are defined: the use must
;; mean the same procedure.
(import (scheme base) (scheme write) (srfi 106))
(write (shutdown-method read write))
#|error syntax-rules: unable to match pattern (shutdown-method read): the literal means (foment base)'s read, and read is not imported here: import (scheme read)|#
