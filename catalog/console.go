package catalog

// The console and file encodings: Foment's console ports, make-buffered-port, file-encoding.

func init() {
	procs(Foment,
		"(console-port? obj)", "boolean", "Returns #t if obj is standard input, output or error and is a terminal.",
		"(interactive-console-port? obj)", "boolean", "Returns #t if obj is standard input and is a terminal.",
		"(set-console-input-echo! port flag:obj)", "unspecified", "Turns the terminal's echo of what is typed on standard input on or off (off: for passwords).",
		"(set-console-input-editline! port flag:obj)", "unspecified", "Turns Foment's line editing of standard input on or off; here the terminal's own line editing is used and the flag is only checked.",
		"(make-buffered-port port:binary-input-port)", "port", "Returns a buffered binary input port on port. Every port here is buffered already: it returns port.",
	)
	vars(Foment,
		"file-encoding", "parameter", "A parameter holding the procedure that open-input-file, open-output-file and the other textual file procedures apply to the binary port of the file to get a textual one; make-encoded-port (UTF-8) by default:\n\n```scheme\n(parameterize ((file-encoding (lambda (p) (transcoded-port p (make-transcoder (latin-1-codec) 'lf 'replace)))))\n  (call-with-input-file \"old.txt\" read-line))\n```",
	)
}
