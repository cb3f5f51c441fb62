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
	requests["textDocument/onTypeFormatting"] = (*Server).onTypeFormatting
}

// onTypeTriggers: a new line is indented where it belongs; a ")" that begins a line goes under
// its "(".
var onTypeTriggers = map[string]any{"firstTriggerCharacter": "\n", "moreTriggerCharacter": []string{")"}}

func (s *Server) formatEdits(snap *snapshot, opt protocol.FormattingOptions, first, last int) []protocol.TextEdit {
	out := []protocol.TextEdit{}
	for _, e := range format.Edits(snap.text, formatOptions(opt), first, last) {
		out = append(out, s.textEdit(snap, e))
	}
	return out
}

func (s *Server) textEdit(snap *snapshot, e format.Edit) protocol.TextEdit {
	return protocol.TextEdit{Range: s.rangeOf(snap.lines, syntax.Extent{Start: int32(e.Start), End: int32(e.End)}), NewText: e.Text}
}

func (s *Server) formatting(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentFormattingParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	return s.formatEdits(snap, p.Options, 0, -1), nil
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
	return s.formatEdits(snap, p.Options, int(p.Range.Start.Line), last), nil
}

// onTypeFormatting indents the line of the cursor: after a new line (blank or holding what
// followed the cursor), or after a ")" typed first on its line.
func (s *Server) onTypeFormatting(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentOnTypeFormattingParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	out := []protocol.TextEdit{}
	line := int(p.Position.Line)
	if line < 0 || line >= snap.lines.LineCount() {
		return out, nil
	}
	start := snap.lines.LineStart(line)
	end := start
	for end < len(snap.text) && (snap.text[end] == ' ' || snap.text[end] == '\t') {
		end++
	}
	if p.Ch == ")" && (end >= len(snap.text) || snap.text[end] != ')') {
		return out, nil // the ")" was not the first thing on its line
	}
	ws, ok := format.Indentation(snap.text, formatOptions(p.Options), line)
	if !ok || ws == string(snap.text[start:end]) {
		return out, nil
	}
	return append(out, s.textEdit(snap, format.Edit{Start: start, End: end, Text: ws})), nil
}

// formatOptions are the editor's options; a tab size that makes no sense is the default.
func formatOptions(o protocol.FormattingOptions) format.Options {
	if o.TabSize == 0 || o.TabSize > 16 {
		return format.Options{TabSize: 2}
	}
	return format.Options{TabSize: int(o.TabSize), UseTabs: !o.InsertSpaces}
}
