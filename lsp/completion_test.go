package lsp

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// A client that resolves completion items gets their documentation when it asks; a list
// longer than maxCompletions is cut and marked incomplete.
func TestCompletionResolveAndLimit(t *testing.T) {
	c := newTestClient(t)
	var res map[string]any
	if err := c.call("initialize", map[string]any{"rootUri": "file://" + t.TempDir(), "capabilities": map[string]any{
		"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{
			"resolveSupport": map[string]any{"properties": []string{"documentation", "detail"}}}}}}}, &res); err != nil {
		t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	uri := "file:///tmp/c.scm"
	text := "(import (srfi 106))\n" + manyDefinitions(400) + "(make-cl"
	open(c, uri, text)
	c.waitVersion(uri, 1)
	line := strings.Count(text, "\n")
	var list struct {
		IsIncomplete bool             `json:"isIncomplete"`
		Items        []map[string]any `json:"items"`
	}
	if err := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": 8}}, &list); err != nil {
		t.Fatal(err)
	}
	var item map[string]any
	for _, it := range list.Items {
		if it["label"] == "make-client-socket" {
			item = it
		}
	}
	if item == nil || item["documentation"] != nil || item["data"] == nil {
		t.Fatalf("make-client-socket, without its documentation and with data: %v", item)
	}
	var resolved struct {
		Documentation struct{ Value string } `json:"documentation"`
	}
	if err := c.call("completionItem/resolve", item, &resolved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resolved.Documentation.Value, "(make-client-socket") {
		t.Errorf("resolved documentation: %q", resolved.Documentation.Value)
	}
	// After "(", every name matches: 400 definitions and the builtins.
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": 1}}, &list)
	if !list.IsIncomplete || len(list.Items) != maxCompletions {
		t.Errorf("%d items, incomplete %v; want %d, incomplete", len(list.Items), list.IsIncomplete, maxCompletions)
	}
}

// Completion right after a name is typed answers from the last analysis made, without waiting
// for the new version's (here held back until the answer came); after an edit that is not a
// name's (an argument opened), it waits, and knows the call the cursor is in.
func TestCompletionWhileAnalysing(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/quick.scm"
	text := "(import (scheme base) (foment base))\n(define (server-main port) port)\n(define (serve-one s) s)\n\n(ser"
	open(c, uri, text)
	c.waitVersion(uri, 1)
	hold := make(chan struct{})
	held := make(chan string, 10)
	f := func(path string) { held <- path; <-hold }
	c.server.beforeAnalysis.Store(&f)
	change := func(version, line, col int, s string) {
		at := map[string]any{"line": line, "character": col}
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": at, "end": at}, "text": s}}})
	}
	labels := func(line, col int) []string {
		var list struct {
			Items []struct {
				Label string `json:"label"`
			} `json:"items"`
		}
		if err := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": line, "character": col}}, &list); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range list.Items {
			out = append(out, it.Label)
		}
		return out
	}
	change(2, 4, 4, "v")
	<-held // the analysis of version 2 has begun, and waits
	got := labels(4, 5)
	if strings.Join(got, " ") != "server-main serve-one" {
		t.Errorf("completion of (serv while version 2 is analysed: %v", got)
	}
	close(hold)
	c.waitVersion(uri, 2)
	// An edit that is not a name's waits for its analysis.
	hold = make(chan struct{})
	change(3, 4, 5, "er-main (make-socket ))")
	<-held
	go func() { time.Sleep(50 * time.Millisecond); close(hold) }()
	got = labels(4, 26)
	if !contains(got, "*af-inet*") || contains(got, "server-main") {
		t.Errorf("completion of make-socket's first argument: %v", got)
	}
}

// Edits made one after the other compose into the text they changed, and offsets map through.
func TestTextEditThen(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		text := []byte(strings.Repeat("abcdefghij", 1+rng.Intn(5)))
		older := text
		var e textEdit
		for k := 0; k < 1+rng.Intn(4); k++ {
			start := rng.Intn(len(text) + 1)
			end := start + rng.Intn(len(text)-start+1)
			ins := strings.Repeat("X", rng.Intn(4))
			text = append(append(append([]byte(nil), text[:start]...), ins...), text[end:]...)
			f := textEdit{start, end, start + len(ins), true}
			if k == 0 {
				e = f
			} else {
				e = e.then(f)
			}
		}
		if string(older[:e.start]) != string(text[:e.start]) || string(older[e.end:]) != string(text[e.newEnd:]) {
			t.Fatalf("%q → %q: composed %+v", older, text, e)
		}
		for off := 0; off <= len(text); off++ {
			if b := e.back(off); b < 0 || b > len(older) || (off < e.start || off > e.newEnd) && e.forth(b) != off {
				t.Fatalf("%q → %q, %+v: back(%d) = %d", older, text, e, off, b)
			}
		}
	}
	for _, c := range []struct {
		older, newer string
		e            textEdit
		want         bool
	}{
		{"(ser", "(serv", textEdit{4, 4, 5, true}, true},
		{"(serv", "(ser", textEdit{4, 5, 4, true}, true},
		{"(f a c)", "(f a b c)", textEdit{5, 5, 7, true}, false},
		{"(f #", "(f #\\", textEdit{4, 4, 5, true}, false},
		{"(f #(", "(f #x(", textEdit{4, 4, 5, true}, false},
		{"(f ;", "(f #;", textEdit{3, 3, 4, true}, false},
		{"(f x", "(f x(", textEdit{4, 4, 5, true}, false},
		{"(f x", "(f xy", textEdit{}, false},
	} {
		if got := nameTyped([]byte(c.older), []byte(c.newer), c.e); got != c.want {
			t.Errorf("%q → %q: nameTyped %v", c.older, c.newer, got)
		}
	}
}

func TestFuzzy(t *testing.T) {
	for _, c := range []struct {
		prefix, label string
		want          bool
	}{{"ms", "make-socket", true}, {"mcs", "make-client-socket", true}, {"mc", "make-client-socket", true},
		{"ai", "*af-inet*", true}, {"ms", "make", false}, {"m", "make-socket", false}, {"m-s", "make-socket", false},
		{"sm", "make-socket", false}, {"ab", "a--b", true}, {"ab", "**a**b", true}, {"abc", "a-b", false}} {
		if got := fuzzy(c.prefix, c.label); got != c.want {
			t.Errorf("fuzzy(%q, %q) = %v", c.prefix, c.label, got)
		}
	}
}
