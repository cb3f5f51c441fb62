package interp

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A program that includes or imports what a hostile file names gets a clear error at once:
// no hang on a FIFO, no memory filled by /dev/zero or a 1 GiB file, through symlinks too.
func TestHostileLoading(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.scm"), 0o600); err != nil {
		t.Fatal(err)
	}
	big, _ := os.Create(filepath.Join(dir, "big.scm"))
	big.Truncate(1 << 30) // sparse
	big.Close()
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.scm"))
	os.Symlink(filepath.Join(dir, "fifo.scm"), filepath.Join(dir, "fifo-link.scm"))
	os.Symlink(filepath.Join(dir, "big.scm"), filepath.Join(dir, "big-link.scm"))
	// Library files: (fifo lib) is a FIFO, (zero lib) a link to /dev/zero.
	syscall.Mkfifo(filepath.Join(dir, "fifo-lib.sld"), 0o600)
	os.Symlink("/dev/zero", filepath.Join(dir, "zero-lib.sld"))
	cases := []struct{ program, err string }{
		{`(include "/dev/zero")`, "include: /dev/zero: not a regular file (a character device)"},
		{`(include "fifo.scm")`, "fifo.scm: not a regular file (a FIFO)"},
		{`(include "big.scm")`, "big.scm: too large (1 GiB; the limit is 8 MiB)"},
		{`(include "zero.scm")`, "zero.scm: not a regular file (a character device)"},
		{`(include-ci "fifo-link.scm")`, "include-ci: " + dir + "/fifo-link.scm: not a regular file (a FIFO)"},
		{`(define (f) (include "big-link.scm"))`, "big-link.scm: too large"},
		{`(import (fifo lib))`, "import: library (fifo lib): " + dir + "/fifo-lib.sld: not a regular file (a FIFO)"},
		{`(import (zero lib))`, "zero-lib.sld: not a regular file (a character device)"},
		{`(load "/dev/zero")`, "unable to load file"},
		{`(load "` + dir + `/fifo.scm")`, "not a regular file (a FIFO)"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		in := New(Options{Stdout: &out, Stderr: &errb})
		err := in.RunSource(filepath.Join(dir, "main.scm"), []byte("(import (scheme base) (scheme load))\n"+c.program+"\n"))
		if err == nil {
			t.Errorf("%s: no error", c.program)
			continue
		}
		ReportError(&errb, err)
		if !strings.Contains(errb.String(), c.err) {
			t.Errorf("%s: %s, want %q", c.program, errb.String(), c.err)
		}
	}
	// The program itself.
	in := New(Options{})
	if err := in.RunFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("RunFile(/dev/zero): %v", err)
	}
	if err := in.RunFile(filepath.Join(dir, "fifo.scm")); err == nil || !strings.Contains(err.Error(), "a FIFO") {
		t.Errorf("RunFile(fifo): %v", err)
	}
}

// The library options of `foment-ls run`: -I and -A directories, -X extensions, found in
// Foment's order.
func TestLibraryOptions(t *testing.T) {
	dir := t.TempDir()
	write := func(p, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644)
	}
	lib := func(name, value string) string {
		return "(define-library " + name + " (export v) (import (scheme base)) (begin (define v " + value + ")))"
	}
	write("prog/main.scm", "(import (scheme base) (scheme write) (a b))\n(write v)\n")
	write("first/a/b.sld", lib("(a b)", "'first"))
	write("second/a-b.sld", lib("(a b)", "'second"))
	write("prog/a/b.sld", lib("(a b)", "'beside"))
	write("ext/a/b.lib", lib("(a b)", "'ext"))
	run := func(o func(in *Interp)) string {
		var out bytes.Buffer
		in := New(Options{Stdout: &out})
		o(in)
		if err := in.RunFile(filepath.Join(dir, "prog/main.scm")); err != nil {
			return "error: " + err.Error()
		}
		return out.String()
	}
	for _, c := range []struct {
		name string
		o    func(in *Interp)
		want string
	}{
		{"beside the program", func(in *Interp) {}, "beside"},
		{"-I first", func(in *Interp) { in.Library.Prepend = []string{filepath.Join(dir, "first")} }, "first"},
		{"-I first -I second: the last first", func(in *Interp) {
			in.Library.Prepend = []string{filepath.Join(dir, "first"), filepath.Join(dir, "second")}
		}, "second"},
		{"-A after the program's directory", func(in *Interp) { in.Library.Append = []string{filepath.Join(dir, "first")} }, "beside"},
		{"-X lib", func(in *Interp) {
			in.Library.Prepend = []string{filepath.Join(dir, "ext")}
			in.Library.Exts = []string{"lib"}
		}, "ext"},
	} {
		if got := run(c.o); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	os.Remove(filepath.Join(dir, "prog/a/b.sld"))
	if got := run(func(in *Interp) { in.Library.Append = []string{filepath.Join(dir, "second")} }); got != "second" {
		t.Errorf("-A, flat name: %s", got)
	}
}

// The multi-library workspace of testdata/multilib runs as under `foment -I lib main.scm`
// (the output below is Foment 0.4's).
func TestMultiLibraryProgram(t *testing.T) {
	var out, errb bytes.Buffer
	in := New(Options{Stdout: &out, Stderr: &errb})
	in.Library.Prepend = []string{"../testdata/multilib/lib"}
	if err := in.RunFile("../testdata/multilib/main.scm"); err != nil {
		ReportError(&errb, err)
		t.Fatalf("%v\n%s", err, errb.String())
	}
	want := `== SETTINGS ==
port        : "12345"
host        : "localhost"
missing     : #f
words       : ("include" "and" "cond-expand")
upcased     : "HELLO"
local       : inet
loopback    : #t
total       : 14
shifted     : 1024
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant (Foment's):\n%s", out.String(), want)
	}
}
