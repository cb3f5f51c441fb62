;; (srfi 18): threads, mutexes and condition variables under SRFI 18's names. mutex-state and the
;; timeout of mutex-lock! are SRFI 18's; Foment 0.4 raises "not supported" / "not allowed".
(import (scheme base) (scheme write) (srfi 18))
(define m (make-mutex 'm))
(define cv (make-condition-variable 'cv))
(define ready #f)
(define t (make-thread (lambda ()
                         (mutex-lock! m)
                         (let loop () (unless ready (mutex-unlock! m cv) (loop)))
                         (mutex-unlock! m)
                         'done)
                       'worker))
(write (list (thread-name t) (mutex-name m) (condition-variable-name cv) (mutex? m) (condition-variable? cv)
             (eq? (thread-start! t) t)))
(newline)
(mutex-lock! m)
(set! ready #t)
(condition-variable-broadcast! cv)
(mutex-unlock! m)
(write (thread-join! t))
(newline)
(mutex-specific-set! m 'spec)
(condition-variable-specific-set! cv 'cvspec)
(write (list (mutex-specific m) (condition-variable-specific cv) (mutex-state m)
             (begin (mutex-lock! m) (eq? (mutex-state m) (current-thread)))
             (begin (mutex-unlock! m) (mutex-lock! m 0)) (mutex-unlock! m)))
#|output
(worker m cv #t #t #t)
done
(spec cvspec not-abandoned #t #t #t)|#
;;;; ----
;; Time objects and timeouts: thread-join! with a timeout value, the exceptions of thread-join!.
(import (scheme base) (scheme write) (srfi 18))
(define now (current-time))
(write (list (time? now) (time? 1) (exact-integer? (time->seconds now))
             (= (time->seconds (seconds->time 1000)) 1000)))
(newline)
(define sleeper (thread-start! (make-thread (lambda () (thread-sleep! 9999)))))
(write (list (thread-join! sleeper 0 'timed-out)
             (thread-join! sleeper (seconds->time (- (time->seconds (current-time)) 1)) 'past)
             (guard (e ((join-timeout-exception? e) 'timeout)) (thread-join! sleeper 0))))
(thread-terminate! sleeper)
(write (guard (e ((terminated-thread-exception? e) 'terminated)) (thread-join! sleeper)))
(define raiser (thread-start! (make-thread (lambda () (raise 'oops)))))
(write (guard (e ((uncaught-exception? e) (uncaught-exception-reason e))) (thread-join! raiser)))
(write (list (abandoned-mutex-exception? 1) (uncaught-exception? 1) (uncaught-exception-reason 1)))
(newline)
(write (eq? (with-exception-handler list current-exception-handler) list))
(write (current-exception-handler))
#|output
(#t #f #t #t)
(timed-out past timeout)terminatedoops(#f #f #f)
#t#f|#
;;;; ----
(import (scheme base) (srfi 18))
(thread-sleep! #f)
#|error thread-sleep!: expected an exact non-negative fixnum or time #f|#
;;;; ----
;; A mutex taken with a timeout while another thread holds it (not allowed in Foment 0.4).
(import (scheme base) (scheme write) (srfi 18) (only (foment base) sleep))
(define m (make-mutex))
(define holder (thread-start! (make-thread (lambda () (mutex-lock! m) (sleep 200) (mutex-unlock! m)))))
(sleep 50)
(write (mutex-lock! m 0))
(write (mutex-lock! m 5))
(mutex-unlock! m)
(thread-join! holder)
#|output
#f#t|#
