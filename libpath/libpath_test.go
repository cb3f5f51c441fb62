package libpath

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The order Foment prints with `foment -I a -I b -A c -A d -X x1 -X x2 --version sub/prog.scm`
// and FOMENT_LIBPATH=e:f: (scheme.path "b" "a" "sub" "f" "e" "c" "d"),
// (scheme.extensions "x2" "x1" "sld" "scm").
func TestForProgram(t *testing.T) {
	p := ForProgram("sub/prog.scm", Options{Prepend: []string{"a", "b"}, Append: []string{"c", "d"},
		Exts: []string{"x1", ".x2"}, Env: "e:f"})
	if want := []string{"b", "a", "sub", "f", "e", "c", "d"}; !reflect.DeepEqual(p.Dirs, want) {
		t.Errorf("dirs %q, want %q", p.Dirs, want)
	}
	if want := []string{"x2", "x1", "sld", "scm"}; !reflect.DeepEqual(p.Exts, want) {
		t.Errorf("exts %q, want %q", p.Exts, want)
	}
	if got := ForProgram("", Options{}).Dirs; !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("no program: %q", got)
	}
}

func TestCandidates(t *testing.T) {
	p := Path{Dirs: []string{"lib", "/usr/share"}}
	got := p.Candidates([]string{"net", "util"})
	want := []string{"lib/net-util.sld", "lib/net/util.sld", "lib/net-util.scm", "lib/net/util.scm",
		"/usr/share/net-util.sld", "/usr/share/net/util.sld", "/usr/share/net-util.scm", "/usr/share/net/util.scm"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := p.Candidates([]string{"single"}); len(got) != 4 || got[0] != "lib/single.sld" {
		t.Errorf("one part: %q", got)
	}
	for _, bad := range [][]string{nil, {"..", "etc"}, {"a/b"}, {""}, {"x\x00"}} {
		if got := p.Candidates(bad); got != nil {
			t.Errorf("%q: %q, want none", bad, got)
		}
	}
}

func TestProgramSymlink(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real"), 0o755)
	os.WriteFile(filepath.Join(dir, "real", "p.scm"), nil, 0o644)
	os.Symlink("real/p.scm", filepath.Join(dir, "p.scm"))
	if got := ForProgram(filepath.Join(dir, "p.scm"), Options{}).Dirs[0]; got != filepath.Join(dir, "real") {
		t.Errorf("through a symlink: %s", got)
	}
}
