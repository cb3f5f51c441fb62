package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"foment-ls/analyzer"
	"foment-ls/srcfile"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

// The workspace index: what the server knows of the workspace's files that are not open,
// without keeping their analyses — their top-level definitions, their references to
// definitions of other files, what they include and the libraries they define. It is made in
// the background when the workspace opens (reported with $/progress when the client shows
// work done), while requests are answered; a file is indexed again when it, or a file it read,
// changes. Workspace symbols, references and renaming across files, and the files that include
// a file, are found there; an analysis of a file that is not open is made only for what needs
// its every name (a rename's conflicts), and not kept.

// maxIndexedFiles bounds the files of a workspace the index holds.
const maxIndexedFiles = 5000

// WorkspaceSize, when set (by the command that runs the server), is told the size in bytes of
// the source of the workspace about to be indexed, to bound the process' memory by it.
var WorkspaceSize func(bytes int64)

// Burst, when set (by the command that runs the server), is called before a whole file is read
// and analysed (a document opened), and what it returns after: a 10,000-line file makes some
// 14 MB of data the analysis keeps, and with the collector's pace set for a small heap it
// collected twice during the analysis, with its write barriers on all along (a fifth of the
// time of an open).
var Burst func() (end func())

// GCBurst is a Burst: the heap may grow five times over (GOGC 400) while a whole file is
// analysed, and the process' own pace (GOGC 100, or what the environment set) is put back when
// the last analysis running at once ends. A pace already as loose (GOGC=off, or above 400) is
// left alone.
func GCBurst() (end func()) {
	gcBursts.Lock()
	if gcBursts.n++; gcBursts.n == 1 {
		gcBursts.prev = debug.SetGCPercent(400)
		if gcBursts.prev < 0 || gcBursts.prev >= 400 {
			debug.SetGCPercent(gcBursts.prev)
		}
	}
	gcBursts.Unlock()
	return func() {
		gcBursts.Lock()
		if gcBursts.n--; gcBursts.n == 0 {
			debug.SetGCPercent(gcBursts.prev)
		}
		gcBursts.Unlock()
	}
}

var gcBursts struct {
	sync.Mutex
	n, prev int
}

// Indexed, when set (by the command that runs the server), is called when the first indexing of
// a workspace is over, before its end is reported: the memory the analyses of the workspace's
// files used is garbage then, and may go back to the system.
var Indexed func()

type wsIndex struct {
	mu    sync.Mutex
	files map[string]*fileEntry
	// stale are the files to index (again): all of them at first; busy those a worker is
	// indexing.
	stale map[string]bool
	busy  map[string]int
	// built is closed when the first indexing of the workspace is over; running while a
	// pass runs.
	built   chan struct{}
	running bool
	gen     int // a new workspace (roots, settings) starts again
}

// fileEntry is what the index holds of one file.
type fileEntry struct {
	uri      protocol.DocumentURI
	defs     []indexedDef
	refs     map[defKey][]protocol.Range // references to top-level definitions (its own and others')
	includes []string
	libs     []string // the libraries it defines
	deps     []string // the files its analysis read
}

type indexedDef struct {
	key  defKey
	kind protocol.SymbolKind
	sel  protocol.Range
}

func (x *wsIndex) init() {
	if x.files == nil {
		x.files = map[string]*fileEntry{}
		x.stale = map[string]bool{}
		x.busy = map[string]int{}
		x.built = make(chan struct{})
	}
}

// settle waits until no worker is indexing a file (or stop says to stop waiting): a pass
// that ends, or a request, must not miss a file another pass is indexing.
func (x *wsIndex) settle(stop func() bool) {
	for {
		x.mu.Lock()
		n := len(x.busy)
		x.mu.Unlock()
		if n == 0 || stop() {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func (s *Server) stopping() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}

// startIndex (re)starts indexing the workspace in the background.
func (s *Server) startIndex() {
	x := &s.index
	x.mu.Lock()
	x.init()
	x.gen++
	gen := x.gen
	x.files = map[string]*fileEntry{}
	x.stale = map[string]bool{}
	select {
	case <-x.built:
		x.built = make(chan struct{})
	default:
	}
	x.mu.Unlock()
	s.indexing.Add(1)
	go func() {
		defer s.indexing.Done()
		s.indexWorkspace(gen)
	}()
}

// indexWorkspace indexes every file of the workspace, then, until the server stops, whatever
// becomes stale.
func (s *Server) indexWorkspace(gen int) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic indexing the workspace", "panic", r)
		}
	}()
	paths := s.workspacePaths()
	if WorkspaceSize != nil {
		var n int64
		for _, p := range paths {
			if st, err := os.Stat(p); err == nil {
				n += st.Size()
			}
		}
		WorkspaceSize(n)
	}
	x := &s.index
	x.mu.Lock()
	if x.gen != gen {
		x.mu.Unlock()
		return
	}
	for _, p := range paths {
		x.stale[p] = true
	}
	x.mu.Unlock()
	progress := s.beginProgress("Indexing the workspace", len(paths))
	s.reindex(gen, progress)
	x.settle(s.stopping)
	if Indexed != nil {
		Indexed()
	}
	progress.end(fmt.Sprintf("%d files", len(paths)))
	x.mu.Lock()
	if x.gen == gen {
		select {
		case <-x.built:
		default:
			close(x.built)
		}
	}
	x.mu.Unlock()
}

// reindex indexes the stale files, by a few workers (half the processors: the other half
// answers requests meanwhile).
func (s *Server) reindex(gen int, progress *progress) {
	x := &s.index
	workers := max(1, runtime.GOMAXPROCS(0)/2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-s.quit:
					return
				default:
				}
				x.mu.Lock()
				if x.gen != gen || len(x.stale) == 0 {
					x.mu.Unlock()
					return
				}
				var path string
				for p := range x.stale {
					if path == "" || p < path {
						path = p
					}
				}
				delete(x.stale, path)
				x.busy[path]++
				x.mu.Unlock()
				e := s.indexFile(path)
				x.mu.Lock()
				if x.gen == gen {
					if e != nil {
						x.files[path] = e
					} else {
						delete(x.files, path)
					}
				}
				if x.busy[path]--; x.busy[path] <= 0 {
					delete(x.busy, path)
				}
				x.mu.Unlock()
				if progress != nil {
					progress.step(filepath.Base(path))
				}
			}
		}()
	}
	wg.Wait()
}

// indexFile analyses a file (not open) and returns what the index keeps of it, or nil.
func (s *Server) indexFile(path string) (e *fileEntry) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic indexing a file", "file", path, "panic", r)
			e = nil
		}
	}()
	text, err := srcfile.Read(path, srcfile.Limits{MaxSize: s.config().MaxFileSize})
	if err != nil {
		return nil
	}
	loader := s.fileLoader()
	var res *analyzer.Result
	if isLibraryPath(path) {
		res, err = loader.LibraryFile(path)
		if err != nil {
			return nil
		}
	} else {
		res = analyzer.Analyze(syntax.Parse(path, text), analyzer.Options{Loader: loader})
	}
	return s.entryOf(path, syntax.NewLineIndex(text), res)
}

// entryOf keeps what the index needs of an analysis of path (lines: of the text analysed).
func (s *Server) entryOf(path string, lines *syntax.LineIndex, res *analyzer.Result) *fileEntry {
	e := &fileEntry{uri: fileURI(path), refs: map[defKey][]protocol.Range{}, deps: res.Deps}
	for _, d := range res.Defs {
		if d.TopLevel && d.File == path && listed(d) {
			e.defs = append(e.defs, indexedDef{key: keyOf(res, d), kind: symbolKind(d),
				sel: s.rangeOf(lines, res.TextSpan(d.File, d.Span))})
		}
	}
	for _, r := range res.Refs {
		if r.Def != nil && r.Def.TopLevel {
			k := keyOf(res, r.Def)
			e.refs[k] = append(e.refs[k], s.rangeOf(lines, res.TextSpan(r.File(), r.Span)))
		}
	}
	for _, inc := range res.Includes {
		if inc.From == path {
			e.includes = append(e.includes, inc.Path)
		}
	}
	for _, l := range res.Libraries {
		e.libs = append(e.libs, l.Name)
	}
	return e
}

// workspacePaths returns the Scheme files under the workspace roots (.scm, .sld, .sls).
func (s *Server) workspacePaths() []string {
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	var out []string
	seen := map[string]bool{}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if de.IsDir() && (strings.HasPrefix(de.Name(), ".") && p != root || de.Name() == "node_modules") {
				return filepath.SkipDir
			}
			switch filepath.Ext(p) {
			case ".scm", ".sld", ".sls":
				if len(out) < maxIndexedFiles && !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

// indexChanged marks stale the index's entries of a file and of the files that read it, and
// indexes them again in the background.
func (s *Server) indexChanged(paths ...string) {
	// An open document is left out: the index's entries serve the files that are not open
	// (an open one answers from its own analysis), and its entry is made when it closes.
	// Opening a file on disk read and analysed it a second time, flow analysis included,
	// beside its own analysis: 90 ms of CPU on a 10,000-line file, while the first requests
	// waited.
	open := s.openPaths()
	inWorkspace := s.inWorkspace()
	x := &s.index
	x.mu.Lock()
	if x.files == nil {
		x.mu.Unlock()
		return
	}
	marked := false
	for p, e := range x.files {
		if open[p] {
			continue
		}
		for _, c := range paths {
			if p == c || contains(e.deps, c) {
				x.stale[p] = true
				marked = true
			}
		}
	}
	for _, c := range paths {
		if _, ok := x.files[c]; !ok && !open[c] && isSchemeFile(c) && inWorkspace(c) {
			x.stale[c] = true
			marked = true
		}
	}
	start := marked && !x.running
	if start {
		x.running = true
	}
	gen := x.gen
	x.mu.Unlock()
	if start {
		s.indexing.Add(1)
		go func() {
			defer s.indexing.Done()
			s.reindex(gen, nil)
			x.mu.Lock()
			x.running = false
			x.mu.Unlock()
		}()
	}
}

// indexDependents marks stale the entries of the files that read an edited document (its own
// entry is not used while it is open: its analysis is). They are indexed again when a request
// needs them, not at every keystroke.
func (s *Server) indexDependents(path string) {
	open := s.openPaths()
	x := &s.index
	x.mu.Lock()
	defer x.mu.Unlock()
	for p, e := range x.files {
		if !open[p] && contains(e.deps, path) {
			x.stale[p] = true
		}
	}
}

func isSchemeFile(p string) bool {
	switch filepath.Ext(p) {
	case ".scm", ".sld", ".sls":
		return true
	}
	return false
}

// indexed waits until the workspace's files are indexed (or the request is cancelled) and
// returns the entries of the files that are not open, by path; stale ones are indexed first.
func (s *Server) indexed(ctx context.Context) map[string]*fileEntry {
	x := &s.index
	x.mu.Lock()
	x.init()
	built := x.built
	x.mu.Unlock()
	select {
	case <-built:
	case <-ctx.Done():
	case <-s.quit:
	}
	// What changed since: indexed here, in this request, rather than waited for.
	for {
		x.mu.Lock()
		var path string
		for p := range x.stale {
			path = p
			break
		}
		if path != "" {
			delete(x.stale, path)
		}
		gen := x.gen
		x.mu.Unlock()
		if path == "" || ctx.Err() != nil {
			break
		}
		e := s.indexFile(path)
		x.mu.Lock()
		if x.gen == gen && e != nil {
			x.files[path] = e
		}
		x.mu.Unlock()
	}
	x.settle(func() bool { return ctx.Err() != nil || s.stopping() })
	open := s.openPaths()
	out := map[string]*fileEntry{}
	x.mu.Lock()
	for p, e := range x.files {
		if !open[p] {
			out[p] = e
		}
	}
	x.mu.Unlock()
	return out
}

// indexBuilt returns the index's entries once the workspace is indexed (nil before).
func (s *Server) indexBuilt() map[string]*fileEntry {
	x := &s.index
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.built == nil {
		return nil
	}
	select {
	case <-x.built:
	default:
		return nil
	}
	out := make(map[string]*fileEntry, len(x.files))
	for p, e := range x.files {
		out[p] = e
	}
	return out
}

// ---- work-done progress ----

// progress reports a long piece of work to a client that shows it ($/progress), else nothing.
type progress struct {
	s       *Server
	token   string
	total   int
	done    int
	percent int
	mu      sync.Mutex
}

func (s *Server) beginProgress(title string, total int) *progress {
	s.mu.Lock()
	ok := s.workDone
	s.mu.Unlock()
	if !ok || s.conn == nil {
		return nil
	}
	p := &progress{s: s, token: fmt.Sprintf("foment-ls/%s/%d", strings.ToLower(strings.ReplaceAll(title, " ", "-")), total), total: total}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go func() {
		select {
		case <-s.quit:
			cancel()
		case <-ctx.Done():
		}
	}()
	if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", map[string]any{"token": p.token}, nil); err != nil {
		return nil
	}
	s.conn.Notify(context.Background(), "$/progress", map[string]any{"token": p.token,
		"value": map[string]any{"kind": "begin", "title": title, "cancellable": false, "percentage": 0}})
	return p
}

// step reports one more unit of work done (every percent).
func (p *progress) step(what string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done++
	pc := 100 * p.done / max(1, p.total)
	report := pc > p.percent
	if report {
		p.percent = pc
	}
	done, total := p.done, p.total
	p.mu.Unlock()
	if report {
		p.s.conn.Notify(context.Background(), "$/progress", map[string]any{"token": p.token,
			"value": map[string]any{"kind": "report", "percentage": pc, "message": fmt.Sprintf("%d/%d %s", done, total, what)}})
	}
}

func (p *progress) end(msg string) {
	if p == nil {
		return
	}
	p.s.conn.Notify(context.Background(), "$/progress", map[string]any{"token": p.token,
		"value": map[string]any{"kind": "end", "message": msg}})
}
