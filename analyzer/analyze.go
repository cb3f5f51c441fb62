package analyzer

import (
	"fmt"
	"sort"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// scope is a lexical scope of the file being analysed. Most scopes bind a name or two: they
// keep them in a slice; the top scope, which binds many, in a map.
type scope struct {
	parent *scope
	few    []*Def
	many   map[string]*Def
	span   syntax.Extent
	// lenient scopes are inside uses of user macros: their arguments may bind names we cannot
	// see, so unbound names are not reported there.
	lenient bool
	// rec, on a program's top scope, notes the names the form being analysed looks up there.
	rec *recorder
	// program: the top scope of a program (not of a library).
	program bool
}

func (s *scope) lookup(name string) *Def {
	for ; s != nil; s = s.parent {
		if d := s.get(name); d != nil {
			return d
		}
	}
	return nil
}

// get returns the binding of a name in this scope only.
func (s *scope) get(name string) *Def {
	if s.many != nil {
		d := s.many[name]
		if s.rec != nil {
			s.rec.looked(name, d)
		}
		return d
	}
	for i := len(s.few) - 1; i >= 0; i-- {
		if s.few[i].Name == name {
			return s.few[i]
		}
	}
	return nil
}

func (s *scope) set(name string, d *Def) {
	if s.many != nil {
		s.many[name] = d
		return
	}
	for i, x := range s.few {
		if x.Name == name {
			s.few[i] = d
			return
		}
	}
	s.few = append(s.few, d)
	if len(s.few) > 8 {
		s.many = make(map[string]*Def, 16)
		for _, x := range s.few {
			s.many[x.Name] = x
		}
		s.few = nil
	}
}

// each calls f for every binding of this scope.
func (s *scope) each(f func(name string, d *Def)) {
	if s.many != nil {
		for n, d := range s.many {
			f(n, d)
		}
		return
	}
	for _, d := range s.few {
		f(d.Name, d)
	}
}

func (s *scope) isLenient() bool {
	for ; s != nil; s = s.parent {
		if s.lenient {
			return true
		}
	}
	return false
}

type analyzer struct {
	f         *syntax.File
	opt       Options
	res       *Result
	builtins  map[string]*catalog.Entry // what the imports bring in
	imports   *syntax.Datum             // the first import form, where a fix adds a library
	importsIn string                    // the file of that import form
	top       *scope
	parents   []*Def            // enclosing definitions
	consts    map[*Def]constVal // bindings whose value is a socket constant
	fn, fns   int               // the procedure body being analysed, and a counter
	// noBuiltinsKnown: a file without import (an included fragment): nothing is unbound.
	noBuiltinsKnown bool
	// unknownImport: an import could not be resolved; the library may export any name, so
	// none is reported unbound (the import is).
	unknownImport bool
	// imported names the library each name of the program's (or library's) imports comes from;
	// importedDefs the definitions of those a user library defines.
	imported     map[string]string
	importedDefs map[string]*Def
	// shaky: the name's library would not load in Foment, or cannot be fully seen.
	shaky map[string]bool
	// maybeDefined are the names that appear in top-level uses of user macros: such a use may
	// define them (a macro that expands to define), so they are never reported unbound.
	maybeDefined map[string]bool

	// cur is the file whose forms are being analysed: f, or a file it includes.
	cur *syntax.File
	// places: the places of references (Ref.at) by file; lastAt the last one asked for.
	places map[string]*refAt
	lastAt *refAt
	// fileOf maps the top-level data of included files to their file, for forms analysed after
	// their include was read (a library's declarations).
	fileOf map[*syntax.Datum]*syntax.File
	// incStack is the chain of files being included, f first; includes counts the files read.
	incStack []string
	includes int
	// libName is the define-library being analysed ("" in a program); localLibs the libraries
	// this file defines, by name.
	libName string
	aka     []string // the other names of the library being analysed
	// unknownDecl: the library being analysed has a declaration the analyzer does not know;
	// problem: the first reason Foment would not load it.
	unknownDecl bool
	problem     string
	localLibs   map[string]*LibraryInfo
	// quiet > 0 inside an untaken cond-expand branch: read for navigation, not checked.
	quiet int
	// calls of user procedures, checked at the end, when every set! and redefinition is known.
	calls []pendingCall
	deps  map[string]bool
	// notImported counts the names reported because their library is not imported; undefined,
	// the uses of each name that is not defined.
	notImported map[string]*missingImport
	undefined   map[string]*missingImport
	// exp expands user macros (expand.go); nil until the first is used.
	exp *expander
	// caught are the forms of guard bodies whose errors the guard catches: calls there are not
	// checked (a test that an error is raised).
	caught map[*syntax.Datum]bool
	// unbound are the names found unbound, reported at the end (fixes.go); suggested counts
	// the searches for names close to them.
	unbound   []unboundName
	suggested int
	// suggestNext are the nearest global names found for names not defined (fixes.go), from
	// suggestPrev, the version before's, and changedTop, the top-level names that changed.
	suggestPrev, suggestNext map[string]suggestion
	changedTop               map[string]bool

	// u is the top-level form of the program being analysed (incremental.go), nil elsewhere;
	// docFloor the end of the form before it, above which no comment documents it. units are
	// the program's top-level forms, env what its imports bring.
	u        *unit
	docFloor int
	units    []*unit
	env      *environment
	envKept  bool // env is the version before's
	rec      recorder
	progTop  *scope // the program's top scope
	markK    uint64 // the marks numbered in the form being analysed (newMarkID)
	// assigned and redefined: top-level definitions assigned with set! and defined twice. They
	// are kept here rather than in the definitions, which later analyses share.
	assigned, redefined map[*Def]bool
	// quietDiag absorbs the diagnostics of code that is not checked.
	quietDiag Diagnostic
	// docForm (in docFile) is the form whose documentation (doc) was found last.
	docForm syntax.Extent
	docFile *syntax.File
	doc     string
}

type pendingCall struct {
	d    *syntax.Datum
	def  *Def
	file *syntax.File
}

// importedNames is room for the names a program or library imports, made at once: (scheme
// base) alone brings some 240, and maps grown name by name were 3% of check's time.
const importedNames = 256

// Analyze checks a parsed file. It never executes anything and works on broken text.
func Analyze(f *syntax.File, opt Options) *Result {
	a := &analyzer{f: f, opt: opt, res: &Result{File: f, Files: map[string]*syntax.File{}, refsIn: map[string][]*Ref{}, cache: &resultCache{}},
		builtins: make(map[string]*catalog.Entry, importedNames), imported: make(map[string]string, importedNames), importedDefs: map[string]*Def{}, shaky: make(map[string]bool, importedNames), consts: map[*Def]constVal{},
		maybeDefined: map[string]bool{}, cur: f, fileOf: map[*syntax.Datum]*syntax.File{},
		incStack: []string{f.Name}, localLibs: map[string]*LibraryInfo{}, deps: map[string]bool{},
		assigned: map[*Def]bool{}, redefined: map[*Def]bool{}}
	a.top = &scope{many: map[string]*Def{}, span: syntax.Extent{End: f.End().Offset}, program: true}
	a.readErrors(f.Errors)
	a.program(f.Data)
	a.finish()
	return a.res
}

// readErrors reports the reader's errors of the current file.
func (a *analyzer) readErrors(errs []*syntax.Error) {
	for _, e := range errs {
		a.diag(CodeSyntax, Error, e.Span.Extent(), e.Msg)
	}
}

// sameSyntax counts the syntax errors of one message in one file. Code of another Scheme repeats
// what Foment cannot read (#u32(...) on every line, a macro whose every use expands to a form
// Foment rejects): the first few are reported, then one line for the rest (capSyntax).
type sameSyntax struct {
	n int
	d Diagnostic // the first not reported one by one
}

// capSyntax keeps, of the syntax errors of one message in one file, the first maxNotImported,
// and one line for the rest. The errors in the expansions of one macro count together: the
// fault is the macro's. It runs over all the diagnostics once they are put together, in their
// order: a top-level form kept from the version before (incremental.go) reports its errors
// again without making them again.
func capSyntax(ds []Diagnostic) []Diagnostic {
	var seen map[string]*sameSyntax
	var order []*sameSyntax
	out := ds[:0]
	for _, d := range ds {
		if d.Code != CodeSyntax {
			out = append(out, d)
			continue
		}
		like := d.Message
		if rest, ok := strings.CutPrefix(like, expansionOf); ok {
			if i := strings.Index(rest, ": "); i >= 0 {
				like = like[:len(expansionOf)+i]
			}
		}
		key := d.File + "\x00" + like
		if seen == nil {
			seen = map[string]*sameSyntax{}
		}
		s := seen[key]
		if s == nil {
			s = &sameSyntax{}
			seen[key] = s
		}
		s.n++
		switch {
		case s.n <= maxNotImported:
			out = append(out, d)
		case s.n == maxNotImported+1:
			s.d = d
			order = append(order, s)
		}
	}
	for _, s := range order {
		out = append(out, Diagnostic{File: s.d.File, Code: CodeSyntax, Severity: Error, Span: s.d.Span,
			Message: fmt.Sprintf("%s (and %d more like it)", s.d.Message, s.n-maxNotImported-1)})
	}
	return out
}

func (a *analyzer) diag(code string, sev Severity, span syntax.Extent, msg string, fixes ...Fix) *Diagnostic {
	if a.quiet > 0 {
		a.quietDiag = Diagnostic{}
		return &a.quietDiag
	}
	if a.exp.expanding() {
		// In an expansion: what the macro introduced is reported at the use, or not at all
		// (expand.go).
		var keep, relayed bool
		if span, msg, keep, relayed = a.exp.filter(a.cur.Name, code, span, msg); !keep {
			a.quietDiag = Diagnostic{}
			return &a.quietDiag
		} else if relayed {
			fixes = nil
		}
	}
	for i := range fixes {
		for j := range fixes[i].Edits {
			if fixes[i].Edits[j].File == "" {
				fixes[i].Edits[j].File = a.cur.Name
			}
		}
	}
	a.res.Diags = append(a.res.Diags, Diagnostic{File: a.cur.Name, Code: code, Severity: sev, Span: a.cur.Span(span), Message: msg, Fixes: fixes})
	return &a.res.Diags[len(a.res.Diags)-1]
}

// program analyses the forms of a program: the libraries it defines, its imports, then its
// definitions and expressions. A library file is a program made only of define-library forms.
func (a *analyzer) program(forms []*syntax.Datum) {
	var rest []*syntax.Datum
	for _, d := range forms {
		if d.Head() == "define-library" {
			a.library(d)
			continue
		}
		rest = append(rest, d)
	}
	if len(rest) == 0 && len(forms) > 0 {
		return
	}
	sawImport := false
	var imports func(forms []*syntax.Datum)
	imports = func(forms []*syntax.Datum) {
		for _, d := range forms {
			switch d.Head() {
			case "import":
				a.importForm(d)
				sawImport = true
			case "cond-expand":
				// (cond-expand (foment (import ...)) (else (import ...))): the live branch's imports.
				if cl := a.liveClause(d); cl != nil {
					imports(cl.Elems[1:])
				} else {
					// No branch for Foment, which stops there: the imports are unknown.
					a.unknownImport = true
				}
			}
		}
	}
	if a.reuseEnv(rest) {
		a.programBody(rest)
		return
	}
	n := len(a.res.Diags)
	imports(rest)
	if !sawImport {
		// A fragment or an included file: we cannot know what is in scope.
		a.noBuiltinsKnown = true
		a.res.Fragment = len(a.res.Libraries) == 0
		for _, e := range catalog.All() {
			a.builtins[e.Name] = e
		}
	}
	if len(a.res.Libraries) == 0 {
		a.keepEnv(rest, a.res.Diags[n:])
	}
	a.programBody(rest)
}

// keywordRef records the use of a builtin keyword at the head of a form.
func (a *analyzer) keywordRef(d *syntax.Datum) {
	head := d.Elems[0]
	if a.exp.markOf(head) != nil {
		return // introduced by a macro: not in the user's text
	}
	e := a.builtins[head.Text]
	if e == nil {
		if e = catalog.Lookup(head.Text); e != nil && !alwaysKnown[head.Text] {
			a.unboundName(head, nil)
		}
	}
	a.addRef(&Ref{Name: head.Text, at: a.refAt(), Span: head.Span, Entry: e})
}

// addRef records a reference in the file being analysed.
func (a *analyzer) addRef(r *Ref) {
	if a.exp.covers(r.File(), r.Span) {
		return
	}
	if a.cur == a.f {
		a.res.Refs = append(a.res.Refs, r)
	} else {
		a.res.refsIn[a.cur.Name] = append(a.res.refsIn[a.cur.Name], r)
	}
}

// newScope opens a scope covering span.
func (a *analyzer) newScope(parent *scope, span syntax.Extent) *scope {
	return &scope{parent: parent, span: span}
}

// define binds a name in a scope.
func (a *analyzer) define(sc *scope, id *syntax.Datum, kind DefKind, form syntax.Extent) *Def {
	if id == nil || id.Kind != syntax.Symbol {
		return nil
	}
	if m := a.exp.markOf(id); m != nil {
		return a.defineIntro(sc, id, m, kind, form)
	}
	d := &Def{Name: id.Text, Kind: kind, File: a.cur.Name, line: lineIn(a.cur, id.Span), Span: id.Span, Form: form, Scope: sc.span,
		Min: -1, Max: -1, TopLevel: sc == a.top}
	d.set(defQuiet, a.quiet > 0 || a.exp.expanding())
	if d.TopLevel && a.u != nil && a.u.pass2 {
		// A top-level definition made after pass 1 reaches other forms in ways the units
		// do not record: the next analysis is made whole.
		a.u.full = true
	}
	if n := len(a.parents); n > 0 {
		d.Parent = a.parents[n-1]
	}
	if kind != DefParam && kind != DefLocal {
		// The names one form defines (a record type's procedures) share its documentation.
		if form != a.docForm || a.cur != a.docFile {
			a.docForm, a.docFile, a.doc = form, a.cur, a.docBefore(form)
		}
		d.setDoc(a.doc)
	}
	if lib := a.imported[id.Text]; lib != "" && sc == a.top {
		what := "a program"
		if a.libName != "" {
			what = "a library"
		}
		a.diag(CodeRedefineImport, Error, id.Span, fmt.Sprintf("%s is imported from (%s): %s may not define it (Foment: \"imported variables may not be redefined\")",
			id.Text, lib, what))
	}
	if kind != DefParam && kind != DefLocal && (sc != a.top || a.libName != "") {
		a.definedTwice(sc, id, kind, form)
	}
	sc.set(id.Text, d)
	a.res.Defs = append(a.res.Defs, d)
	return d
}

// definedTwice reports a second definition of a name in one body or library. Foment refuses it
// before running ("imported variables may not be redefined", "duplicate identifier in
// bindings"), as R7RS says it is an error. Foment refuses it in a program too, but a program's
// file may as well be a script of forms evaluated one by one, where a name is redefined at will
// (Foment's own test files are): the top level of a program is not checked.
func (a *analyzer) definedTwice(sc *scope, id *syntax.Datum, kind DefKind, form syntax.Extent) {
	prev := sc.get(id.Text)
	if prev == nil || prev.File == "" || a.importedDefs[id.Text] == prev || prev.File == a.cur.Name && prev.Span == id.Span {
		return
	}
	switch prev.Kind {
	case DefImport, DefUnknown, DefParam, DefLocal:
		return // a body's definition may shadow a parameter or a let variable
	}
	if kind == DefVariable && prev.Kind == DefVariable && prev.Form == form && prev.File == a.cur.Name {
		return // (define-values (v v) ...): its formals report it
	}
	prev.set(defRedefined, true)
	words := "duplicate identifier in bindings"
	if sc == a.top {
		words = "imported variables may not be redefined"
	}
	d := a.diag(CodeSyntax, Error, id.Span, fmt.Sprintf("%s is defined twice (Foment: %q)", id.Text, words))
	d.Related = append(d.Related, Location{File: prev.File, Span: a.res.Span(prev.File, prev.Span), Message: "the first definition of " + id.Text})
}

// docBefore returns the line comments just above a form, without their semicolons.
func (a *analyzer) docBefore(form syntax.Extent) string {
	cs := a.cur.Comments
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Span.Start.Offset >= form.Start })
	var lines []string
	// The lines of the text: a file read for editing compares the lines of its data only
	// within a region.
	lineOf := func(off int32) int {
		return int(a.cur.Lines.Pos(a.cur.TextOffset(int(off))).Line)
	}
	line := lineOf(form.Start)
	for i--; i >= 0; i-- {
		c := cs[i]
		if c.Kind != syntax.LineComment || lineOf(c.Span.Start.Offset) != line-1 || a.cur == a.f && int(c.Span.Start.Offset) < a.docFloor {
			break
		}
		lines = append([]string{strings.TrimSpace(strings.TrimLeft(c.Text, ";"))}, lines...)
		line--
	}
	return strings.Join(lines, "\n")
}

// ref resolves an identifier use.
func (a *analyzer) ref(id *syntax.Datum, sc *scope) *Ref {
	if m := a.exp.markOf(id); m != nil {
		return a.introRef(id, m, sc)
	}
	r := &Ref{Name: id.Text, at: a.refAt(), Span: id.Span}
	if d := sc.lookup(id.Text); d != nil {
		r.Def = d
		a.use(d, r)
	} else if e := a.builtins[id.Text]; e != nil {
		r.Entry = e
		if alt, ok := notInFoment[e.Name]; ok {
			a.notInFoment(id, alt)
		}
	} else if !sc.isLenient() {
		a.unboundName(id, sc)
	}
	a.addRef(r)
	return r
}

// body analyses a sequence of forms where definitions may appear (a program, a lambda body):
// all its definitions are bound first, so that they can refer to each other.
func (a *analyzer) body(forms []*syntax.Datum, sc *scope, top bool) {
	var defs []pending
	var uses []*syntax.Datum // top-level forms that may be uses of macros
	a.collect(forms, sc, top, &defs, &uses)
	// A top-level use of a macro (in an included file too) may define the names in it.
	a.markUses(uses, sc)
	for _, p := range defs {
		p.def.TopLevel = top
		setProcSig(p.def, p.form)
	}
	for _, f := range forms {
		restore := a.enter(f)
		a.form(f, sc)
		restore()
	}
}

// pending is a definition whose signature is set once the definitions of its body are known.
type pending struct {
	form *syntax.Datum
	def  *Def
}

// collect binds the definitions of a body's forms in sc, following begin, include and the
// live branch of cond-expand; uses gathers, in a top-level body, the forms that may be uses of
// macros.
func (a *analyzer) collect(forms []*syntax.Datum, sc *scope, top bool, defs *[]pending, uses *[]*syntax.Datum) {
	for _, f := range forms {
		restore := a.enter(f)
		switch a.headKeyword(f, sc) {
		case "begin":
			a.collect(f.Elems[1:], sc, top, defs, uses)
		case "define":
			if len(f.Elems) < 2 {
				break
			}
			target := f.Elems[1]
			for target.Kind == syntax.List && len(target.Elems) > 0 {
				target = target.Elems[0]
			}
			kind := DefVariable
			if f.Elems[1].Kind == syntax.List || (len(f.Elems) == 3 && isLambda(f.Elems[2])) {
				kind = DefProcedure
			}
			var prev *Def
			if target.Kind == syntax.Symbol {
				prev = sc.get(target.Text)
			}
			if d := a.define(sc, target, kind, f.Span); d != nil {
				d.set(defProcForm, f.Elems[1].Kind == syntax.List)
				a.redefine(prev, d)
				*defs = append(*defs, pending{f, d})
			}
		case "define-values":
			if len(f.Elems) >= 2 {
				a.formals(f.Elems[1], sc, DefVariable, f.Span)
			}
		case "define-syntax":
			if len(f.Elems) >= 2 {
				d := a.define(sc, f.Elems[1], DefMacro, f.Span)
				if len(f.Elems) == 3 {
					a.setMacro(d, f.Elems[2], sc)
				}
			}
		case "define-record-type":
			a.recordDefs(f, sc)
		case "include", "include-ci":
			a.eachInclude(f, func(inc *syntax.File) { a.collect(inc.Data, sc, top, defs, uses) })
		case "cond-expand":
			if cl := a.liveClause(f); cl != nil {
				a.collect(cl.Elems[1:], sc, top, defs, uses)
			}
		case "":
			if exp, m := a.collectUse(f, sc); exp != nil {
				// A use of a macro: the definitions it expands to are the body's.
				a.within(f, m, func() { a.collect([]*syntax.Datum{exp}, sc, top, defs, uses) })
				break
			}
			switch {
			case f.Head() == "" || a.quiet > 0: // (code that is not live defines nothing)
			case top:
				*uses = append(*uses, f)
			default:
				// In a body, a macro is defined before its uses.
				if d := sc.lookup(f.Head()); d != nil && (d.Kind == DefMacro || d.Kind == DefUnknown) {
					a.maybe(f.Elems[1:])
				}
			}
		}
		restore()
	}
}

// maybe notes the names in a use of a macro that cannot be expanded: it may define them, so
// they are not reported unbound. Those a top-level form notes are known at the end, when the
// names found unbound are reported (fixes.go).
func (a *analyzer) maybe(ds []*syntax.Datum) {
	if a.u == nil {
		markSymbols(ds, a.maybeDefined)
		return
	}
	set := map[string]bool{}
	markSymbols(ds, set)
	for n := range set {
		a.u.maybe = append(a.u.maybe, n)
	}
}

// markUses notes the names in top-level uses of user macros that were not expanded: such a use
// may define them.
func (a *analyzer) markUses(uses []*syntax.Datum, sc *scope) {
	for _, f := range uses {
		if d := sc.lookup(f.Head()); d != nil && (d.Kind == DefMacro || d.Kind == DefUnknown) {
			markSymbols(f.Elems[1:], a.maybeDefined)
		}
	}
}

// redefine notes a definition of a name its scope already binds: which definition a call meets
// depends on the order of evaluation, so the arity is unknown.
func (a *analyzer) redefine(prev, d *Def) {
	if prev == nil || prev.Kind == DefImport || prev.File == "" {
		return
	}
	if a.u != nil {
		a.u.redef = append(a.u.redef, d)
	}
	for _, x := range []*Def{prev, d} {
		if x.TopLevel {
			a.redefined[x] = true
		} else {
			x.set(defRedefined, true)
		}
	}
}

func (a *analyzer) isRedefined(d *Def) bool { return d.redefined() || a.redefined[d] }
func (a *analyzer) isAssigned(d *Def) bool  { return d.assigned() || a.assigned[d] }

// assign notes a set! of a definition.
func (a *analyzer) assign(d *Def) {
	if !d.TopLevel {
		d.set(defAssigned, true)
		return
	}
	a.assigned[d] = true
	if a.u != nil {
		a.u.assigns = append(a.u.assigns, d)
	}
}

// use adds a reference to a definition's references. Only local definitions keep them: a
// top-level definition is shared by the analyses of later versions of its file, and its
// references are the Result's.
func (a *analyzer) use(d *Def, r *Ref) {
	if !d.TopLevel {
		d.Refs = append(d.Refs, r)
	}
}

// unuse drops the reference use added last (an assignment is not a use).
func (a *analyzer) unuse(d *Def) {
	if !d.TopLevel && len(d.Refs) > 0 {
		d.Refs = d.Refs[:len(d.Refs)-1]
	}
}

func isLambda(d *syntax.Datum) bool {
	h := d.Head()
	return h == "lambda" || h == "case-lambda"
}

// headKeyword returns the builtin special form a list starts with, when its head is not
// shadowed, or "".
func (a *analyzer) headKeyword(d *syntax.Datum, sc *scope) string {
	h := d.Head()
	if h == "" {
		return ""
	}
	if m := a.exp.markOf(d.Elems[0]); m != nil {
		return a.introKeyword(d.Elems[0], m, sc)
	}
	if sc.lookup(h) != nil {
		return ""
	}
	if e := a.builtins[h]; e != nil && e.Kind == catalog.Syntax {
		// Under its own name, also when imported under another: (rename (scheme base)
		// (define-syntax scheme-define-syntax)) makes scheme-define-syntax define-syntax.
		return e.Name
	}
	if e := catalog.Lookup(h); e != nil && e.Kind == catalog.Syntax && !a.noBuiltinsKnown {
		// Syntax whose library is not imported: reported once at its use (keywordRef), and
		// still read as that form, so that one missing import does not make every name of
		// the file unbound.
		return h
	}
	if alwaysKnown[h] {
		return h
	}
	return ""
}

// alwaysKnown are the declarations and forms Foment knows in every program, imported or not.
var alwaysKnown = map[string]bool{"import": true, "define-library": true, "include": true, "include-ci": true,
	"include-library-declarations": true, "cond-expand": true}

// form analyses one form in a body (a definition or an expression).
func (a *analyzer) form(d *syntax.Datum, sc *scope) {
	kw := a.headKeyword(d, sc)
	switch kw {
	case "define", "define-values", "define-syntax", "define-record-type", "begin", "import", "include", "include-ci", "cond-expand":
		a.keywordRef(d)
	}
	switch kw {
	case "define":
		a.defineForm(d, sc)
		return
	case "define-values":
		if len(d.Elems) != 3 {
			a.diag(CodeSyntax, Error, d.Span, "define-values: expected (define-values formals expression)")
		} else if f := d.Elems[1]; sc == a.top && (f.Kind != syntax.List || f.Tail() != nil) {
			// R7RS allows (define-values (a . rest) ...) and (define-values all ...); Foment
			// only in a body.
			a.notFomentForm(f.Span, "define-values: Foment takes only a list of variables at the top level", "expected a list of variables")
		}
		for _, e := range d.Elems[2:] {
			a.expr(e, sc)
		}
		return
	case "define-syntax":
		a.defineSyntax(d, sc)
		return
	case "define-record-type":
		a.recordRefs(d, sc)
		return
	case "begin":
		for _, e := range d.Elems[1:] {
			a.form(e, sc)
		}
		return
	case "import":
		return
	case "include", "include-ci":
		a.eachInclude(d, func(inc *syntax.File) {
			for _, e := range inc.Data {
				a.form(e, sc)
			}
		})
		return
	case "cond-expand":
		a.condExpand(d, func(live []*syntax.Datum) {
			for _, e := range live {
				a.form(e, sc)
			}
		}, func(dead []*syntax.Datum) {
			a.body(dead, a.lenientScope(sc), false)
		})
		return
	}
	a.expr(d, sc)
}

func (a *analyzer) defineForm(d *syntax.Datum, sc *scope) {
	if len(d.Elems) < 2 {
		a.diag(CodeSyntax, Error, d.Span, "define: expected (define name expression) or (define (name . formals) body ...)")
		return
	}
	target := d.Elems[1]
	switch target.Kind {
	case syntax.Symbol:
		if len(d.Elems) > 3 {
			a.diag(CodeSyntax, Error, d.Elems[3].Span, "define: more than one expression after the name")
		}
		def := sc.get(target.Text)
		if def != nil {
			a.parents = append(a.parents, def)
		}
		for i, e := range d.Elems[2:] {
			if i == 0 && def != nil {
				a.sockInit(def, e, sc)
			}
			a.expr(e, sc)
		}
		if def != nil {
			a.parents = a.parents[:len(a.parents)-1]
		}
	case syntax.List:
		// (define (name . formals) body ...), curried forms included.
		def := sc.lookup(headName(target))
		if def != nil {
			a.parents = append(a.parents, def)
		}
		a.lambdaLike(target, d.Elems[2:], sc, d)
		if def != nil {
			a.parents = a.parents[:len(a.parents)-1]
		}
	default:
		a.diag(CodeSyntax, Error, target.Span, "define: expected a name")
	}
}

func headName(d *syntax.Datum) string {
	for d.Kind == syntax.List && len(d.Elems) > 0 {
		d = d.Elems[0]
	}
	if d.Kind == syntax.Symbol {
		return d.Text
	}
	return ""
}

// lambdaLike analyses (name . formals) with a body: formals are bound in a new scope.
func (a *analyzer) lambdaLike(target *syntax.Datum, body []*syntax.Datum, sc *scope, whole *syntax.Datum) {
	if target.Kind == syntax.List && len(target.Elems) > 0 && target.Elems[0].Kind == syntax.List && len(target.Elems[0].Elems) > 0 {
		// Curried: (define ((f a) b) ...) = (define (f a) (lambda (b) ...)).
		inner := a.newScope(sc, whole.Span)
		formals := withTail(&syntax.Datum{Kind: syntax.List, Elems: target.Elems[0].Elems[1:]}, target.Elems[0].Tail())
		a.formals(formals, inner, DefParam, whole.Span)
		rest := withTail(&syntax.Datum{Kind: syntax.List, Elems: target.Elems[1:], Span: target.Span}, target.Tail())
		ls := a.newScope(inner, whole.Span)
		a.formals(rest, ls, DefParam, whole.Span)
		a.lambdaBody(body, ls, whole)
		return
	}
	ls := a.newScope(sc, whole.Span)
	formals := &syntax.Datum{Kind: syntax.List, Span: target.Span}
	if target.Kind == syntax.List && len(target.Elems) > 0 {
		formals.SetList(target.Elems[1:], target.Tail())
	}
	a.formals(formals, ls, DefParam, whole.Span)
	a.lambdaBody(body, ls, whole)
}

func (a *analyzer) lambdaBody(body []*syntax.Datum, sc *scope, whole *syntax.Datum) {
	saved := a.fn
	a.fns++
	a.fn = a.fns
	defer func() { a.fn = saved }()
	if len(body) == 0 {
		a.diag(CodeSyntax, Error, whole.Span, whole.Head()+": empty body")
		return
	}
	a.body(body, sc, false)
}

// formals binds a lambda list: (a b . rest), or a single identifier.
func (a *analyzer) formals(f *syntax.Datum, sc *scope, kind DefKind, form syntax.Extent) (req int, rest bool) {
	switch f.Kind {
	case syntax.Symbol:
		a.define(sc, f, kind, form)
		return 0, true
	case syntax.List:
		seen := map[string]bool{}
		for _, e := range f.Elems {
			if e.Kind != syntax.Symbol {
				a.diag(CodeSyntax, Error, e.Span, "expected an identifier in the parameter list")
				continue
			}
			if seen[a.bindKey(e)] {
				a.diag(CodeSyntax, Error, e.Span, "duplicate parameter "+e.Text)
			}
			seen[a.bindKey(e)] = true
			a.define(sc, e, kind, form)
			req++
		}
		if f.Tail() != nil {
			if f.Tail().Kind == syntax.Symbol {
				a.define(sc, f.Tail(), kind, form)
				rest = true
			} else {
				a.diag(CodeSyntax, Error, f.Tail().Span, "expected an identifier after the dot")
			}
		}
		return req, rest
	}
	a.diag(CodeSyntax, Error, f.Span, "expected a parameter list")
	return 0, false
}

// setProcSig records the arity and signature of a procedure definition.
func setProcSig(d *Def, form *syntax.Datum) {
	if len(form.Elems) < 2 {
		return
	}
	target := form.Elems[1]
	var formals *syntax.Datum
	switch {
	case target.Kind == syntax.List && len(target.Elems) > 0 && target.Elems[0].Kind == syntax.Symbol:
		formals = withTail(&syntax.Datum{Kind: syntax.List, Elems: target.Elems[1:]}, target.Tail())
	case target.Kind == syntax.Symbol && len(form.Elems) == 3 && form.Elems[2].Head() == "lambda" && len(form.Elems[2].Elems) > 1:
		formals = form.Elems[2].Elems[1]
	case target.Kind == syntax.Symbol && len(form.Elems) == 3 && form.Elems[2].Head() == "case-lambda":
		min, max := -1, 0
		for _, cl := range form.Elems[2].Elems[1:] {
			if cl.Kind != syntax.List || len(cl.Elems) == 0 {
				continue
			}
			r, rest := countFormals(cl.Elems[0])
			if min < 0 || r < min {
				min = r
			}
			if rest {
				max = -1
			} else if max >= 0 && r > max {
				max = r
			}
		}
		if min >= 0 {
			d.Min, d.Max = int32(min), int32(max)
			d.setSig("(" + d.Name + " ...)")
		}
		return
	default:
		return
	}
	r, rest := countFormals(formals)
	d.Min, d.Max = int32(r), int32(r)
	if rest {
		d.Max = -1
	}
	var b strings.Builder
	b.WriteString("(" + d.Name)
	if formals.Kind == syntax.Symbol {
		b.WriteString(" . " + formals.Text)
	} else {
		for _, e := range formals.Elems {
			b.WriteString(" " + e.String())
		}
		if formals.Tail() != nil {
			b.WriteString(" . " + formals.Tail().String())
		}
	}
	b.WriteString(")")
	d.setSig(b.String())
	d.Kind = DefProcedure
}

func countFormals(f *syntax.Datum) (int, bool) {
	switch f.Kind {
	case syntax.Symbol:
		return 0, true
	case syntax.List:
		return len(f.Elems), f.Tail() != nil
	}
	return 0, false
}

// finish reports what only the whole analysis knows (accepts on sockets never bound, names
// not defined, calls of procedures set! elsewhere), puts the findings of the top-level forms
// together (incremental.go) and sorts them.
func (a *analyzer) finish() {
	direct := a.res.Diags // found outside the program's top-level forms
	a.res.Diags = nil
	a.reportUnbound()
	if a.res.prog != nil {
		a.res.prog.suggest = a.suggestNext
	}
	a.notImportedSummary()
	calls := a.calls
	for _, u := range a.units {
		calls = append(calls, u.calls...)
	}
	for _, c := range calls {
		if a.isAssigned(c.def) || a.isRedefined(c.def) {
			continue // set! or a second definition may give it another arity
		}
		a.inFile(c.file.Name, func() { a.checkArity(c.d, c.def.Name, int(c.def.Min), int(c.def.Max), "") })
	}
	a.reportUnused(a.res.Defs)
	n := len(direct) + len(a.res.Diags)
	for _, u := range a.units {
		n += len(u.collectDiags) + len(u.diags)
	}
	diags := make([]Diagnostic, 0, n)
	diags = append(diags, direct...)
	for _, u := range a.units {
		diags = append(append(diags, u.collectDiags...), u.diags...)
	}
	a.res.Diags = capSyntax(append(diags, a.res.Diags...))
	a.gather()
	for _, rs := range a.res.refsIn {
		sortRefs(rs)
	}
	a.dedupeRefs()
	// The flow analysis a result keeps (for questions, and when deferred) looks summaries up
	// with a function of the imports only: a method value of the analyzer would keep all of it
	// (its pass units, scopes and expansions) as long as the result.
	imports, summaries := a.res.Imports, a.opt.Summaries
	lookup := func(key string) *Summary { return importedSummary(imports, summaries, key) }
	consts := a.allConsts()
	if a.res.prog == nil {
		// The units served this analysis only (a file not read for editing): the flow
		// analysis runs without them.
		a.units = nil
	}
	switch {
	case a.opt.noFlow:
	case a.opt.DeferFlow:
		a.res.cache.deferred = true
		a.res.cache.flowIn = &flowInputs{consts: consts, assigned: a.assigned, redefined: a.redefined,
			summaries: lookup}
		if m := a.opt.Prev.flowMemo(); m != nil {
			a.res.cache.memo.Store(&m) // until this version's own is made
		}
	default:
		deepen(a.res, consts, lookup, a.opt.Prev, a.assigned, a.redefined, nil)
	}
	a.res.sortDiags()
	for p := range a.deps {
		a.res.Deps = append(a.res.Deps, p)
	}
	sort.Strings(a.res.Deps)
	a.res.builtinByName = a.builtins
	if a.env != nil && a.env.builtinList != nil {
		a.res.builtins = a.env.builtinList
		return
	}
	for _, e := range a.builtins {
		a.res.builtins = append(a.res.builtins, e)
	}
	sort.Slice(a.res.builtins, func(i, j int) bool { return a.res.builtins[i].Name < a.res.builtins[j].Name })
	if a.env != nil {
		a.env.builtinList = a.res.builtins
	}
}

// sortDiags drops repeated diagnostics and sorts them: the analysed file's first, by place.
func (r *Result) sortDiags() {
	r.Diags = dedupe(r.Diags)
	main := r.own().Name
	sort.SliceStable(r.Diags, func(i, j int) bool {
		di, dj := r.Diags[i], r.Diags[j]
		if di.File != dj.File {
			// The analysed file first, then the others by name.
			return di.File == main || dj.File != main && di.File < dj.File
		}
		return di.Span.Start.Offset < dj.Span.Start.Offset
	})
}

// FlowDeferred reports whether the flow analysis was left for Flow (Options.DeferFlow).
func (r *Result) FlowDeferred() bool {
	return r.cache != nil && r.cache.deferred
}

// Flow returns the analysis with the flow analysis's findings too: r itself, or, when it was
// deferred (Options.DeferFlow), a copy of r that it makes once.
func (r *Result) Flow() *Result {
	return r.FlowUnless(nil)
}

// FlowUnless is Flow, which stops when stop (asked now and then) says the analysis is no
// longer wanted — a newer version of the file came: then it returns nil, and a later call
// makes the analysis.
func (r *Result) FlowUnless(stop func() bool) *Result {
	c := r.cache
	if c == nil || !c.deferred {
		return r
	}
	c.flowMu.Lock()
	defer c.flowMu.Unlock()
	if c.flowRes != nil {
		return c.flowRes
	}
	in := c.flowIn
	f := *r
	f.Diags = append([]Diagnostic(nil), r.Diags...)
	f.Libraries = append([]LibraryInfo(nil), r.Libraries...)
	f.cache = &resultCache{}
	if deepen(&f, in.consts, in.summaries, r, in.assigned, in.redefined, stop) {
		return nil
	}
	f.sortDiags()
	if f.flow != nil {
		c.memo.Store(&f.flow.memo)
	}
	c.flowRes, c.flowIn = &f, nil
	return c.flowRes
}

// reportUnused reports the local bindings among defs that are never used.
func (a *analyzer) reportUnused(defs []*Def) {
	for _, d := range defs {
		if d.TopLevel || len(d.Refs) > 0 || strings.HasPrefix(d.Name, "_") || d.quiet() || d.redefined() {
			continue
		}
		switch d.Kind {
		case DefLocal, DefProcedure, DefVariable:
		default:
			// Parameters are often unused by design; macros are used by templates we do not expand.
			continue
		}
		a.inFile(d.File, func() {
			diag := a.diag(CodeUnused, Warning, d.Span, d.Name+" is never used")
			diag.Unnecessary = true
		})
	}
}

// inFile runs f with a file the analysis read made current, so that its diagnostics are
// reported there.
func (a *analyzer) inFile(name string, f func()) {
	saved := a.cur
	if name != a.f.Name && a.res.Files[name] != nil {
		a.cur = a.res.Files[name]
	} else {
		a.cur = a.f
	}
	f()
	a.cur = saved
}

func sortRefs(rs []*Ref) {
	less := func(i, j int) bool { return rs[i].Span.Start < rs[j].Span.Start }
	if sort.SliceIsSorted(rs, less) {
		return
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Span.Start < rs[j].Span.Start })
}

// dedupe drops repeated diagnostics: a form met twice (the definitions of a body are read
// before it is analysed; an include is followed by both) is reported once.
func dedupe(ds []Diagnostic) []Diagnostic {
	type key struct {
		file, code, msg string
		start, end      int
	}
	seen := map[key]bool{}
	out := ds[:0]
	for _, d := range ds {
		k := key{d.File, d.Code, d.Message, int(d.Span.Start.Offset), int(d.Span.End.Offset)}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// markSymbols adds every symbol in the data to set.
func markSymbols(ds []*syntax.Datum, set map[string]bool) {
	for _, d := range ds {
		switch d.Kind {
		case syntax.Symbol:
			set[d.Text] = true
		default:
			markSymbols(d.Elems, set)
			if d.Tail() != nil {
				markSymbols([]*syntax.Datum{d.Tail()}, set)
			}
		}
	}
}

// refAt returns the place of a reference in the file being analysed, not a set! target.
func (a *analyzer) refAt() *refAt {
	if at := a.lastAt; at != nil && at.file == a.cur.Name {
		return at
	}
	if a.places == nil {
		a.places = map[string]*refAt{}
	}
	a.lastAt = refsAt(a.places, a.cur.Name)
	return a.lastAt
}
