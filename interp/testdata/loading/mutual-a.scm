(define from-a 1)
(include "mutual-b.scm")
