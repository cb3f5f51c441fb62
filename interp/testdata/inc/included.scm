;; Included by modules.scm.
(define (from-include x) (list 'included x))
