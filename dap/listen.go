package dap

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// A debug adapter runs whatever program its client asks for, as the user who started it: a
// listener that anyone can reach is remote code execution. So, as delve does and more:
// addresses beyond loopback are refused unless the user says --allow-remote, and on loopback or
// a Unix socket only connections of the same user are accepted.

// RemoteWarning is what a command prints when it listens beyond loopback.
const RemoteWarning = "listening for remote connections (connections are not authenticated nor encrypted)"

// Listener accepts debug clients: only those of the user running the adapter when they connect
// from this machine.
type Listener struct {
	l      net.Listener
	remote bool // it listens beyond loopback (--allow-remote)
	path   string
	log    *slog.Logger
	uid    int
	// peerUID finds the user of the other end of a connection from this machine; a test
	// replaces it to play another user.
	peerUID func(c net.Conn) (int, error)
}

// Listen listens on addr: "HOST:PORT" or "unix:PATH" (a Unix socket, created with mode 0600).
// A host that is not loopback (0.0.0.0, [::], an empty host, a name that resolves beyond
// loopback) is refused unless allowRemote.
func Listen(addr string, allowRemote bool, log *slog.Logger) (*Listener, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	out := &Listener{log: log, uid: os.Getuid(), peerUID: peerUID}
	if path, ok := strings.CutPrefix(addr, "unix:"); ok {
		if path == "" {
			return nil, errors.New("unix: needs a path: unix:/tmp/foment.sock")
		}
		// The socket file gets mode 0600 from the start: no moment where another user could
		// connect.
		old := syscall.Umask(0o177)
		l, err := net.Listen("unix", path)
		syscall.Umask(old)
		if err != nil {
			return nil, err
		}
		if err := os.Chmod(path, 0o600); err != nil {
			l.Close()
			return nil, err
		}
		out.l, out.path = l, path
		return out, nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%q: expected HOST:PORT (127.0.0.1:4711) or unix:PATH", addr)
	}
	loop, err := loopbackHost(host)
	if err != nil {
		return nil, err
	}
	if !loop && !allowRemote {
		return nil, fmt.Errorf("%s is not a loopback address: anyone who can reach it could run programs as you; "+
			"listen on 127.0.0.1, ::1 or localhost, or pass --allow-remote if you mean it", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	out.l = l
	if ap, err := netip.ParseAddrPort(l.Addr().String()); err != nil || !ap.Addr().IsLoopback() {
		out.remote = true
		if !allowRemote { // a name that resolved to loopback, bound elsewhere
			l.Close()
			return nil, fmt.Errorf("%s is bound to %s, which is not loopback", addr, l.Addr())
		}
	}
	return out, nil
}

// loopbackHost reports whether every address of host is a loopback address.
func loopbackHost(host string) (bool, error) {
	if host == "" {
		return false, nil // every interface
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap().IsLoopback(), nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return false, err
	}
	for _, a := range addrs {
		if !a.Unmap().IsLoopback() {
			return false, nil
		}
	}
	return len(addrs) > 0, nil
}

// Addr is the address clients connect to: "127.0.0.1:4711", or "unix:PATH".
func (l *Listener) Addr() string {
	if l.path != "" {
		return "unix:" + l.path
	}
	return l.l.Addr().String()
}

// Remote reports whether the listener accepts connections from other machines.
func (l *Listener) Remote() bool { return l.remote }

// Close stops listening (and removes a Unix socket's file).
func (l *Listener) Close() error { return l.l.Close() }

// Accept waits for a connection of the same user, dropping the others with a log line.
func (l *Listener) Accept() (net.Conn, error) {
	for {
		c, err := l.l.Accept()
		if err != nil {
			return nil, err
		}
		if err := l.allowed(c); err != nil {
			l.log.Warn("connection refused", "from", c.RemoteAddr().String(), "reason", err.Error())
			c.Close()
			continue
		}
		return c, nil
	}
}

// allowed checks who is at the other end: the same user, for a connection from this machine.
func (l *Listener) allowed(c net.Conn) error {
	if _, ok := c.(*net.UnixConn); !ok {
		peer, err := netip.ParseAddrPort(c.RemoteAddr().String())
		if err != nil {
			return err
		}
		if l.remote && !peer.Addr().Unmap().IsLoopback() && !local(peer.Addr()) {
			return nil // --allow-remote: another machine, whose users are not ours to know
		}
	}
	uid, err := l.peerUID(c)
	if err != nil {
		return fmt.Errorf("the peer's user is unknown: %v", err)
	}
	if uid != l.uid {
		return fmt.Errorf("the peer runs as user %d, not %d", uid, l.uid)
	}
	return nil
}

// local reports whether a is an address of this machine (a connection from it can be traced
// to its user).
func local(a netip.Addr) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, x := range addrs {
		if p, err := netip.ParsePrefix(x.String()); err == nil && p.Addr().Unmap() == a.Unmap() {
			return true
		}
	}
	return false
}

// peerUID finds the user of the other end of a connection from this machine: SO_PEERCRED for
// a Unix socket; for TCP, the row of /proc/net/tcp or tcp6 whose local address is the
// connection's remote one and whose remote address is the connection's local one.
func peerUID(c net.Conn) (int, error) {
	if uc, ok := c.(*net.UnixConn); ok {
		rc, err := uc.SyscallConn()
		if err != nil {
			return 0, err
		}
		var cred *unix.Ucred
		var cerr error
		if err := rc.Control(func(fd uintptr) {
			cred, cerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
		}); err != nil {
			return 0, err
		}
		if cerr != nil {
			return 0, cerr
		}
		return int(cred.Uid), nil
	}
	peer, err := netip.ParseAddrPort(c.RemoteAddr().String())
	if err != nil {
		return 0, err
	}
	self, err := netip.ParseAddrPort(c.LocalAddr().String())
	if err != nil {
		return 0, err
	}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(table)
		if err != nil {
			continue
		}
		uid, found := findUID(bufio.NewScanner(f), peer, self)
		f.Close()
		if found {
			return uid, nil
		}
	}
	return 0, fmt.Errorf("no socket %s→%s in /proc/net/tcp", peer, self)
}

// findUID scans a /proc/net/tcp table for the socket local→remote and returns its uid.
func findUID(sc *bufio.Scanner, local, remote netip.AddrPort) (int, bool) {
	sc.Scan() // the header
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 8 {
			continue
		}
		l, err1 := procAddr(f[1])
		r, err2 := procAddr(f[2])
		if err1 != nil || err2 != nil || !sameAddrPort(l, local) || !sameAddrPort(r, remote) {
			continue
		}
		uid, err := strconv.Atoi(f[7])
		if err != nil {
			return 0, false
		}
		return uid, true
	}
	return 0, false
}

func sameAddrPort(a, b netip.AddrPort) bool {
	return a.Port() == b.Port() && a.Addr().Unmap() == b.Addr().Unmap()
}

// procAddr parses an address of /proc/net/tcp: hex words of the address in the machine's byte
// order, a colon, the port in hex ("0100007F:1F90" is 127.0.0.1:8080).
func procAddr(s string) (netip.AddrPort, error) {
	h, p, ok := strings.Cut(s, ":")
	if !ok || (len(h) != 8 && len(h) != 32) {
		return netip.AddrPort{}, fmt.Errorf("bad address %q", s)
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return netip.AddrPort{}, err
	}
	b := make([]byte, len(h)/2)
	for i := 0; i < len(b); i += 4 {
		w, err := strconv.ParseUint(h[2*i:2*i+8], 16, 32)
		if err != nil {
			return netip.AddrPort{}, err
		}
		binary.NativeEndian.PutUint32(b[i:], uint32(w))
	}
	a, ok := netip.AddrFromSlice(b)
	if !ok {
		return netip.AddrPort{}, fmt.Errorf("bad address %q", hex.EncodeToString(b))
	}
	return netip.AddrPortFrom(a, uint16(port)), nil
}
