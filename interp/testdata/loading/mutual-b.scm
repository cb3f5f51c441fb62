(define from-b 2)
(include "mutual-a.scm")
