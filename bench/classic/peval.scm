;;; peval: an online partial evaluator for a small first-order language, in the spirit of the
;;; peval benchmark: it specialises programs to their static arguments — a power function to
;;; its exponent, append to its first list, and an interpreter of a register machine to the
;;; program it runs (the first Futamura projection). Symbolic data, association lists,
;;; equal?-keyed caches, and a good deal of consing.
;;;   foment-ls run bench/classic/peval.scm [REPEAT]
(import (scheme base) (scheme cxr) (scheme write) (scheme process-context))

(define (repeat default)
  (let ((args (command-line)))
    (if (pair? (cdr args)) (string->number (cadr args)) default)))

;; The language: numbers, booleans, (quote d), variables, (if e e e), (let ((x e)) e),
;; primitive calls, and calls of the program's functions, (define (f x ...) e).
(define primitives
  (list (cons '+ +) (cons '- -) (cons '* *) (cons '= =) (cons '< <)
        (cons 'car car) (cons 'cdr cdr) (cons 'cons cons) (cons 'null? null?)
        (cons 'pair? pair?) (cons 'eq? eq?) (cons 'list-ref list-ref)))

(define (static? e)
  (or (number? e) (boolean? e) (and (pair? e) (eq? (car e) 'quote))))
(define (static-value e) (if (pair? e) (cadr e) e))
(define (make-static v) (if (or (number? v) (boolean? v)) v (list 'quote v)))

;; Residual primitive calls, with the identities that make residual code small.
(define (residual-primitive op args)
  (let ((a (and (pair? args) (car args)))
        (b (and (pair? args) (pair? (cdr args)) (cadr args))))
    (cond ((and (eq? op '*) (eqv? a 1)) b)
          ((and (eq? op '*) (eqv? b 1)) a)
          ((and (eq? op '+) (eqv? a 0)) b)
          ((and (memq op '(+ -)) (eqv? b 0)) a)
          ((and (eq? op 'car) (pair? a) (eq? (car a) 'cons)) (cadr a))
          ((and (eq? op 'cdr) (pair? a) (eq? (car a) 'cons)) (caddr a))
          (else (cons op args)))))

(define counter 0)
(define (fresh name)
  (set! counter (+ counter 1))
  (string->symbol (string-append (symbol->string name) "-" (number->string counter))))

;; Specialisation state: the program, the residual definitions made so far, and the cache of
;; specialisations, keyed by the function and its static arguments.
(define program '())
(define residual '())
(define cache '())

(define (lookup-function f) (assq f program))  ; (f (params ...) body)

(define (pe e env)
  (cond ((static? e) e)
        ((symbol? e) (cdr (assq e env)))
        ((eq? (car e) 'if)
         (let ((test (pe (cadr e) env)))
           (if (static? test)
               (pe (if (static-value test) (caddr e) (cadddr e)) env)
               (list 'if test (pe (caddr e) env) (pe (cadddr e) env)))))
        ((eq? (car e) 'let)
         (let* ((binding (car (cadr e)))
                (value (pe (cadr binding) env)))
           (if (or (static? value) (symbol? value))
               (pe (caddr e) (cons (cons (car binding) value) env))
               (let ((x (fresh (car binding))))
                 (list 'let (list (list x value))
                       (pe (caddr e) (cons (cons (car binding) x) env)))))))
        ((assq (car e) primitives)
         => (lambda (p)
              (let ((args (map (lambda (a) (pe a env)) (cdr e))))
                (if (let all ((as args)) (or (null? as) (and (static? (car as)) (all (cdr as)))))
                    (make-static (apply (cdr p) (map static-value args)))
                    (residual-primitive (car e) args)))))
        (else (pe-call (car e) (map (lambda (a) (pe a env)) (cdr e))))))

;; A call with all arguments static is unfolded; otherwise it calls the function
;; specialised to its static arguments, made the first time.
(define (pe-call f args)
  (let* ((def (lookup-function f))
         (params (cadr def))
         (body (caddr def)))
    (if (let all ((as args)) (or (null? as) (and (static? (car as)) (all (cdr as)))))
        (pe body (map cons params args))
        (let* ((key (cons f (map (lambda (a) (if (static? a) (static-value a) '*dynamic*)) args)))
               (dynamic-args (let loop ((as args) (out '()))
                               (cond ((null? as) (reverse out))
                                     ((static? (car as)) (loop (cdr as) out))
                                     (else (loop (cdr as) (cons (car as) out))))))
               (known (assoc key cache)))
          (if known
              (cons (cdr known) dynamic-args)
              (let* ((name (fresh f))
                     (env (map (lambda (p a) (cons p (if (static? a) a (fresh p)))) params args))
                     (formals (let loop ((ps params) (as args) (out '()))
                                (cond ((null? ps) (reverse out))
                                      ((static? (car as)) (loop (cdr ps) (cdr as) out))
                                      (else (loop (cdr ps) (cdr as) (cons (cdr (assq (car ps) env)) out)))))))
                (set! cache (cons (cons key name) cache))
                (let ((definition (list 'define (cons name formals) (pe body env))))
                  (set! residual (cons definition residual)))
                (cons name dynamic-args)))))))

;; Specialises the program's function f to args (values, or the symbol *dynamic*): the
;; residual program, its entry first.
(define (specialise prog f args)
  (set! program (map (lambda (d) (list (caadr d) (cdadr d) (caddr d))) prog))
  (set! residual '())
  (set! cache '())
  (set! counter 0)
  (let* ((def (lookup-function f))
         (entry (pe-call f (map (lambda (p a) (if (eq? a '*dynamic*) p (make-static a))) (cadr def) args))))
    (cons entry (reverse residual))))

(define power-program
  '((define (power x n) (if (= n 0) 1 (* x (power x (- n 1)))))))

(define append-program
  '((define (app a b) (if (null? a) b (cons (car a) (app (cdr a) b))))))

;; A register machine: the accumulator a and the counter n; instructions (set-a k), (mul),
;; (add-n), (dec), (jump-if-zero pc), (jump pc), (return).
(define machine-program
  '((define (run code pc a n)
      (let ((i (list-ref code pc)))
        (if (eq? (car i) 'set-a) (run code (+ pc 1) (car (cdr i)) n)
        (if (eq? (car i) 'mul) (run code (+ pc 1) (* a n) n)
        (if (eq? (car i) 'add-n) (run code (+ pc 1) (+ a n) n)
        (if (eq? (car i) 'dec) (run code (+ pc 1) a (- n 1))
        (if (eq? (car i) 'jump-if-zero) (if (= n 0) (run code (car (cdr i)) a n) (run code (+ pc 1) a n))
        (if (eq? (car i) 'jump) (run code (car (cdr i)) a n)
            a))))))))))

(define factorial-code
  '((set-a 1) (jump-if-zero 5) (mul) (dec) (jump 1) (return)))
(define triangle-code
  '((set-a 0) (jump-if-zero 5) (add-n) (dec) (jump 1) (return)))

(define (peval)
  (list (specialise power-program 'power '(*dynamic* 6))
        (specialise append-program 'app '((1 2 3) *dynamic*))
        (specialise machine-program 'run (list factorial-code 0 '*dynamic* '*dynamic*))
        (specialise machine-program 'run (list triangle-code 0 0 '*dynamic*))))

(define (run n)
  (let loop ((i 1) (r (peval)))
    (if (< i n) (loop (+ i 1) (peval)) r)))

(for-each (lambda (r) (write r) (newline)) (run (repeat 600)))
#|args 1|#
#|output
((power-1 x) (define (power-13 x-14) 1) (define (power-11 x-12) (* x-12 (power-13 x-12))) (define (power-9 x-10) (* x-10 (power-11 x-10))) (define (power-7 x-8) (* x-8 (power-9 x-8))) (define (power-5 x-6) (* x-6 (power-7 x-6))) (define (power-3 x-4) (* x-4 (power-5 x-4))) (define (power-1 x-2) (* x-2 (power-3 x-2))))
((app-1 b) (define (app-7 b-8) b-8) (define (app-5 b-6) (cons 3 (app-7 b-6))) (define (app-3 b-4) (cons 2 (app-5 b-4))) (define (app-1 b-2) (cons 1 (app-3 b-2))))
((run-1 a n) (define (run-6 n-7) 1) (define (run-19 a-20 n-21) a-20) (define (run-22 a-23 n-24) (run-10 (* a-23 n-24) n-24)) (define (run-16 a-17 n-18) (if (= n-18 0) (run-19 a-17 n-18) (run-22 a-17 n-18))) (define (run-13 a-14 n-15) (run-16 a-14 n-15)) (define (run-10 a-11 n-12) (run-13 a-11 (- n-12 1))) (define (run-8 n-9) (run-10 n-9 n-9)) (define (run-4 n-5) (if (= n-5 0) (run-6 n-5) (run-8 n-5))) (define (run-1 a-2 n-3) (run-4 n-3)))
((run-1 n) (define (run-5 n-6) 0) (define (run-18 a-19 n-20) a-19) (define (run-21 a-22 n-23) (run-9 (+ a-22 n-23) n-23)) (define (run-15 a-16 n-17) (if (= n-17 0) (run-18 a-16 n-17) (run-21 a-16 n-17))) (define (run-12 a-13 n-14) (run-15 a-13 n-14)) (define (run-9 a-10 n-11) (run-12 a-10 (- n-11 1))) (define (run-7 n-8) (run-9 n-8 n-8)) (define (run-3 n-4) (if (= n-4 0) (run-5 n-4) (run-7 n-4))) (define (run-1 n-2) (run-3 n-2)))
|#
