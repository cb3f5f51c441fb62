package analyzer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"weak"

	"foment-ls/libpath"
	"foment-ls/srcfile"
	"foment-ls/syntax"
)

// FileLoader reads included files and user libraries from disk (or from Overlay, the texts an
// editor has open), finds libraries with Foment's rules (package libpath) and reads every file
// through srcfile's limits. It is safe for concurrent use; analyses of libraries are cached by
// file until Forget names the file or one it depends on, and a library wanted by several
// analyses at once is analysed once (the others wait for it).
type FileLoader struct {
	// Path holds the -I, -A and -X options and FOMENT_LIBPATH, as Foment takes them; the
	// importing program's directory is always searched.
	Path libpath.Options
	// Roots are searched after Foment's path: the workspace folders and the libraryPath setting.
	Roots   []string
	Overlay func(path string) ([]byte, bool)
	// OnlyOverlay: the files of the overlay are the only files (tests, fuzzing).
	OnlyOverlay bool
	Limits      srcfile.Limits
	// KeepResults: the whole analysis of each library file is kept until LibraryFile takes
	// it (check reports the problems of the libraries the files it checks import).
	KeepResults bool

	mu sync.Mutex
	// files are the files read and parsed, by path (+ "\x00ci" when case-folded), held weakly:
	// a file no analysis holds any more is read again when wanted (a workspace's thousands of
	// files are not all kept).
	files map[string]*loaded
	libs  map[string]*libResult // analysed library files, by path
	// imports are the library files each file imports, to find import cycles.
	imports map[string]map[string]bool
	// cycles: an import cycle was met (or two analyses would have waited for each other): what
	// the analyses report of it depends on the order they ran in.
	cycles bool
}

type loaded struct {
	f   weak.Pointer[syntax.File]
	err error
}

type libResult struct {
	libs []LibraryInfo
	deps []string
	res  *Result // the whole analysis, while KeepResults and not taken
	// done is closed when the analysis is made (libs and deps set); waitsOn is the library file
	// its analysis waits for meanwhile, under the loader's lock.
	done    chan struct{}
	waitsOn string
	err     error // the file could not be read (not kept: the next analysis tries again)
}

// read returns a parsed file (cached), read through the limits.
func (l *FileLoader) read(path string, fold bool) (*syntax.File, error) {
	key := path
	if fold {
		key += "\x00ci"
	}
	l.mu.Lock()
	if l.files == nil {
		l.files = map[string]*loaded{}
	}
	if e, ok := l.files[key]; ok {
		if e.err != nil {
			l.mu.Unlock()
			return nil, e.err
		}
		if f := e.f.Value(); f != nil {
			l.mu.Unlock()
			return f, nil
		}
	}
	l.mu.Unlock()
	var src []byte
	if l.Overlay != nil {
		if b, ok := l.Overlay(path); ok {
			src = b
		}
	}
	var e loaded
	var f *syntax.File
	if src == nil && l.OnlyOverlay {
		e.err = &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	} else if src == nil {
		b, err := srcfile.Read(path, l.Limits)
		if err != nil {
			e.err = err
		}
		src = b
	}
	if e.err == nil {
		f = syntax.Parse(path, src)
		if fold {
			foldSymbols(f.Data)
		}
		e.f = weak.Make(f)
	}
	l.mu.Lock()
	l.files[key] = &e
	l.mu.Unlock()
	return f, e.err
}

// foldSymbols applies include-ci's case folding to the identifiers of a file.
func foldSymbols(ds []*syntax.Datum) {
	for _, d := range ds {
		if d.Kind == syntax.Symbol {
			d.Text = strings.ToLower(d.Text)
		}
		foldSymbols(d.Elems)
		if d.Tail() != nil {
			foldSymbols([]*syntax.Datum{d.Tail()})
		}
	}
}

// Forget drops what the loader knows of files that changed: their text, and the analyses of
// libraries that read them.
func (l *FileLoader) Forget(paths ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range paths {
		delete(l.files, p)
		delete(l.files, p+"\x00ci")
		delete(l.imports, p)
		for k, r := range l.libs {
			if k == p || contains(r.deps, p) {
				delete(l.libs, k)
			}
		}
	}
}

// Include implements Loader: the name is taken relative to the including file, as Foment does.
func (l *FileLoader) Include(from, name string, fold bool) (*syntax.File, error) {
	return l.read(includePath(from, name), fold)
}

func includePath(from, name string) string {
	if !filepath.IsAbs(name) {
		name = filepath.Join(filepath.Dir(from), name)
	}
	return filepath.Clean(name)
}

// Library implements Loader.
func (l *FileLoader) Library(req LibraryRequest) (*Library, error) {
	return l.library(req, nil)
}

// maxLibraryDepth bounds a chain of libraries importing libraries.
const maxLibraryDepth = 64

// library finds and analyses a library; chain is the library files being analysed on the way
// here, to tell an import cycle from a library analysed twice at once by two requests.
func (l *FileLoader) library(req LibraryRequest, chain []string) (*Library, error) {
	parts := strings.Fields(req.Name)
	for _, path := range l.searchPath(req).Candidates(parts) {
		if l.overlaid(path) {
			// An editor's buffer need not exist on disk yet.
		} else if l.OnlyOverlay {
			continue
		} else if err := srcfile.Check(path, l.Limits); errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("library (%s): %w", req.Name, err)
		}
		if path == req.From {
			// (import (chibi test)) in chibi-test.scm: Foment reads the program as the library
			// file, and finds no library in it.
			return nil, fmt.Errorf("library (%s) would be read from %s, this file, which does not define it (Foment: \"define-library: expected a library\")", req.Name, filepath.Base(path))
		}
		if cycle := l.importEdge(req.From, path); cycle != "" {
			return nil, fmt.Errorf("import cycle: %s", cycle)
		}
		if contains(chain, path) {
			// Being analysed further up: a cycle the edges have not shown yet.
			l.mu.Lock()
			l.cycles = true
			l.mu.Unlock()
			return nil, fmt.Errorf("import cycle: %s", cycleText(chain, path))
		}
		if len(chain) >= maxLibraryDepth {
			return nil, fmt.Errorf("library (%s): libraries nested more than %d deep", req.Name, maxLibraryDepth)
		}
		r, err := l.analyseLibraryFile(path, chain)
		if err != nil {
			return nil, fmt.Errorf("library (%s): %w", req.Name, err)
		}
		// Its own imports are known now: do they lead back here?
		if cycle := l.importEdge(req.From, path); cycle != "" {
			return nil, fmt.Errorf("import cycle: %s", cycle)
		}
		for i := range r.libs {
			if r.libs[i].Name == req.Name || contains(r.libs[i].Aka, req.Name) {
				info := r.libs[i]
				return &Library{LibraryInfo: info, File: path, Deps: append([]string{path}, r.deps...)}, nil
			}
		}
		// Foment goes on to the next candidate when a file does not define the library.
	}
	return nil, nil
}

// importEdge records that from imports the library file to, and returns the cycle it closes
// ("a.sld → b.sld → a.sld"), or "".
func (l *FileLoader) importEdge(from, to string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.imports == nil {
		l.imports = map[string]map[string]bool{}
	}
	if l.imports[from] == nil {
		l.imports[from] = map[string]bool{}
	}
	l.imports[from][to] = true
	if p := l.importPath(to, from, map[string]bool{}); p != nil {
		l.cycles = true
		return strings.Join(baseNames(append([]string{from}, p...)), " → ")
	}
	return ""
}

// importPath is a chain of imports from one file to another (l.mu held), or nil.
func (l *FileLoader) importPath(from, to string, seen map[string]bool) []string {
	if from == to {
		return []string{to}
	}
	if seen[from] {
		return nil
	}
	seen[from] = true
	for next := range l.imports[from] {
		if p := l.importPath(next, to, seen); p != nil {
			return append([]string{from}, p...)
		}
	}
	return nil
}

func baseNames(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = filepath.Base(p)
	}
	return out
}

func cycleText(chain []string, again string) string {
	var names []string
	for _, p := range chain[indexOf(chain, again):] {
		names = append(names, filepath.Base(p))
	}
	return strings.Join(append(names, filepath.Base(again)), " → ")
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func (l *FileLoader) overlaid(path string) bool {
	if l.Overlay == nil {
		return false
	}
	_, ok := l.Overlay(path)
	return ok
}

func (l *FileLoader) analyseLibraryFile(path string, chain []string) (*libResult, error) {
	l.mu.Lock()
	if l.libs == nil {
		l.libs = map[string]*libResult{}
	}
	if r, ok := l.libs[path]; ok {
		select {
		case <-r.done:
			l.mu.Unlock()
			return r, r.err
		default:
		}
		// Being analysed by another analysis: wait for it, unless it waits (through others)
		// for one this one is making — an import cycle, where waiting would never end.
		var me *libResult
		if len(chain) > 0 {
			me = l.libs[chain[len(chain)-1]]
		}
		if l.waitsFor(path, chain) {
			l.cycles = true
			l.mu.Unlock()
			return nil, fmt.Errorf("import cycle: %s", cycleText(append(chain, path), path))
		}
		if me != nil {
			me.waitsOn = path
		}
		l.mu.Unlock()
		<-r.done
		if me != nil {
			l.mu.Lock()
			me.waitsOn = ""
			l.mu.Unlock()
		}
		return r, r.err
	}
	r := &libResult{done: make(chan struct{})}
	l.libs[path] = r
	l.mu.Unlock()
	defer close(r.done)
	f, err := l.read(path, false)
	if err != nil {
		r.err = err
		l.mu.Lock()
		delete(l.libs, path)
		l.mu.Unlock()
		return nil, err
	}
	res := Analyze(f, Options{Loader: &chainLoader{l, append(chain[:len(chain):len(chain)], path)}, Library: true})
	l.mu.Lock() // (Forget reads deps meanwhile)
	r.libs, r.deps = res.Libraries, res.Deps
	if l.KeepResults {
		r.res = res
	}
	l.mu.Unlock()
	return r, nil
}

// waitsFor reports whether the analysis of path waits, directly or through others, for one of
// the library files of chain (l.mu held).
func (l *FileLoader) waitsFor(path string, chain []string) bool {
	for seen := 0; path != "" && seen <= len(l.libs); seen++ {
		if contains(chain, path) {
			return true
		}
		r := l.libs[path]
		if r == nil {
			return false
		}
		path = r.waitsOn
	}
	return false
}

// LibraryFile returns the whole analysis of a library file (.sld, .sls), the one its importers
// use: made now, or kept since an import made it (KeepResults), which it gives away.
func (l *FileLoader) LibraryFile(path string) (*Result, error) {
	r, err := l.analyseLibraryFile(path, nil)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	res := r.res
	r.res = nil
	l.mu.Unlock()
	if res != nil {
		return res, nil
	}
	// Taken before, or not kept: analysed again.
	f, err := l.read(path, false)
	if err != nil {
		return nil, err
	}
	return Analyze(f, Options{Loader: &chainLoader{l, []string{path}}, Library: true}), nil
}

// SawCycle reports whether an analysis met an import cycle: what analyses running at once
// report of one depends on the order they ran in.
func (l *FileLoader) SawCycle() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cycles
}

// searchPath is where a library imported from a file is looked for: Foment's path for that file
// as a program, the root of the library whose declarations import it, then the Roots.
func (l *FileLoader) searchPath(req LibraryRequest) libpath.Path {
	p := libpath.ForProgram(req.From, l.Path)
	if req.Within != "" && req.From != "" {
		p.Dirs = append(p.Dirs, libraryRoot(req.From, req.Within))
	}
	p.Dirs = append(p.Dirs, l.Roots...)
	return p
}

// libraryRoot is the directory a library file's name is relative to: lib for lib/net/util.sld
// defining (net util), and for lib/net-util.sld.
func libraryRoot(file, name string) string {
	dir := filepath.Dir(file)
	parts := strings.Fields(name)
	if len(parts) < 2 {
		return dir
	}
	sub := filepath.Join(parts[:len(parts)-1]...)
	if strings.HasSuffix(dir, string(filepath.Separator)+sub) {
		return strings.TrimSuffix(dir, string(filepath.Separator)+sub)
	}
	if dir == sub {
		return "."
	}
	return dir
}

// chainLoader is the loader a library's own analysis uses: it knows which library files are
// being analysed on the way to it.
type chainLoader struct {
	l     *FileLoader
	chain []string
}

func (c *chainLoader) Include(from, name string, fold bool) (*syntax.File, error) {
	return c.l.Include(from, name, fold)
}

func (c *chainLoader) Library(req LibraryRequest) (*Library, error) {
	return c.l.library(req, c.chain)
}
