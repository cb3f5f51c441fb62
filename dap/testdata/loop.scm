;; Runs until it is stopped; a worker thread waits on a mutex meanwhile.
(import (foment base))
(define counter 0)
(define lock (make-exclusive))
(define worker (run-thread (lambda () (with-exclusive lock (sleep 100000)))))
(define (spin n)
  (set! counter (+ counter 1))
  (if (> n 0) (spin (- n 1)) (spin 1000)))
(spin 1000)
