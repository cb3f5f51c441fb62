;;; bytevector: binary data work — bytes from a pseudo-random generator, Adler-32 checksums,
;;; bytevector-copy!, -append and -copy, reversal in place, text to UTF-8 and back, and a
;;; round trip through a bytevector port with write-u8, write-bytevector, read-u8 and
;;; read-bytevector.
;;;   foment-ls run bench/classic/bytevector.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (random-bytes n seed)
  (let ((b (make-bytevector n)))
    (let loop ((i 0) (x seed))
      (if (= i n)
          b
          (let ((x (modulo (* x 48271) 2147483647)))
            (bytevector-u8-set! b i (modulo x 256))
            (loop (+ i 1) x))))))

(define (adler32 b)
  (let loop ((i 0) (a 1) (s 0))
    (if (= i (bytevector-length b))
        (+ (* s 65536) a)
        (let ((a (modulo (+ a (bytevector-u8-ref b i)) 65521)))
          (loop (+ i 1) a (modulo (+ s a) 65521))))))

(define (reverse! b)
  (let loop ((i 0) (j (- (bytevector-length b) 1)))
    (when (< i j)
      (let ((x (bytevector-u8-ref b i)))
        (bytevector-u8-set! b i (bytevector-u8-ref b j))
        (bytevector-u8-set! b j x)
        (loop (+ i 1) (- j 1))))
    b))

;; Writes b to a bytevector port in pieces (a length byte, then the piece) and reads it back.
(define (port-round-trip b)
  (let ((out (open-output-bytevector)))
    (let loop ((i 0))
      (when (< i (bytevector-length b))
        (let ((n (min 200 (- (bytevector-length b) i))))
          (write-u8 n out)
          (write-bytevector b out i (+ i n))
          (loop (+ i n)))))
    (let ((in (open-input-bytevector (get-output-bytevector out))))
      (let loop ((pieces '()))
        (let ((n (read-u8 in)))
          (if (eof-object? n)
              (apply bytevector-append (reverse pieces))
              (loop (cons (read-bytevector n in) pieces))))))))

;; Written with escapes: Foment 0.4 reads the characters of a source file as Latin-1.
(define text "Gr\xfc;\xdf;e, \x4e16;\x754c;! \x3bb;x.x \x2014; ")

(define (bytevector-work n)
  (let* ((b (random-bytes n 7))
         (c (bytevector-copy b))
         (both (bytevector-append b c))
         (utf (let loop ((i 0) (acc (bytevector)))
                (if (= i 50) acc (loop (+ i 1) (bytevector-append acc (string->utf8 text)))))))
    (bytevector-copy! c 0 b (quotient n 2))
    (list (adler32 b)
          (adler32 c)
          (adler32 both)
          (adler32 (reverse! (bytevector-copy b)))
          (equal? (port-round-trip both) both)
          (bytevector-length utf)
          (string-length (utf8->string utf))
          (string=? (utf8->string utf 0 (bytevector-length (string->utf8 text))) text))))

(define (run reps)
  (let loop ((i 1) (r (bytevector-work 20000)))
    (if (< i reps) (loop (+ i 1) (bytevector-work 20000)) r)))

(write (run (repeat 25)))
(newline)
#|args 1|#
#|output
(3898466800 1540744063 3944924142 2955665904 #t 1350 900 #t)
|#
