package catalog

// The interpreter's configuration and command line: Foment's config, set-config!,
// full-command-line and library-path.

func init() {
	procs(Foment,
		"(config)", "alist", "Returns the configuration as an alist: `collector`, `maximum-stack-depth`, `random-seed`, `verbose`, `library-extensions`, `library-path` ….",
		"(set-config! name:symbol value:obj)", "unspecified", "Sets a configuration option that may change while the program runs (`verbose`). Other options raise an error.",
		"(full-command-line)", "list", "Returns the whole command line as strings: the interpreter, then what command-line returns (the program and its arguments).",
		"(library-path)", "list", "Returns the directories searched for libraries, as strings.",
		"(loaded-libraries)", "list", "Returns the libraries loaded so far: those the program and its libraries imported.",
		"(no-value)", "unspecified", "Returns the value that means no value: what `(if #f #f)` returns; the REPL prints nothing for it.",
	)
}
