package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// completionSites are places of the 10,011-line file where a name is typed, as (line, column of
// the name's start, the text typed): in a body, a name many definitions share, after "(".
var completionSites = []struct {
	line, col int
	typed     string
}{
	{12, 5, "b"},  // (b|ind-socket …: a builtin
	{11, 12, "m"}, // (let ((s (m|ake-socket
	{8, 13, "se"}, // (se|nd-socket: the builtins and 1,430 definitions
	{13, 5, ""},   // (|listen-socket: everything
}

// BenchmarkCompletion measures completion over the protocol on the 10,011-line file: right
// after the character typed (the request follows the didChange at once, as an editor sends
// it) and alone (the document analysed, nothing typed since), the 50th and 95th percentiles:
//
//	go test ./lsp -run XXX -bench Completion -benchtime 1x
func BenchmarkCompletion(b *testing.B) {
	text := bigSocketProgram(10000)
	lines := strings.Split(text, "\n")
	for i := 0; i < b.N; i++ {
		c := newTestClient(&testing.T{})
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/big.scm"
		open(c, uri, text)
		c.waitVersion(uri, 1)
		version := 1
		change := func(line, col, end int, s string) {
			version++
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
				"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": line, "character": col},
					"end": map[string]any{"line": line, "character": end}}, "text": s}}})
		}
		complete := func(line, col int) time.Duration {
			start := time.Now()
			var list struct {
				Items []json.RawMessage `json:"items"`
			}
			c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri},
				"position": map[string]any{"line": line, "character": col}}, &list)
			d := time.Since(start)
			if len(list.Items) == 0 {
				b.Fatalf("no completion at %d:%d", line, col)
			}
			return d
		}
		var afterEdit, alone []time.Duration
		for k := 0; k < 60; k++ {
			site := completionSites[k%len(completionSites)]
			line := site.line + 14*(k%500)
			// Type one more character of the name ("(bi|ind-socket"), then take it back.
			at := site.col + len(site.typed)
			change(line, at, at, lines[line][at:at+1])
			afterEdit = append(afterEdit, complete(line, at+1))
			change(line, at, at+1, "")
			c.waitVersion(uri, version)
			alone = append(alone, complete(line, at))
		}
		b.ReportMetric(float64(percentile(afterEdit, 50).Microseconds())/1000, "after-edit-p50-ms")
		b.ReportMetric(float64(percentile(afterEdit, 95).Microseconds())/1000, "after-edit-p95-ms")
		b.ReportMetric(float64(percentile(alone, 50).Microseconds())/1000, "alone-p50-ms")
		b.ReportMetric(float64(percentile(alone, 95).Microseconds())/1000, "alone-p95-ms")
		c.close()
	}
}

// BenchmarkCompletionInProcess: the server's own work for a completion on the 10,011-line
// file, the document analysed, without the protocol (for profiles):
//
//	go test ./lsp -run XXX -bench CompletionInProcess -benchtime 2000x
func BenchmarkCompletionInProcess(b *testing.B) {
	c := newTestClient(&testing.T{})
	c.initialize(b.TempDir(), false)
	uri := "file:///tmp/big.scm"
	open(c, uri, bigSocketProgram(10000))
	c.waitVersion(uri, 1)
	s := c.server
	var params []json.RawMessage
	for k, site := range completionSites {
		p, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": site.line + 14*k, "character": site.col + len(site.typed)}})
		params = append(params, p)
	}
	s.analysis(s.doc(protocol.DocumentURI(uri)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.completion(context.Background(), params[i%len(params)])
		if err != nil || res == nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(res); err != nil {
			b.Fatal(err)
		}
	}
}
