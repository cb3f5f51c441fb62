;; An error that a guard catches, then one that nothing catches.
(import (scheme base) (scheme write))
(define (check n)
  (if (< n 0) (error "negative:" n) n))
(display (guard (e (#t 'caught)) (check -1)))
(newline)
(check 5)
(check -2)
