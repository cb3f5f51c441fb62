// Package lsp is the language server: go.lsp.dev/protocol types over go.lsp.dev/jsonrpc2, with
// the analyzer behind every feature. It never runs user code and never dies: every request
// recovers from panics, malformed messages get error responses, cancellation is honoured.
package lsp

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"foment-ls/analyzer"
	"foment-ls/srcfile"
	"foment-ls/syntax"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Version is reported in initialize's serverInfo.
var Version = "dev"

// Server is one language server connection.
type Server struct {
	conn jsonrpc2.Conn
	log  *slog.Logger

	mu    sync.Mutex
	docs  map[protocol.DocumentURI]*snapshot // open documents
	disk  map[string]*snapshot               // workspace files that are not open, by path
	roots []string
	utf8  bool // positions count UTF-8 bytes (negotiated); UTF-16 otherwise
	// resolveDocs: the client asks for the documentation of a completion item when it shows
	// it (completionItem/resolve), rather than with the list. workDone: it shows work done
	// ($/progress).
	resolveDocs bool
	workDone    bool
	index       wsIndex        // the workspace's files (index.go)
	indexing    sync.WaitGroup // the goroutines indexing
	debounce    map[protocol.DocumentURI]*time.Timer
	lastChange  map[protocol.DocumentURI]time.Time
	// pubMu orders the diagnostics sent: a document's are sent only while it is current, so
	// those of an older version never follow a newer one's.
	pubMu sync.Mutex
	// flowSeen: for each document, the diagnostics of the last flow analysis made of it,
	// shown again, until the next is made, where the text did not change (flowdiags.go);
	// flowTimers and flowQueued: flow analyses waiting for a pause in the edits, or for a
	// worker.
	flowSeen   map[protocol.DocumentURI]flowNote
	flowTimers map[protocol.DocumentURI]*time.Timer
	flowQueued map[protocol.DocumentURI]bool
	// FlowDelay is the pause in a document's edits after which its flow analysis is made.
	FlowDelay time.Duration
	ws        workspace           // the loader, settings and dependencies of files (workspace.go)
	semPrev   map[string][]uint32 // semantic tokens by result id, for deltas
	semNext   int
	// Delay before diagnostics are published after a change.
	Debounce time.Duration
	dispatcher
}

// snapshot is one version of a document: its text and, computed once on demand, its analysis.
// A snapshot never changes once its analysis is made; an edit makes a new one, whose analysis
// starts from the last analysed version's (base): the forms the edit did not touch are not
// read or analysed again (syntax.Reparse, analyzer.Options.Prev).
type snapshot struct {
	uri     protocol.DocumentURI
	path    string
	version int32
	text    []byte
	lines   *syntax.LineIndex
	// base is an earlier version of the document, analysed or being analysed, and epoch the
	// workspace's epoch (workspace.go) when the snapshot was made: an analysis starts from
	// base's when nothing else changed since.
	base  atomic.Pointer[snapshot]
	epoch uint64
	// changed: the text the edits since base changed (set with base); prior: base while its
	// analysis is made and this one's is not, for the requests that may answer from it
	// (completion.go's quickAnalysis).
	changed textEdit
	prior   atomic.Pointer[snapshot]

	once sync.Once
	done atomic.Bool
	kept atomic.Int32 // diagnostics of an earlier flow analysis published with its own (flowdiags.go)
	// superseded: a newer version of the document came, or it was closed; its flow analysis,
	// if it runs, stops (runFlow).
	superseded atomic.Bool
	// opened: the version didOpen gave, which nobody has typed in yet.
	opened bool
	own    *analyzer.Result // the analysis of this text, which the next version's starts from
	// file and res are what features see: own and its file, or, for a file made to be
	// included, own seen from the file that includes it.
	file *syntax.File
	res  *analyzer.Result
}

// analysis returns a snapshot's analysis, made at the first call. Spans of the analysed file
// are in its datum space: res.TextSpan maps them to the text, res.File.DatumOffset a text
// offset to them.
func (s *Server) analysis(snap *snapshot) (*syntax.File, *analyzer.Result) {
	return s.analyze(snap)
}

func newSnapshot(u protocol.DocumentURI, version int32, text []byte) *snapshot {
	return newSnapshotLines(u, version, text, syntax.NewLineIndex(text))
}

func newSnapshotLines(u protocol.DocumentURI, version int32, text []byte, lines *syntax.LineIndex) *snapshot {
	return &snapshot{uri: u, path: uriPath(u), version: version, text: text, lines: lines}
}

// edited returns the snapshot of an edit of old (changed: the text the edit changed): its
// analysis may start from old's, or from the version old's would have started from when old's
// is not made (a burst of changes).
func (s *Server) edited(old *snapshot, version int32, text []byte, lines *syntax.LineIndex, changed textEdit) *snapshot {
	snap := newSnapshotLines(old.uri, version, text, lines)
	snap.epoch = s.epoch()
	base := old
	if !old.done.Load() {
		base = old.base.Load()
		changed = old.changed.then(changed)
	}
	if base != nil && base.epoch == snap.epoch {
		snap.base.Store(base)
		snap.changed = changed
		if base.done.Load() {
			snap.prior.Store(base)
		}
	}
	return snap
}

// textEdit is the text an edit changed: [start, end) of the older text became [start, newEnd)
// of the newer (ok: known).
type textEdit struct {
	start, end, newEnd int
	ok                 bool
}

// then composes two edits made one after the other into one.
func (e textEdit) then(f textEdit) textEdit {
	if !e.ok || !f.ok {
		return textEdit{}
	}
	hi := max(e.newEnd, f.end) // in the text between
	return textEdit{min(e.start, f.start), hi - (e.newEnd - e.end), hi + (f.newEnd - f.end), true}
}

// back maps an offset of the newer text to the older: inside the changed text, to the nearest
// offset of the older text's change.
func (e textEdit) back(off int) int {
	switch {
	case off <= e.start:
		return off
	case off >= e.newEnd:
		return off - (e.newEnd - e.end)
	}
	return e.start + min(off-e.start, e.end-e.start)
}

// forth maps an offset of the older text to the newer.
func (e textEdit) forth(off int) int {
	switch {
	case off <= e.start:
		return off
	case off >= e.end:
		return off + (e.newEnd - e.end)
	}
	return e.start + min(off-e.start, e.newEnd-e.start)
}

func uriPath(u protocol.DocumentURI) string {
	if strings.HasPrefix(string(u), "file://") {
		return uri.URI(u).Filename()
	}
	return string(u)
}

func (s *Server) fileLoader() *analyzer.FileLoader { return s.workspaceLoader() }

// overlay gives the loader the text of open documents.
func (s *Server) overlay(path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			return d.text, true
		}
	}
	return nil, false
}

// requests are the request handlers by method.
var requests = map[string]func(s *Server, ctx context.Context, params json.RawMessage) (any, error){}

func (s *Server) notification(ctx context.Context, method string, params json.RawMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in notification", "method", method, "panic", r, "stack", string(debug.Stack()))
		}
	}()
	switch method {
	case "initialized":
		go s.fetchClientSettings(context.Background(), nil)
		s.startIndex()
	case "exit":
		s.mu.Lock()
		code := 1
		if s.state == stateShutdown {
			code = 0
		}
		s.mu.Unlock()
		select {
		case s.exited <- code:
		default:
		}
	case "$/cancelRequest":
		var p struct {
			ID jsonrpc2.ID `json:"id"`
		}
		if json.Unmarshal(params, &p) == nil && s.cancel != nil {
			s.cancel(p.ID)
		}
	case "textDocument/didOpen":
		var p protocol.DidOpenTextDocumentParams
		if !fastOpenParams(params, &p) {
			p = protocol.DidOpenTextDocumentParams{}
			if json.Unmarshal(params, &p) != nil {
				return
			}
		}
		snap := newSnapshot(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
		snap.opened = true
		snap.epoch = s.epoch() // the next version's analysis may start from this one's
		s.mu.Lock()
		if old := s.docs[p.TextDocument.URI]; old != nil {
			old.superseded.Store(true)
		}
		s.docs[p.TextDocument.URI] = snap
		stale := s.fileChanged(snap.path)
		s.mu.Unlock()
		s.schedule(p.TextDocument.URI, 0)
		s.scheduleAll(stale)
		s.indexChanged(snap.path)
	case "textDocument/didChange":
		var p didChangeParams
		if !fastChangeParams(params, &p) {
			p = didChangeParams{}
			if json.Unmarshal(params, &p) != nil {
				return
			}
		}
		s.mu.Lock()
		old := s.docs[p.TextDocument.URI]
		if old == nil {
			s.mu.Unlock()
			return
		}
		text, lines := old.text, old.lines
		var changed textEdit
		for i, ch := range p.ContentChanges {
			var e textEdit
			text, lines, e = s.applyChange(text, lines, ch)
			if i == 0 {
				changed = e
			} else {
				changed = changed.then(e)
			}
		}
		s.docs[p.TextDocument.URI] = s.edited(old, p.TextDocument.Version, text, lines, changed)
		old.superseded.Store(true)
		stale := s.fileChanged(old.path)
		s.mu.Unlock()
		// At once: an analysis after an edit is quick, and changes that come while one runs
		// wait for it together (queuePublish).
		s.schedule(p.TextDocument.URI, 0)
		s.scheduleAll(stale)
		s.indexDependents(old.path)
	case "textDocument/didClose":
		var p protocol.DidCloseTextDocumentParams
		if json.Unmarshal(params, &p) != nil {
			return
		}
		s.pubMu.Lock()
		s.mu.Lock()
		if old := s.docs[p.TextDocument.URI]; old != nil {
			old.superseded.Store(true)
		}
		delete(s.docs, p.TextDocument.URI)
		if t := s.debounce[p.TextDocument.URI]; t != nil {
			t.Stop()
		}
		if t := s.flowTimers[p.TextDocument.URI]; t != nil {
			t.Stop()
		}
		delete(s.flowSeen, p.TextDocument.URI)
		stale := s.fileChanged(uriPath(p.TextDocument.URI))
		s.mu.Unlock()
		s.conn.Notify(ctx, "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
		s.pubMu.Unlock()
		s.closed(p.TextDocument.URI)
		s.scheduleAll(stale)
		s.indexChanged(uriPath(p.TextDocument.URI))
	case "workspace/didChangeConfiguration":
		s.settingsChanged(params)
	case "textDocument/didSave", "workspace/didChangeWatchedFiles", "$/setTrace":
		s.mu.Lock()
		s.forgetAll()
		s.disk = map[string]*snapshot{}
		s.mu.Unlock()
		// The files the notification names changed on disk; without names, any may have.
		var p struct {
			TextDocument struct {
				URI protocol.DocumentURI `json:"uri"`
			} `json:"textDocument"`
			Changes []struct {
				URI protocol.DocumentURI `json:"uri"`
			} `json:"changes"`
		}
		json.Unmarshal(params, &p)
		var paths []string
		if p.TextDocument.URI != "" {
			paths = append(paths, uriPath(p.TextDocument.URI))
		}
		for _, c := range p.Changes {
			paths = append(paths, uriPath(c.URI))
		}
		if method == "workspace/didChangeWatchedFiles" && len(paths) == 0 {
			s.startIndex()
		} else if len(paths) > 0 {
			s.indexChanged(paths...)
		}
	}
}

// scheduleAll re-checks documents whose analysis another file's change made stale.
func (s *Server) scheduleAll(us []protocol.DocumentURI) {
	for _, u := range us {
		s.schedule(u, s.Debounce)
	}
}

// didChangeParams: protocol v0.12 has no way to tell a whole-text change (no range) from a
// change at 0:0, so the changes are decoded with an optional range.
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []struct {
		Range *protocol.Range `json:"range"`
		Text  string          `json:"text"`
	} `json:"contentChanges"`
}

func (s *Server) applyChange(text []byte, lines *syntax.LineIndex, ch struct {
	Range *protocol.Range `json:"range"`
	Text  string          `json:"text"`
}) ([]byte, *syntax.LineIndex, textEdit) {
	if ch.Range == nil {
		out := []byte(ch.Text)
		return out, syntax.NewLineIndex(out), textEdit{0, len(text), len(out), true}
	}
	start, end := s.offset(lines, ch.Range.Start), s.offset(lines, ch.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(ch.Text))
	out = append(out, text[:start]...)
	out = append(out, ch.Text...)
	out = append(out, text[end:]...)
	return out, lines.Edited(out, start, end, start+len(ch.Text)), textEdit{start, end, start + len(ch.Text), true}
}

func (s *Server) publish(u protocol.DocumentURI) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic publishing diagnostics", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	snap := s.doc(u)
	if snap == nil {
		return
	}
	_, res := s.analysis(snap)
	if !res.FlowDeferred() {
		s.publishSnapshot(u, snap, res, nil)
		return
	}
	// The flow analysis reads the whole file: first the scope analysis's diagnostics, with
	// those the flow analysis found in the text that did not change since (flowdiags.go); all
	// of them once the edits pause.
	kept := s.keptFlow(u, res)
	snap.kept.Store(int32(len(kept)))
	s.publishSnapshot(u, snap, res, kept)
	if snap.opened && !s.flowMade(u) {
		// A document just opened: nobody is typing, so its flow analysis comes at once. Once
		// an edit has come, it waits for a pause like any other: made at once after every
		// edit, each superseded by the next, it took a worker and a core from the requests
		// for as long as the typing went on (completion waited up to 17 ms behind it).
		s.queueFlow(u)
		return
	}
	s.scheduleFlow(u)
}

// runFlow makes the flow analysis of a document's current version and publishes its
// diagnostics, unless they are those already published.
func (s *Server) runFlow(u protocol.DocumentURI) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic publishing diagnostics", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	s.mu.Lock()
	delete(s.flowQueued, u)
	s.mu.Unlock()
	if s.beforeFlow != nil {
		s.beforeFlow(u)
	}
	snap := s.doc(u)
	if snap == nil || !s.current(u, snap) {
		return
	}
	_, res := s.analysis(snap)
	if !res.FlowDeferred() {
		return
	}
	// It stops when a newer version comes: that version's own is made once the edits pause.
	full := res.FlowUnless(snap.superseded.Load)
	if full == nil {
		return
	}
	s.noteFlow(u, res, full)
	if len(full.Diags) == len(res.Diags) && snap.kept.Load() == 0 {
		return // the same diagnostics
	}
	s.publishSnapshot(u, snap, full, nil)
}

// current reports whether a snapshot is a document's current version.
func (s *Server) current(u protocol.DocumentURI, snap *snapshot) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[u] == snap
}

// toDiagnostic turns a diagnostic res found in the file of snap into LSP's.
func (s *Server) toDiagnostic(snap *snapshot, res *analyzer.Result, d analyzer.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{Range: s.rangeOf(snap.lines, res.TextSpan(d.File, d.Span.Extent())), Severity: protocol.DiagnosticSeverity(d.Severity),
		Code: d.Code, Source: "foment-ls", Message: d.Message}
	if d.Unnecessary {
		pd.Tags = []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}
	}
	pd.RelatedInformation = s.relatedInformation(res, d)
	return pd
}

// doc returns the current snapshot of an open document, or of a workspace file.
func (s *Server) doc(u protocol.DocumentURI) *snapshot {
	s.mu.Lock()
	snap := s.docs[u]
	s.mu.Unlock()
	if snap != nil {
		return snap
	}
	return s.diskFile(uriPath(u))
}

// diskFile returns a workspace file that is not open.
func (s *Server) diskFile(path string) *snapshot {
	s.mu.Lock()
	snap := s.disk[path]
	s.mu.Unlock()
	if snap != nil {
		return snap
	}
	// A workspace file may be anything: a FIFO, /dev/zero behind a link, a 1 GB log.
	text, err := srcfile.Read(path, srcfile.Limits{MaxSize: s.config().MaxFileSize})
	if err != nil {
		return nil
	}
	snap = newSnapshot(protocol.DocumentURI(uri.File(path)), 0, text)
	s.mu.Lock()
	s.disk[path] = snap
	s.mu.Unlock()
	return snap
}

// workspaceFiles returns every open document and every .scm/.sld/.sls file under the roots.
func (s *Server) workspaceFiles() []*snapshot {
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	open := map[string]*snapshot{}
	for _, d := range s.docs {
		open[d.path] = d
	}
	s.mu.Unlock()
	var out []*snapshot
	seen := map[string]bool{}
	for _, d := range open {
		out = append(out, d)
		seen[d.path] = true
	}
	for _, root := range roots {
		n := 0
		filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if de.IsDir() && (strings.HasPrefix(de.Name(), ".") && p != root || de.Name() == "node_modules") {
				return filepath.SkipDir
			}
			switch filepath.Ext(p) {
			case ".scm", ".sld", ".sls":
				n++
				if n > 5000 || seen[p] {
					return nil
				}
				seen[p] = true
				if snap := s.diskFile(p); snap != nil {
					out = append(out, snap)
				}
			}
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

func unmarshal(params json.RawMessage, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "bad parameters: %v", err)
	}
	return nil
}

// document decodes a request's parameters into p and returns the document they name (nil, with
// the decoding error if any, when there is none).
func (s *Server) document(params json.RawMessage, p any) (*snapshot, error) {
	if err := unmarshal(params, p); err != nil {
		return nil, err
	}
	var probe struct {
		TextDocument struct {
			URI protocol.DocumentURI `json:"uri"`
		} `json:"textDocument"`
	}
	json.Unmarshal(params, &probe)
	return s.doc(probe.TextDocument.URI), nil
}
