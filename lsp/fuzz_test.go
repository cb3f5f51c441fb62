package lsp

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzServer feeds the server arbitrary message bodies (framed correctly) between a valid
// initialize and a shutdown: it must never panic and must still answer the shutdown.
// go test ./lsp -run XXX -fuzz FuzzServer -fuzztime 60s
func FuzzServer(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.scm","text":"(import (foment base)) (make-socket"}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.scm"},"contentChanges":[{"range":{"start":{"line":99,"character":99},"end":{"line":0,"character":0}},"text":"x"}]}}`,
		`{"jsonrpc":"2.0","id":"s","method":"textDocument/completion","params":{"textDocument":{"uri":"file:///a.scm"},"position":{"line":0,"character":30}}}`,
		`{"jsonrpc":"2.0","id":8,"method":"textDocument/rename","params":{"textDocument":{"uri":"file:///a.scm"},"position":{"line":0,"character":1},"newName":""}}`,
		`{"jsonrpc":"2.0","id":7,"method":"textDocument/semanticTokens/full/delta","params":{"textDocument":{"uri":"file:///a.scm"},"previousResultId":"zz"}}`,
		`{"jsonrpc":"2.0","id":6,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///a.scm"}}}`,
		`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":9}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		in := &bytes.Buffer{}
		frame := func(b string) { fmt.Fprintf(in, "Content-Length: %d\r\n\r\n%s", len(b), b) }
		frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///f.scm","version":1,"text":"(import (foment base))\n(define s (make-socket *af-inet* *sock-stream* 0))"}}}`)
		frame(body)
		frame(`{"jsonrpc":"2.0","id":"last","method":"shutdown"}`)
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
		var out bytes.Buffer
		done := make(chan int, 1)
		go func() { done <- Serve(context.Background(), in, &out, nil) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("server hung on %q", body)
		}
		if !strings.Contains(out.String(), `"id":"last"`) {
			t.Fatalf("no reply to shutdown after %q:\n%s", body, out.String())
		}
	})
}
