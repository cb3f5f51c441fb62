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
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, d := range ds {
			switch d.Kind {
			case syntax.List, syntax.Vector, syntax.Bytevector, syntax.Quote, syntax.Quasiquote:
				if d.Span.End.Line > d.Span.Start.Line {
					out = append(out, protocol.FoldingRange{StartLine: uint32(d.Span.Start.Line - 1), EndLine: uint32(d.Span.End.Line - 1)})
				}
				walk(d.Elems)
			case syntax.String:
				if d.Span.End.Line > d.Span.Start.Line {
					out = append(out, protocol.FoldingRange{StartLine: uint32(d.Span.Start.Line - 1), EndLine: uint32(d.Span.End.Line - 1)})
				}
			}
		}
	}
	walk(file.Data)
	// Block comments, and runs of line comments.
	cs := file.Comments
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		switch c.Kind {
		case syntax.BlockComment, syntax.DatumComment:
			if c.Span.End.Line > c.Span.Start.Line {
				out = append(out, protocol.FoldingRange{StartLine: uint32(c.Span.Start.Line - 1), EndLine: uint32(c.Span.End.Line - 1), Kind: protocol.CommentFoldingRange})
			}
		case syntax.LineComment:
			j := i
			for j+1 < len(cs) && cs[j+1].Kind == syntax.LineComment && cs[j+1].Span.Start.Line == cs[j].Span.Start.Line+1 {
				j++
			}
			if j > i {
				out = append(out, protocol.FoldingRange{StartLine: uint32(c.Span.Start.Line - 1), EndLine: uint32(cs[j].Span.Start.Line - 1), Kind: protocol.CommentFoldingRange})
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
		off := s.offset(snap.lines, pos)
		// The chain of data around the offset, outermost first.
		var chain []syntax.Span
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
			if next.Tail != nil {
				inner = append(append([]*syntax.Datum(nil), inner...), next.Tail)
			}
			ds = inner
		}
		var sr *protocol.SelectionRange
		for _, sp := range chain {
			sr = &protocol.SelectionRange{Range: s.rangeOf(snap.lines, sp), Parent: sr}
		}
		if sr == nil {
			sr = &protocol.SelectionRange{Range: protocol.Range{Start: pos, End: pos}}
		}
		out = append(out, sr)
	}
	return out, nil
}
