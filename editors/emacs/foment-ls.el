;;; foment-ls.el --- foment-ls for Emacs: eglot for editing, dape for debugging -*- lexical-binding: t -*-

;; Emacs 29 has eglot built in; on Emacs 28 install it (M-x package-install RET eglot, or
;; Debian's elpa-eglot). Debugging needs dape (Emacs 29 and later: M-x package-install RET dape).
;;
;; Load this file from your init file:
;;
;;   (load "/path/to/foment-ls/editors/emacs/foment-ls.el")
;;
;; then, in a Scheme buffer, M-x eglot starts `foment-ls lsp'.  To have it start by itself in
;; the projects that want it, and only there, put this in the project's .dir-locals.el:
;;
;;   ((scheme-mode . ((foment-ls-auto-start . t))))
;;
;; (or (setq foment-ls-auto-start t) in your init file for every Scheme buffer).  Other Scheme
;; buffers are left alone: no server starts for a Guile or Racket project.
;;
;; Debugging: M-x dape RET foment RET debugs the current file with `foment-ls dap'; the
;; program runs in its own directory.  To attach to an adapter started elsewhere with
;; `foment-ls dap --listen 127.0.0.1:4711': M-x dape RET foment-attach port 4711 RET.

(require 'eglot)

(defgroup foment-ls nil
  "Foment Scheme through foment-ls: language server and debugger."
  :group 'languages
  :prefix "foment-ls-")

(defcustom foment-ls-program "foment-ls"
  "The foment-ls executable: a name looked up on `exec-path', or a file name."
  :type 'string)

(defcustom foment-ls-auto-start nil
  "Non-nil: start eglot (foment-ls) in Scheme buffers by itself.
Meant for a project's .dir-locals.el, so that only the projects that want it get it."
  :type 'boolean
  :safe #'booleanp)

(defcustom foment-ls-log-file nil
  "A file both servers append a protocol trace to (`foment-ls lsp --log'), or nil."
  :type '(choice (const :tag "None" nil) file))

(defcustom foment-ls-trace "messages"
  "What `foment-ls-log-file' gets of each message: \"off\", \"messages\" or \"verbose\"."
  :type '(choice (const "off") (const "messages") (const "verbose")))

(defun foment-ls--log-args ()
  "The --log and --trace arguments of both servers."
  (when foment-ls-log-file
    (list "--log" (expand-file-name foment-ls-log-file) "--trace" foment-ls-trace)))

(defun foment-ls--dap-args ()
  "The arguments of the debug adapter: `foment-ls dap', with the log arguments."
  `("dap" ,@(foment-ls--log-args)))

(defun foment-ls--contact (&optional _interactive)
  "The command eglot runs: `foment-ls lsp', with the log arguments."
  (unless (executable-find foment-ls-program)
    (user-error "foment-ls: %s was not found: set `foment-ls-program', or put foment-ls on PATH"
                foment-ls-program))
  `(,foment-ls-program "lsp" ,@(foment-ls--log-args)))

(add-to-list 'auto-mode-alist '("\\.sld\\'" . scheme-mode))
(add-to-list 'auto-mode-alist '("\\.sls\\'" . scheme-mode))
(add-to-list 'eglot-server-programs '(scheme-mode . foment-ls--contact))

(defun foment-ls--start-if-wanted ()
  "Start eglot when `foment-ls-auto-start' is set, directory-local values included."
  (when (and foment-ls-auto-start (derived-mode-p 'scheme-mode))
    (eglot-ensure)))

(defun foment-ls--scheme-mode-setup ()
  "Decide about eglot once the buffer's local variables (.dir-locals.el) are known."
  (add-hook 'hack-local-variables-hook #'foment-ls--start-if-wanted nil t))

(add-hook 'scheme-mode-hook #'foment-ls--scheme-mode-setup)

(defun foment-ls-program-directory ()
  "The directory of the current buffer's file: where a debugged program runs."
  (unless (buffer-file-name)
    (user-error "No buffer file name"))
  (file-local-name (file-name-directory (buffer-file-name))))

(with-eval-after-load 'dape
  (defvar dape-configs)
  (add-to-list 'dape-configs
               '(foment-attach
                 modes (scheme-mode)
                 host "127.0.0.1" port 4711
                 :type "foment" :request "attach"))
  (add-to-list 'dape-configs
               '(foment
                 modes (scheme-mode)
                 command foment-ls-program
                 command-args (foment-ls--dap-args)
                 command-cwd dape-command-cwd
                 :type "foment" :request "launch"
                 :program dape-buffer-default
                 :cwd foment-ls-program-directory)))

(provide 'foment-ls)
;;; foment-ls.el ends here
