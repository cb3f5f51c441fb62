package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// hostileTree writes, in a fresh directory, a program whose includes point at everything a
// hostile pull request can name, and the files they reach; secretDir is outside the tree.
func hostileTree(t *testing.T) (dir, secretDir string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "project")
	secretDir = filepath.Join(root, "outside")
	os.MkdirAll(dir, 0o755)
	os.MkdirAll(secretDir, 0o755)
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file outside the tree whose text must never appear: it is not Scheme, so reading it
	// as code gives errors that would quote it.
	write(filepath.Join(secretDir, "secrets.env"), "AWS_SECRET=hunter2-TOPSECRET (\nTOKEN=ghp_TOPSECRET\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.scm"), 0o600); err != nil {
		t.Fatal(err)
	}
	big, _ := os.Create(filepath.Join(dir, "big.scm"))
	big.Truncate(1 << 30) // sparse: no disk used
	big.Close()
	os.Symlink("/dev/zero", filepath.Join(dir, "zero-link.scm"))
	os.Symlink(filepath.Join(dir, "fifo.scm"), filepath.Join(dir, "fifo-link.scm"))
	write(filepath.Join(dir, "main.scm"), `(import (scheme base) (scheme write))
(include "/dev/zero")
(include "fifo.scm")
(include "big.scm")
(include "zero-link.scm")
(include "fifo-link.scm")
(include "../outside/secrets.env")
(include "main.scm")
(include "a.scm")
(define (f) (include "body.scm"))
(display (f))
`)
	write(filepath.Join(dir, "a.scm"), `(include "b.scm")`)
	write(filepath.Join(dir, "b.scm"), `(include "a.scm")`)
	write(filepath.Join(dir, "body.scm"), "(include \"body.scm\")\n1\n")
	return dir, secretDir
}

func TestCheckHostileIncludes(t *testing.T) {
	dir, _ := hostileTree(t)
	main := filepath.Join(dir, "main.scm")
	var out, errb bytes.Buffer
	code := checkCmd([]string{main}, &out, &errb)
	text := out.String()
	t.Logf("exit %d\n%s%s", code, text, errb.String())
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		main + ":2:10: error: include: /dev/zero: not a regular file (a character device) [include]",
		main + ":3:10: error: include: " + dir + "/fifo.scm: not a regular file (a FIFO) [include]",
		main + ":4:10: error: include: " + dir + "/big.scm: too large (1 GiB; the limit is 8 MiB) [include]",
		main + ":5:10: error: include: " + dir + "/zero-link.scm: not a regular file (a character device) [include]",
		main + ":6:10: error: include: " + dir + "/fifo-link.scm: not a regular file (a FIFO) [include]",
		main + ":8:10: error: include cycle: main.scm includes itself; not followed [include]",
		dir + "/b.scm:1:10: error: include cycle: a.scm includes b.scm includes a.scm; not followed [include]",
		dir + "/body.scm:1:10: error: include cycle: body.scm includes itself; not followed [include]",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("missing %q", want)
		}
	}
	// The file outside the tree is summarised where it is included, never quoted.
	if !regexpMatch(`(?m)^`+main+`:7:10: error: the included file \S+/outside/secrets.env has \d+ errors? \[include\]$`, text) {
		t.Errorf("no summary of the outside file")
	}
	if strings.Contains(text, "TOPSECRET") || strings.Contains(text, "AWS_SECRET") || strings.Contains(text, "hunter2") {
		t.Errorf("the text of a file outside the tree leaked into the output")
	}
	// Each cycle once, with both ends.
	if n := strings.Count(text, "includes itself; not followed"); n != 2 {
		t.Errorf("%d self-include reports, want 2 (main.scm, body.scm)", n)
	}
	if !strings.Contains(text, dir+"/main.scm:9:10: note: the cycle begins here") {
		t.Errorf("the mutual cycle does not name where it begins")
	}

	// SARIF has the same, with the other end of a cycle as a related location, and no secret.
	out.Reset()
	checkCmd([]string{"--format", "sarif", main}, &out, &errb)
	if strings.Contains(out.String(), "TOPSECRET") {
		t.Errorf("SARIF leaks the outside file")
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Message          struct{ Text string }
				Locations        []sarifLoc
				RelatedLocations []sarifLoc
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &sarif); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range sarif.Runs[0].Results {
		if strings.Contains(r.Message.Text, "a.scm includes b.scm") {
			found = true
			if got := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != dir+"/b.scm" {
				t.Errorf("cycle reported in %s, want b.scm", got)
			}
			if len(r.RelatedLocations) != 1 || r.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != main {
				t.Errorf("related locations %+v", r.RelatedLocations)
			}
		}
	}
	if !found {
		t.Errorf("no cycle in SARIF")
	}
}

type sarifLoc struct {
	PhysicalLocation struct {
		ArtifactLocation struct{ URI string }
		Region           struct{ StartLine int }
	}
}

// Files given to check that are not regular are refused one by one; the rest is checked.
func TestCheckRefusesSpecialFiles(t *testing.T) {
	dir, _ := hostileTree(t)
	var out, errb bytes.Buffer
	code := checkCmd([]string{filepath.Join(dir, "fifo.scm"), filepath.Join(dir, "zero-link.scm"), filepath.Join(dir, "a.scm")}, &out, &errb)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{"fifo.scm: not a regular file (a FIFO)", "zero-link.scm: not a regular file (a character device)"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q lacks %q", errb.String(), want)
		}
	}
	if !strings.Contains(out.String(), "include cycle") {
		t.Errorf("a.scm was not checked: %q", out.String())
	}
	// A directory holding them all: every file is met, none hangs.
	out.Reset()
	errb.Reset()
	checkCmd([]string{dir}, &out, &errb)
	if !strings.Contains(errb.String(), "big.scm: too large") {
		t.Errorf("directory walk: %q", errb.String())
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

// A workspace of several libraries that Foment runs cleanly gets no diagnostic from check with
// its -I; without it, its libraries are not found.
func TestCheckMultiLibraryWorkspace(t *testing.T) {
	dir := "../../testdata/multilib"
	var out, errb bytes.Buffer
	if code := checkCmd([]string{"-I", filepath.Join(dir, "lib"), dir}, &out, &errb); code != 0 || out.Len() != 0 {
		t.Errorf("exit %d:\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := checkCmd([]string{filepath.Join(dir, "main.scm")}, &out, &errb); code != 1 || !strings.Contains(out.String(), "library (app config) not found") {
		t.Errorf("without -I: exit %d:\n%s", code, out.String())
	}
}

// .foment-ls.json: severities and the library path, for check as for the server.
func TestCheckSettings(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "vendor", "net"), 0o755)
	os.WriteFile(filepath.Join(dir, "vendor", "net", "util.sld"), []byte("(define-library (net util) (export twice) (import (scheme base)) (begin (define (twice x) (* 2 x))))"), 0o644)
	prog := filepath.Join(dir, "main.scm")
	os.WriteFile(prog, []byte("(import (scheme base) (net util))\n(define (f) (let ((unused 1)) (twice 2)))\n"), 0o644)
	cfg := filepath.Join(dir, ".foment-ls.json")
	var out, errb bytes.Buffer
	if code := checkCmd([]string{prog}, &out, &errb); code != 1 || !strings.Contains(out.String(), "[unused]") {
		t.Errorf("without settings: exit %d\n%s", code, out.String())
	}
	os.WriteFile(cfg, []byte(`{"libraryPath": ["vendor"], "severity": {"unused": "off"}}`), 0o644)
	out.Reset()
	if code := checkCmd([]string{"--config", cfg, prog}, &out, &errb); code != 0 || out.Len() != 0 {
		t.Errorf("with settings: exit %d\n%s%s", code, out.String(), errb.String())
	}
	os.WriteFile(cfg, []byte(`{"severity": {"unused": "loud", "nonsense": "off"}}`), 0o644)
	errb.Reset()
	if code := checkCmd([]string{"--config", cfg, prog}, &out, &errb); code != 2 ||
		!strings.Contains(errb.String(), `"loud" is not error, warning, info, hint or off`) || !strings.Contains(errb.String(), `"nonsense" is not a diagnostic code`) {
		t.Errorf("bad settings: exit %d: %s", code, errb.String())
	}
}

// Each file is checked with its own project's settings, the .foment-ls.json nearest above it,
// whatever directory check runs in: two projects in one run keep theirs apart.
func TestCheckSettingsPerProject(t *testing.T) {
	dir := t.TempDir()
	src := []byte("(import (scheme base))\n(define (f) (let ((unused 1)) 2))\n")
	for _, p := range []string{"quiet", "loud", "quiet/sub"} {
		os.MkdirAll(filepath.Join(dir, p), 0o755)
		os.WriteFile(filepath.Join(dir, p, "main.scm"), src, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "quiet", ".foment-ls.json"), []byte(`{"severity": {"unused": "off"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "loud", ".foment-ls.json"), []byte(`{"severity": {"unused": "error"}}`), 0o644)
	var out, errb bytes.Buffer
	code := checkCmd([]string{dir}, &out, &errb) // run from the package's directory: no settings there
	if code != 1 {
		t.Errorf("exit %d, want 1 (loud makes unused an error)\n%s%s", code, out.String(), errb.String())
	}
	if got := strings.Count(out.String(), "[unused]"); got != 1 || !strings.Contains(out.String(), filepath.Join("loud", "main.scm")+":2:20: error:") {
		t.Errorf("want one unused error, in loud/main.scm; got\n%s", out.String())
	}
	// A project whose settings are bad is reported once; the others are still checked.
	os.WriteFile(filepath.Join(dir, "quiet", ".foment-ls.json"), []byte(`{"severity": {"unused": "loud"}}`), 0o644)
	out.Reset()
	errb.Reset()
	code = checkCmd([]string{dir}, &out, &errb)
	if code != 2 || strings.Count(errb.String(), "is not error, warning") != 1 || !strings.Contains(out.String(), filepath.Join("loud", "main.scm")) {
		t.Errorf("bad settings in one project: exit %d\n%s%s", code, out.String(), errb.String())
	}
}
