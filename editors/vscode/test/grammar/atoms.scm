; SYNTAX TEST "source.scheme" "strings, symbols, characters, numbers, keywords, sockets"

(define |odd"symbol| 1)
;       ^^^^^^^^^^^^ variable.other.symbol.quoted.scheme
;                    ^ constant.numeric.scheme - string
(display "after it, strings are strings again")
;        ^ string.quoted.double.scheme
;^^^^^^^ - string

(string #\a #\space #\x41 #\( #\")
;       ^^^ constant.character.scheme
;           ^^^^^^^ constant.character.scheme
;                   ^^^^^ constant.character.scheme
;                         ^^^ constant.character.scheme
;                             ^^^ constant.character.scheme
;                                ^ punctuation.section.parens.scheme - string

"escapes \x41; \n \" \\ end"
;        ^^^^^ constant.character.escape.scheme
;              ^^ constant.character.escape.scheme
;                 ^^ constant.character.escape.scheme
;                    ^^ constant.character.escape.scheme

42
; <-- constant.numeric.scheme
(list #xFF #b101 #o17 #e1.5 #x#e1F +inf.0 -nan.0 -1.5e10 .5 1/2 +i 1+2i)
;     ^^^^ constant.numeric.scheme
;          ^^^^^ constant.numeric.scheme
;                ^^^^ constant.numeric.scheme
;                     ^^^^^ constant.numeric.scheme
;                           ^^^^^^ constant.numeric.scheme
;                                  ^^^^^^ constant.numeric.scheme
;                                         ^^^^^^ constant.numeric.scheme
;                                                ^^^^^^^ constant.numeric.scheme
;                                                        ^^ constant.numeric.scheme
;                                                           ^^^ constant.numeric.scheme
;                                                               ^^ constant.numeric.scheme
;                                                                  ^^^^ constant.numeric.scheme
(list f1 x2y add 1+ ... - +)
;     ^^ - constant.numeric
;        ^^^ - constant.numeric
;            ^^^ - constant.numeric
;                ^^ - constant.numeric
;                   ^^^ - constant.numeric
;                       ^ - constant.numeric
;                         ^ - constant.numeric

(let loop ([i 0]) (if (< i 3) (loop (+ i 1)) #t))
;^^^ keyword.control.scheme
;          ^ punctuation.section.parens.scheme
;           ^ - keyword
;                  ^^ keyword.control.scheme
;                                            ^^ constant.language.boolean.scheme
(cond [else => car])
;      ^^^^ keyword.control.scheme
;           ^^ keyword.operator.arrow.scheme
(define-record-type point (make-point x y) point? (x point-x))
;^^^^^^^^^^^^^^^^^^ keyword.control.scheme
(list define-thing lettuce)
;     ^^^^^^^^^^^^ - keyword
;                  ^^^^^^^ - keyword

(define s (make-socket (address-family inet) (socket-domain stream) *ipproto-tcp*))
;          ^^^^^^^^^^^ support.function.socket.scheme
;                       ^^^^^^^^^^^^^^ keyword.control.socket.scheme
;                                                                   ^^^^^^^^^^^^^ support.constant.socket.scheme
(map socket-accept (list s))
;    ^^^^^^^^^^^^^ support.function.socket.scheme
(define my-make-socket-thing 1)
;       ^^^^^^^^^^^^^^^^^^^^ - support
`(a ,b ,@c 'd)
; <- keyword.operator.quote.scheme
;   ^ keyword.operator.quote.scheme
;      ^^ keyword.operator.quote.scheme
;          ^ keyword.operator.quote.scheme
