;;; lattice: monotone maps between finite partial orders — the maps from one order to another,
;;; ordered pointwise, form an order again, whose maps are enumerated and counted in turn
;;; (in the spirit of the lattice benchmark of the Gabriel suite's successors). Backtracking
;;; search with closures for the orders, vectors for the maps.
;;;   foment-ls run bench/classic/lattice.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; An order: a vector of its elements and its relation (a procedure).
(define-record-type order
  (make-order elements leq?)
  order?
  (elements order-elements)
  (leq? order-leq?))

(define (chain n)
  (let ((v (make-vector n)))
    (do ((i 0 (+ i 1))) ((= i n))
      (vector-set! v i i))
    (make-order v <=)))

;; Calls visit with each monotone map from a to b (a vector, the image of each element of a
;; in the order of a's elements; the same vector each time). Each element is given an image
;; consistent with the images of the elements before it that it is comparable with (found
;; once, before the search).
(define (for-each-map a b visit)
  (let* ((as (order-elements a))
         (n (vector-length as))
         (bs (order-elements b))
         (m (vector-length bs))
         (la (order-leq? a))
         (lb (order-leq? b))
         (below (make-vector n '()))   ; k < i with a[k] <= a[i]
         (above (make-vector n '()))   ; k < i with a[i] <= a[k]
         (f (make-vector n #f)))
    (define (fits? i y)
      (and (let loop ((ks (vector-ref below i)))
             (or (null? ks) (and (lb (vector-ref f (car ks)) y) (loop (cdr ks)))))
           (let loop ((ks (vector-ref above i)))
             (or (null? ks) (and (lb y (vector-ref f (car ks))) (loop (cdr ks)))))))
    (do ((i 0 (+ i 1))) ((= i n))
      (do ((k 0 (+ k 1))) ((= k i))
        (if (la (vector-ref as k) (vector-ref as i))
            (vector-set! below i (cons k (vector-ref below i))))
        (if (la (vector-ref as i) (vector-ref as k))
            (vector-set! above i (cons k (vector-ref above i))))))
    (let assign ((i 0))
      (if (= i n)
          (visit f)
          (do ((j 0 (+ j 1))) ((= j m))
            (let ((y (vector-ref bs j)))
              (when (fits? i y)
                (vector-set! f i y)
                (assign (+ i 1)))))))))

(define (maps a b)
  (let ((out '()))
    (for-each-map a b (lambda (f) (set! out (cons (vector-copy f) out))))
    (let ((lb (order-leq? b)))
      (make-order (list->vector (reverse out))
                  (lambda (f g)
                    (let loop ((i 0))
                      (or (= i (vector-length f))
                          (and (lb (vector-ref f i) (vector-ref g i))
                               (loop (+ i 1))))))))))

(define (count-maps a b)
  (let ((count 0))
    (for-each-map a b (lambda (f) (set! count (+ count 1))))
    count))

(define (lattice)
  (let* ((l2 (chain 2))
         (l3 (maps l2 l2))                 ; a chain of 3
         (l4 (maps l3 l3))                 ; 10 elements, not a chain
         (p6 (maps l2 (chain 3))))         ; 6 elements
    (list (vector-length (order-elements l3))
          (vector-length (order-elements l4))
          (vector-length (order-elements p6))
          (count-maps l4 l3)
          (count-maps p6 p6))))

(define (run n)
  (let loop ((i 1) (r (lattice)))
    (if (< i n) (loop (+ i 1) (lattice)) r)))

(write (run (repeat 120)))
(newline)
(write (map (lambda (n) (count-maps (chain 3) (chain n))) '(1 2 3 4 5)))
(newline)
#|args 1|#
#|output
(3 10 6 126 494)
(1 4 10 20 35)
|#
