package analyzer

import (
	"hash/maphash"
	"sort"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// Analysing a file again after an edit, without analysing all of it.
//
// A program's top-level forms are analysed one by one, each as a unit whose findings are kept
// apart: the definitions it makes at top level (pass 1), then its local definitions,
// references, diagnostics and pending arity checks (pass 2), with what they depended on: the
// top-level names the form looked up, and the socket state of top-level bindings it met. What
// only the whole file knows (names reported once for many uses, calls of procedures set!
// elsewhere, accepts on sockets never bound) is decided at the end from the units' findings,
// in order.
//
// Given Options.Prev, the analysis of the version before (with syntax.Reparse, the forms an
// edit did not touch are the same data), a form that did not change keeps its unit when what
// it depended on is the same: the imports (the same import forms, read with the same loader),
// the bindings of the names it looked up (the same definitions: a definition is made anew only
// when its form changes), and the socket state it met. Definitions are never changed once their
// form's pass 1 is over (what other forms learn of them, set! and a second definition, is kept
// in the analysis), so units are shared by the analyses of successive versions.
//
// Macros (expand.go): a form whose pass 1 expanded a use (a macro that expands to definitions)
// is kept whole or analysed again whole; the identifiers an expansion introduces are marked with
// numbers of the form's own, the same whenever it is analysed; the expansion budget a kept form
// used is charged again, and a form that met a budget low enough to change what it expanded is
// always analysed again.
//
// A file that includes others or defines libraries is analysed whole each time.

// unit is what the analysis of one top-level form found.
type unit struct {
	form *syntax.Datum
	// Pass 1.
	top          []*Def // the top-level definitions it makes, in order
	redef        []*Def // those that were checked for a second definition (define)
	collectDiags []Diagnostic
	uses         []*syntax.Datum // forms that may be uses of macros
	heads        []lookup        // what pass 1 looked up in the top scope
	keys         []keyBinding    // top-level bindings of identifiers an expansion introduced
	full         bool            // it includes a file: the analysis reads other files
	expanded1    bool            // pass 1 expanded a use of a macro
	marks1       uint64          // the marks pass 1 numbered
	cost1, cost2 int             // the expansion budget each pass used
	low1, low2   bool            // a pass met a budget low enough to change what expands
	// Pass 2.
	pass2   bool // running or done
	done    bool
	defs    []*Def // local definitions
	refs    []*Ref
	diags   []Diagnostic
	calls   []pendingCall
	unbound []unboundName
	names   []string          // the names pass 2 looked up in the top scope, sorted, once each
	mask    uint64            // a bit per name (hash)
	assigns []*Def            // top-level definitions it assigns
	state   []touch           // the socket constants of top-level bindings it met
	locals  []*Def            // local bindings holding socket constants
	consts  map[*Def]constVal // their constants, for the flow analysis
	// positional: a message names a line of the file, which edits before the form move.
	positional bool
	expanded   bool            // it expanded a use of a macro
	expansions []expansionNote // the expansions of its uses, for hover
	maybe      []string        // names that uses of macros in its bodies may define
}

type keyBinding struct {
	key string
	def *Def
}

type expansionNote struct {
	key spanKey
	exp *syntax.Datum
}

// lookup is a name pass 1 looked up in the top scope and what it found (a use of a macro
// expands to definitions by what the macro is).
type lookup struct {
	name string
	def  *Def
}

// touch is the socket constant a top-level binding holds before and after a unit.
type touch struct {
	def                *Def
	inConst, outConst  constVal
	hadConst, hasConst bool
}

// program is what the analysis of a program keeps for the analysis of its next version.
type program struct {
	units map[*syntax.Datum]*unit
	order []*unit
	top   map[string]*Def // the top scope after pass 1
	env   *environment
	full  bool
	// reused counts the units kept from the version before (tests).
	reused int
	// suggest: for the names not defined that were reported, the nearest of the builtins and
	// top-level names (fixes.go), which the next version brings up to date with the names
	// that changed.
	suggest map[string]suggestion
}

// environment is what a program's imports bring: the same import forms read with the same
// loader bring the same.
type environment struct {
	forms         []*syntax.Datum // the import and cond-expand forms, in order
	builtins      map[string]*catalog.Entry
	bindings      map[string]*Def
	imports       []Import
	diags         []Diagnostic
	deps          []string
	importForm    *syntax.Datum
	importsIn     string
	noBuiltins    bool
	unknownImport bool
	fragment      bool
	imported      map[string]string // (analyzer.imported)
	importedDefs  map[string]*Def
	builtinList   []*catalog.Entry // set once, by the analysis that made it
}

// envForms returns the top-level forms that make the environment.
func envForms(forms []*syntax.Datum) []*syntax.Datum {
	var out []*syntax.Datum
	for _, d := range forms {
		if h := d.Head(); h == "import" || h == "cond-expand" {
			out = append(out, d)
		}
	}
	return out
}

// prev returns the analysis of the version before when it can be used.
func (a *analyzer) prev() *program {
	p := a.opt.Prev
	if p == nil || p.prog == nil || p.prog.full || !a.f.Editable() || a.opt.Library || p.File == nil || p.File.Name != a.f.Name {
		return nil
	}
	return p.prog
}

// reuseEnv takes the environment of the version before when its import forms are the same.
func (a *analyzer) reuseEnv(rest []*syntax.Datum) bool {
	p := a.prev()
	if p == nil || p.env == nil || len(a.res.Libraries) > 0 {
		return false
	}
	forms := envForms(rest)
	if len(forms) != len(p.env.forms) {
		return false
	}
	for i := range forms {
		if forms[i] != p.env.forms[i] {
			return false
		}
	}
	e := p.env
	a.env, a.envKept = e, true
	a.builtins, a.imported, a.importedDefs = e.builtins, e.imported, e.importedDefs
	for n, d := range e.bindings {
		a.top.set(n, d)
	}
	a.res.Imports = e.imports
	a.res.Diags = append(a.res.Diags, e.diags...)
	for _, d := range e.deps {
		a.deps[d] = true
	}
	a.imports, a.importsIn = e.importForm, e.importsIn
	a.noBuiltinsKnown, a.unknownImport, a.res.Fragment = e.noBuiltins, e.unknownImport, e.fragment
	return true
}

// keepEnv records the environment the imports made, for the next version.
func (a *analyzer) keepEnv(rest []*syntax.Datum, diags []Diagnostic) {
	if !a.f.Editable() || a.opt.Library {
		return
	}
	e := &environment{forms: envForms(rest), builtins: a.builtins, bindings: make(map[string]*Def, len(a.top.many)),
		imports: a.res.Imports, diags: append([]Diagnostic(nil), diags...), importForm: a.imports, importsIn: a.importsIn,
		noBuiltins: a.noBuiltinsKnown, unknownImport: a.unknownImport, fragment: a.res.Fragment,
		imported: a.imported, importedDefs: a.importedDefs}
	for n, d := range a.top.many {
		e.bindings[n] = d
	}
	for d := range a.deps {
		e.deps = append(e.deps, d)
	}
	a.env = e
}

// programBody analyses the top-level forms of a program, unit by unit.
func (a *analyzer) programBody(forms []*syntax.Datum) {
	prev := a.prev()
	if !a.envKept {
		prev = nil // the imports changed: every form may mean something else
	}
	a.progTop = a.top
	if prev != nil {
		// First keeping every form that can be; if a form whose pass 1 expanded a macro was
		// kept but its pass 2 cannot be, again, analysing such forms whole.
		saved := a.saveProgram()
		if a.passes(forms, prev, false) {
			return
		}
		a.restoreProgram(saved)
	}
	a.passes(forms, prev, true)
}

// programState is what the passes change of an analysis, to start them again.
type programState struct {
	top                 map[string]*Def
	defs                []*Def
	diags               []Diagnostic
	refs                []*Ref
	calls               []pendingCall
	unbound             []unboundName
	assigned, redefined map[*Def]bool
	consts              map[*Def]constVal
	exp                 *expander
}

func (a *analyzer) saveProgram() programState {
	st := programState{top: make(map[string]*Def, len(a.top.many)), defs: a.res.Defs, diags: a.res.Diags, refs: a.res.Refs,
		calls: a.calls, unbound: a.unbound, assigned: map[*Def]bool{}, redefined: map[*Def]bool{},
		consts: map[*Def]constVal{}}
	for k, v := range a.top.many {
		st.top[k] = v
	}
	for k, v := range a.assigned {
		st.assigned[k] = v
	}
	for k, v := range a.redefined {
		st.redefined[k] = v
	}
	for k, v := range a.consts {
		st.consts[k] = v
	}
	if a.exp != nil {
		x := *a.exp // the imports expand nothing: only its budget matters
		st.exp = &x
	}
	return st
}

func (a *analyzer) restoreProgram(st programState) {
	a.top.many = st.top
	a.res.Defs, a.res.Diags, a.res.Refs, a.calls, a.unbound = st.defs, st.diags, st.refs, st.calls, st.unbound
	a.assigned, a.redefined, a.consts, a.exp = st.assigned, st.redefined, st.consts, st.exp
	a.units = nil
}

// passes runs the two passes over the top-level forms, keeping what it can of prev's units;
// strict: a unit whose pass 1 expanded a macro is kept whole or not at all. It reports false
// when it kept such a unit's pass 1 and then could not keep its pass 2 (nothing is decided).
func (a *analyzer) passes(forms []*syntax.Datum, prev *program, strict bool) bool {
	keep := a.f.Editable() && !a.opt.Library
	prog := &program{env: a.env}
	units := make([]*unit, len(forms))
	defs, diags, refs, calls, unbound := a.res.Defs, a.res.Diags, a.res.Refs, a.calls, a.unbound
	// No comment before the end of the datum before a form documents it (datums of a file read
	// for editing compare their lines only within their region).
	all := a.f.Data
	floor := func(i int) int {
		start := forms[i].Span.Start
		k := sort.Search(len(all), func(k int) bool { return all[k].Span.Start >= start })
		if k == 0 {
			return 0
		}
		return int(all[k-1].Span.End)
	}
	// Pass 1: the top-level definitions, in order, each form seeing those before it.
	for i, f := range forms {
		a.docFloor = floor(i)
		if prev != nil {
			if old := prev.units[f]; old != nil && !(strict && old.expanded1) && a.replayCollect(old) {
				units[i] = old
				continue
			}
		}
		units[i] = a.collectUnit(f)
		prog.full = prog.full || units[i].full
	}
	if prog.full || len(a.res.Libraries) > 0 {
		prev, prog.full = nil, true
	}
	var changed map[string]bool
	var changedMask uint64
	if prev != nil {
		changed = a.changedNames(prev, forms, units)
		a.suggestPrev, a.changedTop = prev.suggest, changed
		for n := range changed {
			changedMask |= nameBit(n)
		}
	}
	// Pass 2, in order: the socket state and the expansion budget flow from form to form.
	for i, u := range units {
		a.docFloor = floor(i)
		if u.done {
			if prev != nil && prev.units[u.form] == u && !u.depends(changed, changedMask) &&
				!u.positional && !u.low2 && a.sameState(u) {
				a.replay(u)
				prog.reused++
				continue
			}
			if u.expanded1 {
				return false // its pass 1 was kept: not the pass 1 the new pass 2 would follow
			}
			u = u.pass1()
			units[i] = u
		}
		a.runUnit(u)
		prog.full = prog.full || u.full
	}
	a.docFloor = 0
	a.res.Defs, a.res.Diags, a.res.Refs, a.calls, a.unbound = defs, diags, refs, calls, unbound
	a.units = units
	if keep {
		prog.units = make(map[*syntax.Datum]*unit, len(units))
		for _, u := range units {
			prog.units[u.form] = u
		}
		prog.order = units
		prog.top = a.top.many
		a.res.prog = prog
	}
	return true
}

// collectUnit runs pass 1 of a form.
func (a *analyzer) collectUnit(f *syntax.Datum) *unit {
	u := &unit{form: f}
	a.u = u
	a.markK = 0
	a.res.Defs, a.res.Diags = nil, nil
	a.rec.pass2, a.rec.heads = false, a.rec.heads[:0]
	a.top.rec = &a.rec
	var defs []pending
	a.collect([]*syntax.Datum{f}, a.top, true, &defs, &u.uses)
	a.top.rec = nil
	if len(a.rec.heads) > 0 {
		u.heads = append([]lookup(nil), a.rec.heads...)
	}
	for _, p := range defs {
		setProcSig(p.def, p.form)
	}
	u.top, u.collectDiags = a.res.Defs, a.res.Diags
	u.expanded1, u.marks1 = u.expanded, a.markK
	a.u = nil
	return u
}

// recorder notes the names a form looks up in the top scope (one buffer for every form).
type recorder struct {
	pass2 bool
	names []string
	heads []lookup
}

// looked notes a name looked up in the top scope, and whether it was bound.
func (r *recorder) looked(name string, d *Def) {
	if r.pass2 {
		if n := len(r.names); n == 0 || r.names[n-1] != name {
			r.names = append(r.names, name)
		}
	} else {
		r.heads = append(r.heads, lookup{name, d})
	}
}

// replayCollect binds an unchanged form's top-level definitions again, when what its pass 1
// looked up in the top scope is the same definitions; it reports whether it could.
func (a *analyzer) replayCollect(u *unit) bool {
	if u.full {
		return false
	}
	for _, l := range u.heads {
		if a.top.lookup(l.name) != l.def {
			return false
		}
	}
	if u.low1 {
		return false
	}
	for _, d := range u.top {
		if contains2(u.redef, d) {
			a.redefine(a.top.get(d.Name), d)
		}
		a.top.set(d.Name, d)
	}
	for _, k := range u.keys {
		a.top.set(k.key, k.def)
	}
	if u.cost1 > 0 {
		a.expander().budget -= u.cost1
	}
	return true
}

func contains2(ds []*Def, d *Def) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

// pass1 returns a new unit with u's pass 1, for a pass 2 to run.
func (u *unit) pass1() *unit {
	return &unit{form: u.form, top: u.top, redef: u.redef, collectDiags: u.collectDiags, uses: u.uses, heads: u.heads,
		keys: u.keys, full: u.full, expanded1: u.expanded1, marks1: u.marks1, cost1: u.cost1, low1: u.low1}
}

// runUnit runs pass 2 of a form.
func (a *analyzer) runUnit(u *unit) {
	a.u = u
	u.pass2 = true
	a.markK = u.marks1
	a.res.Defs, a.res.Diags, a.res.Refs, a.calls, a.unbound = nil, nil, nil, nil, nil
	a.fn, a.fns = 0, 0
	a.rec.pass2, a.rec.names = true, a.rec.names[:0]
	a.top.rec = &a.rec
	restore := a.enter(u.form)
	a.form(u.form, a.top)
	restore()
	a.top.rec = nil
	// What ends with the form: its locals unused; the constants its local bindings hold are
	// its own (the flow analysis reads them all at the end).
	a.reportUnused(a.res.Defs)
	for _, d := range u.locals {
		if c, ok := a.consts[d]; ok {
			if u.consts == nil {
				u.consts = map[*Def]constVal{}
			}
			u.consts[d] = c
		}
		delete(a.consts, d)
	}
	u.locals = nil
	for i := range u.state {
		t := &u.state[i]
		t.outConst, t.hasConst = a.consts[t.def]
	}
	sortRefs(a.res.Refs)
	if u.expanded {
		// A template that uses a pattern variable twice analyses the user's datum twice.
		defs := map[*Def]bool{}
		a.res.Refs = dedupeRefs(a.res.Refs, defs)
		dedupeDefRefs(defs)
	}
	u.defs, u.diags, u.refs, u.calls, u.unbound = a.res.Defs, a.res.Diags, a.res.Refs, a.calls, a.unbound
	a.unbound = nil
	sort.Strings(a.rec.names)
	u.names = append([]string(nil), compact(a.rec.names)...)
	for _, n := range u.names {
		u.mask |= nameBit(n)
	}
	u.done = true
	a.u = nil
}

func compact(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

var nameSeed = maphash.MakeSeed()

func nameBit(name string) uint64 { return 1 << (maphash.String(nameSeed, name) & 63) }

// depends reports whether a unit looked up one of the names whose binding changed.
func (u *unit) depends(changed map[string]bool, mask uint64) bool {
	if u.mask&mask == 0 {
		return false
	}
	for n := range changed {
		if i := sort.SearchStrings(u.names, n); i < len(u.names) && u.names[i] == n {
			return true
		}
	}
	return false
}

// changedNames returns the names the forms that changed bound before or bind now whose binding
// is not the same.
func (a *analyzer) changedNames(prev *program, forms []*syntax.Datum, units []*unit) map[string]bool {
	changed := map[string]bool{}
	check := func(n string) {
		if _, ok := changed[n]; ok {
			return
		}
		old, now := prev.top[n], a.top.many[n]
		if old != now {
			changed[n] = true
		} else {
			changed[n] = false
		}
	}
	// The units kept are in the same order in both versions: the others are those that
	// changed, before and after.
	i := 0
	for j, u := range units {
		if prev.units[forms[j]] != u {
			for _, d := range u.top {
				check(d.Name)
			}
			continue
		}
		for ; i < len(prev.order) && prev.order[i] != u; i++ {
			for _, d := range prev.order[i].top {
				check(d.Name)
			}
		}
		i++
	}
	for ; i < len(prev.order); i++ {
		for _, d := range prev.order[i].top {
			check(d.Name)
		}
	}
	for n, c := range changed {
		if !c {
			delete(changed, n)
		}
	}
	return changed
}

// sameState reports whether the socket state a unit met is the same again.
func (a *analyzer) sameState(u *unit) bool {
	for _, t := range u.state {
		c, ok := a.consts[t.def]
		if ok != t.hadConst || ok && !c.equal(t.inConst) {
			return false
		}
	}
	return true
}

// replay applies what an unchanged form's pass 2 did to the whole analysis.
func (a *analyzer) replay(u *unit) {
	if u.cost2 > 0 {
		a.expander().budget -= u.cost2
	}
	for _, d := range u.assigns {
		a.assigned[d] = true
	}
	for _, t := range u.state {
		delete(a.consts, t.def)
		if t.hasConst {
			a.consts[t.def] = t.outConst
		}
	}
}

// gather puts the findings of the units together with those made outside them.
func (a *analyzer) gather() {
	if len(a.units) == 0 {
		sortRefs(a.res.Refs)
		return
	}
	nd, nr := len(a.res.Defs), len(a.res.Refs)
	for _, u := range a.units {
		nd += len(u.top) + len(u.defs)
		nr += len(u.refs)
	}
	defs := make([]*Def, 0, nd)
	defs = append(defs, a.res.Defs...)
	for _, u := range a.units {
		defs = append(defs, u.top...)
	}
	for _, u := range a.units {
		defs = append(defs, u.defs...)
	}
	sorted := len(a.res.Refs) == 0
	refs := make([]*Ref, 0, nr)
	refs = append(refs, a.res.Refs...)
	for _, u := range a.units {
		refs = append(refs, u.refs...)
	}
	a.res.Defs, a.res.Refs = defs, refs
	if !sorted {
		sortRefs(a.res.Refs) // a library's references among the program's
	}
	for _, u := range a.units {
		for _, e := range u.expansions {
			if a.res.expansions == nil {
				a.res.expansions = map[spanKey]*syntax.Datum{}
			}
			a.res.expansions[e.key] = e.exp
		}
	}
}

// ---- macros ----

// newMarkID numbers the mark of an expansion: in a top-level form of a program, by the form's
// place and the marks made in it before, the same whenever the form is analysed.
func (a *analyzer) newMarkID() uint64 {
	if a.u != nil && a.markK < 1<<22-1 && a.u.form.Span.Start >= 0 {
		a.markK++
		return 1<<62 | uint64(a.u.form.Span.Start)<<22 | a.markK
	}
	return markIDs.Add(1)
}

// chargeBudget charges the work of an expansion to the analysis' budget, and to the form's.
func (a *analyzer) chargeBudget(n int) {
	x := a.expander()
	if u := a.u; u != nil {
		low := x.budget < maxExpansionNodes
		if u.pass2 {
			u.cost2 += n
			u.low2 = u.low2 || low
		} else {
			u.cost1 += n
			u.low1 = u.low1 || low
		}
	}
	x.budget -= n
}

// envScope is the scope a macro's templates mean their names in: a macro defined at the top
// of the program means them in this analysis' top scope, when it was made by an analysis of an
// earlier version (its form kept).
func (a *analyzer) envScope(s *scope) *scope {
	if s != nil && s.program && a.progTop != nil {
		return a.progTop
	}
	return s
}

// noteExpansion records the expansion of a use, for hover.
func (a *analyzer) noteExpansion(k spanKey, exp *syntax.Datum) {
	if a.u != nil {
		a.u.expansions = append(a.u.expansions, expansionNote{k, exp})
		return
	}
	if a.res.expansions == nil {
		a.res.expansions = map[spanKey]*syntax.Datum{}
	}
	a.res.expansions[k] = exp
}

// keyBound notes a top-level binding of an introduced identifier under its own name.
func (a *analyzer) keyBound(key string, d *Def) {
	if a.u != nil && !a.u.pass2 {
		a.u.keys = append(a.u.keys, keyBinding{key, d})
	}
}

// lineOf returns the line of a position in a file the analysis read, as its text has it now.
// A message that names a line of the analysed file must be made again when text before it
// changes.
func (a *analyzer) lineOf(file string, off int32) int {
	if file == a.f.Name && a.u != nil {
		a.u.positional = true
	}
	return a.res.Line(file, off)
}

// defLine returns the line of a definition's name, as its text has it now.
func (a *analyzer) defLine(d *Def) int {
	if d.File == a.f.Name && a.u != nil {
		a.u.positional = true
	}
	return a.res.DefLine(d)
}

// ---- the socket constants of top-level bindings ----

// touch notes, the first time a unit meets the socket constant of a top-level binding, the
// constant as it was.
func (a *analyzer) touch(def *Def) {
	u := a.u
	if u == nil || def == nil || !def.TopLevel {
		return
	}
	for _, t := range u.state {
		if t.def == def {
			return
		}
	}
	t := touch{def: def}
	t.inConst, t.hadConst = a.consts[def]
	u.state = append(u.state, t)
}

// local notes a local binding given a constant: the form's own.
func (a *analyzer) local(def *Def) {
	if a.u != nil && !def.TopLevel && !contains2(a.u.locals, def) {
		a.u.locals = append(a.u.locals, def)
	}
}

func (a *analyzer) constFor(def *Def) (constVal, bool) {
	a.touch(def)
	c, ok := a.consts[def]
	return c, ok
}

func (a *analyzer) setConst(def *Def, c constVal) {
	a.touch(def)
	a.local(def)
	a.consts[def] = c
}

func (a *analyzer) forgetState(def *Def) {
	a.touch(def)
	delete(a.consts, def)
}

// allConsts returns the socket constants every binding holds at the end: the top-level ones and
// those of each form's local bindings (the flow analysis reads them).
func (a *analyzer) allConsts() map[*Def]constVal {
	n := 0
	for _, u := range a.units {
		n += len(u.consts)
	}
	if n == 0 {
		return a.consts
	}
	out := make(map[*Def]constVal, len(a.consts)+n)
	for d, c := range a.consts {
		out[d] = c
	}
	for _, u := range a.units {
		for d, c := range u.consts {
			out[d] = c
		}
	}
	return out
}

func (c constVal) equal(o constVal) bool {
	if c.kind != o.kind || c.value != o.value || c.raw != o.raw || c.mixed != o.mixed || len(c.names) != len(o.names) {
		return false
	}
	for i := range c.names {
		if c.names[i] != o.names[i] {
			return false
		}
	}
	return true
}
