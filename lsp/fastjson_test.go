package lsp

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// tricky strings for the fast decoding: escapes of every kind, surrogate pairs and lone
// halves, bytes that are not UTF-8, and what is not JSON at all.
var trickyStrings = []string{
	`""`, `"plain"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`,
	`"\ude00\ud83d"`, `"\ud83d\u0041"`, "\"caf\xc3\xa9\"", "\"bad \xff byte\"", "\"cut \xe4\xb8\"", `"\x"`, `"\u12"`,
	`"\u12g4"`, "\"tab\there\"", `"unterminated`, `"a"b`, `"\`, `"\uD83D\uDE00 upper"`, `"😀 raw"`,
}

func TestFastJSONStrings(t *testing.T) {
	for _, s := range trickyStrings {
		got, ok := jsonString([]byte(s))
		var want string
		err := json.Unmarshal([]byte(s), &want)
		if ok && (err != nil || got != want) {
			t.Errorf("%q: fast %q, encoding/json %q (%v)", s, got, want, err)
		}
		if !ok && err == nil {
			t.Errorf("%q: the fast way gave up on a valid string", s)
		}
	}
}

// padded makes a message large enough for the fast way.
func padded(text string) string { return text + strings.Repeat("(display 1)\n", fastMessageSize/12+1) }

// The fast way decodes large notifications, didOpen's and didChange's parameters exactly as
// encoding/json and jsonrpc2 do, and gives up on anything else.
func TestFastJSON(t *testing.T) {
	text := padded("(define s \"caf\u00e9 \\\"x\\\"\")\n\t;; \u4e2d\U0001F600\r\n")
	quoted, _ := json.Marshal(text)
	q := string(quoted)
	messages := []string{
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.scm","languageId":"scheme","version":3,"text":` + q + `}}}`,
		` { "params" : { "textDocument" : { "text" : ` + q + ` , "version" : 7, "uri": "file:///a%20b.scm", "extra": [1, 2.5e3, -0.5, true, false, null, {"x": {}}] } } , "method" : "textDocument/didOpen" , "jsonrpc" : "2.0" } `,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.scm","version":4},"contentChanges":[{"text":` + q + `},{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":3}},"rangeLength":1,"text":"x"}]}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.scm","version":1.5,"text":` + q + `}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.scm","version":99999999999,"text":` + q + `}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"URI":"file:///a.scm","Text":` + q + `}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":null,"text":` + q + `}}`,
		`{"jsonrpc":"2.0","id":1,"method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `}}}`,
		`{"jsonrpc":"2.0","Method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `}}}`,
		`{"jsonrpc":"1.0","method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `, "x": tru}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `, "x": 01}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `,}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":` + q + `}}} x`,
		`{"jsonrpc":"2.0","method":"","params":{"textDocument":{"text":` + q + `}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"` + strings.Repeat("x", fastMessageSize) + `"}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":"bad \\q ` + strings.Repeat("x", fastMessageSize) + `"}}}`,
	}
	for i, m := range messages {
		checkFastMessage(t, i, []byte(m))
	}
	// Brackets nested a million deep: the fast way gives up at once (the reading goroutine's
	// stack is not theirs to take), as it does a hundred deep.
	for _, n := range []int{1000000, 150} {
		deep := `{"jsonrpc":"2.0","method":"m","params":[` + strings.Repeat("[", n) + strings.Repeat("]", n) + "]}" + strings.Repeat(" ", fastMessageSize)
		if fastNotification([]byte(deep)) != nil {
			t.Errorf("brackets nested %d deep: read the fast way", n)
		}
	}
	// The first three take the fast way all along; a version that is not an int32 and names
	// of another case do not.
	for i, m := range messages[:6] {
		n, _ := fastNotification([]byte(m)).(rawNotification)
		var o protocol.DidOpenTextDocumentParams
		var c didChangeParams
		fast := n.Notification != nil && (fastOpenParams(n.Params(), &o) && o.TextDocument.Text == text ||
			fastChangeParams(n.Params(), &c) && len(c.ContentChanges) == 2 && c.ContentChanges[0].Text == text)
		if fast != (i < 3) {
			t.Errorf("message %d: fast %v", i, fast)
		}
	}
}

func checkFastMessage(t *testing.T, i int, data []byte) {
	t.Helper()
	want, werr := jsonrpc2.DecodeMessage(data)
	if got := fastNotification(data); got != nil {
		n, ok := want.(*jsonrpc2.Notification)
		if werr != nil || !ok {
			t.Fatalf("message %d: fast way read a notification, jsonrpc2: %T %v", i, want, werr)
		}
		g := got.(jsonrpc2.Request)
		if g.Method() != n.Method() || !sameJSON(g.Params(), n.Params()) {
			t.Fatalf("message %d: fast %s %.80s, jsonrpc2 %s %.80s", i, g.Method(), g.Params(), n.Method(), n.Params())
		}
	}
	n, ok := want.(*jsonrpc2.Notification)
	if werr != nil || !ok {
		return
	}
	params := n.Params()
	var fo, so protocol.DidOpenTextDocumentParams
	if fastOpenParams(params, &fo) {
		if err := json.Unmarshal(params, &so); err != nil || !reflect.DeepEqual(fo, so) {
			t.Fatalf("message %d: didOpen fast %+.80v, encoding/json %+.80v (%v)", i, fo, so, err)
		}
	}
	var fc, sc didChangeParams
	if fastChangeParams(params, &fc) {
		if err := json.Unmarshal(params, &sc); err != nil || !reflect.DeepEqual(fc, sc) {
			t.Fatalf("message %d: didChange fast %+.80v, encoding/json %+.80v (%v)", i, fc, sc, err)
		}
	}
}

func sameJSON(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// FuzzFastJSON: whatever the fast way accepts, encoding/json decodes the same.
func FuzzFastJSON(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Add(`{"textDocument":{"uri":"file:///a.scm","version":1,"text":"x"}}`)
	f.Add(`{"textDocument":{"uri":"u","version":2},"contentChanges":[{"text":"y"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := jsonString([]byte(s)); ok {
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil || got != want {
				t.Fatalf("%q: fast %q, encoding/json %q (%v)", s, got, want, err)
			}
		}
		// As didOpen's parameters, and inside a notification, padded to be large enough.
		params := []byte(s + strings.Repeat(" ", fastMessageSize))
		var fo, so protocol.DidOpenTextDocumentParams
		if fastOpenParams(params, &fo) {
			if err := json.Unmarshal(params, &so); err != nil || !reflect.DeepEqual(fo, so) {
				t.Fatalf("didOpen %q: fast %+v, encoding/json %+v (%v)", s, fo, so, err)
			}
		}
		var fc, sc didChangeParams
		if fastChangeParams(params, &fc) {
			if err := json.Unmarshal(params, &sc); err != nil || !reflect.DeepEqual(fc, sc) {
				t.Fatalf("didChange %q: fast %+v, encoding/json %+v (%v)", s, fc, sc, err)
			}
		}
		checkFastMessage(t, 0, []byte(`{"jsonrpc":"2.0","method":"m","params":`+s+`}`+strings.Repeat(" ", fastMessageSize)))
	})
}

// BenchmarkDidOpenDecode: reading the didOpen of the 10,011-line file, from the message's bytes
// to the text, the ordinary way (jsonrpc2's envelope, then encoding/json) and the fast way:
//
//	go test ./lsp -run XXX -bench DidOpenDecode
func BenchmarkDidOpenDecode(b *testing.B) {
	data, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": "file:///tmp/big.scm", "languageId": "scheme", "version": 1, "text": bigSocketProgram(10000)}}})
	b.Run("ordinary", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			msg, _ := jsonrpc2.DecodeMessage(data)
			var p protocol.DidOpenTextDocumentParams
			if json.Unmarshal(msg.(jsonrpc2.Request).Params(), &p) != nil {
				b.Fatal("no params")
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			msg := fastNotification(data)
			var p protocol.DidOpenTextDocumentParams
			if !fastOpenParams(msg.(jsonrpc2.Request).Params(), &p) {
				b.Fatal("no params")
			}
		}
	})
}

// A large document opened and replaced whole (clients that send whole texts) arrives intact
// through the fast way: escapes, non-ASCII text, and the columns after them.
func TestLargeDocumentOverTheProtocol(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/large.scm"
	head := "(import (scheme base))\n(define s \"caf\u00e9 \U0001F600 \\\"q\\\" \\\\ \t\")\n"
	body := strings.Repeat("(define (f x) (* x 2))\n", fastMessageSize/20)
	open(c, uri, head+body+"(define t \"\U0001F600\") (car)\n")
	line := strings.Count(head+body, "\n")
	check := func(version int, col float64) {
		t.Helper()
		ds := c.waitVersion(uri, version)
		if len(ds) != 1 {
			t.Fatalf("version %d: diagnostics %v", version, ds)
		}
		start := ds[0]["range"].(map[string]any)["start"].(map[string]any)
		if start["line"].(float64) != float64(line) || start["character"].(float64) != col {
			t.Errorf("version %d: (car) reported at %v, want %d:%v", version, start, line, col)
		}
	}
	check(1, 16) // after "😀": two UTF-16 units (four bytes)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": head + body + "(define t \"\u00e9\u00e9\") (car)\n"}}})
	check(2, 16)
}
