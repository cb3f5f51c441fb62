(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(define p (open-input-string "hello (1 2 \"three\") #\\x 4.5 sym\nline two\nlast"))
(show (read-char p) (peek-char p) (read-char p) (read-string 3 p))
(show (read p) (read p) (read p) (read p))
(show (read-line p) (read-line p) (read-line p) (read-line p) (eof-object? (read-char p)))
(define q (open-input-string "a\r\nb\n\nc"))
(show (read-line q) (read-line q) (read-line q) (read-line q) (read-line q))
(define o (open-output-string))
(write 'sym o) (write-char #\space o) (display "str" o) (write "str" o) (newline o) (write-string "abc" o 1)
(show (get-output-string o))
(define bo (open-output-bytevector))
(write-u8 1 bo) (write-bytevector #u8(2 3 4) bo) (write-bytevector #u8(5 6 7) bo 1 2)
(show (get-output-bytevector bo))
(define bi (open-input-bytevector #u8(10 20 30 40 50)))
(show (read-u8 bi) (peek-u8 bi) (read-u8 bi) (read-bytevector 2 bi) (u8-ready? bi) (read-bytevector 10 bi) (read-bytevector 1 bi) (read-u8 bi))
(define buf (make-bytevector 4 0))
(show (read-bytevector! buf (open-input-bytevector #u8(7 8 9)) 1) buf)
(show (port? p) (input-port? p) (output-port? p) (textual-port? p) (binary-port? bi) (port? 5) (input-port? o) (output-port? o))
(show (input-port-open? p) (begin (close-port p) (input-port-open? p)) (output-port-open? o) (begin (close-output-port o) (output-port-open? o)))
(show (char-ready? (open-input-string "x")) (eof-object) (eof-object? (eof-object)) (eof-object? 'eof))
(show (call-with-port (open-input-string "(a . b)") read))
(show (read (open-input-string "")) (read (open-input-string "  ; comment only\n")))
(show (read (open-input-string "#(1 #t #f) #u8(1 2) 'q `(a ,b) |sym bol| \"s\\n\" #\\space 1/2 -0.5 #e1.5")))
(define r (open-input-string "#(1 #t #f) #u8(1 2) 'q `(a ,b ,@c)"))
(show (read r) (read r) (read r) (read r))
(show (read-string 0 (open-input-string "abc")) (read-string 5 (open-input-string "")) (read-string 10 (open-input-string "abc")))
(write (list 1 "a\nb" #\a #\space 'sym 2.5 '(a . b) '#(1 2) #u8(1 2) #t #f '() (if #f #f))) (newline)
(display (list 1 "a\nb" #\a #\space 'sym 2.5 '(a . b) '#(1 2) #u8(1 2) #t #f '())) (newline)
(write (let ((x (list 1 2))) (set-cdr! (cdr x) x) x)) (newline)
(write (let ((v (vector 1 2))) (vector-set! v 0 v) v)) (newline)
(write (let ((x (list 1 2))) (list x x))) (newline)
(write-shared (let ((x (list 1 2))) (list x x))) (newline)
(write-simple '(1 (2 "x") #(3))) (newline)
(write '(quote a)) (write ''a) (write '`(a ,b ,@c)) (newline)
(write (string->symbol "A b")) (write '|x|) (newline)
(parameterize ((current-output-port (open-output-string))) (display "hidden"))
(let ((s (open-output-string))) (parameterize ((current-output-port s)) (display "captured") (write 'x)) (show (get-output-string s)))
(flush-output-port)
(show (exact? (current-jiffy)) (> (jiffies-per-second) 0) (> (current-second) 1.7e9))
#|output
#\h #\e #\e "llo" 
(1 2 "three") #\x 4.5 sym 
"" "line two" "last" #<end-of-file> #t 
"a" "b" "" "c" #<end-of-file> 
"sym str\"str\"\nbc" 
#u8(1 2 3 4 6) 
10 20 20 #u8(30 40) #t #u8(50) #<end-of-file> #<end-of-file> 
3 #u8(0 7 8 9) 
#t #t #f #t #t #f #f #t 
#t #f #t #f 
#t #<end-of-file> #t #f 
(a . b) 
#<end-of-file> #<end-of-file> 
#(1 #t #f) 
#(1 #t #f) #u8(1 2) (quote q) (quasiquote (a (unquote b) (unquote-splicing c))) 
"" #<end-of-file> "abc" 
(1 "a\nb" #\a #\space sym 2.5 (a . b) #(1 2) #u8(1 2) #t #f () #<no-value>)
(1 a
b a   sym 2.5 (a . b) #(1 2) #u8(1 2) #t #f ())
#0=(1 2 . #0#)
#0=#(#0# 2)
((1 2) (1 2))
(#0=(1 2) #0#)
(1 (2 "x") #(3))
(quote a)(quote a)(quasiquote (a (unquote b) (unquote-splicing c)))
A bx
"capturedx" 
#t #t #t 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact) (scheme lazy) (scheme case-lambda) (scheme process-context) (scheme file) (scheme read) (scheme time) (scheme complex))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
(try (read (open-input-string "(1 2")))
(try (read (open-input-string ")")))
(try (read (open-input-string "#<foo>")))
(try (let ((p (open-input-string "abc"))) (close-port p) (read-char p)))
(try (write-char #\a (open-input-string "x")))
(try (read-u8 (open-input-string "x")))
(try (get-output-string (open-input-string "x")))
(try (read-char 5))
(try (write-u8 256 (open-output-bytevector)))
(try (read-line (open-input-bytevector #u8(1))))
(try (error-object? (guard (e (#t e)) (read (open-input-string "(")))))
(try (guard (e ((read-error? e) 'read-error)) (read (open-input-string "(a"))))
#|output
error "read: unexpected end-of-file reading list or vector" (#<textual-input-port>) 
error "read: unexpected )" (#<textual-input-port>) 
error "read: unexpected character following #" (#<textual-input-port>) 
error "read-char: expected an open textual input port" (#<textual-input-port closed>) 
error "write-char: expected an open textual output port" (#<textual-input-port>) 
error "read-u8: expected an open binary input port" (#<textual-input-port>) 
error "get-output-string: expected a string output port" (#<textual-input-port>) 
error "read-char: expected an open textual input port" (5) 
error "write-u8: expected a byte: an exact integer between 0 and 255" (256) 
error "read-line: expected an open textual input port" (#<binary-input-port>) 
#t 
read-error 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme read))
;; Standard input: lines, characters and data, to the end.
(let loop ((line (read-line)) (n 1))
  (unless (eof-object? line)
    (write (list n line)) (newline)
    (loop (read-line) (+ n 1))))
(write (read-char)) (newline)
#|stdin
first line
second (line)
  indented|#
#|output
(1 "first line")
(2 "second (line)")
(3 "  indented")
#<end-of-file>
|#
;;;; ----
(import (scheme base) (scheme write) (scheme read))
(define x (read))
(define y (read))
(write (list x y (read-char) (peek-char) (read-char) (read-line) (read) (read)))
(newline)
(write (char-ready?))
(newline)
#|stdin
(a b . c) #(1 2)
rest of line
42|#
#|output
((a b . c) #(1 2) #\newline #\r #\r "est of line" 42 #<end-of-file>)
#t
|#
