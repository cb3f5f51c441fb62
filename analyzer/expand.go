package analyzer

// Expansion of user syntax-rules macros. The analyzer never runs user code: a use of a macro
// defined with syntax-rules (define-syntax, let-syntax, letrec-syntax, in a program, a library
// — imported across files — or a body) is expanded by pattern matching alone, and the
// expansion is analysed in place of the use. So a macro that expands to define defines, one that
// expands to let or lambda binds the names the user gave it, and the parts of a use that are
// not code (patterns, data) are never checked as code.
//
// Spans. The parts of an expansion taken from the use (what pattern variables matched) are the
// user's own data, with their spans: their references, definitions and diagnostics land on the
// user's text. The parts the template introduces are new data spanning the whole use; nothing
// is reported on them (a mistake in a template is the macro's, and a template may be fine in
// ways the analyzer cannot see) and they record no references.
//
// Hygiene. Every identifier a template introduces carries a mark of its expansion. A binding
// of a marked identifier is made under a name of its own (name + NUL + the mark's number), so
// it neither captures the user's names nor is captured by them; a marked identifier that its
// expansion does not bind means what it meant where the macro was defined (the macro's
// environment: its scope and the builtins its program or library imported). At the top level
// of a program or library a marked definition also defines the plain name, as Foment does.
//
// Bounds. Expansion is bounded in depth (a macro whose expansion uses itself forever), in the
// size of one expansion and in the total work of an analysis: a use beyond the bounds, a use
// of a macro the analyzer cannot expand (er-macro-transformer, syntax-case, a malformed
// syntax-rules, a library it cannot see) has its arguments read leniently, never reported.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

const (
	// maxExpandDepth bounds the expansions nested in one another (a use in an expansion in …).
	maxExpandDepth = 400
	// maxExpansionNodes bounds the size of one expansion.
	maxExpansionNodes = 50_000
	// expandBudget bounds the data one analysis makes and walks through expansions.
	expandBudget = 1_000_000
)

// macroEnv is where a macro was defined: the names its templates mean.
type macroEnv struct {
	scope    *scope
	builtins map[string]*catalog.Entry
}

// macro is a syntax-rules transformer.
type macro struct {
	name     string
	ellipsis string
	literals map[string]bool
	rules    []*rule
	env      macroEnv
	// marks of the template's identifiers that an expansion introduced (a macro defined by a
	// macro): read-only once parsed, as a macro of a library is shared by concurrent analyses.
	marks map[*syntax.Datum]*mark
}

type rule struct {
	pattern  *syntax.Datum
	template *syntax.Datum
	vars     map[string]int // pattern variable → depth of ellipses
	// repeated: for each subtemplate followed by an ellipsis, the pattern variables in it, with
	// the ellipses around them inside it.
	repeated map[*syntax.Datum]map[string]int
}

// mark is the mark of the identifiers one expansion introduces.
type mark struct {
	id     uint64
	env    macroEnv
	parent *mark // the template identifier's own mark, when it was introduced by an expansion
}

var markIDs atomic.Uint64

// key is the name under which a binding of a marked identifier is made.
func (m *mark) key(name string) string {
	return name + "\x00" + strconv.FormatUint(m.id, 10)
}

// expander is the analysis' state of expansion, made at the first macro.
type expander struct {
	// made are the data expansions made (introduced identifiers with their marks, introduced
	// lists, rest lists). A datum made here has a negative tag (syntax.Datum.SetTag; never negative
	// on the reader's data): -1 - its index. Every identifier the analyzer meets is asked whether it was
	// introduced: an index is much cheaper than a map of hundreds of thousands of data.
	made   []madeDatum
	memo   map[memoKey]memoVal
	uses   []activeUse // the uses being expanded, outermost first: what spans them is introduced
	quotes map[*syntax.Datum]*syntax.Datum
	sizes  map[*syntax.Datum]int
	slab   []syntax.Datum // where the data expansions make are taken from, a block at a time
	budget int
	used   bool // an expansion was analysed: references may repeat
}

type memoKey struct {
	use *syntax.Datum
	m   *macro
}

type memoVal struct {
	exp    *syntax.Datum
	status expandStatus
	size   int
}

type spanKey struct {
	file       string
	start, end int
}

type madeDatum struct {
	d    *syntax.Datum
	mark *mark // an introduced identifier's
}

type activeUse struct {
	key  spanKey
	span syntax.Extent
	name string // the macro's
	// failed: a syntax error was reported in its expansion; what follows there is its
	// consequence, not reported.
	failed bool
}

type expandStatus int

const (
	expanded expandStatus = iota
	noMatch               // no rule matches: an error in Foment too
	cannot                // beyond the analyzer: read leniently
)

func (a *analyzer) expander() *expander {
	if a.exp == nil {
		a.exp = &expander{memo: map[memoKey]memoVal{}, quotes: map[*syntax.Datum]*syntax.Datum{},
			sizes: map[*syntax.Datum]int{}, budget: expandBudget}
	}
	return a.exp
}

// alloc returns a new datum, d: an expansion makes thousands, taken from blocks rather than
// allocated one by one.
func (x *expander) alloc(d syntax.Datum) *syntax.Datum {
	if len(x.slab) == cap(x.slab) {
		x.slab = make([]syntax.Datum, 0, 8192/unsafe.Sizeof(d)) // a block fills its size class
	}
	x.slab = append(x.slab, d)
	return &x.slab[len(x.slab)-1]
}

// make records a datum an expansion made.
func (x *expander) make(d *syntax.Datum, m *mark) *syntax.Datum {
	x.made = append(x.made, madeDatum{d, m})
	d.SetTag(-int32(len(x.made)))
	return d
}

// entry returns the record of a datum this analysis' expansions made, or nil. (A macro of
// another analysis — a library's — has data made there: they are not this analysis'.)
func (x *expander) entry(d *syntax.Datum) *madeDatum {
	if x == nil || d.Tag() >= 0 {
		return nil
	}
	if i := -int(d.Tag()) - 1; i < len(x.made) && x.made[i].d == d {
		return &x.made[i]
	}
	return nil
}

// markOf returns the mark of an identifier an expansion introduced, or nil.
func (x *expander) markOf(d *syntax.Datum) *mark {
	if e := x.entry(d); e != nil {
		return e.mark
	}
	return nil
}

// introduced reports whether an expansion made the datum (rather than the user writing it).
func (x *expander) introduced(d *syntax.Datum) bool { return x.entry(d) != nil }

// covers reports whether a span in a file is that of a use being expanded: what an expansion
// introduces spans its use, and nothing is reported or referenced there.
func (x *expander) covers(file string, s syntax.Extent) bool {
	if x == nil {
		return false
	}
	for i := len(x.uses) - 1; i >= 0; i-- {
		if k := x.uses[i].key; k.start == int(s.Start) && k.end == int(s.End) && k.file == file {
			return true
		}
	}
	return false
}

// expanding reports whether an expansion is being analysed.
func (x *expander) expanding() bool { return x != nil && len(x.uses) > 0 }

// expansionOf begins the message of an error in what a macro expanded to, reported at its use.
const expansionOf = "in the expansion of "

// filter decides what becomes of a diagnostic made while an expansion is analysed. On code the
// expansion introduced (its span is a use's), a syntax error is Foment's too, when it expands
// the use: it is relayed to the outermost use the user wrote, which the others spring from,
// saying so; anything else (an unbound name, an arity) would be a guess about code the user
// cannot see, and is dropped. After a relayed error, what is reported inside that use is its
// consequence, and is dropped too.
func (x *expander) filter(file, code string, span syntax.Extent, msg string) (_ syntax.Extent, _ string, keep, relayed bool) {
	for _, u := range x.uses {
		if u.failed && u.key.file == file && u.key.start <= int(span.Start) && int(span.End) <= u.key.end {
			return span, msg, false, false
		}
	}
	if !x.covers(file, span) {
		return span, msg, true, false
	}
	if code != CodeSyntax {
		return span, msg, false, false
	}
	for i := range x.uses {
		if u := &x.uses[i]; u.key.start == int(span.Start) && u.key.end == int(span.End) && u.key.file == file {
			u.failed = true
			return u.span, expansionOf + u.name + ": " + msg, true, true
		}
	}
	return span, msg, false, false
}

// bindKey is the name a binding of the identifier is made under.
func (a *analyzer) bindKey(id *syntax.Datum) string {
	if m := a.exp.markOf(id); m != nil {
		return m.key(id.Text)
	}
	return id.Text
}

// setMacro records the transformer of a macro definition: a syntax-rules, or another macro's
// name (an alias). Anything else is left unknown (its uses are read leniently).
func (a *analyzer) setMacro(def *Def, spec *syntax.Datum, env *scope) {
	if def == nil || spec == nil {
		return
	}
	if spec.Kind == syntax.Symbol {
		var d *Def
		if m := a.exp.markOf(spec); m != nil {
			d, _ = a.resolveIntro(spec.Text, m, env, a.builtins)
		} else {
			d = env.lookup(spec.Text)
		}
		if d != nil && d != def && d.Kind == DefMacro {
			def.setMacro(d.macro())
		}
		return
	}
	def.setMacro(a.parseMacro(spec, macroEnv{scope: env, builtins: a.builtins}))
	if def.macro() != nil {
		def.macro().name = def.Name
		if i := strings.IndexByte(def.Name, 0); i >= 0 {
			def.macro().name = def.Name[:i]
		}
	}
}

// parseMacro reads (syntax-rules [ellipsis] (literal ...) (pattern template) ...), or returns
// nil when the transformer is something else or malformed.
func (a *analyzer) parseMacro(spec *syntax.Datum, env macroEnv) *macro {
	if spec.Kind != syntax.List || spec.Tail() != nil || spec.Head() != "syntax-rules" {
		return nil
	}
	rest := spec.Elems[1:]
	m := &macro{ellipsis: "...", literals: map[string]bool{}, env: env}
	if len(rest) > 0 && rest[0].Kind == syntax.Symbol {
		m.ellipsis, rest = rest[0].Text, rest[1:]
	}
	if len(rest) == 0 || rest[0].Kind != syntax.List || rest[0].Tail() != nil {
		return nil
	}
	for _, l := range rest[0].Elems {
		if l.Kind != syntax.Symbol {
			return nil
		}
		m.literals[l.Text] = true
	}
	for _, r := range rest[1:] {
		if r.Kind != syntax.List || len(r.Elems) != 2 || r.Tail() != nil {
			return nil
		}
		p, t := r.Elems[0], r.Elems[1]
		if p.Kind != syntax.List || len(p.Elems) == 0 {
			return nil
		}
		ru := &rule{pattern: p, template: t, vars: map[string]int{}, repeated: map[*syntax.Datum]map[string]int{}}
		if !m.patternVars(p.Elems[1:], p.Tail(), 0, ru.vars) || !m.checkTemplate(t, ru, false) {
			return nil
		}
		m.rules = append(m.rules, ru)
	}
	if a.exp != nil {
		// The identifiers of a template made by an expansion keep their marks.
		var walk func(d *syntax.Datum)
		walk = func(d *syntax.Datum) {
			if mk := a.exp.markOf(d); mk != nil {
				if m.marks == nil {
					m.marks = map[*syntax.Datum]*mark{}
				}
				m.marks[d] = mk
			}
			for _, e := range d.Elems {
				walk(e)
			}
			if d.Tail() != nil {
				walk(d.Tail())
			}
		}
		walk(spec)
	}
	return m
}

func (m *macro) isEllipsis(d *syntax.Datum) bool {
	return d.Kind == syntax.Symbol && d.Text == m.ellipsis && !m.literals[d.Text]
}

func (m *macro) isWildcard(d *syntax.Datum) bool {
	return d.Kind == syntax.Symbol && d.Text == "_" && !m.literals["_"]
}

// patternVars collects the pattern variables of a list pattern's elements and tail with their
// depth; false when the pattern is malformed (a misplaced or second ellipsis, a variable twice).
func (m *macro) patternVars(elems []*syntax.Datum, tail *syntax.Datum, depth int, vars map[string]int) bool {
	seen := false
	for i := 0; i < len(elems); i++ {
		e := elems[i]
		if m.isEllipsis(e) {
			return false
		}
		d := depth
		if i+1 < len(elems) && m.isEllipsis(elems[i+1]) {
			if seen {
				return false
			}
			seen = true
			d++
			i++
		}
		if !m.patternVar(e, d, vars) {
			return false
		}
	}
	if tail != nil {
		if m.isEllipsis(tail) {
			return false
		}
		return m.patternVar(tail, depth, vars)
	}
	return true
}

func (m *macro) patternVar(p *syntax.Datum, depth int, vars map[string]int) bool {
	switch p.Kind {
	case syntax.Symbol:
		if m.isWildcard(p) || m.literals[p.Text] {
			return true
		}
		if _, dup := vars[p.Text]; dup {
			return false
		}
		vars[p.Text] = depth
	case syntax.List, syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		elems, tail := listView(p, nil)
		return m.patternVars(elems, tail, depth, vars)
	case syntax.Vector:
		return m.patternVars(p.Elems, nil, depth, vars)
	}
	return true
}

// checkTemplate checks where a template puts ellipses and notes the pattern variables of each
// repeated subtemplate; false when an ellipsis follows nothing or repeats no variable.
func (m *macro) checkTemplate(t *syntax.Datum, r *rule, escaped bool) bool {
	switch t.Kind {
	case syntax.Symbol:
		return escaped || !m.isEllipsis(t)
	case syntax.List, syntax.Vector, syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		elems, tail := listView(t, nil)
		if t.Kind == syntax.Vector {
			elems, tail = t.Elems, nil
		}
		if !escaped && t.Kind == syntax.List && len(elems) == 2 && tail == nil && m.isEllipsis(elems[0]) {
			return m.checkTemplate(elems[1], r, true) // (... template): ellipses taken literally
		}
		for i := 0; i < len(elems); i++ {
			e := elems[i]
			if !escaped && m.isEllipsis(e) {
				return false
			}
			if !m.checkTemplate(e, r, escaped) {
				return false
			}
			n := 0
			for !escaped && i+1+n < len(elems) && m.isEllipsis(elems[i+1+n]) {
				n++
			}
			if n > 0 {
				vars := map[string]int{}
				m.templateVars(e, r.vars, 0, false, vars)
				if len(vars) == 0 {
					return false
				}
				r.repeated[e] = vars
				i += n
			}
		}
		if tail != nil {
			return (escaped || !m.isEllipsis(tail)) && m.checkTemplate(tail, r, escaped)
		}
	}
	return true
}

// templateVars notes the pattern variables of a template with the fewest ellipses around an
// occurrence (nest).
func (m *macro) templateVars(t *syntax.Datum, vars map[string]int, nest int, escaped bool, out map[string]int) {
	switch t.Kind {
	case syntax.Symbol:
		if _, ok := vars[t.Text]; ok {
			if k, seen := out[t.Text]; !seen || nest < k {
				out[t.Text] = nest
			}
		}
		return
	case syntax.List, syntax.Vector, syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
	default:
		return
	}
	elems, tail := listView(t, nil)
	if t.Kind == syntax.Vector {
		elems, tail = t.Elems, nil
	}
	if !escaped && t.Kind == syntax.List && len(elems) == 2 && tail == nil && m.isEllipsis(elems[0]) {
		m.templateVars(elems[1], vars, nest, true, out)
		return
	}
	for i := 0; i < len(elems); i++ {
		n := 0
		for !escaped && i+1+n < len(elems) && m.isEllipsis(elems[i+1+n]) {
			n++
		}
		m.templateVars(elems[i], vars, nest+n, escaped, out)
		i += n
	}
	if tail != nil {
		m.templateVars(tail, vars, nest, escaped, out)
	}
}

// quoteWords are the names of the abbreviations 'x `x ,x ,@x, which are two-element lists.
var quoteWords = map[syntax.Kind]string{syntax.Quote: "quote", syntax.Quasiquote: "quasiquote",
	syntax.Unquote: "unquote", syntax.UnquoteSplicing: "unquote-splicing"}

// listView returns the elements and final tail of a list-like datum: a dotted tail that is a
// list continues the list, and 'x is (quote x). words holds the symbols made for abbreviations
// (nil: make them afresh).
func listView(d *syntax.Datum, words map[*syntax.Datum]*syntax.Datum) ([]*syntax.Datum, *syntax.Datum) {
	if w, ok := quoteWords[d.Kind]; ok {
		if len(d.Elems) == 0 {
			return nil, nil
		}
		sym := words[d]
		if sym == nil {
			end := d.Span.Start
			end++
			sym = &syntax.Datum{Kind: syntax.Symbol, Text: w, Span: syntax.Extent{Start: d.Span.Start, End: end}}
			if words != nil {
				words[d] = sym
			}
		}
		return []*syntax.Datum{sym, d.Elems[0]}, nil
	}
	elems, tail := d.Elems, d.Tail()
	for tail != nil && tail.Kind == syntax.List {
		elems = append(elems[:len(elems):len(elems)], tail.Elems...)
		tail = tail.Tail()
	}
	return elems, tail
}

// ---- resolving introduced identifiers ----

// resolveIntro resolves a marked identifier: a binding its own expansion made, else what the
// name means where its macro was defined.
func (a *analyzer) resolveIntro(name string, m *mark, sc *scope, builtins map[string]*catalog.Entry) (*Def, *catalog.Entry) {
	for ; m != nil; m = m.parent {
		if d := sc.lookup(m.key(name)); d != nil {
			return d, nil
		}
		sc, builtins = a.envScope(m.env.scope), m.env.builtins
	}
	if d := sc.lookup(name); d != nil {
		return d, nil
	}
	return nil, builtins[name]
}

// introKeyword is headKeyword for an introduced head.
func (a *analyzer) introKeyword(head *syntax.Datum, m *mark, sc *scope) string {
	d, e := a.resolveIntro(head.Text, m, sc, a.builtins)
	switch {
	case d != nil:
		return ""
	case e != nil:
		if e.Kind == catalog.Syntax {
			return e.Name // its own name, also when imported under another
		}
		return ""
	}
	if e := catalog.Lookup(head.Text); e != nil && e.Kind == catalog.Syntax || alwaysKnown[head.Text] {
		return head.Text
	}
	return ""
}

// introRef is ref for an introduced identifier: it is never reported, and records nothing (it
// is not in the user's text).
func (a *analyzer) introRef(id *syntax.Datum, m *mark, sc *scope) *Ref {
	_, e := a.resolveIntro(id.Text, m, sc, a.builtins)
	return &Ref{Name: id.Text, at: a.refAt(), Span: id.Span, Entry: e}
}

// defineIntro binds an introduced identifier under its own name; at the top level the plain
// name too (as Foment does), which is then a definition the user sees, at the use.
func (a *analyzer) defineIntro(sc *scope, id *syntax.Datum, m *mark, kind DefKind, form syntax.Extent) *Def {
	key := m.key(id.Text)
	d := &Def{Name: key, Kind: kind, File: a.cur.Name, line: lineIn(a.cur, id.Span), Span: id.Span, Form: form, Scope: sc.span,
		Min: -1, Max: -1, flags: defQuiet}
	if sc == a.top {
		d.Name, d.TopLevel = id.Text, true
		d.set(defQuiet, a.quiet > 0)
		if n := len(a.parents); n > 0 {
			d.Parent = a.parents[n-1]
		}
		sc.set(id.Text, d)
		a.res.Defs = append(a.res.Defs, d)
		a.keyBound(key, d)
	}
	sc.set(key, d)
	return d
}

// ---- uses ----

// useMacro resolves the head of a use: the macro it names (a definition of kind DefMacro or
// DefUnknown), whether the head was introduced, and whether an introduced head resolves to
// nothing (a name of the macro's environment the analyzer cannot see).
func (a *analyzer) useMacro(d *syntax.Datum, sc *scope) (def *Def, intro, unresolved bool) {
	head := d.Elems[0]
	if m := a.exp.markOf(head); m != nil {
		def, e := a.resolveIntro(head.Text, m, sc, a.builtins)
		if def == nil && e == nil {
			return nil, true, true
		}
		if def != nil && (def.Kind == DefMacro || def.Kind == DefUnknown) {
			return def, true, false
		}
		return nil, true, false
	}
	if def := sc.lookup(head.Text); def != nil && def.Kind == DefMacro && def.macro() != nil {
		return def, false, false
	}
	return nil, false, false
}

// expandUse analyses a use of a macro the analyzer can expand, in place of the use, and
// reports whether it did (false: the caller analyses the form as before). A use it cannot
// expand is read leniently.
func (a *analyzer) expandUse(d *syntax.Datum, sc *scope) bool {
	def, intro, unresolved := a.useMacro(d, sc)
	if unresolved {
		a.macroArgs(d, sc)
		return true
	}
	if def == nil {
		return false
	}
	if def.macro() == nil {
		if !intro {
			return false // the caller reads a macro it cannot expand leniently
		}
		a.macroArgs(d, sc)
		return true
	}
	if !intro {
		a.ref(d.Elems[0], sc)
	}
	exp, status := a.expansion(d, def.macro())
	switch status {
	case noMatch:
		a.diag(CodeSyntax, Error, d.Span, a.noMatchMessage(def.macro()))
		a.macroArgs(d, sc)
		return true
	case cannot:
		a.macroArgs(d, sc)
		return true
	}
	if !intro {
		h := d.Elems[0].Span
		a.noteExpansion(spanKey{a.cur.Name, int(h.Start), int(h.End)}, exp)
	}
	a.within(d, def.macro(), func() { a.form(exp, sc) })
	return true
}

// ExpansionAt returns the expansion of the use of a macro whose name is at a byte offset of
// the file (the analysis' own, or a file it includes seen through View), or nil.
func (r *Result) ExpansionAt(offset int) *syntax.Datum {
	ref, _ := r.At(offset)
	if ref == nil || r.expansions == nil {
		return nil
	}
	return r.expansions[spanKey{ref.File(), int(ref.Span.Start), int(ref.Span.End)}]
}

// collectUse returns the expansion of a use in a body, for its definitions to be bound with
// the body's (nil: not a use the analyzer expands).
func (a *analyzer) collectUse(d *syntax.Datum, sc *scope) (*syntax.Datum, *macro) {
	if d.Kind != syntax.List || len(d.Elems) == 0 || d.Elems[0].Kind != syntax.Symbol {
		return nil, nil
	}
	def, _, _ := a.useMacro(d, sc)
	if def == nil || def.macro() == nil {
		return nil, nil
	}
	exp, status := a.expansion(d, def.macro())
	if status != expanded {
		return nil, nil
	}
	return exp, def.macro()
}

// within runs f with the use being expanded: what spans the use is introduced.
func (a *analyzer) within(use *syntax.Datum, m *macro, f func()) {
	x := a.exp
	k := spanKey{a.cur.Name, int(use.Span.Start), int(use.Span.End)}
	x.uses = append(x.uses, activeUse{key: k, span: use.Span, name: m.name})
	x.used = true
	if a.u != nil {
		a.u.expanded = true
	}
	f()
	x.uses = x.uses[:len(x.uses)-1]
}

// broken reports whether the text of a use is broken (a list not closed, a reader error in
// it): the user is typing, or the use holds what Foment cannot read either. It is read
// leniently rather than expanded.
func (a *analyzer) broken(d *syntax.Datum) bool {
	if !d.IsClosed() {
		return true
	}
	errs := a.cur.Errors
	i := sort.Search(len(errs), func(i int) bool { return errs[i].Span.Start.Offset >= d.Span.Start })
	return i < len(errs) && errs[i].Span.Start.Offset < d.Span.End
}

func (a *analyzer) noMatchMessage(m *macro) string {
	var pats []string
	for i, r := range m.rules {
		if i == 3 {
			pats = append(pats, "…")
			break
		}
		s := r.pattern.String()
		if len(s) > 60 {
			s = s[:57] + "…"
		}
		pats = append(pats, s)
	}
	return fmt.Sprintf("%s: this use matches no pattern of the macro (%s)", m.name, strings.Join(pats, ", "))
}

// expansion expands a use once per macro (the definitions of a body are read before the body is
// analysed, and both meet the use) and charges its size to the analysis' budget each time it is
// analysed.
func (a *analyzer) expansion(d *syntax.Datum, m *macro) (*syntax.Datum, expandStatus) {
	x := a.expander()
	a.chargeBudget(0) // (notes a budget low enough to change what expands)
	if len(x.uses) >= maxExpandDepth || x.budget <= 0 || !x.introduced(d) && a.broken(d) {
		return nil, cannot
	}
	k := memoKey{d, m}
	v, ok := x.memo[k]
	if !ok {
		v = a.expand(d, m)
		x.memo[k] = v
	}
	a.chargeBudget(v.size)
	return v.exp, v.status
}

// expand matches a use against the rules in order and instantiates the first that matches.
func (a *analyzer) expand(d *syntax.Datum, m *macro) memoVal {
	x := a.exp
	elems, tail := listView(d, x.quotes)
	for _, r := range m.rules {
		b := binds{}
		mt := matcher{m: m, x: x, use: d}
		pe, pt := listView(r.pattern, nil)
		if !mt.list(pe[1:], pt, elems[1:], tail, b) {
			continue
		}
		limit := min(maxExpansionNodes, x.budget)
		in := &instance{a: a, m: m, r: r, span: d.Span, closed: d.Closed, limit: limit,
			mark: &mark{id: a.newMarkID(), env: m.env}, children: map[*mark]*mark{}}
		exp := in.template(r.template, b, false)
		if in.failed || exp == nil {
			return memoVal{status: cannot, size: in.nodes}
		}
		return memoVal{exp: exp, status: expanded, size: in.nodes + 1}
	}
	return memoVal{status: noMatch, size: 1}
}

// ---- matching ----

// pv is what a pattern variable matched: a datum (depth 0), or at depth n > 0 one match of
// depth n-1 per repetition.
type pv struct {
	d     *syntax.Datum
	seq   []*pv
	depth int
}

type binds map[string]*pv

type matcher struct {
	m   *macro
	x   *expander
	use *syntax.Datum
}

func (mt *matcher) match(p, in *syntax.Datum, b binds) bool {
	m := mt.m
	switch p.Kind {
	case syntax.Symbol:
		switch {
		case m.isWildcard(p):
			return true
		case m.literals[p.Text]:
			return in.Kind == syntax.Symbol && in.Text == p.Text
		}
		b[p.Text] = &pv{d: in}
		return true
	case syntax.List, syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		switch in.Kind {
		case syntax.List, syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		default:
			return false
		}
		pe, pt := listView(p, nil)
		ie, it := listView(in, mt.x.quotes)
		return mt.list(pe, pt, ie, it, b)
	case syntax.Vector:
		return in.Kind == syntax.Vector && mt.list(p.Elems, nil, in.Elems, nil, b)
	}
	return sameAtom(p, in)
}

// list matches elements and a tail against a list pattern's elements and tail.
func (mt *matcher) list(pe []*syntax.Datum, pt *syntax.Datum, ie []*syntax.Datum, it *syntax.Datum, b binds) bool {
	ell := -1
	for i := 0; i+1 < len(pe); i++ {
		if mt.m.isEllipsis(pe[i+1]) {
			ell = i
			break
		}
	}
	if ell < 0 {
		if len(ie) < len(pe) {
			return false
		}
		for i, p := range pe {
			if !mt.match(p, ie[i], b) {
				return false
			}
		}
		rest, restTail := ie[len(pe):], it
		if pt == nil {
			return len(rest) == 0 && restTail == nil
		}
		return mt.match(pt, mt.restList(rest, restTail), b)
	}
	before, rep, after := pe[:ell], pe[ell], pe[ell+2:]
	if len(ie) < len(before)+len(after) {
		return false
	}
	if pt == nil && it != nil {
		return false
	}
	for i, p := range before {
		if !mt.match(p, ie[i], b) {
			return false
		}
	}
	n := len(ie) - len(before) - len(after)
	vars := map[string]int{} // the variables of the repeated pattern, with their depth in it
	mt.m.patternVar(rep, 0, vars)
	seqs := make(map[string][]*pv, len(vars))
	for i := 0; i < n; i++ {
		bi := binds{}
		if !mt.match(rep, ie[len(before)+i], bi) {
			return false
		}
		for v := range vars {
			seqs[v] = append(seqs[v], bi[v])
		}
	}
	for v, depth := range vars {
		b[v] = &pv{seq: seqs[v], depth: depth + 1}
	}
	for i, p := range after {
		if !mt.match(p, ie[len(before)+n+i], b) {
			return false
		}
	}
	if pt != nil {
		return mt.match(pt, mt.restList(nil, it), b)
	}
	return true
}

// restList is the datum a tail pattern matches: the rest of a list (made anew, spanning the
// use), or its final tail.
func (mt *matcher) restList(rest []*syntax.Datum, tail *syntax.Datum) *syntax.Datum {
	if len(rest) == 0 && tail != nil {
		return tail
	}
	return mt.x.make(withTail(&syntax.Datum{Kind: syntax.List, Elems: rest, Span: mt.use.Span, Closed: mt.use.Closed}, tail), nil)
}

// sameAtom is equal? on the data a pattern may hold besides identifiers, lists and vectors.
func sameAtom(p, in *syntax.Datum) bool {
	if p.Kind != in.Kind {
		return false
	}
	switch p.Kind {
	case syntax.String:
		return p.Text == in.Text
	case syntax.Char:
		return p.Char() == in.Char()
	case syntax.Boolean:
		return p.Bool == in.Bool
	case syntax.Number:
		return p.Number().String() == in.Number().String()
	}
	return false
}

// ---- instantiating templates ----

// size is the number of data in a datum.
func (x *expander) size(d *syntax.Datum) int {
	if len(d.Elems) == 0 && d.Tail() == nil {
		return 1
	}
	if n, ok := x.sizes[d]; ok {
		return n
	}
	n := 1
	for _, e := range d.Elems {
		n += x.size(e)
	}
	if d.Tail() != nil {
		n += x.size(d.Tail())
	}
	x.sizes[d] = n
	return n
}

type instance struct {
	a        *analyzer
	m        *macro
	r        *rule
	span     syntax.Extent
	closed   bool
	mark     *mark
	children map[*mark]*mark
	nodes    int
	limit    int
	failed   bool
}

func (in *instance) node(d *syntax.Datum) *syntax.Datum {
	in.nodes++
	if in.nodes > in.limit {
		in.failed = true
	}
	return in.a.exp.make(d, nil)
}

// intro makes the identifier a template introduces.
func (in *instance) intro(t *syntax.Datum) *syntax.Datum {
	mk := in.mark
	if parent := in.m.marks[t]; parent != nil {
		mk = in.children[parent]
		if mk == nil {
			mk = &mark{id: in.a.newMarkID(), env: in.m.env, parent: parent}
			in.children[parent] = mk
		}
	}
	in.nodes++
	if in.nodes > in.limit {
		in.failed = true
	}
	return in.a.exp.make(in.a.exp.alloc(syntax.Datum{Kind: syntax.Symbol, Text: t.Text, Span: in.span}), mk)
}

func (in *instance) template(t *syntax.Datum, b binds, escaped bool) *syntax.Datum {
	if in.failed {
		return nil
	}
	m := in.m
	switch t.Kind {
	case syntax.Symbol:
		if _, isVar := in.r.vars[t.Text]; isVar {
			v := b[t.Text]
			if v == nil || v.depth > 0 {
				in.failed = true // a variable used at another depth than it was matched
				return nil
			}
			// The user's datum is shared, not copied, but analysed where it is put: its size
			// counts.
			if in.nodes += in.a.exp.size(v.d); in.nodes > in.limit {
				in.failed = true
			}
			return v.d
		}
		return in.intro(t)
	case syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		if len(t.Elems) == 0 {
			return t
		}
		if _, isVar := in.r.vars[quoteWords[t.Kind]]; !isVar {
			e := in.template(t.Elems[0], b, escaped)
			if in.failed {
				return nil
			}
			return in.node(in.a.exp.alloc(syntax.Datum{Kind: t.Kind, Elems: []*syntax.Datum{e}, Span: in.span}))
		}
		// The abbreviation's word is a pattern variable: the template is the list it stands for.
		fallthrough
	case syntax.List, syntax.Vector:
		elems, tail := listView(t, nil)
		kind := syntax.List
		if t.Kind == syntax.Vector {
			elems, tail, kind = t.Elems, nil, syntax.Vector
		}
		if !escaped && kind == syntax.List && len(elems) == 2 && tail == nil && m.isEllipsis(elems[0]) {
			return in.template(elems[1], b, true)
		}
		out := make([]*syntax.Datum, 0, len(elems))
		for i := 0; i < len(elems); i++ {
			e := elems[i]
			n := 0
			for !escaped && i+1+n < len(elems) && m.isEllipsis(elems[i+1+n]) {
				n++
			}
			if n == 0 {
				out = append(out, in.template(e, b, escaped))
			} else {
				out = in.repeat(e, n, b, out)
				i += n
			}
			if in.failed {
				return nil
			}
		}
		var tl *syntax.Datum
		if tail != nil {
			tl = in.template(tail, b, escaped)
			if in.failed {
				return nil
			}
			// (a . rest) where rest is a list is that longer list.
			for tl != nil && tl.Kind == syntax.List {
				out = append(out, tl.Elems...)
				tl = tl.Tail()
			}
		}
		return in.node(withTail(in.a.exp.alloc(syntax.Datum{Kind: kind, Elems: out, Span: in.span, Closed: in.closed}), tl))
	}
	return t
}

// repeat instantiates a subtemplate followed by n ellipses once per repetition of its
// variables, appending to out.
func (in *instance) repeat(t *syntax.Datum, n int, b binds, out []*syntax.Datum) []*syntax.Datum {
	count := -1
	var ctrl []string
	for v, nest := range in.r.repeated[t] {
		// A variable with more depth than the ellipses around it in t: this ellipsis repeats it.
		if p := b[v]; p != nil && p.depth > nest+n-1 {
			if count >= 0 && len(p.seq) != count {
				in.failed = true // repetitions of different lengths
				return out
			}
			count = len(p.seq)
			ctrl = append(ctrl, v)
		}
	}
	if count < 0 {
		in.failed = true // nothing to repeat
		return out
	}
	// Each repetition binds the variables it repeats to their i-th matches in b itself (the
	// template reads b and keeps nothing of it), and b is given back as it was: a copy of b for
	// each repetition made long expansions quadratic in their variables.
	seqs := make([]*pv, len(ctrl))
	for j, v := range ctrl {
		seqs[j] = b[v]
	}
	for i := 0; i < count && !in.failed; i++ {
		for j, v := range ctrl {
			b[v] = seqs[j].seq[i]
		}
		if n > 1 {
			out = in.repeat(t, n-1, b, out)
		} else {
			out = append(out, in.template(t, b, false))
		}
	}
	for j, v := range ctrl {
		b[v] = seqs[j]
	}
	return out
}

// templateBinders adds to set the names a template binds itself (let and its kin, named let,
// lambda, define, do): there they are the expansion's own, not the names of the place the macro
// is defined.
func templateBinders(t *syntax.Datum, set map[string]bool) {
	if t.Kind != syntax.List {
		return
	}
	args := t.Elems[min(1, len(t.Elems)):]
	bindingNames := func(bs *syntax.Datum) {
		for _, b := range bs.Elems {
			if b.Kind == syntax.List && len(b.Elems) > 0 {
				markSymbols(b.Elems[:1], set)
			}
		}
	}
	switch t.Head() {
	case "let", "let*", "letrec", "letrec*", "do", "let-values", "let*-values":
		if len(args) > 0 && args[0].Kind == syntax.Symbol {
			set[args[0].Text] = true // named let
			args = args[1:]
		}
		if len(args) > 0 && args[0].Kind == syntax.List {
			bindingNames(args[0])
		}
	case "lambda", "define", "define-values":
		if len(args) > 0 {
			markSymbols(args[:1], set)
		}
	case "case-lambda":
		bindingNames(t)
	}
	for _, e := range t.Elems {
		templateBinders(e, set)
	}
	if t.Tail() != nil {
		templateBinders(t.Tail(), set)
	}
}

// dedupeRefs drops the references an expansion repeated (a template that uses a pattern
// variable twice analyses the user's datum twice).
func (a *analyzer) dedupeRefs() {
	if a.exp == nil || !a.exp.used {
		return
	}
	defs := map[*Def]bool{}
	a.res.Refs = dedupeRefs(a.res.Refs, defs)
	for f, rs := range a.res.refsIn {
		a.res.refsIn[f] = dedupeRefs(rs, defs)
	}
	dedupeDefRefs(defs)
}

// dedupeRefs drops the repeated references of a sorted list, noting the local definitions
// they refer to in defs (a top-level definition keeps no references).
func dedupeRefs(rs []*Ref, defs map[*Def]bool) []*Ref {
	out := rs[:0]
	for i, r := range rs {
		if r.Def != nil && !r.Def.TopLevel {
			defs[r.Def] = true
		}
		if i > 0 && sameRef(rs[i-1], r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// dedupeDefRefs drops the repeated references of definitions.
func dedupeDefRefs(defs map[*Def]bool) {
	for d := range defs {
		seen := map[spanKey]bool{}
		out := d.Refs[:0]
		for _, r := range d.Refs {
			k := spanKey{r.File(), int(r.Span.Start), int(r.Span.End)}
			if !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
		d.Refs = out
	}
}

func sameRef(x, y *Ref) bool {
	return x.Span == y.Span && x.File() == y.File() && x.Def == y.Def && x.Entry == y.Entry
}
