package analyzer

import (
	"path/filepath"
	"strconv"
	"strings"

	"foment-ls/syntax"
)

// Socket typestate: where each socket is in its life — fresh → bound → listening (accepting
// connections), fresh → connected, shut down for reading or writing, closed — followed through
// the flow of each procedure (flow.go) and across procedures through their summaries.
//
// A socket's state is kept as rows: rows[q] is the set of states the socket may be in now if it
// was in state q when the procedure began. A socket made in the procedure has the same set in
// every row; a parameter starts with rows[q] = {q}, so that the procedure's summary says, for
// each state a caller may pass, what becomes of it and whether an operation fails.

type qstate uint8

const (
	qFresh qstate = iota
	qBound
	qListening
	qConnected
	qRdShut   // connected, shut down for reading
	qWrShut   // connected, shut down for writing
	qRdWrShut // connected, shut down both ways
	qClosed
	nQ
)

type qset uint8

const qAll qset = 1<<nQ - 1

const (
	qsConnected = 1<<qConnected | 1<<qRdShut | 1<<qWrShut | 1<<qRdWrShut
	qsOpen      = qAll &^ (1 << qClosed)
)

var qWords = [nQ]string{"not bound or connected", "bound", "listening", "connected",
	"connected, shut down for reading", "connected, shut down for writing", "shut down both ways", "closed"}

type rows [nQ]qset

func sameRows(s qset) (r rows) {
	for i := range r {
		r[i] = s
	}
	return r
}

func identityRows() (r rows) {
	for i := range r {
		r[i] = 1 << i
	}
	return r
}

// any is the union of the rows: every state the socket may be in.
func (r *rows) any() qset {
	var s qset
	for _, x := range r {
		s |= x
	}
	return s
}

// reach: the states a socket in one of s may reach by any operations (what another thread or an
// unknown procedure may have done with it). A closed socket stays closed.
func reach(s qset) qset {
	out := s
	if s&(1<<qFresh) != 0 {
		return qAll
	}
	if s&(1<<qBound) != 0 {
		out |= 1<<qListening | qsConnected | 1<<qClosed
	}
	if s&(1<<qListening) != 0 {
		out |= 1 << qClosed
	}
	if s&(1<<qConnected) != 0 {
		out |= qsConnected | 1<<qClosed
	}
	if s&(1<<qRdShut|1<<qWrShut) != 0 {
		out |= 1<<qRdWrShut | 1<<qClosed
	}
	if s&(1<<qRdWrShut) != 0 {
		out |= 1 << qClosed
	}
	return out
}

// sockOp is what an operation does to a socket.
type sockOp uint8

const (
	opBind sockOp = iota
	opListen
	opAccept
	opConnect
	opSend
	opRecv
	opShutdown // with how
	opClose
)

// problem is why an operation cannot work in a state.
type problem uint8

const (
	pNone problem = iota
	pClosed
	pNotListening   // accept on a socket that does not listen
	pListening      // connect, send or receive on a listening socket
	pBound          // bind on a socket already bound
	pNotConnected   // send or shutdown on a socket never connected
	pWrShut         // send after shutdown for writing
	pRdShut         // receive after shutdown for reading (returns end of file: a warning)
	pListenUnbound  // listen before bind (the system picks a port: a warning)
	pListenDatagram // listen on a datagram socket
	pConnected      // connect on a connected stream socket
)

// warningOnly: problems that do not make the operation fail.
func (p problem) warningOnly() bool { return p == pRdShut || p == pListenUnbound }

// step applies an operation to one state: the states after it, and the problem if it cannot
// work. how is the shutdown method (bit 0 read, bit 1 write); stream and dgram say what the
// domain is known to be.
func step(op sockOp, how uint8, q qstate, stream, dgram bool) (qset, problem) {
	if q == qClosed {
		if op == opClose {
			return 1 << qClosed, pNone
		}
		return 1 << qClosed, pClosed
	}
	conn := q >= qConnected && q <= qRdWrShut
	switch op {
	case opClose:
		return 1 << qClosed, pNone
	case opBind:
		if q == qFresh {
			return 1 << qBound, pNone
		}
		return 1 << q, pBound
	case opListen:
		switch {
		case dgram:
			return 1 << q, pListenDatagram
		case q == qFresh:
			return 1 << qListening, pListenUnbound
		case q == qBound || q == qListening:
			return 1 << qListening, pNone
		}
		return 1 << q, pConnected
	case opAccept:
		if q == qListening {
			return 1 << q, pNone
		}
		if conn {
			return 1 << q, pNotListening
		}
		return 1 << q, pNotListening
	case opConnect:
		switch {
		case q == qFresh || q == qBound:
			return 1 << qConnected, pNone
		case q == qListening:
			return 1 << q, pListening
		case conn && stream:
			return 1 << q, pConnected
		}
		return 1 << q, pNone
	case opSend:
		switch {
		case q == qListening:
			return 1 << q, pListening
		case q == qWrShut || q == qRdWrShut:
			return 1 << q, pWrShut
		case (q == qFresh || q == qBound) && stream:
			return 1 << q, pNotConnected
		}
		return 1 << q, pNone
	case opRecv:
		switch {
		case q == qListening:
			return 1 << q, pListening
		case q == qRdShut || q == qRdWrShut:
			return 1 << q, pRdShut
		}
		return 1 << q, pNone
	case opShutdown:
		if !conn {
			if q == qListening {
				return 1 << q, pNone
			}
			return 1 << q, pNotConnected
		}
		rd := q == qRdShut || q == qRdWrShut || how&1 != 0
		wr := q == qWrShut || q == qRdWrShut || how&2 != 0
		switch {
		case rd && wr:
			return 1 << qRdWrShut, pNone
		case rd:
			return 1 << qRdShut, pNone
		case wr:
			return 1 << qWrShut, pNone
		}
		return 1 << q, pNone
	}
	return 1 << q, pNone
}

// sockObj is one socket the analysis follows: made by one call (make-socket, accept-socket …),
// or a parameter of the procedure being summarised.
type sockObj struct {
	name                     string  // the variable that first held it
	made                     *origin // the call that made it
	family, domain, protocol *constVal
	param                    int  // 1 + the parameter's index, for a parameter
	local                    bool // made in the procedure being analysed: it must be closed there
	global                   bool // held by a top-level variable
	// shared: procedures other than the one at hand use it (a global used in procedures): any
	// call may change its state.
	shared bool
}

func (o *sockObj) stream() bool { return o.domain != nil && o.domain.value == 1 }
func (o *sockObj) dgram() bool  { return o.domain != nil && o.domain.value == 2 }

// sockFact is what one path knows of a socket.
type sockFact struct {
	obj  *sockObj
	rows rows
	// failed: bit q — on this path an operation failed for a socket that was in state q when the
	// procedure began (parameters: what callers must not pass).
	failed  qset
	escaped bool   // it went where the analysis cannot follow it
	addr    string // the address it was bound or connected to, when known
	// The form that made the state (the close, the listen), for the related information of
	// a diagnostic: how it made it, the procedure's name.
	lastFile string
	lastD    *syntax.Datum
	lastHow  lastHow
	lastName string
	// thread: captured by a thread started there and not joined since.
	thread *origin
	// reported: a use of it after it was closed was reported on this path (the ones after it
	// are not).
	reported bool
}

func joinFacts(a, b sockFact) sockFact {
	out := a
	for i := range out.rows {
		out.rows[i] |= b.rows[i]
	}
	out.failed &= b.failed
	out.escaped = a.escaped || b.escaped
	out.reported = a.reported && b.reported
	if a.addr != b.addr {
		out.addr = ""
	}
	if out.lastD == nil {
		out.lastFile, out.lastD, out.lastHow, out.lastName = b.lastFile, b.lastD, b.lastHow, b.lastName
	}
	if a.thread == nil {
		out.thread = b.thread
	}
	return out
}

func (f *sockFact) equal(g *sockFact) bool {
	return f.rows == g.rows && f.failed == g.failed && f.escaped == g.escaped && f.addr == g.addr &&
		(f.thread == nil) == (g.thread == nil)
}

// lastHow says how a form made a socket's state.
type lastHow uint8

const (
	lastMade lastHow = iota
	lastOp
	lastClosedBy
	lastPassed
	lastReturned
)

func (f *sockFact) setLast(file string, d *syntax.Datum, how lastHow, name string) {
	if how == lastOp && name == "close-port" || how == lastOp && name == "socket-close" {
		how = lastClosedBy
	}
	f.lastFile, f.lastD, f.lastHow, f.lastName = file, d, how, name
}

// lastLocation is the form that made the state, as a related location.
func (f *sockFact) lastLocation(res *Result) (Location, bool) {
	if f.lastD == nil || f.lastFile == "" {
		return Location{}, false
	}
	what := f.lastName
	switch f.lastHow {
	case lastMade:
		what = "made by " + f.lastName
	case lastClosedBy:
		what = "closed by " + f.lastName
	case lastPassed:
		what = "passed to " + f.lastName
	case lastReturned:
		what = "returned by " + f.lastName
	}
	return Location{File: f.lastFile, Span: res.Span(f.lastFile, f.lastD.Span), Message: what}, true
}

// liveStates: the states the socket may be in, but for the states a caller may have passed for
// which the procedure failed already (a parameter's hypotheses).
func (f *sockFact) liveStates() qset {
	var s qset
	for q, r := range f.rows {
		if f.obj.param > 0 && f.failed&(1<<q) != 0 {
			continue
		}
		s |= r
	}
	return s
}

// havoc: the socket may have been used anywhere meanwhile.
func (f *sockFact) havoc() {
	for i := range f.rows {
		f.rows[i] = reach(f.rows[i])
	}
	f.addr = ""
}

// describe writes a socket as hover shows it: "socket, inet stream, listening on 127.0.0.1:8080".
func (o *sockObj) describe(st *state) string {
	var b strings.Builder
	b.WriteString("socket")
	var kind []string
	if o.family != nil && len(o.family.names) > 0 {
		kind = append(kind, map[int64]string{0: "unspec", 2: "inet", 10: "inet6"}[o.family.value])
	}
	if o.domain != nil && len(o.domain.names) > 0 {
		kind = append(kind, map[int64]string{1: "stream", 2: "datagram", 3: "raw"}[o.domain.value])
	}
	if len(kind) > 0 && kind[0] != "" {
		b.WriteString(", " + strings.TrimSpace(strings.Join(kind, " ")))
	}
	f := st.sock(o)
	if f == nil {
		return b.String()
	}
	s := f.rows.any()
	if o.param > 0 && f.rows == identityRows() {
		return b.String()
	}
	if w := statesText(s, f.addr); w != "" {
		b.WriteString(", " + w)
	}
	return b.String()
}

// statesText says which states a socket may be in: "listening on 127.0.0.1:8080", "bound or
// listening".
func statesText(s qset, addr string) string {
	if s == qAll || s == 0 {
		return ""
	}
	var ws []string
	for q := qstate(0); q < nQ; q++ {
		if s&(1<<q) == 0 {
			continue
		}
		w := qWords[q]
		if addr != "" {
			switch q {
			case qBound:
				w = "bound to " + addr
			case qListening:
				w = "listening on " + addr
			case qConnected:
				w = "connected to " + addr
			}
		}
		ws = append(ws, w)
	}
	return strings.Join(ws, " or ")
}

// address joins a node and a service as an address: "127.0.0.1:8080", "[::1]:80".
func address(node, service *string) string {
	if node == nil {
		return ""
	}
	n := *node
	if n == "" {
		n = "every address"
		if service != nil {
			return "port " + *service + " of every address"
		}
		return n
	}
	if strings.Contains(n, ":") {
		n = "[" + n + "]"
	}
	if service != nil {
		return n + ":" + *service
	}
	return n
}

// at names a place in a file as messages do: "server.scm:14".
func (fl *flow) at(file string, span syntax.Span) string {
	return filepath.Base(file) + ":" + strconv.Itoa(fl.line(file, span))
}

// line returns the line of a place in a file as its text has it now: the data of a file read
// for editing keep the lines of the text they were read from (syntax.File.TextSpan). A
// procedure's results that name a line of the file are kept for its next version only while
// the line is the same (citesHold).
func (fl *flow) line(file string, span syntax.Span) int {
	f := fl.res.File
	if f == nil || file != f.Name || !f.Editable() {
		return int(span.Start.Line)
	}
	l := f.Span(syntax.Extent{Start: span.Start.Offset, End: span.Start.Offset}).Start.Line
	if fl.ctx != nil {
		fl.ctx.cited = append(fl.ctx.cited, cite{span.Start.Offset, l})
	}
	return int(l)
}

// span returns the span of an extent of the file being walked.
func (fl *flow) span(e syntax.Extent) syntax.Span { return fl.res.Span(fl.file, e) }

// cite is a place a procedure's results name by its line.
type cite struct{ offset, line int32 }

// citesHold reports whether the lines a procedure's results name are the same in this version.
func (fl *flow) citesHold(r *procResult) bool {
	f := fl.res.File
	for _, c := range r.cited {
		if f == nil || f.Span(syntax.Extent{Start: c.offset, End: c.offset}).Start.Line != c.line {
			return false
		}
	}
	return true
}

// ---- addresses ----

// addrFamily says which family a node literal belongs to: 4 (an IPv4 literal), 6 (IPv6), 0 (a
// name, or empty).
func addrFamily(node string) int {
	if node == "" {
		return 0
	}
	if strings.Contains(node, ":") {
		return 6
	}
	parts := strings.Split(node, ".")
	if len(parts) != 4 {
		return 0
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 {
			return 0
		}
		n, err := strconv.Atoi(p)
		if err != nil || n > 255 {
			return 0
		}
	}
	return 4
}
