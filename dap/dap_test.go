package dap

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

// The scenario the debugger exists for: a breakpoint on accept-socket, the listening socket's
// address and state, a pause while blocked in accept, then the bytes that came in.
func TestBreakpointOnAcceptPauseWhileBlockedAndBytes(t *testing.T) {
	c := newClient(t)
	prog := testdata("server.scm")
	c.start(prog, []int{9}, nil)

	reason, line, frame := c.stopped()
	if reason != "breakpoint" || line != 9 {
		t.Fatalf("stopped for %s on line %d, want a breakpoint on line 9", reason, line)
	}
	socks := c.scope(frame, "Sockets")
	if len(socks) != 1 {
		t.Fatalf("sockets: %+v", socks)
	}
	var listening dap.Variable
	for _, v := range socks {
		listening = v
	}
	if !strings.Contains(listening.Value, "listening") || !strings.Contains(listening.Value, "127.0.0.1:") {
		t.Errorf("the listening socket shows as %q", listening.Value)
	}
	state := c.children(listening.VariablesReference)
	addr := state["local address"].Value
	if state["state"].Value != "listening" || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("socket state %+v", state)
	}
	if got := c.scope(frame, "Globals")["server"].Type; got != "socket" {
		t.Errorf("the global server is a %q", got)
	}

	// Continue: the program blocks in accept; a pause stops it there.
	c.resume("continue")
	time.Sleep(50 * time.Millisecond)
	c.send(&dap.PauseRequest{Request: req("pause"), Arguments: dap.PauseArguments{ThreadId: 1}})
	expect[*dap.PauseResponse](c)
	reason, line, frame = c.stopped()
	if reason != "pause" || line != 9 {
		t.Errorf("paused for %s on line %d, want a pause on line 9", reason, line)
	}
	for _, v := range c.scope(frame, "Sockets") {
		if st := c.children(v.VariablesReference); st["blocked in"].Value != "accept" {
			t.Errorf("paused socket: %+v", st)
		}
	}
	if !strings.Contains(c.output.String(), "listening\n") {
		t.Errorf("output so far: %q", c.output.String())
	}

	// A client connects and sends; the accept resumes, and the bytes are there to see.
	c.setBreakpoints(prog, 11)
	c.resume("continue")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("hello, debugger"))
	reason, line, frame = c.stopped()
	if reason != "breakpoint" || line != 11 {
		t.Fatalf("stopped for %s on line %d, want a breakpoint on line 11", reason, line)
	}
	msg := c.scope(frame, "Globals")["message"]
	if msg.Type != "bytevector" || msg.Value != `15 bytes "hello, debugger"` || msg.IndexedVariables != 15 {
		t.Fatalf("message: %+v", msg)
	}
	parts := c.children(msg.VariablesReference)
	if parts["length"].Value != "15" || parts["text"].Value != `"hello, debugger"` ||
		parts["hex"].Value != "68656c6c6f2c206465627567676572" || parts["14"].Value != "114 (#x72)" {
		t.Errorf("bytes: %+v", parts)
	}
	c.send(&dap.VariablesRequest{Request: req("variables"), Arguments: dap.VariablesArguments{
		VariablesReference: msg.VariablesReference, Filter: "indexed", Start: 7, Count: 2}})
	if page := expect[*dap.VariablesResponse](c).Body.Variables; len(page) != 2 || page[0].Name != "7" || page[0].Value != "100 (#x64)" {
		t.Errorf("bytes 7 and 8: %+v", page)
	}
	if got := c.evaluate(frame, "(utf8->string message)"); got != `"hello, debugger"` {
		t.Errorf("evaluate: %s", got)
	}
	c.resume("continue")
	if code := c.ended(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if !strings.Contains(c.output.String(), "hello, debugger\n") {
		t.Errorf("output: %q", c.output.String())
	}
}

// next, step in, step out, with the locals of each frame.
func TestStepping(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.start(prog, []int{10}, nil)
	if reason, line, _ := c.stopped(); reason != "breakpoint" || line != 10 {
		t.Fatalf("stopped for %s on line %d", reason, line)
	}
	var trail []int
	step := func(cmd string) int {
		c.resume(cmd)
		_, line, _ := c.stopped()
		trail = append(trail, line)
		return line
	}
	step("stepIn") // into sum-squares
	if line := step("stepIn"); line < 6 || line > 9 {
		t.Errorf("step in went to line %d", line)
	}
	for i := 0; i < 20 && trail[len(trail)-1] != 4; i++ {
		step("stepIn")
	}
	if trail[len(trail)-1] != 4 {
		t.Fatalf("never stepped into square: %v", trail)
	}
	frames := c.stack(1)
	if frames[0].Name != "square" || len(frames) < 3 {
		t.Errorf("stack in square: %+v", frames)
	}
	if x := c.scope(frames[0].Id, "Locals")["x"].Value; x != "1" {
		t.Errorf("x = %s", x)
	}
	if got := c.evaluate(frames[0].Id, "(+ x 41)"); got != "42" {
		t.Errorf("evaluate (+ x 41) = %s", got)
	}
	// Out of square, back in the loop (line 9 has no call left after square's: the loop's
	// next line is where it stops); next stays in the loop's frame.
	step("stepOut")
	if frames := c.stack(1); frames[0].Name != "loop" || frames[0].Line < 7 || frames[0].Line > 9 {
		t.Errorf("step out went to %s line %d", frames[0].Name, frames[0].Line)
	}
	step("next")
	if frames := c.stack(1); frames[0].Name == "square" {
		t.Errorf("next went into square: %v", trail)
	}
	c.setBreakpoints(prog)
	c.resume("continue")
	if code := c.ended(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if !strings.Contains(c.output.String(), "14\n") {
		t.Errorf("output %q", c.output.String())
	}
}

// Conditions, hit counts and logpoints run on the thread, with its locals.
func TestConditionalBreakpointsAndLogpoints(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.initialize()
	c.launch(prog, nil)
	res := c.setSourceBreakpoints(prog, []dap.SourceBreakpoint{
		{Line: 4, Condition: "(= x 2)"},
		{Line: 9, LogMessage: "total is {total}"},
		{Line: 11, HitCondition: "1"},
		{Line: 1}, // a comment: moves to the first line with code after it
	})
	if b := res.Body.Breakpoints; len(b) != 4 || !b[3].Verified || b[3].Line != 3 {
		t.Errorf("breakpoints: %+v", b)
	}
	c.setSourceBreakpoints(prog, []dap.SourceBreakpoint{
		{Line: 4, Condition: "(= x 2)"},
		{Line: 9, LogMessage: "total is {total}"},
		{Line: 11, HitCondition: "1"},
	})
	c.configurationDone()
	_, line, frame := c.stopped()
	if line != 4 || c.scope(frame, "Locals")["x"].Value != "2" {
		t.Errorf("stopped on line %d with %+v", line, c.scope(frame, "Locals"))
	}
	c.resume("continue")
	if _, line, _ := c.stopped(); line != 11 {
		t.Errorf("stopped on line %d, want 11", line)
	}
	if out := c.output.String(); !strings.Contains(out, "total is 0\ntotal is 1\ntotal is 5\n") {
		t.Errorf("logpoint output %q", out)
	}
	c.resume("continue")
	c.ended()
}

// Terminate while blocked in accept ends the program at once and closes its sockets.
func TestTerminateWhileBlocked(t *testing.T) {
	c := newClient(t)
	c.start(testdata("server.scm"), nil, nil)
	time.Sleep(100 * time.Millisecond) // in accept by now
	start := time.Now()
	c.send(&dap.TerminateRequest{Request: req("terminate")})
	expect[*dap.TerminateResponse](c)
	c.ended()
	t.Logf("terminate took %v", time.Since(start))
	c.send(&dap.DisconnectRequest{Request: req("disconnect")})
	expect[*dap.DisconnectResponse](c)
}

// Stop on entry, then the errors a user can make: no program, a syntax error, an unknown
// request, a request for a frame that is gone.
func TestEntryAndErrors(t *testing.T) {
	c := newClient(t)
	c.start(testdata("steps.scm"), nil, map[string]any{"stopOnEntry": true})
	if reason, line, _ := c.stopped(); reason != "entry" || line != 3 {
		t.Errorf("stopped for %s on line %d, want entry on line 3", reason, line)
	}
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: 999}})
	if r := expect[*dap.ErrorResponse](c); r.Success || !strings.Contains(r.Message, "no such frame") {
		t.Errorf("scopes of a missing frame: %+v", r)
	}
	c.send(&dap.DisassembleRequest{Request: req("disassemble")})
	if r := expect[*dap.ErrorResponse](c); r.Success {
		t.Errorf("disassemble: %+v", r)
	}
	c.resume("continue")
	c.ended()

	bad := newClient(t)
	bad.initialize()
	bad.send(&dap.LaunchRequest{Request: req("launch"), Arguments: []byte(`{}`)})
	if r := expect[*dap.ErrorResponse](bad); !strings.Contains(r.Message, "no program") {
		t.Errorf("launch without a program: %s", r.Message)
	}
	bad.send(&dap.LaunchRequest{Request: req("launch"), Arguments: []byte(`{"program":"` + testdata("broken.scm") + `"}`)})
	if r := expect[*dap.ErrorResponse](bad); !strings.Contains(r.Message, "broken.scm:3") {
		t.Errorf("launch of a broken program: %s", r.Message)
	}
}

// Malformed messages and unknown requests are answered or skipped; the session goes on.
func TestMalformedMessages(t *testing.T) {
	c := newClient(t)
	for _, raw := range []string{
		"Content-Length: 5\r\n\r\n{bad}",
		"Content-Length: 2\r\n\r\n[]",
		"Content-Length: 42\r\n\r\n{\"seq\":1,\"type\":\"request\",\"command\":\"fly\"}",
		"Garbage: yes\r\n\r\n",
	} {
		if _, err := c.w.Write([]byte(raw)); err != nil {
			t.Fatal(err)
		}
	}
	if r := expect[*dap.ErrorResponse](c); !strings.Contains(r.Message, "fly") {
		t.Errorf("unknown request: %+v", r)
	}
	c.send(&dap.InitializeRequest{Request: req("initialize")})
	expect[*dap.InitializeResponse](c)
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	if th := expect[*dap.ThreadsResponse](c); len(th.Body.Threads) != 1 {
		t.Errorf("threads before launch: %+v", th.Body.Threads)
	}
}

// An error that nothing catches stops where it is raised, its frame intact; one a guard
// catches does not.
func TestStopOnUncaughtError(t *testing.T) {
	c := newClient(t)
	c.start(testdata("error.scm"), nil, nil)
	ev := expect[*dap.StoppedEvent](c)
	if ev.Body.Reason != "exception" || !strings.Contains(ev.Body.Text, "negative: -2") {
		t.Errorf("stopped: %+v", ev.Body)
	}
	// (error ...) is check's tail call: its frame has taken check's place.
	frames := c.stack(ev.Body.ThreadId)
	if frames[0].Line != 4 || frames[0].Name != "error" || frames[1].Line != 8 {
		t.Errorf("stack: %+v", frames)
	}
	errScope := c.scope(frames[0].Id, "Error")
	if errScope["message"].Value != "negative:" || errScope["irritants"].Value != "(-2)" || errScope["kind"].Value == "" {
		t.Errorf("the error scope: %+v", errScope)
	}
	c.send(&dap.ExceptionInfoRequest{Request: req("exceptionInfo"), Arguments: dap.ExceptionInfoArguments{ThreadId: ev.Body.ThreadId}})
	if info := expect[*dap.ExceptionInfoResponse](c); !strings.Contains(info.Body.Description, "negative: -2") {
		t.Errorf("exception info: %+v", info.Body)
	}
	c.resume("continue")
	if code := c.ended(); code != 1 {
		t.Errorf("exit code %d", code)
	}
	if out := c.output.String(); !strings.HasPrefix(out, "caught\n") || !strings.Contains(out, "error.scm:4:") {
		t.Errorf("output %q", out)
	}
}

// A function breakpoint on recv-socket stops the thread that serves a client, at each call,
// even in a loop written on one line.
func TestFunctionBreakpointOnAThread(t *testing.T) {
	c := newClient(t)
	c.initialize()
	c.launch(testdata("threads.scm"), nil)
	c.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints"),
		Arguments: dap.SetFunctionBreakpointsArguments{Breakpoints: []dap.FunctionBreakpoint{{Name: "recv-socket"}}}})
	expect[*dap.SetFunctionBreakpointsResponse](c)
	c.configurationDone()

	// The program shows its socket; a client connects to that address and sends.
	addr := strings.Fields(c.waitOutput("listening>"))[2]
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %q: %v", addr, err)
	}
	defer conn.Close()
	conn.Write([]byte("abc"))

	ev := expect[*dap.StoppedEvent](c)
	if te := c.threadEvents; len(te) != 1 || te[0].Reason != "started" || te[0].ThreadId != ev.Body.ThreadId {
		t.Errorf("thread events %+v", te)
	}
	if ev.Body.Reason != "function breakpoint" || ev.Body.ThreadId == 1 {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	frames := c.stack(ev.Body.ThreadId)
	if frames[0].Line != 7 {
		t.Errorf("stopped on line %d", frames[0].Line)
	}
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	if th := expect[*dap.ThreadsResponse](c); len(th.Body.Threads) != 2 {
		t.Errorf("threads: %+v", th.Body.Threads)
	}
	// The next call of the loop, on the same line, stops again.
	c.send(&dap.ContinueRequest{Request: req("continue"), Arguments: dap.ContinueArguments{ThreadId: ev.Body.ThreadId}})
	expect[*dap.ContinueResponse](c)
	again := expect[*dap.StoppedEvent](c)
	frames = c.stack(again.Body.ThreadId)
	if again.Body.Reason != "function breakpoint" || frames[0].Line != 7 {
		t.Errorf("the second call: %+v on line %d", again.Body, frames[0].Line)
	}
	if n := c.scope(frames[0].Id, "Locals")["n"].Value; n != "3" {
		t.Errorf("n = %s", n)
	}
	c.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints")})
	expect[*dap.SetFunctionBreakpointsResponse](c)
	c.send(&dap.ContinueRequest{Request: req("continue"), Arguments: dap.ContinueArguments{ThreadId: again.Body.ThreadId}})
	expect[*dap.ContinueResponse](c)
	conn.Close()
	if code := c.ended(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if !strings.HasSuffix(c.output.String(), "3\n") {
		t.Errorf("output %q", c.output.String())
	}
}

// A local set from the Variables view changes what the program computes.
func TestSetVariable(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.start(prog, []int{4}, nil)
	_, line, frame := c.stopped()
	if line != 4 {
		t.Fatalf("stopped on line %d", line)
	}
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frame}})
	var locals, globals int
	for _, sc := range expect[*dap.ScopesResponse](c).Body.Scopes {
		switch sc.Name {
		case "Locals":
			locals = sc.VariablesReference
		case "Globals":
			globals = sc.VariablesReference
		}
	}
	c.send(&dap.SetVariableRequest{Request: req("setVariable"), Arguments: dap.SetVariableArguments{
		VariablesReference: locals, Name: "x", Value: "(* x 10)"}})
	if r := expect[*dap.SetVariableResponse](c); r.Body.Value != "10" {
		t.Errorf("set x: %+v", r.Body)
	}
	c.send(&dap.SetVariableRequest{Request: req("setVariable"), Arguments: dap.SetVariableArguments{
		VariablesReference: globals, Name: "car", Value: "1"}})
	if r := expect[*dap.ErrorResponse](c); !strings.Contains(r.Message, "not a variable of the program") {
		t.Errorf("set an imported name: %s", r.Message)
	}
	c.setBreakpoints(prog)
	c.resume("continue")
	c.ended()
	if !strings.Contains(c.output.String(), "113\n") {
		t.Errorf("output %q, want 113 (100 + 4 + 9)", c.output.String())
	}
}

// An evaluation that waits (an accept typed in the debug console) leaves the session
// answering; a terminate ends it, and the program.
func TestEvaluationThatWaits(t *testing.T) {
	c := newClient(t)
	c.start(testdata("server.scm"), []int{9}, nil)
	_, _, frame := c.stopped()
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(accept-socket server)", FrameId: frame, Context: "repl"}})
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	expect[*dap.ThreadsResponse](c) // answered while the evaluation waits
	c.send(&dap.TerminateRequest{Request: req("terminate")})
	seen := map[string]bool{}
	for len(seen) < 4 {
		switch m := c.next().(type) {
		case *dap.TerminateResponse:
			seen["terminate"] = true
		case *dap.ErrorResponse:
			if m.Command != "evaluate" || !strings.Contains(m.Message, "ended") {
				t.Errorf("evaluate answered %+v", m.Response)
			}
			seen["evaluate"] = true
		case *dap.ExitedEvent:
			seen["exited"] = true
		case *dap.TerminatedEvent:
			seen["terminated"] = true
		default:
			t.Fatalf("unexpected %T %+v", m, m)
		}
	}
}
