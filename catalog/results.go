package catalog

import "strings"

// Result kinds: what a procedure returns, as names the analyzer maps to the values it tracks.
// They come from each entry's Returns ("string or eof" is the kinds string and eof), refined
// here where Returns, written for hover, is coarser or looser than what the procedure returns:
// open-input-string returns a textual input port, not any port; append returns its last
// argument when the others are empty, which need not be a list.

// ResultKindNames are the result kinds, with what each means. A name absent here (from a
// Returns text) is read as "any".
var ResultKindNames = map[string]string{
	"any":                 "anything",
	"never":               "does not return (raises, exits or jumps)",
	"unspecified":         "an unspecified value",
	"values":              "multiple values",
	"boolean":             "#t or #f",
	"#t":                  "#t",
	"#f":                  "#f",
	"number":              "a number",
	"integer":             "an integer (exact, or inexact when an argument is)",
	"exact-integer":       "an exact integer",
	"index":               "an exact non-negative integer",
	"byte":                "an exact integer between 0 and 255",
	"char":                "a character",
	"string":              "a string",
	"symbol":              "a symbol",
	"pair":                "a pair",
	"list":                "a proper list",
	"alist":               "a list of pairs",
	"vector":              "a vector",
	"bytevector":          "a bytevector",
	"procedure":           "a procedure",
	"parameter":           "a parameter object (a procedure)",
	"port":                "a port",
	"textual-input-port":  "a textual input port",
	"textual-output-port": "a textual output port",
	"binary-input-port":   "a binary input port",
	"binary-output-port":  "a binary output port",
	"socket":              "a socket (a binary input and output port)",
	"eof":                 "the end-of-file object",
	"error-object":        "an error object",
	"environment":         "an environment",
	"promise":             "a promise",
	"record":              "a record",
	// Objects of their own type that no other kind names.
	"hash-table": "a hash table", "char-set": "a character set", "comparator": "a comparator",
	"codec": "a codec", "transcoder": "a transcoder", "thread": "a thread", "exclusive": "an exclusive",
	"condition": "a condition variable", "box": "a box", "ephemeron": "an ephemeron",
	"guardian": "a guardian", "random-source": "a random source", "mark-set": "a continuation mark set",
}

// resultRefinements give the result kinds of entries whose Returns is coarser or looser than
// what they return ("" separates alternatives with " or ", as Returns does).
var resultRefinements = map[string]string{
	// Ports of a known direction and kind.
	"open-input-string":       "textual-input-port",
	"open-input-file":         "textual-input-port",
	"open-output-string":      "textual-output-port",
	"open-output-file":        "textual-output-port",
	"open-input-bytevector":   "binary-input-port",
	"open-binary-input-file":  "binary-input-port",
	"open-output-bytevector":  "binary-output-port",
	"open-binary-output-file": "binary-output-port",
	// Sockets are their own ports.
	"socket-input-port":  "socket",
	"socket-output-port": "socket",
	// Exact by definition.
	"string-length": "index", "bytevector-length": "index", "vector-length": "index",
	"length": "index", "char->integer": "index", "string-hash": "exact-integer",
	"socket-merge-flags": "exact-integer", "socket-purge-flags": "exact-integer",
	"bytevector-u8-ref": "byte", "read-bytevector!": "exact-integer or eof",
	// Whatever the last argument (or a list element) is: not always a list.
	"append": "any", "append!": "any", "append-reverse": "any", "append-reverse!": "any",
	"list-tail": "any", "list-copy": "any", "cons*": "any", "circular-list": "pair",
	"concatenate": "any", "concatenate!": "any", "drop": "any", "take": "any", "take!": "any",
	"unfold": "any", "unfold-right": "any",
	// A message need not be a string when a program raises its own conditions.
	"error-object-message": "any", "error-object-irritants": "any",
	// The value of the last expression, or what a parameter holds.
	"eval": "any",
}

// ResultKinds returns the kinds of value a procedure or variable entry may return, each a key of
// ResultKindNames; nil when nothing is known (any).
func (e *Entry) ResultKinds() []string {
	text, ok := resultRefinements[e.Name]
	if !ok && e.Alias != "" {
		text, ok = resultRefinements[e.Alias]
	}
	if !ok {
		text = e.Returns
	}
	var out []string
	for _, alt := range strings.Split(text, " or ") {
		alt = strings.TrimSpace(alt)
		if _, known := ResultKindNames[alt]; !known || alt == "any" || alt == "values" || alt == "unspecified" {
			return nil // anything: a kind we do not model makes the whole result unknown
		}
		out = append(out, alt)
	}
	return out
}
