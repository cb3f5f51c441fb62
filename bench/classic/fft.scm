;;; fft: an in-place radix-2 fast Fourier transform on a vector of flonums (real and imaginary
;;; parts interleaved) — flonum arithmetic, vector-ref and vector-set!, sin and cos.
;;;   foment-ls run bench/classic/fft.scm [REPEAT]
(import (scheme base) (scheme write) (scheme inexact) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define pi (* 4. (atan 1.)))

;; data holds n complex numbers: re at 2k, im at 2k+1; n is a power of two.
(define (fft! data)
  (let ((n (quotient (vector-length data) 2)))
    ;; bit-reversal permutation
    (let loop ((i 0) (j 0))
      (when (< i n)
        (when (< i j)
          (let ((re (vector-ref data (* 2 i)))
                (im (vector-ref data (+ (* 2 i) 1))))
            (vector-set! data (* 2 i) (vector-ref data (* 2 j)))
            (vector-set! data (+ (* 2 i) 1) (vector-ref data (+ (* 2 j) 1)))
            (vector-set! data (* 2 j) re)
            (vector-set! data (+ (* 2 j) 1) im)))
        (let bit ((m (quotient n 2)) (j j))
          (if (and (>= m 1) (>= j m))
              (bit (quotient m 2) (- j m))
              (loop (+ i 1) (+ j m))))))
    ;; butterflies
    (let stage ((size 2))
      (when (<= size n)
        (let* ((half (quotient size 2))
               (step (/ (* -2. pi) size)))
          (do ((k 0 (+ k 1))) ((= k half))
            (let ((wr (cos (* step k)))
                  (wi (sin (* step k))))
              (do ((i k (+ i size))) ((>= i n))
                (let* ((j (+ i half))
                       (jr (vector-ref data (* 2 j)))
                       (ji (vector-ref data (+ (* 2 j) 1)))
                       (tr (- (* wr jr) (* wi ji)))
                       (ti (+ (* wr ji) (* wi jr)))
                       (ir (vector-ref data (* 2 i)))
                       (ii (vector-ref data (+ (* 2 i) 1))))
                  (vector-set! data (* 2 j) (- ir tr))
                  (vector-set! data (+ (* 2 j) 1) (- ii ti))
                  (vector-set! data (* 2 i) (+ ir tr))
                  (vector-set! data (+ (* 2 i) 1) (+ ii ti)))))))
        (stage (* size 2))))
    data))

;; A signal of two sines, at frequencies 3 and 10 with amplitudes 1 and 0.5: its transform
;; has magnitude n/2 at 3 and n-3, n/4 at 10 and n-10, and nothing elsewhere.
(define (signal n)
  (let ((v (make-vector (* 2 n) 0.)))
    (do ((k 0 (+ k 1))) ((= k n) v)
      (vector-set! v (* 2 k) (+ (sin (/ (* 2. pi 3 k) n))
                                (* .5 (sin (/ (* 2. pi 10 k) n))))))))

(define (peaks data)
  (let ((n (quotient (vector-length data) 2)))
    (let loop ((k 0) (out '()))
      (if (= k n)
          (reverse out)
          (let* ((re (vector-ref data (* 2 k)))
                 (im (vector-ref data (+ (* 2 k) 1)))
                 (mag (sqrt (+ (* re re) (* im im)))))
            (loop (+ k 1) (if (> mag 1e-6) (cons (list k (exact (round mag))) out) out)))))))

(define n 1024)

(define (run reps)
  (let loop ((i 1) (r (fft! (signal n))))
    (if (< i reps) (loop (+ i 1) (fft! (signal n))) r)))

(write (peaks (run (repeat 80))))
(newline)
#|args 1|#
#|output
((3 512) (10 256) (1014 256) (1021 512))
|#
