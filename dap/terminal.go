package dap

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// A program launched with console "integratedTerminal" or "externalTerminal" reads and writes
// a terminal of the editor's: the adapter asks the client to run `foment-ls stdio-bridge ADDR
// TOKEN` there (the runInTerminal reverse request); the bridge connects to the adapter (on
// loopback, the same user only) and copies the terminal's input to the program and the
// program's output to the terminal. The program starts once the bridge is connected. Its
// standard input is a device, so that a pause interrupts a read that waits for typing.

// terminalTimeout bounds the wait for the bridge to connect.
var terminalTimeout = 30 * time.Second

// BridgeCommand is the subcommand of foment-ls that runs the bridge.
const BridgeCommand = "stdio-bridge"

type terminal struct {
	s     *session
	token string
	in    *termInput
	out   *termOutput

	once  sync.Once
	ready chan struct{} // closed when the bridge is connected, or never will be
	err   error
	mu    sync.Mutex
	l     *Listener
	conn  net.Conn
}

func newTerminal(s *session) *terminal {
	b := make([]byte, 16)
	rand.Read(b)
	t := &terminal{s: s, token: hex.EncodeToString(b), ready: make(chan struct{})}
	t.in = &termInput{t: t, more: make(chan struct{}, 1)}
	t.out = &termOutput{t: t}
	return t
}

// run asks the client for a terminal and waits for its bridge.
func (t *terminal) run(a launchArgs) {
	l, err := Listen("127.0.0.1:0", false, t.s.log)
	if err != nil {
		t.connected(nil, err)
		return
	}
	t.mu.Lock()
	t.l = l
	t.mu.Unlock()
	accepted := make(chan struct{})
	t.s.goTracked(func() { t.accept(l, accepted) })
	exe, err := os.Executable()
	if err != nil {
		exe = "foment-ls"
	}
	kind := "integrated"
	if a.Console == "externalTerminal" {
		kind = "external"
	}
	cwd := a.Cwd
	if cwd == "" {
		cwd, _ = os.Getwd()
	}
	resp := t.s.request(&dap.RunInTerminalRequest{Request: dap.Request{Command: "runInTerminal"},
		Arguments: dap.RunInTerminalRequestArguments{Kind: kind, Title: filepath.Base(a.Program), Cwd: cwd,
			Args: []string{exe, BridgeCommand, l.Addr(), t.token}}})
	if r, ok := resp.(dap.ResponseMessage); !ok || !r.GetResponse().Success {
		msg := "no answer"
		if ok {
			msg = r.GetResponse().Message
		}
		t.connected(nil, fmt.Errorf("the client could not run a terminal: %s", msg))
		return
	}
	select {
	case <-accepted:
	case <-t.ready:
	case <-time.After(terminalTimeout):
		t.connected(nil, fmt.Errorf("no bridge connected in %v", terminalTimeout))
	}
}

// accept waits for the bridge: the first connection of the same user that says the token.
func (t *terminal) accept(l *Listener, accepted chan struct{}) {
	defer close(accepted)
	for {
		c, err := l.Accept()
		if err != nil {
			t.connected(nil, err)
			return
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, err := bufio.NewReaderSize(c, 64).ReadString('\n')
		if err != nil || strings.TrimSpace(line) != t.token {
			c.Close()
			continue
		}
		c.SetReadDeadline(time.Time{})
		t.connected(c, nil)
		return
	}
}

// connected records the bridge's connection, or why there is none; the listener closes.
func (t *terminal) connected(c net.Conn, err error) {
	t.once.Do(func() {
		t.mu.Lock()
		t.conn, t.err = c, err
		l := t.l
		t.mu.Unlock()
		if l != nil {
			l.Close()
		}
		if c != nil {
			t.s.goTracked(t.in.pump)
		} else {
			t.in.end()
		}
		close(t.ready)
	})
	if c != nil && t.connOf() != c {
		c.Close() // too late
	}
}

func (t *terminal) connOf() net.Conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.conn
}

// wait waits for the bridge; its error says why there is none.
func (t *terminal) wait() error {
	<-t.ready
	return t.err
}

// close ends the terminal: the bridge sees the end of the program's output.
func (t *terminal) close() {
	t.connected(nil, errors.New("the program ended"))
	if c := t.connOf(); c != nil {
		c.Close()
	}
}

// closeTerminal closes the session's terminal, if it has one.
func (s *session) closeTerminal() {
	s.mu.Lock()
	t := s.term
	s.term = nil
	s.mu.Unlock()
	if t != nil {
		t.close()
	}
}

// termOutput writes the program's output to the terminal.
type termOutput struct{ t *terminal }

func (o *termOutput) Write(p []byte) (int, error) {
	c := o.t.connOf()
	if c == nil {
		return len(p), nil // no terminal: the output has nowhere to go
	}
	if _, err := c.Write(p); err != nil {
		return len(p), nil // the terminal was closed: the program goes on
	}
	return len(p), nil
}

// termInput is the program's standard input: what the terminal sends, read the way a socket
// is (a pause interrupts a read that waits).
type termInput struct {
	t    *terminal
	mu   sync.Mutex
	buf  []byte
	eof  bool
	more chan struct{} // a signal that buf or eof changed
}

// pump reads the terminal's bytes into buf until the end.
func (in *termInput) pump() {
	c := in.t.connOf()
	b := make([]byte, 4096)
	for {
		n, err := c.Read(b)
		in.mu.Lock()
		in.buf = append(in.buf, b[:n]...)
		if err != nil {
			in.eof = true
		}
		in.mu.Unlock()
		select {
		case in.more <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

func (in *termInput) end() {
	in.mu.Lock()
	in.eof = true
	in.mu.Unlock()
	select {
	case in.more <- struct{}{}:
	default:
	}
}

// take returns what has arrived (at most max bytes), or eof; ok false when nothing has.
func (in *termInput) take(max int) (b []byte, eof, ok bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.buf) > 0 {
		n := min(max, len(in.buf))
		b = append([]byte(nil), in.buf[:n]...)
		in.buf = in.buf[n:]
		return b, false, true
	}
	return nil, in.eof, in.eof
}

// await waits, without the interpreter lock, until something arrives; an interrupt (a pause,
// a cancel) is serviced meanwhile.
func (in *termInput) await(th *interp.Thread, max int) ([]byte, bool) {
	for {
		if b, eof, ok := in.take(max); ok {
			return b, eof
		}
		wake := make(chan struct{}, 1)
		done := th.Blocking(func() {
			select {
			case wake <- struct{}{}:
			default:
			}
		})
		th.SetWaiting("read from the terminal")
		interrupted := false
		th.Unlocked(func() {
			select {
			case <-in.more:
			case <-wake:
				interrupted = true
			}
		})
		th.SetWaiting("")
		done()
		if interrupted {
			th.ServiceInterrupts()
		}
	}
}

func (in *termInput) Read(th *interp.Thread, p []byte) (int, error) {
	b, eof := in.await(th, len(p))
	if eof && len(b) == 0 {
		return 0, io.EOF
	}
	return copy(p, b), nil
}

func (in *termInput) ReadNew(th *interp.Thread, max int) ([]byte, error) {
	b, eof := in.await(th, max)
	if eof && len(b) == 0 {
		return nil, io.EOF
	}
	return b, nil
}

func (in *termInput) Write(*interp.Thread, []byte) (int, error) {
	return 0, errors.New("standard input cannot be written")
}

func (in *termInput) Ready(*interp.Thread) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.buf) > 0 || in.eof
}

func (in *termInput) CloseRead() error  { return nil }
func (in *termInput) CloseWrite() error { return nil }

// Bridge is `foment-ls stdio-bridge ADDR TOKEN`: it connects a terminal to a program launched
// by the debug adapter, copying stdin to the program and its output to stdout, and returns
// when the program's output ends.
func Bridge(addr, token string, stdin io.Reader, stdout io.Writer) error {
	network := "tcp"
	if p, ok := strings.CutPrefix(addr, "unix:"); ok {
		network, addr = "unix", p
	}
	c, err := net.DialTimeout(network, addr, 10*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := io.WriteString(c, token+"\n"); err != nil {
		return err
	}
	go func() {
		io.Copy(c, stdin)
		// The end of typing (Ctrl-D) is the end of the program's input.
		if cw, ok := c.(interface{ CloseWrite() error }); ok {
			cw.CloseWrite()
		}
	}()
	_, err = io.Copy(stdout, c)
	return err
}
