package gen

import (
	"io"
	"runtime"
	"testing"

	"foment-ls/analyzer"
	"foment-ls/syntax"
)

// BenchmarkReadAnalyze reads and analyses generated files of 5 MB and 50 MB and a 10 MB list
// of numbers, and reports the memory the result holds per byte of source (the goal: at most
// 20) beside the time:
//
//	go test ./bench/gen -run XXX -bench ReadAnalyze -benchtime 1x
func BenchmarkReadAnalyze(b *testing.B) {
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"code-5MB", Source(func(w io.Writer) { Code(w, 5_000_000) })},
		{"code-50MB", Source(func(w io.Writer) { Code(w, 50_000_000) })},
		{"numbers-10MB", Source(func(w io.Writer) { Numbers(w, 10_000_000) })},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var parse, total float64
			for i := 0; i < b.N; i++ {
				h0 := liveHeap()
				f := syntax.Parse(tc.name+".scm", tc.src)
				h1 := liveHeap()
				res := analyzer.Analyze(f, analyzer.Options{})
				h2 := liveHeap()
				runtime.KeepAlive(res)
				parse, total = h1-h0, h2-h0
			}
			n := float64(len(tc.src))
			b.SetBytes(int64(len(tc.src)))
			b.ReportMetric(parse/n, "reader×src")
			b.ReportMetric(total/n, "reader+analyzer×src")
		})
	}
}

func liveHeap() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}
