package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The workspace is indexed in the background, with work-done progress; references and
// workspace symbols find the files that are not open there, and a file changed on disk is
// indexed again.
func TestWorkspaceIndex(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"lib/util.sld": "(define-library (lib util) (export twice) (import (scheme base)) (begin (define (twice x) (* 2 x))))\n",
		"a.scm":        "(import (scheme base) (lib util))\n(twice 1)\n(twice 2)\n",
		"b.scm":        "(import (scheme base) (lib util))\n(define (b-only) (twice 3))\n",
	})
	c := newTestClient(t)
	if err := c.call("initialize", map[string]any{"rootUri": "file://" + dir, "capabilities": map[string]any{
		"window": map[string]any{"workDoneProgress": true}}, "initializationOptions": map[string]any{"libraryPath": []string{dir}}}, nil); err != nil {
		t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	refs := func() map[string]int {
		var locs []struct {
			URI string `json:"uri"`
		}
		if err := c.call("workspace/symbol", map[string]any{"query": "b-only"}, &locs); err != nil {
			t.Fatal(err)
		}
		uri := "file://" + filepath.Join(dir, "lib/util.sld")
		text, _ := os.ReadFile(filepath.Join(dir, "lib/util.sld"))
		open(c, uri, string(text))
		col := strings.Index(string(text), "(twice x)") + 1
		var rs []struct {
			URI string `json:"uri"`
		}
		if err := c.call("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": 0, "character": col}, "context": map[string]any{"includeDeclaration": false}}, &rs); err != nil {
			t.Fatal(err)
		}
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		out := map[string]int{}
		for _, r := range rs {
			out[filepath.Base(r.URI)]++
		}
		return out
	}
	if got := refs(); got["a.scm"] != 2 || got["b.scm"] != 1 || got["util.sld"] != 1 {
		t.Errorf("references %v, want 2 in a.scm, 1 in b.scm and the export in util.sld", got)
	}
	var syms []struct {
		Name string `json:"name"`
	}
	c.call("workspace/symbol", map[string]any{"query": "b-only"}, &syms)
	if len(syms) != 1 || syms[0].Name != "b-only" {
		t.Errorf("workspace symbols %v", syms)
	}
	// The progress began, went on and ended.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		all := string(joinRaw(c.progress))
		c.mu.Unlock()
		if strings.Contains(all, `"begin"`) && strings.Contains(all, `"end"`) && strings.Contains(all, `"report"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("progress: %s", all)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// b.scm changes on disk: its uses are found again.
	os.WriteFile(filepath.Join(dir, "b.scm"), []byte("(import (scheme base) (lib util))\n(twice 4)\n(twice 5)\n(twice 6)\n"), 0o644)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + filepath.Join(dir, "b.scm"), "type": 2}}})
	if got := refs(); got["b.scm"] != 3 {
		t.Errorf("after b.scm changed: references %v, want 3 in b.scm", got)
	}
}

func joinRaw(rs []json.RawMessage) []byte {
	var out []byte
	for _, r := range rs {
		out = append(append(out, r...), '\n')
	}
	return out
}

// Indexed (the command's hook: the memory of the analyses goes back to the system) is called
// once the first indexing of the workspace is over, before its end is reported.
func TestIndexedHook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.scm": "(import (scheme base))\n(define (f x) x)\n", "b.scm": "(f 1)\n"})
	c := newTestClient(t)
	calls := make(chan string, 4)
	Indexed = func() {
		c.mu.Lock()
		calls <- string(joinRaw(c.progress))
		c.mu.Unlock()
	}
	t.Cleanup(func() { Indexed = nil })
	c.call("initialize", map[string]any{"rootUri": "file://" + dir, "capabilities": map[string]any{
		"window": map[string]any{"workDoneProgress": true}}}, nil)
	c.notify("initialized", map[string]any{})
	var seen string
	select {
	case seen = <-calls:
	case <-time.After(10 * time.Second):
		t.Fatal("Indexed not called")
	}
	if !strings.Contains(seen, `"begin"`) || strings.Contains(seen, `"end"`) {
		t.Errorf("progress when Indexed was called: %s", seen)
	}
	var syms []any
	c.call("workspace/symbol", map[string]any{"query": "f"}, &syms)
	c.close()
	if len(calls) != 0 {
		t.Errorf("Indexed called %d more times", len(calls))
	}
}

// Burst (the command's hook: the collector's pace for a burst of data) is around the analysis
// of a whole file — an open — and not around that of an edit.
func TestBurstAroundWholeAnalysis(t *testing.T) {
	var mu sync.Mutex
	begun, ended := 0, 0
	Burst = func() func() {
		mu.Lock()
		begun++
		mu.Unlock()
		return func() { mu.Lock(); ended++; mu.Unlock() }
	}
	t.Cleanup(func() { Burst = nil })
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///tmp/burst.scm"
	open(c, uri, "(import (scheme base))\n(define (f x) x)\n")
	c.waitVersion(uri, 1)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 1, "character": 0},
			"end": map[string]any{"line": 1, "character": 0}}, "text": "(f 1)\n"}}})
	c.waitVersion(uri, 2)
	mu.Lock()
	defer mu.Unlock()
	if begun != 1 || ended != 1 {
		t.Errorf("Burst begun %d times, ended %d times; want once, for the open", begun, ended)
	}
}

// An open document is not indexed from disk: the index serves the files that are not open,
// and an open one answers from its own analysis. Its entry is made again when it closes,
// from the disk's text.
func TestOpenFileNotIndexed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.scm": "(import (scheme base))\n(define (a-disk) 1)\n",
		"b.scm": "(import (scheme base))\n(define (b-disk) 1)\n",
	})
	c := newTestClient(t)
	c.initialize(dir, false)
	symbols := func(q string) int {
		var syms []struct {
			Name string `json:"name"`
		}
		if err := c.call("workspace/symbol", map[string]any{"query": q}, &syms); err != nil {
			t.Fatal(err)
		}
		return len(syms)
	}
	if symbols("a-disk") != 1 { // the workspace is indexed
		t.Fatal("a.scm was not indexed")
	}
	path := filepath.Join(dir, "a.scm")
	x := &c.server.index
	x.mu.Lock()
	before := x.files[path]
	x.mu.Unlock()
	uri := "file://" + path
	open(c, uri, "(import (scheme base))\n(define (a-buffer) 1)\n")
	c.waitVersion(uri, 1)
	symbols("b-disk") // indexes whatever is stale
	x.mu.Lock()
	after, stale := x.files[path], x.stale[path]
	x.mu.Unlock()
	if after != before || stale {
		t.Errorf("the open a.scm was indexed again from disk (entry replaced: %v, stale: %v)", after != before, stale)
	}
	if symbols("a-buffer") != 1 || symbols("a-disk") != 0 {
		t.Error("workspace symbols do not come from the open document's text")
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if symbols("a-disk") != 1 {
		t.Error("a.scm closed: its entry is not the disk's")
	}
}
