package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/catalog"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/hover"] = (*Server).hover
}

func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.HoverParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	file, res := s.analysis(snap)
	off := file.DatumOffset(s.offset(snap.lines, p.Position))
	tok := tokenAt(file, off)
	if tok == nil {
		return nil, nil
	}
	var md string
	ref, def := res.At(off)
	switch {
	case ref != nil && ref.Entry != nil:
		md = entryDoc(ref.Entry)
	case def != nil:
		md = defDoc(def, res.DefLine(def), snap.path)
		md = flowDoc(withFlow(ctx, snap, res), def, off) + md
	case tok.Kind == syntax.Symbol:
		// A name inside a socket syntax form: (address-family inet).
		if call := res.CallAt(off); call != nil && call.ConstKind != "" {
			md = formNameDoc(call.Name, tok.Text)
		}
		if md == "" {
			if e := catalog.Lookup(tok.Text); e != nil {
				md = entryDoc(e) + "\n\n*Not imported here.*"
			}
		}
	}
	if exp := res.ExpansionAt(off); exp != nil && md != "" {
		md += "\n\n" + expansionDoc(exp)
	}
	if md == "" {
		return nil, nil
	}
	r := s.rangeOf(snap.lines, file.TextSpan(tok.Span))
	return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: md}, Range: &r}, nil
}

// tokenAt returns the atom at an offset (an identifier, a literal), or nil.
func tokenAt(f *syntax.File, off int) *syntax.Datum {
	var found *syntax.Datum
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, d := range ds {
			if !d.Span.Contains(off) {
				continue
			}
			switch d.Kind {
			case syntax.List, syntax.Vector, syntax.Bytevector, syntax.Quote, syntax.Quasiquote,
				syntax.Unquote, syntax.UnquoteSplicing, syntax.Label:
				walk(d.Elems)
				if d.Tail() != nil {
					walk([]*syntax.Datum{d.Tail()})
				}
			default:
				found = d
			}
		}
	}
	walk(f.Data)
	return found
}

// entryDoc is the hover text of a builtin.
func entryDoc(e *catalog.Entry) string {
	var b strings.Builder
	switch e.Kind {
	case catalog.Constant:
		fmt.Fprintf(&b, "```scheme\n%s\n```\n\n**%d** — %s constant\n\n", e.Name, e.Value, e.ConstKind)
	case catalog.Procedure:
		fmt.Fprintf(&b, "```scheme\n%s\n```\n\n", e.Sig)
		if e.Returns != "" {
			fmt.Fprintf(&b, "→ %s\n\n", e.Returns)
		}
	default:
		fmt.Fprintf(&b, "```scheme\n%s\n```\n\n", e.Sig)
	}
	b.WriteString(e.Doc)
	if e.Kind == catalog.Procedure && len(e.Params) > 0 {
		var ps []string
		for _, p := range e.Params {
			if p.Kind != nil && p.Kind.Expected != "" {
				ps = append(ps, fmt.Sprintf("- `%s`: %s", p.Name, p.Kind.Expected))
			}
		}
		if len(ps) > 0 {
			b.WriteString("\n\n" + strings.Join(ps, "\n"))
		}
	}
	libs := make([]string, len(e.Libs))
	for i, l := range e.Libs {
		libs[i] = "(" + l + ")"
	}
	fmt.Fprintf(&b, "\n\n*%s* in %s", e.Kind, strings.Join(libs, ", "))
	return b.String()
}

// defDoc is the hover text of a user definition at a line of its file, seen from the file at
// path.
func defDoc(d *analyzer.Def, line int, path string) string {
	var b strings.Builder
	sig := d.Sig()
	if sig == "" {
		sig = d.Name
	}
	fmt.Fprintf(&b, "```scheme\n%s\n```\n\n", sig)
	kinds := map[analyzer.DefKind]string{analyzer.DefVariable: "variable", analyzer.DefProcedure: "procedure",
		analyzer.DefMacro: "macro", analyzer.DefParam: "parameter", analyzer.DefLocal: "local variable",
		analyzer.DefRecordType: "record type", analyzer.DefRecordProc: "record procedure", analyzer.DefImport: "import",
		analyzer.DefUnknown: "exported by its library (its definition is not visible)"}
	fmt.Fprintf(&b, "*%s*", kinds[d.Kind])
	if d.Doc() != "" {
		b.WriteString("\n\n" + d.Doc())
	}
	if d.File != "" && d.File != path {
		fmt.Fprintf(&b, "\n\nDefined in `%s`, line %d", relativeTo(path, d.File), line)
	} else {
		fmt.Fprintf(&b, "\n\nDefined at line %d", line)
	}
	return b.String()
}

// flowDoc is what the flow analysis knows of a variable at the hovered place ("s: socket, inet
// stream, listening on 127.0.0.1:8080") or of a procedure (what its parameters must be, what it
// returns), as a paragraph before the definition's documentation, or "".
func flowDoc(res *analyzer.Result, def *analyzer.Def, off int) string {
	var lines []string
	if v := res.ValueAt(off); v != "" {
		lines = append(lines, "`"+v+"`")
	}
	if s := res.SummaryOf(def); s != nil {
		if d := s.Describe(); d != "" {
			lines = append(lines, d)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n\n") + "\n\n"
}

// relativeTo names a file as seen from another: relative when it is near, else absolute.
func relativeTo(from, file string) string {
	if rel, err := filepath.Rel(filepath.Dir(from), file); err == nil && !strings.HasPrefix(rel, "../../") {
		return rel
	}
	return file
}

// formNameDoc documents a name inside a socket syntax form.
func formNameDoc(form, name string) string {
	consts := map[string]map[string]string{
		"address-family":  {"inet": "*af-inet*", "inet6": "*af-inet6*", "unspec": "*af-unspec*"},
		"socket-domain":   {"stream": "*sock-stream*", "datagram": "*sock-dgram*", "raw": "*sock-raw*"},
		"ip-protocol":     {"ip": "*ipproto-ip*", "tcp": "*ipproto-tcp*", "udp": "*ipproto-udp*"},
		"shutdown-method": {"read": "*shut-rd*", "write": "*shut-wr*"},
		"message-type":    {"peek": "*msg-peek*", "oob": "*msg-oob*", "waitall": "*msg-waitall*", "wait-all": "*msg-waitall*"},
		"address-info":    {"canonname": "*ai-canonname*", "canoname": "*ai-canonname*", "numerichost": "*ai-numerichost*", "v4mapped": "*ai-v4mapped*", "all": "*ai-all*", "addrconfig": "*ai-addrconfig*"},
	}
	c, ok := consts[form][name]
	if !ok {
		if name == "none" && form == "message-type" {
			return "`(message-type none)` is **0**: no flags."
		}
		return ""
	}
	return fmt.Sprintf("`(%s %s)` is `%s`\n\n", form, name, c) + entryDoc(catalog.Lookup(c))
}
