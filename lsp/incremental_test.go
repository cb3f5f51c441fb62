package lsp

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// position returns the LSP position (UTF-16) of a byte offset of text.
func lspPosition(text string, off int) map[string]any {
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	col := len(utf16.Encode([]rune(text[start:off])))
	return map[string]any{"line": line, "character": col}
}

// features asks a server for what an editor shows of a document, at every place where a name
// or a list starts: diagnostics, symbols, semantic tokens, folding, and per place hover,
// definition, references, highlights, selection ranges, signature help and completion labels.
func features(t *testing.T, c *testClient, uri, text string, version int) string {
	t.Helper()
	var b strings.Builder
	c.waitVersion(uri, version)
	// The diagnostics as published once the flow analysis is made (the first publication of a
	// version may come before it).
	snap := c.server.doc(protocol.DocumentURI(uri))
	_, res := c.server.analysis(snap)
	res = res.Flow()
	var diags []protocol.Diagnostic
	for _, d := range c.server.diagnostics(snap, res)[snap.path] {
		diags = append(diags, c.server.toDiagnostic(snap, res, d))
	}
	j, _ := json.Marshal(diags)
	fmt.Fprintf(&b, "diagnostics %s\n", j)
	td := map[string]any{"uri": uri}
	ask := func(method string, params map[string]any) {
		var res any
		if err := c.call(method, params, &res); err != nil {
			fmt.Fprintf(&b, "%s: error %v\n", method, err)
			return
		}
		j, _ := json.Marshal(res)
		fmt.Fprintf(&b, "%s %s\n", method, j)
	}
	ask("textDocument/documentSymbol", map[string]any{"textDocument": td})
	ask("textDocument/semanticTokens/full", map[string]any{"textDocument": td})
	ask("textDocument/foldingRange", map[string]any{"textDocument": td})
	ask("textDocument/inlayHint", map[string]any{"textDocument": td, "range": map[string]any{"start": lspPosition(text, 0), "end": lspPosition(text, len(text))}})
	ask("textDocument/codeAction", map[string]any{"textDocument": td, "range": map[string]any{"start": lspPosition(text, 0), "end": lspPosition(text, len(text))},
		"context": map[string]any{"diagnostics": []any{}}})
	var places []int
	for i := 0; i < len(text); i++ {
		if i == 0 || strings.ContainsRune(" \n()'", rune(text[i-1])) && !strings.ContainsRune(" \n()", rune(text[i])) {
			places = append(places, i)
		}
	}
	// Every place in a short text; some eighty spread over a long one.
	step := max(1, len(places)/80)
	for i := 0; i < len(places); i += step {
		at := places[i]
		pos := lspPosition(text, at)
		fmt.Fprintf(&b, "at %v\n", pos)
		for _, m := range []string{"textDocument/hover", "textDocument/definition", "textDocument/documentHighlight", "textDocument/signatureHelp", "textDocument/prepareRename"} {
			ask(m, map[string]any{"textDocument": td, "position": pos})
		}
		ask("textDocument/references", map[string]any{"textDocument": td, "position": pos, "context": map[string]any{"includeDeclaration": true}})
		ask("textDocument/selectionRange", map[string]any{"textDocument": td, "positions": []any{pos}})
		var list struct {
			Items []struct {
				Label string `json:"label"`
			} `json:"items"`
		}
		c.call("textDocument/completion", map[string]any{"textDocument": td, "position": pos}, &list)
		var labels []string
		for _, it := range list.Items {
			labels = append(labels, it.Label)
		}
		fmt.Fprintf(&b, "completion %d %s\n", len(labels), strings.Join(labels, " "))
	}
	return b.String()
}

// change sends an edit of the text between two byte offsets, as ranges in UTF-16.
func change(c *testClient, uri, text string, a, e int, insert string, version int) string {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": lspPosition(text, a), "end": lspPosition(text, e)}, "text": insert}}})
	return text[:a] + insert + text[e:]
}

var lspSnippets = []string{"", " ", "x", "(", ")", "\n", "\"", ";; doc\n", "(define (f x) x)\n", "(f 1 2)", "(set! f 1)\n",
	"(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))\n", "(listen-socket s)\n",
	"é", "😀", "lenght", "(let ((u 1)) 2)", "#|", "|#", "'", "serve-1", "(serve-1 1 2)", "#!fold-case ",
	"(my-def j k)\n", "(swap! k total)", "my-def", "(define-syntax swap! (syntax-rules () ((_ a) a)))\n"}

// TestIncrementalServer: after random edits sent as an editor sends them, every feature
// answers as a server that reads the final text afresh.
func TestIncrementalServer(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	base := "(import (scheme base) (scheme write) (srfi 106))\n;; A server.\n" +
		"(define-syntax my-def (syntax-rules () ((_ n v) (define n v))))\n" +
		"(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))\n(my-def k 1)\n" +
		bigSocketProgram(30)[len("(import (foment base) (srfi 106))\n"):]
	rounds := 4
	if testing.Short() {
		rounds = 2
	}
	for round := 0; round < rounds; round++ {
		c := newTestClient(t)
		c.initialize(t.TempDir(), false)
		uri := "file:///tmp/inc.scm"
		text := base
		open(c, uri, text)
		c.waitDiagnostics(uri)
		version := 1
		for k := 0; k < 8; k++ {
			a := r.Intn(len(text) + 1)
			for a < len(text) && !utf8.RuneStart(text[a]) {
				a++
			}
			e := a
			if r.Intn(3) == 0 {
				e = min(len(text), a+r.Intn(10))
				for e < len(text) && !utf8.RuneStart(text[e]) {
					e++
				}
			}
			version++
			text = change(c, uri, text, a, e, lspSnippets[r.Intn(len(lspSnippets))], version)
			if r.Intn(3) == 0 {
				c.waitFor(uri, func([]map[string]any) bool { return true }) // sometimes analysed in between
			}
		}
		got := features(t, c, uri, text, version)
		if snap := c.server.doc(protocol.DocumentURI(uri)); string(snap.text) != text {
			t.Fatalf("the server's text:\n%q\nthe client's:\n%q", snap.text, text)
		}
		fresh := newTestClient(t)
		fresh.initialize(t.TempDir(), false)
		fresh.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "scheme", "version": version, "text": text}})
		want := features(t, fresh, uri, text, version)
		if got != want {
			gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
			for i := range min(len(gl), len(wl)) {
				if gl[i] != wl[i] {
					d := 0
					for d < min(len(gl[i]), len(wl[i])) && gl[i][d] == wl[i][d] {
						d++
					}
					from := max(0, d-200)
					t.Fatalf("round %d: after the edits, %q:\nincremental: …%s\nfresh:       …%s", round, text, gl[i][from:min(len(gl[i]), d+300)], wl[i][from:min(len(wl[i]), d+300)])
				}
			}
			t.Fatalf("round %d: %d lines against %d", round, len(gl), len(wl))
		}
		c.close()
		fresh.close()
	}
}
