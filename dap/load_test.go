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
		if l >= 8 {
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
