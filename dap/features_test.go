package dap

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

// What socket work needs (issue 11): socket-event breakpoints, threads named by what they do,
// the Sockets scope's owners and waiters, the console (cancel, completions, setExpression,
// hex), restart, delayed stack loading, terminateThreads.

func (c *client) setExceptionFilters(filters ...string) {
	c.t.Helper()
	c.send(&dap.SetExceptionBreakpointsRequest{Request: req("setExceptionBreakpoints"),
		Arguments: dap.SetExceptionBreakpointsArguments{Filters: filters}})
	expect[*dap.SetExceptionBreakpointsResponse](c)
}

func (c *client) threadNames() map[int]string {
	c.t.Helper()
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	out := map[int]string{}
	for _, th := range expect[*dap.ThreadsResponse](c).Body.Threads {
		out[th.Id] = th.Name
	}
	return out
}

// dialEcho connects to the address echo.scm prints.
func (c *client) dialEcho() net.Conn {
	c.t.Helper()
	out := c.waitOutput(">\n")
	addr := out[strings.Index(out, "127.0.0.1:"):]
	addr = strings.Fields(strings.TrimSuffix(strings.Fields(addr)[0], ">"))[0]
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { conn.Close() })
	return conn
}

// Socket events stop the thread they happen on, each naming its socket: a connection
// accepted, data arrived, the peer closed.
func TestSocketEventBreakpoints(t *testing.T) {
	c := newClient(t)
	c.initialize()
	c.launch(testdata("echo.scm"), nil)
	c.setExceptionFilters("uncaught", "accept", "data", "closed")
	c.configurationDone()
	conn := c.dialEcho()

	ev := c.stoppedEvent()
	if ev.Body.Reason != "exception" || ev.Body.Description != "Connection accepted" || !strings.Contains(ev.Body.Text, "connected") || ev.Body.ThreadId == 1 {
		t.Fatalf("accept: %+v", ev.Body)
	}
	worker := ev.Body.ThreadId
	c.send(&dap.ExceptionInfoRequest{Request: req("exceptionInfo"), Arguments: dap.ExceptionInfoArguments{ThreadId: worker}})
	if info := expect[*dap.ExceptionInfoResponse](c); info.Body.ExceptionId != "accept" || info.Body.BreakMode != "always" {
		t.Errorf("exception info: %+v", info.Body)
	}
	frames := c.stack(worker)
	if errScope := c.scope(frames[0].Id, "Error"); errScope["accept"].Type != "socket" {
		t.Errorf("the event's scope: %+v", errScope)
	}
	// Threads say what they do: main waits to join the worker.
	if names := c.threadNames(); !strings.HasPrefix(names[1], "main: thread-join!") || !strings.HasPrefix(names[worker], "thread-2: stopped") {
		t.Errorf("threads: %v", names)
	}
	c.resume("continue")

	conn.Write([]byte("hi"))
	ev = c.stoppedEvent()
	if ev.Body.Description != "Data arrived" || !strings.Contains(ev.Body.Text, `2 bytes arrived`) || !strings.Contains(ev.Body.Text, `"hi"`) {
		t.Errorf("data: %+v", ev.Body)
	}
	c.resume("continue")
	var b [2]byte
	conn.Read(b[:])

	// While the worker waits in recv, its name says so, and the Sockets scope says who waits.
	c.setExceptionFilters("closed")
	time.Sleep(50 * time.Millisecond)
	if names := c.threadNames(); !strings.Contains(names[worker], "recv 127.0.0.1:") || !strings.Contains(names[worker], "←:") {
		t.Errorf("the waiting worker: %q", names[worker])
	}
	c.pause(worker)
	ev = c.stoppedEvent()
	socks := c.scope(c.stack(ev.Body.ThreadId)[0].Id, "Sockets")
	waited := false
	for _, s := range socks {
		if strings.Contains(s.Value, "recv waited for by thread-2") {
			waited = true
			if parts := c.children(s.VariablesReference); !strings.HasPrefix(parts["owner"].Value, "thread-2") {
				t.Errorf("owner: %+v", parts["owner"])
			}
		}
	}
	if !waited {
		t.Errorf("sockets: %+v", socks)
	}
	c.resume("continue")

	conn.Close()
	ev = c.stoppedEvent()
	if ev.Body.Description != "Peer closed" || ev.Body.ThreadId != worker {
		t.Errorf("closed: %+v", ev.Body)
	}
	c.resume("continue")
	if code := c.ended(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	exited := false
	for _, te := range c.threadEvents {
		exited = exited || te.Reason == "exited" && te.ThreadId == worker
	}
	if !exited {
		t.Errorf("thread events: %+v", c.threadEvents)
	}
}

// Caught errors and socket errors stop when asked for, before anything unwinds.
func TestCaughtAndSocketErrors(t *testing.T) {
	c := newClient(t)
	c.initialize()
	c.launch(testdata("error.scm"), nil)
	c.setExceptionFilters("caught")
	c.configurationDone()
	ev := c.stoppedEvent()
	if ev.Body.Reason != "exception" || !strings.Contains(ev.Body.Text, "negative: -1") {
		t.Errorf("caught: %+v", ev.Body)
	}
	if frames := c.stack(1); frames[0].Line != 4 {
		t.Errorf("stopped on line %d", frames[0].Line)
	}
	c.send(&dap.ExceptionInfoRequest{Request: req("exceptionInfo"), Arguments: dap.ExceptionInfoArguments{ThreadId: 1}})
	if info := expect[*dap.ExceptionInfoResponse](c); info.Body.BreakMode != "always" || info.Body.Details == nil {
		t.Errorf("exception info: %+v", info.Body)
	}
	c.resume("continue") // the uncaught one does not stop: its filter is off
	if code := c.ended(); code != 1 {
		t.Errorf("exit code %d", code)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close() // nothing listens there now
	c = newClient(t)
	c.initialize()
	c.launch(testdata("refused.scm"), map[string]any{"args": []string{port}})
	c.setExceptionFilters("socket-error")
	c.configurationDone()
	ev = c.stoppedEvent()
	if ev.Body.Description != "Socket error" || !strings.Contains(ev.Body.Text, "connect-socket") {
		t.Errorf("socket error: %+v", ev.Body)
	}
	c.resume("continue")
	c.ended()
	if !strings.Contains(c.output.String(), "refused") {
		t.Errorf("output %q", c.output.String())
	}
}

// The console: a running evaluation is cancelled and the program goes on; completions come
// from the frame and the program; setExpression; hex.
func TestConsole(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.start(prog, []int{4}, nil)
	_, _, frame := c.stopped()
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(let loop () (loop))", FrameId: frame, Context: "repl"}})
	evalSeq := c.seq
	time.Sleep(50 * time.Millisecond)
	c.send(&dap.CancelRequest{Request: req("cancel"), Arguments: &dap.CancelArguments{RequestId: evalSeq}})
	for got := 0; got < 2; got++ {
		switch m := c.next().(type) {
		case *dap.CancelResponse:
		case *dap.ErrorResponse:
			if m.RequestSeq != evalSeq || m.Message != "cancelled" {
				t.Errorf("the evaluation answered %+v", m.Response)
			}
		default:
			t.Fatalf("unexpected %T %+v", m, m)
		}
	}
	if got := c.evaluate(frame, "(* x 2)"); got != "2" {
		t.Errorf("after the cancel: %s", got)
	}

	c.send(&dap.CompletionsRequest{Request: req("completions"), Arguments: dap.CompletionsArguments{
		FrameId: frame, Text: "(list (squ", Column: 11}})
	items := expect[*dap.CompletionsResponse](c).Body.Targets
	if len(items) != 1 || items[0].Label != "square" || items[0].Start != 8 || items[0].Length != 3 {
		t.Errorf("completions of squ: %+v", items)
	}
	c.send(&dap.CompletionsRequest{Request: req("completions"), Arguments: dap.CompletionsArguments{
		FrameId: frame, Text: "x", Column: 2}})
	if items := expect[*dap.CompletionsResponse](c).Body.Targets; len(items) == 0 || items[0].Label != "x" || items[0].Detail != "local" {
		t.Errorf("completions of x: %+v", items)
	}
	c.send(&dap.CompletionsRequest{Request: req("completions"), Arguments: dap.CompletionsArguments{
		FrameId: frame, Text: "(vector-fi", Column: 11}})
	if items := expect[*dap.CompletionsResponse](c).Body.Targets; len(items) != 1 || !strings.HasPrefix(items[0].Detail, "(vector-fill!") {
		t.Errorf("completions of vector-fi: %+v", items)
	}

	c.send(&dap.SetExpressionRequest{Request: req("setExpression"), Arguments: dap.SetExpressionArguments{
		Expression: "x", Value: "(+ 40 2)", FrameId: frame}})
	if r := expect[*dap.SetExpressionResponse](c); r.Body.Value != "42" {
		t.Errorf("set x: %+v", r.Body)
	}
	c.send(&dap.SetExpressionRequest{Request: req("setExpression"), Arguments: dap.SetExpressionArguments{
		Expression: "(vector-ref v 0)", Value: "'a", FrameId: frame}})
	if r := expect[*dap.ErrorResponse](c); !strings.Contains(r.Message, "v") {
		t.Errorf("set an element of a vector that is not there: %+v", r.Response)
	}
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(define v (vector 1 2))", FrameId: frame, Context: "repl"}})
	expect[*dap.EvaluateResponse](c)
	c.send(&dap.SetExpressionRequest{Request: req("setExpression"), Arguments: dap.SetExpressionArguments{
		Expression: "(vector-ref v 1)", Value: "(* x 10)", FrameId: frame}})
	if r := expect[*dap.SetExpressionResponse](c); r.Body.Value != "420" {
		t.Errorf("set (vector-ref v 1): %+v", r.Body)
	}
	if got := c.evaluate(frame, "v"); got != "#(1 420)" {
		t.Errorf("v = %s", got)
	}

	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(+ 200 55)", FrameId: frame, Context: "watch", Format: &dap.ValueFormat{Hex: true}}})
	if r := expect[*dap.EvaluateResponse](c); r.Body.Result != "#xff" {
		t.Errorf("hex: %+v", r.Body)
	}
	c.setBreakpoints(prog)
	c.resume("continue")
	c.ended()
	if !strings.Contains(c.output.String(), "1777\n") { // 42*42 + 4 + 9
		t.Errorf("output %q", c.output.String())
	}
}

// Restart runs the program again with its breakpoints; stack frames load a page at a time.
func TestRestartAndDelayedStack(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.start(prog, []int{4}, nil)
	c.stopped()
	c.send(&dap.StackTraceRequest{Request: req("stackTrace"), Arguments: dap.StackTraceArguments{ThreadId: 1, StartFrame: 1, Levels: 1}})
	st := expect[*dap.StackTraceResponse](c)
	if len(st.Body.StackFrames) != 1 || st.Body.TotalFrames != 3 || st.Body.StackFrames[0].Name != "loop" {
		t.Errorf("frames 1..1: %+v (of %d)", st.Body.StackFrames, st.Body.TotalFrames)
	}
	c.send(&dap.RestartRequest{Request: req("restart")})
	expect[*dap.RestartResponse](c)
	reason, line, frame := c.stopped()
	if reason != "breakpoint" || line != 4 || c.scope(frame, "Locals")["x"].Value != "1" {
		t.Errorf("after the restart: %s on line %d", reason, line)
	}
	c.setBreakpoints(prog)
	c.resume("continue")
	c.ended()
	if out := c.output.String(); strings.Count(out, "14\n") != 1 {
		t.Errorf("output %q", out)
	}
}

// terminateThreads ends a worker; the program goes on without it.
func TestTerminateThreads(t *testing.T) {
	c := newClient(t)
	c.start(testdata("loop.scm"), nil, nil)
	time.Sleep(50 * time.Millisecond)
	names := c.threadNames()
	if len(names) != 2 {
		t.Fatalf("threads %v", names)
	}
	c.send(&dap.TerminateThreadsRequest{Request: req("terminateThreads"), Arguments: dap.TerminateThreadsArguments{ThreadIds: []int{2}}})
	expect[*dap.TerminateThreadsResponse](c)
	deadline := time.Now().Add(5 * time.Second)
	for len(c.threadNames()) != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if names := c.threadNames(); len(names) != 1 {
		t.Errorf("threads after: %v", names)
	}
	c.terminateAndDisconnect()
}
