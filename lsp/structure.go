package lsp

import (
	"context"
	"encoding/json"

	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/foldingRange"] = (*Server).foldingRanges
	requests["textDocument/selectionRange"] = (*Server).selectionRanges
}

func (s *Server) foldingRanges(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.FoldingRangeParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	file, _ := s.analysis(snap)
	out := []protocol.FoldingRange{}
	// The lines of the text (those of a file read for editing are its regions' own).
	lines := func(e syntax.Extent) (uint32, uint32) {
		sp := file.Span(e)
		return uint32(sp.Start.Line - 1), uint32(sp.End.Line - 1)
	}
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, d := range ds {
			switch d.Kind {
			case syntax.List, syntax.Vector, syntax.Bytevector, syntax.Quote, syntax.Quasiquote:
				if a, b := lines(d.Span); b > a {
					out = append(out, protocol.FoldingRange{StartLine: a, EndLine: b})
				}
				walk(d.Elems)
			case syntax.String:
				if a, b := lines(d.Span); b > a {
					out = append(out, protocol.FoldingRange{StartLine: a, EndLine: b})
				}
			}
		}
	}
	walk(file.Data)
	// Block comments, and runs of line comments (lines compared within one region).
	cs := file.Comments
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		switch c.Kind {
		case syntax.BlockComment, syntax.DatumComment:
			if c.Span.End.Line > c.Span.Start.Line {
				a, b := lines(c.Span.Extent())
				out = append(out, protocol.FoldingRange{StartLine: a, EndLine: b, Kind: protocol.CommentFoldingRange})
			}
		case syntax.LineComment:
			j := i
			for j+1 < len(cs) && cs[j+1].Kind == syntax.LineComment && lineOf(file, cs[j+1].Span.Extent()) == lineOf(file, cs[j].Span.Extent())+1 {
				j++
			}
			if j > i {
				a, _ := lines(c.Span.Extent())
				b, _ := lines(cs[j].Span.Extent())
				out = append(out, protocol.FoldingRange{StartLine: a, EndLine: b, Kind: protocol.CommentFoldingRange})
			}
			i = j
		}
	}
	return out, nil
}

func (s *Server) selectionRanges(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.SelectionRangeParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	file, _ := s.analysis(snap)
	out := make([]*protocol.SelectionRange, 0, len(p.Positions))
	for _, pos := range p.Positions {
		off := file.DatumOffset(s.offset(snap.lines, pos))
		// The chain of data around the offset, outermost first.
		var chain []syntax.Extent
		ds := file.Data
		for {
			var next *syntax.Datum
			for _, d := range ds {
				if d.Span.Contains(off) {
					next = d
					break
				}
			}
			if next == nil {
				break
			}
			chain = append(chain, next.Span)
			inner := next.Elems
			if next.Tail() != nil {
				inner = append(append([]*syntax.Datum(nil), inner...), next.Tail())
			}
			ds = inner
		}
		var sr *protocol.SelectionRange
		for _, sp := range chain {
			sr = &protocol.SelectionRange{Range: s.rangeOf(snap.lines, file.TextSpan(sp)), Parent: sr}
		}
		if sr == nil {
			sr = &protocol.SelectionRange{Range: protocol.Range{Start: pos, End: pos}}
		}
		out = append(out, sr)
	}
	return out, nil
}

// lineOf returns the line of the text where a span of a file's data starts.
func lineOf(f *syntax.File, sp syntax.Extent) int { return int(f.Span(sp).Start.Line) }
