package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"foment-ls/syntax"
)

// FileLoader reads included files and user libraries from disk (or from Overlay, the texts
// an editor has open). Libraries (a b) are found as a/b.sld under the Roots.
type FileLoader struct {
	Roots   []string
	Overlay func(path string) ([]byte, bool)

	mu    sync.Mutex
	libs  map[string][]*Def
	busy  map[string]bool
	files map[string]*syntax.File
}

func (l *FileLoader) read(path string) (*syntax.File, error) {
	l.mu.Lock()
	if l.files == nil {
		l.files = map[string]*syntax.File{}
	}
	if f, ok := l.files[path]; ok {
		l.mu.Unlock()
		return f, nil
	}
	l.mu.Unlock()
	var src []byte
	if l.Overlay != nil {
		if b, ok := l.Overlay(path); ok {
			src = b
		}
	}
	if src == nil {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		src = b
	}
	f := syntax.Parse(path, src)
	l.mu.Lock()
	l.files[path] = f
	l.mu.Unlock()
	return f, nil
}

// Include implements Loader.
func (l *FileLoader) Include(from, name string) (*syntax.File, error) {
	if !filepath.IsAbs(name) {
		name = filepath.Join(filepath.Dir(from), name)
	}
	return l.read(name)
}

// Library implements Loader: the exported definitions of a user library.
func (l *FileLoader) Library(name string) ([]*Def, bool) {
	l.mu.Lock()
	if l.libs == nil {
		l.libs = map[string][]*Def{}
		l.busy = map[string]bool{}
	}
	if defs, ok := l.libs[name]; ok {
		l.mu.Unlock()
		return defs, true
	}
	if l.busy[name] {
		l.mu.Unlock()
		return nil, false
	}
	l.busy[name] = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.busy, name)
		l.mu.Unlock()
	}()
	rel := filepath.Join(strings.Fields(name)...)
	for _, root := range l.Roots {
		for _, ext := range []string{".sld", ".sls", ".scm"} {
			path := filepath.Join(root, rel+ext)
			f, err := l.read(path)
			if err != nil {
				continue
			}
			res := Analyze(f, Options{Loader: l, Library: true})
			exports := ExportedDefs(res, name)
			l.mu.Lock()
			l.libs[name] = exports
			l.mu.Unlock()
			return exports, true
		}
	}
	return nil, false
}

// ExportedDefs returns the definitions a define-library form of the result exports.
func ExportedDefs(res *Result, name string) []*Def {
	var out []*Def
	top := map[string]*Def{}
	for _, d := range res.Defs {
		if d.TopLevel {
			top[d.Name] = d
		}
	}
	for _, form := range res.File.Data {
		if form.Head() != "define-library" || len(form.Elems) < 2 {
			continue
		}
		parts := make([]string, 0, len(form.Elems[1].Elems))
		for _, e := range form.Elems[1].Elems {
			parts = append(parts, e.String())
		}
		if strings.Join(parts, " ") != name {
			continue
		}
		for _, decl := range form.Elems[2:] {
			if decl.Head() != "export" {
				continue
			}
			for _, e := range decl.Elems[1:] {
				switch {
				case e.Kind == syntax.Symbol:
					if d := top[e.Text]; d != nil {
						out = append(out, d)
					}
				case e.Head() == "rename" && len(e.Elems) == 3:
					if d := top[e.Elems[1].Text]; d != nil {
						alias := *d
						alias.Name = e.Elems[2].Text
						out = append(out, &alias)
					}
				}
			}
		}
	}
	return out
}
