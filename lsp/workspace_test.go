package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeFiles writes a workspace: file name → text.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func initializeWith(c *testClient, root string, options any, askSettings bool) {
	c.t.Helper()
	caps := map[string]any{}
	if askSettings {
		caps["workspace"] = map[string]any{"configuration": true}
	}
	var res map[string]any
	if err := c.call("initialize", map[string]any{"rootUri": "file://" + root, "capabilities": caps,
		"initializationOptions": options}, &res); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
}

func codes(ds []map[string]any) string {
	var out []string
	for _, d := range ds {
		r := d["range"].(map[string]any)["start"].(map[string]any)
		out = append(out, strings.Join([]string{d["code"].(string), jsonNum(r["line"])}, "@"))
	}
	return strings.Join(out, " ")
}

func jsonNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A problem in an included file is published on that file's URI, at its own line; the included
// file, opened, is analysed where it is included (its names come from main.scm's imports); a
// change to it re-checks main.scm.
func TestIncludedFiles(t *testing.T) {
	dir := t.TempDir()
	main := `(import (scheme base) (scheme write))
(include "inc.scm")
(display (twice 1 2))
`
	inc := `(define (twice x) (* 2 x))
(display (car))
`
	writeFiles(t, dir, map[string]string{"main.scm": main, "inc.scm": inc})
	c := newTestClient(t)
	c.initialize(dir, false)
	mainURI, incURI := "file://"+filepath.Join(dir, "main.scm"), "file://"+filepath.Join(dir, "inc.scm")
	open(c, mainURI, main)
	if got := codes(c.waitDiagnostics(mainURI)); got != "arity@2" {
		t.Errorf("main.scm: %s, want the arity of twice on line 3", got)
	}
	if got := codes(c.waitDiagnostics(incURI)); got != "arity@1" {
		t.Errorf("inc.scm (not open): %s, want (car) on its own line 2", got)
	}
	// Opened, inc.scm knows display and car from main.scm's imports: only the true problem.
	c.clearDiagnostics()
	open(c, incURI, inc)
	if got := codes(c.waitDiagnostics(incURI)); got != "arity@1" {
		t.Errorf("inc.scm opened: %s", got)
	}
	var hover struct {
		Contents struct{ Value string }
	}
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": incURI},
		"position": map[string]any{"line": 1, "character": 2}}, &hover)
	if !strings.Contains(hover.Contents.Value, "(scheme write)") || strings.Contains(hover.Contents.Value, "Not imported") {
		t.Errorf("hover on display in inc.scm: %q", hover.Contents.Value)
	}
	// twice gets a second parameter: main.scm's call is right now, and is re-checked.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": incURI, "version": 2},
		"contentChanges": []map[string]any{{"text": "(define (twice x y) (* y x))\n"}}})
	c.waitFor(mainURI, func(ds []map[string]any) bool { return len(ds) == 0 })
	// Closing inc.scm: main.scm publishes inc.scm's problems again (none now on disk? the
	// disk still has the old text with (car)).
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": incURI}})
	c.waitFor(mainURI, func(ds []map[string]any) bool { return codes(ds) == "arity@2" })
}

// .foment-ls.json at the root, initializationOptions and workspace/configuration set the
// library path and the severities.
func TestSettings(t *testing.T) {
	dir := t.TempDir()
	prog := `(import (scheme base) (scheme write) (net util))
(define (f x) (let ((unused 1)) (double x)))
(display (f 2))
`
	writeFiles(t, dir, map[string]string{
		"src/main.scm": prog,
		"vendor/net/util.sld": `(define-library (net util) (export double) (import (scheme base))
  (begin (define (double x) (* 2 x))))`,
	})
	uri := "file://" + filepath.Join(dir, "src/main.scm")

	// No settings: the library is not found, the unused local is reported.
	c := newTestClient(t)
	c.initialize(dir, false)
	open(c, uri, prog)
	if got := codes(c.waitDiagnostics(uri)); !strings.Contains(got, "unbound@0") || !strings.Contains(got, "unused@1") {
		t.Errorf("without settings: %s", got)
	}

	// .foment-ls.json: found, and unused is off.
	writeFiles(t, dir, map[string]string{".foment-ls.json": `{"libraryPath": ["vendor"], "severity": {"unused": "off"}}`})
	c = newTestClient(t)
	c.initialize(dir, false)
	open(c, uri, prog)
	if got := codes(c.waitDiagnostics(uri)); got != "" {
		t.Errorf("with .foment-ls.json: %s", got)
	}
	os.Remove(filepath.Join(dir, ".foment-ls.json"))

	// initializationOptions, relative to the root.
	c = newTestClient(t)
	initializeWith(c, dir, map[string]any{"libraryPath": []string{"vendor"}, "severity": map[string]string{"unused": "hint"}}, false)
	open(c, uri, prog)
	ds := c.waitDiagnostics(uri)
	if got := codes(ds); got != "unused@1" || ds[0]["severity"].(float64) != 4 {
		t.Errorf("with initializationOptions: %s %v", got, ds)
	}

	// workspace/configuration, asked for after initialized and after a change.
	c = newTestClient(t)
	c.settings = map[string]any{"libraryPath": []string{filepath.Join(dir, "vendor")}}
	initializeWith(c, dir, nil, true)
	open(c, uri, prog)
	c.waitFor(uri, func(ds []map[string]any) bool { return codes(ds) == "unused@1" })
	c.mu.Lock()
	c.settings = map[string]any{"libraryPath": []string{filepath.Join(dir, "vendor")}, "severity": map[string]string{"unused": "off"}}
	c.mu.Unlock()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
	c.waitFor(uri, func(ds []map[string]any) bool { return len(ds) == 0 })
}

// A workspace holding what a hostile repository can hold — a FIFO and a link to /dev/zero
// named .scm, a 1 GiB file, files that include themselves and each other, inside procedure
// bodies too — answers workspace/symbol, and every document request, at once.
func TestHostileWorkspace(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.scm"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.scm"))
	big, _ := os.Create(filepath.Join(dir, "big.scm"))
	big.Truncate(1 << 30)
	big.Close()
	writeFiles(t, dir, map[string]string{
		"self.scm":   "(define (in-self) 1)\n(include \"self.scm\")\n",
		"a.scm":      "(define (in-a) 1)\n(include \"b.scm\")\n",
		"b.scm":      "(define (in-b) 1)\n(include \"a.scm\")\n",
		"body.scm":   "(define (in-body) (include \"body.scm\") 1)\n",
		"main.scm":   "(import (scheme base))\n(include \"fifo.scm\" \"zero.scm\" \"big.scm\" \"self.scm\" \"a.scm\" \"body.scm\")\n",
		"secret.scm": "",
	})
	c := newTestClient(t)
	c.initialize(dir, false)
	var syms []map[string]any
	if err := c.call("workspace/symbol", map[string]any{"query": "in"}, &syms); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range syms {
		names[s["name"].(string)] = true
	}
	for _, n := range []string{"in-self", "in-a", "in-b", "in-body"} {
		if !names[n] {
			t.Errorf("workspace/symbol lacks %s: %v", n, names)
		}
	}
	mainURI := "file://" + filepath.Join(dir, "main.scm")
	open(c, mainURI, "(import (scheme base))\n(include \"fifo.scm\" \"zero.scm\" \"big.scm\" \"self.scm\" \"a.scm\" \"body.scm\")\n")
	ds := c.waitDiagnostics(mainURI)
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d["message"].(string))
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"a FIFO", "a character device", "too large"} {
		if !strings.Contains(all, want) {
			t.Errorf("main.scm lacks %q:\n%s", want, all)
		}
	}
	// The cycles are published on the files that close them.
	selfURI := "file://" + filepath.Join(dir, "self.scm")
	if got := codes(c.waitDiagnostics(selfURI)); got != "include@1" {
		t.Errorf("self.scm: %s", got)
	}
	for _, f := range []string{"fifo.scm", "zero.scm", "big.scm", "self.scm", "body.scm"} {
		var out any
		if err := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": "file://" + filepath.Join(dir, f)}}, &out); err != nil {
			t.Errorf("documentSymbol %s: %v", f, err)
		}
	}
}

// The multi-library workspace of testdata/multilib, with its library directory in the settings:
// no diagnostic on any of its files, open or not.
func TestMultiLibraryWorkspace(t *testing.T) {
	root, _ := filepath.Abs("../testdata/multilib")
	c := newTestClient(t)
	initializeWith(c, root, map[string]any{"libraryPath": []string{"lib"}}, false)
	var uris []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".scm") || strings.HasSuffix(p, ".sld")) {
			text, _ := os.ReadFile(p)
			u := "file://" + p
			open(c, u, string(text))
			uris = append(uris, u)
		}
		return nil
	})
	if len(uris) < 7 {
		t.Fatalf("only %d files", len(uris))
	}
	for _, u := range uris {
		if ds := c.waitDiagnostics(u); len(ds) != 0 {
			t.Errorf("%s: %v", u, ds)
		}
	}
}

// A diagnostic of the flow analysis points, as related information, at the line that made the
// socket's state: here the close in a library procedure, in another file.
func TestRelatedInformation(t *testing.T) {
	dir := t.TempDir()
	lib := `(define-library (conn)
  (export finish)
  (import (scheme base) (foment base))
  (begin
    (define (finish c)
      (close-port c))))
`
	main := `(import (scheme base) (foment base) (conn))
(define s (make-socket *af-inet* *sock-stream* *ipproto-tcp*))
(connect-socket s "localhost" "7" *af-inet* *sock-stream* 0 *ipproto-tcp*)
(finish s)
(send-socket s (bytevector 1) 0)
`
	writeFiles(t, dir, map[string]string{"main.scm": main, "conn.sld": lib})
	c := newTestClient(t)
	c.initialize(dir, false)
	uri := "file://" + filepath.Join(dir, "main.scm")
	open(c, uri, main)
	// The flow analysis's diagnostics come after the scope analysis's.
	ds := c.waitFor(uri, func(ds []map[string]any) bool { return len(ds) > 0 })
	if got := codes(ds); got != "socket-lifecycle@4" {
		t.Fatalf("diagnostics %s, want the send after finish closed s", got)
	}
	raw, _ := json.Marshal(ds[0]["relatedInformation"])
	var rel []struct {
		Location struct {
			URI   string
			Range struct{ Start struct{ Line int } }
		}
		Message string
	}
	json.Unmarshal(raw, &rel)
	if len(rel) != 1 || rel[0].Message != "closed by finish" || rel[0].Location.Range.Start.Line != 3 || !strings.HasSuffix(rel[0].Location.URI, "main.scm") {
		t.Errorf("related information %s, want the call of finish that closed s (line 4)", raw)
	}
}
