package dap

import (
	"bufio"
	"encoding/json"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

// client drives a session over the protocol, as an editor does.
type client struct {
	t      testing.TB
	w      io.WriteCloser
	seq    int
	msgs   chan dap.Message
	output strings.Builder // what output events carried
	done   chan error
	held   []dap.Message // read ahead by waitOutput, given out by next first
	// threadEvents are the thread events seen so far
	threadEvents []dap.ThreadEventBody
}

func newClient(t testing.TB) *client {
	t.Helper()
	return newClientOf(t, func(r io.Reader, w io.Writer) error { return Serve(r, w, nil) })
}

// newClientOf drives a session that serve runs.
func newClientOf(t testing.TB, serve func(r io.Reader, w io.Writer) error) *client {
	t.Helper()
	cr, sw := io.Pipe() // the session writes, the client reads
	sr, cw := io.Pipe() // the client writes, the session reads
	c := &client{t: t, w: cw, msgs: make(chan dap.Message, 100), done: make(chan error, 1)}
	go func() { c.done <- serve(sr, sw); sw.Close() }()
	go func() {
		br := bufio.NewReader(cr)
		for {
			m, err := dap.ReadProtocolMessage(br)
			if err != nil {
				close(c.msgs)
				return
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<20)
			t.Errorf("the session did not end\n%s", buf[:runtime.Stack(buf, true)])
		}
	})
	return c
}

// send sends a request, numbering it.
func (c *client) send(r dap.RequestMessage) {
	c.t.Helper()
	c.seq++
	req := r.GetRequest()
	req.Seq, req.Type = c.seq, "request"
	if err := dap.WriteProtocolMessage(c.w, r); err != nil {
		c.t.Fatal(err)
	}
}

// next returns the next message that is not an output or thread event (those are
// collected).
func (c *client) next() dap.Message {
	c.t.Helper()
	if len(c.held) > 0 {
		m := c.held[0]
		c.held = c.held[1:]
		return m
	}
	deadline := time.After(10 * time.Second)
	for {
		if m := c.read(deadline); m != nil {
			return m
		}
	}
}

// read takes one message off the stream; an output event goes into c.output, a thread event
// into c.threadEvents, and reads as nil.
func (c *client) read(deadline <-chan time.Time) dap.Message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the session closed the stream")
		}
		if o, ok := m.(*dap.OutputEvent); ok {
			c.output.WriteString(o.Body.Output)
			return nil
		}
		if te, ok := m.(*dap.ThreadEvent); ok {
			c.threadEvents = append(c.threadEvents, te.Body)
			return nil
		}
		return m
	case <-deadline:
		c.t.Fatalf("nothing from the session in 10 s (output so far: %q)", c.output.String())
	}
	return nil
}

// expect returns the next message, which must be of type T.
func expect[T dap.Message](c *client) T {
	c.t.Helper()
	m := c.next()
	x, ok := m.(T)
	if !ok {
		b, _ := json.Marshal(m)
		var zero T
		c.t.Fatalf("got %s, want a %T", b, zero)
	}
	if _, isErr := m.(*dap.ErrorResponse); isErr {
		return x
	}
	if r, ok := m.(dap.ResponseMessage); ok && !r.GetResponse().Success {
		c.t.Fatalf("%s failed: %s", r.GetResponse().Command, r.GetResponse().Message)
	}
	return x
}

func req(command string) dap.Request {
	return dap.Request{ProtocolMessage: dap.ProtocolMessage{Type: "request"}, Command: command}
}

func testdata(name string) string {
	p, _ := filepath.Abs(filepath.Join("testdata", name))
	return p
}

// start initializes the session, sets breakpoints on lines of program, launches it and lets
// it run.
func (c *client) start(program string, lines []int, launch map[string]any) {
	c.t.Helper()
	c.initialize()
	c.launch(program, launch)
	if len(lines) > 0 {
		c.setBreakpoints(program, lines...)
	}
	c.configurationDone()
}

func (c *client) initialize() {
	c.t.Helper()
	c.send(&dap.InitializeRequest{Request: req("initialize"), Arguments: dap.InitializeRequestArguments{
		AdapterID: "foment", LinesStartAt1: true, ColumnsStartAt1: true, PathFormat: "path"}})
	init := expect[*dap.InitializeResponse](c)
	if !init.Body.SupportsConfigurationDoneRequest {
		c.t.Error("configurationDone not announced")
	}
}

// launch launches program with more launch arguments; it runs after configurationDone.
func (c *client) launch(program string, launch map[string]any) {
	c.t.Helper()
	if launch == nil {
		launch = map[string]any{}
	}
	launch["program"] = program
	args, _ := json.Marshal(launch)
	c.send(&dap.LaunchRequest{Request: req("launch"), Arguments: args})
	expect[*dap.LaunchResponse](c)
	expect[*dap.InitializedEvent](c) // the program is compiled: breakpoints can be set
}

func (c *client) configurationDone() {
	c.t.Helper()
	c.send(&dap.ConfigurationDoneRequest{Request: req("configurationDone")})
	expect[*dap.ConfigurationDoneResponse](c)
}

func (c *client) setBreakpoints(program string, lines ...int) *dap.SetBreakpointsResponse {
	c.t.Helper()
	var bps []dap.SourceBreakpoint
	for _, l := range lines {
		bps = append(bps, dap.SourceBreakpoint{Line: l})
	}
	return c.setSourceBreakpoints(program, bps)
}

func (c *client) setSourceBreakpoints(program string, bps []dap.SourceBreakpoint) *dap.SetBreakpointsResponse {
	c.t.Helper()
	c.send(&dap.SetBreakpointsRequest{Request: req("setBreakpoints"), Arguments: dap.SetBreakpointsArguments{
		Source: dap.Source{Path: program}, Breakpoints: bps}})
	return expect[*dap.SetBreakpointsResponse](c)
}

// stopped waits for a stop and returns its reason and the top frame's line.
func (c *client) stopped() (reason string, line int, frameID int) {
	c.t.Helper()
	ev := expect[*dap.StoppedEvent](c)
	frames := c.stack(ev.Body.ThreadId)
	return ev.Body.Reason, frames[0].Line, frames[0].Id
}

func (c *client) stack(thread int) []dap.StackFrame {
	c.t.Helper()
	c.send(&dap.StackTraceRequest{Request: req("stackTrace"), Arguments: dap.StackTraceArguments{ThreadId: thread}})
	st := expect[*dap.StackTraceResponse](c)
	if len(st.Body.StackFrames) == 0 {
		c.t.Fatal("no stack frames")
	}
	return st.Body.StackFrames
}

// scope returns the variables of a frame's scope by name.
func (c *client) scope(frameID int, name string) map[string]dap.Variable {
	c.t.Helper()
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frameID}})
	sc := expect[*dap.ScopesResponse](c)
	for _, s := range sc.Body.Scopes {
		if s.Name == name {
			return c.children(s.VariablesReference)
		}
	}
	c.t.Fatalf("no scope %s in %+v", name, sc.Body.Scopes)
	return nil
}

func (c *client) children(ref int) map[string]dap.Variable {
	c.t.Helper()
	c.send(&dap.VariablesRequest{Request: req("variables"), Arguments: dap.VariablesArguments{VariablesReference: ref}})
	vs := expect[*dap.VariablesResponse](c)
	out := map[string]dap.Variable{}
	for _, v := range vs.Body.Variables {
		out[v.Name] = v
	}
	return out
}

func (c *client) evaluate(frameID int, expr string) string {
	c.t.Helper()
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: expr, FrameId: frameID, Context: "watch"}})
	return expect[*dap.EvaluateResponse](c).Body.Result
}

// resume sends continue, next, stepIn or stepOut for thread 1 and checks the answer.
func (c *client) resume(command string) {
	c.t.Helper()
	r := req(command)
	m := map[string]dap.RequestMessage{
		"continue": &dap.ContinueRequest{Request: r, Arguments: dap.ContinueArguments{ThreadId: 1}},
		"next":     &dap.NextRequest{Request: r, Arguments: dap.NextArguments{ThreadId: 1}},
		"stepIn":   &dap.StepInRequest{Request: r, Arguments: dap.StepInArguments{ThreadId: 1}},
		"stepOut":  &dap.StepOutRequest{Request: r, Arguments: dap.StepOutArguments{ThreadId: 1}},
	}[command]
	c.send(m)
	if resp, ok := c.next().(dap.ResponseMessage); !ok || !resp.GetResponse().Success || resp.GetResponse().Command != command {
		c.t.Fatalf("%s: unexpected answer %+v", command, resp)
	}
}

// ended waits for the program's end and returns its exit code; threads may end before.
func (c *client) ended() int {
	c.t.Helper()
	m := c.next()
	for {
		if _, ok := m.(*dap.ThreadEvent); !ok {
			break
		}
		m = c.next()
	}
	c.held = append([]dap.Message{m}, c.held...)
	code := expect[*dap.ExitedEvent](c).Body.ExitCode
	expect[*dap.TerminatedEvent](c)
	return code
}

// waitOutput waits until the program's output contains text, keeping the other messages for next.
func (c *client) waitOutput(text string) string {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for !strings.Contains(c.output.String(), text) {
		if m := c.read(deadline); m != nil {
			c.held = append(c.held, m)
		}
	}
	return c.output.String()
}
