;;; string: text work — a text written to a string port from words and numbers, split at
;;; spaces with string-ref and substring, words counted by symbol, sorted with string<?,
;;; upcased, enciphered in place with string-set!, numbers read back with string->number.
;;;   foment-ls run bench/classic/string.scm [REPEAT]
(import (scheme base) (scheme char) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define words
  '#("alpha" "beta" "gamma" "delta" "epsilon" "zeta" "eta" "theta" "iota" "kappa" "lambda" "mu"))

(define (make-text n)
  (let ((out (open-output-string)))
    (do ((i 0 (+ i 1))) ((= i n) (get-output-string out))
      (write-string (vector-ref words (modulo (* i 7) 12)) out)
      (write-char #\space out)
      (when (= (modulo i 5) 0)
        (write-string (number->string (* i 37)) out)
        (write-char #\space out)))))

(define (split s)
  (let loop ((i 0) (start 0) (out '()))
    (cond ((= i (string-length s))
           (reverse (if (> i start) (cons (substring s start i) out) out)))
          ((char=? (string-ref s i) #\space)
           (loop (+ i 1) (+ i 1) (if (> i start) (cons (substring s start i) out) out)))
          (else (loop (+ i 1) start out)))))

;; Rotates the letters of a copy of s by k.
(define (rotate s k)
  (let ((c (string-copy s)))
    (do ((i 0 (+ i 1))) ((= i (string-length c)) c)
      (let ((ch (string-ref c i)))
        (if (char-lower-case? ch)
            (string-set! c i (integer->char (+ 97 (modulo (+ (- (char->integer ch) 97) k) 26)))))))))

;; How many times each word (not number) occurs, by symbol.
(define (count-words ws)
  (let loop ((ws ws) (counts '()))
    (cond ((null? ws) counts)
          ((not (char-alphabetic? (string-ref (car ws) 0))) (loop (cdr ws) counts))
          (else
           (let* ((s (string->symbol (car ws)))
                  (entry (assq s counts)))
             (if entry
                 (begin (set-cdr! entry (+ (cdr entry) 1)) (loop (cdr ws) counts))
                 (loop (cdr ws) (cons (cons s 1) counts))))))))

(define (merge-sort l less?)
  (define (merge a b)
    (cond ((null? a) b)
          ((null? b) a)
          ((less? (car b) (car a)) (cons (car b) (merge a (cdr b))))
          (else (cons (car a) (merge (cdr a) b)))))
  (define (split-half l)
    (if (or (null? l) (null? (cdr l)))
        (values l '())
        (let-values (((a b) (split-half (cddr l))))
          (values (cons (car l) a) (cons (cadr l) b)))))
  (if (or (null? l) (null? (cdr l)))
      l
      (let-values (((a b) (split-half l)))
        (merge (merge-sort a less?) (merge-sort b less?)))))

(define (string-work n)
  (let* ((text (make-text n))
         (ws (split text))
         (sorted (merge-sort ws string<?))
         (secret (rotate text 13)))
    (list (string-length text)
          (length ws)
          (let loop ((ws ws) (sum 0))
            (cond ((null? ws) sum)
                  ((string->number (car ws)) => (lambda (x) (loop (cdr ws) (+ sum x))))
                  (else (loop (cdr ws) sum))))
          (cdr (assq 'lambda (count-words ws)))
          (car sorted)
          (car (reverse sorted))
          (string=? (rotate secret 13) text)
          (substring secret 0 16)
          (substring (string-upcase text) 0 16)
          (list->string (reverse (string->list (substring text 0 16)))))))

(define (run reps)
  (let loop ((i 1) (r (string-work 2000)))
    (if (< i reps) (loop (+ i 1) (string-work 2000)) r)))

(write (run (repeat 40)))
(newline)
#|args 1|#
#|output
(13503 2400 14763000 166 "0" "zeta" #t "nycun 0 gurgn tn" "ALPHA 0 THETA GA" "ag ateht 0 ahpla")
|#
