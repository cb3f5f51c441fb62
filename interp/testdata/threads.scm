(import (foment base))
(define e (make-exclusive))
(define counter 0)
(define (work n) (let loop ((i 0)) (when (< i n) (with-exclusive e (set! counter (+ counter 1))) (loop (+ i 1)))) n)
(define t1 (run-thread (lambda () (work 10000))))
(define t2 (run-thread (lambda () (work 10000))))
(write (list (thread-join! t1) (thread-join! t2) counter))
(newline)
(define t3 (make-thread (lambda () (sleep 10) 'slept) 'sleeper))
(write (thread-name t3))
(thread-start! t3)
(write (thread-join! t3))
(newline)
(define t4 (run-thread (lambda () (car 1))))
(write (guard (x (#t (error-object-message x))) (thread-join! t4)))
(newline)
(define t5 (run-thread (lambda () (let loop () (loop)))))
(sleep 20)
(thread-terminate! t5)
(write (guard (x (#t (error-object-message x))) (thread-join! t5)))
(newline)
(write (thread? (current-thread)))
(newline)
#|output
(10000 10000 20000)
sleeperslept
"thread-join!: join thread had uncaught exception"
"thread-join!: join thread was terminated"
#t
|#
;;;; ----
(import (scheme base) (scheme write) (foment base))
;; exit-thread, and thread-terminate! of the current thread, run the after thunks of the
;; dynamic-winds they leave (as exit does, as Foment does); a thread terminated by another
;; stops where it is.
(define t (run-thread (lambda ()
  (dynamic-wind (lambda () (display "[before]"))
                (lambda () (exit-thread 5) (display "never"))
                (lambda () (display "[after]"))))))
(write (thread-join! t))
(define t2 (run-thread (lambda ()
  (dynamic-wind (lambda () (display "[b2]"))
                (lambda () (thread-terminate! (current-thread)))
                (lambda () (display "[a2]"))))))
(write (guard (e (#t 'terminated)) (thread-join! t2)))
(newline)
#|output
[before][after]5[b2][a2]terminated
|#
;;;; ----
;; Foment's wider signatures: a name for exclusives and conditions, a timeout for
;; condition-wait in seconds (#f when it passes), import sets for interaction-environment.
(import (scheme base) (scheme write) (scheme repl) (scheme eval) (foment base))
(define e (make-exclusive 'lock))
(define c (make-condition 'ready))
(enter-exclusive e)
(write (condition-wait c e 0))
(leave-exclusive e)
(write (eval '(car '(1 2)) (interaction-environment '(scheme base))))
(newline)
#|output
#f1
|#
;;;; ---- exit-thread runs the dynamic-wind afters, emergency-exit-thread does not (outputs are Foment's)
(import (foment base))
(define (after) (display "after "))
(write (thread-join! (run-thread (lambda () (dynamic-wind (lambda () #f) (lambda () (exit-thread 1)) after)))))
(write (thread-join! (run-thread (lambda () (dynamic-wind (lambda () #f) (lambda () (emergency-exit-thread 2)) after)))))
(newline)
#|output
after 12
|#
;;;; ---- the kinds of thread-join!'s errors (outputs are Foment's)
(import (foment base))
(define t1 (run-thread (lambda () (raise 'reason))))
(define (kind thunk) (guard (e (#t (list (error-object-kind e) (error-object-who e)))) (thunk)))
(write (kind (lambda () (thread-join! t1))))
(define t2 (run-thread (lambda () (sleep 100000))))
(write (kind (lambda () (thread-join! t2 0))))
(thread-terminate! t2)
(write (kind (lambda () (thread-join! t2))))
(newline)
#|output
(uncaught-exception thread-join!)(join-timeout-exception thread-join!)(terminated-thread-exception thread-join!)
|#
;;;; ---- condition-wake-all names itself in its errors (Foment's test)
(import (foment base))
(condition-wake-all (make-exclusive))
#|error condition-wake-all: expected a condition|#
