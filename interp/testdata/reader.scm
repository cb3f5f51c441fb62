;; The reader: bytestrings (SRFI 207), line ends, nesting limits, in source and in read.
(import (scheme base) (scheme write) (scheme read))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try
  (syntax-rules ()
    ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c))) (#t (show 'raised c))) (show e)))))
(show #u8"ABCD" #u8"" (bytevector? #u8"x") (equal? #u8"\tArthur\n" #u8(9 65 114 116 104 117 114 10)))
(show #u8"AB\x3d;\x1f;\x0d;CD" '(#u8"q" . #u8"r") (bytevector-length #u8"a\
      b"))
(show (read (open-input-string "#u8\"a\\x42;c\" rest")))
(try (read (open-input-string "#u8\"\x3bb;\"")))
(try (read (open-input-string "#u8\"abc")))
(define p (open-input-string "a\rb\r\nc\n\rd"))
(show (read-line p) (read-line p) (read-line p) (read-line p) (read-line p) (read-line p))
(define q (open-input-string "x ; comment\r(y)\r\nz"))
(show (read q) (read q) (read q))
(define deep (open-input-string (string-append (make-string 20000 #\() (make-string 20000 #\)) " after")))
(try (read deep))
(show (read deep))
(try (read (open-input-string "#;")))
;; A bytestring's read error is both a read error and a bytestring error (SRFI 207), as in Foment.
(import (srfi 207))
(define (read-fails s) (guard (e (#t (list (read-error? e) (bytestring-error? e)))) (read (open-input-string s))))
(show (read-fails "#u8\"\\x100;\"") (read-fails "#u8\"\\x0ABC\"") (read-fails "(a"))
#|output
#u8(65 66 67 68) #u8() #t #t 
#u8(65 66 61 31 13 67 68) (#u8(113) . #u8(114)) 2 
#u8(97 66 99) 
error "read: unexpected character λ in bytestring" 
error "read: unterminated bytestring" 
"a" "b" "c" "" "d" #<end-of-file> 
x (y) z 
error "read: data nested too deeply" 
after 
error "read: missing datum after #;" 
(#t #t) (#t #t) (#t #f) 
|#
;;;; ---- datum labels, in source and in read: shared and cyclic structure
(import (scheme base) (scheme write) (scheme read) (scheme cxr))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try
  (syntax-rules ()
    ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c))) (#t (show 'raised c))) (show e)))))
(define x (read (open-input-string "#0=(1 . #0#)")))
(show (car x) (eq? x (cdr x)) (eq? x (cddddr x)))
(define y '#1=(a b . #1#))
(show (eq? y (cddr y)) (car y) (caddr y))
(define z '(#2=(1 2) #2# #2#))
(show (eq? (car z) (cadr z)) (eq? (cadr z) (caddr z)) (car z))
(define v '#3=#(1 #3#))
(show (eq? v (vector-ref v 1)) (vector-ref v 0))
(define w (read (open-input-string "(#0=\"s\" #0# #1=#(a) #1#)")))
(show (eq? (car w) (cadr w)) (eq? (caddr w) (cadddr w)) (car w))
(define q '#5=(quote #5#))
(show (eq? q (cadr q)))
(define n (read (open-input-string "#7=#8=(x #7# #8#)")))
(show (eq? n (cadr n)) (eq? n (caddr n)))
(define (make) '#9=(a . #9#))
(show (eq? (make) (make)) (eq? (make) (cdr (make))))
(try (read (open-input-string "#0#")))
(try (read (open-input-string "(#0=a #0=b)")))
(define p (open-input-string "#0=(a . #0#) #0#"))
(show (car (read p)))
(try (read p))
(show (car '#10=(a . #10#)) (cadr `#11=(b . #11#)) (car (caddr `(x ,(+ 1 2) #12=(c . #12#)))))
(show 'done)
#|output
1 #t #t 
#t a a 
#t #t (1 2) 
#t 1 
#t #t "s" 
#t 
#t #t 
#t #t 
error "read: datum reference to unknown label #0#" 
error "read: duplicate datum label #0=" 
a 
error "read: datum reference to unknown label #0#" 
a b c 
done 
|#
;;;; ---- a cyclic quasiquote template with an unquote is an error, not a crash
(import (scheme base))
(define x `#0=(,(+ 1 1) . #0#))
#|error test.scm:85:11: quasiquote: data nested too deeply (or cyclic)|#
