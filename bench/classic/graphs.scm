;;; graphs: counts graphs up to isomorphism by enumerating every graph on n nodes and keeping
;;; those that are the least (as a sequence of edges) among their images under every
;;; permutation of the nodes — the kind of combinatorial search the graphs benchmark does.
;;; Vectors of booleans, permutations as lists and vectors, early exits.
;;;   foment-ls run bench/classic/graphs.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (iota n)
  (let loop ((i (- n 1)) (l '()))
    (if (< i 0) l (loop (- i 1) (cons i l)))))

(define (permutations l)
  (if (null? l)
      '(())
      (apply append
             (map (lambda (x)
                    (map (lambda (p) (cons x p))
                         (permutations (remove x l))))
                  l))))

(define (remove x l)
  (cond ((null? l) '())
        ((eqv? x (car l)) (cdr l))
        (else (cons (car l) (remove x (cdr l))))))

;; The possible edges of a graph on n nodes, in a fixed order: (i . j) with i ≠ j when
;; directed, i < j otherwise.
(define (edges n directed?)
  (let loop ((i 0) (j 0) (out '()))
    (cond ((= i n) (list->vector (reverse out)))
          ((= j n) (loop (+ i 1) 0 out))
          ((if directed? (= i j) (>= i j)) (loop i (+ j 1) out))
          (else (loop i (+ j 1) (cons (cons i j) out))))))

(define (count-graphs n directed?)
  (let* ((es (edges n directed?))
         (e (vector-length es))
         (perms (map list->vector (permutations (iota n))))
         (adj (make-vector (* n n) #f))  ; the adjacency matrix of g
         (g (make-vector e #f)))          ; g's edges, in the order of es
    (define (set-edge! k present)
      (let ((i (car (vector-ref es k)))
            (j (cdr (vector-ref es k))))
        (vector-set! g k present)
        (vector-set! adj (+ (* i n) j) present)
        (if (not directed?) (vector-set! adj (+ (* j n) i) present))))
    ;; Is g no greater than its image under p? The image has edge (i . j) where g has
    ;; (p(i) . p(j)); #f sorts before #t.
    (define (no-greater? p)
      (let loop ((k 0))
        (if (= k e)
            #t
            (let* ((edge (vector-ref es k))
                   (image (vector-ref adj (+ (* (vector-ref p (car edge)) n) (vector-ref p (cdr edge)))))
                   (mine (vector-ref g k)))
              (cond ((eq? mine image) (loop (+ k 1)))
                    (mine #f)
                    (else #t))))))
    ;; The next graph, counting in binary; #f after the last.
    (define (next!)
      (let loop ((k (- e 1)))
        (cond ((< k 0) #f)
              ((vector-ref g k) (set-edge! k #f) (loop (- k 1)))
              (else (set-edge! k #t) #t))))
    (let loop ((count 0))
      (let ((count (if (let all ((ps perms)) (or (null? ps) (and (no-greater? (car ps)) (all (cdr ps)))))
                       (+ count 1)
                       count)))
        (if (next!) (loop count) count)))))

(define (graphs)
  (list (count-graphs 4 #t) (count-graphs 5 #f)))

(define (run n)
  (let loop ((i 1) (r (graphs)))
    (if (< i n) (loop (+ i 1) (graphs)) r)))

(write (run (repeat 20)))
(newline)
(write (list (map (lambda (n) (count-graphs n #f)) '(1 2 3 4))
             (map (lambda (n) (count-graphs n #t)) '(1 2 3))))
(newline)
#|args 1|#
#|output
(218 34)
((1 2 4 11) (1 3 16))
|#
