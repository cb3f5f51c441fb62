package lsp

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// bigSocketProgram is a socket program of about n lines.
func bigSocketProgram(n int) string {
	var b strings.Builder
	b.WriteString("(import (foment base) (srfi 106))\n")
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, `;; Serve client %d: read requests and echo them.
(define (serve-%d client)
  (let loop ((total 0))
    (let ((bv (recv-socket client 1024 0)))
      (if (= (bytevector-length bv) 0)
          (begin (close-port client) total)
          (begin
            (send-socket client bv 0)
            (loop (+ total (bytevector-length bv))))))))
(define (server-%d port)
  (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
    (bind-socket s "localhost" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    (serve-%d (accept-socket s))))
`, i, i, i, i)
	}
	return b.String()
}

// BenchmarkLargeFile measures the server on a 10,000-line file, over the protocol:
//
//	go test ./lsp -run XXX -bench LargeFile -benchtime 1x
func BenchmarkLargeFile(b *testing.B) {
	text := bigSocketProgram(10000)
	lines := strings.Count(text, "\n")
	for i := 0; i < b.N; i++ {
		t := &testing.T{}
		c := newTestClient(t)
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/big.scm"
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		open(c, uri, text)
		c.waitDiagnostics(uri)
		openTime := time.Since(start)
		// Edits: type a character in a body, then take it back, 40 times.
		var edits []time.Duration
		for k := 0; k < 40; k++ {
			c.clearDiagnostics()
			line := 5 + (k*13)%lines
			newText := " "
			if k%2 == 1 {
				newText = ""
			}
			start := time.Now()
			rng := map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line, "character": 0}}
			if k%2 == 1 {
				rng["end"] = map[string]any{"line": line, "character": 1}
			}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": k + 2},
				"contentChanges": []any{map[string]any{"range": rng, "text": newText}}})
			c.waitDiagnostics(uri)
			edits = append(edits, time.Since(start))
		}
		sort.Slice(edits, func(i, j int) bool { return edits[i] < edits[j] })
		p95 := edits[len(edits)*95/100]
		measure := func(method string, params any) time.Duration {
			start := time.Now()
			var res any
			c.call(method, params, &res)
			return time.Since(start)
		}
		td := map[string]any{"uri": uri}
		hover := measure("textDocument/hover", map[string]any{"textDocument": td, "position": map[string]any{"line": 12, "character": 15}})
		complete := measure("textDocument/completion", map[string]any{"textDocument": td, "position": map[string]any{"line": 12, "character": 6}})
		symbols := measure("textDocument/documentSymbol", map[string]any{"textDocument": td})
		tokens := measure("textDocument/semanticTokens/full", map[string]any{"textDocument": td})
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(openTime.Milliseconds()), "open-ms")
		b.ReportMetric(float64(p95.Microseconds())/1000, "edit-p95-ms")
		b.ReportMetric(float64(hover.Microseconds())/1000, "hover-ms")
		b.ReportMetric(float64(complete.Microseconds())/1000, "completion-ms")
		b.ReportMetric(float64(symbols.Microseconds())/1000, "symbols-ms")
		b.ReportMetric(float64(tokens.Microseconds())/1000, "tokens-ms")
		b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MB")
		b.Logf("%d lines: open→diagnostics %v, edit→diagnostics p95 %v (debounce %v), hover %v, completion %v, symbols %v, semantic tokens %v, memory from the OS %d MB",
			lines, openTime, p95, 8*time.Millisecond, hover, complete, symbols, tokens, after.Sys>>20)
		c.close()
	}
}
