package lsp

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"foment-ls/analyzer"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/documentSymbol"] = (*Server).documentSymbols
	requests["workspace/symbol"] = (*Server).workspaceSymbols
}

func symbolKind(d *analyzer.Def) protocol.SymbolKind {
	switch d.Kind {
	case analyzer.DefProcedure:
		return protocol.SymbolKindFunction
	case analyzer.DefMacro:
		return protocol.SymbolKindOperator
	case analyzer.DefRecordType:
		return protocol.SymbolKindStruct
	case analyzer.DefRecordProc:
		return protocol.SymbolKindMethod
	case analyzer.DefParam:
		return protocol.SymbolKindTypeParameter
	}
	return protocol.SymbolKindVariable
}

// listed: the definitions a document outline shows (not parameters and let variables).
func listed(d *analyzer.Def) bool {
	switch d.Kind {
	case analyzer.DefParam, analyzer.DefLocal, analyzer.DefImport:
		return false
	}
	return true
}

func (s *Server) documentSymbols(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentSymbolParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	_, res := s.analysis(snap)
	children := map[*analyzer.Def][]*analyzer.Def{}
	var roots []*analyzer.Def
	for _, d := range res.Defs {
		if d.File != snap.path || !listed(d) {
			continue
		}
		// The nearest listed ancestor is the parent in the outline.
		parent := d.Parent
		for parent != nil && !listed(parent) {
			parent = parent.Parent
		}
		if parent == nil {
			roots = append(roots, d)
		} else {
			children[parent] = append(children[parent], d)
		}
	}
	var build func(d *analyzer.Def) protocol.DocumentSymbol
	build = func(d *analyzer.Def) protocol.DocumentSymbol {
		sym := protocol.DocumentSymbol{Name: d.Name, Detail: d.Sig(), Kind: symbolKind(d),
			Range: s.rangeOf(snap.lines, res.TextSpan(d.File, d.Form)), SelectionRange: s.rangeOf(snap.lines, res.TextSpan(d.File, d.Span))}
		// selectionRange must lie inside range.
		if d.Form.End < d.Span.End || d.Form.Start > d.Span.Start {
			sym.Range = sym.SelectionRange
		}
		for _, c := range children[d] {
			sym.Children = append(sym.Children, build(c))
		}
		return sym
	}
	out := make([]protocol.DocumentSymbol, 0, len(roots))
	for i, d := range roots {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err() // cancelled: the rest is wasted work
		}
		out = append(out, build(d))
	}
	return out, nil
}

func (s *Server) workspaceSymbols(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.WorkspaceSymbolParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	q := strings.ToLower(p.Query)
	match := func(name string) bool {
		return q == "" || strings.Contains(strings.ToLower(name), q) || fuzzy(q, name)
	}
	out := []protocol.SymbolInformation{}
	// The open documents, then the other files of the workspace, from the index.
	for _, f := range s.openDocs() {
		_, res := s.analysis(f)
		for _, d := range res.Defs {
			if !d.TopLevel || d.File != f.path || !listed(d) || !match(d.Name) {
				continue
			}
			out = append(out, protocol.SymbolInformation{Name: d.Name, Kind: symbolKind(d),
				Location: protocol.Location{URI: f.uri, Range: s.rangeOf(f.lines, res.TextSpan(d.File, d.Span))}})
			if len(out) >= 1000 {
				return out, nil
			}
		}
	}
	entries := s.indexed(ctx)
	paths := make([]string, 0, len(entries))
	for p := range entries {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		e := entries[path]
		for _, d := range e.defs {
			if !match(d.key.name) {
				continue
			}
			out = append(out, protocol.SymbolInformation{Name: d.key.name, Kind: d.kind, Location: protocol.Location{URI: e.uri, Range: d.sel}})
			if len(out) >= 1000 {
				return out, nil
			}
		}
	}
	return out, nil
}
