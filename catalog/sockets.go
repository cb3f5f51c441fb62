package catalog

// Sockets: Foment's socket procedures in (foment base), SRFI 106 in (srfi 106). The constant
// values are Linux's; each constant belongs to a kind ("family", "domain" ...) that the argument
// kinds in kinds.go name, so both the run-time checks and the analyzer know which constant
// belongs where.

var (
	fomentSock = []string{"foment base"}
	srfi106    = []string{"srfi 106"}
	bothSock   = []string{"foment base", "srfi 106"}
)

func constant(libs []string, name, kind string, value int64, doc string) {
	add(&Entry{Name: name, Kind: Constant, Libs: libs, Sig: name, Value: value, ConstKind: kind, Doc: doc})
}

func init() {
	constant(bothSock, "*af-unspec*", "family", 0, "Address family: any (IPv4 or IPv6, as the name resolves). `(address-family unspec)`.")
	constant(bothSock, "*af-inet*", "family", 2, "Address family: IPv4. `(address-family inet)`.")
	constant(bothSock, "*af-inet6*", "family", 10, "Address family: IPv6. `(address-family inet6)`.")
	constant(bothSock, "*sock-stream*", "domain", 1, "Socket domain (type): a stream, i.e. TCP. `(socket-domain stream)`.")
	constant(bothSock, "*sock-dgram*", "domain", 2, "Socket domain (type): datagrams, i.e. UDP. `(socket-domain datagram)`.")
	constant(fomentSock, "*sock-raw*", "domain", 3, "Socket domain (type): raw IP (needs privileges). `(socket-domain raw)`.")
	constant(bothSock, "*ai-canonname*", "address-info", 2, "Address-info flag: ask for the canonical name. `(address-info canonname)`.")
	constant(bothSock, "*ai-numerichost*", "address-info", 4, "Address-info flag: node is a numeric address; no name lookup. `(address-info numerichost)`.")
	constant(bothSock, "*ai-v4mapped*", "address-info", 8, "Address-info flag: with IPv6, return IPv4-mapped addresses if there are no IPv6 ones. `(address-info v4mapped)`.")
	constant(bothSock, "*ai-all*", "address-info", 16, "Address-info flag: with *ai-v4mapped*, return both IPv6 and IPv4-mapped addresses. `(address-info all)`.")
	constant(bothSock, "*ai-addrconfig*", "address-info", 32, "Address-info flag: only address families configured on this machine. `(address-info addrconfig)`.")
	constant(bothSock, "*ipproto-ip*", "protocol", 0, "IP protocol: the default for the domain (TCP for stream, UDP for datagram). `(ip-protocol ip)`.")
	constant(bothSock, "*ipproto-tcp*", "protocol", 6, "IP protocol: TCP (goes with *sock-stream*). `(ip-protocol tcp)`.")
	constant(bothSock, "*ipproto-udp*", "protocol", 17, "IP protocol: UDP (goes with *sock-dgram*). `(ip-protocol udp)`.")
	constant(bothSock, "*msg-peek*", "message", 2, "Receive flag: return data without removing it from the queue. Valid for recv-socket only.")
	constant(bothSock, "*msg-oob*", "message", 1, "Message flag: out-of-band data. Valid for send-socket and recv-socket.")
	constant(bothSock, "*msg-waitall*", "message", 256, "Receive flag: wait until the whole size has arrived (or the peer closed). Valid for recv-socket only.")
	constant(bothSock, "*shut-rd*", "shutdown", 0, "Shutdown method: no more receiving. `(shutdown-method read)`.")
	constant(bothSock, "*shut-wr*", "shutdown", 1, "Shutdown method: no more sending; the peer reads end of file. `(shutdown-method write)`.")
	constant(bothSock, "*shut-rdwr*", "shutdown", 2, "Shutdown method: both directions. `(shutdown-method read write)`.")

	procs(bothSock,
		"(socket? obj)", "boolean", "Returns #t if obj is a socket. Sockets are binary input/output ports.",
		"(socket-merge-flags flags ...)", "integer", "Returns the bitwise or of the flags (0 with none):\n\n```scheme\n(socket-merge-flags *ai-v4mapped* *ai-addrconfig*) ; => 40\n```\n\nMerge flags of one kind only: message flags with message flags, address-info flags with address-info flags.",
		"(socket-purge-flags flags1:flags flags ...)", "integer", "Returns flags1 with the bits of the other flags cleared.",
	)
	procs(fomentSock,
		"(make-socket family domain protocol)", "socket", "Makes a socket.\n\n- family: `*af-inet*` (IPv4), `*af-inet6*` (IPv6) or `*af-unspec*`\n- domain: `*sock-stream*` (TCP) or `*sock-dgram*` (UDP)\n- protocol: `*ipproto-ip*` (the domain's default), `*ipproto-tcp*` or `*ipproto-udp*`\n\n```scheme\n(make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))\n```\n\nThe socket is a binary input/output port. Errors: `make-socket: creating a socket failed` with the OS text.",
		"(bind-socket socket node service family domain protocol)", "unspecified", "Binds socket to a local address. node and service are strings: node `\"\"` is every local address, `\"localhost\"` the loopback; service is a port number (`\"12345\"`, `\"0\"` for any free port) or a service name (`\"http\"`). family, domain and protocol should be those given to make-socket.\n\n```scheme\n(bind-socket s \"localhost\" \"12345\" (address-family inet) (socket-domain stream) (ip-protocol tcp))\n```\n\nSO_REUSEADDR is set, so a server can be restarted at once on the same port.",
		"(listen-socket socket [backlog])", "unspecified", "Marks a bound stream socket as accepting connections; backlog is the queue length (the system default when absent). Call bind-socket first.",
		"(accept-socket socket)", "socket", "Waits for a connection on a listening socket and returns a new connected socket for it. Blocks until a client connects (a debugger can pause it meanwhile).",
		"(connect-socket socket node service family domain address-info:ai-flags protocol)", "unspecified", "Connects socket to node and service (strings), trying each address they resolve to. Note the argument order: address-info flags come *before* protocol (seven arguments).\n\n```scheme\n(connect-socket s \"localhost\" \"12345\" (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))\n```\n\nErrors: `connect-socket: connect failed` with the OS text (\"Connection refused\").",
		"(shutdown-socket socket how)", "unspecified", "Shuts down part of a connection: how is `*shut-rd*`, `*shut-wr*` or `*shut-rdwr*` (or `(shutdown-method read write)`). After `*shut-wr*` the peer reads end of file.",
		"(send-socket socket bytevector flags:send-flags)", "unspecified", "Sends all the bytes of bytevector. flags: 0 or `*msg-oob*` (`*msg-peek*` and `*msg-waitall*` are for receiving and are rejected).\n\n```scheme\n(send-socket s (string->utf8 \"hello\") 0)\n```\n\nA peer that has gone raises a catchable error (Foment dies of SIGPIPE).",
		"(recv-socket socket size flags:recv-flags)", "bytevector", "Receives at most size bytes and returns them as a bytevector; an empty bytevector means the peer closed the connection (end of stream). flags: 0, `*msg-peek*`, `*msg-oob*`, `*msg-waitall*` (merged with socket-merge-flags). Blocks until something arrives. A failure raises an error (Foment returns an empty bytevector).",
		"(get-ip-addresses family)", "list", "Returns the IP addresses of this machine's interfaces for family (`*af-inet*`, `*af-inet6*`, or `*af-unspec*` for both), as strings.",
	)
	procs(srfi106,
		"(make-client-socket node service [family] [domain] [ai-flags] [protocol])", "socket", "SRFI 106: makes a socket and connects it to node and service. Defaults: `*af-inet*`, `*sock-stream*`, `(socket-merge-flags *ai-v4mapped* *ai-addrconfig*)`, `*ipproto-ip*`.\n\n```scheme\n(define s (make-client-socket \"localhost\" \"12345\"))\n```",
		"(make-server-socket service [family] [domain] [protocol])", "socket", "SRFI 106: makes a socket bound to service on every local address and listening. Defaults: `*af-inet*`, `*sock-stream*`, `*ipproto-ip*`.\n\n```scheme\n(define server (make-server-socket \"12345\"))\n(define client (socket-accept server))\n```",
		"(socket-accept socket)", "socket", "SRFI 106: waits for a connection and returns its socket (accept-socket).",
		"(socket-send socket bytevector [flags:send-flags])", "unspecified", "SRFI 106: sends the bytes of bytevector; flags default to 0.",
		"(socket-recv socket size [flags:recv-flags])", "bytevector", "SRFI 106: receives at most size bytes; an empty bytevector at end of stream. flags default to 0.",
		"(socket-shutdown socket how)", "unspecified", "SRFI 106: shuts down part of the connection (shutdown-socket).",
		"(socket-close socket)", "unspecified", "SRFI 106: closes the socket (Foment defines it but does not export it).",
		"(socket-input-port socket)", "port", "SRFI 106: the binary input port of the socket (the socket itself).",
		"(socket-output-port socket)", "port", "SRFI 106: the binary output port of the socket (the socket itself).",
		"(call-with-socket socket proc)", "any", "SRFI 106: calls proc with socket, closes the socket when proc returns, and returns proc's values.",
	)
	syntaxes(bothSock,
		"address-family", "(address-family inet | inet6 | unspec)", "The address family constant named: `(address-family inet)` is `*af-inet*` (2). An unknown name is an error before the program runs.",
		"socket-domain", "(socket-domain stream | datagram | raw)", "The socket domain constant named: `(socket-domain stream)` is `*sock-stream*` (1).",
		"ip-protocol", "(ip-protocol ip | tcp | udp)", "The IP protocol constant named: `(ip-protocol tcp)` is `*ipproto-tcp*` (6).",
		"shutdown-method", "(shutdown-method read | write | read write)", "The shutdown constant named: read is `*shut-rd*`, write `*shut-wr*`, both `*shut-rdwr*`.",
		"message-type", "(message-type name ...)", "The message flags named, merged: none, peek, oob, waitall (or wait-all). `(message-type peek)` is `*msg-peek*`. An unknown name raises an error when evaluated.",
		"address-info", "(address-info name ...)", "The address-info flags named, merged: canonname (or canoname), numerichost, v4mapped, all, addrconfig. `(address-info v4mapped addrconfig)` is 40.",
	)
}
