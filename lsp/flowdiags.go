package lsp

import (
	"context"
	"sort"

	"foment-ls/analyzer"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

// The flow analysis (analyzer/flow.go) reads a whole file, where the scope analysis of an edit
// reads the forms the edit changed: a document's analysis defers it (analyzer.Options.DeferFlow)
// and its diagnostics are published twice — at once, those of the scope analysis with what the
// last flow analysis found in the text the edit did not touch (a warning does not blink out and
// back at every keystroke), then everything once the flow analysis is made. Requests that show
// what it knows (a variable's value in hover, parameter hints, code actions) wait for it.

// withFlow returns the analysis with what the flow analysis found, made for a request unless
// the request is cancelled or a newer version of the document comes meanwhile (then the scope
// analysis's: the answer is of a version the client no longer shows).
func withFlow(ctx context.Context, snap *snapshot, res *analyzer.Result) *analyzer.Result {
	if full := res.FlowUnless(func() bool { return ctx.Err() != nil || snap.superseded.Load() }); full != nil {
		return full
	}
	return res
}

// flowNote is what the last flow analysis of a document found: its own diagnostics, placed in
// the data of the version it read.
type flowNote struct {
	file  *syntax.File
	diags []analyzer.Diagnostic
}

// noteFlow keeps the diagnostics the flow analysis added to a document's scope analysis.
func (s *Server) noteFlow(u protocol.DocumentURI, scope, full *analyzer.Result) {
	type key struct {
		code, msg  string
		start, end int32
	}
	seen := map[key]bool{}
	for _, d := range scope.Diags {
		seen[key{d.Code, d.Message, d.Span.Start.Offset, d.Span.End.Offset}] = true
	}
	var added []analyzer.Diagnostic
	for _, d := range full.Diags {
		if d.File == scope.File.Name && !seen[key{d.Code, d.Message, d.Span.Start.Offset, d.Span.End.Offset}] {
			added = append(added, d)
		}
	}
	s.mu.Lock()
	if s.flowSeen == nil {
		s.flowSeen = map[protocol.DocumentURI]flowNote{}
	}
	s.flowSeen[u] = flowNote{scope.File, added}
	s.mu.Unlock()
}

// flowMade reports whether a flow analysis of the document was made.
func (s *Server) flowMade(u protocol.DocumentURI) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.flowSeen[u]
	return ok
}

// keptFlow returns the diagnostics of the document's last flow analysis that lie in text the
// analysis res of a later version did not read again (none when its file is not an edit).
func (s *Server) keptFlow(u protocol.DocumentURI, res *analyzer.Result) []analyzer.Diagnostic {
	s.mu.Lock()
	note, ok := s.flowSeen[u]
	s.mu.Unlock()
	if !ok || note.file == res.File || !res.File.Editable() {
		return nil
	}
	var out []analyzer.Diagnostic
	for _, d := range note.diags {
		if res.File.Shares(note.file, d.Span.Extent()) && sharesRelated(res.File, note.file, d) {
			out = append(out, d)
		}
	}
	return out
}

// sharesRelated: the places a diagnostic speaks of are in text both versions share too, on
// the same lines (its message may name them: "recv-socket (main.scm:3)").
func sharesRelated(f, g *syntax.File, d analyzer.Diagnostic) bool {
	for _, r := range d.Related {
		if r.File == f.Name && (!f.Shares(g, r.Span.Extent()) || f.Span(r.Span.Extent()).Start.Line != g.Span(r.Span.Extent()).Start.Line) {
			return false
		}
	}
	for _, fx := range d.Fixes {
		for _, e := range fx.Edits {
			if e.File == f.Name && !f.Shares(g, e.Span) {
				return false
			}
		}
	}
	return true
}

// mergeDiags adds diagnostics to a list sorted by place, keeping the order.
func mergeDiags(ds, more []analyzer.Diagnostic) []analyzer.Diagnostic {
	out := append(append([]analyzer.Diagnostic(nil), ds...), more...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start.Offset < out[j].Span.Start.Offset })
	return out
}
