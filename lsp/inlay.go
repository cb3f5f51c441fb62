package lsp

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/catalog"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

// Inlay hints are LSP 3.17; protocol v0.12 stops at 3.16, so the types are here.
type inlayHintParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Range        protocol.Range                  `json:"range"`
}

type inlayHint struct {
	Position     protocol.Position `json:"position"`
	Label        string            `json:"label"`
	Kind         int               `json:"kind,omitempty"` // 1 type, 2 parameter
	PaddingLeft  bool              `json:"paddingLeft,omitempty"`
	PaddingRight bool              `json:"paddingRight,omitempty"`
	Tooltip      string            `json:"tooltip,omitempty"`
}

const (
	inlayType      = 1
	inlayParameter = 2
)

func init() {
	requests["textDocument/inlayHint"] = (*Server).inlayHints
}

// socketCall: the calls whose arguments get their parameter names shown.
func socketCall(e *catalog.Entry) bool {
	if e == nil || e.Kind != catalog.Procedure || len(e.Params) < 2 {
		return false
	}
	for _, l := range e.Libs {
		if l == "srfi 106" {
			return true
		}
	}
	return strings.Contains(e.Name, "socket") || e.Name == "get-ip-addresses"
}

func (s *Server) inlayHints(ctx context.Context, params json.RawMessage) (any, error) {
	var p inlayHintParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	file, res := s.analysis(snap)
	from, to := file.DatumOffset(s.offset(snap.lines, p.Range.Start)), file.DatumOffset(s.offset(snap.lines, p.Range.End))
	out := []inlayHint{}
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, d := range ds {
			if int(d.Span.End) < from || int(d.Span.Start) > to {
				continue
			}
			if d.Kind == syntax.List && len(d.Elems) > 0 && d.Elems[0].Kind == syntax.Symbol {
				if r, _ := res.At(int(d.Elems[0].Span.Start)); r != nil && socketCall(r.Entry) {
					for i, a := range d.Elems[1:] {
						prm := r.Entry.ParamAt(i)
						if prm == nil || prm.Rest {
							break
						}
						if a.Kind == syntax.Symbol && a.Text == prm.Name {
							continue // the argument already says it
						}
						out = append(out, inlayHint{Position: s.position(snap.lines, file.TextOffset(int(a.Span.Start))),
							Label: prm.Name + ":", Kind: inlayParameter, PaddingRight: true})
					}
				}
			}
			walk(d.Elems)
		}
	}
	walk(file.Data)
	if s.config().ParamHints() {
		out = append(out, s.paramKindHints(snap, withFlow(ctx, snap, res), from, to)...)
		sort.SliceStable(out, func(i, j int) bool {
			a, b := out[i].Position, out[j].Position
			return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
		})
	}
	return out, nil
}

// paramKindHints: after each parameter of a procedure, what the flow analysis infers it must be
// from its uses (": socket port"), when the setting parameterKindHints is on.
func (s *Server) paramKindHints(snap *snapshot, res *analyzer.Result, from, to int) []inlayHint {
	var out []inlayHint
	for _, pk := range res.ParamKinds() {
		if pk.File != res.File.Name || int(pk.Span.End.Offset) < from || int(pk.Span.Start.Offset) > to {
			continue
		}
		label := strings.TrimPrefix(strings.TrimPrefix(pk.Kind, "an "), "a ")
		out = append(out, inlayHint{Position: s.position(snap.lines, int(res.TextSpan(pk.File, pk.Span.Extent()).End)), Label: ": " + label,
			Kind: inlayType, Tooltip: pk.Proc + " uses it as " + pk.Kind})
	}
	return out
}
