package lsp

import (
	"bufio"
	"bytes"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"foment-ls/format"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

var formatCorpus = flag.String("format-corpus", "", "more directories of Scheme files (comma-separated) for TestFormatKeepsTokens, e.g. /tmp/foment")

// applyEdits applies LSP text edits (UTF-16 positions) to a text.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p protocol.Position) int {
		off := 0
		for i := 0; i < int(p.Line) && i < len(lines); i++ {
			off += len(lines[i])
		}
		if int(p.Line) >= len(lines) {
			return off
		}
		units := 0
		for i, r := range lines[p.Line] {
			if units >= int(p.Character) {
				return off + i
			}
			units += len(utf16.Encode([]rune{r}))
		}
		return off + len(lines[p.Line])
	}
	// Edits do not overlap: apply them from the last.
	out := text
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		s, end := offset(e.Range.Start), offset(e.Range.End)
		if i > 0 && offset(edits[i-1].Range.End) > s {
			t.Fatalf("edits out of order or overlapping: %v", edits)
		}
		out = out[:s] + e.NewText + out[end:]
	}
	return out
}

func TestFormattingOptions(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), false)
	uri := "file:///fmt.scm"
	text := "(define (f x)\n(let ((y 1))\n(display\ny)))\n"
	open(c, uri, text)
	for _, tc := range []struct {
		opt  map[string]any
		want string
	}{
		{map[string]any{"tabSize": 2, "insertSpaces": true}, "(define (f x)\n  (let ((y 1))\n    (display\n     y)))\n"},
		{map[string]any{"tabSize": 4, "insertSpaces": true}, "(define (f x)\n    (let ((y 1))\n        (display\n         y)))\n"},
		{map[string]any{"tabSize": 4, "insertSpaces": false}, "(define (f x)\n\t(let ((y 1))\n\t\t(display\n\t\t y)))\n"},
	} {
		var edits []protocol.TextEdit
		if err := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": tc.opt}, &edits); err != nil {
			t.Fatal(err)
		}
		if got := applyEdits(t, text, edits); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.opt, got, tc.want)
		}
	}
	// A range is indented in the context of the lines before it, which stay.
	var edits []protocol.TextEdit
	c.call("textDocument/rangeFormatting", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range":   map[string]any{"start": map[string]any{"line": 2, "character": 0}, "end": map[string]any{"line": 3, "character": 0}},
		"options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
	if got := applyEdits(t, text, edits); got != "(define (f x)\n(let ((y 1))\n  (display\ny)))\n" {
		t.Errorf("range: %q", got)
	}
}

func TestOnTypeFormatting(t *testing.T) {
	c := newTestClient(t)
	res := c.initialize(t.TempDir(), false)
	if caps := res["capabilities"].(map[string]any); caps["documentOnTypeFormattingProvider"] == nil {
		t.Error("no documentOnTypeFormattingProvider")
	}
	uri := "file:///type.scm"
	text := "(define (f x)\n\n  (let ((y 1))\ny\n  )\n(display \"a\n\")\n"
	open(c, uri, text)
	for _, tc := range []struct {
		line int
		ch   string
		want string // the text after the edits
	}{
		{1, "\n", "(define (f x)\n  \n  (let ((y 1))\ny\n  )\n(display \"a\n\")\n"},
		{3, "\n", "(define (f x)\n\n  (let ((y 1))\n    y\n  )\n(display \"a\n\")\n"},
		{4, ")", "(define (f x)\n\n  (let ((y 1))\ny\n  )\n(display \"a\n\")\n"},
		{6, "\n", text}, // inside a string
		{3, ")", text},  // the line does not begin with ")"
	} {
		var edits []protocol.TextEdit
		if err := c.call("textDocument/onTypeFormatting", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": tc.line, "character": 0}, "ch": tc.ch,
			"options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits); err != nil {
			t.Fatal(err)
		}
		if got := applyEdits(t, text, edits); got != tc.want {
			t.Errorf("line %d %q: %q, want %q", tc.line, tc.ch, got, tc.want)
		}
	}
}

// Formatting changes no token: the data (strings included) and comments read from the formatted
// text are those of the original, over every Scheme file of the repository (and
// -format-corpus).
func TestFormatKeepsTokens(t *testing.T) {
	roots := []string{".."}
	if *formatCorpus != "" {
		roots = append(roots, strings.Split(*formatCorpus, ",")...)
	}
	n := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
				return filepath.SkipDir
			}
			switch filepath.Ext(p) {
			case ".scm", ".sld", ".sls", ".ss":
			default:
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			n++
			for _, opt := range []format.Options{{TabSize: 2}, {TabSize: 8, UseTabs: true}} {
				out := format.Source(src, opt)
				// The data as Foment reads them (columns mean nothing to it), up to the first
				// error, which must be the same.
				a, b := readAll(src), readAll(out)
				if len(a) != len(b) {
					t.Errorf("%s: %d data became %d", p, len(a), len(b))
					continue
				}
				for i := range a {
					if a[i] != b[i] {
						t.Errorf("%s: datum %d changed:\n%s\n%s", p, i, a[i], b[i])
						break
					}
				}
				ca, cb := comments(p, src), comments(p, out)
				if len(ca) != len(cb) {
					t.Errorf("%s: %d comments became %d", p, len(ca), len(cb))
					continue
				}
				for i := range ca {
					if ca[i] != cb[i] {
						t.Errorf("%s: comment %q became %q", p, ca[i], cb[i])
						break
					}
				}
			}
			return nil
		})
	}
	if n < 20 {
		t.Fatalf("only %d files", n)
	}
	t.Logf("%d files", n)
}

// readAll reads a text as Foment's reader does: every datum, then the error that ends it.
func readAll(src []byte) []string {
	r := syntax.NewReader("f", bufio.NewReader(bytes.NewReader(src)))
	var out []string
	for {
		d, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			msg := err.Error()
			if e, ok := err.(*syntax.Error); ok {
				msg = e.Msg // its place moves with the indentation
			}
			return append(out, "error: "+msg)
		}
		out = append(out, d.String())
	}
}

// comments are the texts of the line and block comments.
func comments(name string, src []byte) []string {
	var out []string
	for _, c := range syntax.Parse(name, src).Comments {
		if c.Kind == syntax.LineComment || c.Kind == syntax.BlockComment {
			out = append(out, c.Text)
		}
	}
	return out
}
