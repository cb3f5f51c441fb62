package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// self runs foment-ls with args in a process of its own (this test binary again): what it
// printed on each stream, and its status.
func self(t *testing.T, args ...string) *exec.Cmd {
	j, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSelf$")
	cmd.Env = append(os.Environ(), "FOMENT_LS_SELF="+string(j))
	return cmd
}

// TestSelf is the command, when a test runs it in a process of its own.
func TestSelf(t *testing.T) {
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("FOMENT_LS_SELF")), &args); err != nil || len(args) == 0 {
		t.Skip("run by the record tests")
	}
	os.Exit(run(args))
}

func outputs(t *testing.T, cmd *exec.Cmd) (string, string, int) {
	t.Helper()
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errs.String(), code
}

// run --record and --replay: a program that reads its environment and input replays them
// anywhere; an edited one stops where it differs (status 3); a server stopped by SIGINT keeps
// its recording, and its replay ends where it was stopped, having printed what it printed.
func TestRecordAndReplayCommands(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "inputs.scm")
	src := `(import (scheme base) (scheme write) (scheme process-context) (scheme time))
(write (get-environment-variable "FOMENT_LS_TEST_VALUE")) (newline)
(write (read-line)) (newline)
(write (exact? (current-jiffy))) (newline)
(exit 7)
`
	os.WriteFile(prog, []byte(src), 0o644)
	rec := filepath.Join(dir, "inputs.rec")
	cmd := self(t, "run", "--record", rec, prog)
	cmd.Env = append(cmd.Env, "FOMENT_LS_TEST_VALUE=recorded")
	cmd.Stdin = strings.NewReader("a line\n")
	out, errs, code := outputs(t, cmd)
	want := "\"recorded\"\n\"a line\"\n#t\n"
	if out != want || code != 7 {
		t.Fatalf("recorded run: %q %q, status %d", out, errs, code)
	}
	cmd = self(t, "run", "--replay", rec)
	cmd.Env = append(cmd.Env, "FOMENT_LS_TEST_VALUE=other")
	if out, errs, code := outputs(t, cmd); out != want || code != 7 {
		t.Errorf("replay: %q %q, status %d", out, errs, code)
	}

	os.WriteFile(prog, []byte(strings.Replace(src, "FOMENT_LS_TEST_VALUE", "HOME", 1)), 0o644)
	out, errs, code = outputs(t, self(t, "run", "--replay", rec))
	if code != exitDiverged || out != "" || !strings.Contains(errs, "has changed since it was recorded") ||
		!strings.Contains(errs, `get-environment-variable "HOME"`) || !strings.Contains(errs, `get-environment-variable "FOMENT_LS_TEST_VALUE"`) {
		t.Errorf("edited replay: %q %q, status %d", out, errs, code)
	}

	// A server stopped by a signal.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	server, _ := filepath.Abs("../../examples/sockets.scm")
	rec = filepath.Join(dir, "server.rec")
	cmd = self(t, "run", "--record", rec, server, "server", port)
	var sout, serr lockedBuffer
	cmd.Stdout, cmd.Stderr = &sout, &serr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var conn net.Conn
	var err error
	for i := 0; i < 500; i++ {
		if conn, err = net.Dial("tcp", "127.0.0.1:"+port); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	conn.Write([]byte("hello"))
	for i := 0; i < 500 && !strings.Contains(sout.String(), "hello"); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	conn.Close()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 || !strings.Contains(serr.String(), "ends here") {
		t.Fatalf("the server stopped: %v, %q %q", err, sout.String(), serr.String())
	}
	out, errs, code = outputs(t, self(t, "run", "--replay", rec))
	if out != "hello\n" || code != exitDiverged || !strings.Contains(errs, "the recording ends here") {
		t.Errorf("replay of the stopped server: %q %q, status %d", out, errs, code)
	}
}

// lockedBuffer is a buffer a process writes to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
