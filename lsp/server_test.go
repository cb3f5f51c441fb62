package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

func open(c *testClient, uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "scheme", "version": 1, "text": text}})
}

func TestLifecycle(t *testing.T) {
	c := newTestClient(t)
	res := c.initialize(t.TempDir(), false)
	caps := res["capabilities"].(map[string]any)
	for _, k := range []string{"hoverProvider", "completionProvider", "renameProvider", "semanticTokensProvider", "inlayHintProvider", "documentFormattingProvider"} {
		if caps[k] == nil {
			t.Errorf("capability %s missing", k)
		}
	}
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("encoding %v", caps["positionEncoding"])
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	// After shutdown, requests fail.
	var x any
	if err := c.call("textDocument/hover", map[string]any{}, &x); err == nil {
		t.Error("a request after shutdown succeeded")
	}
	c.notify("exit", nil)
	select {
	case code := <-c.done:
		if code != 0 {
			t.Errorf("exit code %d after shutdown", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	c.notify("exit", nil)
	select {
	case code := <-c.done:
		if code != 1 {
			t.Errorf("exit code %d without shutdown, want 1", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit")
	}
}

// Malformed messages get error responses, and the server goes on answering.
func TestMalformedMessages(t *testing.T) {
	in := &bytes.Buffer{}
	frame := func(body string) { fmt.Fprintf(in, "Content-Length: %d\r\n\r\n%s", len(body), body) }
	frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	frame(`{not json`)
	frame(`{"jsonrpc":"2.0","id":2}`)
	frame(`{"jsonrpc":"2.0","id":3,"method":"no/such/method","params":{}}`)
	frame(`{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":"a string"}`)
	frame(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nope.scm"},"position":{"line":0,"character":0}}}`)
	frame(`{"jsonrpc":"2.0","id":6,"method":"shutdown"}`)
	frame(`{"jsonrpc":"2.0","method":"exit"}`)
	var out bytes.Buffer
	done := make(chan int)
	go func() { done <- Serve(context.Background(), in, &out, nil) }()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not exit")
	}
	// Decode the replies: id -> error code (0 for a result).
	got := map[string]int{}
	for _, part := range strings.Split(out.String(), "Content-Length: ")[1:] {
		body := part[strings.Index(part, "{"):]
		var m struct {
			ID    *json.RawMessage    `json:"id"`
			Error *struct{ Code int } `json:"error"`
		}
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("bad reply %q: %v", body, err)
		}
		id := "null"
		if m.ID != nil {
			id = string(*m.ID)
		}
		code := 0
		if m.Error != nil {
			code = m.Error.Code
		}
		got[id] = code
	}
	want := map[string]int{"1": 0, "null": -32700, "3": -32601, "4": -32602, "5": 0, "6": 0}
	for id, code := range want {
		if c, ok := got[id]; !ok || c != code {
			t.Errorf("reply to %s: %v (present %v), want %d; all %v", id, c, ok, code, got)
		}
	}
}

// A request cancelled before it is served answers RequestCancelled (or its result, if it
// finished first); the server keeps serving.
func TestCancellation(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/cancel.scm"
	open(c, uri, "(import (scheme base))\n"+strings.Repeat("(define (f x) (+ x 1))\n", 2000))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var res any
	c.conn.Call(ctx, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &res)
	var syms []any
	if err := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &syms); err != nil || len(syms) == 0 {
		t.Fatalf("server stopped answering: %v", err)
	}
}

// Incremental changes, in UTF-16 by default and in UTF-8 when negotiated, land where the
// client meant them; diagnostics follow the text.
func TestIncrementalSync(t *testing.T) {
	for _, utf8 := range []bool{false, true} {
		c := newTestClient(t)
		res := c.initialize(t.TempDir(), utf8)
		enc := res["capabilities"].(map[string]any)["positionEncoding"]
		uri := "file:///tmp/sync.scm"
		open(c, uri, "(import (scheme base))\n(define s \"😀é\") (car)\n")
		if d := c.waitDiagnostics(uri); len(d) != 1 {
			t.Fatalf("%v: diagnostics %v", enc, d)
		}
		// Replace "(car)" with "(car '(1))": its column is after an astral character.
		col := 17 // UTF-16: ( d e f i n e space s space " 😀(2) é " space = 17
		if utf8 {
			col = 20 // bytes: 😀 is 4, é is 2
		}
		c.clearDiagnostics()
		c.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": 2},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": map[string]any{"line": 1, "character": col + 4}, "end": map[string]any{"line": 1, "character": col + 4}},
				"text":  " '(1)"}}})
		if d := c.waitDiagnostics(uri); len(d) != 0 {
			t.Errorf("%v: after the edit, diagnostics %v", enc, d)
		}
		var h struct {
			Contents struct{ Value string } `json:"contents"`
		}
		c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": 1, "character": col + 2}}, &h)
		if !strings.Contains(h.Contents.Value, "(car pair)") {
			t.Errorf("%v: hover at the edited place: %q", enc, h.Contents.Value)
		}
	}
}

func TestSemanticTokens(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/tok.scm"
	open(c, uri, "(import (foment base))\n; comment\n(define (f x) (make-socket *af-inet* *sock-stream* 0))\n")
	var full struct {
		ResultID string   `json:"resultId"`
		Data     []uint32 `json:"data"`
	}
	c.call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uri}}, &full)
	if len(full.Data) == 0 || len(full.Data)%5 != 0 {
		t.Fatalf("tokens %v", full.Data)
	}
	// Decode: every token lies on a line and has a known type.
	line, char := uint32(0), uint32(0)
	types := map[string]int{}
	for i := 0; i < len(full.Data); i += 5 {
		if full.Data[i] > 0 {
			line += full.Data[i]
			char = full.Data[i+1]
		} else {
			char += full.Data[i+1]
		}
		types[tokenTypes[full.Data[i+3]]]++
	}
	for _, want := range []string{"keyword", "function", "parameter", "enumMember", "comment", "number"} {
		if types[want] == 0 {
			t.Errorf("no %s token: %v", want, types)
		}
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "(import (foment base))\n; comment\n(define (g y) (make-socket *af-inet* *sock-stream* 0))\n"}}})
	var delta struct {
		Edits []struct {
			Start, DeleteCount uint32
		} `json:"edits"`
	}
	if err := c.call("textDocument/semanticTokens/full/delta", map[string]any{"textDocument": map[string]any{"uri": uri}, "previousResultId": full.ResultID}, &delta); err != nil {
		t.Fatal(err)
	}
	var rng struct {
		Data []uint32 `json:"data"`
	}
	c.call("textDocument/semanticTokens/range", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": map[string]any{"start": map[string]any{"line": 1, "character": 0}, "end": map[string]any{"line": 1, "character": 9}}}, &rng)
	if len(rng.Data) != 5 {
		t.Errorf("range tokens %v", rng.Data)
	}
}

// The stream answers a framed message that is not JSON and keeps reading.
func TestStreamRecovers(t *testing.T) {
	in := strings.NewReader("Content-Length: 3\r\n\r\n{x}Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}")
	var out bytes.Buffer
	s := newStream(in, &out, nil)
	msg, _, err := s.Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := msg.(*jsonrpc2.Notification); !ok || n.Method() != "initialized" {
		t.Errorf("message %#v", msg)
	}
	if !strings.Contains(out.String(), "-32700") {
		t.Errorf("no parse error reply: %q", out.String())
	}
	if _, _, err := s.Read(context.Background()); err != io.EOF && err != io.ErrUnexpectedEOF {
		t.Errorf("end: %v", err)
	}
}
