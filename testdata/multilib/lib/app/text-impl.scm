;; The body of (app text).
(define (words s)
  (let loop ((chars (string->list s)) (word '()) (out '()))
    (cond
      ((null? chars)
       (reverse (if (null? word) out (cons (list->string (reverse word)) out))))
      ((char=? (car chars) #\space)
       (loop (cdr chars) '() (if (null? word) out (cons (list->string (reverse word)) out))))
      (else (loop (cdr chars) (cons (car chars) word) out)))))

(define (shout s) (string-upcase s))

(define (pad-right s n)
  (if (>= (string-length s) n)
      s
      (pad-right (string-append s " ") n)))
