(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(show (string? "a") (string? #\a) (make-string 3 #\z) (string #\a #\b) (string) (string-length "héllo") (string-ref "héllo" 1))
(define s (make-string 3 #\-))
(string-set! s 1 #\x)
(show s)
(show (string=? "a" "a" "a") (string<? "a" "b") (string<? "ab" "a") (string>? "b" "a") (string<=? "a" "a") (string>=? "a" "b") (string<? "a" "b" "c") (string<? "a" "c" "b"))
(show (string-ci=? "AbC" "aBc") (string-ci<? "a" "B") (string-upcase "héllo") (string-downcase "ABC") (string-foldcase "Straße"))
(show (substring "hello" 1 3) (substring "hello" 0 0) (string-append) (string-append "a" "bc" "") (string-copy "abc") (string-copy "abc" 1) (string-copy "abc" 1 2))
(show (string->list "abc") (string->list "abc" 1) (list->string '(#\a #\b)) (list->string '()) (string->vector "ab") (vector->string #(#\x #\y)))
(define t (string-copy "abcdef"))
(string-copy! t 1 "XY")
(show t)
(string-fill! t #\z 4)
(show t)
(show (string-map char-upcase "abc") (string-map (lambda (a b) (if (char<? a b) a b)) "adc" "bbb"))
(let ((out '())) (string-for-each (lambda (c) (set! out (cons c out))) "xyz") (show out))
(show (string->utf8 "aé") (utf8->string (bytevector 104 105)) (utf8->string (string->utf8 "λx")) (string->utf8 "hello" 1 3))
(show (char? #\a) (char->integer #\A) (integer->char 955) (char=? #\a #\a) (char<? #\a #\b #\c) (char>? #\b #\a) (char<=? #\a #\a) (char>=? #\a #\b))
(show (char-alphabetic? #\a) (char-alphabetic? #\1) (char-numeric? #\5) (char-whitespace? #\space) (char-whitespace? #\a) (char-upper-case? #\A) (char-lower-case? #\A))
(show (digit-value #\7) (digit-value #\a) (char-upcase #\a) (char-downcase #\A) (char-foldcase #\A) (char-ci=? #\a #\A))
(show #\a #\space #\newline #\tab #\x41 #\x3bb #\( #\alarm #\delete #\escape #\return #\backspace)
(write-string "written") (newline)
(write-char #\Z) (newline)
(display "display\tme") (newline)
(write "a\"b\\c\td\ne\r") (newline)
#|output
#t #f "zzz" "ab" "" 5 #\xe9 
"-x-" 
#t #t #f #t #t #f #t #f 
#t #t "HÉLLO" "abc" "strasse" 
"el" "" "" "abc" "abc" "bc" "b" 
(#\a #\b #\c) (#\b #\c) "ab" "" #(#\a #\b) "xy" 
"aXYdef" 
"aXYdzz" 
"ABC" "abb" 
(#\z #\y #\x) 
#u8(97 195 169) "hi" "λx" #u8(101 108) 
#t 65 #\x3bb #t #t #t #t #f 
#t #f #t #t #f #t #f 
7 #f #\A #\a #\a #t 
#\a #\space #\newline #\tab #\A #\x3bb #\( #\alarm #\delete #\escape #\return #\backspace 
written
Z
display	me
"a\"b\\c\td\ne\r"
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(try (string-ref "abc" 3))
(try (string-ref "abc" -1))
(try (substring "abc" 2 1))
(try (substring "abc" 0 10))
(try (string-append "a" 'b))
(try (list->string '(1 2)))
(try (string->list "abc" 4))
(try (make-string 2 "a"))
(try (string-set! "abc" 5 #\x))
(try (integer->char -1))
(try (char->integer "a"))
(try (char<? #\a 1))
(try (string-copy! (make-string 2) 1 "abc"))
(try (string-length 'abc))
(try (utf8->string "abc"))
#|output
error "string-ref: expected a valid index" (3) 
error "string-ref: expected a valid index" (-1) 
error "substring: expected a valid index" (1) 
error "substring: expected a valid index" (10) 
error "string-append: expected a string" (b) 
error "list->string: expected a character" (1) 
error "string->list: expected a valid index" (4) 
error "make-string: expected a character" ("a") 
error "string-set!: expected a valid index" (5) 
error "integer->char: expected an exact non-negative integer" (-1) 
error "char->integer: expected a character" ("a") 
error "char<?: expected a character" (1) 
error "string-copy!: expected a valid index" (1) 
error "string-length: expected a string" (abc) 
error "utf8->string: expected a bytevector" ("abc") 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(show (vector? #(1)) (vector? '(1)) (make-vector 2 'a) (vector 1 2 3) (vector) (vector-length #(1 2 3)) (vector-ref #(a b c) 2))
(define v (make-vector 3 0))
(vector-set! v 0 'x)
(show v (vector->list v) (vector->list #(1 2 3) 1) (vector->list #(1 2 3) 1 2) (list->vector '(1 2)))
(vector-fill! v 7)
(show v)
(vector-fill! v 8 2)
(show v (vector-copy #(1 2 3)) (vector-copy #(1 2 3) 1) (vector-append #(1) #(2 3) #()))
(define w (vector 1 2 3 4 5))
(vector-copy! w 1 #(a b))
(show w)
(vector-copy! w 0 #(x y z) 1 3)
(show w)
(show (vector-map + #(1 2) #(10 20)) (vector-map (lambda (x) (* x x)) #(1 2 3)))
(let ((sum 0)) (vector-for-each (lambda (x) (set! sum (+ sum x))) #(1 2 3)) (show sum))
(show (bytevector? (bytevector)) (make-bytevector 3 7) (make-bytevector 2) (bytevector 1 2 3) (bytevector-u8-ref #u8(5 6 7) 1) (bytevector-length #u8(1 2)))
(define b (make-bytevector 4 0))
(bytevector-u8-set! b 0 255)
(show b (bytevector-copy #u8(1 2 3) 1) (bytevector-copy #u8(1 2 3) 0 2) (bytevector-append #u8(1) #u8(2 3)) (bytevector-append))
(bytevector-copy! b 1 #u8(9 8 7) 1)
(show b (equal? #u8(1 2) #u8(1 2)) (eqv? #u8() #u8()))
(show #(1 "s" #\c sym (1 . 2) #(nested)) #u8() #())
#|output
#t #f #(a a) #(1 2 3) #() 3 c 
#(x 0 0) (x 0 0) (2 3) (2) #(1 2) 
#(7 7 7) 
#(7 7 8) #(1 2 3) #(2 3) #(1 2 3) 
#(1 a b 4 5) 
#(y z b 4 5) 
#(11 22) #(1 4 9) 
6 
#t #u8(7 7 7) #u8(0 0) #u8(1 2 3) 6 2 
#u8(255 0 0 0) #u8(2 3) #u8(1 2) #u8(1 2 3) #u8() 
#u8(255 8 7 0) #t #f 
#(1 "s" #\c sym (1 . 2) #(nested)) #u8() #() 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(try (vector-ref #(1 2) 2))
(try (vector-ref '(1) 0))
(try (vector-set! #(1) -1 0))
(try (make-vector -1))
(try (vector-copy #(1 2) 3))
(try (bytevector 256))
(try (bytevector-u8-ref #u8(1) 1))
(try (bytevector-u8-set! (bytevector 1) 0 300))
(try (make-bytevector 2 -1))
(try (vector-map car #(1)))
(try (list->vector '(1 . 2)))
(try (vector->list #(1 2) 3))
#|output
error "vector-ref: expected a valid index" (2) 
error "vector-ref: expected a vector" ((1)) 
error "vector-set!: expected a valid index" (-1) 
error "make-vector: expected an exact non-negative integer" (-1) 
error "vector-copy: expected a valid index" (3) 
error "bytevector: expected a byte: an exact integer between 0 and 255" (256) 
error "bytevector-u8-ref: expected a valid index" (1) 
error "bytevector-u8-set!: expected a byte: an exact integer between 0 and 255" (300) 
error "make-bytevector: expected a byte: an exact integer between 0 and 255" (-1) 
error "car: expected a pair" (1) 
error "list->vector: expected a list" ((1 . 2)) 
error "vector->list: expected a valid index" (3) 
|#
;;;; ----
(import (scheme base) (scheme char) (scheme write))
;; Unicode full case mappings (R7RS 6.7): ß upcases to SS and folds to ss, İ downcases to i and
;; a dot above, a final capital sigma downcases to ς (Foment writes σ), and the characters
;; whose uppercase is several letters fold as those letters (Foment's r7rs.scm). string-ci=? compares
;; full foldings (R7RS; Foment's folds one character at a time: "Straße" and "STRASSE" differ).
(define (cp s) (map char->integer (string->list s)))
(write (list (string-upcase "stra\xdf;e") (string-foldcase "Stra\xdf;e") (string-foldcase "\x1e9e;")
             (string-ci=? "Stra\xdf;e" "STRASSE") (char-upcase #\xdf)))
(newline)
(write (list (cp (string-upcase "\x390;\x3b0;\x1fb2;")) (cp (string-downcase "A\x130;a"))
             (cp (string-foldcase "\x1e9a;")) (cp (string-foldcase "\x1f52;\x1f54;\x1f56;"))
             (cp (string-upcase "\xfb01;")) (cp (string-foldcase "\x1f88;"))))
(newline)
(write (list (cp (string-downcase "\x3a7;\x391;\x39f;\x3a3; \x3a3;\x391; \x391;\x3a3;.")) (cp (string-downcase "\x3a3;"))))
(newline)
;; Character properties are Unicode's Alphabetic, Uppercase, Lowercase and White_Space, of a
;; current Unicode (Foment's tables predate 13.0: it answers #f for U+A7C0 and U+1FBF0).
(define (props c) (list (char-alphabetic? c) (char-upper-case? c) (char-lower-case? c) (char-whitespace? c) (char-numeric? c)))
(for-each (lambda (c) (write (props c))) (list #\x1a59 #\x1a60 #\x2160 #\xaa #\x345 #\x2001 #\xa0 #\x664 #\xea6 #\xa7c0 #\x1fbf0))
(newline)
#|output
("STRASSE" "strasse" "ss" #t #\xdf)
((921 776 769 933 776 769 8122 921) (97 105 775 97) (97 702) (965 787 768 965 787 769 965 787 834) (70 73) (7936 953))
((967 945 959 962 32 963 945 32 945 962 46) (963))
(#t #f #f #f #f)(#f #f #f #f #f)(#t #t #f #f #f)(#t #f #t #f #f)(#t #f #t #f #f)(#f #f #f #t #f)(#f #f #f #t #f)(#f #f #f #f #t)(#f #f #f #f #f)(#t #t #f #f #f)(#f #f #f #f #t)
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char))
; Strings are held narrow (ASCII bytes) or wide (runes): every operation must give the same
; result whichever way its strings are held, and a narrow string widens when a non-ASCII
; character goes into it.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define lam (integer->char #x3bb))
(define s (make-string 5 #\a))
(string-set! s 2 lam)
(show s (string-length s) (string-ref s 2) (string-ref s 3) (string->utf8 s) (string->list s))
(string-set! s 2 #\b)
(show s (string=? s "aabaa") (equal? s "aabaa") (string<? s "aabab") (string>? "aabab" s) (string->utf8 s))
(define w (string #\x lam #\y))
(define n (string-copy "hello world"))
(string-copy! n 2 w)
(show n (string-length n))
(define n2 (string-copy "hello"))
(string-copy! n2 1 n2 0 3)
(define w2 (string-copy w))
(string-copy! w2 0 "ab")
(show n2 w2 (string-copy w 1) (substring w 0 1) (substring w 1 2) (string-append "ab" w "cd" w))
(define f (make-string 4 #\-))
(string-fill! f lam 1 3)
(show f)
(string-fill! f #\z)
(show f)
(show (string<? "a" w) (string<? w "a") (string=? w (string #\x lam #\y)) (string-ci=? (string-upcase w) w) (string<? "x" w "xz"))
(show (utf8->string (string->utf8 w)) (utf8->string (bytevector #xce #xbb #x41) 0 2) (string->utf8 w 1 2) (list->string (list #\a lam)) (vector->string (vector lam #\b) 1))
(show (string-map char-upcase w) (string-map (lambda (a b) (if (char<? a b) a b)) w "zzz") (string->vector w 1) (string-append) (make-string 0 lam) (string-length (make-string 3 lam)))
(let ((acc '())) (string-for-each (lambda (c d) (set! acc (cons (list c d) acc))) w "abc") (show acc))
(show (string->symbol w) (symbol->string (string->symbol w)) (string->number (string #\1 #\2)) (number->string 255 16) (number->string -255 2))
(show (let ((p (open-output-string))) (write-string w p) (write-string "abc" p 1) (write-string w p 1 2) (get-output-string p)))
(show (read-line (open-input-string (string-append "ab" (string lam) "\ncd"))) (read-string 2 (open-input-string w)))
; Two empty strings are two objects, as in Foment 0.4.
(show (eqv? "" "") (eqv? (string) (make-string 0)) (equal? "" (string)))
; Literals are mutable in Foment 0.4, and a literal is one object: a change shows at its next use.
(define (lit) "abc")
(string-set! (lit) 0 lam)
(show (lit))
#|output
"aaλaa" 5 #\x3bb #\a #u8(97 97 206 187 97 97) (#\a #\a #\x3bb #\a #\a) 
"aabaa" #t #t #t #t #u8(97 97 98 97 97) 
"hexλy world" 11 
"hhelo" "aby" "λy" "x" "λ" "abxλycdxλy" 
"-λλ-" 
"zzzz" 
#t #f #t #t #f 
"xλy" "λ" #u8(206 187) "aλ" "b" 
"XΛY" "xzy" #(#\x3bb #\y) "" "" 3 
((#\y #\c) (#\x3bb #\b) (#\x #\a)) 
xλy "xλy" 12 "ff" "-11111111" 
"xλybcλ" 
"abλ" "xλ" 
#f #f #t 
"λbc" 
|#
;;;; ----
(import (scheme base) (scheme write))
; string-ref, string-length, bytevector-u8-ref and bytevector-length are compiled inline; what
; the inline code does not take goes to the procedure, with its errors. (Foment 0.4 does not
; check these indexes: (string-ref "abc" 3) is #\null there, (bytevector-u8-ref #u8(1 2) 2) 0.)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define (sref s i) (string-ref s i))
(define (slen s) (string-length s))
(define (bref b i) (bytevector-u8-ref b i))
(define (blen b) (bytevector-length b))
(define w (string #\a (integer->char #x3bb) #\b))
(show (sref "abc" 0) (sref w 1) (sref w 2) (slen "") (slen w) (bref #u8(1 255) 1) (blen #u8()) (blen #u8(1 2 3)))
(try (sref "abc" 3))
(try (sref "abc" -1))
(try (sref 'abc 0))
(try (sref "abc" 1.0))
(try (slen 'abc))
(try (bref #u8(1 2) 2))
(try (bref "ab" 0))
(try (blen "ab"))
#|output
#\a #\x3bb #\b 0 3 255 0 3 
error "string-ref: expected a valid index" (3) 
error "string-ref: expected a valid index" (-1) 
error "string-ref: expected a string" (abc) 
error "string-ref: expected a valid index" (1.0) 
error "string-length: expected a string" (abc) 
error "bytevector-u8-ref: expected a valid index" (2) 
error "bytevector-u8-ref: expected a bytevector" ("ab") 
error "bytevector-length: expected a bytevector" ("ab") 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char))
; Calls of char and string builtins compiled inline (char predicates, char->integer,
; integer->char, char-upcase, char-downcase, char=? ... string>=? of two, string-set!): the
; common cases run inline, the rest goes to the procedure with its errors; non-ASCII
; characters take the same answers as the procedures give. (Foment 0.4 checks neither the
; index of string-set! nor the code point of integer->char.)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define lambda-char (integer->char #x3bb))
(define (classes c) (list (char-alphabetic? c) (char-numeric? c) (char-whitespace? c) (char-upper-case? c) (char-lower-case? c)))
(show (map classes (list #\a #\Z #\5 #\space #\tab #\_ #\x7f lambda-char #\x39B #\x661 #\xA0 #\x2168 #\xAA)))
(show (char->integer #\a) (char->integer lambda-char) (integer->char 65) (integer->char 0) (integer->char #xD7FF) (integer->char #xE000) (integer->char #x10FFFF))
(show (char-upcase #\a) (char-upcase lambda-char) (char-downcase #\A) (char-downcase #\x39B) (char-upcase #\1) (char-upcase #\xDF))
(show (char=? #\a #\a) (char=? #\a lambda-char) (char<? #\a lambda-char) (char>? lambda-char #\a) (char<=? #\b #\a) (char>=? #\b #\b))
(show (string=? "abc" "abc") (string=? "abc" (string #\a #\b #\c)) (string<? "abc" "abd") (string<? "abc" "ab") (string>? (string lambda-char) "z") (string<=? "" "") (string>=? "a" (string lambda-char)))
(define s (make-string 4 #\a))
(string-set! s 0 #\b)
(show s)
(string-set! s 1 lambda-char)
(show s (string-length s) (string-ref s 1) (string-ref s 2) (string=? s (string #\b lambda-char #\a #\a)))
(string-set! s 1 #\c)
(show s (string<? s "bca") (string<? "bca" s))
(try (char-alphabetic? "a"))
(try (char->integer 97))
(try (integer->char #xD800))
(try (integer->char #x110000))
(try (integer->char -1))
(try (integer->char 65.0))
(try (char-upcase "a"))
(try (char=? #\a "a"))
(try (char<? 1 #\a))
(try (string=? "a" 'a))
(try (string<? 'a "a"))
(try (string-set! s 4 #\x))
(try (string-set! s -1 #\x))
(try (string-set! s 0 "x"))
(try (string-set! 'abc 0 #\x))
;; the last two arguments call: an ordinary call
(define (id x) x)
(string-set! s (id 3) (id lambda-char))
(show s)
;; a continuation captured in the first argument, re-entered: the string is set each time
(define k #f)
(define n 0)
(define t (make-string 3 #\-))
(string-set! (call/cc (lambda (c) (set! k c) t)) n #\x)
(set! n (+ n 1))
(if (< n 3) (k t))
(show t)
#|output
((#t #f #f #f #t) (#t #f #f #t #f) (#f #t #f #f #f) (#f #f #t #f #f) (#f #f #t #f #f) (#f #f #f #f #f) (#f #f #f #f #f) (#t #f #f #f #t) (#t #f #f #t #f) (#f #t #f #f #f) (#f #f #t #f #f) (#t #f #f #t #f) (#t #f #f #f #t)) 
97 955 #\A #\null #\xd7ff #\xe000 #\x10ffff 
#\A #\x39b #\a #\x3bb #\1 #\xdf 
#t #f #t #t #f #t 
#t #t #t #f #t #t #f 
"baaa" 
"bλaa" 4 #\x3bb #\a #t 
"bcaa" #f #t 
error "char-alphabetic?: expected a character" ("a") 
error "char->integer: expected a character" (97) 
error "integer->char: expected a valid unicode code point" (55296) 
error "integer->char: expected a valid unicode code point" (1114112) 
error "integer->char: expected an exact non-negative integer" (-1) 
error "integer->char: expected an exact non-negative integer" (65.0) 
error "char-upcase: expected a character" ("a") 
error "char=?: expected a character" ("a") 
error "char<?: expected a character" (1) 
error "string=?: expected a string" (a) 
error "string<?: expected a string" (a) 
error "string-set!: expected a valid index" (4) 
error "string-set!: expected a valid index" (-1) 
error "string-set!: expected a character" ("x") 
error "string-set!: expected a string" (abc) 
"bcaλ" 
"xxx" 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr))
; Builtins called as values (a procedure's argument, a variable, apply, map): their common cases
; take the fast path of their inline code, the rest the procedure with its checks and errors.
; (Foment 0.4 reads this file's λ as two characters, checks no index of vector-ref nor code
; point of integer->char, and crashes on (modulo 1 0) called through apply.)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define (call f . args) (apply f args))
(define (call1 f a) (f a))
(define (call2 f a b) (f a b))
(define (tail2 f a b) (f a b))
(show (map car '((1) (2 3))) (map cdr '((1) (2 3))) (map cadr '((1 2) (3 4))) (map char-upcase (string->list "aλz"))
      (map char->integer (list #\a (integer->char 955))) (map string-length '("" "ab" "λ")))
(show (call1 null? '()) (call1 not #f) (call1 pair? 5) (call2 cons 1 2) (call2 eq? 'a 'a) (call2 string<? "a" "b")
      (call2 char<? #\b #\a) (call2 modulo -7 2) (call2 vector-ref #(a b) 1) (call2 string-ref "aλ" 1))
(show (call modulo 7 -2) (call quotient 7 2 ) (call string=? "a" "a" "a") (call char-alphabetic? (integer->char 955)) (tail2 string>? "b" "a"))
(let ((p (list 1 2)))
  (call2 set-car! p 'x)
  (call2 set-cdr! (cdr p) '(y))
  (show p))
(try (call1 car 5))
(try (map cadr '((1 2) (3))))
(try (call2 vector-ref #(1 2) 2))
(try (call2 string<? "a" 'b))
(try (call2 modulo 1 0))
(try (call1 integer->char #xD800))
(try (call1 char-upcase "a"))
(try (tail2 char=? #\a 1))
(try (call car 1 2))
(try (call cons 1))
#|output
(1 2) (() (3)) (2 4) (#\A #\x39b #\Z) (97 955) (0 2 1) 
#t #t #f (1 . 2) #t #t #f 1 b #\x3bb 
-1 3 #t #t #t 
(x 2 y) 
error "car: expected a pair" (5) 
error "car: expected a pair" (()) 
error "vector-ref: expected a valid index" (2) 
error "string<?: expected a string" (b) 
error "modulo: divide by zero" (1 0) 
error "integer->char: expected a valid unicode code point" (55296) 
error "char-upcase: expected a character" ("a") 
error "char=?: expected a character" (1) 
error "car: expected one argument" () 
error "cons: expected two arguments" () 
|#
;;;; ----
(import (scheme base) (scheme write))
; number->string, string->utf8 and utf8->string called with one argument skip the frame and the
; checks for fixnums, narrow strings and bytevectors; the rest goes to the procedure. (Foment
; 0.4 decodes #u8(255 65) as one replacement character: the A is lost.)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define lam (string (integer->char 955) #\x))
(show (map number->string (list 0 -5 123 -9223372036854775808 9223372036854775807 1.5 1/2 99999999999999999999)))
(show (map string->utf8 (list "" "abc" lam)) (string->utf8 "abc" 1) (number->string 255 16))
(show (map utf8->string (list (bytevector) (bytevector 104 105) (bytevector 206 187 120) (bytevector 255 65))))
(show (string-length (utf8->string (bytevector 206 187 120))) (equal? (utf8->string (string->utf8 lam)) lam))
(define b (bytevector 65 66))
(define s (utf8->string b))
(bytevector-u8-set! b 0 67)
(show s b)
(try (number->string 'a))
(try (string->utf8 5))
(try (utf8->string "ab"))
#|output
("0" "-5" "123" "-9223372036854775808" "9223372036854775807" "1.5" "1/2" "99999999999999999999") 
(#u8() #u8(97 98 99) #u8(206 187 120)) #u8(98 99) "ff" 
("" "hi" "λx" "�A") 
2 #t 
"AB" #u8(67 66) 
error "number->string: expected a number" (a) 
error "string->utf8: expected a string" (5) 
error "utf8->string: expected a bytevector" ("ab") 
|#
