(import (scheme base) (scheme write))
;; A generator: its loop runs inside for-each and is re-entered at each call, after the
;; call/cc that captured it has returned.
(define (make-generator lst)
  (define return #f)
  (define resume #f)
  (define (start)
    (for-each (lambda (x) (call/cc (lambda (k) (set! resume k) (return x)))) lst)
    (return 'done))
  (lambda ()
    (call/cc (lambda (r)
      (set! return r)
      (if resume (resume #f) (start))))))
(define g (make-generator '(a b c)))
(write (list (g) (g) (g) (g)))
(newline)
;; Two generators interleaved, and one over a vector built by vector-for-each.
(define g1 (make-generator '(1 2 3)))
(define g2 (make-generator '(x y z)))
(write (list (g1) (g2) (g1) (g2) (g1) (g2) (g1) (g2)))
(newline)
;; Tree walk with a generator: same fringe.
(define (tree->generator tree)
  (define return #f)
  (define resume #f)
  (define (walk t)
    (cond ((null? t) #f)
          ((pair? t) (walk (car t)) (walk (cdr t)))
          (else (call/cc (lambda (k) (set! resume k) (return t))))))
  (lambda ()
    (call/cc (lambda (r)
      (set! return r)
      (if resume (resume #f) (begin (walk tree) (return 'end)))))))
(define (same-fringe? a b)
  (let ((ga (tree->generator a)) (gb (tree->generator b)))
    (let loop ()
      (let ((x (ga)) (y (gb)))
        (cond ((not (eqv? x y)) #f)
              ((eq? x 'end) #t)
              (else (loop)))))))
(write (list (same-fringe? '(1 (2 3) ((4))) '((1 2) (3 4)))
             (same-fringe? '(1 (2 3) 4) '(1 2 (4 3)))))
(newline)
#|output
(a b c done)
(1 x 2 y 3 z done done)
(#t #f)
|#
;;;; ----
(import (scheme base) (scheme write))
;; Coroutines that pass control back and forth, each resumed once per turn.
(define queue '())
(define (enqueue! k) (set! queue (append queue (list k))))
(define (dequeue!) (let ((k (car queue))) (set! queue (cdr queue)) k))
(define (yield) (call/cc (lambda (k) (enqueue! k) ((dequeue!) #f))))
(define (spawn name n)
  (call/cc (lambda (return)
    (enqueue! (lambda (ignore)
                (let loop ((i 0))
                  (when (< i n)
                    (display name) (display i) (display " ")
                    (yield)
                    (loop (+ i 1))))
                (if (pair? queue) ((dequeue!) #f) (done #f))))
    (return #f))))
(define done #f)
(call/cc (lambda (k)
  (set! done k)
  (spawn "a" 3)
  (spawn "b" 2)
  ((dequeue!) #f)))
(newline)
#|output
a0 b0 a1 b1 a2 
|#
;;;; ----
(import (scheme base) (scheme write))
;; dynamic-wind stays exact across re-entry: leaving runs the after thunk, coming back runs the
;; before thunk again (R7RS 6.10).
(define return #f)
(define resume #f)
(define (producer)
  (dynamic-wind
    (lambda () (display "[in]"))
    (lambda ()
      (call/cc (lambda (k) (set! resume k) (return 1)))
      (call/cc (lambda (k) (set! resume k) (return 2)))
      (return 'end))
    (lambda () (display "[out]"))))
(define (next) (call/cc (lambda (r) (set! return r) (if resume (resume #f) (producer)))))
(let loop ((v (next)))
  (display v)
  (unless (eq? v 'end) (loop (next))))
(newline)
#|output
[in][out]1[in][out]2[in][out]end
|#
;;;; ----
(import (scheme base) (scheme write))
;; Escapes: from nested procedures, from map, with several values, from a handler.
(write (call/cc (lambda (k) (+ 1 (k 42)))))
(write (+ 1 (call/cc (lambda (k) 5))))
(write (call/cc (lambda (k) (map (lambda (x) (if (negative? x) (k x) x)) '(1 -2 3)))))
(call-with-values (lambda () (call/cc (lambda (k) (k 1 2)))) (lambda (a b) (write (list a b))))
(write (call/cc (lambda (k) (with-exception-handler (lambda (e) (k (list 'handled e))) (lambda () (raise 'oops))))))
(write (guard (e (#t (list 'caught e))) (call/cc (lambda (k) (raise 'inside)))))
(write (let loop ((i 0) (acc 0)) (if (= i 1000) acc (loop (+ i 1) (+ acc (call/cc (lambda (k) (k i))))))))
(newline)
#|output
426-2(1 2)(handled oops)(caught inside)499500
|#
;;;; ----
(import (scheme base) (scheme write))
;; A continuation can be re-entered any number of times: the rest of the program runs again.
(define k #f)
(define n 0)
(display (call/cc (lambda (c) (set! k c) 'first)))
(newline)
(set! n (+ n 1))
(if (< n 3) (k 'again))
#|output
first
again
again
|#
;;;; ----
(import (scheme base) (scheme write))
;; An error inside a generator's extent, not caught there, ends the program with its message.
(define return #f)
(define (gen) (call/cc (lambda (r) (set! return r) (car '()))))
(display "before")
(newline)
(gen)
#|output
before
|#
#|error car: expected a pair ()|#
;;;; ----
(import (scheme base) (scheme write) (scheme process-context))
;; exit inside a continuation's extent ends the program, after the after thunks.
(dynamic-wind (lambda () #f)
              (lambda () (call/cc (lambda (k) (exit 0))))
              (lambda () (display "after") (newline)))
(display "never")
#|output
after
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
;; Continuations work on every thread: a generator driven from a thread.
(define (make-generator lst)
  (define return #f)
  (define resume #f)
  (lambda ()
    (call/cc (lambda (r)
      (set! return r)
      (if resume
          (resume #f)
          (begin (for-each (lambda (x) (call/cc (lambda (k) (set! resume k) (return x)))) lst)
                 (return 'done)))))))
(define t (run-thread (lambda () (let ((g (make-generator '(1 2 3)))) (list (g) (g) (g) (g))))))
(write (thread-join! t))
(newline)
#|output
(1 2 3 done)
|#
