; Complex numbers: compared with Foment 0.4; where it differs, a comment says why.
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show (quote error) (error-object-message c) (error-object-irritants c))) (#t (show (quote raised) c))) (show e)))))
; literals, as read and written
(show 1+2i 123+456i +i -i +5i 5i -2.5i 1/2-3/4i -123/456-123i 1e2+3i .5+.5i 1.+2.i)
(show #x1+ai #xa+bi #b1+1i #e1.5i #e+i #i1+i #i1/2+1/3i 1+0i 1-0i -0i 1+0.0i +0.i)
(show +inf.0i -inf.0i -nan.0i 1+inf.0i 1-nan.0i +inf.0+inf.0i +nan.0+nan.0i 1e400i 1.5e3+2.5e-3i)
(show 1e2@0 1@0 0@1 1.5@2 +inf.0@1)
(show '(+i -i +i+i 1+2i))
(show (string->number "1+2i") (string->number "#b101+11i") (string->number "1e400+1i") (string->number "1+2i" 16)
      (string->number "+i" 2) (string->number "1.5@0") (string->number "i") (string->number "1+2") (string->number "1+-2i")
      (string->number "1@2@3") (string->number "1/0+1i"))
(show (number->string 1+2i) (number->string 1+10i 2) (number->string 1/2-3i 16) (number->string 1.5+2.5i) (number->string +i) (number->string -i))
#|output
1+2i 123+456i 0+i 0-i 0+5i 0+5i 0.0-2.5i 1/2-3/4i -41/152-123i 100.0+3.0i 0.5+0.5i 1.0+2.0i 
1+10i 10+11i 1+i 0+3/2i 0+i 1.0+1.0i 0.5+0.33333333333333i 1 1 0 1.0+0.0i 0.0+0.0i 
0.0+inf.0i 0.0-inf.0i 0.0+nan.0i 1.0+inf.0i 1.0+nan.0i +inf.0+inf.0i +nan.0+nan.0i 0.0+inf.0i 1500.0+0.0025i 
100.0+0.0i 1.0+0.0i 0.0+0.0i -0.62422025482071+1.3639461402385i +inf.0+inf.0i 
(0+i 0-i +i+i 1+2i) 
1+2i 5+3i +inf.0+1.0i 1+2i 0+i 1.5+0.0i #f #f #f #f #f 
"1+2i" "1+1010i" "1/2-3i" "1.5+2.5i" "0+i" "0-i" 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show (quote error) (error-object-message c) (error-object-irritants c))) (#t (show (quote raised) c))) (show e)))))
; arithmetic
(show (+ 1+2i 3-2i) (+ 1+i 1-i) (- 1+i +i) (- +i) (* 1+2i 1+2i) (* +i +i) (* 2 +i) (* 2.0 +i) (/ +i) (/ 1+2i 3+4i))
(show (/ 2+2i 2) (/ 2+2i 1+i) (/ 1.0+i 0+2i) (+ 1/2+i 0.5) (* 1.5 2+2i) (+ 149/151 157+163i) (- 419 421.5-433.5i))
(show (square +i) (square 1+i) (expt +i 2) (expt 1+i 2) (expt 1+i 0) (expt +i -1) (expt 1+i 10) (expt 1.0+i 2))
(show (expt 0 3+4i) (expt 0.0 3+4i) (expt 0 0) (expt 0.0 0) (expt 0 2))
(show (expt -1 0.5) (expt -8 1/3) (expt 2 1+i) (expt 1+i 1/2))
(try (expt 0 +i))
(try (expt 0 -1))
(try (/ 1+i 0))
(show (exact 1.5+2.5i) (exact 1.0+2.0i) (inexact 1+2i) (inexact 1/2+1/3i) (exact? 1+2i) (exact? 1.0+2i) (inexact? 1+2i) (inexact? 1+2.5i))
; Foment names the part, +inf.0, as the irritant.
(try (exact +inf.0+i))
#|output
4 2 1 0-i -3+4i -1 0+2i 0.0+2.0i 0-i 11/25+2/25i 
1+i 2 0.5-0.5i 1.0+1.0i 3.0+3.0i 23856/151+163i -2.5+433.5i 
-1 0+2i -1 0+2i 1 0-i 0+32i 0.0+2.0i 
0 0.0 1 1.0 0 
6.1232339957368e-17+1.0i 1.0+1.7320508075689i 1.5384778027279+1.2779225526273i 1.0986841134678+0.45508986056223i 
error "expt: (expt 0 z): z must be zero or have a positive real part" (0+i) 
error "expt: (expt 0 z): z must be zero or have a positive real part" (-1) 
error "/: divide by zero" (1+i 0) 
3/2+5/2i 1+2i 1.0+2.0i 0.5+0.33333333333333i #t #f #f #t 
error "exact: expected a finite number" (+inf.0+1.0i) 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show (quote error) (error-object-message c) (error-object-irritants c))) (#t (show (quote raised) c))) (show e)))))
; predicates and comparison
(show (number? 1+2i) (complex? 1+2i) (real? 1+2i) (real? 1+0i) (real? -2.5+0i) (real? -2.5+0.0i) (rational? 1+i) (integer? 3+0i) (integer? 1+i) (exact-integer? 1+i))
(show (zero? 0+0.0i) (zero? 0.0+0.0i) (zero? +i) (zero? -i) (= +i +i) (= +i +i 1) (= 1 1.0+0.0i) (= 1+2i 1.0+2.0i) (= 12.3+4.56i 12.3+4.56i))
(show (finite? 123+456i) (finite? 1+inf.0i) (finite? +nan.0+i) (infinite? 123+456i) (infinite? 123+inf.0i) (infinite? 123+nan.0i) (nan? 123+nan.0i) (nan? 1+2i) (nan? +nan.0+5.0i))
(show (eqv? 1+2i 1+2i) (eqv? 1/2+i 1/2+i) (eqv? 1.0+2.0i 1.0+2.0i) (equal? 1+2i 1+2i) (equal? '(1+2i) (list 1+2i)) (eqv? 1 1+0i))
(try (< 1 1+i))
(try (> 1+i 1))
(try (positive? +i))
(try (odd? 12+34i))
(try (max 1 +4i 2))
(try (abs +i))
(try (atan 1 +2i))
(try (make-rectangular +i 2))
(try (make-polar 1 +2i))
(try (round 1+i))
(try (exact-integer? "1"))
#|output
#t #t #f #t #t #f #f #t #f #f 
#t #t #f #f #t #f #t #t #t 
#t #f #f #f #t #f #t #f #t 
#t #t #t #t #t #t 
error "<: expected a real number" (1+i) 
error ">: expected a real number" (1+i) 
error "positive?: expected a real number" (0+i) 
error "odd?: expected an integer" (12+34i) 
error "max: expected a real number" (0+4i) 
error "abs: expected a real number" (0+i) 
error "atan: expected a real number" (0+2i) 
error "make-rectangular: expected a real number" (0+i) 
error "make-polar: expected a real number" (0+2i) 
error "round: expected a real number" (1+i) 
error "exact-integer?: expected a number" ("1") 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show (quote error) (error-object-message c) (error-object-irritants c))) (#t (show (quote raised) c))) (show e)))))
; (scheme complex) and the transcendental functions
(show (real-part 1+2i) (imag-part 1+2i) (real-part 1.5) (imag-part 1.5) (imag-part 1) (imag-part 1/2) (real-part +i) (imag-part 1.0+2.0i))
(show (make-rectangular 1 2) (make-rectangular 1.0 2) (make-rectangular 1 0) (make-rectangular 1 0.0) (make-rectangular 1/2 1/3) (make-rectangular 1.5 0))
(show (make-polar 1 0) (make-polar 2 0) (make-polar 1/2 3/4) (make-polar 12 34))
; Foment: (magnitude 3.0+4i) is 5, exact, because its sqrt of an integral flonum is exact; wrong.
(show (magnitude 3+4i) (magnitude 3.0+4i) (magnitude 1+i) (magnitude 1/2) (magnitude 12.34) (magnitude 3/5+4/5i))
(show (angle +i) (angle 1+i) (angle 12+34i) (angle 1) (angle 1.0) (angle 0) (angle 1/2))
; Foment: (sqrt -4) is 0.0+2.0i and (sqrt -1) 0.0+1.0i; exact perfect squares have exact roots
; (R7RS 6.2.6; its own test r7rs.scm expects +i for (sqrt -1)).
(show (sqrt -4) (sqrt -1) (sqrt -4.0) (sqrt -2) (sqrt -1/4) (sqrt -1/2) (sqrt 1+2i) (sqrt +i) (sqrt -4+0.0i) (sqrt 12+34i) (sqrt -12.34+56.78i))
(show (exp +i) (exp 1+2i) (log -1) (log +i) (log 1+2i) (log -1.5) (log 1+i 2) (log 12 3+4i))
(show (sin 1+i) (cos 1+i) (tan 1+i) (sin 1+2i) (cos 1+2i) (tan 1+2i))
(show (asin 1+i) (acos 1+i) (atan 1+i) (asin 1+2i) (acos 1+2i) (atan 1+2i))
(show (sqrt 16) (sqrt 2) (exp 0) (log 1) (atan 1 1))
; On the negative real axis the sign of a zero imaginary part does not choose the side of the
; cut: the root has a zero real part and a non-negative imaginary one (R7RS 6.2.6; Foment too);
; C's csqrt gives -2i. (sqrt -0.0) is -0.0, as IEEE says (Foment: exact 0, wrong).
(show (sqrt (make-rectangular -4.0 -0.0)) (sqrt -4-0.i) (sqrt (make-rectangular -1 -0.0)) (sqrt -0.0) (sqrt (make-rectangular 0.0 -0.0)) (sqrt -i) (sqrt -3-4i))
#|output
1 2 1.5 0.0 0 0 0 2.0 
1+2i 1.0+2.0i 1 1.0+0.0i 1/2+1/3i 1.5 
1.0+0.0i 2.0+0.0i 0.36584443443691+0.34081938001167i -10.182843297415+6.3489922334403i 
5 5.0 1.4142135623731 1/2 12.34 1 
1.5707963267949 0.78539816339745 1.2315037123409 0 0.0 0 0 
0+2i 0+i 0.0+2.0i 0.0+1.4142135623731i 0.0+0.5i 0.0+0.70710678118655i 1.2720196495141+0.78615137775742i 0.70710678118655+0.70710678118655i 0.0+2.0i 4.9018115403716+3.468105589125i 4.7835894396358+5.93487387625i 
0.54030230586814+0.8414709848079i -1.1312043837568+2.4717266720048i 0.0+3.1415926535898i 0.0+1.5707963267949i 0.80471895621705+1.1071487177941i 0.40546510810816+3.1415926535898i 0.5+1.1330900354568i 1.1591622043557-0.66786395466578i 
1.298457581416+0.63496391478474i 0.83373002513115-0.98889770576287i 0.27175258531951+1.0839233273387i 3.1657785132162+1.9596010414216i 2.0327230070197-3.0518977991518i 0.033812826079897+1.0147936161466i 
0.66623943249252+1.061275061905i 0.90455689430238-1.061275061905i 1.0172219678979+0.40235947810853i 0.42707858639248+1.528570919481i 1.1437177404024-1.528570919481i 1.3389725222945+0.40235947810853i 
4 1.4142135623731 1.0 0.0 0.78539816339745 
0.0+2.0i 0.0+2.0i 0.0+1.0i -0.0 0.0+0.0i 0.70710678118655-0.70710678118655i 1.0-2.0i 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
; Where Foment 0.4 is wrong, and this is right:
; (round 7/10) is -1 in Foment; its reader reads 1.7976931348623157e308 as +inf.0;
; (angle -1) is 0 and (magnitude -5) -5; (floor -1/2) is 0; (asin 2) and (acos 2) are +nan.0;
; 1-0.0i is written 1.0+-0.0i (which does not read back); (eqv? 1+2i 1.0+2.0i) is #t.
(show (round 7/10) (round -7/10) (round 1/2) (round 3/2) 1.7976931348623157e308 (exact 1.7976931348623157e308))
(show (angle -1) (angle -1.0) (magnitude -5) (magnitude -5.5) (magnitude -1/2) (floor -1/2))
(show (asin 2) (acos 2) (asin -2) (acos -2) (asin 2.0))
(show 1-0.0i (eqv? 1+2i 1.0+2.0i) (equal? 1+2i 1.0+2.0i) (eqv? 1.0+0.0i 1.0-0.0i))
#|output
1 -1 0 2 1.7976931348623e+308 179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368 
3.1415926535898 3.1415926535898 5 5.5 1/2 -1 
1.5707963267949-1.3169578969248i 0.0+1.3169578969248i -1.5707963267949+1.3169578969248i 3.1415926535898-1.3169578969248i 1.5707963267949-1.3169578969248i 
1.0-0.0i #f #f #f 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme inexact) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
; Foment's r7rs.scm expects these sums and quotients to write as 2.4309999999999-433.439i and
; 771.67602348579+789.74458220025i; Foment is wrong. Its reader adds digit * 0.1^k for each
; decimal digit, so 421.431 reads as 421.4309999999999 (one ulp below the nearest double) and
; 769.773 as 769.7730000000001 (one ulp above). Read correctly rounded, 421.431 - 419 is
; 2.430999999999983, written 2.431 at 14 digits, and 769.773 * 811/809 is 771.676023485785 (78).
(show (+ -419 421.431-433.439i) (+ 419 -421.431+433.439i) (- 419 421.431-433.439i) (- -419 -421.431+433.439i))
(show (/ 769.773+787.797i 809/811) (/ -769.773-787.797i 809/811) (/ 769.773+787.797i -809/811) (/ -769.773-787.797i -809/811))
(show (exact 421.431) (exact 769.773) (= 421.431 (inexact 421431/1000)) (= 769.773 (inexact 769773/1000)))
(show (exact (real-part (+ -419 421.431-433.439i))) (exact (real-part (/ 769.773+787.797i 809/811))))
; r7rs.scm also expects (magnitude 12@34) to be exact 12 and (inexact 123+456i) to be equal? to
; 123+456i; Foment is wrong on both: a polar literal with an inexact magnitude is inexact and so
; is its magnitude (in Foment the sum of squares is 144.0, and its sqrt of 144.0 is exact 12), and eqv?
; and equal? tell exactness apart (R7RS 6.1).
(show (magnitude 12@34) (exact? (magnitude 12@34)) (inexact 123+456i) (equal? 123+456i (inexact 123+456i)))
#|output
2.431-433.439i -2.431+433.439i -2.431+433.439i 2.431-433.439i 
771.67602348578+789.74458220025i -771.67602348578-789.74458220025i -771.67602348578-789.74458220025i 771.67602348578+789.74458220025i 
7413892556884279/17592186044416 6770994913984119/8796093022208 #t #t 
42766604273975/17592186044416 3393867042794265/4398046511104 
12.0 #f 123.0+456.0i #f 
|#
