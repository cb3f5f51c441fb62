package lsp

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var workspaceTree = flag.String("workspace", "/tmp/corpus/chibi-scheme/lib", "the workspace BenchmarkWorkspace opens (chibi-scheme's lib: 539 files, 86,000 lines)")

// BenchmarkWorkspace opens a large workspace and asks for the references of a top-level
// definition (which needs every file known), while a request on an open document is answered;
// it reports the time until the workspace is known, that request's latency meanwhile, and the
// live heap against the source:
//
//	go test ./lsp -run XXX -bench Workspace -benchtime 1x [-workspace DIR]
func BenchmarkWorkspace(b *testing.B) {
	root, _ := filepath.Abs(*workspaceTree)
	if _, err := os.Stat(root); err != nil {
		b.Skip("no workspace at", root)
	}
	var source int64
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".scm") || strings.HasSuffix(p, ".sld")) {
			if st, err := d.Info(); err == nil {
				source += st.Size()
			}
		}
		return nil
	})
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var m0 runtime.MemStats
		runtime.ReadMemStats(&m0)
		c := newTestClient(&testing.T{})
		// The peak of the heap while the workspace is read (sampled every 10 ms).
		var peak uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		c.call("initialize", map[string]any{"rootUri": "file://" + root, "capabilities": map[string]any{
			"window": map[string]any{"workDoneProgress": true}}}, nil)
		c.notify("initialized", map[string]any{})
		uri := "file:///tmp/open.scm"
		open(c, uri, "(import (scheme base))\n(define (f x) (* x 2))\n(f 1)\n")
		c.waitVersion(uri, 1)
		// Meanwhile, an editor's request on the open document.
		done := make(chan time.Duration, 1)
		go func() {
			time.Sleep(50 * time.Millisecond)
			t0 := time.Now()
			var res any
			c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 1}}, &res)
			done <- time.Since(t0)
		}()
		var refs []any
		c.call("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 9},
			"context": map[string]any{"includeDeclaration": true}}, &refs)
		known := time.Since(start)
		var syms []any
		c.call("workspace/symbol", map[string]any{"query": "string"}, &syms)
		hover := <-done
		close(stop)
		<-sampled
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		live := float64(m.HeapInuse) - float64(m0.HeapInuse)
		b.ReportMetric(float64(known.Milliseconds()), "known-ms")
		b.ReportMetric(float64(hover.Microseconds())/1000, "hover-meanwhile-ms")
		b.ReportMetric(live/(1<<20), "live-MB")
		b.ReportMetric(live/float64(source), "live/source")
		b.ReportMetric((float64(peak)-float64(m0.HeapInuse))/float64(source), "peak/source")
		b.Logf("%d symbols; %.1f MB of source; workspace known in %v; hover meanwhile %v; live heap %.1f MB (%.1fx the source), peak %.1f MB",
			len(syms), float64(source)/(1<<20), known, hover, live/(1<<20), live/float64(source), (float64(peak)-float64(m0.HeapInuse))/(1<<20))
		c.close()
	}
}
