;;; nqueens: counts the ways to place N queens on an N×N board, trying each remaining column
;;; in each row — list building (append, cons) and short recursive searches.
;;;   foment-ls run bench/classic/nqueens.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

(define (columns n)
  (let loop ((i n) (l '()))
    (if (= i 0) l (loop (- i 1) (cons i l)))))

;; A queen in column col does not attack the queens placed, the nearest first.
(define (safe? col placed)
  (let loop ((placed placed) (distance 1))
    (or (null? placed)
        (let ((c (car placed)))
          (and (not (= c (+ col distance)))
               (not (= c (- col distance)))
               (loop (cdr placed) (+ distance 1)))))))

;; remaining: the columns not yet used that are still to try in this row; skipped: the ones
;; tried in this row already.
(define (queens n)
  (let try ((remaining (columns n)) (skipped '()) (placed '()))
    (if (null? remaining)
        (if (null? skipped) 1 0)
        (+ (if (safe? (car remaining) placed)
               (try (append (cdr remaining) skipped) '() (cons (car remaining) placed))
               0)
           (try (cdr remaining) (cons (car remaining) skipped) placed)))))

(define (run n)
  (let loop ((i 1) (r (queens 8)))
    (if (< i n) (loop (+ i 1) (queens 8)) r)))

(write (run (repeat 200)))
(newline)
(write (map queens '(1 2 3 4 5 6 7)))
(newline)
#|args 1|#
#|output
92
(1 0 0 2 10 4 40)
|#
