;; numeric->string of (foment base); the outputs are Foment's but for the last two: Foment 0.4
;; gives "" and "1.50" for negative numbers.
(import (foment base))
(for-each (lambda (args) (write (apply numeric->string args)) (newline))
  '((3.5 10 #f #f #\, #\.) (3.14159 10 2 #f #\, #\.) (1234567 10 #f 3 #\, #\.) (1234567.891 10 2 3 #\, #\.)
    (255 16 #f #f #\, #\.) (2/3 10 3 #f #\, #\.) (0.1 10 5 #f #\, #\.)
    (12.5 2 #f #f #\, #\.) (1.5 10 0 #f #\, #\.) (2.5 10 0 #f #\, #\.) (123 10 2 #f #\, #\.) (1/3 10 #f #f #\, #\.)
    (1234.5 10 1 3 #\space #\,) (+inf.0 10 2 #f #\, #\.) (12345678901234567890 10 #f 3 #\, #\.) (3.99999 10 2 #f #\, #\.)
    (-1234567 10 #f (3 2) #\, #\.) (-0.5 10 2 #f #\, #\.)))
#|output
"3.5"
"3.14"
"1,234,567"
"1,234,567.89"
"ff"
"0.667"
"0.10000"
"1100.1"
"2"
"3"
"123.00"
"1/3"
"1 234,5"
"+inf.0"
"12,345,678,901,234,567,890"
"4.00"
"-12,34,567"
"-0.50"
|#
;;;; ---- the radix is checked
(import (foment base))
(numeric->string 1 37 #f #f #\, #\.)
#|error numeric->string: expected radix between 2 and 36 37|#
;;;; ---- and the comma rule
(import (foment base))
(numeric->string 1 10 #f '(3 0) #\, #\.)
#|error numeric->string: expected comma-rule of #f, positive integer, or list of positive integers (3 0)|#
