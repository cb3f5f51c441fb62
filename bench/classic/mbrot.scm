;;; mbrot: the Mandelbrot set on a grid — flonum multiply-adds in a tight loop.
;;;   foment-ls run bench/classic/mbrot.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define max-count 64)

;; The number of iterations of z := z² + c before |z| > 2, at most max-count.
(define (count cr ci)
  (let loop ((zr 0.) (zi 0.) (c 0))
    (if (= c max-count)
        c
        (let ((zr2 (* zr zr))
              (zi2 (* zi zi)))
          (if (> (+ zr2 zi2) 4.)
              c
              (loop (+ (- zr2 zi2) cr) (+ (* 2. zr zi) ci) (+ c 1)))))))

;; The counts over a size × size grid from (-2, -1.25) to (0.5, 1.25): their sum, and how
;; many points are in the set.
(define (mbrot size)
  (let ((step (/ 2.5 size)))
    (let rows ((y 0) (sum 0) (inside 0))
      (if (= y size)
          (list sum inside)
          (let cols ((x 0) (sum sum) (inside inside))
            (if (= x size)
                (rows (+ y 1) sum inside)
                (let ((c (count (+ -2. (* step x)) (+ -1.25 (* step y)))))
                  (cols (+ x 1) (+ sum c) (if (= c max-count) (+ inside 1) inside)))))))))

(define (run n)
  (let loop ((i 1) (r (mbrot 80)))
    (if (< i n) (loop (+ i 1) (mbrot 80)) r)))

(write (run (repeat 12)))
(newline)
#|args 1|#
#|output
(130076 1619)
|#
