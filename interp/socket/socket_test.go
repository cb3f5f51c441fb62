package socket_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"foment-ls/interp"
	"foment-ls/interp/socket"

	"golang.org/x/sys/unix"
)

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc")
	}
	return len(ents)
}

// listening begins a test program: server listens on a free loopback port, and port holds
// its number (a string), read from how the socket writes itself.
const listening = `(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define port
  (let* ((text (call-with-port (open-output-string) (lambda (p) (write server p) (get-output-string p))))
         (cs (cdr (member #\: (string->list text)))))
    (let loop ((cs cs) (acc '()))
      (if (char-numeric? (car cs)) (loop (cdr cs) (cons (car cs) acc)) (list->string (reverse acc))))))
`

// run runs a program to its end in a new interpreter.
func run(t testing.TB, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stdin: strings.NewReader("")})
	err := in.RunSource("t.scm", []byte(src))
	in.Stdout.Flush()
	return out.String(), err
}

func TestSnapshotAndRegistry(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	src := `(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server 5)
`
	prog, err := in.CompileProgram("snap.scm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Execute(prog); err != nil {
		t.Fatal(err)
	}
	socks := socket.Sockets(in)
	if len(socks) != 1 {
		t.Fatalf("registry: %d sockets", len(socks))
	}
	snap := socks[0].Snapshot()
	if snap.State != socket.Listening || snap.Family != "inet" || snap.Protocol != "tcp" || !strings.HasPrefix(snap.Local, "127.0.0.1:") {
		t.Errorf("snapshot %+v", snap)
	}
	if snap.Created == nil || snap.Created.Span.Start.Line != 2 {
		t.Errorf("creation site %v", snap.Created)
	}
	in.Cancel("done")
}

func TestClientServerInProcessAndState(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	src := `(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define conn #f)
(define t (run-thread (lambda () (set! conn (accept-socket server)) (recv-socket conn 100 0))))
`
	prog, err := in.CompileProgram("state.scm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Execute(prog) }()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var listening *socket.Socket
	deadline := time.Now().Add(5 * time.Second)
	for listening == nil && time.Now().Before(deadline) {
		for _, s := range socket.Sockets(in) {
			if s.Snapshot().State == socket.Listening {
				listening = s
			}
		}
	}
	addr := listening.Snapshot().Local
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The accepted socket appears, blocked in recv, with its peer.
	var conn socket.Snapshot
	for time.Now().Before(deadline) {
		for _, s := range socket.Sockets(in) {
			if snap := s.Snapshot(); snap.State == socket.Connected && snap.Blocked == "recv" {
				conn = snap
			}
		}
		if conn.ID != 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if conn.ID == 0 || conn.Peer != c.LocalAddr().String() {
		t.Fatalf("connected socket: %+v (client %s)", conn, c.LocalAddr())
	}
	c.Write([]byte("12345"))
	time.Sleep(50 * time.Millisecond)
	for _, s := range socket.Sockets(in) {
		if snap := s.Snapshot(); snap.ID == conn.ID && snap.BytesRecv != 5 {
			t.Errorf("bytes received %d", snap.BytesRecv)
		}
	}
}

// A pause (interrupt) of a thread blocked in accept runs within milliseconds, and the accept
// then goes on and completes when a client connects.
func TestInterruptWhileBlockedInAccept(t *testing.T) {
	port := freePort(t)
	in := interp.New(interp.Options{Stdout: io.Discard})
	src := fmt.Sprintf(`(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "%s" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define c (accept-socket server))
(send-socket c (string->utf8 "accepted") 0)
`, port)
	errc := make(chan error, 1)
	go func() { errc <- in.RunSource("accept.scm", []byte(src)) }()
	waitBlocked(t, in, "accept")
	start := time.Now()
	ran := make(chan time.Duration, 1)
	in.Main().Interrupt(func(th *interp.Thread) {
		ran <- time.Since(start)
		time.Sleep(100 * time.Millisecond) // a debugger holding the thread paused
	})
	select {
	case d := <-ran:
		t.Logf("the interrupt ran %v after it was asked for", d) // no timing assertion: CI machines vary
	case <-time.After(5 * time.Second):
		t.Fatal("interrupt did not run while blocked in accept")
	}
	c, err := net.Dial("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 8)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "accepted" {
		t.Fatalf("after the pause: %q %v", buf, err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func waitBlocked(t *testing.T, in *interp.Interp, op string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, s := range socket.Sockets(in) {
			if s.Snapshot().Blocked == op {
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("never blocked in %s", op)
}

// A cancel while blocked in recv ends the program at once and closes every socket.
func TestCancelWhileBlockedInRecv(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	src := `(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define client (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(define t (run-thread (lambda () (accept-socket server))))
`
	prog, err := in.CompileProgram("cancel.scm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Execute(prog); err != nil {
		t.Fatal(err)
	}
	var addr string
	for _, s := range socket.Sockets(in) {
		if snap := s.Snapshot(); snap.State == socket.Listening {
			addr = snap.Local
		}
	}
	// Now a program blocked in recv on a connection nobody writes to.
	in2 := interp.New(interp.Options{Stdout: io.Discard})
	host, port, _ := net.SplitHostPort(addr)
	src2 := fmt.Sprintf(`(import (foment base))
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c %q %q *af-inet* *sock-stream* 0 *ipproto-tcp*)
(recv-socket c 10 0)
`, host, port)
	errc := make(chan error, 1)
	go func() { errc <- in2.RunSource("recv.scm", []byte(src2)) }()
	waitBlocked(t, in2, "recv")
	cancelBlocked(t, in2, errc, "recv")
	in.Cancel("done")
}

// cancelBlocked cancels a program blocked in op: it must end with a Terminate at once, with
// every socket closed.
func cancelBlocked(t *testing.T, in *interp.Interp, errc chan error, op string) {
	t.Helper()
	start := time.Now()
	in.Cancel("test")
	select {
	case err := <-errc:
		var term *interp.Terminate
		if !errors.As(err, &term) {
			t.Errorf("want a Terminate, got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("cancel did not end a program blocked in %s", op)
	}
	t.Logf("the cancel took %v", time.Since(start)) // no timing assertion: CI machines vary
	if n := len(socket.Sockets(in)); n != 0 {
		t.Errorf("%d sockets left open after cancel", n)
	}
}

// startSender runs a program that connects to a listener of the test's and sends it total
// bytes in 64 KiB blocks, then writes the count; it returns the test's end of the connection.
func startSender(t *testing.T, in *interp.Interp, total int) (net.Conn, chan error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	host, port, _ := net.SplitHostPort(l.Addr().String())
	src := fmt.Sprintf(`(import (foment base))
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c %q %q *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define block (make-bytevector 65536 7))
(let loop ((sent 0))
  (if (< sent %d)
      (begin (send-socket c block 0) (loop (+ sent 65536)))
      (begin (shutdown-socket c *shut-wr*) (write sent))))
`, host, port, total)
	errc := make(chan error, 1)
	go func() { errc <- in.RunSource("send.scm", []byte(src)) }()
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	return c, errc
}

// A pause while blocked in send (the peer does not read, the buffers are full) runs at once;
// the send then goes on and every byte arrives.
func TestInterruptWhileBlockedInSend(t *testing.T) {
	const total = 32 << 20
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out})
	c, errc := startSender(t, in, total)
	defer c.Close()
	waitBlocked(t, in, "send")
	start := time.Now()
	ran := make(chan time.Duration, 1)
	var paused socket.Snapshot
	in.Main().Interrupt(func(th *interp.Thread) {
		d := time.Since(start)
		paused = socket.Sockets(in)[0].Snapshot() // before the send on ran, which orders it
		ran <- d
		time.Sleep(50 * time.Millisecond)
	})
	select {
	case d := <-ran:
		t.Logf("the interrupt ran %v after it was asked for", d)
	case <-time.After(5 * time.Second):
		t.Fatal("interrupt did not run while blocked in send")
	}
	n, err := io.Copy(io.Discard, c)
	if err != nil || n != total {
		t.Errorf("received %d bytes (%v), want %d", n, err, total)
	}
	// The pause saw the send under way: what had gone so far, and where it waited.
	if paused.Blocked != "send" || paused.BytesSent <= 0 || paused.BytesSent >= total || paused.MsgsSent == 0 {
		t.Errorf("while paused: %+v", paused)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	in.Stdout.Flush()
	if out.String() != fmt.Sprint(total) {
		t.Errorf("output %q", out.String())
	}
}

// A cancel while blocked in send ends the program and closes its socket: the peer sees the
// end of the stream.
func TestCancelWhileBlockedInSend(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	c, errc := startSender(t, in, 1<<30)
	defer c.Close()
	waitBlocked(t, in, "send")
	cancelBlocked(t, in, errc, "send")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Errorf("the peer did not see the end of the stream: %v", err)
	}
}

// A connect that waits (the listener's queue is full, so the kernel drops the handshake and
// retries for minutes) pauses at once, and a cancel ends it.
func TestInterruptAndCancelWhileBlockedInConnect(t *testing.T) {
	l, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(l)
	if err := unix.Bind(l, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(l, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := unix.Getsockname(l)
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*unix.SockaddrInet4).Port)
	// Fill the queue: connections nobody accepts.
	for i := 0; i < 4; i++ {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			break
		}
		defer c.Close()
	}
	in := interp.New(interp.Options{Stdout: io.Discard})
	src := fmt.Sprintf(`(import (foment base))
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c "127.0.0.1" %q *af-inet* *sock-stream* 0 *ipproto-tcp*)
`, fmt.Sprint(sa.(*unix.SockaddrInet4).Port))
	errc := make(chan error, 1)
	go func() { errc <- in.RunSource("connect.scm", []byte(src)) }()
	deadline := time.Now().Add(5 * time.Second)
	blocked := false
	for !blocked && time.Now().Before(deadline) {
		for _, s := range socket.Sockets(in) {
			blocked = blocked || s.Snapshot().Blocked == "connect"
		}
		select {
		case err := <-errc:
			t.Skipf("connect did not wait here: %v", err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	if !blocked {
		t.Fatal("never blocked in connect")
	}
	ran := make(chan bool, 1)
	in.Main().Interrupt(func(th *interp.Thread) { ran <- true })
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Fatal("interrupt did not run while blocked in connect")
	}
	cancelBlocked(t, in, errc, "connect")
}

// Writing to a peer that has gone raises a catchable error; the process lives.
func TestDeadPeer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err == nil {
			time.Sleep(30 * time.Millisecond) // let connect-socket finish first
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		}
	}()
	host, port, _ := net.SplitHostPort(l.Addr().String())
	out, err := run(t, fmt.Sprintf(`(import (foment base))
(define c (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket c %q %q *af-inet* *sock-stream* 0 *ipproto-tcp*)
(sleep 100)
(define result
  (guard (e ((error-object? e) (list 'caught (error-object-message e))))
    (let loop ((i 0))
      (if (< i 1000)
          (begin (send-socket c (make-bytevector 65536 1) 0) (loop (+ i 1)))
          'never-failed))))
(write result)
(write (recv-socket (make-socket *af-inet* *sock-stream* *ipproto-tcp*) 0 0))
`, host, port))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `(caught "send-socket: send failed")`) {
		t.Errorf("output %q", out)
	}
}

// Thousands of connections opened and closed under a low descriptor limit: nothing leaks.
func TestChurn(t *testing.T) {
	var old unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &old); err != nil {
		t.Skip(err)
	}
	before := openFDs(t)
	lim := unix.Rlimit{Cur: uint64(before + 40), Max: old.Max}
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Skip(err)
	}
	defer unix.Setrlimit(unix.RLIMIT_NOFILE, &old)
	out, err := run(t, listening+`(define (cycle i)
  (let ((c (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
    (connect-socket c "127.0.0.1" port *af-inet* *sock-stream* 0 *ipproto-tcp*)
    (let ((s (accept-socket server)))
      (send-socket c (bytevector (modulo i 256)) 0)
      (let ((b (recv-socket s 1 0)))
        (close-port c)
        (close-port s)
        (bytevector-u8-ref b 0)))))
(let loop ((i 0) (sum 0))
  (if (< i 3000)
      (loop (+ i 1) (+ sum (cycle i)))
      (write sum)))
(close-port server)
`)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := 0; i < 3000; i++ {
		want += i % 256
	}
	if out != fmt.Sprint(want) {
		t.Errorf("sum %q, want %d", out, want)
	}
	unix.Setrlimit(unix.RLIMIT_NOFILE, &old)
	if after := openFDs(t); after > before+2 {
		t.Errorf("descriptors: %d before, %d after", before, after)
	}
}

func TestIPv6(t *testing.T) {
	l, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skip("no ::1 here:", err)
	}
	l.Close()
	out, err := run(t, `(import (foment base))
(define server (make-socket *af-inet6* *sock-stream* *ipproto-tcp*))
(bind-socket server "::1" "0" *af-inet6* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(define text (call-with-port (open-output-string) (lambda (p) (write server p) (get-output-string p))))
(define port (let loop ((cs (cdr (member #\] (string->list text)))) (acc '()))
  (cond ((char=? (car cs) #\:) (loop (cdr cs) acc))
        ((char-numeric? (car cs)) (loop (cdr cs) (cons (car cs) acc)))
        (else (list->string (reverse acc))))))
(define c (make-socket (address-family inet6) (socket-domain stream) (ip-protocol tcp)))
(connect-socket c "::1" port (address-family inet6) (socket-domain stream) 0 (ip-protocol tcp))
(define s (accept-socket server))
(write-bytevector (string->utf8 "v6") c)
(write (utf8->string (read-bytevector 10 s)))
(write (member "::1" (get-ip-addresses *af-inet6*)))
`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, `"v6"("::1"`) {
		t.Errorf("output %q", out)
	}
}

// The Sockets-page example, run as a user would: the server in the background, three lines
// typed into the client, the server printing them.
func TestExampleAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "foment-ls")
	build := exec.Command("go", "build", "-o", bin, "foment-ls/cmd/foment-ls")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	example, _ := filepath.Abs("../../examples/sockets.scm")
	port := freePort(t)
	server := exec.Command(bin, "run", example, "server", port)
	var serverOut bytes.Buffer
	server.Stdout = &serverOut
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer server.Process.Kill()
	// Wait for the server to listen.
	deadline := time.Now().Add(10 * time.Second)
	// (Connecting to find out would take the one connection the server accepts.)
	for !isListening(port) {
		if time.Now().After(deadline) {
			t.Fatal("server never listened")
		}
		time.Sleep(20 * time.Millisecond)
	}
	client := exec.Command(bin, "run", example, "client", port)
	stdin, _ := client.StdinPipe()
	var clientErr bytes.Buffer
	client.Stderr = &clientErr
	if err := client.Start(); err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(stdin)
	for _, line := range []string{"first line", "second line", "third line"} {
		w.WriteString(line + "\n")
		w.Flush()
		time.Sleep(150 * time.Millisecond) // typed, not pasted: each line its own read
	}
	stdin.Close()
	err := client.Wait()
	// At end of input the client fails on (string->utf8 #<eof>), as it does under Foment.
	if err == nil || !strings.Contains(clientErr.String(), "string->utf8: expected a string") {
		t.Errorf("client: %v %s", err, clientErr.String())
	}
	if err := server.Wait(); err != nil {
		t.Errorf("server: %v", err)
	}
	if got := serverOut.String(); got != "first line\nsecond line\nthird line\n" {
		t.Errorf("server printed %q", got)
	}
}

// isListening reads /proc/net/tcp for a listening socket on the port, without connecting.
func isListening(port string) bool {
	data, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return false
	}
	var p int
	fmt.Sscan(port, &p)
	needle := fmt.Sprintf(":%04X 00000000:0000 0A", p)
	return strings.Contains(string(data), needle)
}

// BenchmarkEcho moves 8 MiB each way through an echo server thread in the same program, in
// 64 KiB blocks: recv-socket on both sides, a new bytevector per receive.
func BenchmarkEcho(b *testing.B) {
	const total = 8 << 20
	src := fmt.Sprintf(listening+`(define echo
  (run-thread
    (lambda ()
      (let ((c (accept-socket server)))
        (let loop ()
          (let ((bv (recv-socket c 65536 0)))
            (when (> (bytevector-length bv) 0)
              (send-socket c bv 0)
              (loop))))
        (close-port c)))))
(define s (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket s "127.0.0.1" port *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define block (make-bytevector 65536 42))
(define receiver
  (run-thread
    (lambda ()
      (let loop ((received 0))
        (if (< received %d)
            (loop (+ received (bytevector-length (recv-socket s 65536 0))))
            received)))))
(let loop ((sent 0))
  (when (< sent %d)
    (send-socket s block 0)
    (loop (+ sent 65536))))
(write (thread-join! receiver))
(shutdown-socket s *shut-wr*)
(thread-join! echo)
`, total, total)
	b.SetBytes(2 * total)
	for b.Loop() {
		out, err := run(b, src)
		if err != nil || out != fmt.Sprint(total) {
			b.Fatalf("%q %v", out, err)
		}
	}
}

// syncBuffer is a bytes.Buffer that a test reads while the program writes.
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

// What a program printed shows before it waits: a server that says it listens, then waits in
// accept, is seen listening (standard output is otherwise buffered on a pipe).
func TestOutputShowsBeforeAWait(t *testing.T) {
	var out syncBuffer
	in := interp.New(interp.Options{Stdout: &out})
	src := `(import (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server)
(display "listening")
(newline)
(accept-socket server)
`
	errc := make(chan error, 1)
	go func() { errc <- in.RunSource("listen.scm", []byte(src)) }()
	waitBlocked(t, in, "accept")
	if got := out.String(); got != "listening\n" {
		t.Errorf("output while waiting in accept: %q", got)
	}
	in.Cancel("done")
	<-errc
}

// A close from another thread ends a receive blocked in its system call (the descriptor is
// blocking in a live program), and the close returns: the receive ends as it always has after
// a close-port (an empty bytevector, or an error if the close came first). (Without the
// signal that interrupts the call, the close waits for ever for the descriptor.)
func TestCloseWakesBlockedRecv(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	end := make(chan struct{})
	defer close(end)
	go func() {
		c, err := l.Accept()
		if err == nil {
			// It never sends, and keeps the connection open after the program's shutdown of
			// its side: the receive waits until the close wakes it.
			io.Copy(io.Discard, c)
			<-end
			c.Close()
		}
	}()
	src := fmt.Sprintf(`(import (scheme base) (scheme write) (foment base))
(define s (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket s "127.0.0.1" "%d" *af-inet* *sock-stream* 0 *ipproto-tcp*)
(define t (run-thread
  (lambda ()
    (guard (e (#t (list 'raised (error-object-message e))))
      (recv-socket s 100 0)))))
(sleep 100)
(close-port s)
(write (thread-join! t))
`, l.Addr().(*net.TCPAddr).Port)
	var out syncBuffer
	in := interp.New(interp.Options{Stdout: &out})
	done := make(chan error, 1)
	go func() { done <- in.RunSource("close.scm", []byte(src)) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the close or the receive never returned")
	}
	in.Stdout.Flush()
	if got := out.String(); got != "#u8()" && !strings.HasPrefix(got, "(raised ") {
		t.Errorf("output %q", got)
	}
}

// TestReceivesOfEverySize: a receive of each size, either side of the bounds of the ways a
// receive is made (into a bytevector of what came, up to 512 bytes; through the thread's
// scratch buffer, up to 64 KiB; sized by FIONREAD above), returns what came and only that, in
// a bytevector of its own: the pieces kept from every receive still hold their bytes at the
// end (the scratch buffer is used again by each receive).
func TestReceivesOfEverySize(t *testing.T) {
	src := listening + `(define sizes '(1 300 512 513 4096 16384 16385 40000 65535 65536 65537 200000))
;; The sender sends message i (i+1 in every byte) once the receiver has taken message i-1.
(define sender
  (run-thread
    (lambda ()
      (let ((c (accept-socket server)))
        (let loop ((sizes sizes) (i 0))
          (unless (null? sizes)
            (send-socket c (make-bytevector (car sizes) (+ i 1)) 0)
            (recv-socket c 1 0)
            (loop (cdr sizes) (+ i 1))))
        (close-port c)))))
(define s (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket s "127.0.0.1" port *af-inet* *sock-stream* 0 *ipproto-tcp*)
;; Each message is received with a maximum of its size and of 64 KiB + 1 (more than came).
(define (receive size max)
  (let loop ((have 0) (pieces '()))
    (if (< have size)
        (let ((bv (recv-socket s (min max (- size have)) 0)))
          (loop (+ have (bytevector-length bv)) (cons bv pieces)))
        (reverse pieces))))
(define kept
  (let loop ((sizes sizes) (i 0) (kept '()))
    (if (null? sizes)
        (reverse kept)
        (let ((pieces (receive (car sizes) (if (even? i) (car sizes) 65537))))
          (send-socket s (bytevector 0) 0)
          (loop (cdr sizes) (+ i 1) (cons pieces kept))))))
(thread-join! sender)
(define (check pieces i)
  (let loop ((ps pieces) (n 0))
    (if (null? ps)
        n
        (let ((bv (car ps)))
          (do ((k 0 (+ k 1))) ((= k (bytevector-length bv)))
            (unless (= (bytevector-u8-ref bv k) (+ i 1))
              (error "a kept piece changed" i k (bytevector-u8-ref bv k))))
          (loop (cdr ps) (+ n (bytevector-length bv)))))))
(write (let loop ((kept kept) (i 0) (out '()))
         (if (null? kept) (reverse out) (loop (cdr kept) (+ i 1) (cons (check (car kept) i) out)))))
(write (bytevector-length (recv-socket s 65536 0)))
`
	out, err := run(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "(1 300 512 513 4096 16384 16385 40000 65535 65536 65537 200000)0"; out != want {
		t.Errorf("got %s, want %s", out, want)
	}
}
