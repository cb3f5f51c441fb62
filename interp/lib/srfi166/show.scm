;; (srfi 166): monadic formatting, written for foment-ls from SRFI 166's document; behaviour that
;; the SRFI leaves open follows Foment 0.4 (columnar's padding, justified's last line, the
;; runner procedures it exports). Numbers are formatted by the Go helper %numeric-digits.
(define-library (foment-ls srfi166)
  (import (scheme base) (scheme case-lambda) (scheme char) (scheme write) (scheme file) (scheme inexact)
          (scheme complex) (scheme hash-table) (foment-ls internal))
  (begin

    ;; ---- State ----
    ;; A show runs with a frame: the bindings of the state variables, an alist of mutable
    ;; pairs. An inner frame (made by with) shares the pairs it does not rebind, so that row
    ;; and col advance for every frame.
    (define-record-type show-frame
      (make-frame bindings)
      frame?
      (bindings frame-bindings set-frame-bindings!))

    (define current-frame (make-parameter #f))

    (define (binding-of var)
      (let ((f (current-frame)))
        (and f (assq var (frame-bindings f)))))

    (define immutables (make-hash-table eq?))

    ;; A state variable is a procedure: (var) is its value, (var value) sets it.
    (define (new-state-variable default immutable)
      (letrec ((var (case-lambda
                      (() (let ((b (binding-of var))) (if b (cdr b) default)))
                      ((value) (set-variable! var value)))))
        (if immutable (hash-table-set! immutables var #t))
        var))

    (define (set-variable! var value)
      (let ((b (binding-of var)) (f (current-frame)))
        (cond (b (set-cdr! b value))
              (f (set-frame-bindings! f (cons (cons var value) (frame-bindings f)))))))

    (define make-state-variable
      (case-lambda
        ((name default) (new-state-variable default #f))
        ((name default immutable) (new-state-variable default immutable))))

    (define (call-with-bindings vars vals thunk)
      (let* ((f (current-frame))
             (outer (if f (frame-bindings f) '())))
        (parameterize ((current-frame (make-frame (append (map cons vars vals) outer))))
          (thunk))))

    ;; A copy of the state: fresh pairs with the same values.
    (define (call-with-copy thunk)
      (let ((f (current-frame)))
        (parameterize ((current-frame
                        (make-frame (map (lambda (b) (cons (car b) (cdr b)))
                                         (if f (frame-bindings f) '())))))
          (thunk))))

    ;; ---- Formatters ----
    (define-record-type formatter
      (make-formatter proc)
      formatter?
      (proc formatter-proc))

    (define (run fmt) ((formatter-proc (displayed fmt))))

    (define (run-all fmts) (for-each run fmts))

    (define-syntax fn-bind
      (syntax-rules ()
        ((_ () body) body)
        ((_ ((id var) . rest) body) (let ((id (var))) (fn-bind rest body)))
        ((_ (id . rest) body) (let ((id (id))) (fn-bind rest body)))))

    (define-syntax fn
      (syntax-rules ()
        ((_ bindings expr ... fmt)
         (make-formatter (lambda () (fn-bind bindings (let () expr ... (run fmt))))))))

    (define-syntax with
      (syntax-rules ()
        ((_ ((var val) ...) fmt ...)
         (make-formatter
          (lambda ()
            (call-with-bindings (list var ...) (list val ...)
                                (lambda () (run-all (list fmt ...)))))))))

    (define-syntax with!
      (syntax-rules ()
        ((_ (var val) ...)
         (make-formatter
          (lambda ()
            (check-mutable var) ...
            (set-variable! var val) ...
            (if #f #f))))))

    (define (check-mutable var)
      (if (hash-table-ref/default immutables var #f)
          (error "with!: the state variable is immutable" var)))

    (define (show dest . fmts)
      (let ((p (cond ((output-port? dest) dest)
                     (dest (current-output-port))
                     (else (open-output-string)))))
        (parameterize ((current-frame (make-frame (list (cons port p) (cons row 0) (cons col 0)))))
          (run-all fmts))
        (if dest (if #f #f) (get-output-string p))))

    (define (out str) ((output) str))

    (define (output-default str)
      (let ((r (row)) (c (col)) (len (string-length str)))
        (if (not (and r c))
            (error "output-default: called out of show"))
        (let loop ((i 0) (r r) (c c))
          (cond ((= i len) (row r) (col c))
                ((char=? (string-ref str i) #\newline) (loop (+ i 1) (+ r 1) 0))
                (else (loop (+ i 1) r (+ c 1)))))
        (write-string str (port))))

    (define (displayed obj)
      (cond ((formatter? obj) obj)
            ((string? obj) (make-formatter (lambda () (out obj))))
            ((char? obj) (let ((s (string obj))) (make-formatter (lambda () (out s)))))
            (else (written obj))))

    (define (written obj) (make-formatter (lambda () (run ((writer) obj)))))

    (define nothing (make-formatter (lambda () (if #f #f))))

    (define (each . fmts) (each-in-list fmts))

    (define (each-in-list fmts) (make-formatter (lambda () (run-all fmts))))

    (define (forked fmt1 fmt2)
      (make-formatter (lambda () (call-with-copy (lambda () (run fmt1))) (run fmt2))))

    ;; (call-with-output fmt mapper): fmt's output as a string, given to mapper.
    (define (output->string fmt)
      (let ((p (open-output-string)))
        (call-with-copy
         (lambda ()
           (call-with-bindings (list port output col row) (list p output-default 0 0)
                               (lambda () (run fmt)))))
        (get-output-string p)))

    (define (call-with-output formatter mapper)
      (make-formatter (lambda () (run (mapper (output->string formatter))))))

    ;; Runs fmt with output passed through (proc original-output string).
    (define (with-output proc fmt)
      (make-formatter
       (lambda ()
         (let ((original (output)))
           (call-with-bindings (list output) (list (lambda (str) (proc original str)))
                               (lambda () (run fmt)))))))

    ;; ---- Writing ----
    (define (shareable? x) (or (pair? x) (vector? x)))

    ;; The objects that need a label: those in a cycle, or (all) any seen twice.
    (define (find-labels obj all)
      (let ((state (make-hash-table eq?)) (labels (make-hash-table eq?)))
        (define (done spine) (for-each (lambda (p) (hash-table-set! state p 'done)) spine))
        (define (seen x)
          (let ((st (hash-table-ref/default state x #f)))
            (cond ((eq? st 'active) (hash-table-set! labels x #t) #t)
                  ((eq? st 'done) (if all (hash-table-set! labels x #t)) #t)
                  (else #f))))
        (define (walk x)
          (cond ((pair? x)
                 (let loop ((p x) (spine '()))
                   (if (seen p)
                       (done spine)
                       (begin
                         (hash-table-set! state p 'active)
                         (walk (car p))
                         (if (pair? (cdr p))
                             (loop (cdr p) (cons p spine))
                             (begin (walk (cdr p)) (done (cons p spine))))))))
                ((vector? x)
                 (if (not (seen x))
                     (begin
                       (hash-table-set! state x 'active)
                       (vector-for-each walk x)
                       (hash-table-set! state x 'done))))))
        (walk obj)
        (if (= (hash-table-size labels) 0) #f labels)))

    (define (write-radix)
      (let ((r (radix))) (if (memv r '(2 8 10 16)) r 10)))

    (define (write-number n)
      (let ((r (write-radix)))
        (string-append
         (if (and (exact? n) (not (= r 10))) (case r ((2) "#b") ((8) "#o") (else "#x")) "")
         (number-text n r (and (= r 10) (precision)) #f #f #f #\. #f))))

    (define (atom-text x)
      (if (number? x)
          (write-number x)
          (let ((p (open-output-string))) (write x p) (get-output-string p))))

    ;; Writes x through out, labelling the shared objects in labels (#f: none).
    (define (write-datum x labels) (write-datum-until x labels (lambda () #f)))

    ;; write-datum, which stops writing when (full?) is true.
    (define (write-datum-until x labels full?)
      (let ((counter 0))
        (define (labelled x body)
          (let ((l (and labels (shareable? x) (hash-table-ref/default labels x #f))))
            (cond ((number? l) (out (string-append "#" (number->string l) "#")))
                  (l (hash-table-set! labels x counter)
                     (out (string-append "#" (number->string counter) "="))
                     (set! counter (+ counter 1))
                     (body x))
                  (else (body x)))))
        (define (datum x) (if (not (full?)) (labelled x body)))
        (define (body x)
          (cond ((pair? x)
                 (out "(")
                 (datum (car x))
                 (let loop ((rest (cdr x)))
                   (cond ((full?))
                         ((null? rest) (out ")"))
                         ((and (pair? rest)
                               (not (and labels (hash-table-ref/default labels rest #f))))
                          (out " ")
                          (datum (car rest))
                          (loop (cdr rest)))
                         (else (out " . ") (datum rest) (out ")")))))
                ((vector? x)
                 (out "#(")
                 (let loop ((i 0))
                   (when (and (< i (vector-length x)) (not (full?)))
                     (if (> i 0) (out " "))
                     (datum (vector-ref x i))
                     (loop (+ i 1))))
                 (out ")"))
                (else (out (atom-text x)))))
        (datum x)))

    (define (written-default obj)
      (make-formatter (lambda () (write-datum obj (find-labels obj #f)))))
    (define (written-shared obj)
      (make-formatter (lambda () (write-datum obj (find-labels obj #t)))))
    (define (written-simply obj)
      (make-formatter (lambda () (write-datum obj #f))))

    ;; ---- Pretty printing ----
    ;; What fits in the rest of the line is written as written does. A longer form breaks: a
    ;; body form (define, lambda, let …) keeps its first parts on the head's line and indents
    ;; its body by 2; a call aligns its arguments under the first (or indents by 2 when that
    ;; would be too far right); a data list or vector puts its elements one per line.
    (define (flat-text x)
      (let ((p (open-output-string)))
        (call-with-copy
         (lambda ()
           (call-with-bindings (list port output col row) (list p output-default 0 0)
                               (lambda () (write-datum x #f)))))
        (get-output-string p)))

    ;; x written flat when that takes at most limit characters, else #f. Writing stops past the
    ;; limit: a long or cyclic datum costs no more than the line it must fit in.
    (define (flat-text-within x limit)
      (let ((p (open-output-string)) (n 0))
        (call-with-copy
         (lambda ()
           (call-with-bindings (list port output col row)
                               (list p (lambda (str)
                                         (set! n (+ n (string-length str)))
                                         (if (<= n limit) (write-string str p)))
                                     0 0)
                               (lambda () (write-datum-until x #f (lambda () (> n limit)))))))
        (and (<= n limit) (get-output-string p))))

    (define (newline-to column)
      (out "\n")
      (out (make-string column #\space)))

    (define body-forms
      '((define . 1) (define-syntax . 1) (define-record-type . 2) (define-values . 1)
        (lambda . 1) (case-lambda . 0) (let . 1) (let* . 1) (letrec . 1) (letrec* . 1)
        (let-values . 1) (let*-values . 1) (parameterize . 1) (when . 1) (unless . 1)
        (do . 2) (case . 1) (guard . 1) (syntax-rules . 1) (with-exception-handler . 0)
        (define-library . 1) (begin . 0)))

    (define (pretty-datum x)
      (let ((flat (flat-text-within x (- (width) (col)))))
        (cond (flat (out flat))
              ((and (pair? x) (list? x))
               (let ((start (col)))
                 (out "(")
                 (cond
                  ((and (symbol? (car x)) (assq (car x) body-forms))
                   => (lambda (form)
                        (let ((keep (if (and (eq? (car x) 'let) (pair? (cdr x)) (symbol? (cadr x)))
                                        2
                                        (cdr form))))
                          (out (flat-text (car x)))
                          (let loop ((rest (cdr x)) (i 0))
                            (when (pair? rest)
                              (if (< i keep) (out " ") (newline-to (+ start 2)))
                              (pretty-datum (car rest))
                              (loop (cdr rest) (+ i 1)))))))
                  ((and (symbol? (car x)) (pair? (cdr x)))
                   (let* ((head (flat-text (car x)))
                          (align (+ start 2 (string-length head)))
                          (indent (if (> align (quotient (width) 2)) (+ start 2) align)))
                     (out head)
                     (if (= indent align) (out " ") (newline-to indent))
                     (pretty-datum (cadr x))
                     (for-each (lambda (e) (newline-to indent) (pretty-datum e)) (cddr x))))
                  (else
                   (pretty-datum (car x))
                   (for-each (lambda (e) (newline-to (+ start 1)) (pretty-datum e)) (cdr x))))
                 (out ")")))
              ((and (vector? x) (> (vector-length x) 0))
               (let ((start (col)))
                 (out "#(")
                 (pretty-datum (vector-ref x 0))
                 (let loop ((i 1))
                   (when (< i (vector-length x))
                     (newline-to (+ start 2))
                     (pretty-datum (vector-ref x i))
                     (loop (+ i 1))))
                 (out ")")))
              ;; Too long for the line, and no list to break (a cyclic list, a long string):
              ;; written as it goes, so that trimmed/lazy can stop it.
              (else (write-datum x #f)))))

    (define (pretty-with labels obj)
      (make-formatter
       (lambda ()
         (let ((r (write-radix)))
           (call-with-bindings (list radix precision) (list r (and (= r 10) (precision)))
                               (lambda ()
                                 ;; A datum with a cycle cannot be laid out: it is written
                                 ;; flat as it goes (Foment and chibi do the same), so that
                                 ;; trimmed/lazy can stop it.
                                 (cond (labels (write-datum obj labels))
                                       ((find-labels obj #f) (write-datum obj #f))
                                       (else (pretty-datum obj)))))))))

    (define (pretty obj) (pretty-with (find-labels obj #f) obj))
    (define (pretty-shared obj) (pretty-with (find-labels obj #t) obj))
    (define (pretty-simply obj) (pretty-with #f obj))

    ;; ---- Escaping ----
    (define escaped
      (case-lambda
        ((fmt) (escape fmt #\" #\\ #f))
        ((fmt quote-ch) (escape fmt quote-ch #\\ #f))
        ((fmt quote-ch esc-ch) (escape fmt quote-ch esc-ch #f))
        ((fmt quote-ch esc-ch renamer) (escape fmt quote-ch esc-ch renamer))))

    (define (escape-string str quote-ch esc-ch renamer)
      (let ((o (open-output-string)))
        (string-for-each
         (lambda (ch)
           (cond ((not esc-ch)
                  (if (char=? ch quote-ch) (write-char ch o))
                  (write-char ch o))
                 ((or (char=? ch quote-ch) (char=? ch esc-ch))
                  (write-char esc-ch o) (write-char ch o))
                 ((and renamer (renamer ch))
                  => (lambda (r) (write-char esc-ch o) (write-char r o)))
                 (else (write-char ch o))))
         str)
        (get-output-string o)))

    (define (escape fmt quote-ch esc-ch renamer)
      (with-output (lambda (output str) (output (escape-string str quote-ch esc-ch renamer)))
                   fmt))

    (define maybe-escaped
      (case-lambda
        ((fmt pred) (maybe-escape fmt pred #\" #\\ #f))
        ((fmt pred quote-ch) (maybe-escape fmt pred quote-ch #\\ #f))
        ((fmt pred quote-ch esc-ch) (maybe-escape fmt pred quote-ch esc-ch #f))
        ((fmt pred quote-ch esc-ch renamer) (maybe-escape fmt pred quote-ch esc-ch renamer))))

    (define (maybe-escape fmt pred quote-ch esc-ch renamer)
      (call-with-output
       fmt
       (lambda (str)
         (let loop ((i 0))
           (cond ((= i (string-length str)) (displayed str))
                 ((let ((ch (string-ref str i)))
                    (or (char=? ch quote-ch) (eqv? ch esc-ch) (and renamer (renamer ch)) (pred ch)))
                  (each (string quote-ch) (escape-string str quote-ch esc-ch renamer)
                        (string quote-ch)))
                 (else (loop (+ i 1))))))))

    ;; ---- Numbers ----
    (define (exact-int? x) (and (number? x) (exact-integer? x)))

    (define (valid-sign-rule? s)
      (or (boolean? s) (and (pair? s) (string? (car s)) (string? (cdr s)))))

    ;; Inserts sep between the groups of digits: rule is a group size, or a list of sizes from
    ;; the right, the last repeating.
    (define (insert-commas int rule sep)
      (let loop ((int int) (rule (if (pair? rule) rule (list rule))) (acc ""))
        (let ((n (car rule)))
          (if (<= (string-length int) n)
              (string-append int acc)
              (let ((cut (- (string-length int) n)))
                (loop (substring int 0 cut)
                      (if (pair? (cdr rule)) (cdr rule) rule)
                      (string-append (string sep) (substring int cut (string-length int)) acc)))))))

    ;; The digits with commas in the integer part and sep for the point.
    (define (punctuate digits rule csep dsep)
      (let loop ((i 0))
        (cond ((= i (string-length digits))
               (if rule (insert-commas digits rule csep) digits))
              ((char=? (string-ref digits i) #\.)
               (string-append (if rule (insert-commas (substring digits 0 i) rule csep) (substring digits 0 i))
                              (string dsep)
                              (substring digits (+ i 1) (string-length digits))))
              ((char=? (string-ref digits i) #\/) digits)
              (else (loop (+ i 1))))))

    (define (align-decimal str align sep)
      (if (and (exact-int? align) (> align 1))
          (let loop ((i (- (string-length str) 1)))
            (cond ((< i 0) str)
                  ((char=? (string-ref str i) sep)
                   (if (>= i (- align 1)) str
                       (string-append (make-string (- align 1 i) #\space) str)))
                  (else (loop (- i 1)))))
          str))

    (define (number-text n radix prec sign-rule comma-rule comma-sep decimal-sep align)
      (if (not (valid-sign-rule? sign-rule))
          (error "numeric: expected sign-rule of #f, #t, or a pair of strings" sign-rule))
      (if (not (and (exact-int? radix) (<= 2 radix 36)))
          (error "numeric: expected a radix from 2 to 36" radix))
      (let ((csep (if (char? comma-sep) comma-sep (if (eqv? decimal-sep #\,) #\. #\,)))
            (dsep (if (char? decimal-sep) decimal-sep (if (eqv? comma-sep #\.) #\, #\.))))
        (cond
         ((and (real? n) (or (nan? n) (infinite? n))) (number->string n))
         ((not (real? n))
          (string-append
           (number-text (real-part n) radix prec (if (boolean? sign-rule) sign-rule #f)
                        comma-rule csep dsep #f)
           (number-text (imag-part n) radix prec #t comma-rule csep dsep #f)
           "i"))
         (else
          (let* ((digits (punctuate (%numeric-digits n radix prec) comma-rule csep dsep))
                 (negative (or (negative? n) (eqv? n -0.0)))
                 (str (cond ((pair? sign-rule)
                             (if negative (string-append (car sign-rule) digits (cdr sign-rule)) digits))
                            (negative (string-append "-" digits))
                            (sign-rule (string-append "+" digits))
                            (else digits))))
            (align-decimal str align dsep))))))

    (define (arg args i default)
      (if (> (length args) i) (list-ref args i) default))

    (define (numeric n . args)
      (make-formatter
       (lambda ()
         (out (number-text n (arg args 0 (radix)) (arg args 1 (precision)) (arg args 2 (sign-rule))
                           (arg args 3 (comma-rule)) (arg args 4 (comma-sep))
                           (arg args 5 (decimal-sep)) (decimal-align))))))

    (define (numeric/comma n . args)
      (make-formatter
       (lambda ()
         (out (number-text n (arg args 1 (radix)) (arg args 2 (precision)) (arg args 3 (sign-rule))
                           (arg args 0 (or (comma-rule) 3)) (comma-sep) (decimal-sep)
                           (decimal-align))))))

    (define si-up-1000 '("" "k" "M" "G" "T" "P" "E" "Z" "Y"))
    (define si-up-1024 '("" "Ki" "Mi" "Gi" "Ti" "Pi" "Ei" "Zi" "Yi"))
    (define si-down '("m" "\xB5;" "n" "p" "f" "a" "z" "y"))

    (define numeric/si
      (case-lambda
        ((n) (numeric/si n 1000 ""))
        ((n base) (numeric/si n base ""))
        ((n base sep)
         (let* ((a (abs n))
                (scaled
                 (if (or (zero? a) (>= a 1))
                     (let loop ((d n) (prefixes (if (= base 1024) si-up-1024 si-up-1000)))
                       (if (or (< (abs d) base) (null? (cdr prefixes)))
                           (cons d (car prefixes))
                           (loop (/ d base) (cdr prefixes))))
                     (let loop ((d (* n base)) (prefixes si-down))
                       (if (or (>= (abs d) 1) (null? (cdr prefixes)))
                           (cons d (car prefixes))
                           (loop (* d base) (cdr prefixes))))))
                (d (car scaled))
                (prec (if (or (>= (abs d) 100) (= 0 (modulo (exact (round (* (abs d) 10))) 10))) 0 1)))
           (each (numeric d 10 prec) sep (cdr scaled))))))

    (define (numeric/fitted width n . args)
      (call-with-output
       (apply numeric n args)
       (lambda (str)
         (fn ((p precision))
             (let ((prec (arg args 1 p)))
               (if (<= (string-length str) width)
                   str
                   (if (and prec (> prec 0))
                       (string-append (make-string (max 0 (- width prec 1)) #\#) "."
                                      (make-string prec #\#))
                       (make-string width #\#))))))))

    ;; ---- Space ----
    (define nl (displayed "\n"))
    (define fl (fn (col) (if (= col 0) nothing nl)))

    (define (space-to column)
      (fn (col pad-char)
          (if (> column col) (make-string (- column col) pad-char) nothing)))

    (define tab-to
      (case-lambda
        (() (tab-to 8))
        ((tab)
         (fn (col pad-char)
             (let ((n (remainder col tab)))
               (if (> n 0) (make-string (- tab n) pad-char) nothing))))))

    ;; ---- Joining ----
    (define joined
      (case-lambda
        ((mapper lst) (joined mapper lst ""))
        ((mapper lst sep)
         (make-formatter
          (lambda ()
            (if (pair? lst)
                (begin
                  (run (mapper (car lst)))
                  (for-each (lambda (x) (run sep) (run (mapper x))) (cdr lst)))))))))

    (define joined/prefix
      (case-lambda
        ((mapper lst) (joined/prefix mapper lst ""))
        ((mapper lst sep)
         (make-formatter (lambda () (for-each (lambda (x) (run sep) (run (mapper x))) lst))))))

    (define joined/suffix
      (case-lambda
        ((mapper lst) (joined/suffix mapper lst ""))
        ((mapper lst sep)
         (make-formatter (lambda () (for-each (lambda (x) (run (mapper x)) (run sep)) lst))))))

    (define joined/last
      (case-lambda
        ((mapper last lst) (joined/last mapper last lst ""))
        ((mapper last lst sep)
         (make-formatter
          (lambda ()
            (let loop ((l lst) (first #t))
              (when (pair? l)
                (if (not first) (run sep))
                (if (null? (cdr l)) (run (last (car l))) (run (mapper (car l))))
                (loop (cdr l) #f))))))))

    (define joined/dot
      (case-lambda
        ((mapper dot lst) (joined/dot mapper dot lst ""))
        ((mapper dot lst sep)
         (make-formatter
          (lambda ()
            (let loop ((l lst) (first #t))
              (cond ((pair? l)
                     (if (not first) (run sep))
                     (run (mapper (car l)))
                     (loop (cdr l) #f))
                    ((not (null? l))
                     (if (not first) (run sep))
                     (run (dot l))))))))))

    (define joined/range
      (case-lambda
        ((mapper start) (joined/range mapper start #f ""))
        ((mapper start end) (joined/range mapper start end ""))
        ((mapper start end sep)
         (make-formatter
          (lambda ()
            (let loop ((i start))
              (when (or (not end) (< i end))
                (if (> i start) (run sep))
                (run (mapper i))
                (loop (+ i 1)))))))))

    ;; ---- Padding and trimming ----
    (define (padded width . fmts)
      (call-with-output
       (each-in-list fmts)
       (lambda (str)
         (fn (string-width pad-char)
             (let ((pad (- width (string-width str))))
               (if (> pad 0) (each (make-string pad pad-char) str) str))))))

    (define (padded/right width . fmts)
      (fn ((start col))
          (each (each-in-list fmts)
                (fn ((end col) pad-char)
                    (if (> width (- end start)) (make-string (- width (- end start)) pad-char) nothing)))))

    (define (padded/both width . fmts)
      (call-with-output
       (each-in-list fmts)
       (lambda (str)
         (fn (string-width pad-char)
             (let* ((pad (- width (string-width str))) (left (quotient pad 2)))
               (if (> pad 0)
                   (each (make-string left pad-char) str (make-string (- pad left) pad-char))
                   str))))))

    (define (preserved preserve str from to)
      (if preserve (preserve (substring/width-of str from to)) nothing))

    (define (substring/width-of str from to) ((substring/width) str from to))

    (define (trimmed width . fmts)
      (call-with-output
       (each-in-list fmts)
       (lambda (str)
         (fn (string-width ellipsis (preserve substring/preserve))
             (let* ((w (string-width str))
                    (ell (if (< (string-width ellipsis) width) ellipsis ""))
                    (cut (+ (- w width) (string-width ell))))
               (if (> w width)
                   (each (preserved preserve str 0 cut) ell (substring/width-of str cut w))
                   str))))))

    (define (trimmed/right width . fmts)
      (call-with-output
       (each-in-list fmts)
       (lambda (str)
         (fn (string-width ellipsis (preserve substring/preserve))
             (let* ((w (string-width str))
                    (ell (if (< (string-width ellipsis) width) ellipsis ""))
                    (keep (- width (string-width ell))))
               (if (> w width)
                   (each (substring/width-of str 0 keep) ell (preserved preserve str keep w))
                   str))))))

    (define (trimmed/both width . fmts)
      (call-with-output
       (each-in-list fmts)
       (lambda (str)
         (fn (string-width ellipsis (preserve substring/preserve))
             (let* ((w (string-width str))
                    (ell (if (< (* 2 (string-width ellipsis)) width) ellipsis ""))
                    (cut (+ (- w width) (* 2 (string-width ell))))
                    (left (quotient cut 2))
                    (right (- w (- cut left))))
               (if (> w width)
                   (each (preserved preserve str 0 left) ell (substring/width-of str left right)
                         ell (preserved preserve str right w))
                   str))))))

    ;; trimmed/lazy stops the formatters as soon as width characters are out: it is safe on
    ;; infinite output.
    (define (trimmed/lazy width . fmts)
      (make-formatter
       (lambda ()
         (call/cc
          (lambda (stop)
            (let ((count 0) (sw (string-width)))
              (run (with-output
                    (lambda (output str)
                      (if (>= count width) (stop #f))
                      (let ((len (sw str)))
                        (if (<= (+ count len) width)
                            (output str)
                            (output (substring/width-of str 0 (- width count))))
                        (set! count (+ count len))
                        (if (>= count width) (stop #f))))
                    (each-in-list fmts)))))))))

    (define (fitted width . fmts) (padded width (trimmed width (each-in-list fmts))))
    (define (fitted/right width . fmts) (padded/right width (trimmed/right width (each-in-list fmts))))
    (define (fitted/both width . fmts) (padded/both width (trimmed/both width (each-in-list fmts))))

    ;; ---- Case ----
    (define (upcased . fmts)
      (with-output (lambda (output str) (output (string-upcase str))) (each-in-list fmts)))
    (define (downcased . fmts)
      (with-output (lambda (output str) (output (string-downcase str))) (each-in-list fmts)))

    ;; ---- Lines ----
    (define (string-split str ch)
      (let loop ((i 0))
        (cond ((= i (string-length str)) (values #f str ""))
              ((char=? (string-ref str i) ch)
               (values #t (substring str 0 i) (substring str (+ i 1) (string-length str))))
              (else (loop (+ i 1))))))

    (define (split-lines str)
      (let loop ((str str) (acc '()))
        (call-with-values (lambda () (string-split str #\newline))
          (lambda (found first rest)
            (cond (found (loop rest (cons first acc)))
                  ((string=? first "") (reverse acc))
                  (else (reverse (cons first acc))))))))

    ;; The first n lines (all with n #f) fmt writes at a width, with col and row from 0.
    (define (lines-of fmt width n)
      (let ((lines '()) (line (open-output-string)) (count 0))
        (call/cc
         (lambda (stop)
           (call-with-copy
            (lambda ()
              (call-with-bindings
               (list port output col row (width-variable))
               (list (open-output-string)
                     (lambda (str)
                       (output-default str)
                       (string-for-each
                        (lambda (ch)
                          (if (char=? ch #\newline)
                              (begin
                                (set! lines (cons (get-output-string line) lines))
                                (set! line (open-output-string))
                                (set! count (+ count 1))
                                (if (and n (>= count n)) (stop #f)))
                              (write-char ch line)))
                        str))
                     0 0 width)
               (lambda () (run fmt)))))))
        (let ((last (get-output-string line)))
          (reverse (if (or (string=? last "") (and n (>= count n))) lines (cons last lines))))))

    (define (width-variable) width)

    (define (list-runner lines)
      (lambda ()
        (if (pair? lines)
            (let ((l (car lines))) (set! lines (cdr lines)) l)
            #f)))

    (define (make-runner width fmt) (list-runner (lines-of fmt width #f)))

    ;; An infinite runner makes its lines on demand: the formatter may never end.
    (define (make-infinite-runner width fmt)
      (let ((n 0) (done #f))
        (lambda ()
          (if done
              #f
              (let ((lines (lines-of fmt width (+ n 1))))
                (if (> (length lines) n)
                    (begin (set! n (+ n 1)) (list-ref lines (- n 1)))
                    (begin (set! done #t) #f)))))))

    ;; ---- Columns ----
    ;; A column: a literal string repeated on every line, or a formatter with its alignment,
    ;; width (#f: unspecified, an integer, or a fraction of the width) and infinite flag.
    (define-record-type column
      (make-column literal fmt align width infinite)
      column?
      (literal column-literal)
      (fmt column-fmt)
      (align column-align)
      (width column-width set-column-width!)
      (infinite column-infinite?))

    (define (parse-columns args)
      (let loop ((args args) (align 'left) (w #f) (inf #f) (acc '()))
        (if (null? args)
            (reverse acc)
            (let ((a (car args)))
              (cond ((string? a)
                     (loop (cdr args) 'left #f #f
                           (cons (make-column a #f 'left ((string-width) a) #f) acc)))
                    ((formatter? a)
                     (loop (cdr args) 'left #f #f (cons (make-column #f a align w inf) acc)))
                    ((memq a '(left right center)) (loop (cdr args) a w inf acc))
                    ((eq? a 'infinite) (loop (cdr args) align w #t acc))
                    ((and (number? a) (real? a) (or (and (exact-integer? a) (> a 0)) (< 0 a 1)))
                     (loop (cdr args) align a inf acc))
                    (else (error "columnar: unexpected column modifier" a)))))))

    ;; Shares out the width: fixed widths first, then fractions of what is left, then the rest
    ;; evenly among the columns with no width (the first ones get one more when it does not
    ;; divide evenly).
    (define (share-widths cols total)
      (define (fixed) (apply + (map (lambda (c) (let ((w (column-width c))) (if (exact-int? w) w 0))) cols)))
      (let ((extra (max 0 (- total (fixed)))))
        (for-each (lambda (c)
                    (let ((w (column-width c)))
                      (if (and w (not (exact-int? w)))
                          (set-column-width! c (exact (truncate (* w extra)))))))
                  cols))
      (let* ((open (filter-list (lambda (c) (not (column-width c))) cols))
             (extra (max 0 (- total (fixed))))
             (n (length open)))
        (if (> n 0)
            (let loop ((open open) (i 0))
              (when (pair? open)
                (set-column-width! (car open)
                                   (+ (quotient extra n) (if (< i (remainder extra n)) 1 0)))
                (loop (cdr open) (+ i 1)))))))

    (define (filter-list pred l)
      (cond ((null? l) '()) ((pred (car l)) (cons (car l) (filter-list pred (cdr l))))
            (else (filter-list pred (cdr l)))))

    ;; A cell of a row: str aligned in width with pad-char; the last cell of a line gets no
    ;; padding on its right when padding with spaces.
    (define (cell str width align last)
      (let* ((w ((string-width) str)) (pad (- width w)) (pc (pad-char))
             (right-pad (lambda (n) (if (and last (char=? pc #\space)) "" (make-string n pc)))))
        (cond ((<= pad 0) str)
              ((eq? align 'right) (string-append (make-string pad pc) str))
              ((eq? align 'center)
               (let ((left (quotient pad 2)))
                 (string-append (make-string left pc) str (right-pad (- pad left)))))
              (else (string-append str (right-pad pad))))))

    (define (show-rows cols runners)
      (let loop ((first #t))
        (let* ((any #f)
               (cells (map (lambda (c r)
                             (if (column-literal c)
                                 (column-literal c)
                                 (let ((s (r)))
                                   (if (and (string? s) (not (column-infinite? c))) (set! any #t))
                                   s)))
                           cols runners)))
          (when any
            (if (not first) (out "\n"))
            (let each-cell ((cols cols) (cells cells))
              (when (pair? cols)
                (let ((c (car cols)) (s (car cells)))
                  (out (cell (if (string? s) s "") (column-width c) (column-align c) (null? (cdr cols)))))
                (each-cell (cdr cols) (cdr cells))))
            (loop #f)))))

    (define (runner-of c)
      (cond ((column-literal c) #f)
            ((column-infinite? c) (make-infinite-runner (column-width c) (column-fmt c)))
            (else (make-runner (column-width c) (column-fmt c)))))

    (define (columnar . args)
      (fn (width)
          (let ((cols (parse-columns args)))
            (share-widths cols width)
            (show-rows cols (map runner-of cols))
            nl)))

    (define (tabular . args)
      (fn (width)
          (let* ((cols (parse-columns args))
                 (runners
                  (map (lambda (c)
                         (cond ((column-literal c) #f)
                               ((column-infinite? c)
                                (if (not (exact-int? (column-width c))) (set-column-width! c 0))
                                (make-infinite-runner (column-width c) (column-fmt c)))
                               (else
                                (let ((lines (lines-of (column-fmt c) (or (column-width c) width) #f)))
                                  (if (not (exact-int? (column-width c)))
                                      (set-column-width! c (apply max 0 (map (lambda (l) ((string-width) l)) lines))))
                                  (list-runner lines)))))
                       cols)))
            (show-rows cols runners)
            nl)))

    ;; ---- Wrapping ----
    (define (string->words str separator?)
      (let loop ((i 0) (start #f) (acc '()))
        (cond ((= i (string-length str))
               (reverse (if start (cons (substring str start i) acc) acc)))
              ((separator? (string-ref str i))
               (loop (+ i 1) #f (if start (cons (substring str start i) acc) acc)))
              (else (loop (+ i 1) (or start i) acc)))))

    ;; Breaks words into lines of at most width, minimizing the sum of the cubes of the space
    ;; left at the end of every line but the last; a word wider than the width has a line.
    (define (break-lines words width sw)
      (let* ((v (list->vector words))
             (n (vector-length v))
             (widths (vector-map sw v))
             (cost (make-vector (+ n 1) 0))
             (next (make-vector (+ n 1) n)))
        (let loop ((i (- n 1)))
          (when (>= i 0)
            (let try ((j (+ i 1)) (w (vector-ref widths i)) (best #f))
              (if (and (<= j n) (or (= j (+ i 1)) (<= w width)))
                  (let* ((c (if (= j n) 0
                                (+ (if (< w width) (expt (- width w) 3) 0) (vector-ref cost j))))
                         (better (or (not best) (< c best))))
                    (when better
                      (vector-set! cost i c)
                      (vector-set! next i j))
                    (try (+ j 1) (if (< j n) (+ w 1 (vector-ref widths j)) w) (if better c best)))))
            (loop (- i 1))))
        (let collect ((i 0) (acc '()))
          (if (>= i n)
              (reverse acc)
              (let ((j (vector-ref next i)))
                (collect j (cons (vector->list (vector-copy v i j)) acc)))))))

    (define (join-words words sep)
      (if (null? words) ""
          (let loop ((ws (cdr words)) (acc (car words)))
            (if (null? ws) acc (loop (cdr ws) (string-append acc sep (car ws)))))))

    (define (wrapped/list lst)
      (fn (width string-width pad-char)
          (if (null? lst)
              nothing
              (joined (lambda (line) (join-words line (string pad-char)))
                      (break-lines lst width string-width)
                      "\n"))))

    (define (wrapped . fmts)
      (call-with-output (each-in-list fmts)
                        (lambda (str)
                          (fn (word-separator?) (wrapped/list (string->words str word-separator?))))))

    (define (justify-line line width sw pc)
      (if (null? (cdr line))
          (let ((w (sw (car line))))
            (if (or (char=? pc #\space) (>= w width))
                (car line)
                (string-append (car line) (make-string (- width w) pc))))
          (let* ((gaps (- (length line) 1))
                 (extra (- width (apply + (map sw line))))
                 (each-gap (quotient extra gaps))
                 (more (remainder extra gaps)))
            (let loop ((ws (cdr line)) (i 0) (acc (car line)))
              (if (null? ws)
                  acc
                  (loop (cdr ws) (+ i 1)
                        (string-append acc (make-string (max 1 (+ each-gap (if (< i more) 1 0))) pc)
                                       (car ws))))))))

    (define (justified/list lst)
      (fn (width string-width pad-char)
          (if (null? lst)
              nothing
              (joined/last (lambda (line) (justify-line line width string-width pad-char))
                           (lambda (line) (join-words line (string pad-char)))
                           (break-lines lst width string-width)
                           "\n"))))

    (define (justified . fmts)
      (call-with-output (each-in-list fmts)
                        (lambda (str)
                          (fn (word-separator?) (justified/list (string->words str word-separator?))))))

    ;; wrapped/char breaks at the width, character by character, and ends with a newline.
    (define (wrapped/char . fmts)
      (let ((last #\space))
        (each
         (with-output
          (lambda (output str)
            (string-for-each
             (lambda (ch)
               (if (and (>= (col) (width)) (not (char=? ch #\newline)))
                   (output "\n"))
               (output (string ch))
               (set! last ch))
             str))
          (each-in-list fmts))
         (fn () (if (char=? last #\newline) nothing nl)))))

    (define (from-file filename)
      (fn ()
          (let ((p (open-input-file filename)))
            (let next ()
              (let ((line (read-line p)))
                (if (eof-object? line)
                    (begin (close-input-port p) nothing)
                    (each line nl (fn () (next)))))))))

    (define line-numbers
      (case-lambda
        (() (line-numbers 1))
        ((start) (joined/range displayed start #f nl))))

    ;; ---- The state variables ----
    (define (string-width-default str . range)
      (let ((start (if (pair? range) (car range) 0))
            (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (string-length str))))
        (- end start)))

    (define port (new-state-variable (current-output-port) #f))
    (define row (new-state-variable #f #f))
    (define col (new-state-variable #f #f))
    (define width (new-state-variable 100 #f))
    (define output (new-state-variable output-default #f))
    (define writer (new-state-variable written-default #t))
    (define string-width (new-state-variable string-width-default #t))
    (define substring/width (new-state-variable substring #t))
    (define substring/preserve (new-state-variable #f #t))
    (define pad-char (new-state-variable #\space #t))
    (define ellipsis (new-state-variable "" #t))
    (define radix (new-state-variable 10 #t))
    (define precision (new-state-variable #f #t))
    (define decimal-sep (new-state-variable #f #t))
    (define decimal-align (new-state-variable #f #t))
    (define sign-rule (new-state-variable #f #t))
    (define comma-rule (new-state-variable #f #t))
    (define comma-sep (new-state-variable #f #t))
    (define word-separator? (new-state-variable char-whitespace? #t))))
