;; Declarations of (app config), read by include-library-declarations.
(begin
  (define default-settings '((port . "12345") (host . "localhost")))
  (define setting
    (case-lambda
      ((key) (setting key default-settings))
      ((key alist)
       (let ((found (assq key alist)))
         (if found (cdr found) #f))))))
