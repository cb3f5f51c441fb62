package analyzer

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"foment-ls/syntax"

	"golang.org/x/tools/txtar"
)

// memLoader is a loader over an in-memory file system rooted at /ws.
func memLoader(files map[string][]byte) *FileLoader {
	return &FileLoader{OnlyOverlay: true, Overlay: func(p string) ([]byte, bool) {
		b, ok := files[p]
		return b, ok
	}}
}

// TestWorkspaces runs the archives of testdata/workspace: every file is placed under /ws, the
// files named on the archive's "check:" line are analysed with a loader over them (with the
// library directories of a "libpath:" line, as -I gives them), and the
// ";@code" markers of every file expect a diagnostic at that file's own line — so a problem in
// an included file must be reported there, not in the file that includes it.
func TestWorkspaces(t *testing.T) {
	archives, _ := filepath.Glob("testdata/workspace/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no testdata/workspace")
	}
	for _, arPath := range archives {
		ar, err := txtar.ParseFile(arPath)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(arPath), func(t *testing.T) {
			files := map[string][]byte{}
			want := map[string]int{}
			for _, f := range ar.Files {
				p := path.Join("/ws", f.Name)
				files[p] = f.Data
				for i, line := range strings.Split(string(f.Data), "\n") {
					for _, m := range markerRE.FindAllStringSubmatch(line, -1) {
						want[fmt.Sprintf("%s:%d:%s", f.Name, i+1, m[1])]++
					}
				}
			}
			var check, libs []string
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if rest, ok := strings.CutPrefix(line, "check:"); ok {
					check = append(check, strings.Fields(rest)...)
				}
				if rest, ok := strings.CutPrefix(line, "libpath:"); ok {
					for _, d := range strings.Fields(rest) {
						libs = append(libs, path.Join("/ws", d))
					}
				}
			}
			if len(check) == 0 {
				t.Fatal("no check: line")
			}
			loader := memLoader(files)
			loader.Path.Prepend = libs
			type key struct {
				file, code, msg string
				line, col       int
			}
			seen := map[key]bool{}
			got := map[string]int{}
			var msgs []string
			for _, name := range check {
				p := path.Join("/ws", name)
				res := Analyze(syntax.Parse(p, files[p]), Options{Loader: loader})
				if res.flowPanic != "" {
					t.Fatalf("the flow analysis failed: %s", res.flowPanic)
				}
				for _, d := range res.Diags {
					k := key{d.File, d.Code, d.Message, int(d.Span.Start.Line), int(d.Span.Start.Col)}
					if seen[k] {
						continue
					}
					seen[k] = true
					rel := strings.TrimPrefix(d.File, "/ws/")
					got[fmt.Sprintf("%s:%d:%s", rel, d.Span.Start.Line, d.Code)]++
					msgs = append(msgs, fmt.Sprintf("  %s:%d:%d %s: %s", rel, d.Span.Start.Line, d.Span.Start.Col, d.Code, d.Message))
				}
			}
			var bad []string
			for k := range merge(want, got) {
				if want[k] != got[k] {
					bad = append(bad, fmt.Sprintf("%s: want %d, got %d", k, want[k], got[k]))
				}
			}
			sort.Strings(bad)
			if len(bad) > 0 {
				t.Errorf("%s\ndiagnostics:\n%s", strings.Join(bad, "\n"), strings.Join(msgs, "\n"))
			}
		})
	}
}

func merge(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
