package lsp

import (
	"context"
	"encoding/json"

	"foment-ls/format"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/formatting"] = (*Server).formatting
	requests["textDocument/rangeFormatting"] = (*Server).rangeFormatting
}

func (s *Server) formatEdits(snap *snapshot, first, last int) []protocol.TextEdit {
	out := []protocol.TextEdit{}
	for _, e := range format.Edits(snap.text, first, last) {
		out = append(out, protocol.TextEdit{Range: s.rangeOf(snap.lines, syntax.Span{
			Start: syntax.Pos{Offset: e.Start}, End: syntax.Pos{Offset: e.End}}), NewText: e.Text})
	}
	return out
}

func (s *Server) formatting(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentFormattingParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	return s.formatEdits(snap, 0, -1), nil
}

func (s *Server) rangeFormatting(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentRangeFormattingParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	last := int(p.Range.End.Line)
	if p.Range.End.Character == 0 && last > int(p.Range.Start.Line) {
		last--
	}
	return s.formatEdits(snap, int(p.Range.Start.Line), last), nil
}
