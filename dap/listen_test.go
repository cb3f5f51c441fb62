package dap

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Addresses beyond loopback are refused before anything is bound, unless --allow-remote.
func TestListenRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		l, err := Listen(addr, false, nil)
		if err == nil {
			l.Close()
			t.Errorf("%s: listening, want a refusal", addr)
			continue
		}
		if !strings.Contains(err.Error(), "--allow-remote") {
			t.Errorf("%s: %v", addr, err)
		}
	}
	for host, want := range map[string]bool{"127.0.0.1": true, "::1": true, "127.0.0.2": true,
		"::ffff:127.0.0.1": true, "localhost": true, "0.0.0.0": false, "::": false, "": false, "10.0.0.1": false} {
		if got, err := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v (%v), want %v", host, got, err, want)
		}
	}
	if _, err := Listen("127.0.0.1", false, nil); err == nil || !strings.Contains(err.Error(), "HOST:PORT") {
		t.Errorf("no port: %v", err)
	}
}

// A peer from another machine is accepted only by a --allow-remote listener; one from this
// machine must be the same user there too.
func TestAllowRemotePeers(t *testing.T) {
	l := &Listener{remote: true, uid: 1000, peerUID: func(net.Conn) (int, error) { return 0, errors.New("not in /proc") }}
	if err := l.allowed(fakeConn{remote: "192.0.2.7:5555"}); err != nil {
		t.Errorf("a remote peer on an --allow-remote listener: %v", err)
	}
	if err := l.allowed(fakeConn{remote: "127.0.0.1:5555"}); err == nil {
		t.Error("a local peer of unknown user was allowed")
	}
	l.peerUID = func(net.Conn) (int, error) { return 1000, nil }
	if err := l.allowed(fakeConn{remote: "127.0.0.1:5555"}); err != nil {
		t.Errorf("a local peer of the same user: %v", err)
	}
}

type fakeConn struct {
	net.Conn
	remote string
}

func (f fakeConn) RemoteAddr() net.Addr {
	return net.TCPAddrFromAddrPort(netip.MustParseAddrPort(f.remote))
}

// The real lookup: a connection from this test is found in /proc/net/tcp (or tcp6) with this
// process's uid, and is accepted.
func TestListenSameUserOverTCP(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		l, err := Listen(addr, false, nil)
		if err != nil {
			if addr == "[::1]:0" {
				t.Logf("no IPv6 loopback: %v", err)
				continue
			}
			t.Fatal(err)
		}
		accepted := make(chan net.Conn, 1)
		go func() {
			c, err := l.Accept()
			if err == nil {
				accepted <- c
			}
			close(accepted)
		}()
		conn, err := net.Dial("tcp", l.Addr())
		if err != nil {
			t.Fatal(err)
		}
		c := <-accepted
		if c == nil {
			t.Fatalf("%s: not accepted", addr)
		}
		uid, err := peerUID(c)
		if err != nil || uid != os.Getuid() {
			t.Errorf("%s: peer uid %d (%v), want %d", addr, uid, err, os.Getuid())
		}
		c.Write([]byte("x"))
		var b [1]byte
		if _, err := io.ReadFull(conn, b[:]); err != nil {
			t.Errorf("%s: %v", addr, err)
		}
		conn.Close()
		c.Close()
		l.Close()
	}
}

// A connection of another user is dropped with a log line; the next one of the same user is
// accepted. (Another user is played by the uid lookup.)
func TestListenDropsOtherUsers(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "unix:" + filepath.Join(t.TempDir(), "dap.sock")} {
		var logBuf syncBuffer
		l, err := Listen(addr, false, slog.New(slog.NewTextHandler(&logBuf, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if path, ok := strings.CutPrefix(addr, "unix:"); ok {
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("the socket file: %v %v, want mode 0600", fi.Mode(), err)
			}
		}
		var other atomic.Bool
		other.Store(true)
		real := l.peerUID
		l.peerUID = func(c net.Conn) (int, error) {
			uid, err := real(c) // the real lookup runs on the real connection
			if err != nil {
				return uid, err
			}
			if other.Load() {
				return uid + 1, nil
			}
			return uid, nil
		}
		accepted := make(chan net.Conn, 1)
		go func() {
			c, err := l.Accept()
			if err == nil {
				accepted <- c
			}
			close(accepted)
		}()
		network, target := "tcp", l.Addr()
		if p, ok := strings.CutPrefix(target, "unix:"); ok {
			network, target = "unix", p
		}
		intruder, err := net.Dial(network, target)
		if err != nil {
			t.Fatal(err)
		}
		intruder.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := intruder.Read(make([]byte, 1)); err != io.EOF {
			t.Errorf("%s: the other user's connection: %v, want it closed", addr, err)
		}
		intruder.Close()
		if !strings.Contains(logBuf.String(), "connection refused") || !strings.Contains(logBuf.String(), "runs as user") {
			t.Errorf("%s: log %q", addr, logBuf.String())
		}
		other.Store(false)
		friend, err := net.Dial(network, target)
		if err != nil {
			t.Fatal(err)
		}
		if c := <-accepted; c == nil {
			t.Errorf("%s: the same user's connection was not accepted", addr)
		} else {
			c.Close()
		}
		friend.Close()
		l.Close()
	}
}

func TestProcAddr(t *testing.T) {
	var v4, v6 string
	if nativeLittle() {
		v4, v6 = "0100007F:1F90", "00000000000000000000000001000000:0016"
	} else {
		v4, v6 = "7F000001:1F90", "00000000000000000000000000000001:0016"
	}
	if a, err := procAddr(v4); err != nil || a.String() != "127.0.0.1:8080" {
		t.Errorf("%s: %v %v", v4, a, err)
	}
	if a, err := procAddr(v6); err != nil || a.String() != "[::1]:22" {
		t.Errorf("%s: %v %v", v6, a, err)
	}
	table := "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
		"   0: " + v4 + " 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1234        0 1 1 0 20 4 30 10 -1\n"
	uid, ok := findUID(bufio.NewScanner(strings.NewReader(table)), netip.MustParseAddrPort("127.0.0.1:8080"), netip.MustParseAddrPort("127.0.0.1:54321"))
	if !ok || uid != 1234 {
		t.Errorf("findUID: %d %v", uid, ok)
	}
	for _, bad := range []string{"", "zz:1", "0100007F", "0100007F:XYZW", "01000:0016"} {
		if _, err := procAddr(bad); err == nil {
			t.Errorf("procAddr(%q) accepted", bad)
		}
	}
}

func nativeLittle() bool { return binary.NativeEndian.Uint16([]byte{1, 0}) == 1 }

// syncBuffer is a bytes.Buffer that a logger on another goroutine may write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
