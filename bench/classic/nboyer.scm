;;; nboyer: a term rewriter and tautology checker in the manner of the Boyer benchmark (Gabriel;
;;; Clinger's nboyer keeps each function symbol's lemmas in a record instead of a property
;;; list). The lemmas and the theorem are this file's own: propositional connectives become
;;; if-expressions, arithmetic and list identities are normalised, and an implication chain
;;; over large terms is proved by case analysis. Allocation-heavy: every rewrite conses a new
;;; term.
;;;   foment-ls run bench/classic/nboyer.scm [REPEAT]
(import (scheme base) (scheme cxr) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; A function symbol: its name and the lemmas that rewrite terms headed by it.
(define-record-type fsym
  (make-function-symbol name lemmas)
  function-symbol?
  (name function-symbol-name)
  (lemmas function-symbol-lemmas set-function-symbol-lemmas!))

(define symbols '())

(define (function-symbol name)
  (let ((known (assq name symbols)))
    (if known
        (cdr known)
        (let ((f (make-function-symbol name '())))
          (set! symbols (cons (cons name f) symbols))
          f))))

;; Terms are variables (symbols) or lists whose head is a function symbol record.
(define (translate term)
  (if (pair? term)
      (cons (function-symbol (car term)) (map translate (cdr term)))
      term))

(define (add-lemma! lemma)
  (let* ((l (translate lemma))
         (head (car (cadr l))))
    (set-function-symbol-lemmas! head (append (function-symbol-lemmas head) (list l)))))

(for-each
 add-lemma!
 '((equal (and p q) (if p (if q (t) (f)) (f)))
   (equal (or p q) (if p (t) (if q (t) (f))))
   (equal (not p) (if p (f) (t)))
   (equal (implies p q) (if p (if q (t) (f)) (t)))
   (equal (if (if a b c) d e) (if a (if b d e) (if c d e)))
   (equal (plus (plus x y) z) (plus x (plus y z)))
   (equal (plus x (zero)) (fix x))
   (equal (times x (plus y z)) (plus (times x y) (times x z)))
   (equal (times (times x y) z) (times x (times y z)))
   (equal (times x (one)) (fix x))
   (equal (append (append x y) z) (append x (append y z)))
   (equal (reverse (append a b)) (append (reverse b) (reverse a)))
   (equal (length (append a b)) (plus (length a) (length b)))
   (equal (length (reverse x)) (length x))
   (equal (member x (append a b)) (or (member x a) (member x b)))
   (equal (member x (reverse y)) (member x y))
   (equal (equal (plus a b) (plus a c)) (equal (fix b) (fix c)))
   (equal (equal (append a b) (append a c)) (equal b c))
   (equal (lessp (plus x y) (plus x z)) (lessp y z))
   (equal (difference (plus x y) x) (fix y))
   (equal (fix (fix x)) (fix x))
   (equal (fix (plus x y)) (plus x y))
   (equal (fix (times x y)) (times x y))
   (equal (fix (length x)) (length x))
   (equal (zerop x) (or (equal x (zero)) (not (numberp x))))
   (equal (numberp (plus x y)) (t))
   (equal (numberp (length x)) (t))
   (equal (listp (append x y)) (or (listp x) (listp y)))
   (equal (nlistp x) (not (listp x)))
   (equal (greaterp x y) (lessp y x))
   (equal (lesseqp x y) (not (lessp y x)))
   (equal (greatereqp x y) (not (lessp x y)))
   (equal (count-list z (append x y)) (plus (count-list z x) (count-list z y)))
   (equal (exp i (plus j k)) (times (exp i j) (exp i k)))
   (equal (exp i (times j k)) (exp (exp i j) k))
   (equal (remainder x (one)) (zero))
   (equal (quotient (times y x) y) (if (zerop y) (zero) (fix x)))
   (equal (flatten (cons x y)) (append (flatten x) (flatten y)))
   (equal (delete x (append a b)) (append (delete x a) (delete x b)))
   (equal (meaning (plus-tree (append x y)) a)
          (plus (meaning (plus-tree x) a) (meaning (plus-tree y) a)))))

(define (term-equal? a b)
  (cond ((pair? a)
         (and (pair? b)
              (eq? (car a) (car b))
              (let loop ((a (cdr a)) (b (cdr b)))
                (cond ((null? a) (null? b))
                      ((null? b) #f)
                      (else (and (term-equal? (car a) (car b)) (loop (cdr a) (cdr b))))))))
        (else (eq? a b))))

(define (term-member? x l)
  (and (pair? l) (or (term-equal? x (car l)) (term-member? x (cdr l)))))

;; One-way unification of a term with a lemma's pattern: the bindings of its variables.
(define bindings '())

(define (unify term pattern)
  (set! bindings '())
  (unify1 term pattern))

(define (unify1 term pattern)
  (cond ((not (pair? pattern))
         (let ((b (assq pattern bindings)))
           (if b
               (term-equal? term (cdr b))
               (begin (set! bindings (cons (cons pattern term) bindings)) #t))))
        ((pair? term)
         (and (eq? (car term) (car pattern))
              (let loop ((ts (cdr term)) (ps (cdr pattern)))
                (cond ((null? ps) (null? ts))
                      ((null? ts) #f)
                      ((unify1 (car ts) (car ps)) (loop (cdr ts) (cdr ps)))
                      (else #f)))))
        (else #f)))

(define (apply-subst alist term)
  (if (pair? term)
      (cons (car term) (map (lambda (t) (apply-subst alist t)) (cdr term)))
      (let ((b (assq term alist)))
        (if b (cdr b) term))))

(define rewrites 0)

(define (rewrite term)
  (set! rewrites (+ rewrites 1))
  (if (pair? term)
      (rewrite-with-lemmas (cons (car term) (map rewrite (cdr term)))
                           (function-symbol-lemmas (car term)))
      term))

(define (rewrite-with-lemmas term lemmas)
  (cond ((null? lemmas) term)
        ((unify term (cadr (car lemmas)))
         (rewrite (apply-subst bindings (caddr (car lemmas)))))
        (else (rewrite-with-lemmas term (cdr lemmas)))))

(define true-term (translate '(t)))
(define false-term (translate '(f)))
(define if-symbol (function-symbol 'if))

(define (truep x l) (or (term-equal? x true-term) (term-member? x l)))
(define (falsep x l) (or (term-equal? x false-term) (term-member? x l)))

(define (tautologyp x true-l false-l)
  (cond ((truep x true-l) #t)
        ((falsep x false-l) #f)
        ((and (pair? x) (eq? (car x) if-symbol))
         (cond ((truep (cadr x) true-l) (tautologyp (caddr x) true-l false-l))
               ((falsep (cadr x) false-l) (tautologyp (cadddr x) true-l false-l))
               (else (and (tautologyp (caddr x) (cons (cadr x) true-l) false-l)
                          (tautologyp (cadddr x) true-l (cons (cadr x) false-l))))))
        (else #f)))

(define theorem
  (translate '(implies (and (implies x y)
                            (and (implies y z)
                                 (and (implies z u) (implies u w))))
                       (implies x w))))

;; The terms put for x, y, z, u and w, each wrapped n more times in sums and appends.
(define (substitution n)
  (define (deepen t k)
    (if (= k 0)
        t
        (deepen `(plus (plus ,t (times a (plus b (zero)))) (length (reverse (append c ,t)))) (- k 1))))
  (map (lambda (b) (cons (car b) (translate (deepen (cadr b) n))))
       '((x (f (plus (plus a b) (plus c (zero)))))
         (y (f (times (times a b) (plus c d))))
         (z (f (reverse (append (append a b) (nil)))))
         (u (equal (plus a b) (difference (plus a c) a)))
         (w (lessp (remainder a (one)) (member a (length (append b c))))))))

(define (prove n)
  (set! rewrites 0)
  (let ((proved (tautologyp (rewrite (apply-subst (substitution n) theorem)) '() '())))
    (list proved rewrites)))

(define (run reps)
  (let loop ((i 1) (r (prove 0)))
    (if (< i reps) (loop (+ i 1) (prove 0)) r)))

(write (run (repeat 3)))
(newline)
#|args 1|#
#|output
(#t 94963)
|#
