package catalog

// Subprocesses: (foment base)'s subprocess and the process procedures built on it.

func init() {
	kind("subprocess", "a subprocess")
	procs(Foment,
		"(subprocess stdout:obj stdin:obj stderr:obj command:string arg:string ...)", "values", "Runs the program at the path command (not searched for in PATH) with the args, and returns four values: the subprocess, an input port on its standard output, an output port on its standard input, and an input port on its standard error.\n\nstdout, stdin and stderr are each #f (a pipe: its port is returned; otherwise #f is) or a port for the subprocess to use (stderr may also be `stdout`):\n\n```scheme\n(let-values (((sub out in err) (subprocess #f #f 'stdout \"/bin/ls\" \"-l\")))\n  (close-port in)\n  (let loop () (let ((line (read-line out))) (unless (eof-object? line) (display line) (newline) (loop))))\n  (subprocess-wait sub))\n```",
		"(subprocess-wait subprocess)", "unspecified", "Waits until the subprocess ends (and what it wrote to ports that are not files has been copied).",
		"(subprocess-status subprocess)", "integer or symbol", "Returns `running`, or the exit status of the subprocess, or the number of the signal that ended it.",
		"(subprocess-kill subprocess force:obj)", "unspecified", "Sends the subprocess SIGTERM if force is true, SIGINT if it is #f.",
		"(subprocess-pid subprocess)", "integer", "Returns the process id of the subprocess.",
		"(subprocess? obj)", "boolean", "Returns #t if obj is a subprocess.",
		"(system command:string)", "boolean", "Runs command with /bin/sh, with the current ports as its standard ports, waits for it, and returns #t if it exited with status 0.",
		"(system* command:string arg:string ...)", "boolean", "Runs the program at the path command with the args (no shell), waits for it, and returns #t if it exited with status 0.",
		"(system/exit-code command:string)", "integer", "Runs command with /bin/sh, waits for it, and returns its exit status.",
		"(system*/exit-code command:string arg:string ...)", "integer", "Runs the program at the path command with the args, waits for it, and returns its exit status.",
		"(process command:string)", "list", "Starts command with /bin/sh, with the current ports as its standard ports; returns the list process*/ports returns.",
		"(process* command:string arg:string ...)", "list", "Starts the program at the path command with the args and the current ports; returns the list process*/ports returns.",
		"(process/ports stdout:obj stdin:obj stderr:obj command:string)", "list", "Like process*/ports, running command with /bin/sh.",
		"(process*/ports stdout:obj stdin:obj stderr:obj command:string arg:string ...)", "list", "Starts the program at the path command with the args. stdout, stdin and stderr are #f (a pipe, whose port is returned), a port (any port: what is not a file is copied by a thread), or for stderr `stdout`. Returns a list: the input port on its standard output or #f, the output port on its standard input or #f, its process id, the input port on its standard error or #f, and a control procedure that takes `status` (`running`, `done-ok` or `done-error`), `exit-code` (#f while it runs), `wait`, `interrupt` (SIGINT) or `kill` (SIGTERM).",
	)
}
