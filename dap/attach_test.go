package dap

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// A program run for clients to attach to (foment-ls run --debug): one attaches, stops it,
// looks, detaches and leaves it running; another attaches later and ends it.
func TestAttachDetach(t *testing.T) {
	var out syncBuffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out})
	src := "(import (scheme base))\n(define counter 0)\n(define (spin)\n  (set! counter (+ counter 1))\n  (spin))\n(spin)\n"
	d, err := NewDebuggee(in, "spin.scm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan error, 1)
	go func() { ran <- d.Run() }()
	attach := func() *client {
		c := newClientOf(t, func(r io.Reader, w io.Writer) error { return ServeAttach(r, w, d, nil) })
		c.initialize()
		c.send(&dap.AttachRequest{Request: req("attach"), Arguments: []byte(`{}`)})
		expect[*dap.AttachResponse](c)
		expect[*dap.InitializedEvent](c)
		return c
	}
	c := attach()
	// A second client is refused while one is attached.
	other := newClientOf(t, func(r io.Reader, w io.Writer) error { return ServeAttach(r, w, d, nil) })
	other.initialize()
	other.send(&dap.AttachRequest{Request: req("attach"), Arguments: []byte(`{}`)})
	if r := expect[*dap.ErrorResponse](other); !strings.Contains(r.Message, "another client") {
		t.Errorf("a second client: %s", r.Message)
	}
	// The program runs already: a breakpoint stops it as soon as it is set.
	c.configurationDone()
	c.setBreakpoints("spin.scm", 4)
	if reason, line, frame := c.stopped(); reason != "breakpoint" || line != 4 || c.evaluate(frame, "(> counter -1)") != "#t" {
		t.Errorf("stopped for %s on line %d", reason, line)
	}
	first := c.evaluate(0, "counter")
	c.send(&dap.DisconnectRequest{Request: req("disconnect")})
	expect[*dap.DisconnectResponse](c)

	// It runs on without a client.
	time.Sleep(50 * time.Millisecond)
	select {
	case err := <-ran:
		t.Fatalf("the program ended on detach: %v", err)
	default:
	}
	c = attach()
	c.configurationDone()
	c.pause(1)
	c.stoppedEvent()
	if later := c.evaluate(0, "counter"); later == first {
		t.Errorf("counter %s, still %s: the program did not run between the clients", later, first)
	}
	c.send(&dap.DisconnectRequest{Request: req("disconnect"), Arguments: &dap.DisconnectArguments{TerminateDebuggee: true}})
	select {
	case err := <-ran:
		var term *interp.Terminate
		if !errors.As(err, &term) {
			t.Errorf("the program ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("terminateDebuggee did not end the program")
	}
}

// console "integratedTerminal": the program's input and output are a terminal of the client's,
// reached through the runInTerminal reverse request and the stdio bridge; a read that waits
// for typing can be paused.
func TestRunInTerminal(t *testing.T) {
	c := newClient(t)
	c.send(&dap.InitializeRequest{Request: req("initialize"), Arguments: dap.InitializeRequestArguments{
		AdapterID: "foment", LinesStartAt1: true, ColumnsStartAt1: true, SupportsRunInTerminalRequest: true}})
	expect[*dap.InitializeResponse](c)
	args := `{"program":"` + testdata("greet.scm") + `","console":"integratedTerminal"}`
	c.send(&dap.LaunchRequest{Request: req("launch"), Arguments: []byte(args)})
	expect[*dap.LaunchResponse](c)
	expect[*dap.InitializedEvent](c)
	rit := expect[*dap.RunInTerminalRequest](c)
	a := rit.Arguments.Args
	if rit.Arguments.Kind != "integrated" || len(a) != 4 || a[1] != BridgeCommand {
		t.Fatalf("runInTerminal: %+v", rit.Arguments)
	}
	// The client's terminal runs the bridge; here it runs in the test.
	typed, keyboard := io.Pipe()
	var screen syncBuffer
	bridged := make(chan error, 1)
	go func() { bridged <- Bridge(a[2], a[3], typed, &screen) }()
	c.seq++
	dap.WriteProtocolMessage(c.w, &dap.RunInTerminalResponse{Response: dap.Response{
		ProtocolMessage: dap.ProtocolMessage{Seq: c.seq, Type: "response"}, RequestSeq: rit.Seq,
		Command: "runInTerminal", Success: true}, Body: dap.RunInTerminalResponseBody{ProcessId: 1}})
	c.configurationDone()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(screen.String(), "name? ") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// It waits for typing: a pause stops it there.
	c.pause(1)
	if ev := c.stoppedEvent(); ev.Body.Reason != "pause" {
		t.Errorf("stopped: %+v", ev.Body)
	}
	if frames := c.stack(1); frames[len(frames)-1].Line != 4 {
		t.Errorf("paused at %+v", frames)
	}
	c.resume("continue")
	io.WriteString(keyboard, "Ada\n")
	c.ended()
	select {
	case err := <-bridged:
		if err != nil {
			t.Errorf("bridge: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the bridge did not end with the program")
	}
	keyboard.Close()
	if got := screen.String(); got != "name? hello, Ada\n" {
		t.Errorf("the terminal shows %q", got)
	}
}
