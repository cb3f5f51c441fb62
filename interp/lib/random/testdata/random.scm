;; SRFI 27. The numbers differ from Foment's (another generator); what is tested is what SRFI 27
;; promises: ranges, reproducible states and pseudo-randomization.
(import (scheme base) (scheme write) (srfi 27))
(define (all? p l) (or (null? l) (and (p (car l)) (all? p (cdr l)))))
(define (draw f n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons (f) acc)))))
(write (all? (lambda (x) (and (exact-integer? x) (<= 0 x 9))) (draw (lambda () (random-integer 10)) 1000)))
(write (all? (lambda (x) (and (inexact? x) (< 0 x 1))) (draw random-real 1000)))
(define big (expt 10 30))
(write (all? (lambda (x) (and (exact-integer? x) (<= 0 x) (< x big))) (draw (lambda () (random-integer big)) 100)))
(write (< (expt 10 25) (apply max (draw (lambda () (random-integer big)) 100))))
(write (= 10 (length (let loop ((seen '()) (i 0))
                        (if (= i 2000) seen
                            (let ((x (random-integer 10))) (loop (if (memv x seen) seen (cons x seen)) (+ i 1))))))))
(newline)
(write (list (random-source? default-random-source) (random-source? 5) (random-integer 1)))
(newline)
#|output
#t#t#t#t#t
(#t #f 0)
|#
;;;; ---- states and pseudo-randomization are reproducible
(import (scheme base) (scheme read) (scheme write) (srfi 27))
(define s (make-random-source))
(random-source-pseudo-randomize! s 1 2)
(define ints (random-source-make-integers s))
(define reals (random-source-make-reals s))
(define first (list (ints 1000000) (ints 1000000) (reals)))
(random-source-pseudo-randomize! s 1 2)
(write (equal? first (list (ints 1000000) (ints 1000000) (reals))))
(define state (random-source-state-ref s))
(define a (list (ints 100) (ints 100) (ints 100)))
(random-source-state-set! s state)
(write (equal? a (list (ints 100) (ints 100) (ints 100))))
(define t (make-random-source))
(random-source-state-set! t state)
(write (equal? a (list ((random-source-make-integers t) 100) ((random-source-make-integers t) 100) ((random-source-make-integers t) 100))))
(define p (open-output-string))
(write state p)
(random-source-state-set! t (read (open-input-string (get-output-string p))))
(write (equal? a (list ((random-source-make-integers t) 100) ((random-source-make-integers t) 100) ((random-source-make-integers t) 100))))
(random-source-pseudo-randomize! s 1 3)
(write (equal? first (list (ints 1000000) (ints 1000000) (reals))))
(random-source-randomize! s)
(write (procedure? ints))
(newline)
(write (list (car state) (length state)))
(newline)
#|output
#t#t#t#t#f#t
(pcg 3)
|#
;;;; ---- new sources start alike
(import (scheme base) (scheme write) (srfi 27))
(define a (random-source-make-integers (make-random-source)))
(define b (random-source-make-integers (make-random-source)))
(write (equal? (list (a 1000) (a 1000)) (list (b 1000) (b 1000))))
(newline)
#|output
#t
|#
;;;; ---- random-integer takes a positive integer
(import (scheme base) (srfi 27))
(random-integer 0)
#|error random-integer: expected a positive exact integer 0|#
;;;; ---- a state must be one
(import (scheme base) (srfi 27))
(random-source-state-set! default-random-source '(pcg 1))
#|error random-source-state-set!: expected a random source state (pcg 1)|#
