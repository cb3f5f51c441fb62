package analyzer

import (
	"sort"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// The flow analysis: an abstract interpreter over a file's forms, fed by the scope analysis
// (every identifier's Ref and every binding's Def). It follows values (kinds.go) and sockets
// (typestate.go) through let, if, cond, named-let loops (to a fixed point) and calls, computes
// a summary of each top-level procedure (summaries.go), and reports what must fail at run
// time. It never runs user code; what it cannot see into (a macro it does not expand, a
// procedure passed as a value, eval) is unknown and never reported.

// flow is one run of the analysis over one file and the files it includes.
type flow struct {
	res    *Result
	lookup func(key string) *Summary // summaries of procedures of other files
	sums   map[string]*Summary       // this file's, by key

	file   string // the file of the forms being walked
	refs   []*Ref
	defsAt map[string]map[int]*Def
	incs   map[string]map[int]string // file → offset of an include's file name → the included file
	offs   []int32                   // the start of each of refs
	// renamed: the file imports keywords under other names ((rename (scheme base) (define def))).
	renamed    bool
	lastRef    int
	formVals   map[*syntax.Datum]value // the socket syntax forms' constants
	offsByFile map[string][]int32
	fileDefs   []*Def // the file's bindings, by place
	defsByFile map[string][]*Def

	binds map[*Def]value
	procs map[*Def]*procInfo
	// records are the procedures of define-record-type not yet asked for (proc): most of a
	// record type's procedures are never used, and a procInfo is 128 bytes.
	records    map[*Def]recordEntry
	globals    map[*Def]*globalInfo
	imported   map[*Def]*procInfo // procedures of other files with summaries
	paramOf    map[*Def]paramRef  // the parameters of summarised procedures
	lastRead   map[string]value   // the top-level variables the last procedure analysed read
	globalKeys map[string]*Def
	byKey      map[string]*procInfo
	objs       map[allocKey]*sockObj
	// oldConsts: the bindings whose socket constant the per-call checks know (sockets.go).
	oldConsts map[*Def]constVal
	// followed are the calls the analysis follows, tainted and tested what its first reading
	// found of bindings (discover.go): kept here, not in the Refs and Defs, which later
	// analyses of the file share (incremental.go); assignedSet and redefinedSet, the top-level
	// bindings assigned with set! and defined twice (the analysis keeps them apart too).
	followed                  map[*Ref]bool
	tainted, tested           map[*Def]bool
	assignedSet, redefinedSet map[*Def]bool
	round                     int

	ctx       *procCtx // the procedure being analysed; nil at top level
	emit      bool     // report
	wantFacts bool     // record what variables hold (hover)
	diags     []Diagnostic
	facts     []refFact // what each variable holds where it is used (hover)
	caught    int       // > 0 inside guard bodies and exception handlers: failures are expected
	standal   int       // > 0 inside lambdas analysed where they are made (run later, or never)
	depth     int       // inlined calls and loops being analysed
	work      int       // forms evaluated in this procedure: bounded
	nextID    int
}

// procInfo is a procedure the analysis knows the code of.
type procInfo struct {
	def     *Def // its binding (nil: an anonymous lambda)
	name    string
	file    string
	formals *syntax.Datum
	body    []*syntax.Datum
	top     bool       // a top-level definition: summarised
	record  recordProc // a procedure of define-record-type
	key     string
	form    *syntax.Datum // its define form
	// inline analysis: the loop frame while its body is being analysed at a call
	frame *loopFrame
	cont  *contFrame             // a continuation captured by call/cc: calling it leaves
	tails map[*syntax.Datum]bool // the forms in tail position of its body
}

type recordProc uint8

const (
	notRecord recordProc = iota
	recordMake
	recordPred
	recordGet
	recordSet
)

// globalInfo is a top-level variable: the expression it is defined with.
type globalInfo struct {
	init   *syntax.Datum
	file   string
	v      value
	state  uint8 // 0 not computed, 1 computing, 2 done
	round  int
	obj    *sockObj
	inProc bool // a procedure uses it
}

// procCtx is the procedure being analysed and what its summary gathers.
type procCtx struct {
	proc   *procInfo
	params []*Def
	objs   []*sockObj // its parameters' sockets (nil when not a parameter)
	sum    *Summary
	made   []*sockObj          // sockets made here, to be closed here
	saw    map[string]*Summary // the summaries its calls saw
	read   map[string]value    // the top-level variables it read (by defKey), and what they held
	cited  []cite              // the places its messages name by their lines
}

// loopFrame is a local procedure whose body is being analysed at a call: calls of it from its
// own body are the back edges of a loop.
type loopFrame struct {
	entry    *state  // the state at its head, joined over the calls
	args     []value // its parameters' values, joined over the calls
	grew     bool
	edges    int    // back edges taken in this pass
	nontail  int    // of them, calls not in tail position
	back     *state // the state at the back edges of the last pass, joined
	backArgs []value
	second   bool   // the pass from the back edges (secondRound): they lead nowhere
	exit     *state // the state after the body, of the previous iteration
	ret      value
}

// contFrame: the continuation of a call/cc; the states of the calls of it join the result.
type contFrame struct {
	states []*state
	vals   []value
}

// paramRef is a parameter of a summarised procedure.
type paramRef struct {
	sum *Summary
	i   int
}

// refFact is what a variable holds at a use or a binding.
type refFact struct {
	file string
	off  int // the identifier's place and length
	n    int
	name string
	def  *Def
	v    value
	sock *sockFact
}

// maxWork bounds the forms evaluated for one procedure (inlining, loops): beyond it, calls of
// local procedures are unknown.
const maxWork = 20000

// ---- resolving names ----

func (fl *flow) setFile(name string) {
	if name == fl.file {
		return
	}
	fl.file = name
	if name == fl.res.File.Name {
		fl.refs = fl.res.Refs
	} else {
		fl.refs = fl.res.refsIn[name]
	}
	fl.offs = fl.offsets(name, fl.refs)
	fl.lastRef = 0
	fl.fileDefs = fl.defsOf(name)
}

// inFile runs f with the file of the forms set to name.
func (fl *flow) inFile(name string, f func()) {
	saved := fl.file
	fl.setFile(name)
	f()
	fl.setFile(saved)
}

// ref returns the reference recorded for an identifier, or nil.
func (fl *flow) ref(id *syntax.Datum) *Ref {
	off := int32(id.Span.Start)
	offs := fl.offs
	// The walk meets identifiers mostly in the order of the text: look just after the last
	// one found first.
	if i := fl.lastRef; i < len(offs) && offs[i] <= off {
		for j := i; j < len(offs) && j < i+4; j++ {
			if offs[j] == off {
				if fl.refs[j].Name == id.Text {
					fl.lastRef = j
					return fl.refs[j]
				}
				return nil
			}
			if offs[j] > off {
				break
			}
		}
	}
	lo, hi := 0, len(offs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if offs[m] < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(offs) && offs[lo] == off && fl.refs[lo].Name == id.Text {
		fl.lastRef = lo
		return fl.refs[lo]
	}
	return nil
}

// offsets returns the start offsets of a file's references, for ref's search.
func (fl *flow) offsets(file string, rs []*Ref) []int32 {
	if o, ok := fl.offsByFile[file]; ok {
		return o
	}
	o := make([]int32, len(rs))
	for i, r := range rs {
		o[i] = int32(r.Span.Start)
	}
	if fl.offsByFile == nil {
		fl.offsByFile = map[string][]int32{}
	}
	fl.offsByFile[file] = o
	return o
}

// def returns the binding an identifier makes, or nil.
func (fl *flow) def(id *syntax.Datum) *Def {
	if id == nil || id.Kind != syntax.Symbol {
		return nil
	}
	ds := fl.fileDefs
	off := id.Span.Start
	i := sort.Search(len(ds), func(i int) bool { return ds[i].Span.Start >= off })
	if i < len(ds) && ds[i].Span.Start == off && ds[i].Name == id.Text {
		return ds[i]
	}
	return nil
}

// defsOf returns a file's bindings sorted by place.
func (fl *flow) defsOf(file string) []*Def {
	if ds, ok := fl.defsByFile[file]; ok {
		return ds
	}
	if fl.defsByFile == nil {
		fl.defsByFile = map[string][]*Def{}
		for _, d := range fl.res.Defs {
			if !d.quiet() {
				fl.defsByFile[d.File] = append(fl.defsByFile[d.File], d)
			}
		}
		for _, ds := range fl.defsByFile {
			sort.SliceStable(ds, func(i, j int) bool { return ds[i].Span.Start < ds[j].Span.Start })
		}
	}
	return fl.defsByFile[file]
}

// included returns the file an include form's name reads, or nil.
func (fl *flow) included(name *syntax.Datum) *syntax.File {
	if fl.incs == nil {
		fl.incs = map[string]map[int]string{}
		for _, inc := range fl.res.Includes {
			m := fl.incs[inc.From]
			if m == nil {
				m = map[int]string{}
				fl.incs[inc.From] = m
			}
			m[int(inc.Span.Start.Offset)] = inc.Path
		}
	}
	p, ok := fl.incs[fl.file][int(name.Span.Start)]
	if !ok {
		return nil
	}
	return fl.res.Files[p]
}

// keyword returns the special form a list is, by the binding of its head ("" for a call).
func (fl *flow) keyword(d *syntax.Datum) (string, *Ref) {
	head := d.Elems[0]
	r := fl.ref(head)
	if r == nil {
		// The scope analysis records no reference for some keywords it reads (a begin in an
		// expression): a name it bound, or did not know, would have one.
		if e := catalog.Lookup(head.Text); alwaysKnown[head.Text] || e != nil && e.Kind == catalog.Syntax {
			return head.Text, nil
		}
		return "", nil
	}
	if r.Entry != nil && r.Entry.Kind == catalog.Syntax {
		if r.Entry.Alias != "" {
			return r.Entry.Alias, r
		}
		return r.Entry.Name, r
	}
	return "", r
}

// variable returns what a variable holds here.
func (fl *flow) variable(id *syntax.Datum, st *state) value {
	r := fl.ref(id)
	if r == nil {
		return unknown
	}
	if r.Entry != nil {
		return fl.builtinValue(r.Entry)
	}
	v := fl.valueOf(r.Def, st)
	fl.fact(id, v, st)
	return v
}

func (fl *flow) assigned(d *Def) bool  { return d.assigned() || fl.assignedSet[d] }
func (fl *flow) redefined(d *Def) bool { return d.redefined() || fl.redefinedSet[d] }

// valueOf returns what a binding holds at a point of the flow.
func (fl *flow) valueOf(d *Def, st *state) value {
	if d == nil || fl.assigned(d) || fl.redefined(d) || fl.tainted[d] {
		return unknown
	}
	if v, ok := st.varOf(d); ok {
		return v
	}
	if v, ok := fl.binds[d]; ok {
		return v
	}
	if p := fl.proc(d); p != nil {
		return value{k: kProc, proc: p}
	}
	if g := fl.globals[d]; g != nil {
		return fl.globalValue(d, g)
	}
	if p := fl.importedProc(d); p != nil {
		return value{k: kProc, proc: p}
	}
	if d.Kind == DefRecordProc {
		return value{k: kProc}
	}
	return unknown
}

// globalValue is the value a top-level variable is defined with, as procedures see it: its
// socket's state is unknown there (they may run at any time).
func (fl *flow) globalValue(d *Def, g *globalInfo) value {
	if fl.ctx != nil && g.obj != nil && !g.inProc {
		g.inProc = true
		g.obj.shared = true
	}
	v := fl.globalInit(g)
	if fl.ctx != nil && fl.ctx.read != nil {
		fl.ctx.read[defKey(d)] = v
	}
	return v
}

// globalInit is the value a top-level variable's definition gives it.
func (fl *flow) globalInit(g *globalInfo) value {
	if g.state == 2 && g.round == fl.round {
		return g.v
	}
	if g.state == 1 {
		return unknown // defined in terms of itself
	}
	g.state = 1
	st := &state{}
	saved, savedCtx, savedEmit := fl.file, fl.ctx, fl.emit
	fl.ctx, fl.emit = nil, false
	fl.setFile(g.file)
	fl.standal++
	v := fl.expr(g.init, st)
	fl.standal--
	fl.setFile(saved)
	fl.ctx, fl.emit = savedCtx, savedEmit
	// Procedures see the value, not the socket's state: they may run at any time.
	v.obj, v.param = nil, 0
	g.v, g.state, g.round = v, 2, fl.round
	return v
}

// importedProc is a procedure of another file (a library's) with a summary.
func (fl *flow) importedProc(d *Def) *procInfo {
	if d.Kind != DefProcedure || !d.TopLevel {
		return nil
	}
	if p, ok := fl.imported[d]; ok {
		return p
	}
	var p *procInfo
	key := defKey(d)
	if fl.summaryByKey(key) != nil || fl.isOwnProc(key) {
		p = &procInfo{def: d, name: d.Name, file: d.File, top: true, key: key}
	}
	fl.imported[d] = p
	return p
}

// isOwnProc: a procedure of this analysis (a library defined in the file and imported by it)
// that is summarised in this round.
func (fl *flow) isOwnProc(key string) bool { return fl.byKey[key] != nil }

func (fl *flow) builtinValue(e *catalog.Entry) value {
	switch e.Kind {
	case catalog.Constant:
		v := intValue(e.Value)
		v.cst = &constVal{kind: e.ConstKind, names: []string{e.Name}, value: e.Value}
		return v
	case catalog.Procedure:
		return value{k: kProc}
	case catalog.Variable:
		return value{k: resultOf(e)}
	}
	return unknown
}

// fact records what a variable holds at a use, for hover (when asked: result.go).
func (fl *flow) fact(id *syntax.Datum, v value, st *state) {
	if !fl.wantFacts || !fl.emit || !v.known() && v.obj == nil {
		return
	}
	f := refFact{file: fl.file, off: int(id.Span.Start), n: int(id.Span.End - id.Span.Start), name: id.Text, v: v}
	if r := fl.ref(id); r != nil {
		f.def = r.Def
	}
	if s := st.sock(v.obj); s != nil {
		c := *s
		f.sock = &c
	}
	fl.facts = append(fl.facts, f)
}

// ---- expressions ----

// expr evaluates an expression: its value, with st moved to the state after it (dead when it
// never returns).
func (fl *flow) expr(d *syntax.Datum, st *state) value {
	if st.dead {
		return value{}
	}
	fl.work++
	switch d.Kind {
	case syntax.Symbol:
		return fl.variable(d, st)
	case syntax.List:
		if len(d.Elems) == 0 {
			return unknown
		}
		return fl.list(d, st)
	case syntax.Quote:
		if len(d.Elems) == 1 {
			v, _ := literal(d.Elems[0], true)
			return v
		}
		return unknown
	case syntax.Quasiquote:
		if len(d.Elems) == 1 {
			return fl.quasi(d.Elems[0], st, 1)
		}
		return unknown
	}
	if v, ok := literal(d, false); ok {
		return v
	}
	return unknown
}

func (fl *flow) exprs(ds []*syntax.Datum, st *state) value {
	v := unknown
	for _, d := range ds {
		v = fl.expr(d, st)
	}
	return v
}

// quasi evaluates the unquoted parts of a template: what they hold goes into the data made.
func (fl *flow) quasi(d *syntax.Datum, st *state, depth int) value {
	switch d.Kind {
	case syntax.Unquote, syntax.UnquoteSplicing:
		if len(d.Elems) == 1 {
			if depth == 1 {
				fl.escape(fl.expr(d.Elems[0], st), st)
			} else {
				fl.quasi(d.Elems[0], st, depth-1)
			}
		}
		return unknown
	case syntax.Quasiquote:
		for _, e := range d.Elems {
			fl.quasi(e, st, depth+1)
		}
		return value{k: kPair}
	case syntax.List, syntax.Vector:
		if d.Kind == syntax.List && (d.Head() == "unquote" || d.Head() == "unquote-splicing") && len(d.Elems) == 2 {
			return fl.quasi(&syntax.Datum{Kind: syntax.Unquote, Elems: d.Elems[1:]}, st, depth)
		}
		for _, e := range d.Elems {
			fl.quasi(e, st, depth)
		}
		if d.Tail() != nil {
			fl.quasi(d.Tail(), st, depth)
		}
		if d.Kind == syntax.Vector {
			return value{k: kVector}
		}
		if len(d.Elems) == 0 {
			return value{k: kNull}
		}
		return unknown // (,@'() ...) may be anything
	case syntax.Quote:
		for _, e := range d.Elems {
			fl.quasi(e, st, depth)
		}
		return value{k: kPair}
	}
	v, _ := literal(d, true)
	return v
}

// list evaluates a form: a special form, a call, or the use of a macro the analysis does not
// expand.
func (fl *flow) list(d *syntax.Datum, st *state) value {
	if d.Elems[0].Kind == syntax.Symbol {
		kw, r := fl.keyword(d)
		return fl.listKw(d, kw, r, st)
	}
	return fl.listKw(d, "", nil, st)
}

// listKw evaluates a form whose head's keyword (or reference) is known.
func (fl *flow) listKw(d *syntax.Datum, kw string, r *Ref, st *state) value {
	head := d.Elems[0]
	if head.Kind == syntax.Symbol {
		switch {
		case kw != "":
			return fl.special(kw, d, st)
		case r == nil:
			return fl.opaque(d, st)
		case r.Entry != nil && r.Entry.Kind == catalog.Procedure:
			return fl.builtin(r.Entry, d, st)
		case r.Def != nil && (r.Def.Kind == DefMacro || r.Def.Kind == DefUnknown):
			return fl.opaque(d, st)
		case r.Def == nil && r.Entry == nil:
			// Not defined: it may be a macro defined where the analysis cannot see.
			return fl.opaque(d, st)
		case r.Def != nil:
			fv := fl.valueOf(r.Def, st)
			fl.fact(head, fv, st)
			if p := fv.proc; p != nil {
				return fl.callProc(p, d, st)
			}
			return fl.unknownCall(d, fv, st)
		}
		return fl.unknownCall(d, unknown, st)
	}
	if head.Kind == syntax.List && len(head.Elems) > 1 {
		if kw, _ := fl.keyword(head); kw == "lambda" {
			// ((lambda (x) body) arg): the body runs now, once.
			p := fl.lambdaInfo(head, nil, "")
			return fl.inline(p, d.Elems[1:], d, st)
		}
	}
	fv := fl.expr(head, st)
	return fl.unknownCall(d, fv, st)
}

// opaque is a form the analysis does not see into (the use of a macro it does not expand):
// it may do anything with the variables named in it, and with the sockets they hold.
func (fl *flow) opaque(d *syntax.Datum, st *state) value {
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, e := range ds {
			if e.Kind == syntax.Symbol {
				if r := fl.ref(e); r != nil && r.Def != nil {
					if v := fl.valueOf(r.Def, st); v.obj != nil {
						fl.lose(v.obj, st)
					}
					if r.Def.Kind != DefProcedure || !r.Def.TopLevel {
						fl.tainted[r.Def] = true
					}
					st.forgetVar(r.Def)
				}
				continue
			}
			walk(e.Elems)
			if e.Tail() != nil {
				walk([]*syntax.Datum{e.Tail()})
			}
		}
	}
	walk(d.Elems[1:])
	if d.Tail() != nil {
		walk([]*syntax.Datum{d.Tail()})
	}
	st.havocEscaped()
	return unknown
}

// lose: the analysis can no longer follow a socket.
func (fl *flow) lose(o *sockObj, st *state) {
	if f := st.sock(o); f != nil {
		f.escaped = true
		f.havoc()
	}
}

// escape: a value goes somewhere the analysis does not follow (into data, a global, another
// thread …); the sockets in it escape.
func (fl *flow) escape(v value, st *state) {
	if v.obj != nil {
		if f := st.sock(v.obj); f != nil {
			f.escaped = true
		}
	}
	if v.param > 0 && fl.ctx != nil && fl.ctx.sum != nil && fl.standal == 0 {
		fl.ctx.sum.escapes |= 1 << uint(v.param-1)
	}
}

// giveTo: a value goes to code the analysis does not follow, which may keep it or use it.
func (fl *flow) giveTo(v value, st *state) {
	fl.escape(v, st)
	if v.obj != nil {
		fl.lose(v.obj, st)
	}
}

// giveAway: values go to a procedure the analysis does not follow, which may also use what
// escaped before.
func (fl *flow) giveAway(vals []value, st *state) {
	for _, v := range vals {
		fl.giveTo(v, st)
	}
	st.havocEscaped()
}

// unknownCall is a call of a procedure the analysis does not know: it may keep or use its
// arguments and anything that escaped before.
func (fl *flow) unknownCall(d *syntax.Datum, fv value, st *state) value {
	if fv.param > 0 && fl.caught > 0 && fl.standal == 0 && fl.ctx != nil && fl.ctx.sum != nil && fv.param <= 64 {
		fl.ctx.sum.catches |= 1 << uint(fv.param-1)
	}
	for _, a := range d.Elems[1:] {
		// A procedure given to one the analysis does not know may be called where its errors
		// are caught (a test harness's try): what fails in it is not reported.
		lam := a.Kind == syntax.List && len(a.Elems) > 0 && a.Elems[0].Kind == syntax.Symbol
		if lam {
			if kw, _ := fl.keyword(a); kw != "lambda" {
				lam = false
			}
		}
		if lam {
			fl.caught++
		}
		v := fl.expr(a, st)
		if lam {
			fl.caught--
		}
		fl.giveTo(v, st)
	}
	if st.dead {
		return value{}
	}
	st.havocEscaped()
	return unknown
}

// ---- bodies and definitions ----

// body evaluates a body: its internal definitions are bound first (they may refer to each
// other), then its forms run in order.
func (fl *flow) body(forms []*syntax.Datum, st *state) value {
	fl.scanDefs(forms, false)
	v := unknown
	for _, f := range forms {
		v = fl.form(f, st)
	}
	return v
}

// scanDefs registers the procedures a body (or the program) defines, so that calls before
// their definitions know them.
func (fl *flow) scanDefs(forms []*syntax.Datum, top bool) {
	for _, f := range forms {
		if f.Kind != syntax.List || len(f.Elems) < 2 || f.Elems[0].Kind != syntax.Symbol {
			continue
		}
		switch f.Elems[0].Text {
		case "begin", "define", "define-record-type", "include", "include-ci", "cond-expand":
		default:
			if !fl.renamed {
				continue // (a keyword imported under another name is looked up below)
			}
		}
		kw, _ := fl.keyword(f)
		switch kw {
		case "begin":
			fl.scanDefs(f.Elems[1:], top)
		case "define":
			fl.defineProc(f, top)
		case "define-record-type":
			fl.recordType(f)
		case "include", "include-ci":
			for _, n := range f.Elems[1:] {
				if inc := fl.included(n); inc != nil {
					fl.inFile(inc.Name, func() { fl.scanDefs(inc.Data, top) })
				}
			}
		case "cond-expand":
			if cl := fl.res.live[f]; cl != nil {
				fl.scanDefs(cl.Elems[1:], top)
			}
		}
	}
}

// defineProc registers (define (f . formals) body) and (define f (lambda formals body)); at top
// level it records other definitions as globals.
func (fl *flow) defineProc(f *syntax.Datum, top bool) {
	target := f.Elems[1]
	var name *syntax.Datum
	var formals *syntax.Datum
	var body []*syntax.Datum
	switch {
	case target.Kind == syntax.List && len(target.Elems) > 0 && target.Elems[0].Kind == syntax.Symbol:
		name = target.Elems[0]
		formals = withTail(&syntax.Datum{Kind: syntax.List, Elems: target.Elems[1:], Span: target.Span}, target.Tail())
		body = f.Elems[2:]
	case target.Kind == syntax.Symbol && len(f.Elems) == 3 && f.Elems[2].Kind == syntax.List && len(f.Elems[2].Elems) > 2:
		if kw, _ := fl.keyword(f.Elems[2]); kw == "lambda" {
			name, formals, body = target, f.Elems[2].Elems[1], f.Elems[2].Elems[2:]
		}
	}
	if name == nil {
		if top && target.Kind == syntax.Symbol && len(f.Elems) == 3 {
			if d := fl.def(target); d != nil && fl.globals[d] == nil {
				fl.globals[d] = &globalInfo{init: f.Elems[2], file: fl.file}
			}
		}
		return
	}
	d := fl.def(name)
	if d == nil || fl.proc(d) != nil {
		return
	}
	p := &procInfo{def: d, name: d.Name, file: fl.file, formals: formals, body: body, top: top && d.TopLevel, form: f}
	if p.top {
		p.key = defKey(d)
		if fl.byKey == nil {
			fl.byKey = map[string]*procInfo{}
		}
		fl.byKey[p.key] = p
	}
	fl.procs[d] = p
}

// recordEntry is a procedure of define-record-type whose procInfo proc makes when asked.
type recordEntry struct {
	file string
	kind recordProc
}

// proc returns the procedure the analysis knows the code of that a binding holds, or nil.
func (fl *flow) proc(d *Def) *procInfo {
	if p := fl.procs[d]; p != nil {
		return p
	}
	if r, ok := fl.records[d]; ok {
		delete(fl.records, d)
		p := &procInfo{def: d, name: d.Name, file: r.file, record: r.kind}
		fl.procs[d] = p
		return p
	}
	return nil
}

// recordType registers the procedures of a define-record-type.
func (fl *flow) recordType(f *syntax.Datum) {
	reg := func(id *syntax.Datum, kind recordProc) {
		if d := fl.def(id); d != nil && fl.procs[d] == nil {
			if _, ok := fl.records[d]; ok {
				return
			}
			if fl.records == nil {
				fl.records = map[*Def]recordEntry{}
			}
			fl.records[d] = recordEntry{fl.file, kind}
		}
	}
	if len(f.Elems) > 2 {
		if c := f.Elems[2]; c.Kind == syntax.List && len(c.Elems) > 0 {
			reg(c.Elems[0], recordMake)
		} else if c.Kind == syntax.Symbol {
			reg(c, recordMake)
		}
	}
	if len(f.Elems) > 3 {
		reg(f.Elems[3], recordPred)
	}
	for _, fs := range f.Elems[min(4, len(f.Elems)):] {
		if fs.Kind == syntax.List {
			if len(fs.Elems) > 1 {
				reg(fs.Elems[1], recordGet)
			}
			if len(fs.Elems) > 2 {
				reg(fs.Elems[2], recordSet)
			}
		}
	}
}

// form evaluates a form of a body: a definition or an expression.
func (fl *flow) form(d *syntax.Datum, st *state) value {
	if st.dead || d.Kind != syntax.List || len(d.Elems) == 0 {
		return fl.expr(d, st)
	}
	kw, r := fl.keyword(d)
	switch kw {
	case "define":
		fl.define(d, st)
		return unknown
	case "begin":
		v := unknown
		for _, e := range d.Elems[1:] {
			v = fl.form(e, st)
		}
		return v
	case "include", "include-ci":
		v := unknown
		for _, n := range d.Elems[1:] {
			if inc := fl.included(n); inc != nil {
				fl.inFile(inc.Name, func() {
					for _, e := range inc.Data {
						v = fl.form(e, st)
					}
				})
			}
		}
		return v
	case "cond-expand":
		v := unknown
		if cl := fl.res.live[d]; cl != nil {
			for _, e := range cl.Elems[1:] {
				v = fl.form(e, st)
			}
		}
		return v
	case "define-library":
		return unknown // analysed by the driver, library by library
	}
	fl.work++
	return fl.listKw(d, kw, r, st)
}

// define evaluates a definition in a body or at top level.
func (fl *flow) define(d *syntax.Datum, st *state) {
	if len(d.Elems) < 2 {
		return
	}
	target := d.Elems[1]
	if target.Kind == syntax.List {
		if len(target.Elems) > 0 {
			if def := fl.def(target.Elems[0]); def != nil {
				if p := fl.proc(def); p != nil {
					fl.defined(p, st)
					return
				}
			}
		}
		// A curried definition: its body runs when the procedure it returns is called.
		fl.standalone(&procInfo{name: headName(target), file: fl.file, formals: &syntax.Datum{Kind: syntax.List}, body: d.Elems[2:]}, st)
		return
	}
	def := fl.def(target)
	if def != nil {
		if p := fl.proc(def); p != nil {
			fl.defined(p, st)
			return
		}
	}
	if len(d.Elems) < 3 {
		return
	}
	v := fl.expr(d.Elems[2], st)
	if def == nil {
		fl.escape(v, st)
		return
	}
	fl.bind(def, v, st)
}

// defined: a procedure's definition is reached. A top-level procedure is summarised apart; a
// local one is analysed at its calls when they are all known, and here otherwise.
func (fl *flow) defined(p *procInfo, st *state) {
	if p.top || p.record != notRecord {
		return
	}
	if fl.inlinable(p) {
		return
	}
	fl.standalone(p, st)
}

// inlinable: a local procedure whose every use is a call the analysis follows.
func (fl *flow) inlinable(p *procInfo) bool {
	d := p.def
	if d == nil || p.top || fl.assigned(d) || fl.redefined(d) || fl.tainted[d] {
		return false
	}
	if len(d.Refs) == 0 {
		return false
	}
	for _, r := range d.Refs {
		if !fl.followed[r] {
			return false
		}
	}
	return true
}

// bind binds a variable to a value.
func (fl *flow) bind(def *Def, v value, st *state) {
	if fl.assigned(def) || fl.tainted[def] {
		fl.escape(v, st)
		return
	}
	v.from = fromOrNil(v)
	if v.obj != nil && v.obj.name == "" {
		v.obj.name = def.Name
	}
	if def.TopLevel && fl.ctx == nil {
		if g := fl.globals[def]; g != nil && v.obj != nil {
			g.obj = v.obj
			v.obj.global = true
			if g.inProc {
				v.obj.shared = true
			}
		}
	}
	if fl.redefined(def) {
		fl.escape(v, st)
		return
	}
	fl.binds[def] = v
	st.forgetVar(def)
	if fl.wantFacts && fl.emit && (v.known() || v.obj != nil) {
		f := refFact{file: def.File, off: int(def.Span.Start), n: int(def.Span.End - def.Span.Start), name: def.Name, def: def, v: v}
		if s := st.sock(v.obj); s != nil {
			c := *s
			f.sock = &c
		}
		fl.facts = append(fl.facts, f)
	}
}

func fromOrNil(v value) *origin { return v.from }

// lambdaInfo makes the procedure of a lambda form.
func (fl *flow) lambdaInfo(d *syntax.Datum, def *Def, name string) *procInfo {
	if def != nil {
		if p := fl.proc(def); p != nil {
			return p
		}
	}
	p := &procInfo{def: def, name: name, file: fl.file, formals: d.Elems[1], body: d.Elems[2:]}
	if def != nil {
		fl.procs[def] = p
	}
	return p
}

// standalone analyses a procedure's body where it is made: it runs later, or never, with
// arguments the analysis does not know; the sockets it refers to escape.
func (fl *flow) standalone(p *procInfo, outer *state) {
	st := &state{}
	saved, savedFile := fl.binds, fl.file
	_ = saved
	fl.setFile(p.file)
	fl.standal++
	fl.bindFormals(p.formals, nil, st, false)
	captured := fl.captures(p, outer)
	fl.body(p.body, st)
	fl.standal--
	fl.setFile(savedFile)
	for _, o := range captured {
		if f := outer.sock(o); f != nil {
			f.escaped = true
		}
	}
}

// captures returns the sockets of the outer state a procedure's body refers to.
func (fl *flow) captures(p *procInfo, outer *state) []*sockObj {
	if len(outer.socks) == 0 {
		return nil
	}
	var out []*sockObj
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, e := range ds {
			if e.Kind == syntax.Symbol {
				if r := fl.ref(e); r != nil && r.Def != nil {
					if v := fl.valueOf(r.Def, outer); v.obj != nil {
						out = append(out, v.obj)
					}
				}
				continue
			}
			walk(e.Elems)
			if e.Tail() != nil {
				walk([]*syntax.Datum{e.Tail()})
			}
		}
	}
	walk(p.body)
	return out
}

// bindFormals binds a parameter list to argument values (nil: unknown), the rest parameter to a
// list.
func (fl *flow) bindFormals(formals *syntax.Datum, args []value, st *state, exact bool) {
	if formals == nil {
		return
	}
	switch formals.Kind {
	case syntax.Symbol:
		if d := fl.def(formals); d != nil {
			v := unknown
			if exact {
				v = value{k: kList}
				if len(args) > 0 {
					v.k = kPair
				} else {
					v.k = kNull
				}
			}
			fl.bind(d, v, st)
		}
	case syntax.List:
		for i, e := range formals.Elems {
			d := fl.def(e)
			if d == nil {
				continue
			}
			v := unknown
			if i < len(args) {
				v = args[i]
			}
			fl.bind(d, v, st)
		}
		if formals.Tail() != nil {
			if d := fl.def(formals.Tail()); d != nil {
				v := unknown
				if exact {
					v = value{k: kList}
				}
				fl.bind(d, v, st)
			}
		}
	}
}
