package catalog

func init() {
	procs(Write,
		"(write obj [port:textual-output-port])", "unspecified", "Writes obj in external representation (strings quoted, characters as `#\\a`); cycles are shown with datum labels.",
		"(write-shared obj [port:textual-output-port])", "unspecified", "Like write, labelling every shared structure.",
		"(write-simple obj [port:textual-output-port])", "unspecified", "Like write, without datum labels (loops on cycles).",
		"(display obj [port:textual-output-port])", "unspecified", "Writes obj for people: strings and characters as their contents.",
	)
	procs(Base,
		"(newline [port:textual-output-port])", "unspecified", "Writes an end of line.",
		"(write-char char [port:textual-output-port])", "unspecified", "Writes a character.",
		"(write-string string [port:textual-output-port] [start] [end])", "unspecified", "Writes the characters of string from start to end.",
	)
}
