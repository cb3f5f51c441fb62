(import (scheme base) (scheme write) (scheme char))
;; Counting characters and bytes by index: string-ref, string-length, bytevector-u8-ref.
(define text (let ((p (open-output-string)))
  (let loop ((i 0)) (when (< i 20000) (write-string "The quick brown fox jumps over the lazy dog. " p) (loop (+ i 1))))
  (get-output-string p)))
(define bv (string->utf8 text))
(define (count-upper s)
  (let loop ((i 0) (n 0))
    (if (= i (string-length s)) n
        (loop (+ i 1) (if (char-upper-case? (string-ref s i)) (+ n 1) n)))))
(define (sum-bytes b)
  (let loop ((i 0) (n 0))
    (if (= i (bytevector-length b)) n
        (loop (+ i 1) (+ n (bytevector-u8-ref b i))))))
(display (list (count-upper text) (sum-bytes bv) (count-upper text) (sum-bytes bv)))
(newline)
