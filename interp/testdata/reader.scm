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
|#
