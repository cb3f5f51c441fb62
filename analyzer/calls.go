package analyzer

import (
	"fmt"
	"strconv"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// Calls in the flow analysis: builtins (checked against their signatures, socket operations
// moving sockets through their states), user procedures (inlined, or through their summaries)
// and procedures the analysis does not know.

// Diagnostic codes of the flow analysis.
const (
	CodeArgKind       = "arg-kind"
	CodeSocketAddress = "socket-address"
	CodeSocketLeak    = "socket-leak"
)

func canonical(e *catalog.Entry) string {
	if e.Alias != "" {
		return e.Alias
	}
	return e.Name
}

// builtin evaluates a call of a builtin procedure.
func (fl *flow) builtin(e *catalog.Entry, d *syntax.Datum, st *state) value {
	name := canonical(e)
	args := d.Elems[1:]
	switch name {
	case "call-with-socket", "call-with-port":
		if len(args) == 2 && isLambdaForm(fl, args[1], 1) {
			sv := fl.expr(args[0], st)
			fl.builtinChecks(e, d, []value{sv, {k: kProc}}, st)
			v := fl.inlineVals(fl.lambdaInfo(args[1], nil, ""), []value{sv}, d, st)
			if !st.dead && sv.obj != nil {
				fl.sockOp(sv.obj, opClose, 0, name, d, args[0], nil, st)
			}
			return v
		}
	case "dynamic-wind":
		if len(args) == 3 && isLambdaForm(fl, args[0], 0) && isLambdaForm(fl, args[1], 0) && isLambdaForm(fl, args[2], 0) {
			fl.inlineVals(fl.lambdaInfo(args[0], nil, ""), nil, d, st)
			v := fl.inlineVals(fl.lambdaInfo(args[1], nil, ""), nil, d, st)
			fl.inlineVals(fl.lambdaInfo(args[2], nil, ""), nil, d, st)
			return v
		}
	case "call-with-current-continuation", "call/cc":
		if len(args) == 1 && isLambdaForm(fl, args[0], 1) {
			return fl.callcc(args[0], d, st)
		}
	case "with-exception-handler":
		if len(args) == 2 && isLambdaForm(fl, args[1], 0) {
			fl.escape(fl.expr(args[0], st), st)
			fl.caught++
			v := fl.inlineVals(fl.lambdaInfo(args[1], nil, ""), nil, d, st)
			fl.caught--
			return v
		}
	case "run-thread", "make-thread":
		if len(args) >= 1 && isLambdaForm(fl, args[0], 0) {
			p := fl.lambdaInfo(args[0], nil, "")
			for _, o := range fl.captures(p, st) {
				if f := st.sock(o); f != nil {
					f.thread = &origin{file: fl.file, span: fl.span(d.Span), what: name}
				}
			}
			fl.standalone(p, st)
			for _, a := range args[1:] {
				fl.expr(a, st)
			}
			if name == "run-thread" {
				st.havocEscaped()
			}
			return value{k: kOther}
		}
	}
	var buf [8]value
	vals := buf[:0]
	for _, a := range args {
		vals = append(vals, fl.expr(a, st))
	}
	if st.dead {
		return value{}
	}
	if len(vals) >= e.Min && (e.Max < 0 || len(vals) <= e.Max) {
		// (A call with the wrong number of arguments is reported as that alone.)
		fl.builtinChecks(e, d, vals, st)
	}
	return fl.builtinResult(e, name, d, vals, st)
}

// isLambdaForm: d is (lambda formals body ...) with n required parameters.
func isLambdaForm(fl *flow, d *syntax.Datum, n int) bool {
	if d.Kind != syntax.List || len(d.Elems) < 3 {
		return false
	}
	if kw, _ := fl.keyword(d); kw != "lambda" {
		return false
	}
	f := d.Elems[1]
	return f.Kind == syntax.List && len(f.Elems) == n && f.Tail() == nil
}

// callcc: (call/cc (lambda (k) body)): the body runs now; calling k leaves it with a value.
func (fl *flow) callcc(lam *syntax.Datum, d *syntax.Datum, st *state) value {
	p := fl.lambdaInfo(lam, nil, "")
	kdef := fl.def(lam.Elems[1].Elems[0])
	cf := &contFrame{}
	k := &procInfo{name: "continuation", cont: cf}
	if kdef != nil {
		// A continuation that escapes (into data, another procedure) may be called at any
		// time: then the body may end anywhere.
		for _, r := range kdef.Refs {
			if !fl.followed[r] {
				cf.states = append(cf.states, fl.widened(st))
				cf.vals = append(cf.vals, unknown)
				break
			}
		}
	}
	v := fl.inlineVals(p, []value{{k: kProc, proc: k}}, d, st)
	for i, s := range cf.states {
		v = fl.mergeInto(st, v, s, cf.vals[i])
	}
	return v
}

// builtinChecks checks the arguments of a call of a builtin against its signature, and records
// what the procedure being summarised requires of its parameters.
func (fl *flow) builtinChecks(e *catalog.Entry, d *syntax.Datum, vals []value, st *state) {
	for i, v := range vals {
		p := e.ParamAt(i)
		if p == nil || p.Kind == nil {
			continue
		}
		arg := d.Elems[i+1]
		acc := accepts(p.Kind)
		if v.param > 0 && acc != kAll {
			fl.demand(v, acc, p.Kind, canonical(e), i, d, st)
		}
		if v.param > 0 && p.Kind.Consts != "" {
			fl.demandConst(v, p.Kind, canonical(e), d, st)
		}
		if !fl.reporting() {
			continue
		}
		if acc != kAll && v.known() {
			fl.checkKind(canonical(e), i, p, arg, v, acc, d)
		}
		fl.checkValue(canonical(e), i, p, arg, v, d)
	}
}

// reporting: diagnostics are wanted here.
func (fl *flow) reporting() bool { return fl.emit && fl.caught == 0 }

// ordinal names an argument by its place.
func ordinal(i int) string {
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if i < len(words) {
		return words[i]
	}
	return strconv.Itoa(i+1) + "th"
}

// argName says what an argument is in a message: the variable it names, or its text.
func argName(arg *syntax.Datum) string {
	if arg.Kind == syntax.Symbol {
		return arg.Text
	}
	s := arg.String()
	if len(s) > 30 {
		s = s[:27] + "..."
	}
	return s
}

// checkKind reports an argument of no class the parameter accepts (it must fail: an error),
// or one that may be the end-of-file object or #f where they are not accepted (a warning).
func (fl *flow) checkKind(callee string, i int, p *catalog.Param, arg *syntax.Datum, v value, acc kset, d *syntax.Datum) {
	if fl.oldChecks(callee, p, arg) {
		return
	}
	what := func() string {
		return fmt.Sprintf("the %s argument of %s must be %s", ordinal(i), callee, argPhrase(p.Kind))
	}
	if v.k&acc == 0 {
		code := CodeArgKind
		if p.Kind.Name == "node" || p.Kind.Name == "service" {
			code = CodeSocketString
		}
		if v.k == kNeg && acc&kNonNeg != 0 {
			if isRecvSize(callee, p) {
				code = CodeRecvSize
			}
			val := "negative"
			if v.hasN {
				val = strconv.FormatInt(v.n, 10)
			}
			msg := fmt.Sprintf("the %s argument of %s must not be negative, but %s is %s", ordinal(i), callee, argName(arg), val)
			if arg.Kind == syntax.Number {
				msg = fmt.Sprintf("the %s argument of %s must not be negative", ordinal(i), callee)
			}
			fl.report(code, Error, arg.Span, msg, v.related()...)
			return
		}
		msg := what() + ", not " + v.describe(nil)
		if arg.Kind == syntax.Symbol || arg.Kind == syntax.List {
			msg = fmt.Sprintf("%s, but %s is %s", what(), argName(arg), v.describe(nil))
		}
		fl.report(code, Error, arg.Span, msg, v.related()...)
		return
	}
	if bad := v.k &^ acc; bad != 0 && v.from != nil && bad&^v.from.nullable == 0 && fl.untested(arg) {
		msg := fmt.Sprintf("%s, but %s may be %s: %s", what(), argName(arg), kindText(bad), v.from.what)
		fl.report(CodeArgKind, Warning, arg.Span, msg, v.related()...)
	}
}

// untested: the argument is not a variable that the program tests anywhere (a program that
// tests it handles the case; the flow may not see how).
func (fl *flow) untested(arg *syntax.Datum) bool {
	if arg.Kind != syntax.Symbol {
		return true
	}
	r := fl.ref(arg)
	return r == nil || r.Def == nil || !fl.tested[r.Def]
}

// oldChecks: literal arguments the per-call socket checks (sockets.go) report already.
func (fl *flow) oldChecks(callee string, p *catalog.Param, arg *syntax.Datum) bool {
	k := p.Kind
	switch {
	case k.Name == "node" || k.Name == "service":
		switch arg.Kind {
		case syntax.Number, syntax.Quote, syntax.Char, syntax.Boolean:
			return true
		}
	case k.Consts != "" || isRecvSize(callee, p):
		if arg.Kind == syntax.Number {
			return true
		}
	}
	return false
}

func (v value) related() []Location {
	if v.from == nil || v.from.file == "" {
		return nil
	}
	return []Location{{File: v.from.file, Span: v.from.span, Message: v.from.what}}
}

// checkValue reports constants out of a parameter's range (a byte above 255) and socket
// constants of another kind held in variables.
func (fl *flow) checkValue(callee string, i int, p *catalog.Param, arg *syntax.Datum, v value, d *syntax.Datum) {
	k := p.Kind
	if !isExactInt(v.k) {
		return
	}
	if v.cst != nil && k.Consts != "" && arg.Kind == syntax.Symbol && !fl.constBound(arg) {
		if v.cst.kind != k.Consts {
			fl.report(CodeSocketKind, Error, arg.Span, fmt.Sprintf("%s is %s (%s), but the %s argument of %s must be %s",
				argName(arg), kindWords[v.cst.kind], strings.Join(v.cst.names, " "), ordinal(i), callee, kindWords[k.Consts]), v.related()...)
		}
		return
	}
	if v.hasN && k.Name == "byte" && v.n > 255 {
		msg := fmt.Sprintf("the %s argument of %s must be a byte (0 to 255), not %d", ordinal(i), callee, v.n)
		if arg.Kind != syntax.Number {
			msg = fmt.Sprintf("the %s argument of %s must be a byte (0 to 255), but %s is %d", ordinal(i), callee, argName(arg), v.n)
		}
		fl.report(CodeArgKind, Error, arg.Span, msg)
	}
}

func isRecvSize(callee string, p *catalog.Param) bool {
	return (callee == "recv-socket" || callee == "socket-recv") && p.Name == "size" || callee == "read-bytevector" && p.Name == "k"
}

// constBound: a variable the per-call socket checks already know the constant of.
func (fl *flow) constBound(arg *syntax.Datum) bool {
	r := fl.ref(arg)
	if r == nil {
		return true
	}
	if r.Entry != nil {
		return true
	}
	_, ok := fl.oldConsts[r.Def]
	return ok
}

// report adds a diagnostic in the file being walked.
func (fl *flow) report(code string, sev Severity, span syntax.Extent, msg string, related ...Location) {
	fl.diags = append(fl.diags, Diagnostic{File: fl.file, Code: code, Severity: sev, Span: fl.span(span), Message: msg, Related: related})
}

// ---- what procedures require of their parameters ----

// demand is a use that requires something of a parameter: "serve passes it to recv-socket
// (server.scm:14)".
type demand struct {
	callee string           // the builtin that requires it
	kind   *catalog.ArgKind // what it requires
	pos    int
	via    []string // the user procedures it was passed through, outermost first
	file   string
	span   syntax.Span
}

// text says why: "`serve` passes it to `recv-socket` (server.scm:14)".
func (dm *demand) text(fl *flow, proc string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "`%s` passes it to ", proc)
	for _, v := range dm.via {
		fmt.Fprintf(&b, "`%s`, which passes it to ", v)
	}
	fmt.Fprintf(&b, "`%s` (%s)", dm.callee, fl.at(dm.file, dm.span))
	return b.String()
}

// demand records that the value, a parameter of the procedure being summarised, must be of the
// classes acc here.
func (fl *flow) demand(v value, acc kset, kind *catalog.ArgKind, callee string, pos int, d *syntax.Datum, st *state) {
	if allowed, ok := fl.requirement(v, acc, st); ok {
		st.require(v.param, allowed, &demand{callee: callee, kind: kind, file: fl.file, span: fl.span(d.Span), pos: pos})
	}
}

// demandVia records that a parameter must be what a procedure it is passed to requires.
func (fl *flow) demandVia(v value, acc kset, why *demand, via string, st *state) {
	if allowed, ok := fl.requirement(v, acc, st); ok {
		chained := *why
		chained.via = append([]string{via}, why.via...)
		st.require(v.param, allowed, &chained)
	}
}

// requirement: what a use that accepts acc requires of the parameter v is (the classes it may
// be then), when it requires something new on this path.
func (fl *flow) requirement(v value, acc kset, st *state) (kset, bool) {
	if fl.ctx == nil || fl.ctx.sum == nil || fl.caught > 0 || fl.standal > 0 || v.param > len(fl.ctx.sum.need) {
		return 0, false
	}
	fl.ctx.sum.uses[v.param-1] |= acc & v.k
	allowed := acc | (^v.k & kAll)
	if allowed == kAll {
		return 0, false
	}
	if n := st.need(v.param); n != nil && n.k&^allowed == 0 {
		return 0, false // required already
	}
	return allowed, true
}

// demandConst records that a parameter must be a socket constant of a kind (through make-socket
// and the other socket procedures).
func (fl *flow) demandConst(v value, k *catalog.ArgKind, callee string, d *syntax.Datum, st *state) {
	if fl.ctx == nil || fl.ctx.sum == nil || fl.caught > 0 || fl.standal > 0 || v.param > len(fl.ctx.sum.need) || v.cst != nil {
		return
	}
	s := fl.ctx.sum
	if s.consts[v.param-1] == nil {
		s.consts[v.param-1] = &demand{callee: callee, kind: k, file: fl.file, span: fl.span(d.Span)}
	}
}

// ---- results ----

// builtinResult is the value of a call of a builtin, with its effect on sockets.
func (fl *flow) builtinResult(e *catalog.Entry, name string, d *syntax.Datum, vals []value, st *state) value {
	res := value{k: resultOf(e)}
	if res.k == 0 {
		st.dead = true
		return value{}
	}
	arg := func(i int) value {
		if i < len(vals) {
			return vals[i]
		}
		return value{}
	}
	argD := func(i int) *syntax.Datum {
		if i+1 < len(d.Elems) {
			return d.Elems[i+1]
		}
		return d
	}
	// Sockets the call does not operate on go where the analysis cannot follow them.
	for i, v := range vals {
		if v.obj != nil && !keepsArg(e, name, i) {
			fl.giveTo(v, st)
		}
	}
	if takesProcedure(e) || name == "eval" || name == "load" {
		st.havocEscaped()
		clearThreads(st)
	}
	switch name {
	case "make-socket":
		o := fl.alloc(d, st, 1<<qFresh)
		o.family, o.domain, o.protocol = constOfKind(arg(0), "family"), constOfKind(arg(1), "domain"), constOfKind(arg(2), "protocol")
		res.obj = o
	case "make-client-socket", "make-server-socket":
		o := fl.alloc(d, st, 1<<qConnected)
		fam := 2
		o.family = &constVal{kind: "family", names: []string{"*af-inet*"}, value: 2}
		o.domain = &constVal{kind: "domain", names: []string{"*sock-stream*"}, value: 1}
		if name == "make-client-socket" {
			if c := constOfKind(arg(2), "family"); c != nil {
				o.family, fam = c, int(c.value)
			}
			if c := constOfKind(arg(3), "domain"); c != nil {
				o.domain = c
			}
			flags, hasFlags := int64(8|32), true
			if len(vals) > 4 {
				flags, hasFlags = arg(4).n, arg(4).hasN
			}
			if len(vals) > 2 && constOfKind(arg(2), "family") == nil {
				fam = -1
			}
			fl.checkAddress(name, argD(0), arg(0), fam, flags, hasFlags)
			st.sock(o).addr = address(arg(0).str, arg(1).str)
		} else {
			st.sock(o).rows = sameRows(1 << qListening)
			if c := constOfKind(arg(1), "family"); c != nil {
				o.family = c
			}
			if c := constOfKind(arg(2), "domain"); c != nil {
				o.domain = c
			}
			empty := ""
			st.sock(o).addr = address(&empty, arg(0).str)
		}
		res.obj = o
	case "accept-socket", "socket-accept":
		l := arg(0)
		fl.sockOp(l.obj, opAccept, 0, name, d, argD(0), vals, st)
		if st.dead {
			return value{}
		}
		o := fl.alloc(d, st, 1<<qConnected)
		if l.obj != nil {
			o.family, o.domain, o.protocol = l.obj.family, l.obj.domain, l.obj.protocol
		}
		res.obj = o
	case "socket-input-port", "socket-output-port":
		if v := arg(0); v.k&kSocket != 0 {
			return v.narrow(kSocket)
		}
	case "close-input-port", "close-output-port":
		if o := arg(0).obj; o != nil {
			fl.lose(o, st)
		}
	case "thread-join!", "condition-wait", "mutex-lock!", "enter-exclusive", "join-timeout":
		clearThreads(st)
	case "+", "-", "*":
		return fl.arith(name, vals)
	case "socket-merge-flags", "bitwise-ior":
		return mergeFlags(vals)
	case "read-line", "read-string", "read-char", "read":
		// Standard input read until its end: a program that does not test for the end fails
		// there. (A port the program made, a string's or a file's, holds what it knows; binary
		// reads are left alone: protocols know how much will come.)
		port := len(vals)
		if name == "read-string" {
			port--
		}
		stdin := port == 0 || port == 1 && d.Elems[len(d.Elems)-1].Head() == "current-input-port"
		if res.k&kEof != 0 && stdin {
			res.from = &origin{file: fl.file, span: fl.span(d.Span), nullable: kEof, reader: name,
				what: name + " returns the end-of-file object at the end of its input"}
		}
	}
	if op, ok := socketOps[name]; ok && op.at < len(vals) {
		v := vals[op.at]
		var how uint8
		if op.op == opShutdown {
			how = howOf(arg(1))
		}
		fl.sockOp(v.obj, op.op, how, name, d, argD(op.at), vals, st)
	}
	return res
}

// constOfKind is the socket constant of a kind a value is, or nil (a constant of another kind
// is a mistake reported where it is passed; what follows from it is not known).
func constOfKind(v value, kind string) *constVal {
	if v.cst != nil && v.cst.kind == kind && len(v.cst.names) == 1 {
		return v.cst
	}
	return nil
}

// socketOps: the builtins that operate on a socket, and the argument that is the socket.
var socketOps = map[string]struct {
	op sockOp
	at int
}{
	"bind-socket": {opBind, 0}, "listen-socket": {opListen, 0}, "connect-socket": {opConnect, 0},
	"send-socket": {opSend, 0}, "socket-send": {opSend, 0}, "recv-socket": {opRecv, 0}, "socket-recv": {opRecv, 0},
	"shutdown-socket": {opShutdown, 0}, "socket-shutdown": {opShutdown, 0},
	"close-port": {opClose, 0}, "socket-close": {opClose, 0},
	"write-bytevector": {opSend, 1}, "write-u8": {opSend, 1}, "flush-output-port": {opSend, 0},
	"read-bytevector": {opRecv, 1}, "read-bytevector!": {opRecv, 1}, "read-u8": {opRecv, 0},
	"peek-u8": {opRecv, 0}, "u8-ready?": {opRecv, 0},
}

// howOf: the shutdown method of a constant (bit 0 read, bit 1 write), 0 when unknown.
func howOf(v value) uint8 {
	if !v.hasN {
		return 0
	}
	switch v.n {
	case 0:
		return 1
	case 1:
		return 2
	case 2:
		return 3
	}
	return 0
}

// keepsArg: the builtin uses the argument without keeping it (it operates on a port, tests or
// prints it).
func keepsArg(e *catalog.Entry, name string, i int) bool {
	if strings.HasSuffix(name, "?") {
		return true
	}
	switch name {
	case "eq?", "eqv?", "equal?", "display", "write", "write-simple", "write-shared", "socket-input-port",
		"socket-output-port", "accept-socket", "socket-accept", "close-input-port", "close-output-port":
		return true
	}
	p := e.ParamAt(i)
	if p == nil || p.Kind == nil {
		return false
	}
	a := accepts(p.Kind)
	return a != kAll && a&^(kPorts) == 0
}

// takesProcedure: the builtin may call a procedure it is given (any code may run).
func takesProcedure(e *catalog.Entry) bool { return infoOf(e).takesProc }

func clearThreads(st *state) {
	for i := range st.socks {
		st.socks[i].thread = nil
	}
}

// arith folds + - * of exact integer constants (a size computed from constants is known).
func (fl *flow) arith(name string, vals []value) value {
	out := value{k: kExactInt, hasN: true}
	if name == "*" {
		out.n = 1
	}
	inexact, zero := false, false
	for _, v := range vals {
		inexact = inexact || v.k == kInexact
		zero = zero || v.hasN && v.n == 0
	}
	for i, v := range vals {
		if !isExactInt(v.k) {
			if inexact && !(zero && name == "*") {
				return value{k: kInexact} // inexact is contagious (but (* 0 x) may be exact)
			}
			return value{k: kNumber}
		}
		if !v.hasN || !out.hasN {
			out.hasN = false
			continue
		}
		switch {
		case name == "+":
			out.n += v.n
		case name == "*":
			out.n *= v.n
		case i == 0 && len(vals) == 1:
			out.n = -v.n
		case i == 0:
			out.n = v.n
		default:
			out.n -= v.n
		}
		if out.n > 1<<40 || out.n < -(1<<40) {
			out.hasN = false
		}
	}
	if !out.hasN {
		return value{k: kExactInt}
	}
	return intValue(out.n)
}

// mergeFlags is socket-merge-flags of constants.
func mergeFlags(vals []value) value {
	out := value{k: kExactInt, hasN: true}
	c := &constVal{}
	kinds := map[string]bool{}
	for _, v := range vals {
		if !isExactInt(v.k) || !v.hasN {
			return value{k: kExactInt}
		}
		out.n |= v.n
		if v.cst != nil {
			kinds[v.cst.kind] = true
			c.kind = v.cst.kind
			c.names = append(c.names, v.cst.names...)
		} else if v.n != 0 {
			return intValue(out.n)
		}
	}
	c.value = out.n
	res := intValue(out.n)
	if len(kinds) == 1 {
		res.cst = c
	}
	return res
}

// alloc makes the socket a call returns (one per call site: a loop makes it again each time
// round, and the one of the last time must have been closed).
func (fl *flow) alloc(site *syntax.Datum, st *state, s qset) *sockObj {
	key := allocKey{fl.file, int(site.Span.Start)}
	o := fl.objs[key]
	if o == nil {
		o = &sockObj{made: &origin{file: fl.file, span: fl.span(site.Span), what: site.Head()}, local: fl.ctx != nil}
		fl.objs[key] = o
		if fl.ctx != nil {
			fl.ctx.made = append(fl.ctx.made, o)
		}
	} else if f := st.sock(o); f != nil && fl.reporting() && o.local && !f.escaped && f.rows.any()&^(1<<qClosed) != 0 && f.rows.any() != qAll {
		fl.leak(o, f, site, "before "+site.Head()+" makes the next one here")
	}
	f := st.addSock(sockFact{obj: o, rows: sameRows(s)})
	f.setLast(fl.file, site, lastMade, site.Head())
	return o
}

type allocKey struct {
	file string
	off  int
}

// leak reports a socket that is not closed on some path.
func (fl *flow) leak(o *sockObj, f *sockFact, site *syntax.Datum, when string) {
	name := o.name
	if name == "" {
		name = "the socket " + o.made.what + " returns"
	}
	fl.inFile(o.made.file, func() {
		fl.report(CodeSocketLeak, Hint, o.made.span.Extent(), fmt.Sprintf("%s (%s) is not closed on some path %s", name, statesText(f.rows.any(), ""), when))
	})
}

// ---- socket operations ----

var opNames = map[sockOp]string{opBind: "bind", opListen: "listen", opAccept: "accept", opConnect: "connect",
	opSend: "send", opRecv: "receive", opShutdown: "shutdown", opClose: "close"}

// sockOp applies an operation to a socket the flow follows, and reports the operation when it
// cannot work in any state the socket may be in.
func (fl *flow) sockOp(o *sockObj, op sockOp, how uint8, name string, d, arg *syntax.Datum, vals []value, st *state) {
	f := st.sock(o)
	if f == nil {
		return
	}
	if op == opBind || op == opConnect {
		fl.checkSocketArgs(o, name, d, vals)
	}
	if op == opClose && f.thread != nil && fl.reporting() {
		fl.report(CodeSocketLifecyle, Warning, d.Span, fmt.Sprintf("%s closes %s while the thread started at line %d may still use it (join the thread first, or close it in the thread)",
			name, argName(arg), fl.line(f.thread.file, f.thread.span)), Location{File: f.thread.file, Span: f.thread.span, Message: "the thread is started here"})
	}
	var next rows
	allBad, any := true, false
	var probs []problem
	var failed qset
	hyp := o.param > 0 // rows are hypotheses on what a caller passes
	for q0, s := range f.rows {
		if s == 0 {
			continue
		}
		any = true
		var ns qset
		rowBad := true
		var rowProb problem
		if hyp && f.failed&(1<<q0) != 0 {
			// A caller that passes this state failed before here already.
			for q := qstate(0); q < nQ; q++ {
				if s&(1<<q) != 0 {
					n, _ := step(op, how, q, o.stream(), o.dgram())
					ns |= n
				}
			}
			next[q0] = ns
			continue
		}
		for q := qstate(0); q < nQ; q++ {
			if s&(1<<q) == 0 {
				continue
			}
			n, p := step(op, how, q, o.stream(), o.dgram())
			ns |= n
			if p == pNone {
				rowBad = false
			} else if rowProb == pNone || !p.warningOnly() {
				rowProb = p
			}
		}
		next[q0] = ns
		if rowBad {
			probs = append(probs, rowProb)
			if !rowProb.warningOnly() {
				failed |= 1 << q0
			}
		} else {
			allBad = false
		}
	}
	var fail *failure
	if failed != 0 {
		fail = &failure{op: name, file: fl.file, span: fl.span(d.Span)}
	}
	if o.param > 0 && fl.ctx != nil && fl.ctx.sum != nil && fl.caught == 0 && fl.standal == 0 && o.param <= len(fl.ctx.sum.eff) {
		e := fl.ctx.sum.effect(o.param - 1)
		for q0 := qstate(0); q0 < nQ; q0++ {
			if failed&(1<<q0) != 0 && e.fail[q0] == nil {
				e.fail[q0] = fail
			}
		}
		f.failed |= failed
	}
	if any && allBad && len(probs) > 0 && fl.reporting() {
		// One use after close is reported on a path, not each one that follows it.
		closed := f.liveStates() == 1<<qClosed
		if !closed || !f.reported {
			fl.reportState(o, f, op, name, d, arg, probs)
		}
		f.reported = f.reported || closed
		// Reported here: the callers are not told again.
		if fail != nil {
			fail.reported = true
		}
	}
	f.rows = next
	f.setLast(fl.file, d, lastOp, name)
	if (op == opBind || op == opConnect) && len(vals) > 2 && vals[1].str != nil {
		f.addr = address(vals[1].str, vals[2].str)
	}
}

// reportState reports an operation on a socket in a state where it cannot work.
func (fl *flow) reportState(o *sockObj, f *sockFact, op sockOp, name string, d, arg *syntax.Datum, probs []problem) {
	p := probs[0]
	warn := true
	for _, x := range probs {
		if !x.warningOnly() {
			warn = false
			if p.warningOnly() {
				p = x
			}
		}
	}
	sev := Error
	if warn {
		sev = Warning
	}
	s := argName(arg)
	states := statesText(f.liveStates(), f.addr)
	var msg string
	switch p {
	case pClosed:
		msg = fmt.Sprintf("%s on %s, which is closed", name, s)
	case pNotListening:
		msg = fmt.Sprintf("%s on %s, which is not listening (%s): call listen-socket on it first", name, s, states)
	case pListening:
		if op == opConnect {
			msg = fmt.Sprintf("%s on %s, which is listening: connect with a socket of its own", name, s)
		} else {
			msg = fmt.Sprintf("%s on %s, a listening socket: send and receive on the socket accept-socket returns", name, s)
		}
	case pBound:
		msg = fmt.Sprintf("%s on %s, which is already %s", name, s, states)
	case pNotConnected:
		msg = fmt.Sprintf("%s on %s, which is not connected (%s)", name, s, states)
	case pWrShut:
		msg = fmt.Sprintf("%s on %s after it was shut down for writing", name, s)
	case pRdShut:
		msg = fmt.Sprintf("%s on %s after it was shut down for reading: it only reads the end of file", name, s)
	case pListenUnbound:
		msg = fmt.Sprintf("%s on %s before bind-socket: the system binds it to a port of its choice", name, s)
	case pListenDatagram:
		msg = fmt.Sprintf("%s on %s, a datagram socket: only stream sockets listen", name, s)
	case pConnected:
		msg = fmt.Sprintf("%s on %s, which is already connected", name, s)
	}
	var rel []Location
	if l, ok := f.lastLocation(fl.res); ok {
		rel = append(rel, l)
	}
	fl.report(CodeSocketLifecyle, sev, d.Span, msg, rel...)
}

// checkSocketArgs: bind-socket and connect-socket with the family, domain and protocol the
// socket was made with, and a node of that family.
func (fl *flow) checkSocketArgs(o *sockObj, name string, d *syntax.Datum, vals []value) {
	if !fl.reporting() || len(vals) < 6 {
		return
	}
	famAt, domAt, protoAt := 3, 4, 5
	if name == "connect-socket" {
		protoAt = 6
	}
	mismatch := func(what string, have *constVal, i int, sev Severity) {
		if i >= len(vals) || have == nil || len(have.names) == 0 {
			return
		}
		got := vals[i].cst
		if got == nil || got.kind != have.kind || got.value == have.value || len(got.names) == 0 {
			return
		}
		fl.report(CodeSocketMismatch, sev, d.Elems[i+1].Span, fmt.Sprintf("%s gives %s %s, but %s was made with %s",
			name, what, strings.Join(got.names, " "), o.nameOr(), strings.Join(have.names, " ")), o.madeAt())
	}
	mismatch("family", o.family, famAt, Error)
	mismatch("domain", o.domain, domAt, Warning)
	mismatch("protocol", o.protocol, protoAt, Warning)
	fam := -1
	if c := constOfKind(vals[famAt], "family"); c != nil {
		fam = int(c.value)
	}
	var flags int64
	hasFlags := name == "bind-socket"
	if name == "connect-socket" {
		flags, hasFlags = vals[5].n, vals[5].hasN
	}
	fl.checkAddress(name, d.Elems[2], vals[1], fam, flags, hasFlags)
}

func (o *sockObj) nameOr() string {
	if o.name != "" {
		return o.name
	}
	return "the socket"
}

func (o *sockObj) madeAt() Location {
	if o.made == nil {
		return Location{}
	}
	return Location{File: o.made.file, Span: o.made.span, Message: "made here"}
}

// checkAddress: a node literal of the family asked for ("::1" is not an IPv4 address); a name
// where *ai-numerichost* asks for a numeric address.
func (fl *flow) checkAddress(name string, arg *syntax.Datum, node value, fam int, flags int64, hasFlags bool) {
	if !fl.reporting() || node.str == nil || node.k != kString {
		return
	}
	n := *node.str
	af := addrFamily(n)
	switch {
	case fam == 2 && af == 6:
		fl.report(CodeSocketAddress, Error, arg.Span, fmt.Sprintf("%s: %q is an IPv6 address, but the family is *af-inet* (IPv4): use *af-inet6*, or \"127.0.0.1\"", name, n))
	case fam == 10 && af == 4 && hasFlags && flags&8 == 0:
		fl.report(CodeSocketAddress, Error, arg.Span, fmt.Sprintf("%s: %q is an IPv4 address, but the family is *af-inet6* (IPv6): use *af-inet*, or \"::1\"", name, n))
	case hasFlags && flags&4 != 0 && af == 0 && n != "":
		fl.report(CodeSocketAddress, Error, arg.Span, fmt.Sprintf("%s: %q is a name, but *ai-numerichost* asks for a numeric address: no name lookup is done", name, n))
	}
}
