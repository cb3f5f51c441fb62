;; Continuation marks (SRFI 157): the expected outputs are Foment's.
(import (scheme base) (scheme write) (srfi 157))
(define (f) (continuation-mark-set->list (current-continuation-marks) 'a))
(write (let ((x (with-continuation-mark 'a 1 (with-continuation-mark 'a 2 (f))))) x)) (newline)
(write (let ((x (with-continuation-mark 'a 1 (if #t (with-continuation-mark 'a 2 (f)) 0)))) x)) (newline)
(write (with-continuation-mark 'a 1 (with-continuation-mark 'a 2 (f)))) (newline)
(write (list (with-continuation-mark 'a 1 (with-continuation-mark 'a 2 (f))))) (newline)
(define (g) (with-continuation-mark 'a 5 (f)))
(write (list (with-continuation-mark 'a 1 (g)))) (newline)
(define (h) (with-continuation-mark 'a 5 (list (f))))
(write (list (with-continuation-mark 'a 1 (h)))) (newline)
(write (with-continuation-mark 'a 1 (begin (f) (with-continuation-mark 'a 2 (f))))) (newline)
(write (continuation-marks? (current-continuation-marks))) (newline)
(write (continuation-marks? 5)) (newline)
(write (with-continuation-mark 'a 9 (call-with-current-continuation (lambda (k) (f))))) (newline)
#|output
(2)
(2)
(2)
((2))
((5))
(((5)))
(2)
#t
#f
(9)
|#
;;;; ---- non-tail marks nest, tail marks replace (from Foment's tests and the Racket Reference)
(import (scheme base) (scheme write) (srfi 157))
(define (count n m)
  (if (= n m)
      (continuation-mark-set->list (current-continuation-marks) 'key)
      (let ((r (with-continuation-mark 'key n (count (+ n 1) m))))
        r)))
(write (count 0 4)) (newline)
(write (let loop ((n 1000))
         (if (zero? n)
             (continuation-mark-set->list (current-continuation-marks) 'key)
             (with-continuation-mark 'key n (loop (- n 1))))))
(newline)
(define (tst2 mark-set-result key)
  (with-continuation-mark 'a 1
    (with-continuation-mark 'b 2
      (with-continuation-mark 'c 3
        (let ((ret (with-continuation-mark 'c 4
                     (mark-set-result (current-continuation-marks) key))))
          ret)))))
(write (tst2 continuation-mark-set->list 'c)) (newline)
(write (tst2 continuation-mark-set->list* '(a b c))) (newline)
(write (tst2 (lambda (ms keys) (continuation-mark-set->list* ms keys 'none)) '(a c))) (newline)
(write (tst2 continuation-mark-set-first 'b)) (newline)
(write (tst2 continuation-mark-set-first 'd)) (newline)
(write (continuation-mark-set-first #f 'd 'default)) (newline)
(write (with-continuation-mark 'key 1 (call-with-immediate-continuation-mark 'key (lambda (v) v)))) (newline)
(write (with-continuation-mark 'key 1 (call-with-immediate-continuation-mark 'k (lambda (v) v) 'default))) (newline)
(write (with-continuation-mark 'key 1 (list (call-with-immediate-continuation-mark 'key (lambda (v) v))))) (newline)
(write (with-continuation-mark 'key 'mark1
         (list (with-continuation-mark 'key 'mark2
                 (continuation-mark-set->list (current-continuation-marks) 'key)))))
(newline)
#|output
(3 2 1 0)
(1)
(4 3)
(#(#f #f 4) #(1 2 3))
(#(none 4) #(1 3))
2
#f
default
1
default
(#f)
((mark2 mark1))
|#
;;;; ---- marks are per thread; an escape drops the frames' marks
(import (foment base))
(define (marks) (continuation-mark-set->list (current-continuation-marks) 'k))
(write (with-continuation-mark 'k 1
         (list (thread-join! (run-thread (lambda () (marks)))) (marks))))
(newline)
(write (with-continuation-mark 'k 1
         (list (call/cc (lambda (esc) (with-continuation-mark 'k 2 (esc (marks))))) (marks))))
(newline)
(write (with-continuation-mark 'k 1
         (list (guard (e (#t (marks))) (with-continuation-mark 'k 2 (raise 'x))))))
(newline)
#|output
(() (1))
((2 1) (1))
((1))
|#
;;;; ---- a bad mark set
(import (foment base))
(continuation-mark-set->list 'nope 'key)
#|error continuation-mark-set->list: expected a continuation mark set nope|#
