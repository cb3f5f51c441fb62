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
;; Debugging with dape (M-x package-install RET dape, Emacs 29 and later): M-x dape RET
;; foment RET debugs the current file with `foment-ls dap'.
(with-eval-after-load 'dape
  (add-to-list 'dape-configs
               '(foment modes (scheme-mode)
                        command "foment-ls" command-args ("dap")
                        :type "foment" :request "launch"
                        :program dape-buffer-default)))

;;; foment-ls.el ends here
