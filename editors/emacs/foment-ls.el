;;; foment-ls.el --- foment-ls for Emacs with eglot -*- lexical-binding: t -*-

;; Emacs 29 has eglot built in; on Emacs 28 install it (M-x package-install RET eglot, or
;; Debian's elpa-eglot). Load this file from your init file, then open a .scm file: eglot
;; starts `foment-ls lsp` (M-x eglot, or automatically with the hook below).

(require 'eglot)

(add-to-list 'auto-mode-alist '("\\.sld\\'" . scheme-mode))
(add-to-list 'auto-mode-alist '("\\.sls\\'" . scheme-mode))
(add-to-list 'eglot-server-programs '(scheme-mode . ("foment-ls" "lsp")))
(add-hook 'scheme-mode-hook #'eglot-ensure)

(provide 'foment-ls)
;;; foment-ls.el ends here
