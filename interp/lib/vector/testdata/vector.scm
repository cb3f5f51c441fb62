;; (srfi 133): folds, searches and the multi-vector forms stop at the shortest vector. Where Foment
;; 0.4 differs from SRFI 133 we follow the SRFI: (vector-every odd? #()) is #t (Foment: #f), and
;; vector-binary-search takes the optional start and end (Foment: three arguments only).
(import (scheme base) (scheme write) (srfi 133))
(write (list (vector-fold + 0 #(1 2 3)) (vector-fold (lambda (acc x y) (cons (* x y) acc)) '() #(1 2 3) #(4 5))
             (vector-fold-right (lambda (acc x) (cons x acc)) '() #(a b c)) (vector-count even? #(1 2 4))
             (vector-cumulate + 0 #(1 2 3)) (vector-index even? #(1 3 4)) (vector-index-right odd? #(1 3 4))
             (vector-skip odd? #(1 3 4)) (vector-skip-right even? #(1 3 4)) (vector-index zero? #(1))))
(newline)
(write (list (vector-any (lambda (x) (and (> x 1) x)) #(1 2 3)) (vector-every + #(1 2) #(3 4)) (vector-every odd? #())
             (vector= eq? #(a b) #(a b) #(a b)) (vector= = #(1) #(1 2)) (vector-empty? #())
             (vector-concatenate '(#(1) #(2 3))) (vector-append-subvectors #(a b c) 1 3 #(d e) 0 1)))
(newline)
(write (list (vector-unfold (lambda (i x) (values x (* x 2))) 4 1) (vector-unfold-right (lambda (i) i) 3)
             (vector-unfold (lambda (i a b) (values (list a b) b a)) 3 'x 'y)
             (reverse-vector->list #(1 2 3 4) 1) (reverse-list->vector '(1 2 3)) (vector-reverse-copy #(1 2 3 4) 1 3)))
(newline)
(let ((v (vector 1 2 3 4 5)))
  (vector-swap! v 0 4) (vector-reverse! v 1 4) (vector-map! * v v)
  (write v))
(let ((v (make-vector 5 0)))
  (vector-reverse-copy! v 1 #(a b c)) (vector-unfold! (lambda (i) (* i 10)) v 4 5)
  (write v))
(call-with-values (lambda () (vector-partition symbol? #(1 a 2 b))) (lambda (v n) (write (list v n))))
(newline)
(write (map (lambda (x) (vector-binary-search #(1 3 5 7) x -)) '(0 1 3 4 7 8)))
(write (vector-binary-search #(1 3 5 7) 5 - 0 2))
(newline)
(vector-swap! (vector 1 2) 0 2)
#|output
(6 (10 4) (a b c) 2 #(1 3 6) 2 1 2 1 #f)
(2 6 #t #t #f #t #(1 2 3) #(b c d))
(#(1 2 4 8) #(0 1 2) #((x y) (y x) (x y)) (4 3 2) #(3 2 1) #(3 2))
#(25 16 9 4 1)#(0 c b a 40)(#(a b 1 2) 2)
(#f 0 1 #f 3 #f)#f
|#
#|error vector-swap!: expected a valid index 2|#
;;;; ----
;; The library re-exports R7RS's vector procedures.
(import (only (scheme base) lambda) (only (scheme vector) vector-map vector-for-each vector->list string->vector vector))
(vector-for-each (lambda (x) (vector->list (vector x))) (vector-map (lambda (x) x) (string->vector "ab")))
#|output
|#
