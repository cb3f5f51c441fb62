;; (srfi 166): a server's log line and a table of clients.
(import (scheme base) (scheme cxr) (scheme write) (srfi 166))
(define clients '(("127.0.0.1" 5000 1536) ("::1" 443 1234567) ("10.0.0.12" 8080 42)))
(show #t "clients: " (length clients) nl)
(for-each (lambda (c)
            (show #t (padded/right 12 (car c)) (padded 6 (cadr c)) " " (numeric/si (caddr c) 1024) "B" nl))
          clients)
(show #t (joined (lambda (c) (written (car c))) clients ", ") nl)
(show #t (with ((precision 2)) "ratio " (/ 2 3) " " 3.14159) nl)
(show #t (numeric/comma 1234567) " " (numeric -42 10 #f '("(" . ")")) " " (with ((radix 16)) 255) nl)
(show #t "tab" (tab-to) "|" (space-to 12) "|" nl)
(write (show #f (written "a\"b") (written #\a) (written '(1 #(2 3) . 4))))
#|output
clients: 3
127.0.0.1     5000 1.5KiB
::1            443 1.2MiB
10.0.0.12     8080 42B
"127.0.0.1", "::1", "10.0.0.12"
ratio 0.67 3.14
1,234,567 (42) #xff
tab     |   |
"\"a\\\"b\"#\\a(1 #(2 3) . 4)"|#
;;;; ----
;; fn reads state variables, with binds them, with! sets them for what follows (a formatter, as
;; SRFI 166 says; Foment 0.4 sets them when with! is evaluated, out of show here).
(import (scheme base) (scheme write) (srfi 166 base))
(write (list (show #f "col: " (fn (col) col))
             (show #f "abc" (fn ((c col) (w width)) (each c "/" w)))
             (show #f (with ((pad-char #\.) (width 40)) (padded 6 "ab")) (padded 4 "x"))
             (show #f (with! (width 40)) (fn (width) width) " " (with ((width 10)) (fn (width) width)) " " (fn (width) width))
             (show #f (forked (with! (width 7)) "") (fn (width) width))
             (show #f (call-with-output (each "abc" "def") (lambda (s) (string-length s))))))
(newline)
(define counter (make-state-variable "counter" 0))
(write (show #f (fn (counter) counter) (with ((counter 5)) (fn (counter) counter))))
#|output
("col: 5" "abc3/100" "....ab   x" "40 10 40" "100" "6")
"05"|#
;;;; ----
;; Trimming, padding, fitting; escaping.
(import (scheme base) (scheme char) (scheme write) (srfi 166))
(write (list (show #f (trimmed 3 "abcde")) (show #f (trimmed/right 3 "abcde")) (show #f (trimmed/both 3 "abcde"))
             (show #f (with ((ellipsis "..")) (trimmed/right 6 "abcdefgh"))) (show #f (fitted 4 "ab"))
             (show #f (fitted/right 4 "abcdef")) (show #f (padded/both 7 "mid"))
             (show #f (trimmed/lazy 8 (joined/range displayed 0 #f " ")))
             (show #f (escaped "say \"hi\"")) (show #f (maybe-escaped "a b" char-whitespace?))
             (show #f (maybe-escaped "ab" char-whitespace?)) (show #f (upcased "shout") (downcased " WHISPER"))))
#|output
("cde" "abc" "bcd" "abcd.." "  ab" "abcd" "  mid  " "0 1 2 3 " "say \\\"hi\\\"" "\"a b\"" "ab" "SHOUT whisper")|#
;;;; ----
;; Numbers: radix, precision, signs, commas, alignment, SI prefixes, fitting. A float halfway
;; between two roundings goes away from zero (1.25 ⇒ 1.3), an exact number to even (9/8 ⇒ 1.12),
;; as in Foment.
(import (scheme base) (scheme write) (srfi 166))
(write (list (show #f (numeric 255 16)) (show #f (numeric 3/2 2)) (show #f (numeric 9.25 2)) (show #f (numeric 0.1 3 4))
             (show #f (numeric 1/3 10 5)) (show #f (numeric 2/3 10 0)) (show #f (numeric 1.5 10 0))
             (show #f (numeric 1 10 #f #t)) (show #f (numeric 1234567.891 10 2 #f 3))
             (show #f (numeric 1234567 10 #f #f '(3 2))) (show #f (numeric 1.5 10 #f #f #f #\. #\,))
             (show #f (with ((decimal-align 4) (precision 1)) (numeric 1.25) nl (numeric 123.5)))
             (show #f (numeric/si 999) (numeric/si 1000 1000 " ") (numeric/si 0.00123))
             (show #f (numeric/fitted 3 1234) " " (numeric/fitted 5 3.14159 10 2) " " (numeric/fitted 4 123.456 10 2))
             (show #f (numeric (expt 2 70) 36)) (show #f -0.0 " " (numeric +inf.0))))
#|output
("ff" "11/10" "1001.01" "0.0022" "0.33333" "1" "2" "+1" "1,234,567.89" "12,34,567" "1,5" "  1.3\n123.5" "9991 k1.2m" "### 3.14 #.##" "6x5kxtvuwilukg" "-0.0 +inf.0")|#
;;;; ----
;; Written forms: cycles get labels; written-shared labels everything shared.
(import (scheme base) (scheme write) (srfi 166))
(define l (list 1 2))
(set-cdr! (cdr l) l)
(define s (list 'x))
(write (list (show #f (written l)) (show #f (written (list s s))) (show #f (written-shared (list s s)))
             (show #f (trimmed/lazy 12 (written-simply l))) (show #f (with ((radix 2)) (written '(5 1.5))))))
#|output
("#0=(1 2 . #0#)" "((x) (x))" "(#0=(x) #0#)" "(1 2 1 2 1 2" "(#b101 1.1)")|#
;;;; ----
;; Columns: columnar, tabular, line numbers, wrapping and justification.
(import (scheme base) (scheme write) (srfi 166) (srfi 166 columnar))
(show #t (columnar 10 'right (displayed "name\nalice\nbob") " | " (displayed "port\n5000\n80")))
(show #t (tabular "|" (each "a\nbcd\n") "|" 'right (each "1\n22\n") "|"))
(show #t (columnar 3 'right 'infinite (line-numbers) " " (displayed "one\ntwo\nthree")))
(show #t (with ((width 20)) (wrapped "The quick brown fox jumps over the lazy dog and runs away.")) nl)
(show #t (with ((width 20)) (justified "The quick brown fox jumps over the lazy dog and runs away.")) nl)
(show #t (with ((width 6)) (wrapped/char "abcdefghij")))
#|output
      name | port
     alice | 5000
       bob | 80
|a  | 1|
|bcd|22|
  1 one
  2 two
  3 three
The quick brown fox
jumps over the lazy
dog and runs away.
The  quick brown fox
jumps  over the lazy
dog and runs away.
abcdef
ghij
|#
;;;; ----
;; pretty: what fits in the width is written as written does; longer lists break after the head.
;; (Foment 0.4's pretty is written: one line whatever the width.)
(import (scheme base) (scheme write) (srfi 166) (srfi 166 pretty))
(show #t (pretty '(define (f x) (+ x 1))) nl)
(show #t (with ((width 40)) (pretty '(define (fold kons knil ls) (if (null? ls) knil (fold kons (kons (car ls) knil) (cdr ls)))))) nl)
(show #t (with ((width 12)) (pretty '(1 2 3 4 5 6 7))) nl)
#|output
(define (f x) (+ x 1))
(define (fold kons knil ls)
  (if (null? ls)
      knil
      (fold kons
            (kons (car ls) knil)
            (cdr ls))))
(1
 2
 3
 4
 5
 6
 7)
|#
;;;; ----
(import (scheme base) (srfi 166))
(show #f (numeric 1 10 #f 'bad))
#|error numeric: expected sign-rule of #f, #t, or a pair of strings|#
;;;; ----
;; Complex numbers: each part formatted, the imaginary one with its sign.
(import (scheme base) (scheme write) (srfi 166))
(write (list (show #f 1+2i) (show #f (with ((precision 2)) 3.14159-2i)) (show #f (numeric 1/2+1/3i))))
#|output
("1+2i" "3.14-2.00i" "1/2+1/3i")|#
;;;; ----
;; An inexact number in a radix other than 10, with no precision: 16 digits after the point,
;; rounded, trailing zeros dropped, as SRFI 166's sample implementation (chibi) writes it.
;; (Foment computes the digits in floating point: its 1e-23 is ...27, the digits cut, not
;; rounded; its 0.1 in base 36 ends in digits the float does not hold.)
(import (scheme base) (scheme write) (srfi 166))
(for-each (lambda (x) (write (show #f (numeric x 36))) (newline))
          (list 1e-25 1e-23 0.1 1.0 0.0 123456.789))
(for-each (lambda (x) (write (show #f (numeric x 2))) (newline))
          (list 9.25 0.1 (expt 2.0 -17) (* 3 (expt 2.0 -17)) -0.75))
(write (show #f (numeric 0.1 3))) (newline)
(write (show #f (numeric +inf.0 36) " " (numeric -nan.0 2))) (newline)
#|output
"0.0000000000000001"
"0.0000000000000028"
"0.3lllllllllmbwioe"
"1.0"
"0.0"
"2n9c.sejl0v42xoh9wzh1"
"1001.01"
"0.000110011001101"
"0.0"
"0.000000000000001"
"-0.11"
"0.0022002200220022"
"+inf.0 +nan.0"
|#
;;;; ----
;; pretty-simply of a cyclic datum writes it flat as it goes, so that trimmed/lazy stops it
;; (chibi's test; Foment prints the same).
(import (scheme base) (scheme write) (srfi 166))
(define d (let ((d (list 'a 'b #f))) (list-set! d 2 d) (list d)))
(write (show #f (trimmed/lazy 15 (pretty-simply d))))
(newline)
(write (show #f (trimmed/lazy 10 (pretty (let ((l (list 1 2))) (set-cdr! (cdr l) l) l)))))
(newline)
(write (show #f (trimmed/lazy 12 (pretty-simply (let ((l (list 1 2))) (set-cdr! (cdr l) l) l)))))
(newline)
#|output
"((a b (a b (a b"
"#0=(1 2 . "
"(1 2 1 2 1 2"
|#
