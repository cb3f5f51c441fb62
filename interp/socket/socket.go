// Package socket gives the interpreter Foment's sockets and SRFI 106 on golang.org/x/sys/unix.
// Sockets are binary input/output ports; every blocking call can be interrupted (a debugger
// pause or a cancel) and resumes afterwards; every socket keeps live state that a debugger can
// read at any moment; everything a program opened is closed when it ends.
package socket

import (
	"fmt"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// State is where a socket is in its life.
type State string

const (
	Created      State = "created"
	Bound        State = "bound"
	Listening    State = "listening"
	Connected    State = "connected"
	HalfClosedRd State = "half-closed-read"  // shut down for reading
	HalfClosedWr State = "half-closed-write" // shut down for writing
	Closed       State = "closed"
	Failed       State = "failed"
)

// Snapshot is a consistent copy of a socket's live state.
type Snapshot struct {
	ID        int
	Family    string // "inet", "inet6"
	Domain    string // "stream", "datagram", "raw"
	Protocol  string // "tcp", "udp", "ip"
	State     State
	Local     string // "127.0.0.1:12345", "" when unbound
	Peer      string
	BytesSent int64
	BytesRecv int64
	MsgsSent  int64
	MsgsRecv  int64
	Readable  int    // bytes that can be read now without blocking (FIONREAD)
	LastError string // the last OS error, "" if none
	Created   *interp.Site
	Blocked   string // the operation the socket's thread is blocked in ("accept", "recv" ...), or ""
	Opened    time.Time
	Owner     *interp.Thread   // the thread that made it (or accepted it)
	Waiters   []*interp.Thread // the threads blocked on it now
	// Messages are the last sends and receives (at most Recent, oldest first), kept while a
	// debugger is attached.
	Messages []Message
}

// Message is one send or receive of a socket, as a debugger shows it.
type Message struct {
	N    int64  // its number among the socket's messages, from 1
	Sent bool   // sent; false: received
	Size int    // its bytes
	Head []byte // the first of them (at most MessageHead)
	Site *interp.Site
	When time.Time
}

// Recent is how many messages a socket keeps; MessageHead how many bytes of each.
const (
	Recent      = 16
	MessageHead = 64
)

// note keeps a message a thread sent or received, under a debugger; s.mu is held.
func (s *Socket) note(th *interp.Thread, sent bool, p []byte) {
	if !s.in.Debugged() {
		return
	}
	s.nmsgs++
	m := Message{N: s.nmsgs, Sent: sent, Size: len(p), Head: append([]byte(nil), p[:min(len(p), MessageHead)]...),
		Site: th.Site(), When: s.in.World().Clock(th)}
	if len(s.msgs) < Recent {
		s.msgs = append(s.msgs, m)
		return
	}
	copy(s.msgs, s.msgs[1:])
	s.msgs[len(s.msgs)-1] = m
}

// Socket is a socket of a running program.
type Socket struct {
	in   *interp.Interp
	net  interp.Net
	Port *interp.Port

	mu       sync.Mutex
	f        *os.File // owns fd; nil once closed
	rc       syscall.RawConn
	fd       int
	id       int
	family   int
	domain   int
	protocol int
	state    State
	rdShut   bool
	wrShut   bool
	local    netip.AddrPort
	peer     netip.AddrPort
	// sent and received count bytes as the calls go (a debugger watches a long send advance).
	sent, recvd atomic.Int64
	msent       int64
	mrecv       int64
	lastErr     string
	site        *interp.Site
	blocked     string
	// blockMode: the descriptor is blocking, its calls wait in the kernel (wait.go); every
	// call that must not wait says MSG_DONTWAIT.
	blockMode atomic.Bool
	// waitTexts are the texts of the waits (waitText) by operation, for the addresses now.
	waitTexts map[string]string
	opened    time.Time
	waiters   []*waker // the waits in progress, woken by close
	owner     *interp.Thread
	waiting   []*interp.Thread // the threads of the waits in progress
	msgs      []Message        // the last messages, under a debugger
	nmsgs     int64
}

// Snapshot returns the socket's state now; it is safe to call from any goroutine.
func (s *Socket) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := Snapshot{ID: s.id, Family: familyName(s.family), Domain: domainName(s.domain),
		Protocol: protocolName(s.domain, s.protocol), State: s.state, BytesSent: s.sent.Load(), BytesRecv: s.recvd.Load(),
		MsgsSent: s.msent, MsgsRecv: s.mrecv, LastError: s.lastErr, Created: s.site, Blocked: s.blocked,
		Opened: s.opened, Owner: s.owner, Waiters: append([]*interp.Thread(nil), s.waiting...),
		Messages: append([]Message(nil), s.msgs...)}
	if s.local.IsValid() {
		snap.Local = s.local.String()
	}
	if s.peer.IsValid() {
		snap.Peer = s.peer.String()
	}
	if s.fd >= 0 && s.state != Closed {
		if n, err := unix.IoctlGetInt(s.fd, fionread); err == nil {
			snap.Readable = n
		}
	}
	return snap
}

// SchemeString is how write and display show a socket: #<socket tcp 127.0.0.1:12345 listening>.
func (s *Socket) SchemeString() string {
	snap := s.Snapshot()
	addr := snap.Local
	if snap.Peer != "" {
		addr = snap.Local + "->" + snap.Peer
	}
	if addr == "" {
		return fmt.Sprintf("#<socket %s %s>", snap.Protocol, snap.State)
	}
	return fmt.Sprintf("#<socket %s %s %s>", snap.Protocol, addr, snap.State)
}

func familyName(f int) string {
	switch f {
	case unix.AF_INET:
		return "inet"
	case unix.AF_INET6:
		return "inet6"
	}
	return "unspec"
}

func domainName(d int) string {
	switch d {
	case unix.SOCK_STREAM:
		return "stream"
	case unix.SOCK_DGRAM:
		return "datagram"
	case unix.SOCK_RAW:
		return "raw"
	}
	return fmt.Sprint(d)
}

func protocolName(domain, p int) string {
	switch p {
	case unix.IPPROTO_TCP:
		return "tcp"
	case unix.IPPROTO_UDP:
		return "udp"
	}
	switch domain {
	case unix.SOCK_STREAM:
		return "tcp"
	case unix.SOCK_DGRAM:
		return "udp"
	}
	return "ip"
}

// registry lists the open sockets of each interpreter.
type registry struct {
	mu      sync.Mutex
	next    int
	sockets map[*Socket]bool
}

var registries sync.Map // *interp.Interp -> *registry

func regOf(in *interp.Interp) *registry {
	if r, ok := registries.Load(in); ok {
		return r.(*registry)
	}
	r, loaded := registries.LoadOrStore(in, &registry{sockets: map[*Socket]bool{}})
	if !loaded {
		in.OnExit(func() { closeAll(in) })
	}
	return r.(*registry)
}

// Sockets returns the open sockets of a program, oldest first.
func Sockets(in *interp.Interp) []*Socket {
	r := regOf(in)
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Socket, 0, len(r.sockets))
	for s := range r.sockets {
		out = append(out, s)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].id < out[j-1].id; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// closeAll closes every socket of a program that ended.
func closeAll(in *interp.Interp) {
	for _, s := range Sockets(in) {
		s.close(nil)
	}
	registries.Delete(in)
}

func (s *Socket) register() {
	r := regOf(s.in)
	r.mu.Lock()
	r.next++
	s.id = r.next
	r.sockets[s] = true
	r.mu.Unlock()
}

// close closes the socket; th is the thread that does (nil at the program's end).
func (s *Socket) close(th *interp.Thread) {
	s.mu.Lock()
	f, fd := s.f, s.fd
	s.f = nil
	s.fd = -1
	if s.state != Failed {
		s.state = Closed
	}
	s.rdShut, s.wrShut = true, true
	for _, w := range s.waiters {
		w.wake() // a wait in progress on another thread ends and lets go of the descriptor
	}
	s.mu.Unlock()
	if f != nil {
		s.net.Closed(th, fd)
		f.Close()
	}
	r := regOf(s.in)
	r.mu.Lock()
	delete(r.sockets, s)
	r.mu.Unlock()
}

// getaddrinfo's flags (glibc's values; golang.org/x/sys/unix does not define them).
const (
	aiCanonName   = 2
	aiNumericHost = 4
	aiV4Mapped    = 8
	aiAll         = 16
	aiAddrConfig  = 32
)

// fionread is Linux's FIONREAD (SIOCINQ): the bytes waiting to be read.
const fionread = 0x541B
