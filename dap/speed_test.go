package dap

import "testing"

// BenchmarkDebuggedFib runs bench/fib.scm (fib 30) under the debugger with no breakpoint set:
// the cost of the hook at every call. (foment-ls run takes about 65 ms for it, Foment 240 ms.)
func BenchmarkDebuggedFib(b *testing.B) {
	for b.Loop() {
		c := newClient(b)
		c.start(testdata("../../bench/fib.scm"), nil, nil)
		c.ended()
	}
}
