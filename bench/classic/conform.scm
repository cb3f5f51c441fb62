;;; conform: structural subtyping over a family of recursive record types, in the spirit of
;;; the conform benchmark (type-graph conformance and bounds): which types conform to which
;;; (width and depth subtyping, contravariant arguments, cycles assumed to conform), and the
;;; least upper bound of every pair. Association lists, member with equal?, deep recursion.
;;;   foment-ls run bench/classic/conform.scm [REPEAT]
(import (scheme base) (scheme cxr) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; A type expression: int, str or bool; (ref i), the record type number i; (list-of t);
;; (fn (t ...) t). A record type is an association list of its fields' names and types.
(define field-names '(a b c d e f g h))

(define (make-types n)
  (let ((types (make-vector n '())))
    (do ((i 0 (+ i 1))) ((= i n) types)
      (vector-set!
       types i
       (let loop ((names field-names) (k 0) (out '()))
         (cond ((null? names) (reverse out))
               ((< (modulo (+ (* i 3) k) 8) 5)
                (loop (cdr names) (+ k 1)
                      (cons (cons (car names)
                                  (case (modulo k 5)
                                    ((0) 'int)
                                    ((1) (list 'ref (modulo (* (+ i k) 3) n)))
                                    ((2) (list 'list-of (list 'ref (modulo (+ i 1) n))))
                                    ((3) (list 'fn (list (list 'ref (modulo (+ i k) n))) 'int))
                                    (else (if (even? k) 'str 'bool))))
                            out)))
               (else (loop (cdr names) (+ k 1) out))))))))

(define types #f)
(define proven #f)   ; for each record type, the ones it is known to conform to
(define refuted #f)  ; and not to

(define (fields i) (vector-ref types i))

(define (every2 p as bs)
  (or (null? as) (and (p (car as) (car bs)) (every2 p (cdr as) (cdr bs)))))

;; Does a conform to b (may a be used where b is expected)? A pair of record types met again
;; within the same question is assumed to conform: the answer is a conjunction, so an
;; assumption that was wrong makes the whole answer #f anyway. The pairs found conforming
;; (all those of a question answered #t) and not conforming are remembered.
(define visited '())

(define (conforms-to? a b)
  (set! visited '())
  (let ((ok (conforms? a b)))
    (if ok
        (for-each (lambda (p) (vector-set! proven (car p) (cons (cdr p) (vector-ref proven (car p)))))
                  visited))
    ok))

(define (conforms? a b)
  (cond ((symbol? a) (eq? a b))
        ((symbol? b) #f)
        ((not (eq? (car a) (car b))) #f)
        ((eq? (car a) 'ref)
         (let ((i (cadr a)) (j (cadr b)))
           (cond ((= i j))
                 ((memv j (vector-ref proven i)) #t)
                 ((memv j (vector-ref refuted i)) #f)
                 ((member (cons i j) visited) #t)
                 (else
                  (set! visited (cons (cons i j) visited))
                  (or (record-conforms? i j)
                      (begin
                        (vector-set! refuted i (cons j (vector-ref refuted i)))
                        #f))))))
        ((eq? (car a) 'list-of) (conforms? (cadr a) (cadr b)))
        (else
         (and (= (length (cadr a)) (length (cadr b)))
              (every2 (lambda (x y) (conforms? y x)) (cadr a) (cadr b))
              (conforms? (caddr a) (caddr b))))))

;; Record i conforms to record j when it has every field of j, each conforming.
(define (record-conforms? i j)
  (let loop ((fs (fields j)))
    (or (null? fs)
        (let ((f (assq (caar fs) (fields i))))
          (and f
               (conforms? (cdr f) (cdar fs))
               (loop (cdr fs)))))))

;; The least upper bound of two type expressions, or #f: for records, the fields both have
;; with a bound of their own.
(define (join a b)
  (cond ((conforms-to? a b) b)
        ((conforms-to? b a) a)
        ((and (pair? a) (pair? b) (eq? (car a) 'list-of) (eq? (car b) 'list-of))
         (let ((t (join (cadr a) (cadr b))))
           (and t (list 'list-of t))))
        (else #f)))

(define (record-join i j)
  (let loop ((fs (fields i)) (out '()))
    (if (null? fs)
        (reverse out)
        (let ((g (assq (caar fs) (fields j))))
          (loop (cdr fs)
                (let ((t (and g (join (cdar fs) (cdr g)))))
                  (if t (cons (cons (caar fs) t) out) out)))))))

(define (conform n)
  (set! types (make-types n))
  (set! proven (make-vector n '()))
  (set! refuted (make-vector n '()))
  (let loop ((i 0) (j 0) (conforming 0) (joined 0))
    (cond ((= i n) (list conforming joined))
          ((= j n) (loop (+ i 1) 0 conforming joined))
          (else
           (loop i (+ j 1)
                 (if (conforms-to? (list 'ref i) (list 'ref j)) (+ conforming 1) conforming)
                 (+ joined (length (record-join i j))))))))

(define (run reps)
  (let loop ((i 1) (r (conform 40)))
    (if (< i reps) (loop (+ i 1) (conform 40)) r)))

(write (run (repeat 15)))
(newline)
(write (map conform '(1 2 5 10)))
(newline)
#|args 1|#
#|output
(200 2500)
((1 5) (2 12) (5 49) (10 152))
|#
