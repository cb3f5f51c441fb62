;;; maze: makes a maze on a grid by Kruskal's method — walls in random order, each removed
;;; when the cells it separates are not yet connected (union-find with path halving) — then
;;; finds the shortest path through it breadth-first. Vectors, fixnum arithmetic, a
;;; pseudo-random generator (Park and Miller's).
;;;   foment-ls run bench/classic/maze.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define seed 1)
(define (random n)
  (set! seed (modulo (* seed 48271) 2147483647))
  (modulo seed n))

(define (find parent i)
  (let ((p (vector-ref parent i)))
    (if (= p i)
        i
        (let ((gp (vector-ref parent p)))
          (vector-set! parent i gp)
          (find parent gp)))))

;; A wall is a pair of cells (a . b), b right of or below a.
(define (make-maze width height)
  (let* ((cells (* width height))
         (walls (let loop ((c 0) (out '()))
                  (if (= c cells)
                      (list->vector out)
                      (let* ((out (if (< (modulo c width) (- width 1)) (cons (cons c (+ c 1)) out) out))
                             (out (if (< c (- cells width)) (cons (cons c (+ c width)) out) out)))
                        (loop (+ c 1) out)))))
         (parent (make-vector cells 0))
         (open (make-vector cells '())))   ; each cell's neighbours through removed walls
    (do ((i 0 (+ i 1))) ((= i cells))
      (vector-set! parent i i))
    (do ((i (- (vector-length walls) 1) (- i 1))) ((< i 1))
      (let* ((j (random (+ i 1)))
             (w (vector-ref walls i)))
        (vector-set! walls i (vector-ref walls j))
        (vector-set! walls j w)))
    (let loop ((i 0) (removed 0))
      (if (= i (vector-length walls))
          (cons removed open)
          (let* ((w (vector-ref walls i))
                 (ra (find parent (car w)))
                 (rb (find parent (cdr w))))
            (if (= ra rb)
                (loop (+ i 1) removed)
                (begin
                  (vector-set! parent ra rb)
                  (vector-set! open (car w) (cons (cdr w) (vector-ref open (car w))))
                  (vector-set! open (cdr w) (cons (car w) (vector-ref open (cdr w))))
                  (loop (+ i 1) (+ removed 1)))))))))

;; The length of the shortest path from cell from to cell to.
(define (path-length open from to)
  (let ((distance (make-vector (vector-length open) #f)))
    (vector-set! distance from 0)
    (let loop ((frontier (list from)) (next '()))
      (cond ((vector-ref distance to))
            ((null? frontier) (if (null? next) #f (loop next '())))
            (else
             (let ((c (car frontier)))
               (loop (cdr frontier)
                     (let add ((ns (vector-ref open c)) (next next))
                       (cond ((null? ns) next)
                             ((vector-ref distance (car ns)) (add (cdr ns) next))
                             (else
                              (vector-set! distance (car ns) (+ (vector-ref distance c) 1))
                              (add (cdr ns) (cons (car ns) next))))))))))))

(define (maze size)
  (set! seed 1)
  (let ((m (make-maze size size)))
    (list (car m) (path-length (cdr m) 0 (- (* size size) 1)))))

(define (run n)
  (let loop ((i 1) (r (maze 60)))
    (if (< i n) (loop (+ i 1) (maze 60)) r)))

(write (run (repeat 70)))
(newline)
(write (map maze '(2 3 10)))
(newline)
#|args 1|#
#|output
(3599 328)
((3 2) (8 4) (99 22))
|#
