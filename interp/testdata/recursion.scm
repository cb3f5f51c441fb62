(import (scheme base) (scheme write))
(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1)))))
(write (count 100000)) (newline)
(write (count 300000)) (newline)
(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(write (car (build 200000))) (newline)
#|output
100000
300000
200000
|#
;;;; ----
(import (scheme base) (scheme write))
;; Proper tail calls: mutual recursion, named let, cond, and, or, when, case, apply.
(define (ev? n) (if (= n 0) #t (od? (- n 1))))
(define (od? n) (if (= n 0) #f (ev? (- n 1))))
(write (ev? 1000001)) (newline)
(define (f n) (cond ((= n 0) 'done) (else (f (- n 1)))))
(write (f 1000000)) (newline)
(define (g n) (and #t (if (= n 0) 'and-done (g (- n 1)))))
(write (g 1000000)) (newline)
(define (h n) (or (= n 0) (h (- n 1))))
(write (h 1000000)) (newline)
(define (k n) (when (> n 0) (k (- n 1))))
(k 1000000)
(define (a n) (if (= n 0) 'apply-done (apply a (list (- n 1)))))
(write (a 1000000)) (newline)
(define (d n) (do ((i n (- i 1))) ((= i 0) 'do-done)))
(write (d 1000000)) (newline)
(define (c n) (case n ((0) 'case-done) (else (c (- n 1)))))
(write (c 1000000)) (newline)
#|output
#f
done
and-done
#t
apply-done
do-done
case-done
|#
;;;; ----
(import (scheme base))
(define (runaway n) (+ 1 (runaway n)))
(runaway 1)
#|error test.scm:43:26: stack overflow|#
;;;; ----
;;; The handler of a stack overflow runs on top of the deep stack: it has room to escape to
;;; a continuation taken before the recursion (Foment's does not, and the program ends), and
;;; so has the next overflow's once that escape took the stack back.
(import (scheme base) (scheme write))
(define (runaway n) (+ 1 (runaway n)))
(define (try tag)
  (call/cc (lambda (k)
             (with-exception-handler
              (lambda (e) (k (list tag (error-object-message e))))
              (lambda () (runaway 1))))))
(write (try 'first))
(newline)
(write (try 'second))
(newline)
;; A handler that recurses without end gets its headroom once: the overflow is uncaught.
(with-exception-handler (lambda (e) (runaway 2)) (lambda () (runaway 1)))
#|output
(first "stack overflow")
(second "stack overflow")
|#
#|error stack overflow|#
