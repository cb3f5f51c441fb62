package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"foment-ls/analyzer"
	"foment-ls/srcfile"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// The files of a workspace as the analyses see them: one loader over the open documents and
// the disk, the settings (.foment-ls.json at a workspace root, initializationOptions,
// workspace/configuration), which file includes or imports which — so that a file made to be
// included is analysed in the file that includes it, and a change re-checks the open files
// that depend on it — and the diagnostics of included files, published on their own URIs.

type workspace struct {
	mu     sync.Mutex
	loader *analyzer.FileLoader
	// The settings by origin; the effective ones are their merge, in this order.
	fileCfg, initCfg, clientCfg analyzer.Config
	// deps are the files each analysed file's analysis read, to know what a change makes stale.
	deps map[string][]string
	// scans caches the files each workspace file includes, by path, for the text it was read from.
	scans map[string]includeScan
	// libNames are the libraries the workspace's library files define, by name (nil: not read).
	libNames map[string]string
	// askSettings: the client answers workspace/configuration.
	askSettings bool
	// publishedTo: for each open document, the other URIs its analysis published diagnostics on.
	publishedTo map[protocol.DocumentURI]map[protocol.DocumentURI]bool
	// epoch changes when what every analysis read may have changed (the settings, files saved
	// or changed on disk): an analysis does not start from one made before.
	epoch uint64
}

type includeScan struct {
	text    []byte
	targets []string
}

func (w *workspace) init() {
	if w.deps == nil {
		w.deps = map[string][]string{}
		w.scans = map[string]includeScan{}
		w.publishedTo = map[protocol.DocumentURI]map[protocol.DocumentURI]bool{}
	}
}

// epoch returns the workspace's epoch.
func (s *Server) epoch() uint64 {
	s.ws.mu.Lock()
	defer s.ws.mu.Unlock()
	return s.ws.epoch
}

// config returns the effective settings.
func (s *Server) config() analyzer.Config {
	s.ws.mu.Lock()
	defer s.ws.mu.Unlock()
	return s.ws.fileCfg.Merge(s.ws.initCfg).Merge(s.ws.clientCfg)
}

// workspaceLoader returns the loader, made anew when the settings change.
func (s *Server) workspaceLoader() *analyzer.FileLoader {
	cfg := s.config()
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	s.ws.mu.Lock()
	defer s.ws.mu.Unlock()
	if s.ws.loader == nil {
		s.ws.loader = &analyzer.FileLoader{Roots: append(roots, cfg.LibraryPath...), Overlay: s.overlay,
			Limits: srcfile.Limits{MaxSize: cfg.MaxFileSize}}
	}
	return s.ws.loader
}

// readSettings reads initializationOptions and each workspace root's .foment-ls.json.
func (s *Server) readSettings(initOptions json.RawMessage, roots []string, askClient bool) {
	var file analyzer.Config
	for _, r := range roots {
		p := filepath.Join(r, analyzer.ConfigFile)
		c, err := analyzer.ReadConfig(p)
		if err != nil {
			if srcfile.Check(p, srcfile.Limits{}) == nil {
				s.log.Warn("settings", "file", p, "error", err)
				s.showMessage(protocol.MessageTypeWarning, "foment-ls: "+err.Error())
			}
			continue
		}
		file = file.Merge(c)
	}
	init, err := settingsFrom(initOptions)
	if err != nil {
		s.showMessage(protocol.MessageTypeWarning, "foment-ls: initializationOptions: "+err.Error())
	}
	dir := ""
	if len(roots) > 0 {
		dir = roots[0]
	}
	s.ws.mu.Lock()
	s.ws.init()
	s.ws.fileCfg, s.ws.initCfg = file, init.Resolved(dir)
	s.ws.libNames = nil
	s.ws.askSettings = askClient
	s.ws.loader = nil
	s.ws.epoch++
	s.ws.mu.Unlock()
}

// settingsFrom decodes settings given as {"libraryPath": …} or nested under "foment-ls" or
// "fomentLs" (a client's configuration section).
func settingsFrom(raw json.RawMessage) (analyzer.Config, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return analyzer.Config{}, nil
	}
	var nested map[string]json.RawMessage
	if json.Unmarshal(raw, &nested) == nil {
		for _, k := range []string{"foment-ls", "fomentLs"} {
			if inner, ok := nested[k]; ok {
				raw = inner
			}
		}
	}
	var c analyzer.Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, err
	}
	// Keys the settings do not know (the client's own, such as fomentLs.path) are ignored;
	// bad values of known keys are reported.
	return analyzer.ParseConfig(raw)
}

// settingsChanged handles workspace/didChangeConfiguration: the settings come with it, or are
// asked for.
func (s *Server) settingsChanged(params json.RawMessage) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	json.Unmarshal(params, &p)
	go s.fetchClientSettings(context.Background(), p.Settings)
}

// fetchClientSettings asks the client for its "fomentLs" settings (workspace/configuration),
// or takes those given, and re-checks the open documents.
func (s *Server) fetchClientSettings(ctx context.Context, given json.RawMessage) {
	s.ws.mu.Lock()
	ask := s.ws.askSettings
	s.ws.mu.Unlock()
	raw := given
	if ask {
		var res []json.RawMessage
		params := map[string]any{"items": []map[string]any{{"section": "fomentLs"}}}
		if _, err := s.conn.Call(ctx, "workspace/configuration", params, &res); err == nil && len(res) > 0 {
			raw = res[0]
		}
	}
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	c, err := settingsFrom(raw)
	if err != nil {
		s.showMessage(protocol.MessageTypeWarning, "foment-ls: settings: "+err.Error())
		return
	}
	s.mu.Lock()
	dir := ""
	if len(s.roots) > 0 {
		dir = s.roots[0]
	}
	s.mu.Unlock()
	s.ws.mu.Lock()
	s.ws.clientCfg = c.Resolved(dir)
	s.ws.loader = nil
	s.ws.libNames = nil
	s.ws.epoch++
	s.ws.mu.Unlock()
	s.recheckAll()
	s.startIndex()
}

func (s *Server) showMessage(t protocol.MessageType, msg string) {
	if s.conn != nil {
		s.conn.Notify(context.Background(), "window/showMessage", protocol.ShowMessageParams{Type: t, Message: msg})
	}
}

// recheckAll re-analyses every open document (settings changed).
func (s *Server) recheckAll() {
	s.mu.Lock()
	s.disk = map[string]*snapshot{}
	var us []protocol.DocumentURI
	for u, d := range s.docs {
		d.superseded.Store(true)
		s.docs[u] = newSnapshot(u, d.version, d.text)
		s.docs[u].epoch = s.epoch()
		us = append(us, u)
	}
	s.mu.Unlock()
	for _, u := range us {
		s.schedule(u, 0)
	}
}

// fileChanged is called (s.mu held) when a file's text changes: what was read of it is
// forgotten, and the analyses that read it are dropped. It returns the open documents to
// re-check.
func (s *Server) fileChanged(path string) []protocol.DocumentURI {
	s.ws.mu.Lock()
	s.ws.init()
	loader := s.ws.loader
	if isLibraryPath(path) {
		s.ws.libNames = nil
	}
	var stale []string
	for f, deps := range s.ws.deps {
		if f != path && contains(deps, path) {
			stale = append(stale, f)
		}
	}
	s.ws.mu.Unlock()
	if loader != nil {
		loader.Forget(append(stale, path)...)
	}
	var out []protocol.DocumentURI
	for _, f := range stale {
		delete(s.disk, f)
		for u, d := range s.docs {
			if d.path == f {
				d.superseded.Store(true)
				s.docs[u] = newSnapshot(u, d.version, d.text)
				s.docs[u].epoch = s.epoch()
				out = append(out, u)
			}
		}
	}
	delete(s.disk, path)
	return out
}

// forgetAll drops everything read from disk (files saved or changed outside the editor).
func (s *Server) forgetAll() {
	s.ws.mu.Lock()
	s.ws.loader = nil
	s.ws.libNames = nil
	s.ws.epoch++
	s.ws.mu.Unlock()
}

// maxLibraryFiles bounds the library files read to list the workspace's libraries.
const maxLibraryFiles = 2000

// userLibraries returns the libraries defined by the .sld and .sls files under the workspace
// folders and the library path, by name, with their files.
func (s *Server) userLibraries() map[string]string {
	s.ws.mu.Lock()
	names := s.ws.libNames
	s.ws.mu.Unlock()
	if names != nil {
		return names
	}
	names = map[string]string{}
	n := 0
	for _, root := range s.workspaceLoader().Roots {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || n >= maxLibraryFiles {
				return filepath.SkipDir
			}
			if d.IsDir() {
				if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !isLibraryPath(p) {
				return nil
			}
			n++
			if snap := s.diskOrOpen(p); snap != nil {
				for _, f := range syntax.Parse(p, snap.text).Data {
					if f.Head() == "define-library" && len(f.Elems) > 1 && f.Elems[1].Kind == syntax.List {
						var parts []string
						for _, e := range f.Elems[1].Elems {
							parts = append(parts, e.String())
						}
						if name := strings.Join(parts, " "); names[name] == "" {
							names[name] = p
						}
					}
				}
			}
			return nil
		})
	}
	s.ws.mu.Lock()
	s.ws.libNames = names
	s.ws.mu.Unlock()
	return names
}

// analyze computes a snapshot's analysis once. A file made to be included is analysed where it
// is included, so that the names of the including file (its imports, its definitions) are in
// scope and its problems are those the program has.
func (s *Server) analyze(snap *snapshot) (*syntax.File, *analyzer.Result) {
	snap.once.Do(func() {
		if f := s.beforeAnalysis.Load(); f != nil {
			(*f)(snap.path)
		}
		loader := s.fileLoader()
		var f *syntax.File
		var prev *analyzer.Result
		if b := snap.base.Load(); b != nil && b.done.Load() && b.epoch == s.epoch() && !contains(b.own.Deps, snap.path) {
			// Only what the edits since b touched is read and analysed again.
			f, prev = syntax.Reparse(b.own.File, snap.text), b.own
		} else {
			// The whole file: a burst of data, most of which the analysis keeps.
			if Burst != nil {
				defer Burst()()
			}
			f = syntax.ParseEditable(snap.path, snap.text)
		}
		snap.base.Store(nil) // older versions are not kept alive
		own := analyzer.Analyze(f, analyzer.Options{Loader: loader, Library: isLibraryPath(snap.path), Prev: prev, DeferFlow: true})
		res := own
		deps := res.Deps
		if res.Fragment {
			if top, ctx := s.includerAnalysis(snap.path, loader); ctx != nil {
				if v := ctx.View(snap.path); v != nil {
					res = v
					deps = append(append([]string{top}, ctx.Deps...), deps...)
				}
			}
		}
		snap.own, snap.res, snap.file = own, res, res.File
		s.ws.mu.Lock()
		s.ws.init()
		s.ws.deps[snap.path] = deps
		s.ws.mu.Unlock()
		snap.done.Store(true)
		snap.prior.Store(nil)
	})
	return snap.file, snap.res
}

func isLibraryPath(p string) bool {
	return strings.HasSuffix(p, ".sld") || strings.HasSuffix(p, ".sls")
}

// includerAnalysis analyses the outermost file that includes path (following includers up),
// or returns nil when nothing includes it.
func (s *Server) includerAnalysis(path string, loader *analyzer.FileLoader) (string, *analyzer.Result) {
	top := path
	seen := map[string]bool{path: true}
	for {
		incs := s.includersOf(top)
		if len(incs) == 0 || seen[incs[0]] {
			break
		}
		top = incs[0]
		seen[top] = true
	}
	if top == path {
		return "", nil
	}
	snap := s.diskOrOpen(top)
	if snap == nil {
		return "", nil
	}
	// Not snap's own cached analysis: that one may be waiting for this one (a cycle).
	f := syntax.Parse(snap.path, snap.text)
	return top, analyzer.Analyze(f, analyzer.Options{Loader: loader, Library: isLibraryPath(top)})
}

// includersOf returns the open documents and workspace files that include path, open ones
// first.
func (s *Server) includersOf(path string) []string {
	var open, disk []string
	isOpen := s.openPaths()
	if entries := s.indexBuilt(); entries != nil {
		// The open documents' texts, and the index for the other files.
		for _, snap := range s.openDocs() {
			if snap.path != path && contains(s.includeTargets(snap), path) {
				open = append(open, snap.path)
			}
		}
		for p, e := range entries {
			if p != path && !isOpen[p] && contains(e.includes, path) {
				disk = append(disk, p)
			}
		}
		sort.Strings(open)
		sort.Strings(disk)
		return append(open, disk...)
	}
	// While the workspace is being indexed, its files are read for their includes.
	for _, snap := range s.workspaceFiles() {
		if snap.path == path || !contains(s.includeTargets(snap), path) {
			continue
		}
		if isOpen[snap.path] {
			open = append(open, snap.path)
		} else {
			disk = append(disk, snap.path)
		}
	}
	return append(open, disk...)
}

// includeTargets returns the files a file includes anywhere in its text (cached by text).
func (s *Server) includeTargets(snap *snapshot) []string {
	s.ws.mu.Lock()
	s.ws.init()
	sc, ok := s.ws.scans[snap.path]
	s.ws.mu.Unlock()
	if ok && bytes.Equal(sc.text, snap.text) {
		return sc.targets
	}
	var targets []string
	if bytes.Contains(snap.text, []byte("include")) {
		var walk func(ds []*syntax.Datum)
		walk = func(ds []*syntax.Datum) {
			for _, d := range ds {
				switch d.Head() {
				case "include", "include-ci", "include-library-declarations":
					for _, e := range d.Elems[1:] {
						if e.Kind == syntax.String {
							name := e.Text
							if !filepath.IsAbs(name) {
								name = filepath.Join(filepath.Dir(snap.path), name)
							}
							targets = append(targets, filepath.Clean(name))
						}
					}
				}
				walk(d.Elems)
			}
		}
		walk(syntax.Parse(snap.path, snap.text).Data)
	}
	s.ws.mu.Lock()
	s.ws.scans[snap.path] = includeScan{snap.text, targets}
	s.ws.mu.Unlock()
	return targets
}

// inWorkspace reports whether a path is under a workspace root or open: diagnostics of other
// files are summarised, never quoted.
func (s *Server) inWorkspace() func(string) bool {
	open := s.openPaths()
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	return func(p string) bool {
		if open[p] {
			return true
		}
		for _, r := range roots {
			if rel, err := filepath.Rel(r, p); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				return true
			}
		}
		return false
	}
}

// diagnostics returns what a document's analysis reports, by file, with the settings'
// severities, files outside the workspace summarised.
func (s *Server) diagnostics(snap *snapshot, res *analyzer.Result) map[string][]analyzer.Diagnostic {
	out := map[string][]analyzer.Diagnostic{}
	for _, d := range s.config().Apply(res.Confine(s.inWorkspace())) {
		out[d.File] = append(out[d.File], d)
	}
	if res.File.Name != snap.path {
		// Seen from an included file: the including file reports its own problems.
		return map[string][]analyzer.Diagnostic{snap.path: out[snap.path]}
	}
	return out
}

// publishSnapshot publishes a document's diagnostics, and those of the files it includes that
// are not open on their own URIs.
func (s *Server) publishSnapshot(u protocol.DocumentURI, snap *snapshot, res *analyzer.Result, extra []analyzer.Diagnostic) {
	byFile := s.diagnostics(snap, res)
	if len(extra) > 0 {
		byFile[snap.path] = mergeDiags(byFile[snap.path], extra)
	}
	type pub struct {
		u     protocol.DocumentURI
		diags []protocol.Diagnostic
	}
	var pubs []pub
	own := make([]protocol.Diagnostic, 0, len(byFile[snap.path]))
	for _, d := range byFile[snap.path] {
		own = append(own, s.toDiagnostic(snap, res, d))
	}
	pubs = append(pubs, pub{u, own})
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	open := map[string]bool{}
	for _, d := range s.docs {
		open[d.path] = true
	}
	current := s.docs[u] == snap
	s.mu.Unlock()
	if !current {
		return // a newer version is on its way
	}
	others := map[protocol.DocumentURI]bool{}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if f == snap.path || open[f] {
			continue
		}
		other := s.diskOrOpen(f)
		if other == nil {
			continue
		}
		ds := make([]protocol.Diagnostic, 0, len(byFile[f]))
		for _, d := range byFile[f] {
			ds = append(ds, s.toDiagnostic(other, res, d))
		}
		pubs = append(pubs, pub{other.uri, ds})
		others[other.uri] = true
	}
	s.ws.mu.Lock()
	s.ws.init()
	for old := range s.ws.publishedTo[u] {
		if !others[old] && !open[uriPath(old)] {
			pubs = append(pubs, pub{old, []protocol.Diagnostic{}})
		}
	}
	s.ws.publishedTo[u] = others
	s.ws.mu.Unlock()
	for _, p := range pubs {
		params := protocol.PublishDiagnosticsParams{URI: p.u, Diagnostics: p.diags}
		if p.u == u {
			params.Version = uint32(snap.version)
		}
		s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", params)
	}
}

// closed clears the diagnostics a closed document published on other files.
func (s *Server) closed(u protocol.DocumentURI) {
	s.ws.mu.Lock()
	others := s.ws.publishedTo[u]
	delete(s.ws.publishedTo, u)
	s.ws.mu.Unlock()
	for o := range others {
		s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: o, Diagnostics: []protocol.Diagnostic{}})
	}
}

// relatedInformation turns the related locations of a diagnostic res found into LSP's.
func (s *Server) relatedInformation(res *analyzer.Result, d analyzer.Diagnostic) []protocol.DiagnosticRelatedInformation {
	var out []protocol.DiagnosticRelatedInformation
	for _, r := range d.Related {
		snap := s.diskOrOpen(r.File)
		if snap == nil {
			continue
		}
		out = append(out, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: snap.uri, Range: s.rangeOf(snap.lines, res.TextSpan(r.File, r.Span.Extent()))}, Message: r.Message})
	}
	return out
}

func fileURI(path string) protocol.DocumentURI { return protocol.DocumentURI(uri.File(path)) }
