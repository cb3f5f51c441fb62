package socket

import (
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

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
	}
	th.Error(who, msg, append(irritants, interp.Str(osText(err)))...)
}

func (s *Socket) setBlocked(op string) {
	s.mu.Lock()
	s.blocked = op
	s.mu.Unlock()
}

func (s *Socket) fileDesc() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fd
}

var errClosed = errors.New("socket is closed")

// io runs attempt until it reports done, in Go's network poller: attempt does the system call
// and returns false on EAGAIN, and the poller waits (without the interpreter lock) until the
// socket is ready. An interrupt (a debugger pause, a cancel) sets a past deadline, which ends
// the wait: the interrupt is serviced — a pause blocks here, a cancel unwinds from here — and
// the operation resumes.
func (s *Socket) io(th *interp.Thread, op string, write bool, attempt func(fd int) bool) error {
	blocked := false
	for {
		s.mu.Lock()
		f, rc := s.f, s.rc
		s.mu.Unlock()
		if f == nil {
			return errClosed
		}
		done := th.Blocking(func() { f.SetDeadline(time.Unix(1, 0)) })
		call := func(fd uintptr) bool {
			ok := attempt(int(fd))
			if !ok && !blocked {
				// About to wait: the debugger shows what the socket is blocked in.
				blocked = true
				s.setBlocked(op)
			}
			return ok
		}
		var err error
		th.Unlocked(func() {
			if write {
				err = rc.Write(call)
			} else {
				err = rc.Read(call)
			}
		})
		done()
		switch {
		case err == nil:
			if blocked {
				s.setBlocked("")
			}
			return nil
		case errors.Is(err, os.ErrDeadlineExceeded):
			f.SetDeadline(time.Time{})
			th.ServiceInterrupts()
		case errors.Is(err, os.ErrClosed):
			s.setBlocked("")
			return errClosed
		default:
			s.setBlocked("")
			return err
		}
	}
}

// newSocket makes a socket object around a file descriptor.
func newSocket(th *interp.Thread, fd, family, domain, protocol int, state State) *Socket {
	s := &Socket{in: th.In, fd: fd, family: family, domain: domain, protocol: protocol, state: state,
		site: th.Site(), opened: time.Now()}
	// The fd is non-blocking: os.NewFile registers it with Go's network poller.
	s.f = os.NewFile(uintptr(fd), "socket")
	s.rc, _ = s.f.SyscallConn()
	s.Port = interp.NewDevicePort("socket", &device{s}, s)
	s.register()
	return s
}

func makeSocket(th *interp.Thread, family, domain, protocol int) *Socket {
	fd, err := unix.Socket(family, domain|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, protocol)
	if err != nil {
		(*Socket)(nil).fail(th, "make-socket", "creating a socket failed", err,
			interp.Int(family), interp.Int(domain), interp.Int(protocol))
	}
	return newSocket(th, fd, family, domain, protocol, Created)
}

func sockaddrOf(ap netip.AddrPort) unix.Sockaddr {
	a := ap.Addr()
	if a.Is4() {
		return &unix.SockaddrInet4{Port: int(ap.Port()), Addr: a.As4()}
	}
	sa := &unix.SockaddrInet6{Port: int(ap.Port()), Addr: a.As16()}
	if z := a.Zone(); z != "" {
		if ifi, err := net.InterfaceByName(z); err == nil {
			sa.ZoneId = uint32(ifi.Index)
		}
	}
	return sa
}

func addrPortOf(sa unix.Sockaddr) netip.AddrPort {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port))
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port))
	}
	return netip.AddrPort{}
}

func (s *Socket) refreshAddrs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fd < 0 {
		return
	}
	if sa, err := unix.Getsockname(s.fd); err == nil {
		s.local = addrPortOf(sa)
	}
	if sa, err := unix.Getpeername(s.fd); err == nil {
		s.peer = addrPortOf(sa)
	}
}

// resolve has getaddrinfo's meaning: node "" is every local address when passive (bind) and
// the loopback otherwise, "localhost" the loopback; service is a number or a name from
// /etc/services.
func resolve(node, service string, family, domain, flags int, passive bool) ([]netip.AddrPort, error) {
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
		p, err := net.LookupPort(network, service)
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
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", node)
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
	addrs, err := resolve(node, service, family, domain, 0, true)
	if err != nil {
		s.fail(th, who, "getaddrinfo failed", err, interp.Str(node), interp.Str(service))
	}
	fd := s.fileDesc()
	if fd < 0 {
		th.Error(who, "socket is closed", interp.Obj(s.Port))
	}
	// A server restarted at once must get its port back.
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	var last error
	for _, a := range addrs {
		if (s.family == unix.AF_INET) != a.Addr().Is4() {
			continue
		}
		if err := unix.Bind(fd, sockaddrOf(a)); err != nil {
			last = err
			continue
		}
		s.mu.Lock()
		s.state = Bound
		s.mu.Unlock()
		s.refreshAddrs()
		return
	}
	if last == nil {
		last = errors.New("Address family for hostname not supported")
	}
	s.fail(th, who, "bind failed", last, interp.Obj(s.Port), interp.Str(node), interp.Str(service))
}

func (s *Socket) listen(th *interp.Thread, backlog int) {
	if err := unix.Listen(s.fileDesc(), backlog); err != nil {
		s.fail(th, "listen-socket", "listen failed", err, interp.Obj(s.Port))
	}
	s.mu.Lock()
	s.state = Listening
	s.mu.Unlock()
	s.refreshAddrs()
}

func (s *Socket) accept(th *interp.Thread) *Socket {
	var nfd int
	var aerr error
	err := s.io(th, "accept", false, func(fd int) bool {
		nfd, _, aerr = unix.Accept4(fd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
		return aerr != unix.EAGAIN && aerr != unix.EINTR && aerr != unix.ECONNABORTED
	})
	if err == nil {
		err = aerr
	}
	if err != nil {
		s.fail(th, "accept-socket", "accept failed", err)
	}
	c := newSocket(th, nfd, s.family, s.domain, s.protocol, Connected)
	c.refreshAddrs()
	return c
}

func (s *Socket) connect(th *interp.Thread, node, service string, family, domain, flags, protocol int) {
	who := "connect-socket"
	addrs, err := resolve(node, service, family, domain, flags, false)
	if err != nil {
		s.fail(th, who, "getaddrinfo failed", err, interp.Str(node), interp.Str(service),
			interp.Int(family), interp.Int(domain), interp.Int(protocol))
	}
	var last error
	for _, a := range addrs {
		if s.family == unix.AF_INET && !a.Addr().Is4() {
			continue
		}
		fd := s.fileDesc()
		if fd < 0 {
			last = errClosed
			break
		}
		err := unix.Connect(fd, sockaddrOf(a))
		if err == unix.EINPROGRESS {
			// Connected, or failed, when SO_ERROR is set or the peer address is known.
			var cerr error
			werr := s.io(th, "connect", true, func(fd int) bool {
				soerr, gerr := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
				switch {
				case gerr != nil:
					cerr = gerr
				case soerr != 0:
					cerr = unix.Errno(soerr)
				default:
					if _, perr := unix.Getpeername(fd); perr != nil {
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
			s.refreshAddrs()
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
	total := 0
	var serr error
	err := s.io(th, "send", true, func(fd int) bool {
		for total < len(p) {
			n, err := unix.SendmsgN(fd, p[total:], nil, nil, flags|unix.MSG_NOSIGNAL)
			if n > 0 {
				total += n
			}
			switch err {
			case nil:
			case unix.EAGAIN:
				return false
			case unix.EINTR:
			default:
				serr = err
				return true
			}
		}
		return true
	})
	if err == nil {
		err = serr
	}
	s.mu.Lock()
	s.sent += int64(total)
	if err == nil {
		s.msent++
	} else {
		s.lastErr = osText(err)
		if connectionLost(err) {
			s.state = Failed
		}
	}
	s.mu.Unlock()
	return total, err
}

// recv receives into p: what has arrived (all of p with MSG_WAITALL); 0 at end of stream.
func (s *Socket) recv(th *interp.Thread, p []byte, flags int) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	total := 0
	var rerr error
	err := s.io(th, "recv", false, func(fd int) bool {
		for {
			n, _, err := unix.Recvfrom(fd, p[total:], flags&^unix.MSG_WAITALL)
			switch err {
			case nil:
				if n == 0 && s.domain != unix.SOCK_DGRAM {
					return true // end of stream
				}
				total += n
				if flags&unix.MSG_WAITALL == 0 || total == len(p) || s.domain == unix.SOCK_DGRAM {
					return true
				}
			case unix.EAGAIN:
				return false
			case unix.EINTR:
			default:
				rerr = err
				return true
			}
		}
	})
	if err == nil {
		err = rerr
	}
	s.mu.Lock()
	s.recvd += int64(total)
	if total > 0 && flags&unix.MSG_PEEK == 0 {
		s.mrecv++
	}
	if err != nil {
		s.lastErr = osText(err)
		if connectionLost(err) {
			s.state = Failed
		}
	}
	s.mu.Unlock()
	return total, err
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
	fd := s.fileDesc()
	if fd < 0 {
		th.Error("shutdown-socket", "shutdown failed", interp.Obj(s.Port), interp.Int(how), interp.Str("Bad file descriptor"))
	}
	if err := unix.Shutdown(fd, how); err != nil {
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
	n, err := d.s.recv(th, p, 0)
	if err != nil {
		return n, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (d *device) Write(th *interp.Thread, p []byte) (int, error) {
	return d.s.send(th, "write-bytevector", p, 0)
}

func (d *device) Ready(th *interp.Thread) bool {
	fd := d.s.fileDesc()
	if fd < 0 {
		return true
	}
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err != nil || n > 0
}

func (d *device) CloseRead() error {
	s := d.s
	s.mu.Lock()
	s.rdShut = true
	both := s.wrShut
	s.mu.Unlock()
	if both {
		s.close()
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
		s.close()
	} else if connected && fd >= 0 {
		unix.Shutdown(fd, unix.SHUT_WR) // the peer reads end of file
	}
	return nil
}
