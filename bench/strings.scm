(import (scheme base) (scheme write))
;; 10^6 rounds of string-append, number->string, string->utf8 and utf8->string.
(define (run n)
  (let loop ((i 0) (total 0))
    (if (= i n)
        total
        (let* ((s (string-append "key-" (number->string i) ":value"))
               (b (string->utf8 s))
               (t (utf8->string b)))
          (loop (+ i 1) (+ total (string-length t) (bytevector-length b)))))))
(display (run 1000000))
(newline)
