package lsp

import (
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

// Positions: LSP counts lines from 0 and columns in UTF-16 code units unless the client and the
// server agreed on UTF-8 (positionEncoding, LSP 3.17).

func (s *Server) offset(x *syntax.LineIndex, p protocol.Position) int {
	if s.utf8 {
		return x.OffsetUTF8(int(p.Line), int(p.Character))
	}
	return x.OffsetUTF16(int(p.Line), int(p.Character))
}

func (s *Server) position(x *syntax.LineIndex, offset int) protocol.Position {
	pos := x.Pos(offset)
	col := int(pos.Col) - 1
	if !s.utf8 {
		col = x.UTF16Col(offset)
	}
	return protocol.Position{Line: uint32(pos.Line - 1), Character: uint32(col)}
}

func (s *Server) rangeOf(x *syntax.LineIndex, sp syntax.Extent) protocol.Range {
	return protocol.Range{Start: s.position(x, int(sp.Start)), End: s.position(x, int(sp.End))}
}
