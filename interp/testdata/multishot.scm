(import (scheme base) (scheme write))
;; Multi-shot continuations (checked against Foment 0.4): dynamic-wind re-entered (R7RS
;; 6.10), a call's arguments, a let's inits, a generator resumed twice from one point.
;; R7RS 6.10: dynamic-wind and re-entry.
(write (let ((path '())
      (c #f))
  (let ((add (lambda (s)
               (set! path (cons s path)))))
    (dynamic-wind
      (lambda () (add 'connect))
      (lambda ()
        (add (call-with-current-continuation
               (lambda (c0)
                 (set! c c0)
                 'talk1))))
      (lambda () (add 'disconnect)))
    (if (< (length path) 4)
        (c 'talk2)
        (reverse path)))))
(newline)
;; Partial arguments of a call, a let's inits, an inlined + : re-entered twice.
(define k #f)
(define n 0)
(define (f a b c) (list a b c))
(define r (f (+ 1 0) (call/cc (lambda (c) (set! k c) 2)) (* 3 1)))
(write r) (newline)
(set! n (+ n 1))
(if (< n 3) (k (* n 10)))
(define k2 #f)
(define m 0)
(write (let ((a (list 'a)) (b (call/cc (lambda (c) (set! k2 c) 'b))) (c 'c)) (list a b c)))
(newline)
(set! m (+ m 1))
(if (< m 3) (k2 m))
;; A generator re-entered twice from the same point.
(define saved #f)
(define (gen-list lst return)
  (for-each (lambda (x) (call/cc (lambda (resume) (set! saved resume) (return x)))) lst)
  (return 'done))
(define out '())
(define count 0)
(let ((v (call/cc (lambda (ret) (gen-list '(1 2 3) ret)))))
  (set! out (cons v out))
  (set! count (+ count 1))
  (cond ((= count 2) (saved #f))   ; resume after 1: gives 2
        ((= count 3) (saved #f))   ; resume the same point again... after 2: gives 3
        ((< count 6) (if (not (eq? v 'done)) (saved #f)))))
(write (reverse out))
(newline)
#|output
(connect talk1 disconnect connect talk2 disconnect)
(1 2 3)
(1 10 3)
(1 20 3)
((a) b c)
((a) 1 c)
((a) 2 c)
(1 2 3 done)
|#
;;;; ----
(import (scheme base) (scheme write))
;; amb (backtracking through re-entered continuations); map, vector-map and string-map
;; re-entered make new results and leave the earlier ones alone.
;; amb: backtracking with multi-shot continuations (a tiny puzzle solver).
(define fail-stack '())
(define (fail) (if (null? fail-stack) (error "no more choices") (let ((k (car fail-stack))) (set! fail-stack (cdr fail-stack)) (k 'retry))))
(define (amb choices)
  (call/cc (lambda (k)
    (for-each (lambda (c) (call/cc (lambda (next) (set! fail-stack (cons next fail-stack)) (k c)))) choices)
    (fail))))
(define (require p) (if (not p) (fail)))
;; Pythagorean triples with sides up to 20.
(define (triple)
  (let* ((a (amb '(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)))
         (b (amb '(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)))
         (c (amb '(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20))))
    (require (< a b))
    (require (= (+ (* a a) (* b b)) (* c c)))
    (list a b c)))
(define results '())
(define done #f)
(let ((t (triple)))
  (set! results (cons t results))
  (if (< (length results) 6) (fail)))
(write (reverse results)) (newline)
;; map re-entered: every return is a fresh list, the earlier ones unchanged.
(define r '())
(define kk #f)
(define l (map (lambda (x) (call/cc (lambda (c) (if (= x 2) (set! kk c)) x))) '(1 2 3)))
(set! r (cons l r))
(if (< (length r) 3) (kk (* 10 (length r))))
(write r) (newline)
;; vector-map, string-map, for-each with an index.
(define vk #f)
(define vs '())
(define v (vector-map (lambda (x) (call/cc (lambda (c) (if (= x 2) (set! vk c)) x))) #(1 2 3)))
(set! vs (cons v vs))
(if (< (length vs) 3) (vk (length vs)))
(write vs) (newline)
(define sk #f)
(define ss '())
(define s (string-map (lambda (ch) (call/cc (lambda (c) (if (char=? ch #\b) (set! sk c)) ch))) "abc"))
(set! ss (cons s ss))
(if (< (length ss) 3) (sk (if (= (length ss) 1) #\x #\y)))
(write ss) (newline)
#|output
((3 4 5) (5 12 13) (6 8 10) (8 15 17) (9 12 15) (12 16 20))
((1 20 3) (1 10 3) (1 2 3))
(#(1 2 3) #(1 1 3) #(1 2 3))
("ayc" "axc" "abc")
|#
;;;; ----
(import (scheme base) (scheme write) (scheme eval) (scheme lazy) (scheme repl))
;; parameterize, guard (body and clauses), with-exception-handler with raise-continuable,
;; eval, delay/force re-entered; a variable set! after the capture is one location for all
;; re-entries.
;; parameterize: re-entering its body rebinds the parameter, leaving unbinds it.
(define p (make-parameter 1))
(define k #f)
(define n 0)
(write (list (parameterize ((p 10)) (call/cc (lambda (c) (set! k c))) (p)) (p)))
(newline)
(set! n (+ n 1))
(if (< n 3) (k #f))
;; guard body and clauses; with-exception-handler and raise-continuable.
(define gk #f)
(define gn 0)
(write (guard (e (#t (list 'caught e (call/cc (lambda (c) (set! gk c) 0)))))
  (raise 'boom)))
(newline)
(set! gn (+ gn 1))
(if (< gn 3) (gk gn))
(define hk #f)
(define hn 0)
(write (with-exception-handler
  (lambda (e) (+ e (call/cc (lambda (c) (set! hk c) 100))))
  (lambda () (list 'got (raise-continuable 1)))))
(newline)
(set! hn (+ hn 1))
(if (< hn 3) (hk (* hn 1000)))
(define bk #f)
(define bn 0)
(write (guard (e (#t (list 'outer e)))
  (call/cc (lambda (c) (set! bk c) 'first))
  (if (> bn 0) (raise bn) 'no-raise)))
(newline)
(set! bn (+ bn 1))
(if (< bn 3) (bk #f))
;; eval re-entered: the rest of the eval'd code, then of the program, runs again.
(define ienv (interaction-environment))
(eval '(define ek #f) ienv)
(define en 0)
(write (+ 100 (eval '(+ 1 (call/cc (lambda (c) (set! ek c) 1))) ienv)))
(newline)
(set! en (+ en 1))
(if (< en 3) (eval `(ek ,(* en 10)) ienv))
;; delay/force: a promise whose thunk is re-entered keeps its first value (R7RS).
(define fk #f)
(define fn 0)
(define pr (delay (call/cc (lambda (c) (set! fk c) 'one))))
(write (force pr))
(newline)
(set! fn (+ fn 1))
(if (< fn 3) (fk 'again))
(write (force pr))
(newline)
;; set! variables are locations shared by every re-entry.
(define lk #f)
(define ln 0)
(define (counter)
  (let ((x 0))
    (call/cc (lambda (c) (set! lk c)))
    (set! x (+ x 1))
    x))
(write (counter))
(newline)
(set! ln (+ ln 1))
(if (< ln 3) (lk #f))
#|output
(10 1)
(10 1)
(10 1)
(caught boom 0)
(caught boom 1)
(caught boom 2)
(got 101)
(got 1001)
(got 2001)
no-raise
(outer 1)
(outer 2)
102
111
121
one
one
one
one
1
2
3
|#
;;;; ----
(import (scheme base) (scheme write) (srfi 1) (scheme file))
;; A loop re-entered goes on as a loop; a continuation 10,000 calls deep; call-with-port.
;; Re-entering a loop: the tail calls after the re-entry go on as a loop.
(define lk #f)
(define ln 0)
(write (let loop ((i 0) (acc 0))
  (if (= i 100000)
      acc
      (loop (+ i 1) (+ acc (if (= i 50) (call/cc (lambda (c) (set! lk c) i)) i))))))
(newline)
(set! ln (+ ln 1))
(if (< ln 3) (lk 0))
;; Deep recursion: a continuation captured 10000 calls deep, re-entered.
(define dk #f)
(define dn 0)
(define (deep i) (if (= i 0) (call/cc (lambda (c) (set! dk c) 0)) (+ 1 (deep (- i 1)))))
(write (deep 10000))
(newline)
(set! dn (+ dn 1))
(if (< dn 3) (dk dn))
;; call-with-output-file / call-with-port re-entered.
(define pk #f)
(define pn 0)
(write (call-with-port (open-input-string "abc") (lambda (p) (list (read-char p) (call/cc (lambda (c) (set! pk c) 'x))))))
(newline)
(set! pn (+ pn 1))
(if (< pn 3) (pk pn))
#|output
4999950000
4999949950
4999949950
10000
10001
10002
(#\a x)
(#\a 1)
(#\a 2)
|#
;;;; ----
(import (scheme base) (scheme write) (scheme load) (scheme repl) (scheme eval) (scheme process-context) (srfi 18))
;; A thread's thunk re-entered; an error after a re-entry; exit from a re-entry.
;; In a thread: the thread's thunk re-entered; its value is the thread's result.
(define t (make-thread (lambda ()
  (let ((k #f) (n 0) (acc '()))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! acc (cons v acc))
      (set! n (+ n 1))
      (if (< n 4) (k n))
      (reverse acc))))))
(thread-start! t)
(write (thread-join! t))
(newline)
(define tk #f)
(define t2 (make-thread (lambda () (+ 1000 (call/cc (lambda (c) (set! tk c) 1))))))
(thread-start! t2)
(write (thread-join! t2))
(newline)
;; An error after a re-entry: caught by a guard outside, or reported.
(define ek #f)
(define en 0)
(write (guard (e (#t (list 'caught e)))
  (let ((v (call/cc (lambda (c) (set! ek c) 0))))
    (if (> v 0) (raise v) 'ok))))
(newline)
(set! en (+ en 1))
(if (< en 3) (ek en))
(define xk #f)
(define xn 0)
(display (list 'x (call/cc (lambda (c) (set! xk c) 0))))
(newline)
(set! xn (+ xn 1))
(if (= xn 2) (exit 0))
(xk xn)
#|output
(0 1 2 3)
1001
ok
(caught 1)
(caught 2)
(x 0)
(x 1)
|#
;;;; ----
(import (scheme base) (scheme write) (scheme case-lambda))
;; Nested dynamic-winds re-entered from outside; captures in before and after thunks;
;; several values; a handler of a non-continuable raise re-entered raises again; apply,
;; case-lambda, a parameter's converter.
(define trace '())
(define (note x) (set! trace (cons x trace)))
;; Re-entering nested dynamic-winds from outside runs the before thunks outermost first.
(define k #f)
(define n 0)
(dynamic-wind
  (lambda () (note 'in1))
  (lambda ()
    (dynamic-wind
      (lambda () (note 'in2))
      (lambda () (note (call/cc (lambda (c) (set! k c) 'body))))
      (lambda () (note 'out2))))
  (lambda () (note 'out1)))
(set! n (+ n 1))
(if (< n 3) (k n))
(write (reverse trace)) (newline)
;; A continuation captured in a before thunk and in an after thunk.
(set! trace '())
(define bk #f)
(define bn 0)
(dynamic-wind
  (lambda () (note (list 'before (call/cc (lambda (c) (if (not bk) (set! bk c)) 0)))))
  (lambda () (note 'during))
  (lambda () (note 'after)))
(set! bn (+ bn 1))
(if (< bn 3) (bk bn))
(write (reverse trace)) (newline)
(set! trace '())
(define ak #f)
(define an 0)
(dynamic-wind
  (lambda () (note 'before))
  (lambda () (note 'during))
  (lambda () (note (list 'after (call/cc (lambda (c) (if (not ak) (set! ak c)) 0))))))
(set! an (+ an 1))
(if (< an 3) (ak an))
(write (reverse trace)) (newline)
;; Several values; call-with-values' producer re-entered.
(define vk #f)
(define vn 0)
(call-with-values (lambda () (call/cc (lambda (c) (set! vk c) (values 1 2))))
  (lambda args (write args) (newline)))
(set! vn (+ vn 1))
(if (= vn 1) (vk 'a 'b 'c))
(if (= vn 2) (vk))
;; A handler of a non-continuable raise re-entered: it raises again, to the guard outside.
(define hk #f)
(define hn 0)
(write (guard (e (#t (list 'outer e)))
  (with-exception-handler
    (lambda (e) (call/cc (lambda (c) (set! hk c) 'handled)))
    (lambda () (raise 'inner)))))
(newline)
(set! hn (+ hn 1))
(if (< hn 3) (hk 'again))
;; apply, case-lambda, a converter.
(define ck #f)
(define cn 0)
(define cl (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b))))
(write (apply cl 1 (list (call/cc (lambda (c) (set! ck c) 2)))))
(newline)
(set! cn (+ cn 1))
(if (< cn 3) (ck (* 10 cn)))
(define pk #f)
(define pn 0)
(define p (make-parameter 5 (lambda (x) (* x (call/cc (lambda (c) (if (not pk) (set! pk c)) 1))))))
(write (p))
(newline)
(set! pn (+ pn 1))
(if (< pn 3) (pk (+ pn 1)))
#|output
(in1 in2 body out2 out1 in1 in2 1 out2 out1 in1 in2 2 out2 out1)
((before 0) during after (before 1) during after (before 2) during after)
(before during (after 0) (after 1) (after 2))
(1 2)
(a b c)
()
(outer inner)
(outer inner)
(outer inner)
(two 1 2)
(two 1 10)
(two 1 20)
5
10
15
|#
;;;; ----
(import (scheme base) (scheme write))
;; A named let (lifted: no closure) re-entered in an init of its entry, in an argument of a
;; non-tail call of itself, with an outer variable it uses (a hidden parameter).
(define k1 #f)
(define n1 0)
(define (sum-to base)
  (let loop ((i (call/cc (lambda (c) (set! k1 c) 0))) (acc base))
    (if (> i 3) acc (loop (+ i 1) (+ acc i base)))))
(write (sum-to 100))
(newline)
(set! n1 (+ n1 1))
(if (< n1 3) (k1 n1))
(define k2 #f)
(define n2 0)
(define (count-down m)
  (let walk ((i m))
    (if (= i 0)
        '()
        (cons (* i m) (walk (if (= i 2) (call/cc (lambda (c) (set! k2 c) 1)) (- i 1)))))))
(write (count-down 3))
(newline)
(set! n2 (+ n2 1))
(if (< n2 3) (k2 0))
(define k3 #f)
(define n3 0)
(define (pairs m)
  (let outer ((i 0) (acc '()))
    (if (= i m)
        (reverse acc)
        (outer (+ i 1) (cons (+ (* 10 i) (if (= i 1) (call/cc (lambda (c) (set! k3 c) 0)) 0)) acc)))))
(write (pairs 3))
(newline)
(set! n3 (+ n3 1))
(if (< n3 3) (k3 (* 5 n3)))
#|output
506
406
305
(9 6 3)
(9 6)
(9 6)
(0 10 20)
(0 15 20)
(0 20 20)
|#
;;;; ----
(import (scheme base) (scheme write))
;; As in Foment, a call evaluates a variable operator after its arguments: re-entering an
;; argument calls what the variable holds then.
(define k #f)
(define n 0)
(define (g x) (list 'g x))
(define (h x) (list 'h x))
(write (g (call/cc (lambda (c) (set! k c) 0))))
(newline)
(set! n (+ n 1))
(set! g h)
(if (< n 2) (k n))
(define (tail-op f)
  (let ((p f))
    (p (call/cc (lambda (c) (set! k c) 0)))))
(set! n 0)
(write (tail-op g))
(newline)
(set! n (+ n 1))
(if (< n 2) (k 'again))
#|output
(g 0)
(h 1)
(h 0)
(h again)
|#
