// Package libpath maps library names to files as Foment does, so that `foment-ls check`, the
// language server and `foment-ls run` find the same file Foment would. It imports nothing of
// this project.
//
// Foment's rules (src/main.cpp, src/library.cpp): the path is the -I directories (the last
// given first), the program's directory, the FOMENT_LIBPATH entries (the last first), then the
// -A directories in order. The extensions are the -X extensions (the last given first), then
// sld and scm. For each directory, for each extension, (net util) is looked for as
// DIR/net-util.EXT, then as DIR/net/util.EXT.
package libpath

import (
	"os"
	"path/filepath"
	"strings"
)

// DefaultExts are the extensions tried when no -X is given.
var DefaultExts = []string{"sld", "scm"}

// Path is where libraries are looked for.
type Path struct {
	Dirs []string
	Exts []string // without the dot; nil means DefaultExts
}

// Options are the command line's library options, in the order given.
type Options struct {
	Prepend []string // -I DIR
	Append  []string // -A DIR
	Exts    []string // -X EXT
	// Env is the value of FOMENT_LIBPATH (entries separated by ':').
	Env string
}

// ForProgram returns the path Foment uses for a program file. An empty program (no file: an
// editor's unsaved buffer, a REPL) puts "." in its place.
func ForProgram(program string, o Options) Path {
	var dirs []string
	for i := len(o.Prepend) - 1; i >= 0; i-- {
		dirs = append(dirs, o.Prepend[i])
	}
	if program == "" {
		dirs = append(dirs, ".")
	} else {
		dirs = append(dirs, programDir(program))
	}
	env := filepath.SplitList(o.Env)
	for i := len(env) - 1; i >= 0; i-- {
		if env[i] != "" {
			dirs = append(dirs, env[i])
		}
	}
	dirs = append(dirs, o.Append...)
	var exts []string
	for i := len(o.Exts) - 1; i >= 0; i-- {
		exts = append(exts, strings.TrimPrefix(o.Exts[i], "."))
	}
	exts = append(exts, DefaultExts...)
	return Path{Dirs: dedupe(dirs), Exts: dedupe(exts)}
}

// programDir is the directory of the program; for a symbolic link, of the file it points to
// (Foment reads the link; a relative target is taken from the link's directory here).
func programDir(program string) string {
	if st, err := os.Lstat(program); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if to, err := os.Readlink(program); err == nil {
			if !filepath.IsAbs(to) {
				to = filepath.Join(filepath.Dir(program), to)
			}
			return filepath.Dir(to)
		}
	}
	return filepath.Dir(program)
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Candidates lists the files that may hold a library, in the order Foment tries them. The
// name's parts are its symbols and integers as written: (srfi 1) is {"srfi", "1"}. A part
// that cannot name a file (empty, ".", "..", or with a path separator) gives no candidates.
func (p Path) Candidates(name []string) []string {
	if len(name) == 0 {
		return nil
	}
	for _, part := range name {
		if part == "" || part == "." || part == ".." || strings.ContainsAny(part, "/\\\x00") {
			return nil
		}
	}
	exts := p.Exts
	if exts == nil {
		exts = DefaultExts
	}
	flat := strings.Join(name, "-")
	deep := filepath.Join(name...)
	var out []string
	for _, dir := range p.Dirs {
		for _, ext := range exts {
			out = append(out, filepath.Join(dir, flat+"."+ext))
			if len(name) > 1 {
				out = append(out, filepath.Join(dir, deep+"."+ext))
			}
		}
	}
	return out
}
