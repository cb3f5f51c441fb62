package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"foment-ls/analyzer"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func init() {
	requests["textDocument/codeAction"] = (*Server).codeActions
}

func (s *Server) codeActions(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CodeActionParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	_, res := s.analysis(snap)
	res = withFlow(ctx, snap, res) // the fixes of every diagnostic
	from, to := s.offset(snap.lines, p.Range.Start), s.offset(snap.lines, p.Range.End)
	out := []protocol.CodeAction{}
	// The same fix for several diagnostics (three unbound names of (srfi 106): one "Add (srfi
	// 106)") is offered once, for all of them.
	seen := map[string]int{}
	for _, d := range res.DiagsIn(snap.path) {
		sp := res.TextSpan(d.File, d.Span.Extent())
		if int(sp.End) < from || int(sp.Start) > to || len(d.Fixes) == 0 {
			continue
		}
		pd := s.toDiagnostic(snap, res, d)
		for i, fx := range d.Fixes {
			key := fmt.Sprint(fx.Title, fx.Edits)
			if j, ok := seen[key]; ok {
				out[j].Diagnostics = append(out[j].Diagnostics, pd)
				continue
			}
			seen[key] = len(out)
			out = append(out, protocol.CodeAction{Title: fx.Title, Kind: protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{pd}, IsPreferred: i == 0, Edit: s.fixEdit(snap, res, fx)})
		}
	}
	return out, nil
}

func (s *Server) fixEdit(snap *snapshot, res *analyzer.Result, fx analyzer.Fix) *protocol.WorkspaceEdit {
	changes := map[uri.URI][]protocol.TextEdit{}
	for _, e := range fx.Edits {
		target := snap
		if e.File != "" && e.File != snap.path {
			if t := s.diskOrOpen(e.File); t != nil {
				target = t
			}
		}
		changes[uri.URI(target.uri)] = append(changes[uri.URI(target.uri)],
			protocol.TextEdit{Range: s.rangeOf(target.lines, res.TextSpan(target.path, e.Span)), NewText: e.NewText})
	}
	return &protocol.WorkspaceEdit{Changes: changes}
}
