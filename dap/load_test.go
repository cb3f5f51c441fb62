package dap

import (
	"strings"
	"testing"

	"github.com/google/go-dap"
)

// A loop at a library's top level runs while the library is loaded, before the client can set
// a breakpoint: its lines are not offered, and a breakpoint there says why instead of being
// verified and never hit (found by TestSweep on r7rs-libs' slib/modular.sld, whose
// (define modular:r (do ...)) loop held three such lines).
func TestLoopRunAtLoad(t *testing.T) {
	c := newClient(t)
	lib := testdata("mylib/squares.sld")
	c.initialize()
	c.launch(testdata("usesquares.scm"), nil)
	c.send(&dap.BreakpointLocationsRequest{Request: req("breakpointLocations"), Arguments: &dap.BreakpointLocationsArguments{
		Source: dap.Source{Path: lib}, Line: 1, EndLine: 20}})
	var offered []int
	for _, l := range expect[*dap.BreakpointLocationsResponse](c).Body.Breakpoints {
		offered = append(offered, l.Line)
	}
	for _, l := range offered {
		if l >= 8 && l <= 12 {
			t.Errorf("line %d, which runs only while the library is loaded, is offered (%v)", l, offered)
		}
	}
	res := c.setBreakpoints(lib, 10, 11, 12, 6)
	for _, b := range res.Body.Breakpoints[:3] {
		if b.Verified || !strings.Contains(b.Message, "library is loaded") {
			t.Errorf("a breakpoint in the loop: %+v", b)
		}
	}
	if b := res.Body.Breakpoints[3]; !b.Verified || b.Line != 6 {
		t.Errorf("the breakpoint in sq: %+v", b)
	}
	c.configurationDone()
	if reason, line, _ := c.stopped(); reason != "breakpoint" || line != 6 {
		t.Errorf("stopped for %s on line %d", reason, line)
	}
	c.resume("continue")
	c.ended()
	if got := c.output.String(); got != "(0 1 4 9 16)\n49\n" {
		t.Errorf("output %q", got)
	}
}

// Code in a library's top level that a procedure the library makes can run again is not
// load-time code: a named let whose loop body makes a procedure (which may call the loop),
// and a body's helper called from the procedure the body returns.
func TestLaterCodeInLibraryTopLevel(t *testing.T) {
	c := newClient(t)
	lib := testdata("mylib/squares.sld")
	c.initialize()
	c.launch(testdata("uselater.scm"), nil)
	res := c.setBreakpoints(lib, 16, 23)
	for _, b := range res.Body.Breakpoints {
		if !b.Verified {
			t.Errorf("a breakpoint in code that runs after the load: %+v", b)
		}
	}
	c.configurationDone()
	for _, want := range []int{16, 16, 23} { // (next-even) tests n = 3, then n = 4
		if reason, line, _ := c.stopped(); reason != "breakpoint" || line != want {
			t.Fatalf("stopped for %s on line %d, want line %d", reason, line, want)
		}
		c.resume("continue")
	}
	c.ended()
	if got := c.output.String(); got != "#t\n42\n" {
		t.Errorf("output %q", got)
	}
}

// A variable that an inner one of its name hides is shown as (name), as delve shows it; the
// name means the inner one, in the Variables view, in evaluate and in setVariable (found by
// TestSweep on r7rs-benchmarks' browse.scm, whose init has a parameter ipats and a let ipats:
// two rows named ipats, and evaluate said which only by its value).
func TestShadowedLocal(t *testing.T) {
	c := newClient(t)
	prog := testdata("shadow.scm")
	c.start(prog, []int{4}, nil)
	_, line, frame := c.stopped()
	if line != 4 {
		t.Fatalf("stopped on line %d", line)
	}
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frame}})
	var locals int
	for _, s := range expect[*dap.ScopesResponse](c).Body.Scopes {
		if s.Name == "Locals" {
			locals = s.VariablesReference
		}
	}
	c.send(&dap.VariablesRequest{Request: req("variables"), Arguments: dap.VariablesArguments{VariablesReference: locals}})
	var rows []string
	for _, v := range expect[*dap.VariablesResponse](c).Body.Variables {
		rows = append(rows, v.Name+" = "+v.Value)
	}
	if got := strings.Join(rows, ", "); got != "(pats) = (2 3), pats = (1 2 3)" {
		t.Errorf("Locals: %s", got)
	}
	if v := c.evaluate(frame, "pats"); v != "(1 2 3)" {
		t.Errorf("pats evaluates to %s", v)
	}
	c.send(&dap.SetVariableRequest{Request: req("setVariable"), Arguments: dap.SetVariableArguments{
		VariablesReference: locals, Name: "(pats)", Value: "'(9)"}})
	if r := expect[*dap.ErrorResponse](c); !strings.Contains(r.Message, "hidden here by an inner pats") {
		t.Errorf("setVariable (pats): %s", r.Message)
	}
	c.send(&dap.SetVariableRequest{Request: req("setVariable"), Arguments: dap.SetVariableArguments{
		VariablesReference: locals, Name: "pats", Value: "'(7)"}})
	expect[*dap.SetVariableResponse](c)
	c.resume("continue")
	c.ended()
	if got := c.output.String(); got != "(7)\n" {
		t.Errorf("output %q", got)
	}
}
