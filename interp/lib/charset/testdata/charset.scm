;; (srfi 14): building sets, the algebra, walking and the standard sets.
(import (scheme base) (scheme char) (scheme write) (srfi 14))
(define vowels (string->char-set "aeiou"))
(write (list (char-set-size vowels) (char-set-contains? vowels #\e) (char-set-contains? vowels #\b)
             (char-set->string vowels) (char-set->list (char-set #\b #\a))
             (char-set= vowels (char-set #\u #\o #\i #\e #\a)) (char-set<= vowels char-set:letter char-set:full)))
(newline)
(write (list (char-set->string (char-set-union vowels (char-set #\y)))
             (char-set->string (char-set-intersection vowels (string->char-set "abcde")))
             (char-set->string (char-set-difference vowels (char-set #\a) (char-set #\u)))
             (char-set->string (char-set-xor (char-set #\a #\b) (char-set #\b #\c)))
             (char-set->string (char-set-adjoin vowels #\y)) (char-set->string (char-set-delete vowels #\a #\z))
             (char-set-size (char-set-complement char-set:empty)) (char-set-size (char-set-intersection))
             (char-set->string (ucs-range->char-set 65 70)) (char-set->string (->char-set "bca"))))
(newline)
(write (list (char-set-fold cons '() (char-set #\x #\y)) (char-set-count char-upper-case? (string->char-set "aBcD"))
             (char-set->string (char-set-filter char-alphabetic? (string->char-set "a1b2")))
             (char-set->string (char-set-map char-upcase vowels)) (char-set-any char-numeric? vowels)
             (char-set-every char-lower-case? vowels)
             (let loop ((c (char-set-cursor (char-set #\p #\q))) (acc '()))
               (if (end-of-char-set? c) (reverse acc) (loop (char-set-cursor-next (char-set #\p #\q) c) (cons c acc))))))
(newline)
(call-with-values (lambda () (char-set-diff+intersection vowels (char-set #\a #\b)))
  (lambda (d i) (write (list (char-set->string d) (char-set->string i)))))
(newline)
(write (map (lambda (cs) (char-set-contains? cs #\space))
            (list char-set:whitespace char-set:blank char-set:printing char-set:graphic char-set:letter)))
(write (map (lambda (c) (char-set-contains? char-set:letter+digit c)) (list #\a #\7 #\- #\x3bb)))
(write (map char-set-size (list char-set:ascii char-set:hex-digit char-set:iso-control char-set:empty char-set:full)))
(write (list (char-set-contains? char-set:upper-case #\x3a3) (char-set-contains? char-set:title-case #\x1c5)
             (char-set-contains? char-set:punctuation #\!) (char-set-contains? char-set:symbol #\+)))
#|output
(5 #t #f "uoiea" (#\b #\a) #t #t)
("yuoiea" "ea" "oie" "ca" "yuoiea" "uoie" 1112064 1112064 "EDCBA" "cba")
((#\y #\x) 2 "ba" "UOIEA" #f #t (#\p #\q))
("uoie" "a")
(#t #t #t #f #f)(#t #t #f #t)(128 22 65 0 1112064)(#t #t #t #t)|#
;;;; ----
;; The intersection of several sets is what they all share (SRFI 14); Foment 0.4 intersects the
;; first with the union of the others, and gives "ABCXYZ" here.
(import (scheme base) (scheme write) (scheme charset))
(write (char-set->string (char-set-intersection char-set:ascii (char-set #\A #\B #\C) (char-set #\X #\Y #\Z))))
#|output
""|#
;;;; ----
(import (scheme base) (scheme charset))
(char-set #\a "b")
#|error char-set: expected a character "b"|#
;;;; ----
(import (scheme base) (scheme charset))
(char-set-size "abc")
#|error char-set-size: expected a character set "abc"|#
