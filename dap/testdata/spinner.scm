;; A worker thread that spins, and a main thread that waits for it.
(import (foment base))
(define counter 0)
(define (spin)
  (set! counter (+ counter 1))
  (spin))
(define worker (run-thread spin))
(thread-join! worker)
