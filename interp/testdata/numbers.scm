(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(show 1 -1 0 123456789 -987654321 9223372036854775807 -9223372036854775808 9223372036854775808 -9223372036854775809)
(show (+ 9223372036854775807 1) (- -9223372036854775808 1) (* 9223372036854775807 2) (* 4294967296 4294967296) (- (expt 2 64) (expt 2 64)))
(show (expt 2 100) (expt 3 40) (* 99999999999 99999999999) (quotient (expt 10 30) 7) (remainder (expt 10 30) 7) (modulo (- (expt 10 30)) 7))
(show 1/2 -3/4 6/4 (/ 1 3) (/ 6 3) (/ 1 2 2) (+ 1/2 1/3) (* 2/3 3/2) (- 1/2 1/2) (/ 4) (/ 0.5))
(show 1.5 -2.0 0.25 100.0 1e21 1e-7 123.456 0.1 -0.0 3.14159265358979 1e15 1e14 12345678901234567.0 (/ 1. 3) (sqrt 2))
(show +inf.0 -inf.0 (- +inf.0) (* 1.0 0))
(show (+) (*) (+ 1) (* 5) (- 5) (- 10 1 2) (+ 1 2.0) (* 1/2 4) (* 1/2 0.5) (- 0.5 1/2))
(show (= 1 1.0) (= 1 2) (< 1 2 3) (< 1 3 2) (> 3 2 1) (<= 1 1 2) (>= 2 2 1) (= 1/2 0.5) (< 1/3 0.34))
(show (zero? 0) (zero? 0.0) (zero? 1) (positive? 1) (positive? -1/2) (negative? -0.5) (odd? 3) (even? 0) (even? -2) (odd? (expt 3 41)))
(show (max 1 2 3) (min 1 2 3) (max 1 2.0) (min 1/2 1/3) (max -1 -2) (abs -5) (abs 5/3) (abs -2.5) (abs (- (expt 2 70))))
(show (quotient 17 5) (remainder 17 5) (modulo 17 5) (quotient -17 5) (remainder -17 5) (modulo -17 5) (modulo 17 -5) (remainder 17 -5))
(show (floor-quotient -7 2) (floor-remainder -7 2) (truncate-quotient -7 2) (truncate-remainder -7 2) (quotient 7.0 2) (modulo -7.0 2))
(call-with-values (lambda () (floor/ 17 -5)) show)
(call-with-values (lambda () (truncate/ 17 -5)) show)
(call-with-values (lambda () (exact-integer-sqrt 17)) show)
(call-with-values (lambda () (exact-integer-sqrt (expt 10 40))) show)
(show (gcd) (gcd 12 18) (gcd -12 18) (gcd 0 5) (lcm) (lcm 4 6) (lcm -4 6) (gcd (expt 2 100) (expt 6 50)))
(show (numerator 6/4) (denominator 6/4) (numerator 5) (denominator 5) (numerator 0.5) (denominator 0.5))
(show (floor 2.5) (ceiling 2.5) (truncate 2.5) (round 2.5) (round 3.5) (round -2.5) (floor -2.5) (ceiling -2.5) (truncate -2.5))
(show (floor 5/2) (ceiling 5/2) (truncate -5/2) (round 5/2) (round 7/2) (round -7/2) (floor 3) (round 1/3))
(show (rationalize 1/3 1/100) (rationalize 3/10 1/10) (rationalize 0.3 1/10) (exact 2.5) (exact 2.0) (exact -0.125) (inexact 1/3) (inexact 7))
(show (expt 2 -2) (expt 2.0 3) (expt 0 0) (expt 0.0 0) (expt 2 0.5) (expt 1/2 3) (expt -2 3) (expt 4 1/2) (square 5) (square 1/2) (square -1.5))
(show (exp 0) (exp 1) (log 1) (log 100 10) (log 8 2) (sin 0) (cos 0) (tan 0) (asin 1) (acos 1) (atan 1) (atan 1 1) (atan -1 -1))
(show (sqrt 16) (sqrt 2) (sqrt 1/4) (sqrt 0) (sqrt 15.0) (sqrt (expt 10 40)) (finite? 1) (finite? +inf.0) (infinite? -inf.0) (nan? +nan.0) (nan? 1))
(show (number->string 255) (number->string 255 16) (number->string 255 2) (number->string -255 8) (number->string 1/3 2) (number->string 1.5) (number->string (expt 2 70) 16))
(show (string->number "42") (string->number "-17") (string->number "1/2") (string->number "#xff") (string->number "ff" 16) (string->number "1e3") (string->number "abc") (string->number "") (string->number ".5") (string->number "#e1.5") (string->number "1/0"))
(show (number? 1) (number? 'a) (complex? 1.5) (real? 1/2) (rational? 0.5) (rational? +inf.0) (integer? 2.0) (integer? 2.5) (integer? 1/2) (exact? 1/2) (exact? 0.5) (inexact? 0.5) (exact-integer? 5) (exact-integer? 5.0))
(show (real-part 5) (imag-part 5) (angle 1) (exact (floor 2.5)) (exact (round 1e10)))
#|output
1 -1 0 123456789 -987654321 9223372036854775807 -9223372036854775808 9223372036854775808 -9223372036854775809 
9223372036854775808 -9223372036854775809 18446744073709551614 18446744073709551616 0 
1267650600228229401496703205376 12157665459056928801 9999999999800000000001 142857142857142857142857142857 1 6 
1/2 -3/4 3/2 1/3 2 1/4 5/6 1 0 1/4 2.0 
1.5 -2.0 0.25 100.0 1e+21.0 1e-07 123.456 0.1 -0.0 3.1415926535898 1e+15.0 1e+14.0 1.2345678901235e+16 0.33333333333333 1.4142135623731 
+inf.0 -inf.0 -inf.0 0.0 
0 1 1 5 -5 7 3.0 2 0.25 0.0 
#t #f #t #f #t #t #t #t #t 
#t #t #f #t #f #t #t #t #t #t 
3 1 2.0 1/3 -1 5 5/3 2.5 1180591620717411303424 
3 2 2 -3 -2 3 -3 2 
-4 1 -3 -1 3.0 1.0 
-4 -3 
-3 2 
4 1 
100000000000000000000 0 
0 6 6 5 1 12 12 1125899906842624 
3 2 5 1 1.0 2.0 
2.0 3.0 2.0 2.0 4.0 -2.0 -3.0 -2.0 -2.0 
2 3 -2 2 4 -4 3 0 
1/3 1/3 0.33333333333333 5/2 2 -1/8 0.33333333333333 7.0 
1/4 8.0 1 1.0 1.4142135623731 1/8 -8 2.0 25 1/4 2.25 
1.0 2.718281828459 0.0 2.0 3.0 0.0 1.0 0.0 1.5707963267949 0.0 0.78539816339745 0.78539816339745 -2.3561944901923 
4 1.4142135623731 0.5 0 3.8729833462074 100000000000000000000 #t #f #t #t #f 
"255" "ff" "11111111" "-377" "1/11" "1.5" "400000000000000000" 
42 -17 1/2 255 255 1000.0 #f #f 0.5 3/2 #f 
#t #f #t #t #t #f #t #f #f #t #f #t #t #f 
5 0 0 2 10000000000 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(import (foment base))
(show (bitwise-and 12 10) (bitwise-ior 12 10) (bitwise-xor 12 10) (bitwise-not 0) (arithmetic-shift 1 10) (arithmetic-shift 1024 -3) (bit-count 255) (integer-length 255) (arithmetic-shift 1 100))
#|output
8 14 6 -1 1024 128 8 8 1267650600228229401496703205376 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(try (/ 1 0))
(try (/ 1.0 0))
(try (+ 1 'a))
(try (- "5"))
(try (< 1 'a))
(try (exact +inf.0))
(try (odd? 1.5))
(try (exact-integer-sqrt -1))
(try (number->string 1.5 2))
(try (max 'a 1))
(try (abs "x"))
(try (gcd 1.5 2))
(try (string->number 5))
(try (expt 'a 2))
(try (sqrt 'x))
#|output
error "/: divide by zero" (1 0) 
error "/: divide by zero" (1.0 0) 
error "+: expected a number" (a) 
error "-: expected a number" ("5") 
error "<: expected a real number" (a) 
error "exact: expected a finite number" (+inf.0) 
error "odd?: expected an integer" (1.5) 
error "exact-integer-sqrt: expected an exact non-negative integer" (-1) 
error "number->string: radix for decimal numbers must be 10" (1.5 2) 
error "max: expected a real number" (a) 
error "abs: expected a real number" ("x") 
error "gcd: expected an integer" (1.5) 
error "string->number: expected a string" (5) 
error "expt: expected a number" (a) 
error "sqrt: expected a number" (x) 
|#
;;;; ----
(import (scheme base) (scheme write))
; The compiler inlines + - * and comparisons of two fixnums or two flonums; the boundaries and
; NaN must give what the generic procedures give (Foment: (< +nan.0 1.0) is #t, (<= 1.0 +nan.0) #t;
; wrong, no comparison with a NaN is true).
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (mul a b) (* a b))
(define (add a b) (+ a b))
(define (sub a b) (- a b))
(define (cmp a b) (list (< a b) (> a b) (= a b) (<= a b) (>= a b)))
(show (mul 2147483647 2147483647) (mul -2147483648 -2147483648) (mul -2147483648 2147483647) (mul 2147483648 2147483648) (mul -3 7) (mul 3000000000 3) (mul 0 -2147483649))
(show (mul 1.5 2.0) (mul 1.5 2) (mul 2 1+i) (add 0.1 0.2) (add 9223372036854775807 1) (sub -9223372036854775808 1) (sub 0.5 1.0) (add 1.0 +i))
(show (cmp 1.0 2.0) (cmp 2.0 1.0) (cmp 1.0 1.0) (cmp +nan.0 1.0) (cmp 1.0 +nan.0) (cmp -0.0 0.0) (cmp 1 1.0) (cmp +inf.0 -inf.0))
#|output
4611686014132420609 4611686018427387904 -4611686016279904256 4611686018427387904 -21 9000000000 0 
3.0 3.0 2+2i 0.3 9223372036854775808 -9223372036854775809 -0.5 1.0+1.0i 
(#t #f #f #t #f) (#f #t #f #f #t) (#f #f #t #t #t) (#f #f #f #f #f) (#f #f #f #f #f) (#f #f #t #t #t) (#f #f #t #t #t) (#f #t #f #f #t) 
|#
;;;; ----
(import (scheme base) (scheme write))
; quotient, remainder, modulo and the truncate/ and floor/ procedures of one result are compiled
; inline for fixnums; bignums, flonums, a zero divisor and the one fixnum quotient that
; overflows go to the procedure. (Foment 0.4 crashes, a floating point exception, on the quotient
; of -2^63 by -1.)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define (all x y)
  (list (quotient x y) (remainder x y) (modulo x y) (truncate-quotient x y) (truncate-remainder x y)
        (floor-quotient x y) (floor-remainder x y)))
(show (all 17 5) (all -17 5) (all 17 -5) (all -17 -5) (all 15 5) (all -15 5) (all 0 3))
(show (all -9223372036854775808 -1) (all -9223372036854775808 1) (all 9223372036854775807 -1))
(show (all 100000000000000000000 7) (all 17.0 5) (all -17 5.0))
(try (modulo 5 0))
(try (quotient 5 0))
(try (remainder 5.5 2))
(try (modulo 'a 2))
(try (floor-quotient 1 "2"))
#|output
(3 2 2 3 2 3 2) (-3 -2 3 -3 -2 -4 3) (-3 2 -3 -3 2 -4 -3) (3 -2 -2 3 -2 3 -2) (3 0 0 3 0 3 0) (-3 0 0 -3 0 -3 0) (0 0 0 0 0 0 0) 
(9223372036854775808 0 0 9223372036854775808 0 9223372036854775808 0) (-9223372036854775808 0 0 -9223372036854775808 0 -9223372036854775808 0) (-9223372036854775807 0 0 -9223372036854775807 0 -9223372036854775807 0) 
(14285714285714285714 2 2 14285714285714285714 2 14285714285714285714 2) (3.0 2.0 2.0 3.0 2.0 3.0 2.0) (-3.0 -2.0 3.0 -3.0 -2.0 -4.0 3.0) 
error "modulo: divide by zero" (5 0) 
error "quotient: divide by zero" (5 0) 
error "remainder: expected an integer" (5.5) 
error "modulo: expected an integer" (a) 
error "floor-quotient: expected an integer" ("2") 
|#
;;;; ----
(import (scheme base) (scheme write))
; string->number answers plain integers that are fixnums, and words starting with a letter (in
; radixes up to 10), without the general parser; the rest goes to it.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(show (map string->number '("0" "-0" "+0" "42" "-42" "+42" "007" "9223372036854775807" "-9223372036854775808"
                             "9223372036854775808" "99999999999999999999" "-" "+" "" "12a" "1e3" "1.5" "#x1F")))
(show (map string->number '("alpha" "Zeta" "e1" "inf.0" "+inf.0" "-nan.0" "i" "+i" "λ" "1λ")))
(show (string->number "ff" 16) (string->number "-FF" 16) (string->number "e" 16) (string->number "101" 2) (string->number "102" 2)
      (string->number "777" 8) (string->number "a" 10) (string->number "z" 16))
#|output
(0 0 0 42 -42 42 7 9223372036854775807 -9223372036854775808 9223372036854775808 99999999999999999999 #f #f #f #f 1000.0 1.5 31) 
(#f #f #f #f +inf.0 +nan.0 #f 0+i #f #f) 
255 -255 14 5 #f 511 #f #f 
|#
