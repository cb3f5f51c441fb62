;; Named lets: the loop's procedure runs without a closure of its own when nothing but its
;; own code calls it (interp/lift.go); these check that it behaves as the closure did.
(import (scheme base) (scheme write))
;; outer variables, a captured variable assigned inside the loop, a non-tail self call
(define (f x k)
  (let ((count 0))
    (let loop ((i 0) (acc '()))
      (set! count (+ count 1))
      (cond ((= i k) (list (reverse acc) count x))
            ((odd? i) (cons 'odd (loop (+ i 1) acc)))
            (else (loop (+ i 1) (cons (* i x) acc)))))))
(write (f 10 5)) (newline)
;; more than four arguments, in tail and non-tail calls
(define (g a b)
  (let loop ((i 0) (p 1) (q 2) (r 3) (s 4) (t 5))
    (if (= i 3)
        (list p q r s t a b)
        (if (= i 1)
            (let ((v (loop (+ i 1) q r s t p)))
              v)
            (loop (+ i 1) q r s t p)))))
(write (g 'a 'b)) (newline)
;; a closure made inside the loop sees the loop's outer variables and its own
(define (h n)
  (let loop ((i 0) (procs '()))
    (if (= i 3)
        (map (lambda (p) (p)) procs)
        (loop (+ i 1) (cons (lambda () (list i n)) procs)))))
(write (h 'n)) (newline)
;; nested loops; the inner one calls the outer one (which keeps its closure)
(define (pairs n)
  (let outer ((i 0) (out '()))
    (if (= i n)
        (reverse out)
        (let inner ((j 0) (out out))
          (if (= j i)
              (outer (+ i 1) out)
              (inner (+ j 1) (cons (cons i j) out)))))))
(write (pairs 4)) (newline)
;; the loop's procedure as a value keeps its closure
(define (escape)
  (let loop ((i 0))
    (if (< i 2) (loop (+ i 1)) loop)))
(write (procedure? (escape))) (newline)
;; an outer variable defined by an internal definition, and one assigned after the loop
(define (k)
  (define (double x) (* 2 x))
  (define total 0)
  (let loop ((i 0))
    (when (< i 4)
      (set! total (+ total (double i)))
      (loop (+ i 1))))
  total)
(write (k)) (newline)
;; an escape from inside the loop, and a loop inside a loop's closure argument
(define (find-first pred l)
  (call-with-current-continuation
   (lambda (return)
     (let loop ((l l))
       (cond ((null? l) #f)
             ((pred (car l)) (return (car l)))
             (else (loop (cdr l))))))))
(write (find-first even? '(1 3 4 5))) (newline)
(write (map (lambda (n) (let loop ((i n) (acc 1)) (if (= i 0) acc (loop (- i 1) (* acc i))))) '(0 1 5 10)))
(newline)
;; the wrong number of arguments to the loop: raised when the call runs (Foment 0.4 reports it
;; when it compiles the program, before running any of it)
(define (bad) (let loop ((i 0)) (if (< i 1) (loop 1 2) i)))
(write (guard (e (#t 'arity-error)) (bad))) (newline)
#|output
(odd odd (0 20 40) 6 10)
(4 5 1 2 3 a b)
((2 n) (1 n) (0 n))
((1 . 0) (2 . 0) (2 . 1) (3 . 0) (3 . 1) (3 . 2))
#t
12
4
(1 1 120 3628800)
arity-error
|#
;;;; ----
;; Procedures defined in a body: lifted when only called, closures otherwise.
(import (scheme base) (scheme write))
;; mutual recursion, an outer variable, a helper used as a value (stays a closure)
(define (parity-list n k)
  (define (ev? i) (if (= i 0) #t (od? (- i 1))))
  (define (od? i) (if (= i 0) #f (ev? (- i 1))))
  (define (tag i) (list i (if (ev? i) 'even 'odd) k))
  (map tag (list n (+ n 1))))
(write (parity-list 10 'k)) (newline)
;; a helper called from a closure that outlives the procedure
(define (counter start)
  (define count start)
  (define (bump!) (set! count (+ count 1)) count)
  (lambda () (bump!)))
(define c (counter 5))
(c)
(write (c)) (newline)
;; a helper of many outer variables, and one assigned later (both stay closures)
(define (many a b c d e f g)
  (define (sum) (+ a b c d e f g))
  (define (twice x) (* 2 x))
  (set! twice (lambda (x) (* 3 x)))
  (list (sum) (twice 2)))
(write (many 1 2 3 4 5 6 7)) (newline)
;; a helper calling an enclosing loop's procedure, and a loop calling a helper
(define (grid n)
  (define (cell i j) (+ (* i 10) j))
  (let rows ((i 0) (out '()))
    (if (= i n)
        (reverse out)
        (let cols ((j 0) (out out))
          (if (= j n)
              (rows (+ i 1) out)
              (cols (+ j 1) (cons (cell i j) out)))))))
(write (grid 3)) (newline)
;; deep recursion through a helper (not tail calls)
(define (count-down n)
  (define (down i) (if (= i 0) 0 (+ 1 (down (- i 1)))))
  (down n))
(write (count-down 10000)) (newline)
#|output
((10 even k) (11 odd k))
7
(28 6)
(0 1 2 10 11 12 20 21 22)
10000
|#
;;;; ----
;; A procedure defined in a body and called before its definition ran is an error (as before
;; lifting; Foment 0.4 runs it).
(import (scheme base) (scheme write))
(define (early)
  (define x (later 1))
  (define (later y) y)
  x)
(early)
#|error later|#
;;;; ----
;;; A do with no result expressions gives #f, as in Foment (R7RS leaves it unspecified; a
;;; program that tests it — SRFI 64's (test-assert (array-index-map! ...)) in slib's tests —
;;; fails there and must fail here too).
(import (scheme base) (scheme write))
(define v (vector 0 0 0))
(write (do ((i 0 (+ i 1))) ((= i 3)) (vector-set! v i i)))
(write v)
(write (do ((i 0 (+ i 1))) ((= i 3) 'done)))
(newline)
#|output
#f#(0 1 2)done
|#
