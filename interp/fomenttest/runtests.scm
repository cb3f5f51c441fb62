;; Runs one of Foment's test files (test/*.scm in Foment's repository) the way Foment's own
;; runtests.scm does — every top-level form is read and evaluated in turn in one environment;
;; (check-equal expect expr), (check-error (type [who]) expr), (check-syntax ...) and
;; (test-when cond form ...) are counted — but every form runs inside a handler, so a form that
;; fails counts as an error and the rest of the file still runs.
;;
;; foment-ls run runtests.scm FILE   (beside FILE, in its directory: its tests use relative paths)
;;
;; It prints each failure, then one line: "pass: P fail: F error: E" (error: forms that are not
;; checks and raised an error).

(import (scheme base) (scheme read) (scheme write) (scheme eval) (scheme repl)
        (scheme process-context) (scheme file) (scheme cxr))

(define pass-count 0)
(define fail-count 0)
(define error-count 0)
(define env (interaction-environment))

;; Foment-only accessors, found at run time so that this driver runs before they exist.
(define (lookup name)
  (guard (e (#t #f)) (eval name env)))
(define error-type (lookup 'error-object-type))
(define error-who (lookup 'error-object-who))

(define (show obj)
  (let ((p (open-output-string)))
    (write obj p)
    (let ((s (get-output-string p)))
      (if (> (string-length s) 300) (string-append (substring s 0 300) "...") s))))

(define (condition-text e)
  (if (error-object? e)
      (show (cons (error-object-message e) (error-object-irritants e)))
      (show e)))

(define (fail obj what)
  (set! fail-count (+ fail-count 1))
  (display "failed: ") (display (show obj)) (display ": ") (display what) (newline))

(define (check-equal? a b)
  (or (equal? a b)
      (and (number? a) (inexact? a) (number? b) (inexact? b)
           (equal? (number->string a) (number->string b)))))

(define (evaluate obj k)
  (call/cc
   (lambda (return)
     (with-exception-handler
      (lambda (e) (return (k e)))
      (lambda () (eval obj env))))))

(define (test-check-equal obj)
  (let* ((raised #f)
         (ret (evaluate (caddr obj) (lambda (e) (set! raised e) #f))))
    (cond (raised (fail obj (string-append "raised " (condition-text raised))))
          ((check-equal? (cadr obj) ret) (set! pass-count (+ pass-count 1)))
          (else (fail obj (show ret))))))

(define (test-check-error obj)
  (let* ((raised #f)
         (want (cadr obj)))
    (evaluate (caddr obj) (lambda (e) (set! raised e) #f))
    (cond ((not raised) (fail obj "no exception raised"))
          ((not (error-object? raised)) (fail obj (string-append "raised a non-error " (show raised))))
          ((and error-type (not (equal? (car want) (error-type raised))))
           (fail obj (string-append "type " (show (error-type raised)) " " (condition-text raised))))
          ((and error-who (pair? (cdr want)) (not (equal? (cadr want) (error-who raised))))
           (fail obj (string-append "who " (show (error-who raised)) " " (condition-text raised))))
          (else (set! pass-count (+ pass-count 1))))))

(define (test-expr obj)
  (let ((head (and (pair? obj) (car obj))))
    (cond ((eq? head 'check-equal) (test-check-equal obj))
          ((or (eq? head 'check-error) (eq? head 'check-syntax)) (test-check-error obj))
          ((eq? head 'test-when)
           (let ((raised #f))
             (when (evaluate (cadr obj) (lambda (e) (set! raised e) #f))
               (for-each test-expr (cddr obj)))
             (when raised
               (set! error-count (+ error-count 1))
               (display "error: ") (display (show (cadr obj))) (display ": ")
               (display (condition-text raised)) (newline))))
          (else
           (let ((raised #f))
             (evaluate obj (lambda (e) (set! raised e) #f))
             (when raised
               (set! error-count (+ error-count 1))
               (display "error: ") (display (show obj)) (display ": ")
               (display (condition-text raised)) (newline)))))))

(define (run name)
  (call-with-input-file name
    (lambda (port)
      (let loop ()
        (let ((obj (read port)))
          (unless (eof-object? obj)
            (test-expr obj)
            (flush-output-port)
            (loop)))))))

(run (cadr (command-line)))
(display "pass: ") (display pass-count)
(display " fail: ") (display fail-count)
(display " error: ") (display error-count) (newline)
