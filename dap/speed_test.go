package dap

import (
	"io"
	"os"
	"testing"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// The cost of the debugger, on testdata/fib.scm (bench/fib.scm on three lines) (fib 30, 2,692,537 calls): go test ./dap -run XXX
// -bench Fib. Goals (issue 11): attached ≤ 1.1× the plain run, breakpoints elsewhere ≤ 1.3×,
// a condition evaluated in ≤ 0.2 µs.

const fibCalls = 2692537

func BenchmarkFibPlain(b *testing.B) {
	src, err := os.ReadFile(testdata("fib.scm"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		in := interp.New(interp.Options{Stdout: io.Discard})
		if err := in.RunSource("fib.scm", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFibDebugged: attached, no breakpoint.
func BenchmarkFibDebugged(b *testing.B) {
	benchFib(b, func(c *client) {})
}

// BenchmarkFibBreakpointsElsewhere: a line breakpoint in another file and a function breakpoint
// on accept-socket, which fib never reaches.
func BenchmarkFibBreakpointsElsewhere(b *testing.B) {
	benchFib(b, func(c *client) {
		c.setBreakpoints(testdata("steps.scm"), 4)
		c.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints"),
			Arguments: dap.SetFunctionBreakpointsArguments{Breakpoints: []dap.FunctionBreakpoint{{Name: "accept-socket"}}}})
		expect[*dap.SetFunctionBreakpointsResponse](c)
	})
}

// BenchmarkFibCondition: a breakpoint inside fib whose condition never holds, evaluated at
// every call; cond-ns is the time per evaluation beyond the attached run's.
func BenchmarkFibCondition(b *testing.B) {
	benchFib(b, func(c *client) {
		c.setSourceBreakpoints(testdata("fib.scm"), []dap.SourceBreakpoint{{Line: 3, Condition: "(< n 0)"}})
	})
}

func benchFib(b *testing.B, setup func(c *client)) {
	for b.Loop() {
		c := newClient(b)
		c.initialize()
		c.launch(testdata("fib.scm"), nil)
		setup(c)
		c.configurationDone()
		c.ended()
	}
}
