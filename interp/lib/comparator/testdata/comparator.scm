;; (scheme comparator): made comparators, the predicates and the chains.
(import (scheme base) (scheme write) (scheme char) (scheme comparator))
(define string-ci-comparator (make-comparator string? string-ci=? string-ci<? string-ci-hash))
(write (list (comparator? string-ci-comparator) (comparator? string=?)
             (comparator-ordered? string-ci-comparator) (comparator-hashable? string-ci-comparator)))
(newline)
(write (list (=? string-ci-comparator "abc" "ABC" "Abc") (<? string-ci-comparator "a" "B" "c")
             (>? string-ci-comparator "c" "B" "a") (<=? string-ci-comparator "a" "A" "b")
             (>=? string-ci-comparator "b" "a" "b")))
(newline)
(write (map (lambda (x) (comparator-if<=> string-ci-comparator x "m" 'less 'same 'more)) '("a" "M" "z")))
(newline)
(define none (make-comparator (lambda (x) #t) eq? #f #f))
(write (list (comparator-ordered? none) (comparator-hashable? none) (comparator-test-type none 1)))
(newline)
(comparator-check-type string-ci-comparator 'sym)
#|output
(#t #f #t #t)
(#t #t #t #t #f)
(less same more)
(#f #f #t)
|#
#|error comparator-check-type: type test failed|#
;;;; ----
;; Comparators of pairs, lists and vectors.
(import (scheme base) (scheme write) (scheme comparator))
(define num (make-comparator number? = < number-hash))
(define bool (make-comparator boolean? eq? (lambda (x y) (and (not x) y)) boolean-hash))
(define pnb (make-pair-comparator num bool))
(define ln (make-list-comparator num list? null? car cdr))
(define vn (make-vector-comparator num vector? vector-length vector-ref))
(write (list (comparator-test-type pnb '(1 . #t)) (comparator-test-type pnb '(#t . 1))
             (<? pnb '(1 . #t) '(2 . #f)) (<? pnb '(1 . #f) '(1 . #t)) (=? pnb '(1 . #t) '(1.0 . #t))))
(newline)
(write (list (comparator-test-type ln '(1 2)) (comparator-test-type ln '(1 a))
             (<? ln '(1 2) '(1 2 3)) (<? ln '(1 3) '(1 2 3)) (=? ln '(1 2) '(1 2))))
(newline)
(write (list (<? vn #(3 4) #(1 2 3)) (<? vn #(1 2 3) #(1 2 4)) (=? vn #(1 2) #(1 2))))
(newline)
(write (= (comparator-hash ln '(1 2)) (comparator-hash ln '(1 2))))
(newline)
((comparator-ordering-predicate (make-comparator (lambda (x) #t) eq? #f #f)) 1 2)
#|output
(#t #f #t #t #t)
(#t #f #t #f #t)
(#t #t #t)
#t
|#
#|error no-ordering-predicate: no ordering predicate available|#
;;;; ----
;; The default comparator: types in SRFI 128's order, values within a type. Foment orders by its
;; internal type tags instead (fixnum < char < boolean < () < ... < flonum < pair ... < symbol),
;; so that (<? d 2 1.5) and (=? d 2 2.0) is #f there; SRFI 128 compares numbers with = and <.
(import (scheme base) (scheme write) (scheme comparator))
(define d (make-default-comparator))
(write (list (eq? d (make-default-comparator))
             (<? d '() '(1)) (<? d '(1) #f) (<? d #f #t) (<? d #t #\a) (<? d #\a "a")
             (<? d "a" 'a) (<? d 'a 1) (<? d 1 #(1)) (<? d #(1) #u8(1))))
(newline)
(write (list (=? d 2 2.0) (<? d 1/2 0.75) (=? d '(1 "a" #(b)) (list 1 "a" (vector 'b)))
             (<? d #(1 2) #(1 2 0)) (<? d #(2) #(1 2)) (<? d "abc" "abd")))
(newline)
(write (list (= (default-hash "t") (string-hash "t")) (= (default-hash 't) (symbol-hash 't))
             (= (default-hash 10) (number-hash 10)) (= (default-hash 2) (default-hash 2.0))
             (eq? default-hash (comparator-hash-function d))
             (eq? default-hash (comparator-hash-function (make-equal-comparator)))))
(newline)
(comparator-register-default!
  (make-comparator procedure? (lambda (a b) #t) (lambda (a b) #f) (lambda (obj) 200)))
(write (list (=? d car cdr) (<? d car cdr) (comparator-hash d car)))
#|output
(#t #t #t #t #t #t #t #t #t #t)
(#t #t #t #t #t #t)
(#t #t #t #t #t #t)
(#t #f 200)|#
;;;; ----
;; eq?, eqv? and equal? comparators, and the hash functions' ranges.
(import (scheme base) (scheme write) (scheme comparator))
(define p (cons 1 2))
(write (list (=? (make-eq-comparator) p p) (=? (make-eq-comparator) p (cons 1 2))
             (=? (make-eqv-comparator) 1.5 1.5) (=? (make-equal-comparator) p (cons 1 2))
             (comparator-ordered? (make-equal-comparator))))
(newline)
(define (ok? h) (and (exact-integer? h) (>= h 0) (< h (hash-bound))))
(write (map ok? (list (boolean-hash #t) (char-hash #\a) (char-ci-hash #\A) (string-hash "abc")
                      (string-ci-hash "ABC") (symbol-hash 'abc) (number-hash -3) (number-hash 3.5)
                      (default-hash '(1 #(2))))))
(newline)
(write (list (= (char-ci-hash #\a) (char-ci-hash #\A)) (= (string-ci-hash "Hello") (string-ci-hash "hELLO"))
             (= (string-hash "a") (string-hash "b")) (< (hash-salt) (hash-bound))
             (parameterize ((hash-bound-parameter 10)) (< (string-hash "xyz") 10))))
(newline)
(string-hash 'abc)
#|output
(#t #f #t #t #f)
(#t #t #t #t #t #t #t #t #t)
(#t #t #f #t #t)
|#
#|error string-hash: expected a string|#
;;;; ----
(import (scheme base) (scheme comparator))
(make-comparator string? string=? 'nope #f)
#|error make-comparator: expected a procedure or #f|#
;;;; ----
;; (srfi 128) is the same library.
(import (scheme base) (scheme write) (srfi 128))
(write (comparator-if<=> 1 2 'lt 'eq 'gt))
#|output
lt|#
