package analyzer

import (
	"fmt"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// expr analyses an expression.
func (a *analyzer) expr(d *syntax.Datum, sc *scope) {
	switch d.Kind {
	case syntax.Symbol:
		a.ref(d, sc)
	case syntax.List:
		a.list(d, sc)
	case syntax.Quote:
		a.abbreviation("quote", d, sc)
	case syntax.Quasiquote:
		if a.abbreviation("quasiquote", d, sc) {
			return
		}
		if len(d.Elems) > 0 {
			a.quasi(d.Elems[0], sc, 1)
		}
	case syntax.Unquote, syntax.UnquoteSplicing:
		a.diag(CodeSyntax, Error, d.Span, "unquote outside quasiquote")
	}
}

// abbreviation: 'x is (quote x) and `x (quasiquote x); where quote or quasiquote is bound
// locally, ((let ((quote -)) '1) is (- 1)), the abbreviation refers to that binding. It reports
// whether it does.
func (a *analyzer) abbreviation(name string, d *syntax.Datum, sc *scope) bool {
	def := sc.lookup(name)
	if def == nil {
		return false
	}
	span := syntax.Extent{Start: d.Span.Start, End: d.Span.Start}
	span.End++
	r := &Ref{Name: name, at: a.refAt(), Span: span, Def: def}
	a.use(def, r)
	a.addRef(r)
	return true
}

// quasi walks a quasiquote template: only unquoted parts are expressions.
func (a *analyzer) quasi(d *syntax.Datum, sc *scope, depth int) {
	switch d.Kind {
	case syntax.Unquote, syntax.UnquoteSplicing:
		if len(d.Elems) == 0 {
			return
		}
		if depth == 1 {
			a.expr(d.Elems[0], sc)
		} else {
			a.quasi(d.Elems[0], sc, depth-1)
		}
	case syntax.Quasiquote:
		if len(d.Elems) > 0 {
			a.quasi(d.Elems[0], sc, depth+1)
		}
	case syntax.Quote, syntax.Label:
		// `(a ,'b ,',c): a quoted part of a template may hold unquotes.
		for _, e := range d.Elems {
			a.quasi(e, sc, depth)
		}
	case syntax.List, syntax.Vector:
		if d.Kind == syntax.List && (d.Head() == "unquote" || d.Head() == "unquote-splicing") && len(d.Elems) == 2 {
			if depth == 1 {
				a.expr(d.Elems[1], sc)
			} else {
				a.quasi(d.Elems[1], sc, depth-1)
			}
			return
		}
		for _, e := range d.Elems {
			a.quasi(e, sc, depth)
		}
		if d.Tail() != nil {
			a.quasi(d.Tail(), sc, depth)
		}
	}
}

// list analyses a form: a special form, a macro use, or a call.
func (a *analyzer) list(d *syntax.Datum, sc *scope) {
	if len(d.Elems) == 0 {
		if d.IsClosed() {
			a.diag(CodeSyntax, Error, d.Span, "empty application ()")
		}
		return
	}
	// A use of a macro may be dotted; a call or a special form may not.
	dotted := func() {
		if d.Tail() != nil {
			a.diag(CodeSyntax, Error, d.Span, "a procedure call cannot be a dotted list")
		}
	}
	head := d.Elems[0]
	if head.Kind != syntax.Symbol {
		dotted()
		for _, e := range d.Elems {
			a.expr(e, sc)
		}
		return
	}
	if kw := a.headKeyword(d, sc); kw != "" {
		switch kw {
		case "define", "define-values", "define-syntax", "define-record-type", "begin", "import",
			"include", "include-ci", "cond-expand":
			// form records it
		default:
			a.keywordRef(d)
		}
		dotted()
		a.special(kw, d, sc)
		return
	}
	if a.expandUse(d, sc) {
		return
	}
	r := a.ref(head, sc)
	unknown := r.Def == nil && r.Entry == nil
	if r.Def != nil && (r.Def.Kind == DefMacro || r.Def.Kind == DefUnknown) || unknown {
		// A user macro, or a name we do not know (reported once, above): it may be a macro
		// defined where we cannot see (a test harness's check-equal, a library we could not
		// read), so its arguments may be patterns and binding forms we cannot expand.
		a.macroArgs(d, sc)
		return
	}
	dotted()
	for _, e := range d.Elems[1:] {
		a.expr(e, sc)
	}
	switch {
	case a.caught[d]:
	case r.Def != nil:
		if n := len(d.Elems) - 1; r.Def.Min >= 0 && a.quiet == 0 && !a.exp.introduced(d) && (n < int(r.Def.Min) || r.Def.Max >= 0 && n > int(r.Def.Max)) {
			// Reported at the end, unless a set! or a second definition elsewhere makes the
			// arity unknown; a call in code that is not checked is not.
			a.calls = append(a.calls, pendingCall{d, r.Def, a.cur})
		}
	case r.Entry != nil && r.Entry.Kind == catalog.Procedure:
		a.checkArity(d, r.Entry.Name, r.Entry.Min, r.Entry.Max, r.Entry.Sig)
		a.checkCall(d, r.Entry, sc)
	}
}

func (a *analyzer) checkArity(d *syntax.Datum, name string, min, max int, sig string) {
	if min < 0 {
		return
	}
	n := len(d.Elems) - 1
	if n >= min && (max < 0 || n <= max) {
		return
	}
	msg := fmt.Sprintf("%s expects %s, got %d", name, catalog.ArityText(min, max), n)
	if sig != "" {
		msg += ": " + sig
	}
	a.diag(CodeArity, Error, d.Span, msg)
}

// special analyses a builtin special form.
func (a *analyzer) special(kw string, d *syntax.Datum, sc *scope) {
	args := d.Elems[1:]
	bad := func(msg string) { a.diag(CodeSyntax, Error, d.Span, kw+": "+msg) }
	switch kw {
	case "quote":
		if len(args) != 1 {
			bad("expected one datum")
		}
	case "quasiquote":
		if len(args) != 1 {
			bad("expected one template")
			return
		}
		a.quasi(args[0], sc, 1)
	case "unquote", "unquote-splicing":
		bad("not inside quasiquote")
	case "if":
		if len(args) < 2 || len(args) > 3 {
			bad(fmt.Sprintf("expected (if test consequent [alternate]), got %d parts", len(args)))
		}
		a.exprs(args, sc)
	case "define", "define-values", "define-syntax", "define-record-type":
		// A definition where only an expression may be: analyse it anyway.
		a.form(d, sc)
	case "set!":
		if len(args) != 2 || args[0].Kind != syntax.Symbol {
			bad("expected (set! name expression)")
			a.exprs(args, sc)
			return
		}
		r := a.ref(args[0], sc)
		r.setWrite()
		if lib := a.imported[r.Name]; lib != "" && (r.Entry != nil || r.Def != nil && r.Def == a.importedDefs[r.Name]) {
			a.diag(CodeRedefineImport, Error, args[0].Span, fmt.Sprintf("%s is imported from (%s): it may not be assigned (Foment: \"imported variables may not be modified\")",
				r.Name, lib))
		}
		if r.Def != nil {
			// An assignment is not a use.
			a.unuse(r.Def)
			a.assign(r.Def)
			a.sockForget(r.Def)
		}
		a.expr(args[1], sc)
	case "lambda":
		if len(args) < 1 {
			bad("expected (lambda formals body ...)")
			return
		}
		target := withTail(&syntax.Datum{Kind: syntax.List, Elems: append([]*syntax.Datum{{Kind: syntax.Symbol}}, listElems(args[0])...), Span: args[0].Span}, listTail(args[0]))
		a.lambdaLike(target, args[1:], sc, d)
	case "case-lambda":
		for _, cl := range args {
			if cl.Kind != syntax.List || len(cl.Elems) == 0 {
				a.diag(CodeSyntax, Error, cl.Span, "case-lambda: expected (formals body ...)")
				continue
			}
			target := withTail(&syntax.Datum{Kind: syntax.List, Elems: append([]*syntax.Datum{{Kind: syntax.Symbol}}, listElems(cl.Elems[0])...), Span: cl.Elems[0].Span}, listTail(cl.Elems[0]))
			a.lambdaLike(target, cl.Elems[1:], sc, cl)
		}
	case "begin":
		a.exprs(args, sc)
	case "let", "let*", "letrec", "letrec*":
		a.let(kw, d, sc)
	case "let-values", "let*-values":
		a.letValues(kw, d, sc)
	case "do":
		a.do(d, sc)
	case "cond":
		for _, cl := range args {
			if cl.Kind != syntax.List || len(cl.Elems) == 0 {
				a.diag(CodeSyntax, Error, cl.Span, "cond: expected (test expression ...)")
				continue
			}
			parts := cl.Elems
			if parts[0].Kind == syntax.Symbol && parts[0].Text == "else" && sc.lookup("else") == nil {
				parts = parts[1:]
			}
			for _, e := range parts {
				if e.Kind == syntax.Symbol && e.Text == "=>" && sc.lookup("=>") == nil {
					continue
				}
				a.expr(e, sc)
			}
		}
	case "case":
		if len(args) < 1 {
			bad("expected (case key clause ...)")
			return
		}
		a.expr(args[0], sc)
		for _, cl := range args[1:] {
			if cl.Kind != syntax.List || len(cl.Elems) == 0 {
				a.diag(CodeSyntax, Error, cl.Span, "case: expected ((datum ...) expression ...)")
				continue
			}
			for _, e := range cl.Elems[1:] {
				if e.Kind == syntax.Symbol && e.Text == "=>" {
					continue
				}
				a.expr(e, sc)
			}
		}
	case "and", "or", "when", "unless":
		if (kw == "when" || kw == "unless") && len(args) < 1 {
			bad("expected a test")
		}
		a.exprs(args, sc)
	case "delay", "delay-force", "make-promise", "assert":
		a.exprs(args, sc)
	case "parameterize":
		if len(args) < 2 || args[0].Kind != syntax.List {
			bad("expected (parameterize ((param value) ...) body ...)")
			a.exprs(args, sc)
			return
		}
		for _, b := range args[0].Elems {
			a.exprs(b.Elems, sc)
		}
		a.body(args[1:], a.newScope(sc, d.Span), false)
	case "guard":
		if len(args) < 2 || args[0].Kind != syntax.List || len(args[0].Elems) == 0 || args[0].Elems[0].Kind != syntax.Symbol {
			bad("expected (guard (variable clause ...) body ...)")
			return
		}
		if catchesAll(args[0].Elems[1:]) {
			// (guard (e (else ...)) (car)): the error is the point (a test of it).
			if a.caught == nil {
				a.caught = map[*syntax.Datum]bool{}
			}
			for _, f := range args[1:] {
				a.caught[f] = true
			}
		}
		a.body(args[1:], a.newScope(sc, d.Span), false)
		gs := a.newScope(sc, args[0].Span)
		a.define(gs, args[0].Elems[0], DefParam, d.Span)
		cond := &syntax.Datum{Kind: syntax.List, Span: args[0].Span,
			Elems: append([]*syntax.Datum{{Kind: syntax.Symbol, Text: "cond", Span: args[0].Span}}, args[0].Elems[1:]...)}
		a.special("cond", cond, gs)
	case "with-exclusive":
		a.exprs(args, sc)
	case "let-syntax", "letrec-syntax":
		if len(args) < 1 || args[0].Kind != syntax.List {
			bad("expected bindings")
			return
		}
		ls := a.newScope(sc, d.Span)
		for _, b := range args[0].Elems {
			if b.Kind == syntax.List && len(b.Elems) >= 1 {
				def := a.define(ls, b.Elems[0], DefMacro, b.Span)
				if len(b.Elems) == 2 {
					// let-syntax: the templates mean what they mean outside; letrec-syntax, inside.
					env := sc
					if kw == "letrec-syntax" {
						env = ls
					}
					a.setMacro(def, b.Elems[1], env)
				}
			}
		}
		for _, b := range args[0].Elems {
			if b.Kind == syntax.List && len(b.Elems) == 2 {
				// let-syntax: the templates see the outer scope; letrec-syntax, its own too.
				tsc := sc
				if kw == "letrec-syntax" {
					tsc = ls
				}
				a.templateRefs(b.Elems[1], tsc)
			}
		}
		a.body(args[1:], ls, false)
	case "syntax-rules", "syntax-error":
	case "include", "include-ci", "cond-expand":
		a.form(d, sc)
	case "else", "=>", "...", "_":
		bad("misplaced auxiliary syntax")
		a.exprs(args, sc) // inside a macro's arguments it may be a clause: its names are used
	case "import", "define-library":
	default:
		if _, ok := socketForms[kw]; ok {
			a.socketForm(kw, d, sc)
			return
		}
		// Builtin syntax the analyzer has no rule for (Foment's own forms): read, not checked.
		a.macroArgs(d, sc)
	}
}

// catchesAll reports whether guard clauses catch every condition (an else clause, or #t).
func catchesAll(clauses []*syntax.Datum) bool {
	for _, cl := range clauses {
		if cl.Kind == syntax.List && len(cl.Elems) > 0 {
			t := cl.Elems[0]
			if t.Kind == syntax.Symbol && t.Text == "else" || t.Kind == syntax.Boolean && t.Bool {
				return true
			}
		}
	}
	return false
}

// macroArgs reads the arguments of a form whose syntax the analyzer does not know, so that
// navigation finds the names in them, without reporting anything: they may be patterns, or
// bind names we cannot see.
func (a *analyzer) macroArgs(d *syntax.Datum, sc *scope) {
	lsc := a.newScope(sc, d.Span)
	lsc.lenient = true
	a.quiet++
	for _, e := range d.Elems[1:] {
		a.expr(e, lsc)
	}
	if d.Tail() != nil {
		a.expr(d.Tail(), lsc)
	}
	a.quiet--
}

func (a *analyzer) exprs(ds []*syntax.Datum, sc *scope) {
	for _, e := range ds {
		a.expr(e, sc)
	}
}

func listElems(d *syntax.Datum) []*syntax.Datum {
	if d.Kind == syntax.List {
		return d.Elems
	}
	return nil
}

func listTail(d *syntax.Datum) *syntax.Datum {
	switch d.Kind {
	case syntax.List:
		return d.Tail()
	case syntax.Symbol:
		return d
	}
	return nil
}

// let analyses let, let*, letrec, letrec* and named let.
func (a *analyzer) let(kw string, d *syntax.Datum, sc *scope) {
	args := d.Elems[1:]
	if len(args) < 2 {
		a.diag(CodeSyntax, Error, d.Span, kw+": expected bindings and a body")
		if len(args) == 1 && args[0].Kind == syntax.List {
			a.bindings(kw, args[0], sc, a.newScope(sc, d.Span), d)
		}
		return
	}
	if kw == "let" && args[0].Kind == syntax.Symbol {
		// Named let: the name is a procedure of the variables, visible in the body.
		if args[1].Kind != syntax.List {
			a.diag(CodeSyntax, Error, args[1].Span, "let: expected bindings")
			return
		}
		for _, b := range args[1].Elems {
			if b.Kind == syntax.List && len(b.Elems) == 2 {
				a.expr(b.Elems[1], sc)
			}
		}
		ls := a.newScope(sc, d.Span)
		loop := a.define(ls, args[0], DefProcedure, d.Span)
		n := len(args[1].Elems)
		loop.Min, loop.Max = int32(n), int32(n)
		bs := a.newScope(ls, d.Span)
		for _, b := range args[1].Elems {
			if b.Kind == syntax.List && len(b.Elems) >= 1 {
				a.define(bs, b.Elems[0], DefLocal, b.Span)
			} else {
				a.diag(CodeSyntax, Error, b.Span, "let: bad binding, expected (name value)")
			}
		}
		a.body(args[2:], bs, false)
		return
	}
	if args[0].Kind != syntax.List {
		a.diag(CodeSyntax, Error, args[0].Span, kw+": expected a list of bindings")
		a.body(args[1:], sc, false)
		return
	}
	ls := a.newScope(sc, d.Span)
	a.bindings(kw, args[0], sc, ls, d)
	a.body(args[1:], ls, false)
}

// bindings analyses ((name init) ...): inits see the outer scope (let), the previous bindings
// (let*), or all of them (letrec).
func (a *analyzer) bindings(kw string, bl *syntax.Datum, outer, inner *scope, whole *syntax.Datum) {
	rec := kw == "letrec" || kw == "letrec*"
	star := kw == "let*"
	type bind struct {
		id, init *syntax.Datum
	}
	var bs []bind
	seen := map[string]bool{}
	for _, b := range bl.Elems {
		if b.Kind != syntax.List || len(b.Elems) == 0 || len(b.Elems) > 2 || b.Elems[0].Kind != syntax.Symbol {
			a.diag(CodeSyntax, Error, b.Span, kw+": bad binding, expected (name value)")
			continue
		}
		if len(b.Elems) == 1 {
			a.diag(CodeSyntax, Error, b.Span, kw+": binding of "+b.Elems[0].Text+" has no value")
		}
		if seen[a.bindKey(b.Elems[0])] && !star {
			a.diag(CodeSyntax, Error, b.Elems[0].Span, kw+": duplicate binding "+b.Elems[0].Text)
		}
		seen[a.bindKey(b.Elems[0])] = true
		var init *syntax.Datum
		if len(b.Elems) == 2 {
			init = b.Elems[1]
		}
		bs = append(bs, bind{b.Elems[0], init})
	}
	if rec {
		for _, b := range bs {
			kind := DefLocal
			if b.init != nil && isLambda(b.init) {
				kind = DefProcedure
			}
			def := a.define(inner, b.id, kind, b.id.Span)
			if b.init != nil && b.init.Head() == "lambda" && len(b.init.Elems) > 1 {
				r, rest := countFormals(b.init.Elems[1])
				def.Min, def.Max = int32(r), int32(r)
				if rest {
					def.Max = -1
				}
			}
		}
		for _, b := range bs {
			if b.init != nil {
				a.expr(b.init, inner)
			}
		}
		return
	}
	cur := outer
	for _, b := range bs {
		if b.init != nil {
			a.expr(b.init, cur)
		}
		if star {
			s := a.newScope(cur, inner.span)
			def := a.define(s, b.id, DefLocal, b.id.Span)
			if b.init != nil {
				a.sockInit(def, b.init, cur)
			}
			cur = s
		}
	}
	if star {
		// The body sees the last scope of the chain.
		inner.parent = cur
		return
	}
	for _, b := range bs {
		def := a.define(inner, b.id, DefLocal, b.id.Span)
		if b.init != nil {
			a.sockInit(def, b.init, outer)
		}
	}
}

func (a *analyzer) letValues(kw string, d *syntax.Datum, sc *scope) {
	args := d.Elems[1:]
	if len(args) < 2 || args[0].Kind != syntax.List {
		a.diag(CodeSyntax, Error, d.Span, kw+": expected (("+"formals expression) ...) and a body")
		return
	}
	ls := a.newScope(sc, d.Span)
	cur := sc
	for _, b := range args[0].Elems {
		if b.Kind != syntax.List || len(b.Elems) != 2 {
			a.diag(CodeSyntax, Error, b.Span, kw+": bad binding, expected (formals expression)")
			continue
		}
		a.expr(b.Elems[1], cur)
		target := ls
		if kw == "let*-values" {
			target = a.newScope(cur, d.Span)
			cur = target
		}
		a.formals(b.Elems[0], target, DefLocal, b.Span)
	}
	if kw == "let*-values" {
		ls.parent = cur
	}
	a.body(args[1:], ls, false)
}

// do: (do ((var init step) ...) (test expr ...) command ...)
func (a *analyzer) do(d *syntax.Datum, sc *scope) {
	args := d.Elems[1:]
	if len(args) < 2 || args[0].Kind != syntax.List || args[1].Kind != syntax.List {
		a.diag(CodeSyntax, Error, d.Span, "do: expected (do ((var init step) ...) (test expr ...) command ...)")
		return
	}
	ls := a.newScope(sc, d.Span)
	for _, v := range args[0].Elems {
		if v.Kind != syntax.List || len(v.Elems) < 2 || len(v.Elems) > 3 {
			a.diag(CodeSyntax, Error, v.Span, "do: bad variable clause, expected (var init [step])")
			continue
		}
		a.expr(v.Elems[1], sc)
		a.define(ls, v.Elems[0], DefLocal, v.Span)
	}
	for _, v := range args[0].Elems {
		if v.Kind == syntax.List && len(v.Elems) == 3 {
			a.expr(v.Elems[2], ls)
		}
	}
	a.exprs(args[1].Elems, ls)
	a.exprs(args[2:], ls)
}

func (a *analyzer) defineSyntax(d *syntax.Datum, sc *scope) {
	if len(d.Elems) != 3 || d.Elems[1].Kind != syntax.Symbol {
		a.diag(CodeSyntax, Error, d.Span, "define-syntax: expected (define-syntax name transformer)")
	}
	if len(d.Elems) == 3 {
		a.templateRefs(d.Elems[2], sc)
	}
}

// templateRefs records, as references, the names a syntax-rules template uses that are bound
// where the macro is defined: a template refers to them (hygiene), so they are used, and rename
// and references find them. Pattern variables and literals are not references; nothing in a
// template is reported.
func (a *analyzer) templateRefs(spec *syntax.Datum, sc *scope) {
	if spec.Head() != "syntax-rules" || len(spec.Elems) < 2 {
		return
	}
	rest := spec.Elems[1:]
	ellipsis := "..."
	if rest[0].Kind == syntax.Symbol && len(rest) > 1 {
		ellipsis, rest = rest[0].Text, rest[1:]
	}
	literals := map[string]bool{}
	if rest[0].Kind == syntax.List {
		for _, l := range rest[0].Elems {
			literals[l.Text] = true
		}
	}
	for _, rule := range rest[1:] {
		if rule.Kind != syntax.List || len(rule.Elems) != 2 {
			continue
		}
		vars := map[string]bool{}
		markSymbols([]*syntax.Datum{rule.Elems[0]}, vars)
		for l := range literals {
			delete(vars, l)
		}
		templateBinders(rule.Elems[1], vars)
		var walk func(t *syntax.Datum)
		walk = func(t *syntax.Datum) {
			switch t.Kind {
			case syntax.Symbol:
				if vars[t.Text] || t.Text == ellipsis || t.Text == "_" || a.exp.introduced(t) {
					return
				}
				if def := sc.lookup(t.Text); def != nil {
					r := &Ref{Name: t.Text, at: a.refAt(), Span: t.Span, Def: def}
					a.use(def, r)
					a.addRef(r)
				}
			case syntax.Quote:
			default:
				for _, e := range t.Elems {
					walk(e)
				}
				if t.Tail() != nil {
					walk(t.Tail())
				}
			}
		}
		walk(rule.Elems[1])
	}
}

// recordDefs binds the names define-record-type introduces.
func (a *analyzer) recordDefs(d *syntax.Datum, sc *scope) {
	if len(d.Elems) < 3 {
		return
	}
	a.define(sc, d.Elems[1], DefRecordType, d.Span)
	if c := d.Elems[2]; c.Kind == syntax.List && len(c.Elems) > 0 {
		if def := a.define(sc, c.Elems[0], DefRecordProc, d.Span); def != nil {
			def.Min, def.Max = int32(len(c.Elems)-1), int32(len(c.Elems)-1)
			def.setSig(c.String())
		}
	} else if c.Kind == syntax.Symbol {
		a.define(sc, c, DefRecordProc, d.Span)
	}
	if len(d.Elems) > 3 {
		if def := a.define(sc, d.Elems[3], DefRecordProc, d.Span); def != nil {
			def.Min, def.Max = 1, 1
		}
	}
	for _, f := range d.Elems[min(4, len(d.Elems)):] {
		if f.Kind != syntax.List || len(f.Elems) == 0 {
			continue
		}
		for i, p := range f.Elems[1:] {
			if def := a.define(sc, p, DefRecordProc, d.Span); def != nil {
				def.Min, def.Max = int32(i+1), int32(i+1)
			}
		}
	}
}

// recordRefs checks a record definition's constructor fields against its field names.
func (a *analyzer) recordRefs(d *syntax.Datum, sc *scope) {
	if len(d.Elems) < 4 {
		a.diag(CodeSyntax, Error, d.Span, "define-record-type: expected (define-record-type name (constructor field ...) predicate field-spec ...)")
		return
	}
	// Foment's define-record-type is R7RS's: other Schemes' shorthands (a constructor #f or
	// a bare name, a field without an accessor) do not match its pattern.
	const foments = "unable to match pattern"
	if c := d.Elems[2]; c.Kind != syntax.List || c.Tail() != nil || len(c.Elems) == 0 {
		a.notFomentForm(c.Span, "define-record-type: Foment takes the constructor as (name field ...)", foments)
	}
	if p := d.Elems[3]; p.Kind != syntax.Symbol {
		a.notFomentForm(p.Span, "define-record-type: Foment takes the predicate's name", foments)
	}
	fields := map[string]bool{}
	for _, f := range d.Elems[4:] {
		if f.Kind == syntax.List && len(f.Elems) > 0 {
			fields[f.Elems[0].Text] = true
		} else if f.Kind == syntax.Symbol {
			fields[f.Text] = true
		}
		if f.Kind != syntax.List || f.Tail() != nil || len(f.Elems) < 2 || len(f.Elems) > 3 {
			a.notFomentForm(f.Span, "define-record-type: Foment takes a field as (name accessor) or (name accessor modifier)", foments)
		}
	}
	if c := d.Elems[2]; c.Kind == syntax.List && len(c.Elems) > 0 {
		for _, f := range c.Elems[1:] {
			if !fields[f.Text] {
				a.diag(CodeSyntax, Error, f.Span, "define-record-type: "+f.Text+" is not a field")
			}
		}
	}
}

// withTail makes d a dotted list with tail t (nil: a proper one).
func withTail(d *syntax.Datum, t *syntax.Datum) *syntax.Datum {
	d.SetList(d.Elems, t)
	return d
}
