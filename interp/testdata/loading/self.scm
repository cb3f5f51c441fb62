;; Includes itself: an include cycle.
(define in-self 1)
(include "self.scm")
