;; (local-port socket): the port number a bound socket got, as a string, read from how write
;; shows the socket: #<socket tcp 127.0.0.1:PORT listening>.
(define (local-port s)
  (let* ((text (call-with-port (open-output-string) (lambda (p) (write s p) (get-output-string p))))
         (cs (cdr (member #\: (string->list text)))))
    (let loop ((cs cs) (acc '()))
      (if (char-numeric? (car cs)) (loop (cdr cs) (cons (car cs) acc)) (list->string (reverse acc))))))
