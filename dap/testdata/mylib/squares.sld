(define-library (mylib squares)
  (export squares sq next-even twice)
  (import (scheme base))
  (begin
    (define (sq n)
      (* n n))
    ;; a loop that runs while the library is loaded, and never again
    (define squares
      (let loop ((i 0) (acc '()))
        (if (= i 5)
            (reverse acc)
            (loop (+ i 1) (cons (sq i) acc)))))
    ;; a loop that makes a procedure: its body runs again when that procedure is called
    (define next-even
      (let loop ((n 1))
        (if (odd? n)
            (loop (+ n 1))
            (lambda () (loop (+ n 1))))))
    ;; a body's helper, called from the procedure the body makes
    (define twice
      (let ()
        (define (double x)
          (* 2 x))
        (lambda (x) (double x))))))
