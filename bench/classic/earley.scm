;;; earley: Earley's chart parser on an ambiguous grammar (s -> s s | x), then a count of the
;;; parse trees of x^n from the chart (they are Catalan numbers) — small vectors, list
;;; searches and memoisation in a vector.
;;;   foment-ls run bench/classic/earley.scm [REPEAT]
(import (scheme base) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; A grammar is a list of rules (lhs rhs ...); a symbol that is no rule's lhs is a terminal.
;; An item is a vector #(rule dot origin): rule an index into the rules.
(define (parse grammar start input)
  (let* ((rules (list->vector grammar))
         (n (vector-length input))
         (chart (make-vector (+ n 1) '()))  ; every item of each position
         (nonterminals (let loop ((g grammar) (out '()))
                         (cond ((null? g) (reverse out))
                               ((memq (caar g) out) (loop (cdr g) out))
                               (else (loop (cdr g) (cons (caar g) out))))))
         (nt-index (lambda (sym)
                     (let loop ((l nonterminals) (i 0))
                       (cond ((null? l) #f) ((eq? (car l) sym) i) (else (loop (cdr l) (+ i 1))))))))
    (define (rhs rule) (cdr (vector-ref rules rule)))
    (define (lhs rule) (car (vector-ref rules rule)))
    (define (next-symbol item)
      (let ((r (list-tail (rhs (vector-ref item 0)) (vector-ref item 1))))
        (if (null? r) #f (car r))))
    ;; Adds an item to position j unless it is there; returns the new item or #f.
    (define (add! j rule dot origin)
      (let loop ((s (vector-ref chart j)))
        (cond ((null? s)
               (let ((item (vector rule dot origin)))
                 (vector-set! chart j (cons item (vector-ref chart j)))
                 item))
              ((let ((it (car s)))
                 (and (= (vector-ref it 0) rule) (= (vector-ref it 1) dot) (= (vector-ref it 2) origin)))
               #f)
              (else (loop (cdr s))))))
    (define (predict! j sym work)
      (let loop ((r 0) (work work))
        (if (= r (vector-length rules))
            work
            (loop (+ r 1)
                  (let ((item (and (eq? (lhs r) sym) (add! j r 0 j))))
                    (if item (cons item work) work))))))
    (define (process! j)
      (let loop ((work (vector-ref chart j)))
        (if (pair? work)
            (let* ((item (car work))
                   (sym (next-symbol item))
                   (work (cdr work)))
              (cond ((not sym)          ; complete: advance the items waiting for lhs
                     (let ((a (lhs (vector-ref item 0))))
                       (let advance ((waiting (vector-ref chart (vector-ref item 2))) (work work))
                         (if (null? waiting)
                             (loop work)
                             (let ((w (car waiting)))
                               (advance (cdr waiting)
                                        (let ((new (and (eq? (next-symbol w) a)
                                                        (add! j (vector-ref w 0) (+ (vector-ref w 1) 1) (vector-ref w 2)))))
                                          (if new (cons new work) work))))))))
                    ((nt-index sym) (loop (predict! j sym work)))
                    (else               ; scan
                     (if (and (< j n) (eq? (vector-ref input j) sym))
                         (add! (+ j 1) (vector-ref item 0) (+ (vector-ref item 1) 1) (vector-ref item 2)))
                     (loop work)))))))
    (predict! 0 start '())
    (do ((j 0 (+ j 1))) ((> j n))
      (process! j))
    ;; done[a][i][j]: nonterminal a derives input[i..j), read from the completed items.
    (let* ((k (length nonterminals))
           (m (+ n 1))
           (done (make-vector (* k m m) #f))
           (memo (make-vector (* k m m) #f))
           (at (lambda (a i j) (+ (* (+ (* a m) i) m) j))))
      ;; The number of derivations of input[i..j) from a, and from a sequence of symbols.
      (define (count a i j)
        (let ((x (at a i j)))
          (cond ((not (vector-ref done x)) 0)
                ((vector-ref memo x))
                (else
                 (let ((c (let loop ((r 0) (c 0))
                            (if (= r (vector-length rules))
                                c
                                (loop (+ r 1)
                                      (if (eq? (lhs r) (list-ref nonterminals a))
                                          (+ c (ways (rhs r) i j))
                                          c))))))
                   (vector-set! memo x c)
                   c)))))
      (define (ways symbols i j)
        (cond ((null? symbols) (if (= i j) 1 0))
              ((>= i j) 0)
              ((nt-index (car symbols))
               => (lambda (a)
                    ;; every symbol derives one terminal or more (no empty rules)
                    (let loop ((k (+ i 1)) (c 0))
                      (if (> k (- j (length (cdr symbols))))
                          c
                          (loop (+ k 1)
                                (let ((left (count a i k)))
                                  (if (= left 0) c (+ c (* left (ways (cdr symbols) k j))))))))))
              ((eq? (vector-ref input i) (car symbols)) (ways (cdr symbols) (+ i 1) j))
              (else 0)))
      (do ((j 0 (+ j 1))) ((> j n))
        (for-each (lambda (item)
                    (if (not (next-symbol item))
                        (vector-set! done (at (nt-index (lhs (vector-ref item 0))) (vector-ref item 2) j) #t)))
                  (vector-ref chart j)))
      (count (nt-index start) 0 n))))

(define grammar '((s s s) (s x)))

(define (run n)
  (let loop ((i 1) (r (parse grammar 's (make-vector 14 'x))))
    (if (< i n) (loop (+ i 1) (parse grammar 's (make-vector 14 'x))) r)))

(write (run (repeat 300)))
(newline)
(write (map (lambda (n) (parse grammar 's (make-vector n 'x))) '(1 2 3 4 5 6 7 8)))
(newline)
(write (parse '((e e + e) (e e * e) (e < e >) (e n)) 'e (vector 'n '+ 'n '* '< 'n '+ 'n '> '* 'n)))
(newline)
#|args 1|#
#|output
742900
(1 1 2 5 14 42 132 429)
5
|#
