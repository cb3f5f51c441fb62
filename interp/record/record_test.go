package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"foment-ls/interp"
	_ "foment-ls/interp/lib/all"
)

// run is one run of a program: recorded when rec is nil, else replayed from rec.
type run struct {
	out  string
	err  error
	file []byte // the recording made
	rp   *Replayer
}

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

// runProgram runs src (named name) with args and stdin, recording it, or replaying rec.
func runProgram(t testing.TB, name, src string, args []string, stdin string, rec *Recording) run {
	t.Helper()
	var out bytes.Buffer
	var file bytes.Buffer
	opts := interp.Options{Args: append([]string{name}, args...), Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &out}
	var recorder *Recorder
	var r run
	if rec == nil {
		var err error
		recorder, err = NewRecorder(nopCloser{&file}, Header{Program: name, Args: opts.Args}, interp.Live)
		if err != nil {
			t.Fatal(err)
		}
		opts.World = recorder
	} else {
		r.rp = NewReplayer(rec)
		opts.World = r.rp
	}
	in := interp.New(opts)
	r.err = in.RunSource(name, []byte(src))
	in.Stdout.Flush()
	if recorder != nil {
		code := 0
		if r.err != nil {
			code = 1
		}
		if err := recorder.Close(code, "", false); err != nil {
			t.Fatal(err)
		}
		r.file = file.Bytes()
	}
	r.out = out.String()
	return r
}

// recordReplay records a program, replays it, and checks that the replay's output is the
// recording's.
func recordReplay(t testing.TB, name, src string, args []string, stdin string) (recorded, replayed run) {
	t.Helper()
	recorded = runProgram(t, name, src, args, stdin, nil)
	rec, err := parse(recorded.file)
	if err != nil {
		t.Fatalf("%s: reading the recording: %v", name, err)
	}
	replayed = runProgram(t, name, src, args, "", rec)
	if err := replayed.rp.Err(); err != nil {
		t.Fatalf("%s: %v\nrecorded output:\n%s", name, err, recorded.out)
	}
	if replayed.out != recorded.out {
		t.Fatalf("%s: the replay's output differs\nrecorded:\n%s\nreplayed:\n%s", name, recorded.out, replayed.out)
	}
	if errText(replayed.err) != errText(recorded.err) {
		t.Fatalf("%s: the replay ended with %v, the recorded run with %v", name, replayed.err, recorded.err)
	}
	return recorded, replayed
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// parse indexes a recording held in memory.
func parse(b []byte) (*Recording, error) {
	r := &Recording{data: b, streams: map[int][]entry{}}
	return r, r.index()
}

var (
	sepRE   = regexp.MustCompile(`(?m)^;;;; -+.*$`)
	stdinRE = regexp.MustCompile(`(?s)#\|stdin\n(.*?)\|#`)
	argsRE  = regexp.MustCompile(`#\|args (.*?)\|#`)
)

// The interpreter's own test programs, recorded and replayed: every one gives the same output
// again (and the recording runs them serially, as they ran live).
func TestInterpreterProgramsReplay(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*.scm")
	if len(files) == 0 {
		t.Skip("no interp/testdata")
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		start := 0
		for _, b := range append(sepRE.FindAllStringIndex(string(data), -1), []int{len(data), len(data)}) {
			src := string(data[start:b[0]])
			line := strings.Count(string(data[:start]), "\n") + 1
			start = b[1]
			if strings.TrimSpace(src) == "" || strings.Contains(src, "make-socket") || strings.Contains(src, "client-socket") {
				continue
			}
			stdin := ""
			if m := stdinRE.FindStringSubmatch(src); m != nil {
				stdin = m[1]
			}
			var args []string
			if m := argsRE.FindStringSubmatch(src); m != nil {
				args = strings.Fields(m[1])
			}
			n++
			if raceEnabled && n%8 != 0 {
				continue // a sample under the race detector
			}
			name := fmt.Sprintf("%s:%d", filepath.Base(f), line)
			src = strings.Repeat("\n", line-1) + src
			recordReplay(t, name, src, args, stdin)
		}
	}
	t.Logf("%d programs", n)
}

// Threads that race for shared state interleave the same way in the replay.
func TestThreadsReplay(t *testing.T) {
	src := `(import (scheme base) (scheme write) (srfi 18) (only (foment base) sleep))
(define log '())
(define m (make-mutex))
(define (worker name n)
  (lambda ()
    (let loop ((i 0))
      (when (< i n)
        (mutex-lock! m)
        (set! log (cons (list name i) log))
        (mutex-unlock! m)
        (let spin ((k (* 37 (+ i 1)))) (if (> k 0) (spin (- k 1))))
        (if (= 0 (modulo i 7)) (thread-yield!))
        (if (= 0 (modulo i 11)) (sleep 1))
        (loop (+ i 1))))))
(define ts (map (lambda (nm) (make-thread (worker nm 300) nm)) '(a b c d)))
(for-each thread-start! ts)
(for-each thread-join! ts)
(write (length log)) (newline)
(write (reverse log)) (newline)
`
	rec, _ := recordReplay(t, "threads.scm", src, nil, "")
	if !strings.HasPrefix(rec.out, "1200\n") {
		t.Fatalf("output: %.200s %v", rec.out, rec.err)
	}
}

// freePort returns a loopback port nobody listens on.
func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

const echoServer = `(import (scheme base) (scheme write) (foment base))
(define port (cadr (command-line)))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket s)
(display "listening") (newline)
(define c (accept-socket s))
(let loop ((n 0))
  (let ((bv (recv-socket c 1000 0)))
    (cond ((> (bytevector-length bv) 0)
           (write (utf8->string bv)) (newline)
           (send-socket c bv 0)
           (loop (+ n (bytevector-length bv))))
          (else (display "received ") (display n) (newline)))))
(close-port c)
`

// A server recorded with a live client replays with no client and no network: the same
// output, and a replay of an edited server stops where it first behaves differently.
func TestSocketServerReplay(t *testing.T) {
	port := freePort(t)
	done := make(chan error, 1)
	go func() { done <- echoClient(port, []string{"hello", "world", "third message"}) }()
	rec, _ := recordReplay(t, "server.scm", echoServer, []string{strconv.Itoa(port)}, "")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := "listening\n\"hello\"\n\"world\"\n\"third message\"\nreceived 23\n"
	if rec.out != want {
		t.Fatalf("output %q, want %q", rec.out, want)
	}
	recording, err := parse(rec.file)
	if err != nil {
		t.Fatal(err)
	}
	// The program edited: it receives at most 10 bytes at a time.
	edited := strings.Replace(echoServer, "(recv-socket c 1000 0)", "(recv-socket c 10 0)", 1)
	got := runProgram(t, "server.scm", edited, []string{strconv.Itoa(port)}, "", recording)
	var d *Divergence
	if !errors.As(got.rp.Err(), &d) {
		t.Fatalf("the edited program replayed without a divergence: %v\n%s", got.err, got.out)
	}
	msg := d.Error()
	// A receive of 10 bytes takes them at once; one of 1000 asked how many had come.
	for _, part := range []string{"makes a recv of at most 10 bytes", "server.scm:9:", "has a FIONREAD", "(recv-socket)"} {
		if !strings.Contains(msg, part) {
			t.Errorf("divergence %q does not say %q", msg, part)
		}
	}
	if got.out != "listening\n" {
		t.Errorf("output before the divergence: %q", got.out)
	}
}

// echoClient sends each message, waits for its echo, then closes.
func echoClient(port int, msgs []string) error { return echoClientAt("127.0.0.1", port, msgs) }

// echoClientAt is echoClient to another host (::1).
func echoClientAt(host string, port int, msgs []string) error {
	var c net.Conn
	var err error
	for i := 0; i < 200; i++ {
		if c, err = net.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(port))); err == nil {
			break
		}
		sleep()
	}
	if err != nil {
		return err
	}
	defer c.Close()
	for _, m := range msgs {
		if _, err := c.Write([]byte(m)); err != nil {
			return err
		}
		buf := make([]byte, len(m))
		if _, err := io.ReadFull(c, buf); err != nil {
			return err
		}
		if string(buf) != m {
			return fmt.Errorf("echo %q, want %q", buf, m)
		}
	}
	return nil
}

func sleep() { time.Sleep(10 * time.Millisecond) }

// Random numbers, the time, the processor times and the environment come back the same.
func TestInputsReplay(t *testing.T) {
	src := `(import (scheme base) (scheme write) (scheme time) (scheme process-context) (srfi 27) (foment base))
(define s (make-random-source))
(random-source-randomize! s)
(write (list (random-integer 1000000000) ((random-source-make-integers s) 1000000000) (random-real)))
(newline)
(write (list (current-second) (current-jiffy) (current-milliseconds) (process-times)))
(newline)
(write (get-environment-variable "PATH")) (newline)
(write (length (get-environment-variables))) (newline)
(time (let loop ((i 0)) (if (< i 100000) (loop (+ i 1)))))
(write (read-line)) (newline)
`
	a, _ := recordReplay(t, "inputs.scm", src, nil, "a line of input\n")
	b := runProgram(t, "inputs.scm", src, nil, "a line of input\n", nil)
	if a.out == b.out {
		t.Errorf("two live runs printed the same: the test shows nothing\n%s", a.out)
	}
}
