;; Included inside a procedure body of (app net): its definitions are the body's.
(define (check sock)
  (let ((ok (socket? sock)))
    (close-port sock)
    ok))
