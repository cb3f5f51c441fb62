;; A server's table of clients, keyed by address strings.
(import (scheme base) (scheme write) (scheme hash-table))
(define clients (make-hash-table equal?))
(hash-table-set! clients "127.0.0.1:5000" 'alice "127.0.0.1:5001" 'bob)
(hash-table-set! clients (string-append "127.0.0.1:" "5000") 'alice2)
(write (list (hash-table-size clients) (hash-table-ref clients "127.0.0.1:5000")
             (hash-table-ref/default clients "::1:80" 'none) (hash-table-contains? clients "127.0.0.1:5001")))
(newline)
(hash-table-delete! clients "127.0.0.1:5001")
(write (list (hash-table-size clients) (hash-table-exists? clients "127.0.0.1:5001")
             (hash-table-ref clients "x" (lambda () 'missing)) (hash-table-ref clients "127.0.0.1:5000" (lambda () 'missing) symbol->string)))
(newline)
(hash-table-ref clients "gone")
#|output
(2 alice2 none #t)
(1 #f missing "alice2")
|#
#|error hash-table-ref: key not found and no failure specified "gone"|#
;;;; ----
;; Counting with update!, update!/default and intern!; the entries keep insertion order (Foment
;; walks its buckets instead, so its order differs).
(import (scheme base) (scheme write) (scheme hash-table))
(define counts (make-hash-table string=?))
(for-each (lambda (w) (hash-table-update!/default counts w (lambda (n) (+ n 1)) 0))
          '("to" "be" "or" "not" "to" "be"))
(hash-table-update! counts "question" (lambda (n) (* n 10)) (lambda () 1))
(write (hash-table->alist counts))
(newline)
(write (list (hash-table-intern! counts "be" (lambda () 99)) (hash-table-intern! counts "new" (lambda () 7))))
(newline)
(write (list (hash-table-keys counts) (hash-table-values counts)))
(newline)
(call-with-values (lambda () (hash-table-entries counts)) (lambda (k v) (write (map cons k v))))
(newline)
(write (list (hash-table-fold (lambda (k v acc) (+ v acc)) 0 counts)
             (hash-table-fold counts (lambda (k v acc) (+ v acc)) 0)
             (hash-table-count (lambda (k v) (> v 1)) counts)
             (hash-table-find (lambda (k v) (and (= v 10) k)) counts (lambda () #f))
             (hash-table-map->list (lambda (k v) (string-length k)) counts)))
#|output
(("to" . 2) ("be" . 2) ("or" . 1) ("not" . 1) ("question" . 10))
(2 7)
(("to" "be" "or" "not" "question" "new") (2 2 1 1 10 7))
(("to" . 2) ("be" . 2) ("or" . 1) ("not" . 1) ("question" . 10) ("new" . 7))
(23 23 4 "question" (2 2 2 3 8 3))|#
;;;; ----
;; eq?, eqv?, string-ci=? tables and make-eq-hash-table; bignums are eqv? by value.
(import (scheme base) (scheme write) (scheme hash-table) (foment base))
(define e (make-hash-table eq?))
(define k (list 1 2))
(hash-table-set! e k 'list 'sym 'symbol)
(write (list (hash-table-ref/default e k #f) (hash-table-ref/default e (list 1 2) #f) (hash-table-ref/default e 'sym #f)))
(define v (make-hash-table eqv?))
(hash-table-set! v (expt 10 30) 'big 1/3 'third 2.5 'flo)
(write (list (hash-table-ref/default v (expt 10 30) #f) (hash-table-ref/default v (/ 2 6) #f) (hash-table-ref/default v 2.5 #f) (hash-table-ref/default v 5/2 #f)))
(define ci (make-hash-table string-ci=?))
(hash-table-set! ci "Content-Type" "text/plain")
(write (hash-table-ref/default ci "content-type" #f))
(define q (make-eq-hash-table))
(hash-table-set! q 'a 1)
(write (list (hash-table-ref q 'a) (hash-table? q) (hash-table? #(1)) (hash-table-mutable? q)))
#|output
(list #f symbol)(big third flo #f)"text/plain"(1 #t #f #t)|#
;;;; ----
;; A table from a comparator, or from an equality predicate and its hash function; options.
;; The default comparator compares numbers with = (SRFI 128), so 2.0 finds 2; Foment's does not.
(import (scheme base) (scheme write) (scheme char) (scheme hash-table) (scheme comparator))
(define (mod10 n) (modulo n 10))
(define t (make-hash-table (lambda (a b) (= (mod10 a) (mod10 b))) (lambda (n) (mod10 n)) 100 'thread-safe))
(hash-table-set! t 3 'three 13 'thirteen 4 'four)
(write (list (hash-table-size t) (hash-table-ref t 23) (hash-table-ref/default t 5 #f)))
(newline)
(define d (make-hash-table (make-default-comparator) 'weak-keys))
(hash-table-set! d '(1 "x") 'a 2 'two)
(write (list (hash-table-ref/default d (list 1 "x") #f) (hash-table-ref/default d 2.0 #f)))
(newline)
(define c (make-hash-table (make-comparator string? string-ci=? string-ci<? string-ci-hash)))
(hash-table-set! c "ABC" 1)
(write (list (hash-table-ref c "abc") (eq? string-ci=? (hash-table-equivalence-function c))
             (eq? string-hash (hash-table-hash-function (make-hash-table string=?)))))
(newline)
(make-hash-table char=?)
#|output
(2 thirteen #f)
(a two)
(1 #t #t)
|#
#|error make-hash-table: missing hash function|#
;;;; ----
(import (scheme base) (scheme hash-table))
(make-hash-table string=? string-hash 'weak-knees)
#|error make-hash-table: unsupported optional argument(s) (weak-knees)|#
;;;; ----
(import (scheme base) (scheme hash-table))
(make-hash-table eq? 'weak-keys 'ephemeral-keys)
#|error make-hash-table: must specify as most one of weak-keys and ephemeron-keys|#
;;;; ----
(import (scheme base) (scheme hash-table))
(make-hash-table 1234)
#|error make-hash-table: expected comparator or procedure 1234|#
;;;; ----
;; (hash-table ...) and hash-table-copy make immutable tables.
(import (scheme base) (scheme write) (scheme hash-table) (scheme comparator))
(define cmp (make-default-comparator))
(define h (hash-table cmp 'a 1 'b 2))
(define m (hash-table-copy h #t))
(hash-table-set! m 'c 3)
(write (list (hash-table-mutable? h) (hash-table-mutable? m) (hash-table-mutable? (hash-table-copy m))
             (hash-table-size m) (hash-table-size h) (hash-table-mutable? (hash-table-empty-copy h))
             (hash-table-size (hash-table-empty-copy h))))
(newline)
(hash-table-set! h 'c 3)
#|output
(#f #t #f 3 2 #t 0)
|#
#|error hash-table-set!: hash table is immutable|#
;;;; ----
(import (scheme base) (scheme hash-table) (scheme comparator))
(hash-table-set! (make-hash-table (make-default-comparator)) 'a)
#|error hash-table-set!: key specified but no value (a)|#
;;;; ----
;; unfold, alist->hash-table (the first pair of a key wins), =?, map, map!, prune!, pop!, clear!.
;; (Entries in insertion order here; in bucket order in Foment.)
(import (scheme base) (scheme write) (scheme hash-table) (scheme comparator))
(define cmp (make-default-comparator))
(define u (hash-table-unfold (lambda (s) (> s 4)) (lambda (s) (values s (* s s))) (lambda (s) (+ s 1)) 1 cmp))
(define a (alist->hash-table '((1 . 1) (2 . 4) (3 . 9) (4 . 16) (1 . 100)) cmp))
(write (list (hash-table=? cmp u a) (hash-table-ref u 4) (hash-table-ref a 1)))
(newline)
(define m (hash-table-map (lambda (v) (- v)) cmp a))
(hash-table-map! (lambda (k v) (+ k v)) a)
(hash-table-prune! (lambda (k v) (odd? k)) a)
(write (list (hash-table->alist m) (hash-table->alist a)))
(newline)
(call-with-values (lambda () (hash-table-pop! a)) (lambda (k v) (write (list k v (hash-table-size a)))))
(hash-table-clear! a)
(write (list (hash-table-size a) (hash-table-empty? a)))
(newline)
(hash-table-pop! a)
#|output
(#t 16 1)
(((1 . -1) (2 . -4) (3 . -9) (4 . -16)) ((2 . 6) (4 . 20)))
(4 20 1)(0 #t)
|#
#|error %hash-table-pop!: hash table is empty|#
;;;; ----
;; The set operations change their first table and return it. (Insertion order again.)
(import (scheme base) (scheme write) (scheme hash-table) (scheme comparator))
(define cmp (make-default-comparator))
(define (t) (alist->hash-table '((a . 1) (b . 2) (c . 3)) cmp))
(define u (alist->hash-table '((c . 4) (d . 5)) cmp))
(for-each (lambda (op) (let ((x (t))) (write (eq? x (op x u))) (write (hash-table->alist x)) (newline)))
          (list hash-table-union! hash-table-merge! hash-table-intersection! hash-table-difference! hash-table-xor!))
#|output
#t((a . 1) (b . 2) (c . 3) (d . 5))
#t((a . 1) (b . 2) (c . 3) (d . 5))
#t((c . 3))
#t((a . 1) (b . 2))
#t((a . 1) (b . 2) (d . 5))
|#
;;;; ----
;; SRFI 69's names: walk, the (table proc seed) fold, hash, hash-by-identity, merge!.
(import (scheme base) (scheme write) (srfi 69))
(define t (make-hash-table equal?))
(hash-table-set! t 'x 1)
(hash-table-walk t (lambda (k v) (write (list k v))))
(write (list (exact-integer? (hash "abc")) (= (hash "abc") (hash (string #\a #\b #\c)))
             (exact-integer? (hash-by-identity 'x)) (hash-table-fold t (lambda (k v a) (cons k a)) '())))
#|output
(x 1)(#t #t #t (x))|#
;;;; ----
;; Many keys, deletions and reinsertions (the table compacts itself). Foment 0.4 fails here:
;; deleting from an equal? table raises "%copy-hash-node-list: expected two arguments".
(import (scheme base) (scheme write) (srfi 125))
(define t (make-hash-table equal?))
(let loop ((i 0)) (when (< i 2000) (hash-table-set! t (list i (number->string i)) i) (loop (+ i 1))))
(let loop ((i 0)) (when (< i 2000) (when (odd? i) (hash-table-delete! t (list i (number->string i)))) (loop (+ i 1))))
(let loop ((i 0) (ok #t))
  (if (< i 2000)
      (loop (+ i 1) (and ok (eqv? (hash-table-ref/default t (list i (number->string i)) #f) (if (odd? i) #f i))))
      (write ok)))
(write (list (hash-table-size t) (car (car (hash-table-keys t)))))
#|output
#t(1000 0)|#
;;;; ----
(import (scheme base) (scheme hash-table))
(hash-table-size '(1))
#|error hash-table-size: expected a hash table|#
;;;; ----
(import (scheme base) (scheme hash-table) (scheme comparator))
(alist->hash-table '(a) (make-default-comparator))
#|error car: expected a pair|#
;;;; ----
;; Beyond Foment 0.4 (which wants a hash function for symbol=? and takes one argument): a
;; symbol=? table, and SRFI 69's optional bound of hash, hash-by-identity and string-hash.
(import (scheme base) (scheme write) (srfi 69))
(define t (make-hash-table symbol=?))
(hash-table-set! t 'a 1)
(write (list (hash-table-ref t 'a) (< (hash "abc" 10) 10) (< (string-hash "abc" 7) 7) (< (hash-by-identity 'x 3) 3)
             (= (string-hash "abc" 1000) (string-hash "abc" 1000))))
#|output
(1 #t #t #t #t)|#
