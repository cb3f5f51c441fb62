package socket

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// osText is an OS error as Foment shows it (strerror: capitalised).
func osText(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fail raises "who: msg" with the irritants and the OS text, and remembers the error.
func (s *Socket) fail(th *interp.Thread, who, msg string, err error, irritants ...interp.Value) {
	if s != nil {
		s.mu.Lock()
		s.lastErr = osText(err)
		s.mu.Unlock()
		s.notify(th, "socket-error", func() string {
			return fmt.Sprintf("%s: %s on %s", who, osText(err), s.SchemeString())
		})
	}
	th.Error(who, msg, append(irritants, interp.Str(osText(err)))...)
}

var errClosed = errors.New("socket is closed")

// control runs f on the descriptor, which stays open meanwhile (another goroutine closing the
// socket cannot hand its number to a new one under f); errClosed once the socket is closed.
func (s *Socket) control(f func(fd int) error) error {
	s.mu.Lock()
	file, rc := s.f, s.rc
	s.mu.Unlock()
	if file == nil {
		return errClosed
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = f(int(fd)) }); err != nil {
		if errors.Is(err, os.ErrClosed) {
			return errClosed
		}
		return err
	}
	return ferr
}

// newSocket makes a socket object around a file descriptor.
func newSocket(th *interp.Thread, fd, family, domain, protocol int, state State) *Socket {
	s := &Socket{in: th.In, net: th.In.Net(), fd: fd, family: family, domain: domain, protocol: protocol,
		state: state, site: th.Site(), opened: th.In.World().Clock(th), owner: th}
	// The fd is non-blocking: os.NewFile registers it with Go's network poller.
	s.f = os.NewFile(uintptr(fd), "socket")
	s.rc, _ = s.f.SyscallConn()
	s.Port = interp.NewDevicePort("socket", &device{s}, s)
	s.register()
	return s
}

func makeSocket(th *interp.Thread, family, domain, protocol int) *Socket {
	fd, err := th.In.Net().Socket(th, family, domain, protocol)
	if err != nil {
		(*Socket)(nil).fail(th, "make-socket", "creating a socket failed", err,
			interp.Int(family), interp.Int(domain), interp.Int(protocol))
	}
	return newSocket(th, fd, family, domain, protocol, Created)
}

func (s *Socket) refreshAddrs(th *interp.Thread) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fd < 0 {
		return
	}
	if a, err := s.net.Name(th, s.fd, false); err == nil {
		s.local = a
	}
	if a, err := s.net.Name(th, s.fd, true); err == nil {
		s.peer = a
	}
	s.waitTexts = nil
}

// resolve has getaddrinfo's meaning: node "" is every local address when passive (bind) and
// the loopback otherwise, "localhost" the loopback; service is a number or a name from
// /etc/services.
func resolve(th *interp.Thread, node, service string, family, domain, flags int, passive bool) ([]netip.AddrPort, error) {
	network := "tcp"
	if domain == unix.SOCK_DGRAM {
		network = "udp"
	}
	var port int
	if n, err := strconv.Atoi(service); err == nil && n >= 0 && n < 65536 {
		port = n
	} else if service == "" {
		port = 0
	} else {
		p, err := th.In.Net().LookupPort(th, network, service)
		if err != nil {
			return nil, errors.New("Servname not supported for ai_socktype: " + service)
		}
		port = p
	}
	var addrs []netip.Addr
	switch {
	case node == "" && passive:
		if family != unix.AF_INET6 {
			addrs = append(addrs, netip.IPv4Unspecified())
		}
		if family != unix.AF_INET {
			addrs = append(addrs, netip.IPv6Unspecified())
		}
	case node == "" || node == "localhost":
		if family != unix.AF_INET6 {
			addrs = append(addrs, netip.AddrFrom4([4]byte{127, 0, 0, 1}))
		}
		if family != unix.AF_INET {
			addrs = append(addrs, netip.IPv6Loopback())
		}
	default:
		if a, err := netip.ParseAddr(node); err == nil {
			addrs = append(addrs, a)
			break
		}
		if flags&aiNumericHost != 0 {
			return nil, errors.New("Name or service not known: " + node)
		}
		ips, err := th.In.Net().LookupIP(th, node)
		if err != nil || len(ips) == 0 {
			return nil, errors.New("Name or service not known: " + node)
		}
		addrs = ips
	}
	var out []netip.AddrPort
	var v4 []netip.Addr
	for _, a := range addrs {
		a = a.Unmap()
		switch {
		case family == unix.AF_INET && !a.Is4():
			continue
		case family == unix.AF_INET6 && a.Is4():
			v4 = append(v4, a)
			continue
		}
		out = append(out, netip.AddrPortFrom(a, uint16(port)))
	}
	// AI_V4MAPPED: IPv4 addresses as IPv4-mapped IPv6 when there is no IPv6 one (or always,
	// with AI_ALL).
	if family == unix.AF_INET6 && flags&aiV4Mapped != 0 && (len(out) == 0 || flags&aiAll != 0) {
		for _, a := range v4 {
			out = append(out, netip.AddrPortFrom(netip.AddrFrom16(a.As16()), uint16(port)))
		}
	}
	if len(out) == 0 {
		return nil, errors.New("Address family for hostname not supported: " + node)
	}
	return out, nil
}

func (s *Socket) bind(th *interp.Thread, node, service string, family, domain, protocol int) {
	who := "bind-socket"
	addrs, err := resolve(th, node, service, family, domain, 0, true)
	if err != nil {
		s.fail(th, who, "getaddrinfo failed", err, interp.Str(node), interp.Str(service))
	}
	err = s.control(func(fd int) error {
		last := errors.New("Address family for hostname not supported")
		for _, a := range addrs {
			if (s.family == unix.AF_INET) != a.Addr().Is4() {
				continue
			}
			if last = s.net.Bind(th, fd, a); last == nil {
				return nil
			}
		}
		return last
	})
	if err != nil {
		s.fail(th, who, "bind failed", err, interp.Obj(s.Port), interp.Str(node), interp.Str(service))
	}
	s.mu.Lock()
	s.state = Bound
	s.mu.Unlock()
	s.refreshAddrs(th)
}

func (s *Socket) listen(th *interp.Thread, backlog int) {
	if err := s.control(func(fd int) error { return s.net.Listen(th, fd, backlog) }); err != nil {
		s.fail(th, "listen-socket", "listen failed", err, interp.Obj(s.Port))
	}
	s.mu.Lock()
	s.state = Listening
	s.mu.Unlock()
	s.refreshAddrs(th)
}

func (s *Socket) accept(th *interp.Thread) *Socket {
	var nfd int
	var aerr error
	err := s.io(th, "accept", false, 0, func(fd int, _ bool) bool {
		nfd, aerr = s.net.Accept(th, fd)
		return aerr != unix.EAGAIN && aerr != unix.EINTR && aerr != unix.ECONNABORTED
	})
	if err == nil {
		err = aerr
	}
	if err != nil {
		s.fail(th, "accept-socket", "accept failed", err) // as Foment: the OS text alone
	}
	c := newSocket(th, nfd, s.family, s.domain, s.protocol, Connected)
	c.refreshAddrs(th)
	c.notify(th, "accept", func() string { return "accepted " + c.SchemeString() })
	return c
}

func (s *Socket) connect(th *interp.Thread, node, service string, family, domain, flags, protocol int) {
	who := "connect-socket"
	addrs, err := resolve(th, node, service, family, domain, flags, false)
	if err != nil {
		s.fail(th, who, "getaddrinfo failed", err, interp.Str(node), interp.Str(service),
			interp.Int(family), interp.Int(domain), interp.Int(protocol))
	}
	var last error
	for _, a := range addrs {
		if s.family == unix.AF_INET && !a.Addr().Is4() {
			continue
		}
		err := s.control(func(fd int) error { return s.net.Connect(th, fd, a) })
		if err == errClosed {
			last = err
			break
		}
		if err == unix.EINPROGRESS {
			// Connected, or failed, when SO_ERROR is set or the peer address is known.
			var cerr error
			werr := s.io(th, "connect", true, 0, func(fd int, _ bool) bool {
				soerr, gerr := s.net.SocketError(th, fd)
				switch {
				case gerr != nil:
					cerr = gerr
				case soerr != 0:
					cerr = unix.Errno(soerr)
				default:
					if _, perr := s.net.Name(th, fd, true); perr != nil {
						return false // still connecting
					}
					cerr = nil
				}
				return true
			})
			err = cerr
			if werr != nil {
				err = werr
			}
		}
		if err == nil {
			s.mu.Lock()
			s.state = Connected
			s.mu.Unlock()
			s.refreshAddrs(th)
			return
		}
		last = err
	}
	if last == nil {
		last = errors.New("Address family for hostname not supported")
	}
	s.fail(th, who, "connect failed", last, interp.Obj(s.Port), interp.Str(node), interp.Str(service),
		interp.Int(family), interp.Int(domain), interp.Int(protocol))
}

// send writes all of p; a vanished peer raises an error instead of killing the process.
func (s *Socket) send(th *interp.Thread, who string, p []byte, flags int) (int, error) {
	st := &sendState{} // (one object for what the attempts change)
	err := s.io(th, "send", true, len(p), func(fd int, block bool) bool {
		f := flags | unix.MSG_NOSIGNAL | s.dontWait(block)
		// At least one call: an empty datagram is a message.
		for first := true; first || st.total < len(p); first = false {
			n, err := s.net.Send(th, fd, p[st.total:], f)
			if n > 0 {
				st.total += n
				s.count(n, 0) // as it goes: a debugger watches a long send advance
			}
			switch err {
			case nil:
				if block && st.total < len(p) {
					return false // interrupted part way: look for a wake first
				}
			case unix.EAGAIN:
				return false
			case unix.EINTR:
				if block {
					return false
				}
			default:
				st.err = err
				return true
			}
		}
		return true
	})
	total := st.total
	if err == nil {
		err = st.err
	}
	s.mu.Lock()
	if err == nil {
		s.msent++
		s.note(th, true, p[:total])
	} else {
		s.lastErr = osText(err)
		if connectionLost(err) && s.connected() {
			s.state = Failed
		}
	}
	s.mu.Unlock()
	return total, err
}

// recv does one receive of at most max bytes: into p when it is not nil (max is len(p)),
// otherwise into a new slice of the size received. A receive of up to scratchMax bytes goes
// into the thread's scratch buffer and is copied out (one system call; the copy of a few
// hundred bytes costs far less than a call); a larger one asks the kernel how much has arrived
// (see arrived), so that a 64 KiB receive that gets 1 KiB costs 1 KiB and the bytes are copied
// once, from the kernel into the result. With MSG_WAITALL it fills all max bytes, unless the
// stream ends. An empty result on a stream is the end of the stream.
func (s *Socket) recv(th *interp.Thread, p []byte, max, flags int) ([]byte, error) {
	if max == 0 {
		return []byte{}, nil
	}
	// (Not in a serial program: its recordings keep the calls as they were.)
	inScratch := p == nil && max <= scratchMax && flags&unix.MSG_WAITALL == 0 && !th.In.Serial()
	if inScratch {
		p = scratch(th, max)
	}
	// One object for what the attempts change (a closure would put each on the heap).
	st := &recvState{p: p}
	err := s.io(th, "recv", false, max, func(fd int, block bool) bool {
		st.tries++ // every try after the first follows a wait that found the socket readable
		for {
			if st.p == nil && max <= smallReceive {
				st.p = make([]byte, max)
			}
			if st.p == nil {
				size, err := s.arrived(th, fd, max, flags, st.tries > 1)
				if err == unix.EAGAIN && block {
					// Nothing yet: wait in the call for something to arrive, then size it.
					var one [1]byte
					n, _, perr := s.net.Recv(th, fd, one[:], unix.MSG_PEEK)
					switch {
					case perr == unix.EAGAIN, perr == unix.EINTR:
						return false
					case perr != nil:
						st.err = perr
						return true
					case n == 0:
						st.p = []byte{} // the end of the stream
						return true
					}
					block = false
					size, err = s.arrived(th, fd, max, flags, true)
				}
				switch err {
				case nil:
				case unix.EAGAIN:
					return false
				case unix.EINTR:
					continue
				default:
					st.err = err
					return true
				}
				if size == 0 {
					// The end of a stream; on a datagram socket an empty datagram, taken off
					// the queue.
					if s.domain == unix.SOCK_DGRAM {
						s.net.Recv(th, fd, nil, flags&^unix.MSG_WAITALL)
					}
					st.p = []byte{}
					return true
				}
				st.p = make([]byte, size)
			}
			f := flags&^unix.MSG_WAITALL | s.dontWait(block)
			n, _, err := s.net.Recv(th, fd, st.p[st.total:], f)
			switch err {
			case nil:
				if n == 0 && s.domain != unix.SOCK_DGRAM {
					return true // end of stream
				}
				st.total += n
				if flags&unix.MSG_PEEK == 0 {
					s.count(0, n)
				}
				if flags&unix.MSG_WAITALL == 0 || st.total == len(st.p) || s.domain == unix.SOCK_DGRAM {
					return true
				}
				if block {
					return false // part of a wait-all receive: look for a wake first
				}
			case unix.EAGAIN:
				return false
			case unix.EINTR:
				if block {
					return false
				}
			default:
				st.err = err
				return true
			}
		}
	})
	p, total := st.p, st.total
	if err == nil {
		err = st.err
	}
	s.mu.Lock()
	if err == nil && flags&unix.MSG_PEEK == 0 && (total > 0 || s.domain == unix.SOCK_DGRAM) {
		s.mrecv++ // a message; on a datagram socket an empty one too
		s.note(th, false, p[:total])
	}
	if err != nil {
		s.lastErr = osText(err)
		if connectionLost(err) && s.connected() {
			s.state = Failed
		}
	}
	s.mu.Unlock()
	switch {
	case p == nil:
		p = []byte{}
	case inScratch && total == 0:
		p = []byte{}
	case inScratch:
		p = append([]byte(nil), p[:total]...) // (not zeroed first, as make would)
	}
	switch {
	case err == nil && total > 0 && flags&unix.MSG_PEEK == 0:
		s.notify(th, "data", func() string {
			return fmt.Sprintf("%d bytes arrived on %s: %+q", total, s.SchemeString(), p[:min(total, 40)])
		})
	case err == nil && total == 0 && s.domain == unix.SOCK_STREAM, err != nil && connectionLost(err):
		s.notify(th, "closed", func() string { return "the peer closed " + s.SchemeString() })
	}
	return p[:total:total], err
}

// notify tells a debugger of an event of the socket, on the thread where it happens.
// Its text is made only then: it reads the socket's state (a system call), at every receive.
func (s *Socket) notify(th *interp.Thread, kind string, text func() string) {
	if th.In.Debugged() {
		th.Notify(interp.Event{Kind: kind, Object: interp.Obj(s.Port), Text: text()})
	}
}

// waitText says what a thread blocked on the socket waits for: "recv 127.0.0.1:5000←127.0.0.1:4711".
// The text is kept for the next wait (a server's thread waits at every round trip); a change of
// address makes it again.
func (s *Socket) waitText(op string, write bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.waitTexts[op]; t != "" {
		return t
	}
	if s.waitTexts == nil {
		s.waitTexts = map[string]string{}
	}
	t := s.makeWaitText(op, write)
	s.waitTexts[op] = t
	return t
}

// makeWaitText is waitText made anew; s.mu is held.
func (s *Socket) makeWaitText(op string, write bool) string {
	local, peer := "", ""
	if s.local.IsValid() {
		local = s.local.String()
	}
	if s.peer.IsValid() {
		peer = s.peer.String()
	}
	if s.peer.Addr() == s.local.Addr() && s.peer.IsValid() {
		peer = fmt.Sprintf(":%d", s.peer.Port()) // the same host: its port says it
	}
	switch {
	case peer == "":
		return op + " " + local
	case write:
		return op + " " + local + "→" + peer
	}
	return op + " " + local + "←" + peer
}

// sendState is what a send's attempts change.
type sendState struct {
	total int
	err   error
}

// recvState is what a receive's attempts change.
type recvState struct {
	p            []byte
	total, tries int
	err          error
}

// smallReceive is the size up to which a receive allocates all it may get rather than ask the
// kernel how much has arrived (when it does not go through the scratch buffer): a system call
// costs more than a few hundred bytes.
const smallReceive = 512

// dontWait is the flag of a call that must not wait on a descriptor made blocking (see
// Socket.blocks); the calls on a non-blocking one go without it, as they always did.
func (s *Socket) dontWait(block bool) int {
	if block || !s.blockMode.Load() {
		return 0
	}
	return unix.MSG_DONTWAIT
}

// scratchMax is the size up to which a new bytevector's receive goes through the thread's
// scratch buffer: one blocking system call, then a copy of what came into a bytevector of its
// size (which Go does not zero first). A larger receive asks the kernel how much has arrived
// and receives into a bytevector of that size, which costs a call or two more (FIONREAD, and
// a peek to wait when nothing has come yet).
const scratchMax = 64 << 10

type scratchKey struct{}

// scratch returns th's scratch buffer, n bytes long; only th uses it. It grows, by powers of
// two, to the largest receive the thread has made (a server's thread that receives 4 KiB at a
// time holds 4 KiB).
func scratch(th *interp.Thread, n int) []byte {
	v, _ := th.Resource(scratchKey{}, func() (any, error) { return new([]byte), nil })
	b := v.(*[]byte)
	if len(*b) < n {
		size := 512
		for size < n {
			size *= 2
		}
		*b = make([]byte, size)
	}
	return (*b)[:n]
}

// arrived tells how many bytes a receive of at most max can get now: what FIONREAD reports
// (on a datagram socket, the size of the next datagram); 0 at the end of a stream or for an
// empty datagram; EAGAIN when nothing has arrived. Out-of-band and wait-all receives take max.
// Nothing queued may also be the end of the stream, an empty datagram or a pending error: once
// poll has said the socket is readable, a one-byte peek tells which (before, the wait does).
func (s *Socket) arrived(th *interp.Thread, fd, max, flags int, polled bool) (int, error) {
	if flags&(unix.MSG_WAITALL|unix.MSG_OOB) != 0 {
		return max, nil
	}
	for {
		avail, err := s.net.Readable(th, fd)
		if err != nil {
			return max, nil // not a connected socket: the receive itself tells why
		}
		if avail > 0 {
			return min(avail, max), nil
		}
		if !polled {
			return 0, unix.EAGAIN
		}
		var one [1]byte
		n, _, err := s.net.Recv(th, fd, one[:], unix.MSG_PEEK|s.dontWait(false))
		if err != nil || n == 0 {
			return 0, err
		}
		// A byte came in between the two calls: ask again.
	}
}

// count adds bytes sent and received to the live state.
func (s *Socket) count(sent, received int) {
	if sent != 0 {
		s.sent.Add(int64(sent))
	}
	if received != 0 {
		s.recvd.Add(int64(received))
	}
}

// connected reports whether the socket has a connection (that a lost one fails); s.mu is held.
func (s *Socket) connected() bool {
	switch s.state {
	case Connected, HalfClosedRd, HalfClosedWr:
		return true
	}
	return false
}

// connectionLost tells the errors that end a connection from those of a misuse.
func connectionLost(err error) bool {
	switch err {
	case unix.ECONNRESET, unix.EPIPE, unix.ETIMEDOUT, unix.ECONNREFUSED, unix.EHOSTUNREACH, unix.ENETUNREACH:
		return true
	}
	return false
}

func (s *Socket) shutdown(th *interp.Thread, how int) {
	if err := s.control(func(fd int) error { return s.net.Shutdown(th, fd, how) }); err != nil {
		s.fail(th, "shutdown-socket", "shutdown failed", err, interp.Obj(s.Port), interp.Int(how))
	}
	s.mu.Lock()
	if how == unix.SHUT_RD || how == unix.SHUT_RDWR {
		s.rdShut = true
	}
	if how == unix.SHUT_WR || how == unix.SHUT_RDWR {
		s.wrShut = true
	}
	switch {
	case s.rdShut && s.wrShut:
		s.state = Closed
	case s.rdShut:
		s.state = HalfClosedRd
	case s.wrShut:
		s.state = HalfClosedWr
	}
	s.mu.Unlock()
}

// device makes a socket the far side of a port.
type device struct{ s *Socket }

func (d *device) Read(th *interp.Thread, p []byte) (int, error) {
	b, err := d.s.recv(th, p, len(p), 0)
	if err != nil {
		return len(b), err
	}
	if len(b) == 0 {
		return 0, io.EOF
	}
	return len(b), nil
}

func (d *device) ReadNew(th *interp.Thread, max int) ([]byte, error) {
	b, err := d.s.recv(th, nil, max, 0)
	if err == nil && len(b) == 0 {
		return nil, io.EOF
	}
	return b, err
}

// Peek looks at what has arrived without taking it (peek-u8 on the socket's port): the byte
// stays in the kernel's queue for the next read or recv-socket.
func (d *device) Peek(th *interp.Thread, p []byte) (int, error) {
	b, err := d.s.recv(th, p, len(p), unix.MSG_PEEK)
	if err == nil && len(b) == 0 {
		return 0, io.EOF
	}
	return len(b), err
}

func (d *device) Write(th *interp.Thread, p []byte) (int, error) {
	return d.s.send(th, "write-bytevector", p, 0)
}

func (d *device) Ready(th *interp.Thread) bool {
	ready := true // a closed socket reads at once (an error)
	d.s.control(func(fd int) error {
		p, err := d.s.net.Wait(th, fd, false, -1, nil, 0)
		ready = err != nil || p.Ready
		return nil
	})
	return ready
}

func (d *device) CloseRead() error {
	s := d.s
	s.mu.Lock()
	s.rdShut = true
	both := s.wrShut
	s.mu.Unlock()
	if both {
		s.close(nil)
	}
	return nil
}

func (d *device) CloseWrite() error {
	s := d.s
	s.mu.Lock()
	s.wrShut = true
	both := s.rdShut
	fd := s.fd
	connected := s.state == Connected
	s.mu.Unlock()
	if both {
		s.close(nil)
	} else if connected && fd >= 0 {
		s.net.Shutdown(nil, fd, unix.SHUT_WR) // the peer reads end of file
	}
	return nil
}
