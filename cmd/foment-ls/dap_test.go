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
