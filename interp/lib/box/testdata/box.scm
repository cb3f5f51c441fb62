;; (scheme box) and (srfi 111) are the same library: boxes are equal? when their contents are.
(import (scheme base) (scheme write) (scheme box))
(define b (box 10))
(write (list (unbox b) (box? b) (box? 10) (box? #(10)) (equal? (box 20) (box 20)) (eq? (box 30) (box 30))))
(newline)
(set-box! b 20)
(write (list (unbox b) (equal? b (box 20))))
(newline)
(unbox (cons 1 2))
#|output
(10 #t #f #f #t #f)
(20 #t)
|#
#|error unbox: expected a box|#
;;;; ----
(import (scheme base) (scheme write) (srfi 111))
(write (unbox (box 'srfi-111)))
(box)
#|output
srfi-111|#
#|error box: expected one argument|#
;;;; ----
;; The library exports only the four names.
(import (only (scheme box) box unbox))
(unbox (box 1))
(set-box! 1 2)
#|error used but never defined: set-box!|#
