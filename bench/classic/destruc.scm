;;; destruc: destructive list surgery in the spirit of Gabriel's destructive benchmark — lists
;;; are cut in half with set-cdr!, their tails spliced onto their neighbours, reversed in place
;;; and their elements updated with set-car!. Nothing is allocated after the start.
;;;   foment-ls run bench/classic/destruc.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; The lists: list i holds i+1 .. i+1+(i mod 10).
(define (make-lists n)
  (let ((v (make-vector n '())))
    (do ((i 0 (+ i 1))) ((= i n) v)
      (do ((k (modulo i 10) (- k 1))) ((< k 0))
        (vector-set! v i (cons (+ i 1 k) (vector-ref v i)))))))

(define (last-pair* l)
  (if (null? (cdr l)) l (last-pair* (cdr l))))

(define (reverse-in-place l)
  (let loop ((l l) (r '()))
    (if (null? l)
        r
        (let ((next (cdr l)))
          (set-cdr! l r)
          (loop next l)))))

;; Cuts l (two elements or more) after its first half and returns the rest.
(define (cut! l)
  (let loop ((p l) (k (quotient (length l) 2)))
    (if (= k 1)
        (let ((tail (cdr p)))
          (set-cdr! p '())
          tail)
        (loop (cdr p) (- k 1)))))

;; One round: every list gives the second half of itself to the front of the next one (the
;; last to the first); then every list is reversed and its elements counted up by one,
;; modulo 1000.
(define (round! v)
  (let ((n (vector-length v)))
    (do ((i 0 (+ i 1))) ((= i n))
      (let ((a (vector-ref v i))
            (j (if (= (+ i 1) n) 0 (+ i 1))))
        (if (and (pair? a) (pair? (cdr a)))
            (let ((tail (cut! a)))
              (set-cdr! (last-pair* tail) (vector-ref v j))
              (vector-set! v j tail)))))
    (do ((i 0 (+ i 1))) ((= i n))
      (let ((l (reverse-in-place (vector-ref v i))))
        (vector-set! v i l)
        (let loop ((p l))
          (if (pair? p)
              (begin
                (set-car! p (modulo (+ (car p) 1) 1000))
                (loop (cdr p)))))))))

(define (checksum v)
  (let loop ((i 0) (sum 0) (count 0))
    (if (= i (vector-length v))
        (list count sum)
        (let inner ((p (vector-ref v i)) (sum sum) (count count))
          (if (null? p)
              (loop (+ i 1) sum count)
              (inner (cdr p) (modulo (+ (* sum 31) (car p) i) 1000003) (+ count 1)))))))

(define (destructive lists rounds)
  (let ((v (make-lists lists)))
    (do ((r 0 (+ r 1))) ((= r rounds) (checksum v))
      (round! v))))

(define (run n)
  (let loop ((i 1) (r (destructive 100 100)))
    (if (< i n) (loop (+ i 1) (destructive 100 100)) r)))

(write (run (repeat 30)))
(newline)
#|args 1|#
#|output
(550 534157)
|#
