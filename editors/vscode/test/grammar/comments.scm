; SYNTAX TEST "source.scheme" "comments: line, nested block, datum"

(list 1 #;(x 2) 3)
;       ^^^^^^^ comment.block.datum.scheme
;              ^ - comment
;               ^ constant.numeric.scheme
;                ^ punctuation.section.parens.scheme - comment

(list #;x 3)
;     ^^^ comment.block.datum.scheme
;        ^ - comment
;         ^ constant.numeric.scheme

(list #; "a string" 4 #;|a symbol| 5)
;     ^^^^^^^^^^^^^ comment.block.datum.scheme
;                   ^ constant.numeric.scheme
;                     ^^^^^^^^^^^^ comment.block.datum.scheme
;                                  ^ constant.numeric.scheme - comment

(list #;'(quoted (nested) list) 6)
;     ^^^^^^^^^^^^^^^^^^^^^^^^^ comment.block.datum.scheme
;                               ^ constant.numeric.scheme - comment

(list #;#(1 2) #;#u8(3) #;#\) 7)
;     ^^^^^^^^ comment.block.datum.scheme
;              ^^^^^^^^ comment.block.datum.scheme
;                       ^^^^^ comment.block.datum.scheme
;                             ^ constant.numeric.scheme - comment

; A datum comment over several lines, and one whose datum is on the next line.
#;(define (f x)
;^^^^^^^^^^^^^^ comment.block.datum.scheme
    (+ x "a ) in a string" #\) 1))
; <----------------------------------- comment.block.datum.scheme
(define y 2)
; <- punctuation.section.parens.scheme - comment
;^^^^^^ keyword.control.scheme - comment
#;
  (ignored
; ^^^^^^^^ comment.block.datum.scheme
   form)
;  ^^^^^ comment.block.datum.scheme
(define z 3)
;^^^^^^ keyword.control.scheme - comment

#| block #| nested |# still a comment |# (define w 4)
; <-------------------------------------- comment.block.scheme
;                                         ^^^^^^ keyword.control.scheme - comment

#| over
   #| several |#
   lines |#
;  ^^^^^^^^ comment.block.scheme
(define v 5)
;^^^^^^ keyword.control.scheme - comment

(define u 6) ; a line comment (define not)
;            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.semicolon.scheme
