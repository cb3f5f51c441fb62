package socket_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// A server under a low descriptor limit (ulimit -n 64) with 100 clients: a thread per
// connection blocks in recv. Accepts beyond the limit fail ("Too many open files") and the
// server goes on; a connection once accepted never fails for want of a descriptor (before,
// each wait took an eventfd of its own). After churn, the server holds no more eventfds than
// it has threads: they are per thread and closed with it. On a busy machine some echoes come
// after the client stopped counting and closed: the reset that follows is not a failure.
const fdServer = `(import (scheme base) (scheme write) (foment base))
(define server (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(bind-socket server "127.0.0.1" "0" *af-inet* *sock-stream* *ipproto-tcp*)
(listen-socket server 200)
(define port
  (let* ((text (call-with-port (open-output-string) (lambda (p) (write server p) (get-output-string p))))
         (cs (cdr (member #\: (string->list text)))))
    (let loop ((cs cs) (acc '()))
      (if (char-numeric? (car cs)) (loop (cdr cs) (cons (car cs) acc)) (list->string (reverse acc))))))
(define (say . xs) (for-each display xs) (newline) (flush-output-port))
(say "port " port)
(define (serve conn)
  (guard (e ((error-object? e) (say "connection failed: " (error-object-message e))))
    (let ((b (recv-socket conn 1 0)))
      (send-socket conn b 0)
      ;; A client that gave up waiting closed with the echo unread: its reset is not ours.
      (guard (e (#t #f)) (recv-socket conn 1 0))
      (close-port conn))))
(let loop ()
  (guard (e ((error-object? e) (say "accept failed: " (error-object-message e)) (sleep 10)))
    (let ((c (accept-socket server)))
      (run-thread (lambda () (serve c)))))
  (loop))
`

func TestDescriptorsUnderLimit(t *testing.T) {
	if os.Getenv("FOMENT_LS_FD_CHILD") == "1" {
		lim := unix.Rlimit{Cur: 64, Max: 64}
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
			fmt.Println("setrlimit:", err)
			os.Exit(2)
		}
		in := interp.New(interp.Options{Stdout: os.Stdout})
		err := in.RunSource("fdserver.scm", []byte(fdServer))
		fmt.Println("ended:", err)
		os.Exit(1)
	}
	if testing.Short() {
		t.Skip("runs a server process")
	}
	child := exec.Command(os.Args[0], "-test.run=^TestDescriptorsUnderLimit$")
	child.Env = append(os.Environ(), "FOMENT_LS_FD_CHILD=1")
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Wait()
	defer child.Process.Kill()
	// The server's first line is its port; the lines after it that report a failed
	// connection are kept.
	first := make(chan string, 1)
	var mu sync.Mutex
	var failed []string
	refused := make(chan struct{}) // closed at the first "accept failed": the limit is reached
	var refusedOnce sync.Once
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			l := sc.Text()
			select {
			case first <- l:
				continue
			default:
			}
			if strings.HasPrefix(l, "accept failed") {
				refusedOnce.Do(func() { close(refused) })
			}
			if strings.HasPrefix(l, "connection failed") || strings.HasPrefix(l, "ended") {
				mu.Lock()
				failed = append(failed, l)
				mu.Unlock()
			}
		}
	}()
	var port string
	select {
	case l := <-first:
		if !strings.HasPrefix(l, "port ") {
			t.Fatalf("server said %q", l)
		}
		port = strings.TrimPrefix(l, "port ")
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start")
	}
	addr := "127.0.0.1:" + port

	// 100 clients at once: each sends a byte and waits for it to come back.
	var conns []net.Conn
	for i := 0; i < 100; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		c.Write([]byte{byte(i)})
	}
	// Count the echoes until the server has refused an accept (it holds all the descriptors it
	// can) and then none came for two seconds: on a loaded machine a second without an echo
	// came before the server had reached its limit.
	echoes := make(chan bool, len(conns))
	for _, c := range conns {
		go func() {
			c.SetReadDeadline(time.Now().Add(60 * time.Second))
			var b [1]byte
			n, _ := c.Read(b[:])
			echoes <- n == 1
		}()
	}
	echoed := 0
	full := false
	deadline := time.After(60 * time.Second)
	for quiet := false; !quiet; {
		select {
		case ok := <-echoes:
			if ok {
				echoed++
			}
			quiet = echoed == len(conns)
		case <-refused:
			full, refused = true, nil
		case <-time.After(2 * time.Second):
			quiet = full
		case <-deadline:
			quiet = true
		}
	}
	for _, c := range conns {
		c.Close()
	}
	t.Logf("%d of 100 connections echoed under a limit of 64 descriptors", echoed)
	// The accepted ones nearly fill the 64 descriptors (an eventfd per thread would halve them).
	if echoed < 40 {
		t.Errorf("%d of 100 connections echoed under a limit of 64 descriptors", echoed)
	}

	// Churn: the backlog drains, then connections come and go, each served by a new thread.
	lost := 0
	for i := 0; i < 300 && lost < 3; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(30 * time.Second))
		var b [1]byte
		c.Write([]byte{1})
		if n, _ := c.Read(b[:]); n != 1 {
			t.Errorf("connection %d: no echo", i)
			lost++
		}
		c.Close()
	}
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(failed) > 0 {
		t.Errorf("accepted connections failed: %q", failed)
	}
	if n := eventfds(t, child.Process.Pid); n > 4 {
		t.Errorf("%d eventfds open in the server after churn", n)
	}
}

// eventfds counts the eventfds a process holds.
func eventfds(t *testing.T, pid int) int {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("no /proc")
	}
	n := 0
	for _, e := range ents {
		if l, _ := os.Readlink(dir + "/" + e.Name()); l == "anon_inode:[eventfd]" {
			n++
		}
	}
	return n
}
