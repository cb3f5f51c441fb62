package analyzer

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"foment-ls/syntax"
)

func bigProgram(n int) []byte {
	var b strings.Builder
	b.WriteString("(import (foment base) (srfi 106))\n")
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, `;; Serve client %d.
(define (serve-%d client)
  (let loop ((total 0))
    (let ((bv (recv-socket client 1024 0)))
      (if (= (bytevector-length bv) 0)
          (begin (close-port client) total)
          (begin (send-socket client bv 0) (loop (+ total (bytevector-length bv))))))))
(define (server-%d port)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (bind-socket s "localhost" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    (serve-%d (accept-socket s))))
`, i, i, i, i)
	}
	return []byte(b.String())
}

// go test ./analyzer -run XXX -bench Analyze10k
func BenchmarkAnalyze10k(b *testing.B) {
	src := bigProgram(10000)
	f := syntax.Parse("big.scm", src)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		Analyze(f, Options{})
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used: on a machine others share, the time a run
// takes says more of the load than of the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// go test ./analyzer -run XXX -bench Flow10k: the flow analysis alone (flow.go), on the
// results of the scope analysis of the 10,000-line file.
func BenchmarkFlow10k(b *testing.B) {
	src := bigProgram(10000)
	f := syntax.Parse("big.scm", src)
	res := Analyze(f, Options{noFlow: true})
	n := len(res.Diags)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		res.Diags = res.Diags[:n]
		deepen(res, nil, nil, nil, nil, nil, nil)
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// go test ./analyzer -run XXX -bench FlowReuse10k: the flow analysis of the 10,000-line file
// given the analysis of the version before (Options.Prev) with no procedure changed — what an
// edit costs beyond the procedures it touches.
func BenchmarkFlowReuse10k(b *testing.B) {
	src := bigProgram(10000)
	f := syntax.ParseEditable("big.scm", src) // the memo is kept for files being edited
	prev := Analyze(f, Options{})
	res := Analyze(f, Options{noFlow: true})
	n := len(res.Diags)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		res.Diags = res.Diags[:n]
		deepen(res, nil, nil, prev, nil, nil, nil)
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	if res.flow.reused != len(prev.Summaries) {
		b.Fatalf("%d of %d procedures kept", res.flow.reused, len(prev.Summaries))
	}
}
