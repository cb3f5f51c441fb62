;; SRFI 166: a table of 2,000 rows with padding, numbers and joins, into a string.
(import (scheme base) (scheme write) (srfi 166))
(import (scheme cxr))
(define rows (let loop ((i 0) (acc '())) (if (= i 2000) acc (loop (+ i 1) (cons (list i (* i 1.5) (string-append "host" (number->string i))) acc)))))
(define s
  (show #f (joined/suffix
            (lambda (r)
              (each (padded 6 (car r)) " " (padded/right 12 (caddr r)) " "
                    (with ((precision 2)) (numeric (cadr r) 10 2 #f 3))))
            rows nl)))
(write (string-length s))
(newline)
