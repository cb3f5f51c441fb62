;; The program: run it with  foment -I lib main.scm  (or foment-ls run -I lib main.scm).
(define-library (app local)
  (export banner)
  (import (scheme base))
  (begin
    (define (banner title) (string-append "== " title " =="))))

(import (scheme base)
        (scheme write)
        (scheme char)
        (app config)
        (app text)
        (app net)
        (app local))

(cond-expand
  (foment (import (only (foment base) arithmetic-shift)))
  (else (import (only (srfi 151) arithmetic-shift))))

(include "main-helpers.scm")

(define (report name value)
  (display (pad-right name 12))
  (display ": ")
  (write value)
  (newline))

(display (banner (shout "settings")))
(newline)
(report "port" (setting 'port))
(report "host" (setting 'host))
(report "missing" (setting 'missing))
(report "words" (words "include and cond-expand"))
(report "upcased" (string-upcase (car (words "hello world"))))
(report "local" (local-address-family))
(report "loopback" (loopback-ready?))
(report "total" (sum-of-squares '(1 2 3)))
(report "shifted" (arithmetic-shift 1 10))
