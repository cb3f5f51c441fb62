package interp

import "sync/atomic"

// Macro is a syntax transformer: syntax-rules, or a Go function for derived forms.
type Macro struct {
	name     string
	env      *scope // where it was defined: free identifiers of its templates mean what they mean there
	literals []Value
	ellipsis bkey
	rules    [][2]Value // pattern, template
	goExpand func(c *compiler, x Value, sc *scope) Value
}

var markCounter atomic.Int64

func (m *Macro) expand(c *compiler, x Value, sc *scope) Value {
	if m.goExpand != nil {
		return m.goExpand(c, x, sc)
	}
	for _, r := range m.rules {
		b := map[bkey]*mval{}
		pat, ok := r[0].o.(*Pair)
		form := x.o.(*Pair)
		if !ok {
			continue
		}
		// The keyword position matches anything.
		if m.match(c, pat.Cdr, form.Cdr, sc, b) {
			return m.instantiate(c, r[1], b, map[bkey]Value{}, x)
		}
	}
	c.errorf(x, "%s: no syntax-rules pattern matches %s", m.name, WriteString(stripSyntax(x)))
	return Value{}
}

// mval is what a pattern variable matched: a form at depth 0, or a sequence under an ellipsis.
type mval struct {
	v   Value
	seq []*mval
	d   int
	id  Value // the pattern variable
}

func (m *Macro) isEllipsis(v Value) bool {
	k, ok := keyOf(v)
	if !ok || m.ellipsis.s == nil {
		return false
	}
	// The default ellipsis is any identifier named "...", also one renamed by the expansion
	// of a macro-defining macro.
	if m.ellipsis == defaultEllipsis {
		return k.s == defaultEllipsis.s
	}
	return k == m.ellipsis
}

var defaultEllipsis = bkey{Intern("..."), 0}

func (m *Macro) isLiteral(v Value) bool {
	k, _ := keyOf(v)
	for _, l := range m.literals {
		if lk, _ := keyOf(l); lk == k {
			return true
		}
	}
	return false
}

// literalMatches is free-identifier=? between a use and a literal of the macro: the same
// binding, or no binding at all under the same name — a literal no library defines (<- of a
// parser macro, used from another library or the program) is a global of each environment.
func (c *compiler) literalMatches(form Value, sc *scope, lit Value, litSc *scope) bool {
	bf, bl := c.lookup(form, sc), c.lookup(lit, litSc)
	if bf == bl {
		return true
	}
	return bf != nil && bl != nil && bf.kind == bGlobal && bl.kind == bGlobal &&
		bf.global.unbound() && bl.global.unbound() && identSym(form) == identSym(lit)
}

func listLen(v Value) int {
	n := 0
	for {
		p, ok := v.o.(*Pair)
		if !ok {
			return n
		}
		n++
		v = p.Cdr
	}
}

func (m *Macro) match(c *compiler, pat, form Value, sc *scope, b map[bkey]*mval) bool {
	switch p := pat.o.(type) {
	case *Symbol, *Ident:
		// A literal first: _ listed among the literals matches only _.
		if m.isLiteral(pat) {
			return isIdent(form) && c.literalMatches(form, sc, pat, m.env)
		}
		if identName(pat) == "_" {
			return true
		}
		k, _ := keyOf(pat)
		b[k] = &mval{v: form, id: pat}
		return true
	case *Pair:
		if next, ok := p.Cdr.o.(*Pair); ok && m.isEllipsis(next.Car) {
			after := next.Cdr
			var items []Value
			f := form
			for n := listLen(form) - listLen(after); n > 0; n-- {
				fp := f.o.(*Pair)
				items = append(items, fp.Car)
				f = fp.Cdr
			}
			vars := m.patternVars(p.Car, nil)
			ids := map[bkey]Value{}
			m.patternIdents(p.Car, ids)
			seqs := make(map[bkey][]*mval, len(vars))
			for _, it := range items {
				sub := map[bkey]*mval{}
				if !m.match(c, p.Car, it, sc, sub) {
					return false
				}
				for _, k := range vars {
					seqs[k] = append(seqs[k], sub[k])
				}
			}
			for _, k := range vars {
				b[k] = &mval{seq: seqs[k], d: 1, id: ids[k]}
			}
			return m.match(c, after, f, sc, b)
		}
		fp, ok := form.o.(*Pair)
		if !ok {
			return false
		}
		return m.match(c, p.Car, fp.Car, sc, b) && m.match(c, p.Cdr, fp.Cdr, sc, b)
	case *Vector:
		fv, ok := form.o.(*Vector)
		if !ok {
			return false
		}
		return m.match(c, List(p.Items...), List(fv.Items...), sc, b)
	}
	if pat.IsNull() {
		return form.IsNull()
	}
	return Equal(stripSyntax(pat), stripSyntax(form))
}

// patternIdents records the identifier of each pattern variable in a pattern.
func (m *Macro) patternIdents(pat Value, ids map[bkey]Value) {
	switch p := pat.o.(type) {
	case *Symbol, *Ident:
		k, _ := keyOf(pat)
		ids[k] = pat
	case *Pair:
		m.patternIdents(p.Car, ids)
		m.patternIdents(p.Cdr, ids)
	case *Vector:
		for _, e := range p.Items {
			m.patternIdents(e, ids)
		}
	}
}

// patternVars lists the pattern variables in a pattern.
func (m *Macro) patternVars(pat Value, out []bkey) []bkey {
	switch p := pat.o.(type) {
	case *Symbol, *Ident:
		if identName(pat) != "_" && !m.isLiteral(pat) && !m.isEllipsis(pat) {
			k, _ := keyOf(pat)
			out = append(out, k)
		}
	case *Pair:
		out = m.patternVars(p.Car, out)
		out = m.patternVars(p.Cdr, out)
	case *Vector:
		for _, e := range p.Items {
			out = m.patternVars(e, out)
		}
	}
	return out
}

// rename renames an identifier a template inserts: the same one each time in one expansion,
// and with a mark of its own, so that two identifiers of one name that were different before
// the expansion (the template's own x and a user's x passed in, in a nested macro) stay
// different after it.
func (m *Macro) rename(t Value, renames map[bkey]Value) Value {
	k, _ := keyOf(t)
	if r, ok := renames[k]; ok {
		return r
	}
	r := Obj(&Ident{Sym: identSym(t), mark: int(markCounter.Add(1)), env: m.env, orig: t})
	renames[k] = r
	return r
}

// patternVar returns what the pattern variable that template identifier t stands for matched.
// A pattern variable is the same identifier, or one that is free-identifier=? to it (the
// same name, bound to the same thing where the macro is defined): a macro-defining macro
// may put a renamed x in the inner pattern and the user's x in its template, which mean one
// variable (Petrofsky, r5rs_pitfall 8.1; Foment matches pattern variables this way).
func (m *Macro) patternVar(c *compiler, t Value, b map[bkey]*mval) (*mval, bool) {
	k, _ := keyOf(t)
	if v, ok := b[k]; ok {
		return v, true
	}
	for pk, v := range b {
		if pk.s == k.s && v.id.o != nil && c.sameDenotation(t, v.id, m.env) {
			return v, true
		}
	}
	return nil, false
}

func (m *Macro) instantiate(c *compiler, t Value, b map[bkey]*mval, renames map[bkey]Value, use Value) Value {
	switch p := t.o.(type) {
	case *Symbol, *Ident:
		if v, ok := m.patternVar(c, t, b); ok {
			if v.d != 0 {
				c.errorf(use, "%s: pattern variable %s used without an ellipsis", m.name, identName(t))
			}
			return v.v
		}
		return m.rename(t, renames)
	case *Pair:
		// (... ...) is a literal ellipsis; (... template) escapes ellipses in template.
		if m.isEllipsis(p.Car) {
			if rest, ok := p.Cdr.o.(*Pair); ok {
				saved := m.ellipsis
				m.ellipsis = bkey{}
				defer func() { m.ellipsis = saved }()
				return m.instantiate(c, rest.Car, b, renames, use)
			}
		}
		if next, ok := p.Cdr.o.(*Pair); ok && m.isEllipsis(next.Car) {
			// Count the ellipses following the subtemplate.
			depth := 1
			after := next.Cdr
			for {
				ap, ok := after.o.(*Pair)
				if !ok || !m.isEllipsis(ap.Car) {
					break
				}
				depth++
				after = ap.Cdr
			}
			items := m.expandEllipsis(c, p.Car, b, renames, use, depth)
			rest := m.instantiate(c, after, b, renames, use)
			for i := len(items) - 1; i >= 0; i-- {
				rest = Cons(items[i], rest)
			}
			return rest
		}
		a := m.instantiate(c, p.Car, b, renames, use)
		d := m.instantiate(c, p.Cdr, b, renames, use)
		return Cons(a, d)
	case *Vector:
		l := m.instantiate(c, List(p.Items...), b, renames, use)
		items, _ := ListToSlice(l)
		return Vec(items)
	}
	return t
}

// expandEllipsis instantiates sub once for each element of the sequences its pattern variables
// matched (depth ellipses flatten depth levels).
func (m *Macro) expandEllipsis(c *compiler, sub Value, b map[bkey]*mval, renames map[bkey]Value, use Value, depth int) []Value {
	var vars []bkey
	for _, t := range m.templateIdents(sub, nil) {
		if v, ok := m.patternVar(c, t, b); ok && v.d > 0 {
			k, _ := keyOf(v.id)
			vars = append(vars, k)
		}
	}
	if len(vars) == 0 {
		c.errorf(use, "%s: no pattern variable with an ellipsis in a template followed by ...", m.name)
	}
	n := -1
	for _, k := range vars {
		if l := len(b[k].seq); n < 0 || l < n {
			if n >= 0 && l != n {
				c.errorf(use, "%s: pattern variables under one ellipsis matched different lengths", m.name)
			}
			n = l
		} else if l != n {
			c.errorf(use, "%s: pattern variables under one ellipsis matched different lengths", m.name)
		}
	}
	var out []Value
	for i := 0; i < n; i++ {
		nb := make(map[bkey]*mval, len(b))
		for k, v := range b {
			nb[k] = v
		}
		for _, k := range vars {
			nb[k] = b[k].seq[i]
		}
		if depth > 1 {
			out = append(out, m.expandEllipsis(c, sub, nb, renames, use, depth-1)...)
		} else {
			out = append(out, m.instantiate(c, sub, nb, renames, use))
		}
	}
	return out
}

func (m *Macro) templateIdents(t Value, out []Value) []Value {
	switch p := t.o.(type) {
	case *Symbol, *Ident:
		out = append(out, t)
	case *Pair:
		out = m.templateIdents(p.Car, out)
		out = m.templateIdents(p.Cdr, out)
	case *Vector:
		for _, e := range p.Items {
			out = m.templateIdents(e, out)
		}
	}
	return out
}

// parseSyntaxRules makes a macro from (syntax-rules [ellipsis] (literal ...) (pattern template) ...).
func (c *compiler) parseSyntaxRules(name string, spec Value, sc *scope) *Macro {
	p, ok := spec.o.(*Pair)
	if !ok || !isIdent(p.Car) {
		c.errorf(spec, "%s: expected (syntax-rules (literal ...) (pattern template) ...)", name)
	}
	b := c.lookup(p.Car, sc)
	if b.kind != bGlobal || b.global.Name.Name != "syntax-rules" || b.global.special == nil {
		c.errorf(spec, "%s: only syntax-rules transformers are supported", name)
	}
	m := &Macro{name: name, env: sc, ellipsis: defaultEllipsis}
	rest, ok := ListToSlice(p.Cdr)
	if !ok || len(rest) == 0 {
		c.errorf(spec, "syntax-rules: expected a list of literals")
	}
	if isIdent(rest[0]) {
		m.ellipsis, _ = keyOf(rest[0])
		rest = rest[1:]
		if len(rest) == 0 {
			c.errorf(spec, "syntax-rules: expected a list of literals")
		}
	}
	lits, ok := ListToSlice(rest[0])
	if !ok {
		c.errorf(spec, "syntax-rules: expected a list of literals")
	}
	for _, l := range lits {
		if !isIdent(l) {
			c.errorf(spec, "syntax-rules: literals must be identifiers")
		}
	}
	m.literals = lits
	for _, r := range rest[1:] {
		parts, ok := ListToSlice(r)
		if !ok || len(parts) != 2 {
			c.errorf(r, "syntax-rules: expected (pattern template)")
		}
		if _, ok := parts[0].o.(*Pair); !ok {
			c.errorf(r, "syntax-rules: a pattern must be a list")
		}
		m.rules = append(m.rules, [2]Value{parts[0], parts[1]})
	}
	return m
}
