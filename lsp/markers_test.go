package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"golang.org/x/tools/txtar"
)

// Marked-up tests, one txtar archive per feature. In a .scm file, a comment line
//
//	;   ^hover: text
//
// marks the column of the caret on the line above and checks a request there:
//
//	^hover: S          the hover text contains S
//	^def: L:C          the definition is at line L, column C (1-based) of the same file
//	^def: F:L:C        ... of file F
//	^def: none         no definition
//	^refs: N           N references, the declaration included
//	^highlight: N      N highlights
//	^complete: A B     the completion labels include A and B (A, B when labels have spaces)
//	^complete-only: A B  the completion labels are exactly A and B
//	^complete-not: A   the labels do not include A
//	^sig: S @N         the signature label contains S and its active parameter is N
//	^rename: NEW N     renaming to NEW edits N places (in every file)
//	^inlay: A B        the inlay hints on this line are A B, in order
//	^action: TITLE     a code action here has that title
//	^action-once: TITLE  exactly one code action for the whole line has that title
//	^rename-refused: S renaming to the first word fails with an error containing the rest
//
// A section "-- F.formatted --" is the expected result of formatting F. A section
// "-- F.symbols --" lists the document symbols of F, two spaces per level of nesting.

var markerLine = regexp.MustCompile(`^\s*;\s*(\^+)(\S+): ?(.*)$`)

func TestMarkers(t *testing.T) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no testdata")
	}
	checks := 0
	for _, path := range archives {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			dir := t.TempDir()
			sections := map[string]string{}
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
				if strings.HasSuffix(f.Name, ".formatted") || strings.HasSuffix(f.Name, ".symbols") {
					continue
				}
				p := filepath.Join(dir, f.Name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, f.Data, 0o644)
			}
			c := newTestClient(t)
			c.initialize(dir, false)
			for _, f := range ar.Files {
				if !strings.HasSuffix(f.Name, ".scm") && !strings.HasSuffix(f.Name, ".sld") {
					continue
				}
				uri := "file://" + filepath.Join(dir, f.Name)
				c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
					"uri": uri, "languageId": "scheme", "version": 1, "text": string(f.Data)}})
				lines := strings.Split(string(f.Data), "\n")
				target := -1
				for i, line := range lines {
					m := markerLine.FindStringSubmatch(line)
					if m == nil {
						target = i
						continue
					}
					col := strings.Index(line, "^")
					pos := map[string]any{"line": target, "character": col}
					where := fmt.Sprintf("%s:%d", f.Name, i+1)
					checks++
					runMarker(t, c, uri, pos, m[2], strings.TrimSpace(m[3]), where, dir)
				}
				if want, ok := sections[f.Name+".formatted"]; ok {
					checks++
					var edits []protocol.TextEdit
					c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri},
						"options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
					got := applyEdits(t, string(f.Data), edits)
					if got != want {
						t.Errorf("%s formatted:\n%s\nwant:\n%s", f.Name, got, want)
					}
				}
				if want, ok := sections[f.Name+".symbols"]; ok {
					checks++
					var syms []docSymbol
					c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &syms)
					var b strings.Builder
					var dump func(ss []docSymbol, depth int)
					dump = func(ss []docSymbol, depth int) {
						for _, s := range ss {
							fmt.Fprintf(&b, "%s%s %d\n", strings.Repeat("  ", depth), s.Name, s.Kind)
							dump(s.Children, depth+1)
						}
					}
					dump(syms, 0)
					if b.String() != want {
						t.Errorf("%s symbols:\n%s\nwant:\n%s", f.Name, b.String(), want)
					}
				}
			}
		})
	}
	t.Logf("%d marker checks", checks)
}

type docSymbol struct {
	Name     string      `json:"name"`
	Kind     int         `json:"kind"`
	Children []docSymbol `json:"children"`
}

func runMarker(t *testing.T, c *testClient, uri string, pos map[string]any, kind, arg, where, dir string) {
	t.Helper()
	td := map[string]any{"uri": uri}
	at := map[string]any{"textDocument": td, "position": pos}
	fail := func(format string, args ...any) { t.Errorf(where+": "+format, args...) }
	switch kind {
	case "hover":
		var h struct {
			Contents struct {
				Value string `json:"value"`
			} `json:"contents"`
		}
		if err := c.call("textDocument/hover", at, &h); err != nil {
			fail("%v", err)
		}
		if !strings.Contains(h.Contents.Value, arg) {
			fail("hover %q does not contain %q", h.Contents.Value, arg)
		}
	case "def":
		var locs []struct {
			URI   string `json:"uri"`
			Range struct {
				Start struct{ Line, Character int } `json:"start"`
			} `json:"range"`
		}
		if err := c.call("textDocument/definition", at, &locs); err != nil {
			fail("%v", err)
		}
		if arg == "none" {
			if len(locs) != 0 {
				fail("want no definition, got %v", locs)
			}
			return
		}
		parts := strings.Split(arg, ":")
		file := filepath.Base(strings.TrimPrefix(uri, "file://"))
		if len(parts) == 3 {
			file, parts = parts[0], parts[1:]
		}
		l, _ := strconv.Atoi(parts[0])
		col, _ := strconv.Atoi(parts[1])
		if len(locs) != 1 || !strings.HasSuffix(locs[0].URI, "/"+file) || locs[0].Range.Start.Line != l-1 || locs[0].Range.Start.Character != col-1 {
			fail("definition %+v, want %s", locs, arg)
		}
	case "refs", "highlight":
		var n []any
		method := "textDocument/references"
		params := map[string]any{"textDocument": td, "position": pos, "context": map[string]any{"includeDeclaration": true}}
		if kind == "highlight" {
			method, params = "textDocument/documentHighlight", at
		}
		if err := c.call(method, params, &n); err != nil {
			fail("%v", err)
		}
		if strconv.Itoa(len(n)) != arg {
			fail("%s: %d, want %s", kind, len(n), arg)
		}
	case "complete", "complete-only", "complete-not":
		var list struct {
			Items []struct {
				Label string `json:"label"`
			} `json:"items"`
		}
		if err := c.call("textDocument/completion", at, &list); err != nil {
			fail("%v", err)
		}
		got := map[string]bool{}
		var labels []string
		for _, it := range list.Items {
			got[it.Label] = true
			labels = append(labels, it.Label)
		}
		sort.Strings(labels)
		want := strings.Fields(arg)
		if strings.Contains(arg, ",") {
			want = nil
			for _, w := range strings.Split(arg, ",") {
				want = append(want, strings.TrimSpace(w))
			}
		}
		for _, w := range want {
			if got[w] == (kind == "complete-not") {
				fail("completion %v: %s %q", labels, map[bool]string{true: "has", false: "lacks"}[kind == "complete-not"], w)
			}
		}
		if kind == "complete-only" && len(labels) != len(want) {
			fail("completion %v, want exactly %v", labels, want)
		}
	case "sig":
		var sh struct {
			Signatures []struct {
				Label string `json:"label"`
			} `json:"signatures"`
			ActiveParameter int `json:"activeParameter"`
		}
		if err := c.call("textDocument/signatureHelp", at, &sh); err != nil {
			fail("%v", err)
		}
		label, active, _ := strings.Cut(arg, " @")
		if len(sh.Signatures) == 0 || !strings.Contains(sh.Signatures[0].Label, label) || strconv.Itoa(sh.ActiveParameter) != active {
			fail("signature help %+v, want %s", sh, arg)
		}
	case "rename":
		fields := strings.Fields(arg)
		var edit struct {
			Changes map[string][]any `json:"changes"`
		}
		if err := c.call("textDocument/rename", map[string]any{"textDocument": td, "position": pos, "newName": fields[0]}, &edit); err != nil {
			fail("%v", err)
		}
		n := 0
		for _, es := range edit.Changes {
			n += len(es)
		}
		if strconv.Itoa(n) != fields[1] {
			fail("rename edits %d (%v), want %s", n, edit.Changes, fields[1])
		}
	case "inlay":
		var hints []struct {
			Label    string             `json:"label"`
			Position struct{ Line int } `json:"position"`
		}
		line := pos["line"].(int)
		if err := c.call("textDocument/inlayHint", map[string]any{"textDocument": td,
			"range": map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line + 1, "character": 0}}}, &hints); err != nil {
			fail("%v", err)
		}
		var got []string
		for _, h := range hints {
			if h.Position.Line == line {
				got = append(got, h.Label)
			}
		}
		if strings.Join(got, " ") != arg {
			fail("inlay hints %q, want %q", strings.Join(got, " "), arg)
		}
	case "rename-refused":
		newName, want, _ := strings.Cut(arg, " ")
		var edit any
		err := c.call("textDocument/rename", map[string]any{"textDocument": td, "position": pos, "newName": newName}, &edit)
		if err == nil || !strings.Contains(err.Error(), want) {
			fail("rename to %s: %v (%v), want an error containing %q", newName, err, edit, want)
		}
	case "action", "action-once":
		var actions []struct {
			Title string `json:"title"`
		}
		rng := map[string]any{"start": pos, "end": pos}
		if kind == "action-once" {
			line := pos["line"].(int)
			rng = map[string]any{"start": map[string]any{"line": line, "character": 0}, "end": map[string]any{"line": line + 1, "character": 0}}
		}
		if err := c.call("textDocument/codeAction", map[string]any{"textDocument": td,
			"range": rng, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
			fail("%v", err)
		}
		var titles []string
		for _, a := range actions {
			titles = append(titles, a.Title)
		}
		n := 0
		for _, t := range titles {
			if t == arg {
				n++
			}
		}
		if n == 0 || kind == "action-once" && n != 1 {
			fail("code actions %q, want %q (once: %v)", titles, arg, kind == "action-once")
		}
	default:
		fail("unknown marker %s", kind)
	}
}
