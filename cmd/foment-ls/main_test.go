package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestCheckFormats(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.scm")
	os.WriteFile(bad, []byte("(import (foment base))\n(make-socket *sock-stream* *af-inet* 0)\n"), 0o644)
	good := filepath.Join(dir, "sub", "good.scm")
	os.MkdirAll(filepath.Dir(good), 0o755)
	os.WriteFile(good, []byte("(import (scheme base))\n(define x 1)\n"), 0o644)

	var out, errb bytes.Buffer
	if code := checkCmd([]string{good}, &out, &errb); code != 0 || out.Len() != 0 {
		t.Errorf("clean file: exit %d, output %q", code, out.String())
	}
	out.Reset()
	if code := checkCmd([]string{dir}, &out, &errb); code != 1 {
		t.Errorf("directory with an error: exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], bad+":2:14: error: ") || !strings.HasSuffix(lines[0], "[socket-kind]") {
		t.Errorf("text output:\n%s", out.String())
	}
	out.Reset()
	checkCmd([]string{"--format", "json", bad}, &out, &errb)
	var js []map[string]any
	if err := json.Unmarshal(out.Bytes(), &js); err != nil || len(js) != 2 || js[0]["code"] != "socket-kind" {
		t.Errorf("json output %v: %s", err, out.String())
	}
	out.Reset()
	checkCmd([]string{"--format", "sarif", bad}, &out, &errb)
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &sarif); err != nil {
		t.Fatal(err)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || sarif.Runs[0].Tool.Driver.Name != "foment-ls" ||
		len(sarif.Runs[0].Results) != 2 || sarif.Runs[0].Results[0].Level != "error" ||
		sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine != 2 ||
		len(sarif.Runs[0].Tool.Driver.Rules) != 1 {
		t.Errorf("sarif: %+v", sarif)
	}
	if code := checkCmd([]string{"--format", "xml", bad}, &out, &errb); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
	if code := checkCmd([]string{filepath.Join(dir, "missing.scm")}, &out, &errb); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
}

// The bundled example with mistakes reports each of them.
func TestMistakesExample(t *testing.T) {
	var out, errb bytes.Buffer
	if code := checkCmd([]string{"../../examples/mistakes/server.scm"}, &out, &errb); code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, code := range []string{"socket-kind", "socket-string", "socket-flag", "recv-size", "socket-constant", "unbound"} {
		if !strings.Contains(out.String(), "["+code+"]") {
			t.Errorf("no %s in\n%s", code, out.String())
		}
	}
}

var built struct {
	once sync.Once
	bin  string
	err  error
}

// binary builds foment-ls once for the tests that run it as a user would.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "foment-ls-test-")
		if err != nil {
			built.err = err
			return
		}
		built.bin = filepath.Join(dir, "foment-ls")
		// -buildvcs=auto: the revision is stamped in a git clone, whatever GOFLAGS says.
		if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.bin != "" {
		os.RemoveAll(filepath.Dir(built.bin))
	}
	os.Exit(code)
}

// foment runs the binary and returns its exit status, standard output and standard error.
func foment(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// Help is asked for, so it goes to standard output with status 0; mistakes go to standard
// error with status 2.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errs := foment(t, "", args...)
		if code != 0 || !strings.Contains(out, "usage: foment-ls [command]") || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	for _, cmd := range []string{"check", "run", "lsp", "dap", "version"} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {"help", cmd}} {
			code, out, errs := foment(t, "", args...)
			if code != 0 || !strings.HasPrefix(out, "usage: foment-ls "+cmd) || errs != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
			}
		}
	}
	code, out, errs := foment(t, "", "frobnicate")
	if code != 2 || out != "" || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = foment(t, "", "check", "--colour", "x.scm")
	if code != 2 || out != "" || !strings.Contains(errs, "-colour") || !strings.Contains(errs, "foment-ls check --help") {
		t.Errorf("bad flag: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestCheckCommandLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.scm")
	os.WriteFile(bad, []byte("(import (foment base))\n(make-socket *sock-stream* *af-inet* 0)\n"), 0o644)
	// Flags after the files.
	code, out, _ := foment(t, "", "check", bad, "--format", "json")
	var js []map[string]any
	if code != 1 || json.Unmarshal([]byte(out), &js) != nil || len(js) != 2 {
		t.Errorf("check FILE --format json: exit %d, %q", code, out)
	}
	// "--" ends the flags: a file may be named like one.
	dash := filepath.Join(dir, "--format")
	os.WriteFile(dash, []byte("(import (scheme base))\n(car)\n"), 0o644)
	code, out, errs := foment(t, "", "check", "--", dash)
	if code != 1 || !strings.Contains(out, "[arity]") {
		t.Errorf("check -- --format: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// A missing file among good ones: the good ones are reported, the missing one too, exit 2.
	missing := filepath.Join(dir, "missing.scm")
	code, out, errs = foment(t, "", "check", bad, missing)
	if code != 2 || !strings.Contains(out, "[socket-kind]") || !strings.Contains(errs, "missing.scm") {
		t.Errorf("a missing file among good ones: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// run --help is help, not a file named --help; the program's own arguments stay its own.
	prog := filepath.Join(dir, "args.scm")
	os.WriteFile(prog, []byte("(import (scheme base) (scheme write) (scheme process-context))\n(write (cdr (command-line)))\n"), 0o644)
	code, out, errs = foment(t, "", "run", prog, "--help", "-x")
	if code != 0 || out != `("--help" "-x")` {
		t.Errorf("run FILE --help -x: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := foment(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "foment-ls ") || !strings.Contains(out, "go       go1.") || !strings.Contains(out, "module   foment-ls") {
		t.Errorf("version: exit %d, %q", code, out)
	}
	// Built in a git clone, the revision is the clone's (Go does not stamp a git worktree,
	// whose .git is a file).
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if st, serr := os.Stat("../../.git"); err == nil && serr == nil && st.IsDir() {
		if !strings.Contains(out, "revision "+strings.TrimSpace(string(head))) {
			t.Errorf("version without the revision %s: %q", head, out)
		}
	} else if !strings.Contains(out, "revision unknown") {
		t.Errorf("version outside a clone: %q", out)
	}
}

func frames(bodies ...string) string {
	var b strings.Builder
	for _, body := range bodies {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return b.String()
}

// --log FILE --trace LEVEL: every message in the log, with its method and, for a response,
// what it answers and how long it took.
func TestProtocolTrace(t *testing.T) {
	dir := t.TempDir()
	logFile := filepath.Join(dir, "lsp.log")
	code, _, errs := foment(t, frames(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`), "lsp", "--log", logFile, "--trace", "verbose")
	log, _ := os.ReadFile(logFile)
	for _, want := range []string{"server=lsp", "dir=recv", "kind=request method=initialize id=1", "kind=notification method=initialized",
		"dir=send", "kind=response id=1 of=initialize latency=", `\"serverInfo\"`, "method=exit", "msg=exit server=lsp pid="} {
		if !strings.Contains(string(log), want) {
			t.Errorf("lsp log without %q (exit %d, %s):\n%s", want, code, errs, log)
		}
	}
	logFile = filepath.Join(dir, "dap.log")
	foment(t, frames(
		`{"seq":1,"type":"request","command":"initialize","arguments":{"adapterID":"foment"}}`,
		`{"seq":2,"type":"request","command":"disconnect","arguments":{}}`), "dap", "--log", logFile)
	log, _ = os.ReadFile(logFile)
	for _, want := range []string{"server=dap", "kind=request command=initialize seq=1", "kind=response command=initialize request_seq=1 success=true of=initialize latency=",
		"command=disconnect"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("dap log without %q:\n%s", want, log)
		}
	}
	if strings.Contains(string(log), "body=") {
		t.Errorf("--trace messages logged bodies:\n%s", log)
	}
	if code, _, errs := foment(t, "", "lsp", "--log", logFile, "--trace", "loud"); code != 2 || !strings.Contains(errs, "off, messages or verbose") {
		t.Errorf("--trace loud: exit %d, %q", code, errs)
	}
}

// openPTY returns the two ends of a new pseudo-terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminals:", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skip("unlockpt:", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skip("ptsname:", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skip("open the terminal:", err)
	}
	return m, s
}

// A bare foment-ls started on a terminal says what it is waiting for (on standard error); on
// pipes, as editors start it, it says nothing.
func TestWaitingOnATerminal(t *testing.T) {
	master, slave := openPTY(t)
	defer master.Close()
	cmd := exec.Command(binary(t))
	cmd.Stdin = slave
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	// Ctrl-D at the start of a line: end of input.
	master.Write([]byte{4})
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("foment-ls did not end at the end of its input")
	}
	if !strings.Contains(errb.String(), "language server (LSP), waiting for messages on standard input") || out.Len() != 0 {
		t.Errorf("on a terminal: stdout %q, stderr %q", out.String(), errb.String())
	}
	if code, out, errs := foment(t, ""); errs != "" || out != "" {
		t.Errorf("on a pipe: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
