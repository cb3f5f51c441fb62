package catalog

// Identifiers: code read with its source positions.

func init() {
	procs(Foment,
		"(want-identifiers port:textual-input-port flag:obj)", "unspecified", "With flag #t, read on port returns code rather than plain data: symbols come back as identifiers that remember their file, line and column, so that eval reports errors at their place in the file. unsyntax turns such code back into data.",
		"(syntax obj)", "any", "Returns obj as code: its symbols become identifiers (as read gives them after want-identifiers). unsyntax undoes it.",
		"(unsyntax obj)", "any", "Returns obj with every identifier turned back into its symbol: plain data from code read after want-identifiers.",
	)
}
