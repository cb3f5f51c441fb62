package interp

import (
	"fmt"

	"foment-ls/syntax"
)

type bindKind uint8

const (
	bLocal bindKind = iota
	bGlobal
	bMacro   // a local macro (let-syntax, internal define-syntax)
	bSpecial // never local; here for completeness
)

type syntaxSpan = syntax.Span

type binding struct {
	kind     bindKind
	name     *Symbol
	lam      *lambdaCtx
	slot     int
	captured bool // referenced from a lambda other than its own
	mutated  bool // assigned after creation (set!, or a letrec init)
	assigned bool // assigned by set! (or set!-values)
	global   *Global
	macro    *Macro
	site     *Site // where it is bound
	scope    syntax.Span
	lift     *liftInfo // a local procedure that runs without a closure (lift.go)
	outer    bool      // a lifted loop's hidden parameter (lift.go)
}

// boxed reports whether the variable lives in a box: when a closure captures it and it is
// assigned, and when set! assigns it in a procedure that calls others — a continuation
// captured in a call re-enters with the frame's values as they were, and an assigned variable
// must stay one location for all re-entries (resume.go).
func (b *binding) boxed() bool { return b.mutated && (b.captured || b.assigned && b.lam.calls) }

type scope struct {
	parent *scope
	vars   map[bkey]*binding
	lam    *lambdaCtx
	env    *Env
}

func (s *scope) child() *scope {
	return &scope{parent: s, vars: map[bkey]*binding{}, lam: s.lam, env: s.env}
}

// lambdaCtx is a lambda being compiled: its frame's slots.
type lambdaCtx struct {
	parent *lambdaCtx
	locals []*binding
	// kept counts the hidden slots after the locals where code keeps values across calls
	// (resume.go); calls is set, before code is made, when its body may call a procedure.
	kept  int
	calls bool
}

// frameSize is the number of slots of the frame: locals, then kept values.
func (l *lambdaCtx) frameSize() int { return len(l.locals) + l.kept }

func (l *lambdaCtx) newLocal(name *Symbol, site *Site) *binding {
	b := &binding{kind: bLocal, name: name, lam: l, slot: len(l.locals), site: site}
	l.locals = append(l.locals, b)
	return b
}

// SyntaxError is a compile-time error: the program does not run.
type SyntaxError struct {
	Site *Site
	Msg  string
	Form Value
	// Kind, when set, is the condition eval raises instead of a syntax-violation.
	Kind string
	// Who, when set, is the condition's who (else the "who: " that starts Msg).
	Who string
}

func (e *SyntaxError) Error() string {
	s := e.Site.String()
	if s != "" {
		s += ": "
	}
	return s + e.Msg
}

// compiler holds the state of one compilation (a program, a library, an eval).
type compiler struct {
	in    *Interp
	file  string
	sites []*Site // enclosing forms, innermost last: the fallback position for macro output
	depth int
	// internal: compiling a library's Scheme source, which may import (foment-ls internal).
	internal bool
	// block holds sites not yet used: the compiler makes one for most references and calls,
	// and takes them from a block rather than one allocation each.
	block []Site
	// strict: a program's or a library's body, where (as in Foment) an imported name may not
	// be defined again; eval and the debugger's console are interactive, and may.
	strict bool
	// The procedure definitions of the body (literals.go): those compiled, those the body
	// holds, and whether the form being compiled is one.
	procDone, procLater map[*Symbol]*Site
	inProcDef           bool
}

// newSite returns a new site.
func (c *compiler) newSite(file string, span syntax.Span, name string) *Site {
	if len(c.block) == 0 {
		c.block = make([]Site, 128)
	}
	p := &c.block[0]
	c.block = c.block[1:]
	p.File, p.Span, p.Name = file, span, name
	return p
}

func (c *compiler) errorf(form Value, format string, args ...any) {
	panic(&SyntaxError{Site: c.errorSite(form), Msg: fmt.Sprintf(format, args...), Form: stripSyntax(form)})
}

// errorSite returns where a syntax error in form is reported: where it was written, also when
// a macro's template wrote it, else where the macro was used (siteOf). A template's pairs are
// copied without positions (keeping one for each would cost every expansion), but its
// identifiers are renamed with their origin: the first of the form's own that a template
// wrote places it.
func (c *compiler) errorSite(form Value) *Site {
	switch x := form.o.(type) {
	case *Pair:
		for i, e := 0, Value(form); i < 64; i++ {
			p, ok := e.o.(*Pair)
			if !ok {
				break
			}
			if id, ok := p.Car.o.(*Ident); ok && id.File == "" {
				if t := templateIdent(id); t != nil {
					return c.newSite(t.File, t.Span, t.Sym.Name)
				}
			}
			e = p.Cdr
		}
	case *Ident:
		if id := templateIdent(x); id != nil {
			return c.newSite(id.File, id.Span, id.Sym.Name)
		}
	}
	return c.siteOf(form)
}

// templateIdent returns the identifier that a renamed one was written as, when it was read
// from a file (nil if not).
func templateIdent(x *Ident) *Ident {
	for i := 0; x != nil && i < 1000; i++ {
		if x.File != "" {
			return x
		}
		x, _ = x.orig.o.(*Ident)
	}
	return nil
}

// siteOf returns where a form came from: its own span if it came from the reader, else the
// innermost enclosing form that did (macro output).
func (c *compiler) siteOf(form Value) *Site {
	switch x := form.o.(type) {
	case *Pair:
		if s := c.in.sites(x); s != nil {
			return s
		}
	case *Ident:
		if x.File != "" {
			return c.newSite(x.File, x.Span, x.Sym.Name)
		}
	}
	if n := len(c.sites); n > 0 {
		return c.sites[n-1]
	}
	return c.newSite(c.file, syntax.Span{}, "")
}

// lookup resolves an identifier in a scope.
func (c *compiler) lookup(id Value, sc *scope) *binding {
	k, ok := keyOf(id)
	if !ok {
		return nil
	}
	for s := sc; s != nil; s = s.parent {
		if b, ok := s.vars[k]; ok {
			return b
		}
	}
	if x, ok := id.o.(*Ident); ok && x.mark != 0 {
		if x.env == nil {
			// Made outside any compilation (QuoteForm): means the builtin.
			return c.lookup(x.orig, c.in.coreScope)
		}
		return c.lookup(x.orig, x.env)
	}
	g := sc.env.intern(k.s)
	if g.bind == nil {
		g.bind = &binding{kind: bGlobal, name: k.s, global: g}
	}
	return g.bind
}

// denotation is what an identifier means in a scope, without making a global for it: a local
// binding, or the global of its name (nil when none exists yet).
type denotation struct {
	b *binding
	g *Global
	s *Symbol
}

func (c *compiler) denote(id Value, sc *scope) denotation {
	k, ok := keyOf(id)
	if !ok {
		return denotation{}
	}
	for s := sc; s != nil; s = s.parent {
		if b, ok := s.vars[k]; ok {
			return denotation{b: b}
		}
	}
	if x, ok := id.o.(*Ident); ok && x.mark != 0 {
		if x.env == nil {
			return c.denote(x.orig, c.in.coreScope)
		}
		return c.denote(x.orig, x.env)
	}
	return denotation{g: sc.env.Lookup(k.s), s: k.s}
}

// sameDenotation is free-identifier=?: a and b mean the same thing in sc.
func (c *compiler) sameDenotation(a, b Value, sc *scope) bool {
	return identSym(a) == identSym(b) && c.denote(a, sc) == c.denote(b, sc)
}

func (c *compiler) bind(sc *scope, id Value, b *binding) {
	k, _ := keyOf(id)
	sc.vars[k] = b
}

// isKeyword reports whether x is the identifier name and is not bound locally to something
// else (else, =>, unquote ...).
func (c *compiler) isKeyword(x Value, sc *scope, name string) bool {
	if identName(x) != name {
		return false
	}
	b := c.lookup(x, sc)
	return b == nil || b.kind == bGlobal
}

// compile expands one expression.
func (c *compiler) compile(x Value, sc *scope, tail bool) node {
	switch v := x.o.(type) {
	case *Symbol, *Ident:
		n := c.compileRef(x, sc)
		if id, ok := v.(*Ident); ok && id.File != "" && c.in.dbg.record.Load() {
			// Under a debugger, a variable alone on its line is a place to stop.
			if site := (&Site{File: id.File, Span: id.Span, Name: id.Sym.Name}); c.startsLine(site) {
				return &stepN{e: n, site: site}
			}
		}
		return n
	case *Pair:
		return c.compileForm(x, v, sc, tail)
	case *special:
		if x.o == Null.o {
			c.errorf(x, "empty application ()")
		}
	}
	return &constN{stripSyntax(x)}
}

// refSite is where a variable reference is: its identifier, made a Site only when an error
// needs one (most references never do, and a program has many), or the enclosing form's site.
type refSite struct {
	id   *Ident
	near *Site
}

func (r refSite) site() *Site {
	if r.id != nil {
		return &Site{File: r.id.File, Span: r.id.Span, Name: r.id.Sym.Name}
	}
	return r.near
}

func (c *compiler) refSiteOf(x Value) refSite {
	if id, ok := x.o.(*Ident); ok && id.File != "" {
		return refSite{id: id}
	}
	return refSite{near: c.siteOf(x)}
}

func (c *compiler) compileRef(x Value, sc *scope) node {
	b := c.lookup(x, sc)
	switch b.kind {
	case bLocal:
		if b.lam != sc.lam {
			b.captured = true
		}
		return &localN{b: b, at: c.refSiteOf(x)}
	case bMacro:
		c.errorf(x, "%s: syntax used as a variable", identName(x))
	}
	g := b.global
	if g.IsSyntax() {
		c.errorf(x, "%s: syntax used as a variable", identName(x))
	}
	at := c.refSiteOf(x)
	if g.firstUse == nil {
		g.firstUse = at.site()
		if id, ok := x.o.(*Ident); ok && id.File == "" {
			if t := templateIdent(id); t != nil {
				// Written in a macro's template: "used but never defined" points there.
				g.firstUse = c.newSite(t.File, t.Span, t.Sym.Name)
			}
		}
	}
	return &globalN{g: g, at: at}
}

func (c *compiler) compileForm(x Value, p *Pair, sc *scope, tail bool) node {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 10000 {
		c.errorf(x, "expression nested too deeply (or a macro expands forever)")
	}
	site := c.in.sites(p)
	if site != nil {
		if c.in.dbg.record.Load() && c.startsLine(site) {
			// Under a debugger, a form that starts a line is a place to stop.
			return c.lineStep(x, site, c.compileFormIn(x, p, sc, tail, site))
		}
		c.sites = append(c.sites, site)
		defer func() { c.sites = c.sites[:len(c.sites)-1] }()
	}
	return c.compileFormIn(x, p, sc, tail, nil)
}

// startsLine reports whether a form's site is on another line than the enclosing form's.
func (c *compiler) startsLine(site *Site) bool {
	n := len(c.sites)
	return n == 0 || c.sites[n-1].File != site.File || c.sites[n-1].Span.Start.Line != site.Span.Start.Line
}

// lineStep makes the code of a form that starts a line a stop site, unless it is one already
// (a call, a definition) or runs no code of its own where it is (a lambda makes a procedure).
func (c *compiler) lineStep(form Value, site *Site, n node) node {
	switch x := n.(type) {
	case *callN, *stepN, *constN, *localN, *globalN, *lambdaN, *caseLambdaN:
		return n
	case *setGlobalN:
		if x.define {
			return n
		}
	}
	name := ""
	if p, ok := form.o.(*Pair); ok {
		name = identName(p.Car)
	}
	return &stepN{e: n, site: c.newSite(site.File, site.Span, name)}
}

// compileFormIn compiles a form; pushed is its site when the caller has not pushed it yet.
func (c *compiler) compileFormIn(x Value, p *Pair, sc *scope, tail bool, pushed *Site) node {
	if pushed != nil {
		c.sites = append(c.sites, pushed)
		defer func() { c.sites = c.sites[:len(c.sites)-1] }()
	}
	if isIdent(p.Car) {
		b := c.lookup(p.Car, sc)
		switch {
		case b.kind == bMacro:
			return c.compile(c.expandMacro(b.macro, x, sc), sc, tail)
		case b.kind == bGlobal && b.global.special != nil:
			return b.global.special(c, x, sc, tail)
		case b.kind == bGlobal && b.global.macro != nil:
			return c.compile(c.expandMacro(b.global.macro, x, sc), sc, tail)
		}
	}
	return c.compileCall(x, p, sc, tail)
}

func (c *compiler) compileCall(x Value, p *Pair, sc *scope, tail bool) node {
	n := listLength(p.Cdr) // the arguments, straight from the list: no slice of them first
	if n < 0 {
		c.errorf(x, "procedure-call: expected a list of operands")
	}
	site := c.siteOf(x)
	site = c.newSite(site.File, site.Span, identName(p.Car))
	fn := c.compile(p.Car, sc, false)
	an := make([]node, n)
	for i, q := 0, p.Cdr; i < n; i++ {
		qp := q.o.(*Pair)
		an[i] = c.compile(qp.Car, sc, false)
		q = qp.Cdr
	}
	if g, ok := fn.(*globalN); ok && g.g.Imported {
		if prim, ok := g.g.Value.o.(*Primitive); ok && inlinable[prim.Name] != nil {
			return &primN{p: prim, args: an, site: site}
		}
	}
	return &callN{fn: fn, args: an, site: site, tail: tail}
}

// expandMacro applies a macro to a form.
func (c *compiler) expandMacro(m *Macro, x Value, sc *scope) Value {
	return m.expand(c, x, sc)
}

// expandHead expands the macro uses at the head of a form until it is a special form, a call or
// an atom, and returns it with the binding of its head identifier (nil if none).
func (c *compiler) expandHead(x Value, sc *scope) (Value, *binding, *Pair) {
	for i := 0; ; i++ {
		p, ok := x.o.(*Pair)
		if !ok || !isIdent(p.Car) {
			return x, nil, p
		}
		b := c.lookup(p.Car, sc)
		m := b.macro
		if m == nil && b.kind == bGlobal {
			m = b.global.macro
		}
		if m == nil {
			return x, b, p
		}
		if i > 10000 {
			c.errorf(x, "macro expansion does not terminate")
		}
		use := x
		x = c.expandMacro(m, x, sc)
		if xp, ok := x.o.(*Pair); ok && c.in.sites(xp) == nil {
			// The expansion stands where the use was written (an error in it, a stop).
			c.in.copySite(x, use)
		}
	}
}

// compileBody compiles a lambda or let body: internal definitions (also made by macros, and in
// nested begins) become letrec* bindings of the body's scope.
func (c *compiler) compileBody(forms []Value, sc *scope, tail bool, whole Value) node {
	if len(forms) == 0 {
		c.errorf(whole, "empty body")
	}
	bsc := sc.child()
	type item struct {
		b    *binding // a definition, or nil for an expression
		form Value    // the expression (definition: its value expression)
		bs   []*binding
		dv   bool // define-values: form is the expression, bs the targets
		rest *binding
		site *Site
	}
	var items []item
	var expand func(forms []Value)
	expand = func(forms []Value) {
		for _, f := range forms {
			f, b, p := c.expandHead(f, bsc)
			if b == nil || b.kind != bGlobal || b.global.special == nil {
				items = append(items, item{form: f})
				continue
			}
			switch b.global.Name.Name {
			case "begin":
				sub, ok := ListToSlice(p.Cdr)
				if !ok {
					c.errorf(f, "begin: improper list")
				}
				expand(sub)
			case "define":
				id, val := c.parseDefine(f, p)
				nb := bsc.lam.newLocal(identSym(id), c.siteOf(id))
				c.bind(bsc, id, nb)
				items = append(items, item{b: nb, form: val, site: c.siteOf(f)})
			case "define-values":
				formals, expr := c.parseDefineValues(f, p)
				req, rest := c.parseFormals(formals, f, "define-values")
				var bs []*binding
				for _, id := range req {
					nb := bsc.lam.newLocal(identSym(id), c.siteOf(id))
					c.bind(bsc, id, nb)
					bs = append(bs, nb)
				}
				var rb *binding
				if rest.o != nil {
					rb = bsc.lam.newLocal(identSym(rest), c.siteOf(rest))
					c.bind(bsc, rest, rb)
				}
				items = append(items, item{dv: true, form: expr, bs: bs, rest: rb, site: c.siteOf(f)})
			case "define-syntax":
				id, m := c.parseDefineSyntax(f, p, bsc)
				c.bind(bsc, id, &binding{kind: bMacro, name: identSym(id), macro: m})
			case "include", "include-ci":
				// The included forms are part of the body: their definitions are its own.
				expand(c.includeForms(f))
			default:
				items = append(items, item{form: f})
			}
		}
	}
	expand(forms)
	var binds []*binding
	var body []node
	for i, it := range items {
		last := i == len(items)-1
		switch {
		case it.dv:
			body = append(body, c.defineValuesNode(it.form, it.bs, it.rest, bsc, it.site))
			binds = append(binds, it.bs...)
			if it.rest != nil {
				binds = append(binds, it.rest)
			}
			for _, b := range it.bs {
				b.mutated = true
			}
			if it.rest != nil {
				it.rest.mutated = true
			}
		case it.b != nil:
			binds = append(binds, it.b)
			v := c.compile(it.form, bsc, false)
			nameLambda(v, it.b.name.Name)
			it.b.mutated = true
			body = append(body, &setLocalN{b: it.b, val: v, site: it.site})
		default:
			body = append(body, c.stepPoint(it.form, c.compile(it.form, bsc, tail && last)))
		}
	}
	if len(items) == 0 || items[len(items)-1].b != nil || items[len(items)-1].dv {
		c.errorf(whole, "body has no expression after its definitions")
	}
	var n node
	if len(body) == 1 {
		n = body[0]
	} else {
		n = &seqN{body: body}
	}
	if len(binds) == 0 {
		return n
	}
	// A definition whose value is not a lambda and which nothing captures needs no box; letrec
	// semantics only matter for captured variables.
	return &letrecN{binds: binds, body: n}
}

// nameLambda gives an anonymous lambda the name it is defined or bound to.
func nameLambda(n node, name string) {
	switch l := n.(type) {
	case *lambdaN:
		if l.name == "" {
			l.name = name
		}
	case *caseLambdaN:
		if l.name == "" {
			l.name = name
		}
	}
}

// parseFormals splits a lambda list into required identifiers and an optional rest identifier.
// who is the form the error names, as Foment names it (lambda, let, let-values ...).
func (c *compiler) parseFormals(formals, whole Value, who string) ([]Value, Value) {
	var req []Value
	seen := map[bkey]bool{}
	check := func(id Value) {
		if !isIdent(id) {
			c.errorf(whole, "%s: expected an identifier in the parameter list, got %s", who, WriteString(stripSyntax(id)))
		}
		k, _ := keyOf(id)
		if seen[k] {
			c.errorf(id, "%s: duplicate parameter %s", who, identName(id))
		}
		seen[k] = true
	}
	for {
		switch x := formals.o.(type) {
		case *Pair:
			check(x.Car)
			req = append(req, x.Car)
			formals = x.Cdr
			continue
		}
		if formals.IsNull() {
			return req, Value{}
		}
		check(formals)
		return req, formals
	}
}

// compileLambda compiles (lambda formals body ...) given its parts; who names the form in
// errors of its formals.
func (c *compiler) compileLambda(name string, formals Value, body []Value, sc *scope, whole Value, who string) *lambdaN {
	req, rest := c.parseFormals(formals, whole, who)
	ctx := &lambdaCtx{parent: sc.lam}
	lsc := &scope{parent: sc, vars: map[bkey]*binding{}, lam: ctx, env: sc.env}
	site := c.siteOf(whole)
	ln := &lambdaN{name: name, ctx: ctx, site: site}
	for _, id := range req {
		b := ctx.newLocal(identSym(id), c.siteOf(id))
		c.bind(lsc, id, b)
		ln.req = append(ln.req, b)
	}
	if rest.o != nil {
		b := ctx.newLocal(identSym(rest), c.siteOf(rest))
		c.bind(lsc, rest, b)
		ln.rest = b
	}
	ln.body = c.compileBody(body, lsc, true, whole)
	return ln
}

// bodyScope is where the variables of a binding form are visible, for the debugger: from the
// first form of its body to its end (not in its inits).
func (c *compiler) bodyScope(first, whole Value) syntax.Span {
	w, f := c.siteOf(whole), c.siteOf(first)
	if w == nil || f == nil || w.File != f.File || f.Span.Start.Offset < w.Span.Start.Offset {
		return syntax.Span{}
	}
	return syntax.Span{Start: f.Span.Start, End: w.Span.End}
}

// stepPoint makes an expression of a body a place where the debugger can stop: calls are
// already (they test the hook); inlined builtins and other forms get a step node.
func (c *compiler) stepPoint(form Value, n node) node {
	switch n.(type) {
	case *callN, *constN, *localN, *globalN, *lambdaN, *stepN:
		return n
	}
	site := c.siteOf(form)
	if p, ok := form.o.(*Pair); ok {
		site = c.newSite(site.File, site.Span, identName(p.Car))
	}
	return &stepN{e: n, site: site}
}

// compileSeq compiles a sequence of expressions (no definitions).
func (c *compiler) compileSeq(forms []Value, sc *scope, tail bool) node {
	if len(forms) == 0 {
		return &constN{Unspecified}
	}
	if len(forms) == 1 {
		return c.compile(forms[0], sc, tail)
	}
	ns := make([]node, len(forms))
	for i, f := range forms {
		ns[i] = c.compile(f, sc, tail && i == len(forms)-1)
	}
	return &seqN{body: ns}
}
