;; Prompts: call-with-continuation-prompt and abort-current-continuation. Outputs are Foment's.
(import (foment base))
(define rl '())
(define (st o) (set! rl (cons o rl)))
(define (at1)
  (call-with-continuation-prompt
    (lambda (x y) (st x) (st y)
      (dynamic-wind
        (lambda () (st 'before))
        (lambda () (st 'thunk) (abort-current-continuation 'prompt-tag 'a 'b 'c) (st 'oops))
        (lambda () (st 'after))))
    'prompt-tag
    (lambda (a b c) (st a) (st b) (st c))
    'x 'y)
  (reverse rl))
(write (at1)) (newline)
(set! rl '())
(define (at3)
  (call-with-continuation-prompt
    (lambda () (st 'proc)
      (dynamic-wind
        (lambda () (st 'before1))
        (lambda ()
          (st 'thunk1)
          (dynamic-wind
            (lambda () (st 'before2))
            (lambda () (st 'thunk2) (abort-current-continuation (default-prompt-tag) (lambda () (st 'handler))) (st 'oops))
            (lambda () (st 'after2))))
        (lambda () (st 'after1))))
    (default-prompt-tag)
    default-prompt-handler)
  (reverse rl))
(write (at3)) (newline)
(write (call-with-continuation-prompt (lambda () (+ 1 (abort-current-continuation 'foo 1 2))) 'foo list)) (newline)
(write (call-with-continuation-prompt (lambda () 5) 'foo list)) (newline)
(write (call-with-continuation-prompt
         (lambda () (call-with-continuation-prompt (lambda () (abort-current-continuation 'foo 1 2)) 'bar list))
         'foo vector))
(newline)
(write (guard (e (#t (list 'caught e))) (call-with-continuation-prompt (lambda () (raise 'x)) 'foo vector))) (newline)
(write (call-with-continuation-prompt (lambda () (guard (e (#f 1)) (abort-current-continuation 'foo 1 2))) 'foo list)) (newline)
(write (call-with-continuation-prompt
         (lambda () (with-exception-handler (lambda (e) 0) (lambda () (abort-current-continuation 'foo 3))))
         'foo
         (lambda (v) (list v (guard (e (#t (list 'handled e))) (raise 'y))))))
(newline)
(write (eq? (default-prompt-tag) (default-continuation-prompt-tag))) (newline)
#|output
(x y before thunk after a b c)
(proc before1 thunk1 before2 thunk2 after2 after1 handler)
(1 2)
5
#(1 2)
(caught x)
(1 2)
(3 (handled y))
#t
|#
;;;; ---- no prompt with that tag
(import (foment base))
(abort-current-continuation 'foo 1 2)
#|error abort-current-continuation: expected a prompt tag foo|#
;;;; ---- the default prompt tag needs the default handler
(import (foment base))
(call-with-continuation-prompt (lambda () 1) (default-prompt-tag) list)
#|error call-with-continuation-prompt: use of default-prompt-tag requires use of default-prompt-handler|#
;;;; ---- an abort to the default prompt around the program runs the afters, then the thunk, and the program ends
(import (foment base))
(display "one") (newline)
(dynamic-wind (lambda () (display "before") (newline))
  (lambda () (abort-current-continuation (default-prompt-tag) (lambda () (display "handler") (newline) 42)))
  (lambda () (display "after") (newline)))
(display "two") (newline)
#|output
one
before
after
handler
|#
