package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"foment-ls/analyzer"
	"foment-ls/catalog"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/semanticTokens/full"] = (*Server).semanticTokensFull
	requests["textDocument/semanticTokens/full/delta"] = (*Server).semanticTokensDelta
	requests["textDocument/semanticTokens/range"] = (*Server).semanticTokensRange
}

func tokType(name string) uint32 {
	for i, t := range tokenTypes {
		if t == name {
			return uint32(i)
		}
	}
	return 0
}

const (
	modDeclaration = 1 << iota
	modDefaultLibrary
	modReadonly
)

type token struct {
	span syntax.Extent
	typ  uint32
	mods uint32
}

// tokens classifies every atom and comment of a document.
func (s *Server) tokens(snap *snapshot) []token {
	file, res := s.analysis(snap)
	var out []token
	refAt := map[int]*analyzer.Ref{}
	for _, r := range res.Refs {
		refAt[int(r.Span.Start)] = r
	}
	defAt := map[int]*analyzer.Def{}
	for _, d := range res.Defs {
		if d.File == snap.path {
			defAt[int(d.Span.Start)] = d
		}
	}
	defType := func(d *analyzer.Def) uint32 {
		switch d.Kind {
		case analyzer.DefProcedure, analyzer.DefRecordProc:
			return tokType("function")
		case analyzer.DefMacro:
			return tokType("macro")
		case analyzer.DefParam:
			return tokType("parameter")
		case analyzer.DefRecordType:
			return tokType("type")
		}
		return tokType("variable")
	}
	var walk func(ds []*syntax.Datum, quoted bool)
	walk = func(ds []*syntax.Datum, quoted bool) {
		for _, d := range ds {
			switch d.Kind {
			case syntax.Symbol:
				if quoted {
					continue
				}
				if def := defAt[int(d.Span.Start)]; def != nil {
					out = append(out, token{d.Span, defType(def), modDeclaration})
				} else if r := refAt[int(d.Span.Start)]; r != nil {
					switch {
					case r.Def != nil:
						out = append(out, token{d.Span, defType(r.Def), 0})
					case r.Entry != nil:
						switch r.Entry.Kind {
						case catalog.Syntax:
							out = append(out, token{d.Span, tokType("keyword"), modDefaultLibrary})
						case catalog.Constant:
							out = append(out, token{d.Span, tokType("enumMember"), modDefaultLibrary | modReadonly})
						default:
							out = append(out, token{d.Span, tokType("function"), modDefaultLibrary})
						}
					}
				}
			case syntax.String, syntax.Char:
				out = append(out, token{d.Span, tokType("string"), 0})
			case syntax.Number:
				out = append(out, token{d.Span, tokType("number"), 0})
			case syntax.Boolean:
				out = append(out, token{d.Span, tokType("keyword"), 0})
			case syntax.Quote:
				walk(d.Elems, true)
			default:
				walk(d.Elems, quoted)
				if d.Tail() != nil {
					walk([]*syntax.Datum{d.Tail()}, quoted)
				}
			}
		}
	}
	walk(file.Data, false)
	// The data's tokens come in order, and so do the comments: merged, not sorted.
	comments := make([]token, len(file.Comments))
	for i, c := range file.Comments {
		comments[i] = token{c.Span.Extent(), tokType("comment"), 0}
	}
	out = mergeTokens(out, comments)
	if file.Editable() {
		for i := range out {
			out[i].span = file.TextSpan(out[i].span)
		}
	}
	return out
}

// mergeTokens merges two lists of tokens by place; lists out of order are sorted first.
func mergeTokens(a, b []token) []token {
	less := func(x, y token) int { return int(x.span.Start) - int(y.span.Start) }
	for _, l := range [][]token{a, b} {
		if !slices.IsSortedFunc(l, less) {
			slices.SortStableFunc(l, less)
		}
	}
	out := make([]token, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if less(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// encode turns tokens into LSP's relative encoding; tokens that span lines are split.
func (s *Server) encode(snap *snapshot, toks []token, within *protocol.Range) []uint32 {
	data := []uint32{}
	var prevLine, prevChar uint32
	emit := func(start, end int, typ, mods uint32) {
		if end <= start {
			return
		}
		a, b := s.position(snap.lines, start), s.position(snap.lines, end)
		if within != nil && (b.Line < within.Start.Line || a.Line > within.End.Line) {
			return
		}
		length := b.Character - a.Character
		dl := a.Line - prevLine
		dc := a.Character
		if dl == 0 {
			dc = a.Character - prevChar
		}
		data = append(data, dl, dc, length, typ, mods)
		prevLine, prevChar = a.Line, a.Character
	}
	for _, t := range toks {
		start, end := int(t.span.Start), int(t.span.End)
		// Most tokens are on one line: only those with a line end in them need their lines.
		first, last := 0, 0
		if start >= 0 && start <= end && end <= len(snap.text) && bytes.ContainsAny(snap.text[start:end], "\r\n") {
			first, last = int(snap.lines.Pos(start).Line), int(snap.lines.Pos(end).Line)
		}
		for line := first; line <= last; line++ {
			lineEnd := end
			if line < last {
				lineEnd = snap.lines.LineStart(line) - 1 // before the '\n'
				if lineEnd > start && snap.text[lineEnd-1] == '\r' {
					lineEnd--
				}
			}
			emit(start, lineEnd, t.typ, t.mods)
			start = snap.lines.LineStart(line)
		}
	}
	return data
}

func (s *Server) semanticTokensFull(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.SemanticTokensParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	data := s.encode(snap, s.tokens(snap), nil)
	return protocol.SemanticTokens{ResultID: s.remember(data), Data: data}, nil
}

// remember keeps the last few results for deltas.
func (s *Server) remember(data []uint32) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.semNext++
	id := fmt.Sprint(s.semNext)
	s.semPrev[id] = data
	delete(s.semPrev, fmt.Sprint(s.semNext-20))
	return id
}

func (s *Server) semanticTokensDelta(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.SemanticTokensDeltaParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	data := s.encode(snap, s.tokens(snap), nil)
	s.mu.Lock()
	prev, ok := s.semPrev[p.PreviousResultID]
	s.mu.Unlock()
	id := s.remember(data)
	if !ok {
		return protocol.SemanticTokens{ResultID: id, Data: data}, nil
	}
	// One edit: the part between the common prefix and the common suffix.
	pre := 0
	for pre < len(prev) && pre < len(data) && prev[pre] == data[pre] {
		pre++
	}
	suf := 0
	for suf < len(prev)-pre && suf < len(data)-pre && prev[len(prev)-1-suf] == data[len(data)-1-suf] {
		suf++
	}
	edits := []protocol.SemanticTokensEdit{}
	if pre != len(prev) || pre != len(data) {
		edits = append(edits, protocol.SemanticTokensEdit{Start: uint32(pre), DeleteCount: uint32(len(prev) - pre - suf),
			Data: append([]uint32{}, data[pre:len(data)-suf]...)})
	}
	return protocol.SemanticTokensDelta{ResultID: id, Edits: edits}, nil
}

func (s *Server) semanticTokensRange(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.SemanticTokensRangeParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	return protocol.SemanticTokens{Data: s.encode(snap, s.tokens(snap), &p.Range)}, nil
}
