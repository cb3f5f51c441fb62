package dap

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

// The hangs and wrong answers of issue 11, one protocol test each.

// quiet checks that nothing but output comes from the session for a while (no ghost stop).
func (c *client) quiet(d time.Duration) {
	c.t.Helper()
	if len(c.held) > 0 {
		c.t.Fatalf("unexpected %T", c.held[0])
	}
	deadline := time.After(d)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatal("the session closed the stream")
			}
			if o, isOut := m.(*dap.OutputEvent); isOut {
				c.output.WriteString(o.Body.Output)
				continue
			}
			if _, isThread := m.(*dap.ThreadEvent); isThread {
				continue
			}
			c.t.Fatalf("unexpected %T %+v", m, m)
		case <-deadline:
			return
		}
	}
}

func (c *client) pause(thread int) {
	c.t.Helper()
	c.send(&dap.PauseRequest{Request: req("pause"), Arguments: dap.PauseArguments{ThreadId: thread}})
	expect[*dap.PauseResponse](c)
}

// stoppedEvent waits for a stop, skipping thread events.
func (c *client) stoppedEvent() *dap.StoppedEvent {
	c.t.Helper()
	for {
		switch m := c.next().(type) {
		case *dap.ThreadEvent:
		case *dap.StoppedEvent:
			return m
		default:
			c.t.Fatalf("got %T %+v, want a stop", m, m)
		}
	}
}

// terminateAndDisconnect ends the session as VS Code's stop button does.
func (c *client) terminateAndDisconnect() {
	c.t.Helper()
	c.send(&dap.TerminateRequest{Request: req("terminate")})
	expect[*dap.TerminateResponse](c)
	c.ended()
	c.send(&dap.DisconnectRequest{Request: req("disconnect")})
	expect[*dap.DisconnectResponse](c)
}

// 1. Two pauses (a double click), or a pause while stopped: one stop, no ghost after continue,
// and terminate and disconnect are answered.
func TestDoublePause(t *testing.T) {
	c := newClient(t)
	c.start(testdata("loop.scm"), nil, nil)
	time.Sleep(50 * time.Millisecond)
	if ev := c.doublePause(); ev.Body.Reason != "pause" {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	c.pause(1) // while stopped: nothing
	c.quiet(200 * time.Millisecond)
	c.resume("continue")
	c.quiet(300 * time.Millisecond) // no ghost stop
	c.doublePause()
	c.terminateAndDisconnect()
}

// doublePause sends two pauses at once and waits for both answers and the one stop.
func (c *client) doublePause() *dap.StoppedEvent {
	c.t.Helper()
	for range 2 {
		c.send(&dap.PauseRequest{Request: req("pause"), Arguments: dap.PauseArguments{ThreadId: 1}})
	}
	var stop *dap.StoppedEvent
	for answers := 0; answers < 2 || stop == nil; {
		switch m := c.next().(type) {
		case *dap.PauseResponse:
			answers++
		case *dap.StoppedEvent:
			if stop != nil {
				c.t.Fatalf("a second stop: %+v", m.Body)
			}
			stop = m
		default:
			c.t.Fatalf("unexpected %T %+v", m, m)
		}
	}
	return stop
}

// 2. A pause during an evaluation stops inside it; when that stop is resumed the evaluation
// answers and the thread is back at its first stop, which still works.
func TestPauseDuringEvaluation(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	c.start(prog, []int{4}, nil)
	_, _, frame := c.stopped()
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(let loop ((i 0)) (if (< i 3000000) (loop (+ i 1)) (+ i x)))", FrameId: frame, Context: "repl"}})
	time.Sleep(50 * time.Millisecond)
	c.pause(1)
	if ev := c.stoppedEvent(); ev.Body.Reason != "pause" {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	if frames := c.stack(1); len(frames) == 0 {
		t.Fatal("no frames inside the evaluation")
	}
	c.resume("continue")
	if r := expect[*dap.EvaluateResponse](c); r.Body.Result != "3000001" {
		t.Errorf("evaluate: %+v", r.Body)
	}
	if ev := c.stoppedEvent(); ev.Body.Reason != "breakpoint" {
		t.Errorf("back at: %+v", ev.Body)
	}
	frames := c.stack(1)
	if frames[0].Line != 4 || frames[0].Name != "square" {
		t.Errorf("back at %s line %d", frames[0].Name, frames[0].Line)
	}
	if got := c.evaluate(frames[0].Id, "x"); got != "1" {
		t.Errorf("x = %s", got)
	}
	c.setBreakpoints(prog)
	c.resume("continue")
	c.ended()
	c.send(&dap.DisconnectRequest{Request: req("disconnect")})
	expect[*dap.DisconnectResponse](c)
}

// 2b. The same with an accept typed in the console: a pause stops it while it waits, a
// continue lets it wait again, a client connects and the evaluation answers.
func TestPauseDuringAcceptInConsole(t *testing.T) {
	c := newClient(t)
	c.start(testdata("server.scm"), []int{9}, nil)
	_, _, frame := c.stopped()
	addr := c.scope(frame, "Globals")["server"].Value
	addr = addr[strings.Index(addr, "127.0.0.1:"):]
	addr = strings.Fields(addr)[0]
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: "(accept-socket server)", FrameId: frame, Context: "repl"}})
	time.Sleep(50 * time.Millisecond)
	c.pause(1)
	if ev := c.stoppedEvent(); ev.Body.Reason != "pause" {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	c.resume("continue")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if r := expect[*dap.EvaluateResponse](c); !strings.Contains(r.Body.Result, "connected") {
		t.Errorf("evaluate: %+v", r.Body)
	}
	c.stoppedEvent()
	if frames := c.stack(1); frames[0].Line != 9 {
		t.Errorf("back at line %d", frames[0].Line)
	}
	c.terminateAndDisconnect()
}

// 3. A circular list, a list of a million elements and a long string in scope: every value
// answers at once, cut to a budget, cycles labelled; the parts page.
func TestValuesWithinBudget(t *testing.T) {
	c := newClient(t)
	prog := testdata("data.scm")
	c.start(prog, []int{12}, nil)
	_, _, frame := c.stopped()
	g := c.scope(frame, "Globals")
	if v := g["circle"].Value; v != "#0=(1 2 3 . #0#)" || g["circle"].IndexedVariables != 3 {
		t.Errorf("circle: %+v", g["circle"])
	}
	parts := c.children(g["circle"].VariablesReference)
	if parts["2"].Value != "3" || !strings.Contains(parts["cycle"].Value, "pair 0") {
		t.Errorf("circle's parts: %+v", parts)
	}
	long := g["long"]
	if len(long.Value) > maxValue+10 || !strings.HasSuffix(long.Value, "…") || long.IndexedVariables != 1000000 {
		t.Errorf("long: %d bytes, %d elements", len(long.Value), long.IndexedVariables)
	}
	c.send(&dap.VariablesRequest{Request: req("variables"), Arguments: dap.VariablesArguments{
		VariablesReference: long.VariablesReference, Filter: "indexed", Start: 999998, Count: 5}})
	if page := expect[*dap.VariablesResponse](c).Body.Variables; len(page) != 2 || page[1].Name != "999999" {
		t.Errorf("the last page: %+v", page)
	}
	if v := g["text"].Value; len(v) > maxValue+10 {
		t.Errorf("text: %d bytes", len(v))
	}
	if v := g["p"]; !strings.HasPrefix(v.Value, "#<point") || v.Type != "point" {
		t.Errorf("p: %+v", v)
	}
	if fields := c.children(g["p"].VariablesReference); fields["y"].Value != `2 bytes "hi"` {
		t.Errorf("p's fields: %+v", fields)
	}
	c.terminateAndDisconnect()
}

// 4. Every line with code that runs is a place a breakpoint stops and a step goes: set!, if,
// when, begin, a taken branch; the interpreter's stop sites answer breakpointLocations.
func TestEveryLineStops(t *testing.T) {
	c := newClient(t)
	prog := testdata("lines.scm")
	c.initialize()
	c.launch(prog, nil)
	lines := []int{5, 6, 7, 8, 10, 11, 12}
	res := c.setBreakpoints(prog, lines...)
	for i, bp := range res.Body.Breakpoints {
		if !bp.Verified || bp.Line != lines[i] {
			t.Errorf("breakpoint on line %d: %+v", lines[i], bp)
		}
	}
	c.send(&dap.BreakpointLocationsRequest{Request: req("breakpointLocations"), Arguments: &dap.BreakpointLocationsArguments{
		Source: dap.Source{Path: prog}, Line: 4, EndLine: 13}})
	seen := map[int]bool{}
	for _, l := range expect[*dap.BreakpointLocationsResponse](c).Body.Breakpoints {
		seen[l.Line] = true
	}
	for _, l := range []int{4, 5, 6, 7, 8, 9, 10, 11, 12} {
		if !seen[l] {
			t.Errorf("no breakpoint location on line %d: %v", l, seen)
		}
	}
	c.configurationDone()
	var hit []int
	for range 6 {
		_, line, _ := c.stopped()
		hit = append(hit, line)
		c.resume("continue")
	}
	if fmt.Sprint(hit) != "[5 6 7 10 11 12]" {
		t.Errorf("stopped on lines %v", hit)
	}
	c.ended()

	// Stepping goes through the same lines.
	c = newClient(t)
	c.start(prog, []int{5}, nil)
	c.stopped()
	c.setBreakpoints(prog)
	hit = nil
	for range 3 {
		c.resume("next")
		_, line, _ := c.stopped()
		hit = append(hit, line)
	}
	// After bump returns, display's call on line 14 has begun already: the next line is 15.
	if fmt.Sprint(hit) != "[6 7 15]" {
		t.Errorf("next went to lines %v", hit)
	}
	c.terminateAndDisconnect()
}

// 5. A breakpoint in a define-library file stops; one on the library's top-level code, which
// ran while the program was compiled, says so.
func TestBreakpointInLibrary(t *testing.T) {
	c := newClient(t)
	lib := testdata("mylib/util.sld")
	c.initialize()
	c.launch(testdata("uselib.scm"), nil)
	res := c.setBreakpoints(lib, 7, 5)
	if b := res.Body.Breakpoints; !b[0].Verified || b[0].Line != 7 || b[1].Verified || !strings.Contains(b[1].Message, "library is loaded") {
		t.Errorf("breakpoints: %+v", b)
	}
	c.configurationDone()
	reason, line, frame := c.stopped()
	if reason != "breakpoint" || line != 7 {
		t.Errorf("stopped for %s on line %d", reason, line)
	}
	if n := c.scope(frame, "Locals")["n"].Value; n != "4" {
		t.Errorf("n = %s", n)
	}
	c.send(&dap.LoadedSourcesRequest{Request: req("loadedSources")})
	var names []string
	for _, s := range expect[*dap.LoadedSourcesResponse](c).Body.Sources {
		names = append(names, s.Name)
	}
	if fmt.Sprint(names) != "[uselib.scm util.sld]" {
		t.Errorf("loaded sources %v", names)
	}
	c.resume("continue")
	c.ended()
	if !strings.Contains(c.output.String(), "7\n") {
		t.Errorf("output %q", c.output.String())
	}
}

// 6. Evaluate, setVariable and the scopes work in the frames of a thread that holds still
// because another one stopped.
func TestOtherThreadsFrames(t *testing.T) {
	c := newClient(t)
	c.initialize()
	c.launch(testdata("threads.scm"), nil)
	c.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints"),
		Arguments: dap.SetFunctionBreakpointsArguments{Breakpoints: []dap.FunctionBreakpoint{{Name: "recv-socket"}}}})
	expect[*dap.SetFunctionBreakpointsResponse](c)
	c.configurationDone()
	addr := strings.Fields(c.waitOutput("listening>"))[2]
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ev := c.stoppedEvent()
	if ev.Body.ThreadId == 1 {
		t.Fatal("the main thread stopped")
	}
	// The main thread waits in thread-join!: its frame is the top level.
	main := c.stack(1)
	if main[len(main)-1].Name != "top level" {
		t.Errorf("main's frames: %+v", main)
	}
	if got := c.evaluate(main[0].Id, "(socket? server)"); got != "#t" {
		t.Errorf("evaluate in main's frame: %s", got)
	}
	// The worker's bottom frame is its thunk, not "top level".
	worker := c.stack(ev.Body.ThreadId)
	if last := worker[len(worker)-1]; last.Name == "top level" || last.Line == 0 {
		t.Errorf("the worker's bottom frame: %+v", last)
	}
	if got := c.evaluate(worker[0].Id, "n"); got != "0" {
		t.Errorf("n in the worker's loop: %s", got)
	}
	c.terminateAndDisconnect()
}

// 7. An Error scope and exceptionInfo only at an exception stop.
func TestErrorScopeOnlyOnExceptions(t *testing.T) {
	c := newClient(t)
	c.start(testdata("error.scm"), []int{7}, nil)
	_, _, frame := c.stopped()
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frame}})
	scopes := expect[*dap.ScopesResponse](c).Body.Scopes
	if scopes[0].Name == "Error" {
		t.Errorf("scopes at a breakpoint: %+v", scopes)
	}
	c.send(&dap.ExceptionInfoRequest{Request: req("exceptionInfo"), Arguments: dap.ExceptionInfoArguments{ThreadId: 1}})
	expect[*dap.ErrorResponse](c)
	c.resume("continue")
	ev := c.stoppedEvent()
	if ev.Body.Reason != "exception" {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	frames := c.stack(1)
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frames[0].Id}})
	if scopes := expect[*dap.ScopesResponse](c).Body.Scopes; scopes[0].Name != "Error" {
		t.Errorf("scopes at the error: %+v", scopes)
	}
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frames[1].Id}})
	if scopes := expect[*dap.ScopesResponse](c).Body.Scopes; scopes[0].Name == "Error" {
		t.Errorf("scopes of the caller: %+v", scopes)
	}
	c.terminateAndDisconnect()
}

// 8. A local whose binding has not run yet is not shown (it is no 0).
func TestUnboundLocalsHidden(t *testing.T) {
	c := newClient(t)
	c.start(testdata("data.scm"), []int{12}, nil)
	_, _, frame := c.stopped()
	if v, ok := c.scope(frame, "Locals")["unbound"]; ok {
		t.Errorf("unbound shows as %+v", v)
	}
	c.resume("next")
	if _, line, _ := c.stopped(); line != 13 {
		t.Errorf("next went to line %d", line)
	}
	frames := c.stack(1)
	if v := c.scope(frames[0].Id, "Locals")["unbound"]; v.Value != "7" {
		t.Errorf("bound: %+v (line %d)", v, frames[0].Line)
	}
	c.terminateAndDisconnect()
}

// 9. A breakpoint sent again unchanged (editors do after every edit) keeps its hit count.
func TestHitCountsSurviveResend(t *testing.T) {
	c := newClient(t)
	prog := testdata("steps.scm")
	// Line 9 stops before each call of square; line 4, in square, on its third call.
	bps := []dap.SourceBreakpoint{{Line: 4, HitCondition: "3"}, {Line: 9}}
	c.initialize()
	c.launch(prog, nil)
	first := c.setSourceBreakpoints(prog, bps).Body.Breakpoints[0]
	c.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints"),
		Arguments: dap.SetFunctionBreakpointsArguments{Breakpoints: []dap.FunctionBreakpoint{{Name: "car"}}}})
	if r := expect[*dap.SetFunctionBreakpointsResponse](c); r.Body.Breakpoints[0].Verified || !strings.Contains(r.Body.Breakpoints[0].Message, "inline") {
		t.Errorf("a function breakpoint on car: %+v", r.Body.Breakpoints[0])
	}
	c.configurationDone()
	for i := 0; i < 3; i++ {
		if _, line, _ := c.stopped(); line != 9 {
			t.Fatalf("stopped on line %d", line)
		}
		again := c.setSourceBreakpoints(prog, bps).Body.Breakpoints[0]
		if again.Id != first.Id {
			t.Errorf("the breakpoint came back as %d, was %d", again.Id, first.Id)
		}
		c.resume("continue")
	}
	if reason, line, frame := c.stopped(); reason != "breakpoint" || line != 4 || c.scope(frame, "Locals")["x"].Value != "3" {
		t.Errorf("stopped for %s on line %d", reason, line)
	}
	c.terminateAndDisconnect()
}

// 10. The protocol's edges: lines from 0 and file URIs, lines out of the file, a program
// reached through a symbolic link, thread names, no Go type names.
func TestProtocolEdges(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "linked")
	if err := os.Symlink(filepath.Dir(testdata("steps.scm")), link); err != nil {
		t.Fatal(err)
	}
	c := newClient(t)
	c.send(&dap.InitializeRequest{Request: req("initialize"), Arguments: dap.InitializeRequestArguments{
		AdapterID: "foment", LinesStartAt1: false, ColumnsStartAt1: false, PathFormat: "uri"}})
	expect[*dap.InitializeResponse](c)
	c.launch("file://"+filepath.Join(link, "steps.scm"), nil) // through the link
	res := c.setSourceBreakpoints("file://"+testdata("steps.scm"), []dap.SourceBreakpoint{{Line: 3}, {Line: 0}, {Line: -1}, {Line: 500}})
	b := res.Body.Breakpoints
	if !b[0].Verified || b[0].Line != 3 {
		t.Errorf("line 3 from 0 (4 from 1): %+v", b[0])
	}
	for _, x := range b[1:] {
		if x.Verified && x.Line != 2 { // line 0 from 0 is the first line: it moves to code
			t.Errorf("breakpoint %+v", x)
		}
	}
	if b[2].Verified || b[3].Verified {
		t.Errorf("outside the file: %+v %+v", b[2], b[3])
	}
	c.configurationDone()
	ev := c.stoppedEvent() // line 2 from 0: the breakpoint on line 0, moved to the first code
	if frames := c.stack(ev.Body.ThreadId); frames[0].Line != 2 {
		t.Errorf("first stop on line %d", frames[0].Line)
	}
	c.resume("continue")
	ev = c.stoppedEvent()
	frames := c.stack(ev.Body.ThreadId)
	if frames[0].Line != 3 || !strings.HasPrefix(frames[0].Source.Path, "file://") {
		t.Errorf("top frame: line %d, %s", frames[0].Line, frames[0].Source.Path)
	}
	c.terminateAndDisconnect()

	// Thread names and type names.
	c = newClient(t)
	c.start(testdata("loop.scm"), nil, nil)
	time.Sleep(50 * time.Millisecond)
	c.pause(1)
	ev = c.stoppedEvent()
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	var names []string
	for _, th := range expect[*dap.ThreadsResponse](c).Body.Threads {
		names = append(names, th.Name)
	}
	if len(names) != 2 || !strings.HasPrefix(names[0], "main: stopped") || !strings.HasPrefix(names[1], "thread-2: ") || strings.Contains(names[1], "#f") {
		t.Errorf("threads: %q", names)
	}
	g := c.scope(c.stack(ev.Body.ThreadId)[0].Id, "Globals")
	for name, v := range g {
		if strings.Contains(v.Value, "interp.") || strings.Contains(v.Type, "interp.") {
			t.Errorf("%s: %+v", name, v)
		}
	}
	if g["lock"].Value != "#<exclusive>" || g["worker"].Value != "#<thread>" {
		t.Errorf("lock %+v, worker %+v", g["lock"], g["worker"])
	}
	c.terminateAndDisconnect()
}

// (exit 3) typed in the console while the program is paused: one answer to the evaluation, then
// the program ends with status 3 (its other threads too) and the session ends cleanly — it
// was answered twice, and the program went on. On a thread other than the main one too.
func TestExitInConsole(t *testing.T) {
	c := newClient(t)
	c.start(testdata("loop.scm"), nil, nil)
	time.Sleep(50 * time.Millisecond)
	c.send(&dap.PauseRequest{Request: req("pause"), Arguments: dap.PauseArguments{ThreadId: 1}})
	expect[*dap.PauseResponse](c)
	_, _, frame := c.stopped()
	c.exitInConsole(frame, 3)

	c = newClient(t)
	c.start(testdata("spinner.scm"), []int{5}, nil)
	ev := expect[*dap.StoppedEvent](c)
	if ev.Body.ThreadId == 1 {
		t.Fatalf("stopped on the main thread")
	}
	c.exitInConsole(c.stack(ev.Body.ThreadId)[0].Id, 4)
}

// exitInConsole evaluates (exit code) in frame and checks that the evaluation is answered once,
// the program exits with that code and the session ends when the client disconnects.
func (c *client) exitInConsole(frame, code int) {
	c.t.Helper()
	c.send(&dap.EvaluateRequest{Request: req("evaluate"), Arguments: dap.EvaluateArguments{
		Expression: fmt.Sprintf("(exit %d)", code), FrameId: frame, Context: "repl"}})
	seq := c.seq
	answers, got := 0, -1
	for done := false; !done; {
		switch m := c.next().(type) {
		case dap.ResponseMessage:
			if r := m.GetResponse(); r.RequestSeq == seq {
				answers++
				if !strings.Contains(r.Message, fmt.Sprintf("exited with status %d", code)) {
					c.t.Errorf("the evaluation's answer: %+v", r)
				}
			} else {
				c.t.Errorf("unexpected response %+v", r)
			}
		case *dap.ExitedEvent:
			got = m.Body.ExitCode
		case *dap.TerminatedEvent:
			done = true
		}
	}
	if answers != 1 || got != code {
		c.t.Errorf("%d answers to the evaluation, exit code %d; want 1 answer and %d", answers, got, code)
	}
	c.send(&dap.DisconnectRequest{Request: req("disconnect")})
	expect[*dap.DisconnectResponse](c)
}
