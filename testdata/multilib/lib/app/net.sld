;; (app net): sockets through (srfi 106) and (foment base), settings from (app config).
(define-library (app net)
  (export local-address-family loopback-ready?)
  (import (scheme base) (srfi 106) (app config))
  (begin
    (define (local-address-family)
      (if (= *af-inet* (address-family inet)) 'inet 'other))
    (define (loopback-ready?)
      (let ((s (make-server-socket "0")))
        (include "net-check.scm")
        (check s)))))
