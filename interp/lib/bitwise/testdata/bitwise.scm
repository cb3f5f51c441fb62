;; (srfi 151): fields, rotations, bit lists and folds, on fixnums and bignums.
(import (scheme base) (scheme write) (srfi 151))
(write (list (bitwise-eqv 12 10) (bitwise-nand 12 10) (bitwise-nor 12 10) (bitwise-andc1 12 10) (bitwise-andc2 12 10)
             (bitwise-orc1 12 10) (bitwise-orc2 12 10) (bitwise-if 12 10 5) (bit-swap 0 2 4)))
(newline)
(write (list (any-bit-set? 3 6) (every-bit-set? 4 6) (first-set-bit 40) (first-set-bit 0) (bit-set? 1 6) (bit-set? 70 -1)
             (copy-bit 0 0 #t) (copy-bit 2 15 #f) (bit-field #b1101101010 0 4) (bit-field-any? #b1001 1 3) (bit-field-every? #b1111 0 3)))
(newline)
(write (list (bit-field-clear #b101010 1 4) (bit-field-set #b101010 1 4) (bit-field-replace #b101010 #b010 1 4)
             (bit-field-replace-same #b1111 #b0000 1 3) (bit-field-rotate #b110 1 1 2) (bit-field-rotate #b110 1 1 3)
             (bit-field-reverse 6 1 3) (bit-field-reverse #b10100000 0 8)))
(newline)
(write (list (bits->list 6) (bits->list 6 4) (list->bits '(#f #t #t)) (bits->vector 5) (vector->bits #(#t #f #t)) (bits #t #t)
             (bitwise-fold cons '() 6) (bitwise-unfold (lambda (i) (= i 4)) even? (lambda (i) (+ i 1)) 0)))
(newline)
(define big (expt 2 100))
(write (list (bit-set? 100 big) (first-set-bit big) (bit-field (+ big 5) 0 3) (bit-count big) (integer-length big)
             (= (bitwise-nand big big) (- -1 big))))
(newline)
(define g (make-bitwise-generator 5))
(write (list (g) (g) (g) (g)))
(let ((acc '())) (bitwise-for-each (lambda (b) (set! acc (cons b acc))) 11) (write acc))
(newline)
(bit-field 5 3 1)
#|output
(-7 -9 -15 2 4 -5 -3 9 1)
(#t #t 3 -1 #t #t 1 11 10 #f #t)
(32 46 36 9 6 6 6 5)
((#f #t #t) (#f #t #t #f) 6 #(#t #f #t) 5 3 (#t #t #f) 5)
(#t 100 5 1 101 #t)
(#t #f #t #f)(#t #f #t #t)
|#
#|error bit-field: expected start <= end 3 1|#
;;;; ----
;; (srfi 60): its names, its most-significant-first bit lists, its renames.
(import (scheme base) (scheme write) (srfi 60))
(write (list (logand 12 10) (logior 12 10) (logxor 12 10) (lognot 12) (logcount 7) (ash 1 10) (logtest 4 6) (logbit? 2 4)
             (log2-binary-factors 12) (bitwise-merge 12 10 5) (bitwise-if 12 10 5)
             (integer->list 6) (integer->list 6 4) (list->integer '(#t #f #t)) (booleans->integer #t #t #f)
             (copy-bit-field #b1111 0 1 3) (rotate-bit-field #b110 1 1 3) (reverse-bit-field 6 1 3)
             (eq? logand bitwise-and)))
#|output
(8 14 6 -13 3 1024 #t #t 2 9 9 (#t #t #f) (#f #t #t #f) 5 6 9 6 6 #t)|#
;;;; ----
(import (scheme base) (srfi 151))
(bitwise-nand 1.5 2)
#|error bitwise-nand: expected an exact integer 1.5|#
