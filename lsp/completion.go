package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/catalog"
	"foment-ls/syntax"

	"go.lsp.dev/protocol"
)

func init() {
	requests["textDocument/completion"] = (*Server).completion
	requests["completionItem/resolve"] = (*Server).resolveCompletion
	requests["textDocument/signatureHelp"] = (*Server).signatureHelp
}

// maxCompletions bounds a completion list: past it the list is incomplete, and the client asks
// again as the name is typed. A list of every name in a large file is slow to send and to show.
const maxCompletions = 200

// completionData is what a completion item carries for completionItem/resolve: the builtin
// whose documentation it shows.
type completionData struct {
	Builtin string `json:"builtin,omitempty"`
	Form    string `json:"form,omitempty"` // a name of a socket syntax form: its form
	Name    string `json:"name,omitempty"`
}

// resolveCompletion adds its documentation to a completion item.
func (s *Server) resolveCompletion(ctx context.Context, params json.RawMessage) (any, error) {
	var it protocol.CompletionItem
	if err := unmarshal(params, &it); err != nil {
		return nil, err
	}
	var data completionData
	if raw, err := json.Marshal(it.Data); err == nil {
		json.Unmarshal(raw, &data)
	}
	doc := ""
	switch {
	case data.Form != "":
		doc = formNameDoc(data.Form, data.Name)
	case data.Builtin != "":
		if e := catalog.Lookup(data.Builtin); e != nil {
			doc = entryDoc(e)
		}
	}
	if doc != "" {
		it.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: doc}
	}
	return it, nil
}

// snippets insert the socket calls with their arguments in Foment's order.
var snippets = map[string]string{
	"make-socket":        "make-socket ${1:(address-family inet)} ${2:(socket-domain stream)} ${3:(ip-protocol tcp)}",
	"bind-socket":        "bind-socket ${1:socket} ${2:\"localhost\"} ${3:\"12345\"} ${4:(address-family inet)} ${5:(socket-domain stream)} ${6:(ip-protocol tcp)}",
	"connect-socket":     "connect-socket ${1:socket} ${2:\"localhost\"} ${3:\"12345\"} ${4:(address-family inet)} ${5:(socket-domain stream)} ${6:0} ${7:(ip-protocol tcp)}",
	"listen-socket":      "listen-socket ${1:socket}",
	"accept-socket":      "accept-socket ${1:socket}",
	"send-socket":        "send-socket ${1:socket} ${2:(string->utf8 \"text\")} ${3:0}",
	"recv-socket":        "recv-socket ${1:socket} ${2:1024} ${3:0}",
	"shutdown-socket":    "shutdown-socket ${1:socket} ${2:(shutdown-method write)}",
	"make-client-socket": "make-client-socket ${1:\"localhost\"} ${2:\"12345\"}",
	"make-server-socket": "make-server-socket ${1:\"12345\"}",
	"socket-send":        "socket-send ${1:socket} ${2:(string->utf8 \"text\")}",
	"socket-recv":        "socket-recv ${1:socket} ${2:1024}",
}

func isIdentChar(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '(', ')', '"', ';', '\'', '`', ',', '|', '[', ']', '{', '}':
		return false
	}
	return true
}

func (s *Server) completion(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CompletionParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	off := s.offset(snap.lines, p.Position)
	res, at, toText := s.quickAnalysis(snap, off) // at: the cursor among the data
	start := off
	for start > 0 && isIdentChar(snap.text[start-1]) {
		start--
	}
	prefix := string(snap.text[start:off])
	rng := protocol.Range{Start: s.position(snap.lines, start), End: p.Position}
	s.mu.Lock()
	lazy := s.resolveDocs
	s.mu.Unlock()
	items := []protocol.CompletionItem{}
	incomplete := false
	// add adds an item when it matches what is typed; its documentation is made only then, or
	// when the client asks for it (completionItem/resolve) if it can.
	add := func(label string, kind protocol.CompletionItemKind, detail string, doc func() string, data *completionData) bool {
		if !strings.HasPrefix(label, prefix) && !fuzzy(prefix, label) {
			return false
		}
		if len(items) >= maxCompletions {
			incomplete = true
			return false
		}
		it := protocol.CompletionItem{Label: label, Kind: kind, Detail: detail,
			TextEdit: &protocol.TextEdit{Range: rng, NewText: label}}
		if lazy && data != nil {
			it.Data = data
		} else if doc != nil {
			if d := doc(); d != "" {
				it.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: d}
			}
		}
		items = append(items, it)
		return true
	}
	text := func(s string) func() string { return func() string { return s } }
	call := res.CallAt(at)
	// Inside a library name of an import, (import (srfi 1|: the names it may become.
	if set := importNameAt(res.File.Data, at); set != nil {
		from := toText(res.File.TextOffset(int(set.Span.Start))) + 1
		typed := strings.Join(strings.Fields(string(snap.text[from:off])), " ")
		r := protocol.Range{Start: s.position(snap.lines, from), End: p.Position}
		for _, l := range s.libraryNames(res) {
			if strings.HasPrefix(l, typed) {
				items = append(items, protocol.CompletionItem{Label: l, Kind: protocol.CompletionItemKindModule,
					Detail: "library", FilterText: l, TextEdit: &protocol.TextEdit{Range: r, NewText: l}})
			}
		}
		return protocol.CompletionList{IsIncomplete: incomplete, Items: items}, nil
	}
	// Inside (import |: the library names.
	if call != nil && call.Name == "import" {
		for _, l := range s.libraryNames(res) {
			add("("+l+")", protocol.CompletionItemKindModule, "library", nil, nil)
		}
		return protocol.CompletionList{IsIncomplete: incomplete, Items: items}, nil
	}
	// Inside a socket syntax form: only its names.
	if call != nil && call.ConstKind != "" && call.Arg >= 0 {
		for _, n := range formNames(call.Name) {
			add(n, protocol.CompletionItemKindEnumMember, call.Name, func() string { return formNameDoc(call.Name, n) },
				&completionData{Form: call.Name, Name: n})
		}
		return protocol.CompletionList{IsIncomplete: incomplete, Items: items}, nil
	}
	// An argument position that takes constants: only the valid ones.
	if call != nil && call.Entry != nil && call.Arg >= 0 {
		if prm := call.Entry.ParamAt(call.Arg); prm != nil && prm.Kind != nil && prm.Kind.Consts != "" {
			k := prm.Kind
			for _, c := range catalog.ConstantsOf(k.Consts) {
				if len(k.Only) > 0 && !contains(k.Only, c.Name) {
					continue
				}
				if !imported(res, c.Name) {
					continue
				}
				add(c.Name, protocol.CompletionItemKindEnumMember, fmt.Sprintf("%s = %d", c.ConstKind, c.Value),
					func() string { return entryDoc(c) }, &completionData{Builtin: c.Name})
			}
			if form := formFor(k.Consts); form != "" && imported(res, form) {
				for _, n := range formNames(form) {
					if len(k.Only) > 0 && !contains(k.Only, formConst(form, n)) {
						continue
					}
					label := "(" + form + " " + n + ")"
					if add(label, protocol.CompletionItemKindEnumMember, form, nil, nil) {
						items[len(items)-1].FilterText = n
					}
				}
			}
			if k.Flags {
				add("0", protocol.CompletionItemKindValue, "no flags", nil, nil)
			}
			return protocol.CompletionList{IsIncomplete: incomplete, Items: items}, nil
		}
	}
	// Everything in scope: user definitions first, then the imported builtins.
	for _, d := range res.Visible(at) {
		kind := protocol.CompletionItemKindVariable
		switch d.Kind {
		case analyzer.DefProcedure, analyzer.DefRecordProc:
			kind = protocol.CompletionItemKindFunction
		case analyzer.DefMacro:
			kind = protocol.CompletionItemKindKeyword
		case analyzer.DefRecordType:
			kind = protocol.CompletionItemKindStruct
		}
		add(d.Name, kind, d.Sig(), text(d.Doc()), nil)
	}
	afterParen := start > 0 && snap.text[start-1] == '('
	for _, e := range res.Builtins() {
		kind := protocol.CompletionItemKindFunction
		switch e.Kind {
		case catalog.Syntax:
			kind = protocol.CompletionItemKindKeyword
		case catalog.Constant:
			kind = protocol.CompletionItemKindConstant
		case catalog.Variable:
			kind = protocol.CompletionItemKindVariable
		}
		detail := e.Sig
		if e.Kind == catalog.Constant {
			detail = fmt.Sprintf("%s = %d", e.ConstKind, e.Value)
		}
		if add(e.Name, kind, detail, func() string { return entryDoc(e) }, &completionData{Builtin: e.Name}) {
			if sn, ok := snippets[e.Name]; ok && afterParen {
				items[len(items)-1].TextEdit.NewText = sn
				items[len(items)-1].InsertTextFormat = protocol.InsertTextFormatSnippet
			}
		}
	}
	return protocol.CompletionList{IsIncomplete: incomplete, Items: items}, nil
}

// quickAnalysis returns the analysis completion answers from, the offset off of the text
// among its data, and a map from the offsets of the text it analysed to the document's. Typing
// a name changes nothing completion needs but the name itself, typed in the text: while the
// analysis of such an edit is being made, the last one made answers (the name's scope, the
// call around it and its argument are those of the text before), and the completion list
// comes at once. Other edits wait for their analysis.
func (s *Server) quickAnalysis(snap *snapshot, off int) (*analyzer.Result, int, func(int) int) {
	same := func(o int) int { return o }
	if !snap.done.Load() {
		if b := snap.prior.Load(); b != nil && b.done.Load() && nameTyped(b.text, snap.text, snap.changed) {
			e := snap.changed
			return b.res, b.res.File.DatumOffset(e.back(off)), e.forth
		}
	}
	_, res := s.analysis(snap)
	return res, res.File.DatumOffset(off), same
}

// nameTyped reports whether an edit changed only characters of names: what it took out of the
// older text and what it put in the newer are identifier characters, none of which, nor the
// character before, can change how the text around reads (# and \ begin comments and
// characters: #;, #|, #\().
func nameTyped(older, newer []byte, e textEdit) bool {
	if !e.ok || e.end > len(older) || e.newEnd > len(newer) || e.newEnd-e.start > 64 || e.end-e.start > 64 {
		return false
	}
	plain := func(cs []byte) bool {
		for _, c := range cs {
			if !isIdentChar(c) || c == '#' || c == '\\' {
				return false
			}
		}
		return true
	}
	return plain(older[e.start:e.end]) && plain(newer[e.start:e.newEnd]) && plain(older[max(0, e.start-1):e.start])
}

// fuzzy matches a prefix made of the initials of hyphenated words (ms → make-socket).
func fuzzy(prefix, label string) bool {
	if len(prefix) < 2 || strings.Contains(prefix, "-") {
		return false
	}
	// The words' initials, without making the words (a list is thousands of labels).
	i := 0
	for k := 0; k < len(label) && i < len(prefix); k++ {
		if label[k] == '-' || label[k] == '*' || k > 0 && label[k-1] != '-' && label[k-1] != '*' {
			continue
		}
		if label[k] != prefix[i] {
			return false
		}
		i++
	}
	return i == len(prefix)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func imported(res *analyzer.Result, name string) bool {
	for _, e := range res.Builtins() {
		if e.Name == name {
			return true
		}
	}
	return false
}

var formKinds = map[string]string{"family": "address-family", "domain": "socket-domain", "protocol": "ip-protocol",
	"shutdown": "shutdown-method", "message": "message-type", "address-info": "address-info"}

func formFor(kind string) string { return formKinds[kind] }

var formNameTable = map[string][][2]string{
	"address-family":  {{"inet", "*af-inet*"}, {"inet6", "*af-inet6*"}, {"unspec", "*af-unspec*"}},
	"socket-domain":   {{"stream", "*sock-stream*"}, {"datagram", "*sock-dgram*"}, {"raw", "*sock-raw*"}},
	"ip-protocol":     {{"ip", "*ipproto-ip*"}, {"tcp", "*ipproto-tcp*"}, {"udp", "*ipproto-udp*"}},
	"shutdown-method": {{"read", "*shut-rd*"}, {"write", "*shut-wr*"}},
	"message-type":    {{"none", ""}, {"peek", "*msg-peek*"}, {"oob", "*msg-oob*"}, {"waitall", "*msg-waitall*"}},
	"address-info":    {{"canonname", "*ai-canonname*"}, {"numerichost", "*ai-numerichost*"}, {"v4mapped", "*ai-v4mapped*"}, {"all", "*ai-all*"}, {"addrconfig", "*ai-addrconfig*"}},
}

func formNames(form string) []string {
	var out []string
	for _, p := range formNameTable[form] {
		out = append(out, p[0])
	}
	return out
}

func formConst(form, name string) string {
	for _, p := range formNameTable[form] {
		if p[0] == name {
			return p[1]
		}
	}
	return ""
}

// libraryNames lists the libraries an import may name: the catalogue's, those the library files
// of the workspace and the library path define, and those the file defines itself.
func (s *Server) libraryNames(res *analyzer.Result) []string {
	seen := map[string]bool{}
	var names []string
	addName := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, l := range catalog.Libraries() {
		addName(l)
	}
	for n := range s.userLibraries() {
		addName(n)
	}
	for _, l := range res.Libraries {
		addName(l.Name)
	}
	sort.Strings(names)
	return names
}

// importNameAt returns the library name of an import set that holds the offset: (srfi 1) in
// (import (srfi 1)), in (import (only (srfi 1) iota)), in a define-library's imports.
func importNameAt(forms []*syntax.Datum, off int) *syntax.Datum {
	inside := func(d *syntax.Datum) bool {
		end := int(d.Span.End)
		if d.IsClosed() {
			end-- // the cursor right after ")" is outside
		}
		return d.Kind == syntax.List && int(d.Span.Start) < off && off <= end
	}
	var set func(d *syntax.Datum) *syntax.Datum
	set = func(d *syntax.Datum) *syntax.Datum {
		switch d.Head() {
		case "only", "except", "prefix", "rename":
			if len(d.Elems) > 1 && inside(d.Elems[1]) {
				return set(d.Elems[1])
			}
			if len(d.Elems) > 1 {
				return nil // on the identifiers
			}
		}
		return d
	}
	var walk func(ds []*syntax.Datum) *syntax.Datum
	walk = func(ds []*syntax.Datum) *syntax.Datum {
		for _, d := range ds {
			if !inside(d) {
				continue
			}
			switch d.Head() {
			case "import":
				for _, e := range d.Elems[1:] {
					if inside(e) {
						return set(e)
					}
				}
				return nil
			case "define-library", "cond-expand":
				return walk(d.Elems[1:])
			}
			if d.Kind == syntax.List && len(d.Elems) > 0 && d.Elems[0].Kind == syntax.List {
				return walk(d.Elems) // a cond-expand clause
			}
		}
		return nil
	}
	return walk(forms)
}

func (s *Server) signatureHelp(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.SignatureHelpParams
	snap, err := s.document(params, &p)
	if snap == nil {
		return nil, err
	}
	_, res := s.analysis(snap)
	call := res.CallAt(res.File.DatumOffset(s.offset(snap.lines, p.Position)))
	if call == nil || call.Arg < 0 {
		return nil, nil
	}
	var sig protocol.SignatureInformation
	switch {
	case call.Entry != nil && call.Entry.Kind == catalog.Procedure:
		e := call.Entry
		sig.Label = e.Sig
		sig.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: e.Doc}
		for _, prm := range e.Params {
			label := prm.Name
			if prm.Optional {
				label = "[" + label + "]"
			}
			doc := ""
			if prm.Kind != nil {
				doc = prm.Kind.Expected
			}
			sig.Parameters = append(sig.Parameters, protocol.ParameterInformation{Label: label, Documentation: doc})
		}
		// Parameter labels as offsets in the signature would be exact; names work everywhere.
		active := call.Arg
		if active >= len(e.Params) && len(e.Params) > 0 && e.Params[len(e.Params)-1].Rest {
			active = len(e.Params) - 1
		}
		sig.ActiveParameter = uint32(active)
	case call.Def != nil && call.Def.Sig() != "":
		sig.Label = call.Def.Sig()
		if call.Def.Doc() != "" {
			sig.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: call.Def.Doc()}
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(call.Def.Sig(), "("), ")")
		fields := strings.Fields(inner)
		for _, f := range fields[1:] {
			if f == "." {
				continue
			}
			sig.Parameters = append(sig.Parameters, protocol.ParameterInformation{Label: f})
		}
		active := call.Arg
		if active >= len(sig.Parameters) && len(sig.Parameters) > 0 {
			active = len(sig.Parameters) - 1
		}
		sig.ActiveParameter = uint32(active)
	default:
		return nil, nil
	}
	return protocol.SignatureHelp{Signatures: []protocol.SignatureInformation{sig}, ActiveSignature: 0,
		ActiveParameter: sig.ActiveParameter}, nil
}
