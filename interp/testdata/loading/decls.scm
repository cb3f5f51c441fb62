;; Library declarations, read by include-library-declarations.
(export shout)
(begin (define (shout s) (string-append s "!")))
