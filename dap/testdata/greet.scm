;; Reads a name from standard input.
(import (scheme base) (scheme write))
(display "name? ")
(define name (read-line))
(display (string-append "hello, " name))
(newline)
