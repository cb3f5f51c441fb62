;; (srfi 1) folds and maps over several lists, stopping at the shortest (a circular one too).
(import (scheme base) (scheme write) (srfi 1))
(write (list (fold + 0 '(1 2 3)) (fold cons* '() '(a b c) '(1 2 3 4)) (fold-right cons '() '(1 2 3))
             (fold-right list 'end '(1 2) '(a b c)) (reduce max 0 '(3 9 2)) (reduce + 0 '())
             (reduce-right append '() '((1) (2) (3)))))
(newline)
(write (list (count even? '(1 2 4)) (count < '(1 5 3) (circular-list 2)) (filter-map (lambda (x) (and (odd? x) (* x x))) '(1 2 3))
             (append-map (lambda (x) (list x x)) '(1 2)) (append-map list '(1 2) '(a b))
             (pair-fold cons '() '(1 2 3)) (pair-fold-right cons '() '(1 2 3))))
(newline)
(write (list (unfold (lambda (x) (> x 5)) (lambda (x) (* x x)) (lambda (x) (+ x 1)) 1)
             (unfold null-list? car cdr '(1 2 3) (lambda (x) 'tail))
             (unfold-right zero? (lambda (x) (* x x)) (lambda (x) (- x 1)) 5)
             (unfold-right null-list? car cdr '(1 2 3) '(end))))
(newline)
(let ((acc '())) (pair-for-each (lambda (p) (set! acc (cons (length p) acc))) '(a b c)) (write acc))
(write (list (list-tabulate 5 (lambda (i) (* i i))) (iota 3 1) (iota 3 0 1/2) (cons* 1 2 '(3)) (xcons 1 2)))
#|output
(6 (c 3 b 2 a 1) (1 2 3) (1 a (2 b end)) 9 0 (1 2 3))
(2 1 (1 9) (1 1 2 2) (1 a 2 b) ((3) (2 3) (1 2 3)) ((1 2 3) (2 3) (3)))
((1 4 9 16 25) (1 2 3 . tail) (1 4 9 16 25) (3 2 1 end))
(1 2 3)((0 1 4 9 16) (1 2 3) (0 1/2 1) (1 2 3) (2 . 1))|#
;;;; ----
;; Searching, filtering, deleting. alist-delete calls (= key (car entry)) as SRFI 1 says; Foment 0.4
;; swaps the arguments, so that (alist-delete 2 alist <) there keeps ((2 . b) (3 . c)).
(import (scheme base) (scheme write) (srfi 1))
(define l '(3 1 4 1 5 9 2 6))
(write (list (find even? l) (find-tail even? l) (find zero? l) (any even? l) (every odd? l)
             (any (lambda (x y) (and (> x y) (list x y))) '(1 5 2) '(2 3 4)) (every + '(1 2) '(3 4))
             (every odd? '()) (any odd? '()) (list-index even? l) (list-index = '(1 2 3) '(3 2 1))))
(newline)
(write (list (filter odd? l) (remove odd? l) (take-while odd? l) (drop-while odd? l)
             (delete 1 l) (delete 3 l <) (delete-duplicates '(a b a c b)) (delete-duplicates '(1 2 3 4) (lambda (x y) (= (modulo x 2) (modulo y 2))))))
(newline)
(call-with-values (lambda () (partition symbol? '(one 2 three 4))) (lambda (a b) (write (list a b))))
(call-with-values (lambda () (span even? '(2 4 5 6))) (lambda (a b) (write (list a b))))
(call-with-values (lambda () (break even? '(1 3 4 5))) (lambda (a b) (write (list a b))))
(newline)
(write (list (alist-cons 'a 1 '((b . 2))) (alist-delete 'a '((a . 1) (b . 2) (a . 3))) (alist-delete 2 '((1 . a) (2 . b) (3 . c)) <)
             (let* ((a '((a . 1))) (c (alist-copy a))) (list (equal? a c) (eq? (car a) (car c))))))
#|output
(4 (4 1 5 9 2 6) #f #t #f (5 3) 6 #t #f 2 1)
((3 1 1 5 9) (4 2 6) (3 1) (4 1 5 9 2 6) (3 4 5 9 2 6) (3 1 1 2) (a b c) (1 2))
((one three) (2 4))((2 4) (5 6))((1 3) (4 5))
(((a . 1) (b . 2)) ((b . 2)) ((1 . a) (2 . b)) (#t #f))|#
;;;; ----
;; Selectors, take/drop, the destructive versions, dotted and circular lists.
(import (scheme base) (scheme write) (srfi 1))
(define (ten) (list 1 2 3 4 5 6 7 8 9 10))
(write (list (first (ten)) (fifth (ten)) (tenth (ten)) (take (ten) 2) (drop (ten) 8) (take-right (ten) 2) (drop-right (ten) 8)
             (last (ten)) (last-pair (ten)) (take! (ten) 3) (drop-right! (ten) 7) (take-right '(1 2 . x) 1)))
(newline)
(call-with-values (lambda () (split-at (ten) 3)) (lambda (a b) (write (list a b))))
(call-with-values (lambda () (car+cdr '(1 . 2))) (lambda (a b) (write (list a b))))
(call-with-values (lambda () (unzip3 '((1 a x) (2 b y)))) (lambda (a b c) (write (list a b c))))
(newline)
(write (list (length+ '(1 2 3)) (length+ (circular-list 1 2)) (circular-list? (circular-list 1)) (dotted-list? '(1 . 2))
             (proper-list? '(1 2)) (null-list? '()) (not-pair? 1) (list= eq?) (list= = '(1 2) '(1 2) '(1 2)) (list= = '(1) '(1 2))
             (zip '(1 2 3) '(a b)) (append! (list 1 2) '() (list 3) 4) (concatenate '((1) (2 3))) (reverse! (list 1 2 3))
             (append-reverse '(3 2 1) '(4 5)) (append-reverse! (list 3 2 1) '(4 5))))
(newline)
(third '(1 2))
#|output
(1 5 10 (1 2) (9 10) (9 10) (1 2) 10 (10) (1 2 3) (1 2 3) (2 . x))
((1 2 3) (4 5 6 7 8 9 10))(1 2)((1 2) (a b) (x y))
(3 #f #t #t #t #t #t #t #t #f ((1 a) (2 b)) (1 2 3 . 4) (1 2 3) (3 2 1) (1 2 3 4 5) (1 2 3 4 5))
|#
#|error third: list has fewer elements than (1 2) 3|#
;;;; ----
;; Lists as sets.
(import (scheme base) (scheme write) (srfi 1))
(write (list (lset<= eq? '(a) '(a b a) '(a b c c)) (lset= eq? '(b e a) '(a e b) '(e e b a)) (lset= eq? '(a) '(a b))
             (lset-adjoin eq? '(a b c d c e) 'a 'e 'i 'o 'u)
             (lset-union eq? '(a b a c d e) '(a e i o u)) (lset-union eq? '() '(a b)) (lset-union eq?)
             (lset-intersection eq? '(a b c d e) '(a e i o u)) (lset-difference eq? '(a b c d e) '(a e i o u))
             (lset-xor eq? '(a b c d e) '(a e i o u))))
(newline)
(call-with-values (lambda () (lset-diff+intersection eq? '(a b c d e) '(a e i o u))) (lambda (d i) (write (list d i))))
#|output
(#t #t #f (u o i a b c d c e) (u o i a b a c d e) (a b) () (a e) (b c d) (b c d i o u))
((b c d) (a e))|#
;;;; ----
;; A circular list taken by take! is cut; fold over a circular list with a finite one stops.
(import (scheme base) (scheme write) (scheme list))
(write (list (take! (circular-list 1 3 5) 8) (fold + 0 '(1 2 3) (circular-list 10)) (map + '(1 2 3) (circular-list 10 20))))
#|output
((1 3) 36 (11 22 13))|#
;;;; ----
;; (srfi 1) names that are Foment renames are the same procedures.
(import (scheme base) (scheme write) (srfi 1))
(write (list (eq? map! map) (eq? filter! filter) (eq? delete! delete) (eq? proper-list? list?) (filter! odd? (list 1 2 3))))
#|output
(#t #t #t #t (1 3))|#
;;;; ----
(import (scheme base) (srfi 1))
(filter odd? '(1 2 . 3))
#|error filter: expected a list|#
;;;; ----
;;; every and any on a dotted list: an error once pred has not decided by the last element,
;;; as in Foment (they returned pred's answer on the last element).
(import (scheme base) (scheme write) (srfi 1))
(write (list (every odd? '(1 2 . 5)) (any odd? '(2 3 . 5)) (every odd? 5) (any odd? 5)))
(newline)
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
  (every odd? '(1 3 . 5))))
(newline)
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
  (any even? '(1 . 5))))
(newline)
#|output
(#f #t #t #f)
("every: expected a list" ((1 3 . 5)))
("any: expected a list" ((1 . 5)))
|#
;;;; ----
;; iota with an inexact step: element i is start + i*step, as SRFI 1 says, so the eleventh of
;; (iota 11 0 0.1) is 1.0. Foment 0.4 adds the step again and again (0.9999999999999999 there);
;; Foment's own test (iota 5 0 -0.1) = (0 -0.1 -0.2 -0.3 -0.4) passes there only because its
;; reader reads -0.3 as -0.30000000000000004, the float 3 * -0.1 (eqv? to it there, not here).
(import (scheme base) (scheme write) (srfi 1))
(define l (iota 5 0 -0.1))
(write (list (car l) (exact? (car l)) (eqv? (list-ref l 3) (* 3 -0.1)) (eqv? (list-ref l 3) -0.3)
             (eqv? (list-ref (iota 11 0 0.1) 10) 1.0) (iota 3 0.5 1/2) (iota 3 1 0.25)))
(newline)
#|output
(0 #t #t #f #t (0.5 1.0 1.5) (1 1.25 1.5))
|#
