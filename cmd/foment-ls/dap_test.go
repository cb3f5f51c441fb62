package main

import (
	"bufio"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

// buildBinary builds foment-ls once per test that needs the real command.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "foment-ls")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// foment-ls dap --listen serves one client on the address it prints: TCP on loopback, or a
// Unix socket.
func TestDapListen(t *testing.T) {
	bin := buildBinary(t)
	for _, addr := range []string{"127.0.0.1:0", "unix:" + filepath.Join(t.TempDir(), "dap.sock")} {
		cmd := exec.Command(bin, "dap", "--listen", addr)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		line, err := bufio.NewReader(stdout).ReadString('\n')
		got, ok := strings.CutPrefix(strings.TrimSpace(line), "DAP server listening at: ")
		if err != nil || !ok {
			t.Fatalf("first line %q (%v)", line, err)
		}
		network := "tcp"
		if p, ok := strings.CutPrefix(got, "unix:"); ok {
			network, got = "unix", p
		}
		conn, err := net.DialTimeout(network, got, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		dap.WriteProtocolMessage(conn, &dap.InitializeRequest{Request: dap.Request{
			ProtocolMessage: dap.ProtocolMessage{Seq: 1, Type: "request"}, Command: "initialize"}})
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		m, err := dap.ReadProtocolMessage(bufio.NewReader(conn))
		if r, ok := m.(*dap.InitializeResponse); err != nil || !ok || !r.Success || !r.Body.SupportsConfigurationDoneRequest {
			t.Fatalf("initialize: %+v %v", m, err)
		}
		dap.WriteProtocolMessage(conn, &dap.DisconnectRequest{Request: dap.Request{
			ProtocolMessage: dap.ProtocolMessage{Seq: 2, Type: "request"}, Command: "disconnect"}})
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("exit: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the adapter did not end after disconnect")
		}
	}
}

// Every interface is refused without --allow-remote, with a message that says why.
func TestDapListenRefusesRemote(t *testing.T) {
	bin := buildBinary(t)
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		out, err := exec.Command(bin, "dap", "--listen", addr).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "--allow-remote") {
			t.Errorf("%s: %v %s", addr, err, out)
		}
	}
}

// foment-ls run --debug runs the program at once and serves clients that attach, one at a
// time: one stops it and detaches, the program goes on; another ends it.
func TestRunDebug(t *testing.T) {
	bin := buildBinary(t)
	if out, err := exec.Command(bin, "run", "--debug", "0.0.0.0:0", "../../dap/testdata/loop.scm").CombinedOutput(); err == nil || !strings.Contains(string(out), "--allow-remote") {
		t.Errorf("every interface: %v %s", err, out)
	}
	cmd := exec.Command(bin, "run", "--debug", "127.0.0.1:0", "../../dap/testdata/loop.scm")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stderr).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "foment-ls: debugger listening at ")
	if err != nil || !ok {
		t.Fatalf("first line %q (%v)", line, err)
	}
	session := func(terminate bool) {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(conn)
		seq := 0
		send := func(m dap.RequestMessage) {
			seq++
			m.GetRequest().Seq, m.GetRequest().Type = seq, "request"
			dap.WriteProtocolMessage(conn, m)
		}
		await := func(pred func(dap.Message) bool) {
			for {
				m, err := dap.ReadProtocolMessage(r)
				if err != nil {
					t.Fatalf("read: %v", err)
				}
				if resp, ok := m.(dap.ResponseMessage); ok && !resp.GetResponse().Success {
					t.Fatalf("%s failed: %s", resp.GetResponse().Command, resp.GetResponse().Message)
				}
				if pred(m) {
					return
				}
			}
		}
		send(&dap.InitializeRequest{Request: dap.Request{Command: "initialize"}})
		await(func(m dap.Message) bool { _, ok := m.(*dap.InitializeResponse); return ok })
		send(&dap.AttachRequest{Request: dap.Request{Command: "attach"}, Arguments: []byte("{}")})
		await(func(m dap.Message) bool { _, ok := m.(*dap.InitializedEvent); return ok })
		send(&dap.ConfigurationDoneRequest{Request: dap.Request{Command: "configurationDone"}})
		send(&dap.PauseRequest{Request: dap.Request{Command: "pause"}, Arguments: dap.PauseArguments{ThreadId: 1}})
		await(func(m dap.Message) bool { _, ok := m.(*dap.StoppedEvent); return ok })
		send(&dap.StackTraceRequest{Request: dap.Request{Command: "stackTrace"}, Arguments: dap.StackTraceArguments{ThreadId: 1}})
		await(func(m dap.Message) bool {
			st, ok := m.(*dap.StackTraceResponse)
			if ok && (len(st.Body.StackFrames) == 0 || !strings.HasSuffix(st.Body.StackFrames[0].Source.Path, "loop.scm")) {
				t.Errorf("stack: %+v", st.Body)
			}
			return ok
		})
		send(&dap.DisconnectRequest{Request: dap.Request{Command: "disconnect"}, Arguments: &dap.DisconnectArguments{TerminateDebuggee: terminate}})
		await(func(m dap.Message) bool { _, ok := m.(*dap.DisconnectResponse); return ok })
	}
	session(false)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		t.Fatalf("the program ended when the client detached: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	session(true)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Error("terminateDebuggee did not end the program")
	}
}
