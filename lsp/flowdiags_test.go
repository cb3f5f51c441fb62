package lsp

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// After an edit, the diagnostics are published at once without waiting for the flow analysis,
// but those it found where the text did not change stay: every publication of the edited
// version has the use after close of the form the edit did not touch, and the last has all.
func TestFlowDiagnosticsKept(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/flowkept.scm"
	text := `(import (scheme base) (foment base))
(define (use-after-close)
  (let ((s (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
    (close-port s)
    (send-socket s (bytevector 1) 0)))
(define (other x)
  (+ x 1))
`
	open(c, uri, text)
	c.waitFor(uri, func(ds []map[string]any) bool { return strings.Contains(codes(ds), "socket-lifecycle@4") })
	c.mu.Lock()
	c.published = nil
	c.mu.Unlock()
	// Type in the other procedure.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 6, "character": 8},
			"end": map[string]any{"line": 6, "character": 8}}, "text": " 2"}}})
	c.waitVersion(uri, 2)
	time.Sleep(200 * time.Millisecond) // the flow analysis's publication, if any
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, raw := range c.published {
		var p struct {
			Version     int              `json:"version"`
			Diagnostics []map[string]any `json:"diagnostics"`
		}
		json.Unmarshal(raw, &p)
		if p.Version != 2 {
			continue
		}
		n++
		if got := codes(p.Diagnostics); !strings.Contains(got, "socket-lifecycle@4") || strings.Contains(got, "arity") {
			t.Errorf("publication %d of version 2: %s", n, got)
		}
	}
	if n == 0 {
		t.Error("version 2 was not published")
	}
}

// An edit's analysis starts from the version before: the forms the edit did not touch are the
// same data (the first edit after the document was opened too).
func TestEditReusesForms(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/reuse.scm"
	open(c, uri, "(import (scheme base))\n(define (f x) x)\n(define (g y) y)\n")
	c.waitVersion(uri, 1)
	first, _ := c.server.analysis(c.server.doc(protocol.DocumentURI(uri)))
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 2, "character": 15},
			"end": map[string]any{"line": 2, "character": 15}}, "text": " 1"}}})
	c.waitVersion(uri, 2)
	second, _ := c.server.analysis(c.server.doc(protocol.DocumentURI(uri)))
	if len(first.Data) != 3 || len(second.Data) != 3 || first.Data[1] != second.Data[1] || first.Data[2] == second.Data[2] {
		t.Errorf("the second version's forms are not the first's but the edited one")
	}
}

// A diagnostic of the last flow analysis whose message names the line of another place is not
// shown again after an edit moved that place: every publication names the line as the text
// has it.
func TestFlowDiagnosticsKeptLines(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/flowlines.scm"
	text := "(import (foment base) (srfi 106))\n(define x 1)\n(define (serve c)\n  (recv-socket c 10 0))\n" +
		"(define (main) (let ((l (make-server-socket \"8081\"))) (serve l)))\n"
	open(c, uri, text)
	messages := func(ds []map[string]any) string {
		var out []string
		for _, d := range ds {
			out = append(out, d["message"].(string))
		}
		return strings.Join(out, "\n")
	}
	c.waitFor(uri, func(ds []map[string]any) bool { return strings.Contains(messages(ds), "flowlines.scm:4)") })
	c.mu.Lock()
	c.published = nil
	c.mu.Unlock()
	// A line break in the form above serve: its recv-socket is on line 5 now, the forms of
	// serve and main are not read again.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 1, "character": 9},
			"end": map[string]any{"line": 1, "character": 10}}, "text": "\n"}}})
	c.waitFor(uri, func(ds []map[string]any) bool { return strings.Contains(messages(ds), "flowlines.scm:5)") })
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, raw := range c.published {
		var p struct {
			Version     int              `json:"version"`
			Diagnostics []map[string]any `json:"diagnostics"`
		}
		json.Unmarshal(raw, &p)
		if m := messages(p.Diagnostics); p.Version == 2 && strings.Contains(m, "flowlines.scm:4)") {
			t.Errorf("publication %d of version 2 names the old line: %s", i, m)
		}
	}
}

// A document just opened gets its flow analysis at once: the pause the server waits for is
// one in typing, and nobody has typed yet.
func TestFlowAtOpen(t *testing.T) {
	c := newTestClient(t)
	c.server.FlowDelay = time.Hour // only an edit waits for it
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/flowopen.scm"
	open(c, uri, `(import (scheme base) (foment base))
(define (use-after-close)
  (let ((s (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
    (close-port s)
    (send-socket s (bytevector 1) 0)))
`)
	c.waitFor(uri, func(ds []map[string]any) bool { return strings.Contains(codes(ds), "socket-lifecycle@4") })
}

// Once an edit has come, the flow analysis waits for a pause in the edits, even when the one
// of the version opened never finished: made at once after every edit, each superseded by the
// next, it took a worker and a core from the requests as long as the typing went on.
func TestFlowWaitsWhileTyping(t *testing.T) {
	c := newTestClient(t)
	c.server.FlowDelay = time.Hour // only the opened version's comes at once
	var started atomic.Int32
	release := make(chan struct{})
	c.server.beforeFlow = func(protocol.DocumentURI) {
		if started.Add(1) == 1 {
			<-release // the opened version's: superseded by the edits before it starts
		}
	}
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/flowtyping.scm"
	text := `(import (scheme base) (foment base))
(define (use-after-close)
  (let ((s (make-socket *af-inet* *sock-stream* *ipproto-tcp*)))
    (close-port s)
    (send-socket s (bytevector 1) 0)))
`
	open(c, uri, text)
	c.waitVersion(uri, 1)
	for v := 2; v <= 6; v++ {
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 5, "character": 0},
				"end": map[string]any{"line": 5, "character": 0}}, "text": ";"}}})
		c.waitVersion(uri, v)
		if v == 2 {
			close(release)
		}
	}
	time.Sleep(50 * time.Millisecond) // a flow analysis queued at once would have started
	if n := started.Load(); n != 1 {
		t.Errorf("%d flow analyses started while typing; want only the opened version's", n)
	}
}
