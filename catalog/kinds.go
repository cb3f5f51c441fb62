package catalog

// ArgKind is what an argument must be. Expected is the phrase of the error message
// ("send-socket: expected a bytevector"); the interpreter maps Name to a run-time predicate and
// the analyzer to what a literal may be.
type ArgKind struct {
	Name     string
	Expected string
	// Consts names the constant kind whose values are valid here (flags and the like): the
	// analyzer checks named constants against it and the runtime checks the value.
	Consts string
	// Flags: the value is a bitwise or of Consts' values (0 allowed).
	Flags bool
	// Only, when set, lists the constants of Consts that this position accepts (send takes
	// *msg-oob* but not *msg-peek*).
	Only []string
}

var kinds = map[string]*ArgKind{}

func kind(name, expected string) *ArgKind {
	k := &ArgKind{Name: name, Expected: expected}
	kinds[name] = k
	return k
}

// Kind returns the argument kind of that name, or nil.
func Kind(name string) *ArgKind { return kinds[name] }

// The kinds are made before any init function declares entries that use them.
var _ = initKinds()

func initKinds() bool {
	// Generic kinds; the first word of a parameter name selects its kind when no ":kind" is given.
	for _, n := range []string{"obj", "x", "y", "z", "a", "b", "default", "value", "key", "fill",
		"thunk-or-obj", "datum", "expr", "args", "condition", "message-obj", "handler-result"} {
		kind(n, "")
	}
	kind("number", "a number")
	kinds["z"].Expected = "a number"
	kind("real", "a real number")
	kinds["x"].Expected = "a real number"
	kinds["y"].Expected = "a real number"
	kind("rational", "a rational number")
	kind("q", "a rational number")
	kind("integer", "an integer")
	kind("n", "an integer")
	kind("m", "an integer")
	kind("exact-integer", "an exact integer")
	kind("k", "an exact non-negative integer")
	kind("index", "a valid index")
	kind("start", "an exact non-negative integer")
	kind("end", "an exact non-negative integer")
	kind("at", "an exact non-negative integer")
	kind("size", "an exact non-negative integer")
	kind("backlog", "an exact non-negative integer")
	kind("radix", "a radix: 2, 8, 10 or 16")
	kind("byte", "a byte: an exact integer between 0 and 255")
	kind("char", "a character")
	kind("string", "a string")
	kind("symbol", "a symbol")
	kind("boolean", "a boolean")
	kind("pair", "a pair")
	kind("list", "a list")
	kind("alist", "a list")
	kind("vector", "a vector")
	kind("bytevector", "a bytevector")
	kind("proc", "a procedure")
	kind("procedure", "a procedure")
	kind("thunk", "a procedure")
	kind("handler", "a procedure")
	kind("port", "a port")
	kind("input-port", "an input port")
	kind("output-port", "an output port")
	kind("textual-input-port", "an open textual input port")
	kind("textual-output-port", "an open textual output port")
	kind("binary-input-port", "an open binary input port")
	kind("binary-output-port", "an open binary output port")
	kind("error-object", "an error-object")
	kind("promise", "a promise")
	kind("environment", "an environment")
	kind("record", "a record")
	kind("parameter", "a parameter")
	kind("filename", "a string")
	kind("name", "a string")
	kind("thread", "a thread")
	kind("exclusive", "an exclusive")
	kind("hash-table", "a hash table")
	kind("codec", "a codec")
	kind("transcoder", "a transcoder")
	kind("eol-style", "none, lf, or crlf")
	kind("handling-mode", "replace or raise")

	// Sockets.
	kind("socket", "a socket port")
	kind("node", "a string")
	kind("service", "a string")
	k := kind("family", "an address family: *af-inet*, *af-inet6* or *af-unspec*")
	k.Consts = "family"
	k = kind("domain", "a socket domain: *sock-stream*, *sock-dgram* or *sock-raw*")
	k.Consts = "domain"
	k = kind("protocol", "an IP protocol: *ipproto-ip*, *ipproto-tcp* or *ipproto-udp*")
	k.Consts = "protocol"
	k = kind("how", "a shutdown method: *shut-rd*, *shut-wr* or *shut-rdwr*")
	k.Consts = "shutdown"
	k = kind("ai-flags", "address-info flags: *ai-canonname*, *ai-numerichost*, *ai-v4mapped*, *ai-all*, *ai-addrconfig* or 0")
	k.Consts, k.Flags = "address-info", true
	k = kind("send-flags", "send flags: 0 or *msg-oob*")
	k.Consts, k.Flags, k.Only = "message", true, []string{"*msg-oob*"}
	k = kind("recv-flags", "receive flags: 0, *msg-peek*, *msg-oob* or *msg-waitall*")
	k.Consts, k.Flags = "message", true
	k = kind("flags", "an exact integer")
	k.Flags = true
	return true
}
