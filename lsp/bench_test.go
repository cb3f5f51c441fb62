package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"foment-ls/bench/gen"

	"go.lsp.dev/protocol"
)

// bigSocketProgram is a socket program of about n lines.
func bigSocketProgram(n int) string {
	return string(gen.Source(func(w io.Writer) { gen.Sockets(w, n) }))
}

// BenchmarkLargeFile measures the server on a 10,000-line file, over the protocol:
//
//	go test ./lsp -run XXX -bench LargeFile -benchtime 1x
//
// open→diagnostics; edit→diagnostics (a character typed in a body, then taken back, 40 times:
// the 95th percentile); completion right after an edit (the request waits for the analysis of
// the new version, as an editor's does) and at rest; hover, symbols and semantic tokens; the
// CPU time of the whole process per edit (with the machine loaded, wall times vary, CPU times
// less).
func BenchmarkLargeFile(b *testing.B) {
	Burst = GCBurst // as foment-ls lsp runs the server
	defer func() { Burst = nil }()
	text := bigSocketProgram(10000)
	lines := strings.Count(text, "\n")
	for i := 0; i < b.N; i++ {
		t := &testing.T{}
		c := newTestClient(t)
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/big.scm"
		runtime.GC()
		start, openCPU0 := time.Now(), cpuTime()
		open(c, uri, text)
		c.waitVersion(uri, 1)
		openTime, openCPU := time.Since(start), cpuTime()-openCPU0
		version := 1
		edit := func(line int, take bool) {
			version++
			rng := map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line, "character": 0}}
			newText := " "
			if take {
				newText = ""
				rng["end"] = map[string]any{"line": line, "character": 1}
			}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
				"contentChanges": []any{map[string]any{"range": rng, "text": newText}}})
		}
		// Edits: type a character in a body, then take it back, 40 times.
		var edits []time.Duration
		cpu0 := cpuTime()
		for k := 0; k < 40; k++ {
			start := time.Now()
			edit(5+(k/2*13)%lines, k%2 == 1)
			c.waitVersion(uri, version)
			edits = append(edits, time.Since(start))
		}
		cpuPerEdit := (cpuTime() - cpu0) / 40
		if testing.Verbose() {
			b.Logf("edits: %v", edits)
		}
		p95 := percentile(edits, 95)
		measure := func(method string, params any) time.Duration {
			start := time.Now()
			var res any
			c.call(method, params, &res)
			return time.Since(start)
		}
		td := map[string]any{"uri": uri}
		// Completion as an editor asks for it: right after the character typed.
		var completions []time.Duration
		for k := 0; k < 20; k++ {
			line := 12 + (k*13)%(lines-20)
			edit(line, k%2 == 1)
			completions = append(completions, measure("textDocument/completion", map[string]any{"textDocument": td, "position": map[string]any{"line": line, "character": 6}}))
		}
		c.waitVersion(uri, version)
		completeAtRest := measure("textDocument/completion", map[string]any{"textDocument": td, "position": map[string]any{"line": 12, "character": 6}})
		hover := measure("textDocument/hover", map[string]any{"textDocument": td, "position": map[string]any{"line": 12, "character": 15}})
		symbols := measure("textDocument/documentSymbol", map[string]any{"textDocument": td})
		tokens := measure("textDocument/semanticTokens/full", map[string]any{"textDocument": td})
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(openTime.Microseconds())/1000, "open-ms")
		b.ReportMetric(float64(openCPU.Microseconds())/1000, "open-cpu-ms") // the client's encoding too
		b.ReportMetric(float64(percentile(edits, 50).Microseconds())/1000, "edit-p50-ms")
		b.ReportMetric(float64(p95.Microseconds())/1000, "edit-p95-ms")
		b.ReportMetric(float64(cpuPerEdit.Microseconds())/1000, "edit-cpu-ms")
		b.ReportMetric(float64(percentile(completions, 50).Microseconds())/1000, "completion-after-edit-p50-ms")
		b.ReportMetric(float64(percentile(completions, 95).Microseconds())/1000, "completion-after-edit-p95-ms")
		b.ReportMetric(float64(completeAtRest.Microseconds())/1000, "completion-ms")
		b.ReportMetric(float64(hover.Microseconds())/1000, "hover-ms")
		b.ReportMetric(float64(symbols.Microseconds())/1000, "symbols-ms")
		b.ReportMetric(float64(tokens.Microseconds())/1000, "tokens-ms")
		b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MB")
		b.Logf("%d lines: open→diagnostics %v, edit→diagnostics p95 %v (%v CPU per edit), completion after an edit p50 %v p95 %v, at rest %v, hover %v, symbols %v, semantic tokens %v, memory from the OS %d MB",
			lines, openTime, p95, cpuPerEdit, percentile(completions, 50), percentile(completions, 95), completeAtRest, hover, symbols, tokens, after.Sys>>20)
		c.close()
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}

// cpuTime is the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkEditInProcess: the server's own work for an edit of the 10,000-line file, the
// change applied and the new version analysed, without the protocol (CPU time per edit):
//
//	go test ./lsp -run XXX -bench EditInProcess -benchtime 300x
func BenchmarkEditInProcess(b *testing.B) {
	c := newTestClient(&testing.T{})
	c.initialize(b.TempDir(), false)
	uri := "file:///tmp/big.scm"
	open(c, uri, bigSocketProgram(10000))
	c.waitVersion(uri, 1)
	s := c.server
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		line := 5 + (i/2*13)%10000
		rng := map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line, "character": 0}}
		text := " "
		if i%2 == 1 {
			text = ""
			rng["end"] = map[string]any{"line": line, "character": 1}
		}
		p, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"range": rng, "text": text}}})
		s.notification(context.Background(), "textDocument/didChange", p)
		s.analysis(s.doc(protocol.DocumentURI(uri)))
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N)/1000, "cpu-ms/op")
}

// typedLine is what BenchmarkTyping types, one character an edit: a new definition that uses
// names of the file, misspelt ones too, as a user writes it.
const typedLine = `(define (handle-request client) (serv-3 client) (server-4 8080) (undefined-thing client))`

// BenchmarkTyping types a new top-level definition, one character an edit, on a new line in
// the middle of the 10,000-line file, and waits after each for its diagnostics, as an editor
// shows them: the 50th and 95th percentiles and the CPU time of the process per keystroke.
// Typing "(define" leaves a list open until the last ")": the forms after it are read
// differently at every keystroke, and the names typed so far are not defined.
//
// In the variant "unbound", each server calls a procedure of its own that no file defines (as
// when the file is loaded after another): some 700 names are reported not defined, each with
// the search for a name close to it.
//
//	go test ./lsp -run XXX -bench Typing -benchtime 1x
func BenchmarkTyping(b *testing.B) {
	b.Run("defined", func(b *testing.B) { benchmarkTyping(b, bigSocketProgram(10000)) })
	b.Run("unbound", func(b *testing.B) { benchmarkTyping(b, unboundProgram(10000)) })
}

// unboundProgram is bigSocketProgram(n) where each server calls a procedure of its own that no
// file defines.
func unboundProgram(n int) string {
	parts := strings.Split(bigSocketProgram(n), "(listen-socket s)")
	var u strings.Builder
	for i, p := range parts {
		if i > 0 {
			fmt.Fprintf(&u, "(listen-socket s) (log-listening-%d s)", i)
		}
		u.WriteString(p)
	}
	return u.String()
}

// BenchmarkTypingInProcess: the server's own work for each keystroke of BenchmarkTyping, the
// change applied and the new version analysed, without the protocol (CPU time per keystroke):
//
//	go test ./lsp -run XXX -bench TypingInProcess -benchtime 5x
func BenchmarkTypingInProcess(b *testing.B) {
	for _, v := range []struct {
		name, text string
	}{{"defined", bigSocketProgram(10000)}, {"unbound", unboundProgram(10000)}} {
		b.Run(v.name, func(b *testing.B) {
			line := strings.Count(v.text[:len(v.text)/2], "\n")
			var cpu time.Duration
			keys := 0
			for i := 0; i < b.N; i++ {
				c := newTestClient(&testing.T{})
				c.initialize(b.TempDir(), false)
				uri := "file:///tmp/big.scm"
				open(c, uri, v.text)
				c.waitVersion(uri, 1)
				s := c.server
				version := 1
				insert := func(col int, text string) {
					version++
					at := map[string]any{"line": line, "character": col}
					p, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
						"contentChanges": []any{map[string]any{"range": map[string]any{"start": at, "end": at}, "text": text}}})
					s.notification(context.Background(), "textDocument/didChange", p)
					s.analysis(s.doc(protocol.DocumentURI(uri)))
				}
				insert(0, "\n")
				cpu0 := cpuTime()
				for k, r := range typedLine {
					insert(k, string(r))
					keys++
				}
				cpu += cpuTime() - cpu0
				c.close()
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(keys), "key-cpu-ms")
		})
	}
}

func benchmarkTyping(b *testing.B, text string) {
	line := strings.Count(text[:len(text)/2], "\n")
	for i := 0; i < b.N; i++ {
		c := newTestClient(&testing.T{})
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/big.scm"
		open(c, uri, text)
		c.waitVersion(uri, 1)
		version := 1
		insert := func(col int, s string) {
			version++
			at := map[string]any{"line": line, "character": col}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
				"contentChanges": []any{map[string]any{"range": map[string]any{"start": at, "end": at}, "text": s}}})
		}
		insert(0, "\n")
		c.waitVersion(uri, version)
		var keys []time.Duration
		cpu0 := cpuTime()
		for k, r := range typedLine {
			start := time.Now()
			insert(k, string(r))
			c.waitVersion(uri, version)
			keys = append(keys, time.Since(start))
		}
		cpu := (cpuTime() - cpu0) / time.Duration(len(keys))
		b.ReportMetric(float64(percentile(keys, 50).Microseconds())/1000, "key-p50-ms")
		b.ReportMetric(float64(percentile(keys, 95).Microseconds())/1000, "key-p95-ms")
		b.ReportMetric(float64(cpu.Microseconds())/1000, "key-cpu-ms")
		c.close()
	}
}

// BenchmarkOpenInProcess: the server's own work for opening the 10,011-line file — the text
// read, analysed and its first diagnostics made — without the protocol (CPU time per open; the
// flow analysis that follows is not counted), with the collector's pace as foment-ls lsp sets
// it (burst: GOGC 400 while a whole file is analysed) and at GOGC 100 all along:
//
//	go test ./lsp -run XXX -bench OpenInProcess -benchtime 20x
func BenchmarkOpenInProcess(b *testing.B) {
	text := bigSocketProgram(10000)
	for _, burst := range []bool{true, false} {
		name := "burst"
		if !burst {
			name = "gogc100"
		}
		b.Run(name, func(b *testing.B) {
			if burst {
				Burst = GCBurst
				defer func() { Burst = nil }()
			}
			c := newTestClient(&testing.T{})
			c.initialize(b.TempDir(), false)
			s := c.server
			b.ResetTimer()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				// Each open as the first of a server: the heap holds nothing else.
				b.StopTimer()
				runtime.GC()
				c0 := cpuTime()
				b.StartTimer()
				uri := protocol.DocumentURI("file:///tmp/big.scm")
				snap := newSnapshot(uri, 1, []byte(text))
				snap.epoch = s.epoch()
				_, res := s.analysis(snap)
				var ds []protocol.Diagnostic
				for _, d := range s.diagnostics(snap, res)[snap.path] {
					ds = append(ds, s.toDiagnostic(snap, res, d))
				}
				if _, err := json.Marshal(protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: ds}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N)/1000, "cpu-ms/op")
		})
	}
}

// BenchmarkEditWithFindings: edits of the 10,011-line file once its flow analysis has found
// its 715 sockets left open, so that every publication carries them (150 KB of JSON), as at a
// typing pace, when the flow analysis runs in the pauses:
//
//	go test ./lsp -run XXX -bench EditWithFindings -benchtime 1x
func BenchmarkEditWithFindings(b *testing.B) {
	Burst = GCBurst // as foment-ls lsp runs the server
	defer func() { Burst = nil }()
	text := bigSocketProgram(10000)
	lines := strings.Count(text, "\n")
	for i := 0; i < b.N; i++ {
		c := newTestClient(&testing.T{})
		c.server.FlowDelay = time.Hour // the findings of the opened version stay, and no more flow runs
		c.initialize(b.TempDir(), false)
		uri := "file:///tmp/big.scm"
		open(c, uri, text)
		if ds := c.waitFor(uri, func(ds []map[string]any) bool { return len(ds) >= 700 }); len(ds) < 700 {
			b.Fatalf("%d findings", len(ds))
		}
		var edits []time.Duration
		cpu0 := cpuTime()
		for k := 0; k < 40; k++ {
			line := 5 + (k/2*13)%lines
			rng := map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line, "character": 0}}
			newText := " "
			if k%2 == 1 {
				newText = ""
				rng["end"] = map[string]any{"line": line, "character": 1}
			}
			start := time.Now()
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": k + 2},
				"contentChanges": []any{map[string]any{"range": rng, "text": newText}}})
			if ds := c.waitVersion(uri, k+2); len(ds) < 700 {
				b.Fatalf("version %d: %d findings", k+2, len(ds))
			}
			edits = append(edits, time.Since(start))
		}
		b.ReportMetric(float64(percentile(edits, 50).Microseconds())/1000, "edit-p50-ms")
		b.ReportMetric(float64(percentile(edits, 95).Microseconds())/1000, "edit-p95-ms")
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/40, "edit-cpu-ms")
		c.close()
	}
}
