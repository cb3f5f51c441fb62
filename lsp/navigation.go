package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"foment-ls/catalog"
	"sort"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/srcfile"
	"foment-ls/syntax"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func init() {
	requests["textDocument/definition"] = (*Server).definition
	requests["textDocument/references"] = (*Server).references
	requests["textDocument/documentHighlight"] = (*Server).highlight
	requests["textDocument/prepareRename"] = (*Server).prepareRename
	requests["textDocument/rename"] = (*Server).rename
}

// defKey identifies a definition across analyses of the same text: its file, where its name
// is in that file's text, and its name.
type defKey struct {
	file   string
	offset int
	name   string
}

// keyOf returns the key of a definition res found.
func keyOf(res *analyzer.Result, d *analyzer.Def) defKey {
	return defKey{d.File, int(res.TextSpan(d.File, d.Span).Start), d.Name}
}

// target returns the user definition at a position (under a reference or on its name), and the
// analysis that found it.
func (s *Server) target(u protocol.DocumentURI, pos protocol.Position) (*snapshot, *analyzer.Result, *analyzer.Def) {
	snap := s.doc(u)
	if snap == nil {
		return nil, nil, nil
	}
	_, res := s.analysis(snap)
	_, def := res.At(res.File.DatumOffset(s.offset(snap.lines, pos)))
	return snap, res, def
}

func (s *Server) location(res *analyzer.Result, d *analyzer.Def) (protocol.Location, bool) {
	snap := s.diskOrOpen(d.File)
	if snap == nil {
		return protocol.Location{}, false
	}
	return protocol.Location{URI: snap.uri, Range: s.rangeOf(snap.lines, res.TextSpan(d.File, d.Span))}, true
}

// diskOrOpen returns the snapshot of a file by path: the open document if there is one.
func (s *Server) diskOrOpen(path string) *snapshot {
	s.mu.Lock()
	for _, d := range s.docs {
		if d.path == path {
			s.mu.Unlock()
			return d
		}
	}
	s.mu.Unlock()
	return s.diskFile(path)
}

func (s *Server) definition(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DefinitionParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	if loc, ok := s.libraryDefinition(p.TextDocument.URI, p.Position); ok {
		return []protocol.Location{loc}, nil
	}
	_, res, def := s.target(p.TextDocument.URI, p.Position)
	if def == nil {
		return nil, nil
	}
	if loc, ok := s.location(res, def); ok {
		return []protocol.Location{loc}, nil
	}
	return nil, nil
}

// occurrences returns every occurrence of a definition: in its file, and, for top-level
// definitions, in every workspace file that can see it (through includes and libraries): the
// open documents' analyses tell, and the workspace index the other files'.
func (s *Server) occurrences(ctx context.Context, snap *snapshot, dres *analyzer.Result, def *analyzer.Def, withDecl bool) map[protocol.DocumentURI][]protocol.Range {
	out := map[protocol.DocumentURI][]protocol.Range{}
	key := keyOf(dres, def)
	files := []*snapshot{snap}
	if def.TopLevel {
		files = s.openDocs()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		_, res := s.analysis(f)
		seen := map[int]bool{}
		for _, r := range res.Refs {
			if r.Def != nil && keyOf(res, r.Def) == key && !seen[int(r.Span.Start)] {
				seen[int(r.Span.Start)] = true
				out[f.uri] = append(out[f.uri], s.rangeOf(f.lines, res.TextSpan(r.File(), r.Span)))
			}
		}
		if withDecl && f.path == def.File {
			out[f.uri] = append(out[f.uri], s.rangeOf(f.lines, dres.TextSpan(def.File, def.Span)))
		}
	}
	if !def.TopLevel {
		return out
	}
	for path, e := range s.indexed(ctx) {
		rs := e.refs[key]
		seen := map[protocol.Range]bool{}
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				out[e.uri] = append(out[e.uri], r)
			}
		}
		if withDecl && path == def.File {
			for _, d := range e.defs {
				if d.key == key {
					out[e.uri] = append(out[e.uri], d.sel)
				}
			}
		}
	}
	return out
}

// openDocs returns the open documents' snapshots, by path.
func (s *Server) openDocs() []*snapshot {
	s.mu.Lock()
	out := make([]*snapshot, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, d)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// openPaths returns the paths of the open documents.
func (s *Server) openPaths() map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	open := make(map[string]bool, len(s.docs))
	for _, d := range s.docs {
		open[d.path] = true
	}
	return open
}

// builtinAt returns the builtin that the identifier at a position names (nil if none: a user
// definition, or no identifier).
func (s *Server) builtinAt(snap *snapshot, pos protocol.Position) *catalog.Entry {
	if snap == nil {
		return nil
	}
	_, res := s.analysis(snap)
	if ref, _ := res.At(res.File.DatumOffset(s.offset(snap.lines, pos))); ref != nil && ref.Def == nil {
		return ref.Entry
	}
	return nil
}

// builtinUses returns the uses of a builtin in files: where a name means it (a user definition
// of the same name is another thing).
func (s *Server) builtinUses(ctx context.Context, files []*snapshot, e *catalog.Entry) map[protocol.DocumentURI][]protocol.Range {
	out := map[protocol.DocumentURI][]protocol.Range{}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		_, res := s.analysis(f)
		for _, r := range res.Refs {
			if r.Def == nil && r.Entry == e && r.File() == f.path {
				out[f.uri] = append(out[f.uri], s.rangeOf(f.lines, res.TextSpan(r.File(), r.Span)))
			}
		}
	}
	return out
}

// libraryDefinition: on the name of a user library in an import, its define-library form.
func (s *Server) libraryDefinition(u protocol.DocumentURI, pos protocol.Position) (protocol.Location, bool) {
	snap := s.doc(u)
	if snap == nil {
		return protocol.Location{}, false
	}
	_, res := s.analysis(snap)
	off := res.File.DatumOffset(s.offset(snap.lines, pos))
	for _, imp := range res.Imports {
		if imp.File != snap.path || imp.Lib == nil || !imp.Span.Contains(off) {
			continue
		}
		// On the library's name, not on an identifier of (only (lib) a b).
		if ref, _ := res.At(off); ref != nil {
			continue
		}
		lib := s.diskOrOpen(imp.Lib.File)
		if lib == nil {
			continue
		}
		return protocol.Location{URI: lib.uri, Range: s.rangeOf(lib.lines, res.TextSpan(imp.Lib.File, imp.Lib.Span.Extent()))}, true
	}
	return protocol.Location{}, false
}

func (s *Server) references(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.ReferenceParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	snap, res, def := s.target(p.TextDocument.URI, p.Position)
	var occ map[protocol.DocumentURI][]protocol.Range
	switch {
	case def != nil:
		occ = s.occurrences(ctx, snap, res, def, p.Context.IncludeDeclaration)
	case snap != nil:
		e := s.builtinAt(snap, p.Position)
		if e == nil {
			return []protocol.Location{}, nil
		}
		occ = s.builtinUses(ctx, s.workspaceFiles(), e)
	default:
		return []protocol.Location{}, nil
	}
	var out []protocol.Location
	for u, rs := range occ {
		for _, r := range rs {
			out = append(out, protocol.Location{URI: u, Range: r})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].URI != out[j].URI {
			return out[i].URI < out[j].URI
		}
		a, b := out[i].Range.Start, out[j].Range.Start
		return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
	})
	if out == nil {
		out = []protocol.Location{}
	}
	return out, nil
}

func (s *Server) highlight(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentHighlightParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	snap, res, def := s.target(p.TextDocument.URI, p.Position)
	if def == nil {
		var out []protocol.DocumentHighlight
		if e := s.builtinAt(snap, p.Position); e != nil {
			for _, r := range s.builtinUses(ctx, []*snapshot{snap}, e)[snap.uri] {
				out = append(out, protocol.DocumentHighlight{Range: r, Kind: protocol.DocumentHighlightKindRead})
			}
		}
		if out == nil {
			out = []protocol.DocumentHighlight{}
		}
		return out, nil
	}
	key := keyOf(res, def)
	var out []protocol.DocumentHighlight
	if def.File == snap.path {
		out = append(out, protocol.DocumentHighlight{Range: s.rangeOf(snap.lines, res.TextSpan(def.File, def.Span)), Kind: protocol.DocumentHighlightKindWrite})
	}
	for _, r := range res.Refs {
		if r.Def != nil && keyOf(res, r.Def) == key {
			kind := protocol.DocumentHighlightKindRead
			if r.Write() {
				kind = protocol.DocumentHighlightKindWrite
			}
			out = append(out, protocol.DocumentHighlight{Range: s.rangeOf(snap.lines, res.TextSpan(r.File(), r.Span)), Kind: kind})
		}
	}
	return out, nil
}

func (s *Server) prepareRename(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.PrepareRenameParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	_, res := s.analysis(snap)
	off := res.File.DatumOffset(s.offset(snap.lines, p.Position))
	ref, def := res.At(off)
	if def == nil {
		if ref != nil && ref.Entry != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, ref.Name+" is a builtin: it cannot be renamed")
		}
		return nil, nil
	}
	span := res.TextSpan(def.File, def.Span)
	if ref != nil {
		span = res.TextSpan(ref.File(), ref.Span)
	}
	return map[string]any{"range": s.rangeOf(snap.lines, span), "placeholder": def.Name}, nil
}

func (s *Server) rename(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.RenameParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	if p.NewName == "" || strings.ContainsAny(p.NewName, " \t\n()\";'`,|[]{}") {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "not a valid identifier: "+p.NewName)
	}
	snap, res, def := s.target(p.TextDocument.URI, p.Position)
	if def == nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "no user definition here to rename")
	}
	if p.NewName == def.Name {
		return protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{}}, nil
	}
	if msg := s.renameConflict(ctx, snap, res, def, p.NewName); msg != "" {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, msg)
	}
	changes := map[uri.URI][]protocol.TextEdit{}
	for u, rs := range s.occurrences(ctx, snap, res, def, true) {
		for _, r := range rs {
			changes[uri.URI(u)] = append(changes[uri.URI(u)], protocol.TextEdit{Range: r, NewText: p.NewName})
		}
	}
	return protocol.WorkspaceEdit{Changes: changes}, nil
}

// renameConflict says why renaming def to name would change what the program means, or "":
// another binding of that name in the same scope (a collision), a use of def that would then
// find an inner binding of that name, or a use of that name that the renamed binding would
// capture.
func (s *Server) renameConflict(ctx context.Context, snap *snapshot, dres *analyzer.Result, def *analyzer.Def, name string) string {
	key := keyOf(dres, def)
	defScope := dres.TextSpan(def.File, def.Scope)
	files := []*snapshot{snap}
	if def.TopLevel {
		// The open documents, and the files the index says use def or define it: each analysed
		// for every name it binds (and not kept).
		files = s.openDocs()
		open := map[string]bool{}
		for _, f := range files {
			open[f.path] = true
		}
		for path, e := range s.indexed(ctx) {
			if len(e.refs[key]) > 0 || path == def.File {
				if text, err := srcfile.Read(path, srcfile.Limits{MaxSize: s.config().MaxFileSize}); err == nil && !open[path] {
					files = append(files, newSnapshot(e.uri, 0, text))
				}
			}
		}
	}
	for _, f := range files {
		if ctx.Err() != nil {
			return ""
		}
		_, res := s.analysis(f)
		where := func(d *analyzer.Def) string {
			line := res.DefLine(d)
			if d.File == f.path || d.File == "" {
				return fmt.Sprintf("line %d", line)
			}
			return fmt.Sprintf("%s, line %d", relativeTo(f.path, d.File), line)
		}
		sees := false
		for _, r := range res.Refs {
			if r.Def != nil && keyOf(res, r.Def) == key {
				sees = true
				break
			}
		}
		if !sees && f.path != def.File {
			continue // this file does not use def: renaming it changes nothing here
		}
		for _, d := range res.Defs {
			if d.Name != name || keyOf(res, d) == key {
				continue
			}
			sameScope := d.TopLevel && def.TopLevel ||
				d.File == def.File && res.TextSpan(d.File, d.Scope) == defScope && d.TopLevel == def.TopLevel
			if sameScope {
				return fmt.Sprintf("cannot rename %s to %s: %s is already defined (%s)", def.Name, name, name, where(d))
			}
		}
		for _, r := range res.Refs {
			at := res.TextSpan(r.File(), r.Span)
			switch {
			case r.Def != nil && keyOf(res, r.Def) == key && string(spanText(f.text, at)) != def.Name:
				// 'x for a local quote: the abbreviation cannot be renamed.
				return fmt.Sprintf("cannot rename %s: line %d uses it through the abbreviation %s",
					def.Name, res.Line(r.File(), r.Span.Start), spanText(f.text, at))
			case r.Def != nil && keyOf(res, r.Def) == key:
				// This use would find another binding of the new name first.
				for _, d := range res.Visible(int(r.Span.Start)) {
					if d.Name == name && keyOf(res, d) != key {
						return fmt.Sprintf("cannot rename %s to %s: at line %d, %s would mean the %s defined at %s",
							def.Name, name, res.Line(r.File(), r.Span.Start), name, name, where(d))
					}
				}
			case r.Name == name && (def.TopLevel || f.path == def.File && within(defScope, at)):
				// A use of the new name inside def's scope would be captured.
				what := "the builtin " + name
				if r.Def != nil {
					what = name + " defined at " + where(r.Def)
				}
				return fmt.Sprintf("cannot rename %s to %s: %s is used at line %d (%s), which would then mean the renamed %s",
					def.Name, name, name, res.Line(r.File(), r.Span.Start), what, def.Name)
			}
		}
	}
	return ""
}

func spanText(src []byte, sp syntax.Extent) []byte {
	if sp.Start < 0 || int(sp.End) > len(src) || sp.Start > sp.End {
		return nil
	}
	return src[sp.Start:sp.End]
}

func within(outer, inner syntax.Extent) bool {
	return outer.Start <= inner.Start && inner.End <= outer.End
}
