package catalog

// Custom ports (SRFI 181) and port positions (SRFI 192).

var (
	srfi181 = []string{"foment base", "srfi 181"}
	srfi192 = []string{"foment base", "srfi 192"}
)

func init() {
	kind("proc-or-false", "a procedure or #f")
	const customDoc = "\n\nread! is called as `(read! buffer start count)` and stores at most count bytes (a binary port: buffer is a bytevector) or characters (a textual port: a string) from start, returning how many (0 at the end); write! is called as `(write! buffer start count)` and returns how many it took. get-position (no arguments) returns the current position and set-position! takes one; close (no arguments) runs when the port is closed, flush when it is flushed. Each of them may be #f."
	procs(srfi181,
		"(make-custom-binary-input-port id:obj read!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false)", "port", "Makes a binary input port whose bytes read! supplies."+customDoc,
		"(make-custom-textual-input-port id:obj read!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false)", "port", "Makes a textual input port whose characters read! supplies."+customDoc,
		"(make-custom-binary-output-port id:obj write!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false [flush:proc-or-false])", "port", "Makes a binary output port whose bytes go to write!."+customDoc,
		"(make-custom-textual-output-port id:obj write!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false [flush:proc-or-false])", "port", "Makes a textual output port whose characters go to write!."+customDoc,
		"(make-custom-binary-input/output-port id:obj read!:proc write!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false [flush:proc-or-false])", "port", "Makes a binary port that reads through read! and writes through write!."+customDoc,
		"(make-custom-textual-input/output-port id:obj read!:proc write!:proc get-position:proc-or-false set-position!:proc-or-false close:proc-or-false [flush:proc-or-false])", "port", "Makes a textual port that reads through read! and writes through write!."+customDoc,
		"(make-file-error obj ...)", "error-object", "Returns a file error (file-error? is #t for it) whose irritants are the objs.",
	)
	reexport([]string{"srfi 181"}, "make-transcoder", "native-transcoder", "transcoded-port", "bytevector->string",
		"string->bytevector", "make-codec", "latin-1-codec", "utf-8-codec", "utf-16-codec",
		"unknown-encoding-error?", "unknown-encoding-error-name", "native-eol-style",
		"i/o-decoding-error?", "i/o-encoding-error?", "i/o-encoding-error-char")
	procs(srfi192,
		"(port-has-port-position? port)", "boolean", "Returns #t if port-position works on port: binary and textual file ports, string and bytevector input ports, custom ports with a get-position. (Foment: binary file ports and custom ports.) The same procedure as port-has-set-port-position!?, as in Foment.",
		"(port-has-set-port-position!? port)", "boolean", "Same as port-has-port-position?: a port with positions can be moved (a custom port, if it has a set-position!).",
		"(port-position port)", "position", "Returns the position of port: a byte offset (for a textual port, an opaque value for set-port-position!), or what a custom port's get-position returns.",
		"(set-port-position! port position:obj [whence:obj])", "unspecified", "Moves port to position counted from whence: `begin` (the default), `current` or `end`. A position the port cannot take raises an i/o-invalid-position-error:\n\n```scheme\n(set-port-position! p -1 'end)   ; the last byte of a file\n```",
		"(make-i/o-invalid-position-error position:obj)", "error-object", "Returns the error set-port-position! raises, for position.",
		"(i/o-invalid-position-error? obj)", "boolean", "Returns #t if obj is an invalid-position error.",
	)
}
