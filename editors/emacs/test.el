;;; test.el --- the shipped foment-ls.el in batch Emacs, against the real foment-ls -*- lexical-binding: t -*-

;; test.sh runs it: emacs --batch -q -l test.el, with FOMENT_LS, PROJ (a project whose
;; .dir-locals.el asks for foment-ls, with socket.scm: three mistakes), OTHER (a Scheme
;; project that does not), HERE (this directory), RESULTS and LOG.
;; Each check prints "ok   emacs: NAME" or "FAIL emacs: NAME: detail" to RESULTS.

(require 'package)
(package-initialize) ; Debian's elpa-eglot lives in /usr/share/emacs/site-lisp/elpa

(defvar test-results nil)
(defun check (name ok &optional detail)
  (push (format "%s emacs: %s%s" (if ok "ok  " "FAIL") name
                (if detail (concat ": " (truncate-string-to-width (replace-regexp-in-string "[\n\t ]+" " " (format "%s" detail)) 120)) ""))
        test-results))

(defun wait-for (pred &optional seconds)
  "Wait until PRED is true, serving processes and timers; its value, or nil after SECONDS."
  (let ((deadline (+ (float-time) (or seconds 10))) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(condition-case err
    (progn
      (load (expand-file-name "foment-ls.el" (getenv "HERE")) nil t)
      (check "foment-ls-program is a defcustom" (custom-variable-p 'foment-ls-program))
      (setq foment-ls-program (getenv "FOMENT_LS")
            foment-ls-log-file (getenv "LOG")
            eglot-sync-connect 10)
      ;; .dir-locals.el is a safe variable: no question in batch mode.
      (check "foment-ls-auto-start is safe as a directory-local" (safe-local-variable-p 'foment-ls-auto-start t))

      ;; A Scheme project that did not ask: no server.
      (find-file (expand-file-name "plain.scm" (getenv "OTHER")))
      (run-hooks 'post-command-hook) ; eglot-ensure connects after the command that opened the file
      (check "scheme-mode" (derived-mode-p 'scheme-mode) major-mode)
      (wait-for (lambda () (eglot-current-server)) 1)
      (check "no eglot where it was not asked for" (not (eglot-current-server)))

      ;; The project that asked: eglot connects.
      (find-file (expand-file-name "socket.scm" (getenv "PROJ")))
      (run-hooks 'post-command-hook)
      (check "the project's .dir-locals.el is read" foment-ls-auto-start)
      (let ((server (wait-for (lambda () (eglot-current-server)) 10)))
        (check "eglot connects" server)
        (check "to foment-ls" (and server (string-match-p "foment-ls" (format "%s" (process-command (jsonrpc--process server)))))
               (and server (process-command (jsonrpc--process server)))))
      ;; flymake shows the example's diagnostics.
      (let ((diags (wait-for (lambda () (let ((d (flymake-diagnostics))) (and (= (length d) 3) d))) 15)))
        (check "flymake has the three diagnostics" diags (length (flymake-diagnostics)))
        (check "one says the arguments are swapped"
               (seq-find (lambda (d) (string-match-p "swapped" (flymake-diagnostic-text d))) diags)
               (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) " | ")))
      ;; Hover through eglot's connection.
      (goto-char (point-min))
      (forward-line 1)
      (forward-char 12)
      (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams))))
        (check "hover" (string-match-p "make-socket family domain protocol" (format "%S" hover)) hover))
      ;; The protocol trace foment-ls-log-file asked for.
      (check "protocol trace" (with-temp-buffer
                                (insert-file-contents (getenv "LOG"))
                                (search-forward "method=textDocument/hover" nil t)))
      ;; dape: the configurations appear when dape is loaded (dape itself needs Emacs 29: test.sh
      ;; gives a stand-in that only defines dape-configs).
      (add-to-list 'load-path (getenv "STUBS"))
      (require 'dape)
      (let ((cfg (alist-get 'foment dape-configs)))
        (check "dape configuration" cfg)
        (check "dape: command-cwd" (plist-get cfg 'command-cwd))
        (check "dape: :cwd is the program's directory"
               (equal (funcall (plist-get cfg :cwd)) (file-name-directory (buffer-file-name)))
               (plist-get cfg :cwd))
        (check "dape: the adapter's arguments"
               (equal (eval (plist-get cfg 'command-args) t) (list "dap" "--log" (getenv "LOG") "--trace" "messages"))
               (eval (plist-get cfg 'command-args) t)))
      (check "dape: attach" (equal (plist-get (alist-get 'foment-attach dape-configs) :request) "attach"))
      (eglot-shutdown (eglot-current-server)))
  (error (check "no Lisp error" nil err)))

(with-temp-file (getenv "RESULTS")
  (insert (mapconcat #'identity (reverse test-results) "\n") "\n"))
(kill-emacs 0)
