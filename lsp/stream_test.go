package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// TestStreamWrites: every kind of message the stream writes around jsonrpc2's own encoding
// (successful responses, notifications) reads back as the message jsonrpc2 would have written.
func TestStreamWrites(t *testing.T) {
	ok, _ := jsonrpc2.NewResponse(jsonrpc2.NewNumberID(7), map[string]any{"items": []int{1, 2}}, nil)
	null, _ := jsonrpc2.NewResponse(jsonrpc2.NewStringID("a\"b"), nil, nil)
	failed, _ := jsonrpc2.NewResponse(jsonrpc2.NewNumberID(8), nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "bad"))
	note, _ := jsonrpc2.NewNotification("textDocument/publishDiagnostics", map[string]any{"uri": "file:///a\u2028.scm", "diagnostics": []any{}})
	bare, _ := jsonrpc2.NewNotification("exit", nil)
	call, _ := jsonrpc2.NewCall(jsonrpc2.NewNumberID(3), "workspace/configuration", map[string]any{"items": []any{}})
	for _, msg := range []jsonrpc2.Message{ok, null, failed, note, bare, call} {
		var out bytes.Buffer
		s := newStream(strings.NewReader(""), &out, nil)
		n, err := s.Write(context.Background(), msg)
		if err != nil || n != int64(out.Len()) {
			t.Fatalf("%T: wrote %d of %d bytes: %v", msg, n, out.Len(), err)
		}
		head, body, found := strings.Cut(out.String(), "\r\n\r\n")
		if !found || head != "Content-Length: "+itoa(len(body)) {
			t.Fatalf("%T: frame %q", msg, out.String())
		}
		want, _ := json.Marshal(msg)
		var got, exp any
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%T: %q is not JSON: %v", msg, body, err)
		}
		json.Unmarshal(want, &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%T: wrote %s, jsonrpc2 writes %s", msg, body, want)
		}
		back, err := jsonrpc2.DecodeMessage([]byte(body))
		if err != nil || reflect.TypeOf(back) != reflect.TypeOf(msg) {
			t.Errorf("%T: read back as %T: %v", msg, back, err)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
