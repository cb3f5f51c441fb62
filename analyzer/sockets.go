package analyzer

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// The socket checks: constants of the right kind in the right place, flags valid for the call,
// strings for node and service, domains and protocols that go together, the same family,
// domain and protocol from make-socket to bind and connect, and the order of the operations on
// a socket, wherever the bindings make them visible.

// The names the six socket syntax forms accept, and the constants they stand for.
var socketForms = map[string]struct {
	kind  string
	names map[string]string
	flags bool // several names are merged
}{
	"address-family":  {"family", map[string]string{"inet": "*af-inet*", "inet6": "*af-inet6*", "unspec": "*af-unspec*"}, false},
	"socket-domain":   {"domain", map[string]string{"stream": "*sock-stream*", "datagram": "*sock-dgram*", "raw": "*sock-raw*"}, false},
	"ip-protocol":     {"protocol", map[string]string{"ip": "*ipproto-ip*", "tcp": "*ipproto-tcp*", "udp": "*ipproto-udp*"}, false},
	"shutdown-method": {"shutdown", map[string]string{"read": "*shut-rd*", "write": "*shut-wr*"}, true},
	"message-type":    {"message", map[string]string{"none": "", "peek": "*msg-peek*", "oob": "*msg-oob*", "waitall": "*msg-waitall*", "wait-all": "*msg-waitall*"}, true},
	"address-info":    {"address-info", map[string]string{"canonname": "*ai-canonname*", "canoname": "*ai-canonname*", "numerichost": "*ai-numerichost*", "v4mapped": "*ai-v4mapped*", "all": "*ai-all*", "addrconfig": "*ai-addrconfig*"}, true},
}

var kindWords = map[string]string{"family": "an address family", "domain": "a socket domain",
	"protocol": "an IP protocol", "shutdown": "a shutdown method", "message": "a message flag",
	"address-info": "an address-info flag"}

// constVal is what the analyzer knows of an expression's constant value.
type constVal struct {
	kind  string   // the constants' kind ("family" ...); "" for a bare number or mixed kinds
	names []string // the constant names involved
	value int64
	raw   bool // a bare number
	mixed bool // merged from several kinds
}

// constOf evaluates an expression made of socket constants, syntax forms and flag merges.
func (a *analyzer) constOf(d *syntax.Datum, sc *scope) (constVal, bool) {
	switch d.Kind {
	case syntax.Number:
		if n := d.Number(); n.Exact && n.Int != nil && n.Int.IsInt64() {
			return constVal{value: n.Int.Int64(), raw: true}, true
		}
	case syntax.Symbol:
		if def := sc.lookup(d.Text); def != nil {
			if c, ok := a.constFor(def); ok {
				return c, true
			}
			return constVal{}, false
		}
		if e := a.builtins[d.Text]; e != nil && e.Kind == catalog.Constant {
			return constVal{kind: e.ConstKind, names: []string{e.Name}, value: e.Value}, true
		}
	case syntax.List:
		h := d.Head()
		if h == "" || sc.lookup(h) != nil {
			return constVal{}, false
		}
		if form, ok := socketForms[h]; ok && a.builtins[h] != nil {
			c := constVal{kind: form.kind}
			for _, n := range d.Elems[1:] {
				cn, ok := form.names[n.Text]
				if !ok || n.Kind != syntax.Symbol {
					return constVal{}, false
				}
				if cn != "" {
					c.names = append(c.names, cn)
					c.value |= catalog.Lookup(cn).Value
				}
			}
			if h == "shutdown-method" && len(c.names) == 2 {
				c.names, c.value = []string{"*shut-rdwr*"}, 2
			}
			return c, true
		}
		if (h == "socket-merge-flags" || h == "bitwise-ior") && a.builtins[h] != nil {
			var c constVal
			kinds := map[string]bool{}
			for _, x := range d.Elems[1:] {
				xc, ok := a.constOf(x, sc)
				if !ok {
					return constVal{}, false
				}
				if xc.raw && xc.value == 0 {
					continue
				}
				if xc.kind != "" {
					kinds[xc.kind] = true
				}
				c.names = append(c.names, xc.names...)
				c.value |= xc.value
				c.raw = c.raw || xc.raw
			}
			switch len(kinds) {
			case 0:
			case 1:
				for k := range kinds {
					c.kind = k
				}
			default:
				c.mixed = true
			}
			return c, true
		}
	}
	return constVal{}, false
}

// checkCall checks the arguments of a call of a builtin procedure against its signature.
func (a *analyzer) checkCall(d *syntax.Datum, e *catalog.Entry, sc *scope) {
	args := d.Elems[1:]
	vals := map[string]constVal{}
	// The constant arguments: their kind, the kind their place wants, and the index of the
	// socket-kind diagnostic about them, if any.
	type constArg struct {
		has, wants string
		diag       int
	}
	consts := map[int]constArg{}
	for i, arg := range args {
		p := e.ParamAt(i)
		if p == nil || p.Kind == nil {
			continue
		}
		k := p.Kind
		switch {
		case k.Consts != "":
			c, ok := a.constOf(arg, sc)
			if !ok {
				continue
			}
			vals[k.Consts] = c
			n := len(a.res.Diags)
			a.checkConst(e, p, arg, c)
			ca := constArg{has: c.kind, wants: k.Consts, diag: -1}
			if len(a.res.Diags) > n && a.res.Diags[n].Code == CodeSocketKind {
				ca.diag = n
			}
			if !c.mixed && !c.raw {
				consts[i] = ca
			}
		case k.Name == "node" || k.Name == "service":
			a.checkString(e, p, arg)
		}
		if (e.Name == "recv-socket" || e.Name == "socket-recv" || e.Name == "read-bytevector") && p.Name == "size" || (e.Name == "read-bytevector" && p.Name == "k") {
			a.checkSize(e, arg)
		}
	}
	// Two constants each in the other's place: offer to swap them.
	for i, ci := range consts {
		for j, cj := range consts {
			if i < j && ci.has != ci.wants && ci.has == cj.wants && cj.has == ci.wants {
				fix := Fix{Title: fmt.Sprintf("Swap the arguments %s and %s", args[i].String(), args[j].String()),
					Edits: []Edit{{File: a.cur.Name, Span: args[i].Span, NewText: a.text(args[j])},
						{File: a.cur.Name, Span: args[j].Span, NewText: a.text(args[i])}}}
				for _, n := range []int{ci.diag, cj.diag} {
					if n >= 0 {
						a.res.Diags[n].Fixes = append(a.res.Diags[n].Fixes, fix)
					}
				}
			}
		}
	}
	if dom, ok := vals["domain"]; ok {
		if proto, ok := vals["protocol"]; ok {
			a.checkProtocol(dom, proto, d)
		}
	}
}

// text returns the source text of a datum in the current file.
func (a *analyzer) text(d *syntax.Datum) string {
	if t := a.cur.Text(d.Span); t != "" {
		return t
	}
	return d.String()
}

// checkConst: a constant of the right kind (socket-kind), valid for this call (socket-flag);
// a bare number where a named constant belongs gets a hint (raw-constant).
func (a *analyzer) checkConst(e *catalog.Entry, p *catalog.Param, arg *syntax.Datum, c constVal) {
	k := p.Kind
	want := kindWords[k.Consts]
	switch {
	case c.mixed:
		a.diag(CodeSocketKind, Error, arg.Span, fmt.Sprintf("%s merges flags of different kinds (%s); %s of %s expects %s",
			arg.String(), strings.Join(c.names, ", "), p.Name, e.Name, want))
		return
	case c.raw && c.kind == "":
		if c.value == 0 && (k.Flags || k.Consts == "protocol" || k.Consts == "family") {
			return // 0: no flags, the default protocol — idiomatic as it is
		}
		names := constNames(k, c.value)
		if names == nil {
			a.diag(CodeSocketKind, Error, arg.Span, fmt.Sprintf("%d is not %s (%s of %s)", c.value, want, p.Name, e.Name))
			return
		}
		if len(names) == 1 {
			a.diag(CodeRawConstant, Hint, arg.Span, fmt.Sprintf("%d here means %s", c.value, names[0]),
				Fix{Title: "Replace " + strconv.FormatInt(c.value, 10) + " with " + names[0],
					Edits: []Edit{{Span: arg.Span, NewText: names[0]}}})
		}
		return
	case c.kind != "" && c.kind != k.Consts:
		a.diag(CodeSocketKind, Error, arg.Span, fmt.Sprintf("%s is %s, but %s of %s expects %s here%s",
			strings.Join(c.names, " "), kindWords[c.kind], p.Name, e.Name, want, swapHint(e, c.kind)))
		return
	}
	if len(k.Only) > 0 {
		for _, n := range c.names {
			if !contains(k.Only, n) {
				a.diag(CodeSocketFlag, Error, arg.Span, fmt.Sprintf("%s is not valid for %s: %s takes %s", n, e.Name, p.Name, k.Expected))
			}
		}
	}
}

// swapHint says which parameter a constant of that kind belongs to, when the call has one.
func swapHint(e *catalog.Entry, kind string) string {
	for _, q := range e.Params {
		if q.Kind != nil && q.Kind.Consts == kind {
			return fmt.Sprintf(" (arguments swapped? it belongs in %s)", q.Name)
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// constNames returns the names of the constants of a kind with that value, or nil.
func constNames(k *catalog.ArgKind, v int64) []string {
	var out []string
	for _, c := range catalog.ConstantsOf(k.Consts) {
		if c.Value == v && (len(k.Only) == 0 || contains(k.Only, c.Name)) {
			out = append(out, c.Name)
		}
	}
	if out == nil && k.Flags {
		// A merge of flags: valid when every bit is one of the kind's.
		var mask int64
		for _, c := range catalog.ConstantsOf(k.Consts) {
			if len(k.Only) == 0 || contains(k.Only, c.Name) {
				mask |= c.Value
			}
		}
		if v&^mask == 0 {
			return []string{}
		}
	}
	return out
}

// checkString: node and service are strings (socket-string).
func (a *analyzer) checkString(e *catalog.Entry, p *catalog.Param, arg *syntax.Datum) {
	var text string
	switch arg.Kind {
	case syntax.Number:
		text = arg.Text
	case syntax.Quote:
		if len(arg.Elems) == 1 && (arg.Elems[0].Kind == syntax.Symbol || arg.Elems[0].Kind == syntax.Number) {
			text = arg.Elems[0].String()
		}
	case syntax.Char, syntax.Boolean:
		a.diag(CodeSocketString, Error, arg.Span, fmt.Sprintf("%s of %s must be a string", p.Name, e.Name))
		return
	}
	if text == "" {
		return
	}
	a.diag(CodeSocketString, Error, arg.Span, fmt.Sprintf("%s of %s must be a string, not %s", p.Name, e.Name, arg.String()),
		Fix{Title: "Make it the string " + strconv.Quote(text), Edits: []Edit{{Span: arg.Span, NewText: strconv.Quote(text)}}})
}

// checkSize: a literal receive size is an exact non-negative integer (recv-size).
func (a *analyzer) checkSize(e *catalog.Entry, arg *syntax.Datum) {
	if arg.Kind != syntax.Number {
		return
	}
	n := arg.Number()
	switch {
	case !n.Exact || n.Int == nil:
		a.diag(CodeRecvSize, Error, arg.Span, fmt.Sprintf("the size of %s must be an exact integer, not %s", e.Name, arg.Text))
	case n.Int.Sign() < 0:
		a.diag(CodeRecvSize, Error, arg.Span, fmt.Sprintf("the size of %s must not be negative", e.Name))
	}
}

// checkProtocol: datagram goes with udp, stream with tcp (socket-protocol).
func (a *analyzer) checkProtocol(dom, proto constVal, d *syntax.Datum) {
	if dom.kind != "domain" || proto.kind != "protocol" {
		return
	}
	switch {
	case dom.value == 2 && proto.value == 6:
		a.diag(CodeSocketProtocol, Error, d.Span, "a datagram socket cannot use TCP: use *ipproto-udp* or *ipproto-ip*")
	case dom.value == 1 && proto.value == 17:
		a.diag(CodeSocketProtocol, Error, d.Span, "a stream socket cannot use UDP: use *ipproto-tcp* or *ipproto-ip*")
	}
}

// socketForm checks the socket syntax forms: known names (socket-constant), and literals not
// shadowed by local bindings (socket-literal).
func (a *analyzer) socketForm(kw string, d *syntax.Datum, sc *scope) {
	form, ok := socketForms[kw]
	if !ok {
		a.exprs(d.Elems[1:], sc)
		return
	}
	args := d.Elems[1:]
	if len(args) == 0 && !form.flags {
		a.diag(CodeSocketConstant, Error, d.Span, fmt.Sprintf("%s: expected one of %s", kw, strings.Join(sortedKeys(form.names), ", ")))
		return
	}
	if kw == "shutdown-method" && len(args) > 2 {
		a.diag(CodeSocketConstant, Error, d.Span, "shutdown-method: expected read, write, or read write")
	}
	if !form.flags && len(args) > 1 {
		a.diag(CodeSocketConstant, Error, d.Span, fmt.Sprintf("%s takes one name", kw))
	}
	for _, n := range args {
		if n.Kind != syntax.Symbol {
			a.diag(CodeSocketConstant, Error, n.Span, fmt.Sprintf("%s: expected a name, not %s", kw, n.String()))
			continue
		}
		if _, ok := form.names[n.Text]; !ok {
			msg := fmt.Sprintf("%s: unknown name %s; expected one of %s", kw, n.Text, strings.Join(sortedKeys(form.names), ", "))
			var fixes []Fix
			if best := closest(n.Text, sortedKeys(form.names)); best != "" {
				msg = fmt.Sprintf("%s: unknown name %s; did you mean %s?", kw, n.Text, best)
				fixes = append(fixes, Fix{Title: "Change to " + best, Edits: []Edit{{Span: n.Span, NewText: best}}})
			}
			a.diag(CodeSocketConstant, Error, n.Span, msg, fixes...)
			continue
		}
		if form.flags && kw != "shutdown-method" {
			continue // message-type and address-info look their names up when they run
		}
		if why := a.literalMismatch(n, sc); why != "" {
			// What is wrong first (the form), then why, then what Foment says of it.
			a.diag(CodeSocketLiteral, Error, n.Span, fmt.Sprintf("(%s %s) does not match: %s (Foment: \"syntax-rules: unable to match pattern\")",
				kw, n.Text, why))
		}
	}
}

// literalMismatch says why the name n, written where a socket form expects a literal, does not
// match it as Foment matches it ("" when it does; interp/literals.go is the interpreter's
// side): the literals are bound in (foment base) as they are there (read and write to the
// procedures, the others to nothing), and a use matches when its binding has the same value
// when the use is expanded. A local binding never does; a global defined by (define (tcp) …)
// has its value from the moment Foment meets the definition, which is after the bodies of the
// procedure definitions before it and before every expression; (define tcp 1) gets its value
// when it runs, too late to matter.
func (a *analyzer) literalMismatch(n *syntax.Datum, sc *scope) string {
	def := sc.lookup(n.Text)
	if e := catalog.Lookup(n.Text); e != nil && slices.Contains(e.Libs, "foment base") {
		// read, write: the use must mean (foment base)'s procedure.
		switch {
		case def != nil && !def.TopLevel:
			return fmt.Sprintf("the local binding of %s (line %d) hides the literal", n.Text, a.defLine(def))
		case def != nil:
			return fmt.Sprintf("the definition of %s (line %d) hides the literal", n.Text, a.defLine(def))
		case a.builtins[n.Text] == nil && !a.noBuiltinsKnown && !a.unknownImport:
			return fmt.Sprintf("the literal means (foment base)'s %s, and %s is not imported here%s", n.Text, n.Text, importHint(e))
		}
		return ""
	}
	switch {
	case def == nil:
		return ""
	case !def.TopLevel:
		return fmt.Sprintf("the local binding of %s (line %d) hides the literal", n.Text, a.defLine(def))
	case def == a.importedDefs[n.Text]:
		return fmt.Sprintf("%s is imported from (%s), which gives it a value: it hides the literal", n.Text, a.imported[n.Text])
	case def.Kind == DefMacro:
		return fmt.Sprintf("the syntax %s (line %d) hides the literal", n.Text, a.defLine(def))
	case def.procForm() && def.File == a.cur.Name && !a.expandedBefore(def):
		return fmt.Sprintf("the procedure definition of %s (line %d) hides the literal", n.Text, a.defLine(def))
	}
	return ""
}

// expandedBefore reports whether the form being analysed is expanded before Foment meets the
// procedure definition def: it is in the body of a procedure definition of the same body that
// comes before def, or in def's own.
func (a *analyzer) expandedBefore(def *Def) bool {
	for _, p := range a.parents {
		if p.TopLevel && p.procForm() && p.File == def.File {
			return p == def || p.Form.Start < def.Form.Start
		}
	}
	return false
}

// importHint names a standard library that exports e: ": import (scheme read)".
func importHint(e *catalog.Entry) string {
	for _, l := range e.Libs {
		if strings.HasPrefix(l, "scheme ") {
			return ": import (" + l + ")"
		}
	}
	return ""
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// closest returns the candidate nearest to s by edit distance, if it is near enough.
func closest(s string, cands []string) string {
	best, bestD := "", 1<<30
	for _, c := range cands {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(s)/3) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	// Optimal string alignment: a transposition of neighbours (lenght) is one edit, the
	// commonest slip of the fingers.
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	pp, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}

// ---- what flows through bindings ----

// sockInit records the socket constant a binding's initial value is, if it is one. (What
// happens to sockets, through bindings and procedures, is the flow analysis's: typestate.go.)
func (a *analyzer) sockInit(def *Def, init *syntax.Datum, sc *scope) {
	if def == nil || init == nil {
		return
	}
	if c, ok := a.constOf(init, sc); ok {
		a.setConst(def, c)
	}
}

// sockForget drops what was known of a binding that is assigned.
func (a *analyzer) sockForget(def *Def) {
	a.forgetState(def)
}
