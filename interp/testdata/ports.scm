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
;;;; ----
(import (scheme base) (scheme write) (foment base))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (show 'error (error-object-message c) (error-object-irritants c))) (#t (show 'raised c))) (show e)))))
;; Codecs and transcoders: identity, printing (as Foment prints them), make-codec's names (case
;; matters, as in Foment), make-transcoder's checks.
(show (ascii-codec) (latin-1-codec) (utf-8-codec) (utf-16-codec))
(display (list (utf-8-codec) (native-transcoder))) (newline)
(show (native-eol-style) (native-transcoder) (make-transcoder (utf-16-codec) 'crlf 'raise))
(show (make-transcoder (ascii-codec) 'none 'replace) (make-transcoder (latin-1-codec) 'lf 'raise))
(show (eq? (utf-8-codec) (utf-8-codec)) (eq? (native-transcoder) (native-transcoder)))
(show (map (lambda (n) (eq? (make-codec n) (ascii-codec))) '("ascii" "us-ascii" "us" "cp367" "csascii")))
(show (map (lambda (n) (eq? (make-codec n) (latin-1-codec))) '("latin1" "l1" "iso-8859-1" "iso_8859-1:1987" "windows-1252")))
(show (map (lambda (n) (eq? (make-codec n) (utf-8-codec))) '("utf-8" "utf8" "csutf8" "unicode-1-1-utf-8")))
(show (map (lambda (n) (eq? (make-codec n) (utf-16-codec))) '("utf-16" "utf-16le" "unicode" "ucs-2")))
(try (make-codec "UTF-8"))
(try (make-codec "ebcdic"))
(show (guard (e ((unknown-encoding-error? e) (list 'unknown (unknown-encoding-error-name e)))) (make-codec "koi8-r")))
(show (unknown-encoding-error? 'x) (unknown-encoding-error-name 'x)
      (unknown-encoding-error? (guard (e (#t e)) (car '()))))
(try (make-transcoder (utf-8-codec) 'cr 'raise))
(try (make-transcoder (utf-8-codec) "lf" 'raise))
(try (make-transcoder (utf-8-codec) 'lf 'ignore))
(try (make-transcoder 'utf-8 'lf 'raise))
(try (transcoded-port (open-input-bytevector #u8(65)) 'utf-8))
;; Foment's messages for these three name what it uses inside: "transcoded-port: expected a
;; transcoder", "open-input-bytevector: expected a bytevector", "wrong number of arguments".
(try (string->bytevector "x" (utf-8-codec)))
(try (bytevector->string "x" (native-transcoder)))
(try (utf-8-codec 'extra))
#|output
#<codec: ascii> #<codec: latin-1> #<codec: utf-8> #<codec: utf-16> 
(#<codec: utf-8> #<transcoder: utf-8 lf replace>)
lf #<transcoder: utf-8 lf replace> #<transcoder: utf-16 crlf raise> 
#<transcoder: ascii none replace> #<transcoder: latin-1 lf raise> 
#t #t 
(#t #t #t #t #t) 
(#t #t #t #t #t) 
(#t #t #t #t) 
(#t #t #t #t) 
error "make-codec: unknown encoding" ("UTF-8") 
error "make-codec: unknown encoding" ("ebcdic") 
(unknown "koi8-r") 
#f "" #f 
error "make-transcoder: expected none, lf, or crlf" (cr) 
error "make-transcoder: expected none, lf, or crlf" ("lf") 
error "make-transcoder: expected replace or raise" (ignore) 
error "make-transcoder: expected a codec" (utf-8) 
error "transcoded-port: expected a transcoder" (utf-8) 
error "string->bytevector: expected a transcoder" (#<codec: utf-8>) 
error "bytevector->string: expected a bytevector" ("x") 
error "utf-8-codec: expected no arguments" () 
|#
;;;; ----
(import (scheme base) (scheme write) (scheme read) (foment base))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
;; Round trips through bytevector ports with each codec: write with write-string, write,
;; display and newline; read back with read-line, read-char, peek-char, read-string and read.
(define text "caf\xe9; \x20ac;5 \x1F600;")
(define (round-trip codec)
  (let* ((tc (make-transcoder codec 'none 'replace))
         (bo (open-output-bytevector))
         (out (transcoded-port bo tc)))
    (write-string text out) (newline out) (write '(a "b" #\c) out) (display " end" out)
    (flush-output-port out)
    (let* ((bytes (get-output-bytevector bo))
           (in (transcoded-port (open-input-bytevector bytes) tc)))
      (show codec bytes)
      (show (read-line in) (read in) (peek-char in) (read-char in) (read-string 10 in) (read-char in)))))
(for-each round-trip (list (ascii-codec) (latin-1-codec) (utf-8-codec) (utf-16-codec)))
(define tc (native-transcoder))
(show (string->bytevector text tc) (bytevector->string (string->bytevector text tc) tc))
(show (string->bytevector "" tc) (bytevector->string #u8() tc))
(show (bytevector->string (bytevector 65 #xe9 #xff) (make-transcoder (latin-1-codec) 'none 'raise)))
(define p (transcoded-port (open-output-bytevector) tc))
(show (textual-port? p) (binary-port? p) (output-port? p) (input-port? p))
#|output
#<codec: ascii> #u8(99 97 102 63 32 63 53 32 63 10 40 97 32 34 98 34 32 35 92 99 41 32 101 110 100) 
"caf? ?5 ?" (a "b" #\c) #\space #\space "end" #<end-of-file> 
#<codec: latin-1> #u8(99 97 102 233 32 63 53 32 63 10 40 97 32 34 98 34 32 35 92 99 41 32 101 110 100) 
"café ?5 ?" (a "b" #\c) #\space #\space "end" #<end-of-file> 
#<codec: utf-8> #u8(99 97 102 195 169 32 226 130 172 53 32 240 159 152 128 10 40 97 32 34 98 34 32 35 92 99 41 32 101 110 100) 
"café €5 😀" (a "b" #\c) #\space #\space "end" #<end-of-file> 
#<codec: utf-16> #u8(99 0 97 0 102 0 233 0 32 0 172 32 53 0 32 0 61 216 0 222 10 0 40 0 97 0 32 0 34 0 98 0 34 0 32 0 35 0 92 0 99 0 41 0 32 0 101 0 110 0 100 0) 
"café €5 😀" (a "b" #\c) #\space #\space "end" #<end-of-file> 
#u8(99 97 102 195 169 32 226 130 172 53 32 240 159 152 128) "café €5 😀" 
#u8() "" 
"Aéÿ" 
#t #f #t #f 
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
;; End-of-line styles. Input: with lf or crlf, CR and CR LF read as a linefeed.
(define crlf (make-transcoder (utf-8-codec) 'crlf 'replace))
(define lf (make-transcoder (utf-8-codec) 'lf 'replace))
(define none (make-transcoder (utf-8-codec) 'none 'replace))
(define input (bytevector 97 10 98 13 10 99 13 100 13 13 10 10))
(show (bytevector->string input none) (bytevector->string input lf) (bytevector->string input crlf))
;; read-line sees one line end for CR LF (interp/codec_test.go splits them over reads).
(define in (transcoded-port (open-input-bytevector (bytevector 120 13 10 121 13 10 13 10 122)) lf))
(show (read-line in) (read-char in) (read-line in) (read-line in) (read-line in) (read-line in))
;; Output: crlf writes a linefeed as CR LF, unless a CR was just written (in this write or the
;; last), so that text with CR LF keeps it; none writes characters as they are.
(define bo (open-output-bytevector))
(define out (transcoded-port bo crlf))
(write-string "x\ny" out) (newline out) (write-char #\return out) (newline out) (display '("a\nb") out)
(flush-output-port out)
(show (get-output-bytevector bo))
(show (string->bytevector "a\nb\r\nc" crlf) (string->bytevector "a\nb\r\nc" none))
(show (string->bytevector "line\n" (make-transcoder (utf-16-codec) 'crlf 'raise)))
#|output
"a\nb\r\nc\rd\r\r\n\n" "a\nb\nc\nd\n\n\n" "a\nb\nc\nd\n\n\n" 
"x" #\y "" "" "z" #<end-of-file> 
#u8(120 13 10 121 13 10 13 10 40 97 13 10 98 41) 
#u8(97 13 10 98 13 10 99) #u8(97 10 98 13 10 99) 
#u8(108 0 105 0 110 0 101 0 13 0 10 0) 
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
;; Replace and raise. The irritants are the binary port beneath, then the character or bytes.
;; The message names the procedure called (Foment's always says write-char or read-char), and
;; Foment reports the encoded surrogate below as (237 128 128): it repeats the last byte.
(define (report e)
  (show (error-object-message e) (cdr (error-object-irritants e))
        (i/o-encoding-error? e) (i/o-decoding-error? e) (i/o-encoding-error-char e)))
(define-syntax try (syntax-rules () ((_ e) (guard (c ((error-object? c) (report c))) (show e)))))
(define (tc codec mode) (make-transcoder codec 'none mode))
(show (string->bytevector "a\xe9;\x20ac;" (tc (ascii-codec) 'replace))
      (string->bytevector "a\xe9;\x20ac;" (tc (latin-1-codec) 'replace)))
(define bo (open-output-bytevector))
(define out (transcoded-port bo (tc (ascii-codec) 'raise)))
(try (write-string "ab\xe9;c" out))
(flush-output-port out)
(show (get-output-bytevector bo))
(define out1 (transcoded-port (open-output-bytevector) (tc (latin-1-codec) 'raise)))
(try (write-char #\x20ac out1))
(try (display "\xe9;\x20ac;" out1))
(show (bytevector->string (bytevector 65 200) (tc (ascii-codec) 'replace)))
(define in (transcoded-port (open-input-bytevector (bytevector 65 200 66)) (tc (ascii-codec) 'raise)))
(show (read-char in))
(try (read-char in))
(show (read-char in) (read-char in))
(show (bytevector->string (bytevector 65 #xed #xa0 #x80 66) (tc (utf-8-codec) 'replace)))
(try (bytevector->string (bytevector 65 #xed #xa0 #x80 66) (tc (utf-8-codec) 'raise)))
(show (i/o-encoding-error? 'x) (i/o-decoding-error? 'x)
      (i/o-encoding-error? (guard (e (#t e)) (error "plain" 1))))
#|output
#u8(97 63 63) #u8(97 233 63) 
"write-string: unable to encode character to ascii" (#\xe9) #t #f #\xe9 
#u8(97 98) 
"write-char: unable to encode character to latin1" (#\x20ac) #t #f #\x20ac 
"display: unable to encode character to latin1" (#\x20ac) #t #f #\x20ac 
"A?" 
#\A 
"read-char: unable to decode byte to ascii" (200) #f #t #<no-value> 
#\B #<end-of-file> 
"A�B" 
"bytevector->string: unable to decode byte to utf-8" (237 160 128) #f #t #<no-value> 
#f #f #f 
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (try-decode bytes codec mode)
  (guard (e ((i/o-decoding-error? e) (show (error-object-message e) (cdr (error-object-irritants e)))))
    (show (bytevector->string bytes (make-transcoder codec 'none mode)))))
;; UTF-16 is written little-endian without a byte-order mark, as Foment writes it. On input a
;; leading mark sets the byte order; a U+FEFF after the start is a character. Foment reads only
;; its own byte order and drops every U+FEFF: it reads FE FF 00 41 as "\xfffe;\x4100;".
(try-decode (bytevector 65 0 61 216 0 222) (utf-16-codec) 'raise)
(try-decode (bytevector #xff #xfe 65 0 66 0) (utf-16-codec) 'raise)
(try-decode (bytevector #xfe #xff 0 65 0 66) (utf-16-codec) 'raise)
(show (string->list (bytevector->string (bytevector 65 0 #xff #xfe 66 0) (make-transcoder (utf-16-codec) 'none 'raise))))
;; Lone surrogates and a last byte cut short; the irritants are the bytes in stream order.
;; Foment: a high surrogate swallows the unit after it, and an odd last byte reads as the end.
(try-decode (bytevector 65 0 0 #xdc 66 0) (utf-16-codec) 'replace)
(try-decode (bytevector 65 0 0 #xdc 66 0) (utf-16-codec) 'raise)
(try-decode (bytevector 65 0 0 #xd8 66 0) (utf-16-codec) 'replace)
(try-decode (bytevector 65 0 0 #xd8 66 0) (utf-16-codec) 'raise)
(try-decode (bytevector 65 0 66) (utf-16-codec) 'replace)
(try-decode (bytevector 65 0 66) (utf-16-codec) 'raise)
;; UTF-8: a bad lead byte, a sequence cut short, an overlong form. Foment reads the first two
;; as the end of the text, decodes C3 28 as "h" and C0 AF as "/".
(try-decode (bytevector 65 #xff 66) (utf-8-codec) 'replace)
(try-decode (bytevector 65 #xff 66) (utf-8-codec) 'raise)
(try-decode (bytevector 65 #xc3 40) (utf-8-codec) 'replace)
(try-decode (bytevector 65 #xc3) (utf-8-codec) 'replace)
(try-decode (bytevector 65 #xc3) (utf-8-codec) 'raise)
(try-decode (bytevector #xc0 #xaf) (utf-8-codec) 'raise)
;; Input with lf: Foment drops the linefeed of "y\n" after an earlier lone CR ("x\nyz").
(show (bytevector->string (bytevector 120 13 121 10 122) (native-transcoder)))
;; An eol style converts every end of line on output, as Foment does: with lf, CR and CR LF
;; are written as LF; with crlf, a CR becomes CR LF when another character follows it (a port
;; without conversion: make-encoded-port, or a transcoder with 'none).
(show (string->bytevector "a\nb\r\nc\rd" (native-transcoder)))
(show (string->bytevector "c\rd\r" (make-transcoder (utf-8-codec) 'crlf 'replace)))
;; Without a transcoder (Foment requires one) transcoded-port is UTF-8 with no end-of-line
;; conversion, like make-encoded-port.
(define bytes (bytevector 104 105 13 10 #xc3 #xa9))
(show (read-string 10 (transcoded-port (open-input-bytevector bytes)))
      (read-string 10 (make-encoded-port (open-input-bytevector bytes)))
      (read-string 10 (transcoded-port (open-input-bytevector bytes) (native-transcoder))))
#|output
"A😀" 
"AB" 
"AB" 
(#\A #\xfeff #\B) 
"A�B" 
"bytevector->string: unable to decode byte to utf-16" (0 220) 
"A�B" 
"bytevector->string: unable to decode byte to utf-16" (0 216) 
"A�" 
"bytevector->string: unable to decode byte to utf-16" (66) 
"A�B" 
"bytevector->string: unable to decode byte to utf-8" (255) 
"A�(" 
"A�" 
"bytevector->string: unable to decode byte to utf-8" (195) 
"bytevector->string: unable to decode byte to utf-8" (192 175) 
"x\ny\nz" 
#u8(97 10 98 10 99 10 100) 
#u8(99 13 10 100 13) 
"hi\r\né" "hi\r\né" "hi\né" 
|#
;;;; ----
(import (scheme base) (foment base))
(make-codec "utf-32")
#|error make-codec: unknown encoding "utf-32"|#
;;;; ----
(import (scheme base) (foment base))
(define out (transcoded-port (open-output-bytevector) (make-transcoder (ascii-codec) 'lf 'raise)))
(write-string "\x3bb;" out)
#|error write-string: unable to encode character to ascii #<binary-output-port> #\x3bb|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
;; Foment's latin-1 end-of-line tests (test/foment.scm), input and output, every style.
(define chars '(#\A #\newline #\return #\B #\return #\newline #\C #\newline
                #\D #\return #\E #\newline #\return #\return #\newline #\return #\F))
(define bytes '#u8(#x41 #x42 #x0d #x43 #x0d #x0a #x58 #x0a #x59 #x5a))
(for-each
  (lambda (eol)
    (let ((tc (make-transcoder (latin-1-codec) eol 'replace)))
      (write (string->list (bytevector->string bytes tc)))
      (newline)
      (write (string->bytevector (list->string chars) tc))
      (newline)))
  '(none lf crlf))
;; Across writes to a port: a CR at the end of one write and a LF at the start of the next.
(define out (open-output-bytevector))
(define p (transcoded-port out (make-transcoder (latin-1-codec) 'crlf 'replace)))
(write-string "a\r" p) (write-string "\nb\r" p) (write-string "c\xe9;" p) (flush-output-port p)
(write (get-output-bytevector out))
(newline)
#|output
(#\A #\B #\return #\C #\return #\newline #\X #\newline #\Y #\Z)
#u8(65 10 13 66 13 10 67 10 68 13 69 10 13 13 10 13 70)
(#\A #\B #\newline #\C #\newline #\X #\newline #\Y #\Z)
#u8(65 10 10 66 10 67 10 68 10 69 10 10 10 10 70)
(#\A #\B #\newline #\C #\newline #\X #\newline #\Y #\Z)
#u8(65 13 10 13 10 66 13 10 67 13 10 68 13 10 69 13 10 13 10 13 10 13 10 70)
#u8(97 13 10 98 13 10 99 233)
|#
;;;; ----
(import (scheme base) (scheme write))
;; input-port-open? of an output port is #f, output-port-open? of an input port too (Foment).
(write (list (input-port-open? (open-output-string)) (output-port-open? (open-input-string "x"))
             (input-port-open? (open-input-string "x")) (output-port-open? (open-output-string))))
(newline)
#|output
(#f #f #t #t)
|#
