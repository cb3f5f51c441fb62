package lsp

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// manyDefinitions is a file of n one-line definitions.
func manyDefinitions(n int) string {
	var b strings.Builder
	b.WriteString("(import (scheme base))\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "(define (f%d x) (+ x %d))\n", i, i)
	}
	return b.String()
}

// BenchmarkPipelinedSymbols sends 200 documentSymbol requests at once on a file of 20,000
// definitions and reports the peak heap:
//
//	go test ./lsp -run XXX -bench PipelinedSymbols -benchtime 1x
func BenchmarkPipelinedSymbols(b *testing.B) {
	text := manyDefinitions(20000)
	for i := 0; i < b.N; i++ {
		c := newTestClient(&testing.T{})
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/many.scm"
		open(c, uri, text)
		c.waitDiagnostics(uri)
		runtime.GC()
		var peak uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak {
					peak = m.HeapInuse
				}
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		var wg sync.WaitGroup
		for k := 0; k < 200; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.conn.Call(context.Background(), "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, nil)
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		close(stop)
		<-sampled
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(elapsed.Milliseconds()), "total-ms")
		c.close()
	}
}
