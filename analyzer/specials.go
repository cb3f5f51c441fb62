package analyzer

import (
	"foment-ls/catalog"
	"foment-ls/syntax"
)

// The special forms as the flow analysis evaluates them.

func (fl *flow) special(kw string, d *syntax.Datum, st *state) value {
	args := d.Elems[1:]
	switch kw {
	case "quote":
		if len(args) == 1 {
			v, _ := literal(args[0], true)
			return v
		}
	case "quasiquote":
		if len(args) == 1 {
			return fl.quasi(args[0], st, 1)
		}
	case "if":
		if len(args) < 2 {
			break
		}
		t, f, _ := fl.test(args[0], st)
		v := fl.expr(args[1], t)
		w := unknown
		if len(args) > 2 {
			w = fl.expr(args[2], f)
		}
		return fl.joinPaths(st, t, v, f, w)
	case "define", "define-values", "define-record-type", "define-syntax":
		if kw == "define" {
			fl.define(d, st)
		} else if kw == "define-values" && len(args) == 2 {
			fl.escape(fl.expr(args[1], st), st)
			fl.bindFormals(args[0], nil, st, false)
		}
		return unknown
	case "set!":
		if len(args) != 2 {
			break
		}
		v := fl.expr(args[1], st)
		fl.escape(v, st)
		if r := fl.ref(args[0]); r != nil && r.Def != nil {
			st.forgetVar(r.Def)
		}
		return unknown
	case "lambda":
		if len(args) < 1 {
			break
		}
		p := fl.lambdaInfo(d, nil, "")
		fl.standalone(p, st)
		return value{k: kProc, proc: p}
	case "case-lambda":
		for _, cl := range args {
			if cl.Kind == syntax.List && len(cl.Elems) > 0 {
				fl.standalone(&procInfo{file: fl.file, formals: cl.Elems[0], body: cl.Elems[1:]}, st)
			}
		}
		return value{k: kProc}
	case "begin":
		v := unknown
		for _, e := range args {
			v = fl.form(e, st)
		}
		return v
	case "let":
		if len(args) >= 2 && args[0].Kind == syntax.Symbol {
			return fl.namedLet(d, st)
		}
		fallthrough
	case "let*", "letrec", "letrec*":
		if len(args) < 1 || args[0].Kind != syntax.List {
			break
		}
		fl.bindings(kw, args[0], st)
		return fl.body(args[1:], st)
	case "let-values", "let*-values":
		if len(args) < 1 || args[0].Kind != syntax.List {
			break
		}
		for _, b := range args[0].Elems {
			if b.Kind == syntax.List && len(b.Elems) == 2 {
				fl.escape(fl.expr(b.Elems[1], st), st)
				fl.bindFormals(b.Elems[0], nil, st, false)
			}
		}
		return fl.body(args[1:], st)
	case "do":
		return fl.do(d, st)
	case "cond":
		return fl.cond(args, st)
	case "case":
		return fl.caseForm(args, st)
	case "and", "or":
		return fl.andOr(args, st, kw == "and")
	case "when", "unless":
		if len(args) < 1 {
			break
		}
		t, f, _ := fl.test(args[0], st)
		if kw == "unless" {
			t, f = f, t
		}
		v := fl.body(args[1:], t)
		return fl.joinPaths(st, t, v, f, unknown)
	case "guard":
		return fl.guard(args, st)
	case "parameterize":
		if len(args) < 1 || args[0].Kind != syntax.List {
			break
		}
		for _, b := range args[0].Elems {
			for _, e := range b.Elems {
				fl.escape(fl.expr(e, st), st)
			}
		}
		return fl.body(args[1:], st)
	case "delay", "delay-force", "make-promise", "lazy":
		fl.standalone(&procInfo{file: fl.file, formals: &syntax.Datum{Kind: syntax.List}, body: args}, st)
		return value{k: kPromise}
	case "with-exclusive":
		for _, e := range args {
			fl.expr(e, st)
		}
		return unknown
	case "let-syntax", "letrec-syntax":
		if len(args) > 0 {
			return fl.body(args[1:], st)
		}
	case "assert":
		if len(args) == 1 {
			t, _, _ := fl.test(args[0], st)
			st.set(t)
		}
		return unknown
	case "include", "include-ci", "cond-expand":
		return fl.form(d, st)
	case "import", "define-library", "syntax-rules", "syntax-error":
		return unknown
	default:
		if _, ok := socketForms[kw]; ok {
			return fl.socketForm(kw, d)
		}
		return fl.opaque(d, st)
	}
	return fl.opaque(d, st)
}

// socketForm is the constant a socket syntax form names: (address-family inet).
func (fl *flow) socketForm(kw string, d *syntax.Datum) value {
	if len(d.Elems) == 2 && d.Elems[1].Kind == syntax.Symbol {
		// One name: the constant is shared.
		if c := singleForms[kw+" "+d.Elems[1].Text]; c != nil {
			v := intValue(c.value)
			v.cst = c
			return v
		}
	}
	return fl.socketFormValue(kw, d)
}

// singleForms are the constants of the socket syntax forms with one name: (address-family inet).
var singleForms = func() map[string]*constVal {
	m := map[string]*constVal{}
	for kw, form := range socketForms {
		for n, cn := range form.names {
			c := &constVal{kind: form.kind}
			if cn != "" {
				c.names = []string{cn}
				c.value = catalog.Lookup(cn).Value
			}
			m[kw+" "+n] = c
		}
	}
	return m
}()

func (fl *flow) socketFormValue(kw string, d *syntax.Datum) value {
	form := socketForms[kw]
	c := &constVal{kind: form.kind}
	for _, n := range d.Elems[1:] {
		cn, ok := form.names[n.Text]
		if !ok || n.Kind != syntax.Symbol {
			return value{k: kExactInt}
		}
		if cn != "" {
			c.names = append(c.names, cn)
			c.value |= catalog.Lookup(cn).Value
		}
	}
	if kw == "shutdown-method" && len(c.names) == 2 {
		c.names, c.value = []string{"*shut-rdwr*"}, 2
	}
	if !form.flags && len(c.names) != 1 {
		return value{k: kExactInt}
	}
	v := intValue(c.value)
	v.cst = c
	return v
}

// joinPaths joins two branches into st: the value of the one taken.
func (fl *flow) joinPaths(st, t *state, v value, f *state, w value) value {
	switch {
	case t.dead && f.dead:
		st.set(t)
		return value{}
	case t.dead:
		st.set(f)
		return w
	case f.dead:
		st.set(t)
		return v
	}
	out := fl.joinValues(v, w, t, f)
	t.merge(f)
	st.set(t)
	return out
}

// joinValues joins the values of two paths; a socket that is one on one path and another on
// the other is no longer followed.
func (fl *flow) joinValues(v, w value, t, f *state) value {
	j := join(v, w)
	if v.obj != nil && v.obj != w.obj {
		fl.lose(v.obj, t)
	}
	if w.obj != nil && v.obj != w.obj {
		fl.lose(w.obj, f)
	}
	return j
}

// bindings binds the variables of let, let*, letrec and letrec*.
func (fl *flow) bindings(kw string, bl *syntax.Datum, st *state) {
	type bind struct {
		def  *Def
		init *syntax.Datum
	}
	var bs []bind
	for _, b := range bl.Elems {
		if b.Kind != syntax.List || len(b.Elems) == 0 {
			continue
		}
		var init *syntax.Datum
		if len(b.Elems) == 2 {
			init = b.Elems[1]
		}
		bs = append(bs, bind{fl.def(b.Elems[0]), init})
	}
	if kw == "letrec" || kw == "letrec*" {
		// Procedures first: they may call each other.
		for _, b := range bs {
			if b.def != nil && b.init != nil && b.init.Kind == syntax.List && len(b.init.Elems) > 2 {
				if k, _ := fl.keyword(b.init); k == "lambda" {
					fl.lambdaInfo(b.init, b.def, b.def.Name)
				}
			}
		}
	}
	if kw == "let" || kw == "letrec" {
		// The inits are evaluated before any is bound.
		vals := make([]value, len(bs))
		for i, b := range bs {
			vals[i] = fl.initValue(b.def, b.init, st)
		}
		for i, b := range bs {
			if b.def != nil && fl.proc(b.def) == nil {
				fl.bind(b.def, vals[i], st)
			}
		}
		return
	}
	for _, b := range bs {
		v := fl.initValue(b.def, b.init, st)
		if b.def != nil && fl.proc(b.def) == nil {
			fl.bind(b.def, v, st)
		}
	}
}

// initValue evaluates the init of a binding: a lambda bound to a variable is a procedure of
// that name, analysed at its calls when they are all known.
func (fl *flow) initValue(def *Def, init *syntax.Datum, st *state) value {
	if init == nil {
		return unknown
	}
	if def != nil && init.Kind == syntax.List && len(init.Elems) > 2 {
		if k, _ := fl.keyword(init); k == "lambda" {
			p := fl.lambdaInfo(init, def, def.Name)
			if !fl.inlinable(p) {
				fl.standalone(p, st)
			}
			return value{k: kProc, proc: p}
		}
	}
	return fl.expr(init, st)
}

// namedLet: (let loop ((v init) ...) body) is a local procedure called at once.
func (fl *flow) namedLet(d *syntax.Datum, st *state) value {
	args := d.Elems[1:]
	def := fl.def(args[0])
	if args[1].Kind != syntax.List {
		return unknown
	}
	formals := &syntax.Datum{Kind: syntax.List}
	var inits []*syntax.Datum
	for _, b := range args[1].Elems {
		if b.Kind == syntax.List && len(b.Elems) >= 1 {
			formals.Elems = append(formals.Elems, b.Elems[0])
			if len(b.Elems) == 2 {
				inits = append(inits, b.Elems[1])
			} else {
				inits = append(inits, &syntax.Datum{Kind: syntax.Boolean})
			}
		}
	}
	var p *procInfo
	if def != nil {
		p = fl.proc(def)
	}
	if p == nil {
		p = &procInfo{def: def, file: fl.file, formals: formals, body: args[2:]}
		if def != nil {
			p.name = def.Name
			fl.procs[def] = p
		}
	}
	if def == nil || fl.assigned(def) || fl.tainted[def] {
		for _, e := range inits {
			fl.escape(fl.expr(e, st), st)
		}
		fl.standalone(p, st)
		return unknown
	}
	if !fl.loopable(p) {
		// The loop procedure escapes (passed as a value): its calls are not all known.
		for _, e := range inits {
			fl.escape(fl.expr(e, st), st)
		}
		fl.standalone(p, st)
		return unknown
	}
	return fl.inline(p, inits, d, st)
}

// loopable: every use of a named let's procedure is a call (its first call is the let itself).
func (fl *flow) loopable(p *procInfo) bool {
	for _, r := range p.def.Refs {
		if !fl.followed[r] {
			return false
		}
	}
	return true
}

// do: (do ((var init step) ...) (test expr ...) command ...), a loop.
func (fl *flow) do(d *syntax.Datum, st *state) value {
	args := d.Elems[1:]
	if len(args) < 2 || args[0].Kind != syntax.List || args[1].Kind != syntax.List || len(args[1].Elems) == 0 {
		return fl.opaque(d, st)
	}
	type dv struct {
		def  *Def
		step *syntax.Datum
	}
	var vars []dv
	var vals []value
	for _, v := range args[0].Elems {
		if v.Kind != syntax.List || len(v.Elems) < 2 {
			continue
		}
		x := dv{def: fl.def(v.Elems[0])}
		if len(v.Elems) == 3 {
			x.step = v.Elems[2]
		}
		vars = append(vars, x)
		vals = append(vals, loopValue(fl.expr(v.Elems[1], st)))
	}
	test := args[1].Elems[0]
	// One pass of the loop from head: the state where it ends, the state where it goes round
	// again, and the variables' next values.
	pass := func(head *state) (exit, again *state, next []value) {
		for i, x := range vars {
			if x.def != nil {
				fl.bind(x.def, vals[i], head)
			}
		}
		cur := head.clone()
		exit, again, _ = fl.test(test, cur)
		fl.exprs(args[2:], again)
		next = make([]value, len(vars))
		for i, x := range vars {
			next[i] = vals[i]
			if x.step != nil && !again.dead {
				next[i] = join(vals[i], fl.expr(x.step, again))
			}
		}
		return exit, again, next
	}
	head := st.clone()
	var exit *state
	fl.fixpoint(func() bool {
		var again *state
		var next []value
		exit, again, next = pass(head.clone())
		grown := head.clone()
		grown.merge(again)
		stable := grown.equal(head)
		for i := range vals {
			stable = stable && same(vals[i], next[i])
		}
		head, vals = grown, next
		return stable
	}, func() {
		head = fl.widened(head)
		for i := range vals {
			vals[i] = unknown
		}
	})
	v := fl.exprs(args[1].Elems[1:], exit)
	st.set(exit)
	return v
}

// fixpoint runs step (one pass of a loop from its head) until a pass leaves the head as it
// found it: that pass saw every way round the loop, and what it reported stands; what the
// passes before it reported is dropped. After a few passes the head is widened to what settles
// at once.
func (fl *flow) fixpoint(step func() bool, widen func()) {
	fl.depth++
	for iter := 0; ; iter++ {
		nd, nf := len(fl.diags), len(fl.facts)
		if step() {
			break
		}
		fl.diags, fl.facts = fl.diags[:nd], fl.facts[:nf]
		if iter == 4 {
			widen()
		}
		if iter > 7 {
			break
		}
	}
	fl.depth--
}

// widened gives up on what a loop that does not settle knows.
func (fl *flow) widened(st *state) *state {
	w := st.clone()
	w.vars = nil
	for i := range w.socks {
		w.socks[i].havoc()
		w.socks[i].escaped = true
	}
	return w
}

// cond evaluates the clauses in order: each test narrows what the next clauses see.
func (fl *flow) cond(clauses []*syntax.Datum, st *state) value {
	out := &state{dead: true}
	var v value
	cur := st
	sawElse := false
	for _, cl := range clauses {
		if cl.Kind != syntax.List || len(cl.Elems) == 0 || cur.dead {
			continue
		}
		if cl.Elems[0].Kind == syntax.Symbol && cl.Elems[0].Text == "else" && fl.ref(cl.Elems[0]) == nil {
			b := cur.clone()
			w := fl.exprs(cl.Elems[1:], b)
			v = fl.mergeInto(out, v, b, w)
			sawElse = true
			cur = &state{dead: true}
			break
		}
		t, f, tv := fl.test(cl.Elems[0], cur)
		var w value
		switch {
		case len(cl.Elems) == 1:
			w = tv.narrow(^kFalse)
		case len(cl.Elems) == 3 && cl.Elems[1].Kind == syntax.Symbol && cl.Elems[1].Text == "=>":
			w = fl.apply(cl.Elems[2], []value{tv.narrow(^kFalse)}, cl, t)
		default:
			w = fl.exprs(cl.Elems[1:], t)
		}
		v = fl.mergeInto(out, v, t, w)
		cur = f
	}
	if !sawElse && !cur.dead {
		v = fl.mergeInto(out, v, cur, unknown)
	}
	st.set(out)
	return v
}

// mergeInto joins a path (b, with value w) into the paths gathered in out (with value v).
func (fl *flow) mergeInto(out *state, v value, b *state, w value) value {
	if b.dead {
		return v
	}
	if out.dead {
		out.set(b)
		return w
	}
	j := fl.joinValues(v, w, out, b)
	out.merge(b)
	return j
}

func (fl *flow) caseForm(args []*syntax.Datum, st *state) value {
	if len(args) < 1 {
		return unknown
	}
	fl.expr(args[0], st)
	out := &state{dead: true}
	var v value
	sawElse := false
	for _, cl := range args[1:] {
		if cl.Kind != syntax.List || len(cl.Elems) == 0 {
			continue
		}
		b := st.clone()
		body := cl.Elems[1:]
		var w value
		if len(body) == 2 && body[0].Kind == syntax.Symbol && body[0].Text == "=>" {
			w = fl.apply(body[1], []value{unknown}, cl, b)
		} else {
			w = fl.exprs(body, b)
		}
		v = fl.mergeInto(out, v, b, w)
		if cl.Elems[0].Kind == syntax.Symbol && cl.Elems[0].Text == "else" {
			sawElse = true
		}
	}
	if !sawElse {
		v = fl.mergeInto(out, v, st.clone(), unknown)
	}
	st.set(out)
	return v
}

// andOr evaluates and (the next form runs where the one before is true) and or (where it is
// false).
func (fl *flow) andOr(args []*syntax.Datum, st *state, and bool) value {
	if len(args) == 0 {
		return value{k: map[bool]kset{true: kTrue, false: kFalse}[and]}
	}
	out := &state{dead: true}
	var v value
	cur := st
	for i, e := range args {
		if i == len(args)-1 {
			w := fl.expr(e, cur)
			v = fl.mergeInto(out, v, cur, w)
			break
		}
		t, f, tv := fl.test(e, cur)
		if and {
			v = fl.mergeInto(out, v, f, value{k: kFalse})
			cur = t
		} else {
			v = fl.mergeInto(out, v, t, tv.narrow(^kFalse))
			cur = f
		}
	}
	st.set(out)
	return v
}

// guard: the body's failures are what the guard is for; its handler may run at any point of
// the body.
func (fl *flow) guard(args []*syntax.Datum, st *state) value {
	if len(args) < 1 || args[0].Kind != syntax.List || len(args[0].Elems) == 0 {
		return fl.opaque(&syntax.Datum{Kind: syntax.List, Elems: append([]*syntax.Datum{{Kind: syntax.Symbol}}, args...)}, st)
	}
	entry := st.clone()
	fl.caught++
	v := fl.body(args[1:], st)
	fl.caught--
	// The handler runs after any part of the body: what it sees is anything the body may
	// have done.
	h := entry
	h.vars = nil
	h.needs = nil
	for i := range h.socks {
		h.socks[i].havoc()
	}
	for i := range st.socks {
		if h.sock(st.socks[i].obj) == nil {
			f := st.socks[i]
			f.havoc()
			f.escaped = true
			h.socks = append(h.socks, f)
		}
	}
	if d := fl.def(args[0].Elems[0]); d != nil {
		fl.bind(d, unknown, h)
	}
	cl := args[0].Elems[1:]
	hv := fl.cond(cl, h)
	if len(cl) == 0 {
		h.dead = true
	}
	return fl.joinPaths(st, st.clone(), v, h, hv)
}

// predicates: the classes a type predicate is true of, and whether it is false of every
// other class (so that the other branch excludes them).
var predicates = map[string]struct {
	k     kset
	exact bool
}{
	"eof-object?": {kEof, true}, "string?": {kString, true}, "symbol?": {kSymbol, true},
	"char?": {kChar, true}, "boolean?": {kBool, true}, "null?": {kNull, true}, "pair?": {kPair, true},
	"vector?": {kVector, true}, "bytevector?": {kBytevector, true}, "procedure?": {kProcs, true},
	"socket?": {kSocket, true}, "number?": {kNumber, true}, "complex?": {kNumber, true},
	"real?": {kNumber, false}, "rational?": {kNumber, false}, "integer?": {kExactInt | kInexact, false},
	"exact-integer?": {kExactInt, true}, "exact?": {kExactInt | kExactRat, false},
	"inexact?": {kInexact | kExactRat, false}, "list?": {kList, false}, "port?": {kPorts, true},
	"input-port?":   {kTextIn | kBinIn | kSocket | kPortOther, false},
	"output-port?":  {kTextOut | kBinOut | kSocket | kPortOther, false},
	"textual-port?": {kTextIn | kTextOut | kPortOther, false},
	"binary-port?":  {kBinIn | kBinOut | kSocket | kPortOther, false},
	"error-object?": {kCond, false}, "promise?": {kPromise, true}, "environment?": {kEnv, true},
	"not": {kFalse, true},
}

// test evaluates a condition: the states where it is true and where it is false (either may be
// dead), and its value. st is the state after evaluating it.
func (fl *flow) test(d *syntax.Datum, st *state) (t, f *state, v value) {
	if d.Kind == syntax.List && len(d.Elems) > 0 && d.Elems[0].Kind == syntax.Symbol {
		kw, r := fl.keyword(d)
		switch kw {
		case "and":
			return fl.testAnd(d.Elems[1:], st)
		case "or":
			return fl.testOr(d.Elems[1:], st)
		case "":
			if r != nil && r.Entry != nil && r.Entry.Kind == catalog.Procedure && len(d.Elems) == 2 {
				name := r.Entry.Name
				if r.Entry.Alias != "" {
					name = r.Entry.Alias
				}
				if name == "not" {
					t, f, _ := fl.test(d.Elems[1], st)
					return f, t, value{k: kBool}
				}
				if p, ok := predicates[name]; ok {
					arg := d.Elems[1]
					av := fl.expr(arg, st)
					fl.builtinChecks(r.Entry, d, []value{av}, st)
					return fl.split(arg, av, st, p.k, p.exact)
				}
			}
		}
	}
	v = fl.expr(d, st)
	return fl.split(d, v, st, ^kFalse&kAll, true)
}

// split narrows the variable tested (if the test is of a variable) into the states where its
// classes are in k and where they are not.
func (fl *flow) split(arg *syntax.Datum, v value, st *state, k kset, exact bool) (t, f *state, tv value) {
	t, f = st, st.clone()
	var def *Def
	if arg.Kind == syntax.Symbol {
		if r := fl.ref(arg); r != nil && r.Def != nil {
			def = r.Def
			fl.tested[def] = true
		}
	}
	if st.dead {
		return t, f, value{}
	}
	in := v.narrow(k)
	out := v
	if exact {
		out = v.narrow(^k & kAll)
	}
	if v.known() || v.obj != nil {
		if in.k == 0 {
			t.dead = true
		}
		if out.k == 0 {
			f.dead = true
		}
	}
	if def != nil && !fl.assigned(def) && !fl.tainted[def] {
		t.setVar(def, in)
		f.setVar(def, out)
	}
	tv = v
	if k == ^kFalse&kAll {
		tv = in
	} else {
		tv = value{k: kBool}
	}
	return t, f, tv
}

func (fl *flow) testAnd(args []*syntax.Datum, st *state) (t, f *state, v value) {
	if len(args) == 0 {
		return st, &state{dead: true}, value{k: kTrue}
	}
	fs := &state{dead: true}
	cur := st
	for _, e := range args {
		var ef *state
		cur, ef, v = fl.test(e, cur)
		fs.merge(ef)
	}
	return cur, fs, v
}

func (fl *flow) testOr(args []*syntax.Datum, st *state) (t, f *state, v value) {
	if len(args) == 0 {
		return &state{dead: true}, st, value{k: kFalse}
	}
	ts := &state{dead: true}
	cur := st
	for _, e := range args {
		var et *state
		et, cur, v = fl.test(e, cur)
		ts.merge(et)
	}
	return ts, cur, unknown
}
