package catalog

// (srfi 207): string-notated bytevectors (bytestrings). The #u8"…" syntax is the reader's.
var SRFI207 = []string{"srfi 207"}

func init() {
	both := []string{"srfi 207", "foment base"}
	procs(both,
		"(make-bytestring list)", "bytevector", "Returns a bytevector of the bytes of the list's elements: bytes, ASCII characters, bytevectors and ASCII strings.",
		"(bytevector->hex-string bytevector)", "string", "Returns the bytes as hexadecimal digits, two per byte.",
		"(hex-string->bytevector string)", "bytevector", "Returns the bytes written as pairs of hexadecimal digits.",
		"(bytevector->base64 bytevector [digits:string])", "string", "Returns the bytes in Base64; digits replaces the last two digits (+/).",
		"(base64->bytevector string [digits:string])", "bytevector", "Decodes Base64 (white space is ignored); digits replaces the last two digits (+/).",
		"(bytestring->list bytevector [start] [end])", "list", "Returns the bytes from start to end as a list: printable ASCII as characters, the others as integers.",
		"(bytevector=? bytevector1 bytevector2)", "boolean", "Returns #t if the bytevectors have the same bytes.",
		"(bytevector<? bytevector1 bytevector2)", "boolean", "Compares bytevectors byte by byte (a prefix is less).",
		"(bytevector>? bytevector1 bytevector2)", "boolean", "Compares bytevectors byte by byte.",
		"(bytevector<=? bytevector1 bytevector2)", "boolean", "Compares bytevectors byte by byte.",
		"(bytevector>=? bytevector1 bytevector2)", "boolean", "Compares bytevectors byte by byte.",
		"(read-textual-bytestring prefix:obj [port:textual-input-port])", "bytevector", "Reads a bytestring written as #u8\"…\" (as \"…\" when prefix is #f) from a port.",
		"(write-textual-bytestring bytevector [port:textual-output-port])", "unspecified", "Writes a bytevector as #u8\"…\": printable ASCII as is, other bytes as escapes.",
	)
	procs(SRFI207,
		"(bytestring obj ...)", "bytevector", "(make-bytestring (list obj …)):\n\n```scheme\n(bytestring \"GET \" path \" HTTP/1.0\" #\\return #\\newline) \n```",
		"(make-bytestring! bytevector at list)", "unspecified", "Stores the bytes of (make-bytestring list) into bytevector from at.",
		"(make-bytestring-generator obj ...)", "procedure", "Returns a generator of the bytes of (bytestring obj …), then the end-of-file object.",
		"(bytestring-pad bytevector len:k char-or-byte:obj)", "bytevector", "Returns a copy padded on the left to len bytes.",
		"(bytestring-pad-right bytevector len:k char-or-byte:obj)", "bytevector", "Returns a copy padded on the right to len bytes.",
		"(bytestring-trim bytevector pred:proc)", "bytevector", "Returns a copy without the leading bytes that satisfy pred.",
		"(bytestring-trim-right bytevector pred:proc)", "bytevector", "Returns a copy without the trailing bytes that satisfy pred.",
		"(bytestring-trim-both bytevector pred:proc)", "bytevector", "Returns a copy without the leading and trailing bytes that satisfy pred.",
		"(bytestring-replace bytevector1 bytevector2 start1:k end1:k [start2:k] [end2:k])", "bytevector", "Returns bytevector1 with bytes start1 to end1 replaced by bytevector2 (from start2 to end2).",
		"(bytestring-index bytevector pred:proc [start] [end])", "integer or #f", "Returns the index of the first byte from start that satisfies pred, or #f.",
		"(bytestring-index-right bytevector pred:proc [start] [end])", "integer or #f", "Returns the index of the last byte before end that satisfies pred, or #f.",
		"(bytestring-break bytevector pred:proc)", "values", "Returns the bytes before the first that satisfies pred, and the rest.",
		"(bytestring-span bytevector pred:proc)", "values", "Returns the leading bytes that satisfy pred, and the rest.",
		"(bytestring-join list delimiter:obj [grammar:symbol])", "bytevector", "Joins bytevectors with a delimiter (a byte, character, string or bytevector); grammar is infix, strict-infix, prefix or suffix.",
		"(bytestring-split bytevector delimiter:obj [grammar:symbol])", "list", "Splits a bytevector at a delimiter byte or character; grammar is infix, strict-infix, prefix or suffix.",
		"(write-binary-bytestring port:binary-output-port obj ...)", "unspecified", "Writes the bytes of (bytestring obj …) to a binary port.",
		"(bytestring-error? obj)", "boolean", "Returns #t if obj is an error raised by a bytestring procedure.",
	)
	renames(SRFI207, "bytestring=? bytevector=?", "bytestring<? bytevector<?", "bytestring>? bytevector>?",
		"bytestring<=? bytevector<=?", "bytestring>=? bytevector>=?")
}
