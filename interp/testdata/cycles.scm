(import (scheme base) (scheme write) (scheme cxr))
;; equal? terminates on circular data and compares the unfoldings, as Foment does (R7RS).
(define (circular . xs) (let ((l (list-copy xs))) (set-cdr! (list-tail l (- (length l) 1)) l) l))
(define v (vector 1 2)) (vector-set! v 1 v)
(define w (vector 1 2)) (vector-set! w 1 w)
(write (list (equal? v w) (equal? (circular 1 2 3) (circular 1 2 3))
             (equal? (circular 1 2 3) (circular 1 2 3 1 2 3))
             (equal? (circular 1 2 3) (cdr (circular 1 2 3)))
             (equal? (list (circular 1) v) (list (circular 1 1) w))
             (equal? (circular 1 2) (list 1 2 1 2))))
(newline)
;; A DAG of shared pairs 100 deep: 2^100 paths, compared in linear time.
(define (dag n) (let loop ((i 0) (x '())) (if (= i n) x (loop (+ i 1) (cons x x)))))
(write (list (equal? (dag 100) (dag 100)) (equal? (dag 100) (dag 99))))
(newline)
;; Deep nesting and long lists (Foment's equal? recurses on the C stack: a segmentation fault).
(define (nest n) (let loop ((i 0) (x '())) (if (= i n) x (loop (+ i 1) (list x)))))
(write (list (equal? (nest 100000) (nest 100000)) (equal? (nest 100000) (nest 99999))))
(define (long n) (let loop ((i 0) (x '())) (if (= i n) x (loop (+ i 1) (cons (list i) x)))))
(write (list (equal? (long 200000) (long 200000)) (equal? (make-vector 100000 (list 1)) (make-vector 100000 (list 1)))))
(newline)
(write (list (equal? "abc" "abc") (equal? #u8(1 2) #u8(1 2)) (equal? 2 2.0) (equal? '#(1 (2 "x")) '#(1 (2 "x")))))
(newline)
#|output
(#t #t #t #f #t #f)
(#t #f)
(#t #f)(#t #t)
(#t #t #f #t)
|#
;;;; ----
(import (scheme base) (scheme write) (scheme cxr))
;; List walkers refuse circular lists with an error guard catches (Foment's messages; its
;; list-copy hangs). map and for-each accept a circular list beside a finite one.
(define c (list 1 2 3)) (set-cdr! (cddr c) c)
(define-syntax try
  (syntax-rules ()
    ((_ e) (begin (write (guard (x ((error-object? x) (cons (error-object-message x) (error-object-irritants x)))) e))
                  (newline)))))
(try (length c))
(try (list? c))
(try (append c '(1)))
(try (append '(1) c))
(try (list-copy c))
(try (reverse c))
(try (apply + c))
(try (list->vector c))
(try (list->string c))
(try (memq 5 c))
(try (map + c '(10 20 30 40 50)))
(try (map + c c))
(try (for-each + c c))
(try (list-tail c 3))
(try (list-copy '(1 2 . 3)))
#|output
("length: expected a list" #0=(1 2 3 . #0#))
#f
("append: expected a list" #0=(1 2 3 . #0#))
(1 . #0=(1 2 3 . #0#))
("list-copy: expected a list" #0=(1 2 3 . #0#))
("reverse: expected a list" #0=(1 2 3 . #0#))
("apply: expected a list" #0=(1 2 3 . #0#))
("list->vector: expected a list" #0=(1 2 3 . #0#))
("list->string: expected a list" #0=(1 2 3 . #0#))
("memq: expected a list" #0=(1 2 3 . #0#))
(11 22 33 41 52)
("map: expected a list" #0=(1 2 3 . #0#))
("for-each: expected a list" #0=(1 2 3 . #0#))
("list-tail: expected a list" #0=(1 2 3 . #0#))
(1 2 . 3)
|#
;;;; ----
(import (scheme base) (scheme write) (scheme cxr))
;; write labels cycles, display too (as Foment does), write-shared labels every shared pair
;; or vector, write-simple never labels and refuses circular data (Foment's prints forever).
;; Foment's write-shared also labels shared symbols (#0=a #0#): pointless, not done here.
(define c (list 1 2 3)) (set-cdr! (cddr c) c)
(define x (list 1 2))
(define v (vector 1 2)) (vector-set! v 0 (list v v))
(write c) (newline)
(display c) (newline)
(write v) (newline)
(write (list v v)) (newline)
(write (let ((a (list 1))) (set-cdr! a a) (list a a (vector a a)))) (newline)
(write (list x x)) (newline)
(write-shared (list x x)) (newline)
(write-simple (list x x)) (newline)
(write-shared (vector x x 'a "s" #\a "s")) (newline)
(display (vector c c 'a "s" #\a)) (newline)
(write (guard (e ((error-object? e) (error-object-message e))) (write-simple c)))
(newline)
#|output
#0=(1 2 3 . #0#)
#0=(1 2 3 . #0#)
#0=#((#0# #0#) 2)
(#0=#((#0# #0#) 2) #0#)
(#0=(1 . #0#) #0# #(#0# #0#))
((1 2) (1 2))
(#0=(1 2) #0#)
((1 2) (1 2))
#(#0=(1 2) #0# a "s" #\a "s")
#(#0=(1 2 3 . #0#) #0# a s a)
"write-simple: circular data cannot be written without datum labels (use write)"
|#
;;;; ----
(import (scheme base) (scheme write) (scheme eval) (scheme cxr))
;; eval of a circular datum: quoted, it is itself (Foment's eval copies a quoted datum: #f);
;; as code, an error (Foment: a segmentation fault).
(define c (list 1 2 3)) (set-cdr! (cddr c) c)
(define env (environment '(scheme base)))
(write (eq? c (eval (list 'quote c) env)))
(write (guard (e ((error-object? e) (error-object-message e))) (eval c env)))
(write (eval (list 'quote (list 'a c)) env))
(newline)
#|output
#t"procedure-call: expected a list of operands"(a #0=(1 2 3 . #0#))
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
;; Boxes are equal? when their contents are (Foment); records only when they are eqv?.
(define-record-type point (make-point x) point? (x point-x))
(define b (box 1)) (set-box! b b)
(define b2 (box 1)) (set-box! b2 b2)
(write (list (equal? (box 1) (box 1)) (equal? (box 1) (box 2)) (equal? b b2)
             (equal? (make-point 1) (make-point 1))))
(newline)
#|output
(#t #f #t #f)
|#
