(define-library (mylib squares)
  (export squares sq)
  (import (scheme base))
  (begin
    (define (sq n)
      (* n n))
    ;; a loop that runs while the library is loaded, and never again
    (define squares
      (let loop ((i 0) (acc '()))
        (if (= i 5)
            (reverse acc)
            (loop (+ i 1) (cons (sq i) acc)))))))
