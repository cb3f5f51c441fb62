package analyzer

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// Procedure summaries: what each top-level procedure requires of its parameters (inferred from
// what it does with them), what it does to the sockets it is given, and what it returns —
// computed to a fixed point over a file and the files it includes (recursion included), kept by
// each library for its importers, and checked at every call.

// Summary is what the analysis knows of a top-level procedure, for its callers in this file and
// in the files that import its library.
type Summary struct {
	Name   string
	File   string
	Span   syntax.Span // the procedure's name in its definition
	Params []string    // the parameters' names (the rest parameter last, when Rest)
	Rest   bool

	need       []kset        // per parameter: the classes it must be of (kAll: no requirement)
	why        []*demand     // the use that requires it
	uses       []kset        // per parameter: the classes its uses accept somewhere (for hints)
	consts     []*demand     // per parameter: the socket constant kind it is passed as
	eff        []*effect     // per parameter: what the procedure does to it as a socket (nil: nothing)
	escapes    uint64        // bit i: parameter i goes where the analysis cannot follow it
	catches    uint64        // bit i: parameter i is called where its errors are caught (a test's try)
	ret        value         // what it returns (obj and param cleared)
	retArg     int           // 1 + the parameter it returns, 0 when none
	retSock    *sockFact     // the socket it makes and returns, as it returns it
	paramSpans []syntax.Span // the parameters' names in the definition
}

// effect is what a procedure does to a socket parameter: for each state q a caller may pass,
// the states it leaves it in, whether it fails on every path (failed), and the first operation
// that fails.
type effect struct {
	out    rows
	failed qset
	fail   [nQ]*failure
}

type failure struct {
	op   string
	via  []string
	file string
	span syntax.Span
	// reported: the failure was reported where it is (it fails whatever the caller passes):
	// callers are not told again.
	reported bool
}

func (s *Summary) effect(i int) *effect {
	if s.eff[i] == nil {
		s.eff[i] = &effect{out: identityRows()}
	}
	return s.eff[i]
}

// ParamKind describes what parameter i must be, from its uses ("a socket"), or "".
func (s *Summary) ParamKind(i int) string {
	if i >= len(s.need) {
		return ""
	}
	if s.consts[i] != nil {
		return kindWords[s.consts[i].kind.Consts]
	}
	if k := s.need[i]; k != kAll {
		return kindText(k)
	}
	if k := s.uses[i]; k != 0 && k != kAll {
		return kindText(k)
	}
	return ""
}

// Returns describes what the procedure returns ("a socket"), or "".
func (s *Summary) Returns() string {
	switch {
	case s.retArg > 0:
		return "its argument " + s.Params[s.retArg-1]
	case s.retSock != nil:
		return "a socket, " + statesText(s.retSock.rows.any(), "")
	case s.ret.k == 0:
		return "nothing (it does not return)"
	case s.ret.known():
		return kindText(s.ret.k)
	}
	return ""
}

func newSummary(p *procInfo, span syntax.Span, params []string, rest bool) *Summary {
	n := len(params)
	ks, ds := make([]kset, 2*n), make([]*demand, 2*n)
	s := &Summary{Name: p.name, File: p.file, Params: params, Rest: rest, need: ks[:n:n], uses: ks[n:],
		why: ds[:n:n], consts: ds[n:], eff: make([]*effect, n)}
	s.Span = span
	for i := range s.need {
		s.need[i] = kAll
	}
	return s
}

// equal: two rounds gave the same summary (the fixed point).
func (s *Summary) equal(o *Summary) bool {
	if o == nil || len(s.need) != len(o.need) || s.retArg != o.retArg || s.escapes != o.escapes || s.catches != o.catches ||
		!same(s.ret, o.ret) || (s.retSock == nil) != (o.retSock == nil) {
		return false
	}
	if s.retSock != nil && !s.retSock.equal(o.retSock) {
		return false
	}
	for i := range s.need {
		if s.need[i] != o.need[i] || s.uses[i] != o.uses[i] || (s.consts[i] == nil) != (o.consts[i] == nil) {
			return false
		}
		a, b := s.eff[i], o.eff[i]
		if (a == nil) != (b == nil) || a != nil && (a.out != b.out || a.failed != b.failed) {
			return false
		}
	}
	return true
}

// defKey names a top-level definition across files: its file and place.
func defKey(d *Def) string { return d.File + ":" + strconv.Itoa(int(d.Span.Start)) }

// ---- the driver ----

// maxRounds bounds the rounds of the fixed point over a file's procedures.
const maxRounds = 6

// errFlowStopped ends a flow analysis no longer wanted (deepen's stop).
var errFlowStopped = errors.New("the flow analysis is no longer wanted")

// flowMemo returns the procedures' results of the last flow analysis made of the file r
// analysed or of a version before it (nil when there is none).
func (r *Result) flowMemo() map[*syntax.Datum]*procMemo {
	switch {
	case r == nil:
		return nil
	case r.flow != nil:
		return r.flow.memo
	case r.cache != nil:
		if m := r.cache.memo.Load(); m != nil {
			return *m
		}
	}
	return nil
}

// deepen runs the flow analysis over an analysed file: it is a function of the scope
// analysis's results (res) and of the summaries of the procedures of other files (lookup).
// It adds its diagnostics to res and gives res the summaries of the file's procedures.
//
// Each top-level procedure is analysed with its parameters unknown, in the order of the file;
// a call sees the summary its callee has then (none, for a procedure further on: the call is
// unknown). Every summary is thus true, and a procedure is analysed again while a summary it
// saw has changed since: the rounds go on to the fixed point (recursion included).
//
// stop, when not nil, is asked between procedures whether the analysis is still wanted: when
// it is not, deepen leaves res as it was and reports that it stopped.
func deepen(res *Result, consts map[*Def]constVal, lookup func(key string) *Summary, prev *Result, assigned, redefined map[*Def]bool, stop func() bool) (stopped bool) {
	if res.Fragment {
		// A file made to be included: its names mean what the including file makes them
		// mean; it is analysed there.
		return
	}
	n := len(res.Diags)
	defer func() {
		// A bug of the flow analysis costs its diagnostics, never the scope analysis's (the
		// tests and the fuzzer look at flowPanic).
		if r := recover(); r != nil {
			res.Diags = res.Diags[:n]
			if r == errFlowStopped {
				stopped = true
				return
			}
			res.flowPanic = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()
	check := func() {
		if stop != nil && stop() {
			panic(errFlowStopped)
		}
	}
	sortRefs(res.Refs)
	for _, rs := range res.refsIn {
		sortRefs(rs)
	}
	fl := &flow{res: res, lookup: lookup, oldConsts: consts, imported: map[*Def]*procInfo{}, sums: map[string]*Summary{},
		tainted: map[*Def]bool{}, tested: map[*Def]bool{}, followed: map[*Ref]bool{}, assignedSet: assigned, redefinedSet: redefined,
		binds: map[*Def]value{}, procs: map[*Def]*procInfo{}, globals: map[*Def]*globalInfo{}, emit: true,
		paramOf: map[*Def]paramRef{}}
	for _, r := range res.Refs {
		if r.Entry != nil && r.Entry.Kind == catalog.Syntax && r.Name != r.Entry.Name {
			fl.renamed = true
			break
		}
	}
	top := fl.topForms()
	for _, t := range top {
		fl.setFile(t.file)
		fl.scanDefs([]*syntax.Datum{t.d}, true)
	}
	fl.discover(top)
	var procs []*procInfo
	for _, p := range fl.procs {
		if p.top && p.record == notRecord {
			procs = append(procs, p)
		}
	}
	sort.Slice(procs, func(i, j int) bool {
		if procs[i].file != procs[j].file {
			return procs[i].file < procs[j].file
		}
		return procs[i].def.Span.Start < procs[j].def.Span.Start
	})
	results := map[*procInfo]*procResult{}
	memo := prev.flowMemo()
	q := &flowQuery{fl: fl, top: top}
	// Only an editable file's analysis is the Prev of another (Options.Prev): the next
	// version shares its data, by which the memo is keyed. Another file's would never be read.
	keep := res.File.Editable() || memo != nil
	if keep {
		q.memo = map[*syntax.Datum]*procMemo{}
	}
	pending := procs
	for fl.round = 0; len(pending) > 0 && fl.round < maxRounds; fl.round++ {
		for _, p := range pending {
			check()
			if fl.round == 0 && !keep {
				results[p] = fl.summarise(p)
				continue
			}
			if fl.round == 0 {
				sig := fl.signature(p)
				if m := memo[p.form]; m != nil && m.sig == sig && fl.sameGlobals(m) && (m.res == nil || fl.citesHold(m.res)) {
					// The procedure's form did not change and its names mean the same: what it
					// reported and its summary stand while what it saw is the same.
					results[p] = m.res
					fl.sums[p.key] = m.sum
					fl.adopt(p, m.sum)
					q.memo[p.form] = m
					q.reused++
					continue
				}
				results[p] = fl.summarise(p)
				q.memo[p.form] = &procMemo{sig: sig, res: results[p], sum: fl.sums[p.key], read: fl.lastRead}
				continue
			}
			results[p] = fl.summarise(p)
			if m := q.memo[p.form]; m != nil {
				// (a new memo: m may be the version before's, which others may read)
				q.memo[p.form] = &procMemo{sig: m.sig, res: results[p], sum: fl.sums[p.key], read: fl.lastRead}
			}
		}
		pending = pending[:0:0]
		for _, p := range procs {
			if r := results[p]; r != nil && r.stale(fl) {
				pending = append(pending, p)
			}
		}
	}
	fl.diags, fl.facts = nil, nil
	for _, p := range procs {
		if r := results[p]; r != nil {
			fl.diags = append(fl.diags, r.diags...)
			fl.facts = append(fl.facts, r.facts...)
		}
	}
	// The program's own forms, in order, with every summary known.
	st := &state{}
	fl.ctx = nil
	fl.objs = map[allocKey]*sockObj{}
	for _, t := range top {
		check()
		fl.setFile(t.file)
		if st.dead {
			st = &state{}
		}
		fl.work = 0
		fl.form(t.d, st)
	}
	res.Diags = append(res.Diags, fl.diags...)
	res.Summaries = make(map[string]*Summary, len(fl.sums))
	for k, s := range fl.sums {
		res.Summaries[k] = s
	}
	// What variables hold where they are used is computed when it is asked for (hover), one
	// top-level form at a time: most are never asked about.
	fl.diags, fl.facts = nil, nil
	// A question (flowQuery.compute) runs a procedure or the program's forms again, binding
	// their local variables anew: the analysis keeps the top-level bindings only (a map does
	// not shrink as it loses entries, so they are copied), and with the others the sockets and
	// origins of every parameter of every procedure.
	ntop := 0
	for d := range fl.binds {
		if d.TopLevel {
			ntop++
		}
	}
	binds := make(map[*Def]value, ntop)
	for d, v := range fl.binds {
		if d.TopLevel {
			binds[d] = v
		}
	}
	fl.binds = binds
	// So are the procedures of top-level bindings only: a question's walk makes those of local
	// bindings again as it meets them, as the first round did. The tail positions of each are
	// found again when a question asks for them.
	ntop = 0
	for d := range fl.procs {
		if d.TopLevel {
			ntop++
		}
	}
	kept := make(map[*Def]*procInfo, ntop)
	for d, p := range fl.procs {
		if d.TopLevel {
			p.tails = nil
			kept[d] = p
		}
	}
	fl.procs = kept
	res.flow = q
	if len(res.Libraries) > 0 {
		// A library's importers call its procedures, and those it re-exports.
		all := map[string]*Summary{}
		for _, im := range res.Imports {
			if im.Lib != nil {
				for k, s := range im.Lib.Summaries {
					all[k] = s
				}
			}
		}
		for k, s := range fl.sums {
			all[k] = s
		}
		for i := range res.Libraries {
			res.Libraries[i].Summaries = all
		}
	}
	return false
}

// procResult is what the analysis of one procedure reported, and the summaries it saw.
type procResult struct {
	diags []Diagnostic
	facts []refFact
	saw   map[string]*Summary
	cited []cite // the places its messages name by their lines
}

// stale: a summary the procedure's analysis saw has changed since.
func (r *procResult) stale(fl *flow) bool {
	for k, s := range r.saw {
		now := fl.sums[k]
		if now != s && (now == nil || !now.equal(s)) {
			return true
		}
	}
	return false
}

// importedSummary finds the summary of a procedure of another file: a library this file
// imports, or the workspace's table.
func importedSummary(imports []Import, table func(key string) *Summary, key string) *Summary {
	for _, im := range imports {
		if im.Lib != nil {
			if s := im.Lib.Summaries[key]; s != nil {
				return s
			}
		}
	}
	if table != nil {
		return table(key)
	}
	return nil
}

// topForm is a top-level form and its file.
type topForm struct {
	d    *syntax.Datum
	file string
}

// topForms lists the top-level forms of the program and of the libraries it defines, with
// includes and cond-expand followed.
func (fl *flow) topForms() []topForm {
	var out []topForm
	var add func(forms []*syntax.Datum, file string, lib bool)
	add = func(forms []*syntax.Datum, file string, lib bool) {
		fl.setFile(file)
		for _, f := range forms {
			if f.Kind != syntax.List || len(f.Elems) == 0 {
				out = append(out, topForm{f, file})
				continue
			}
			kw, _ := fl.keyword(f)
			if lib {
				switch f.Head() {
				case "begin":
					add(f.Elems[1:], file, false)
				case "include", "include-ci":
					for _, n := range f.Elems[1:] {
						if inc := fl.included(n); inc != nil {
							add(inc.Data, inc.Name, false)
							fl.setFile(file)
						}
					}
				case "cond-expand":
					if cl := fl.res.live[f]; cl != nil {
						add(cl.Elems[1:], file, true)
					}
				}
				continue
			}
			switch {
			case f.Head() == "define-library":
				add(f.Elems[min(2, len(f.Elems)):], file, true)
			case kw == "begin":
				add(f.Elems[1:], file, false)
			case kw == "include" || kw == "include-ci":
				for _, n := range f.Elems[1:] {
					if inc := fl.included(n); inc != nil {
						add(inc.Data, inc.Name, false)
						fl.setFile(file)
					}
				}
			case kw == "cond-expand":
				if cl := fl.res.live[f]; cl != nil {
					add(cl.Elems[1:], file, false)
				}
			default:
				out = append(out, topForm{f, file})
			}
		}
	}
	add(fl.res.File.Data, fl.res.File.Name, false)
	return out
}

// summarise analyses a top-level procedure with its parameters unknown, and records its
// summary.
func (fl *flow) summarise(p *procInfo) *procResult {
	var params []*Def
	var names []string
	var spans []syntax.Span
	rest := false
	f := p.formals
	switch f.Kind {
	case syntax.Symbol:
		rest = true
		params = append(params, fl.defIn(p.file, f))
		names = append(names, f.Text)
		spans = append(spans, fl.span(f.Span))
	case syntax.List:
		for _, e := range f.Elems {
			params = append(params, fl.defIn(p.file, e))
			names = append(names, e.Text)
			spans = append(spans, fl.span(e.Span))
		}
		if f.Tail() != nil {
			rest = true
			params = append(params, fl.defIn(p.file, f.Tail()))
			names = append(names, f.Tail().Text)
			spans = append(spans, fl.span(f.Tail().Span))
		}
	}
	if len(params) > 64 {
		return nil
	}
	var name syntax.Span
	if p.def != nil {
		name = fl.res.Span(p.file, p.def.Span)
	}
	sum := newSummary(p, name, names, rest)
	sum.paramSpans = spans
	for i, d := range params {
		if d != nil {
			fl.paramOf[d] = paramRef{sum, i}
		}
	}
	ctx := &procCtx{proc: p, params: params, sum: sum, saw: map[string]*Summary{}, read: map[string]value{}}
	fl.diags, fl.facts = nil, nil
	fl.objs = map[allocKey]*sockObj{}
	savedFile := fl.file
	fl.setFile(p.file)
	fl.ctx, fl.work = ctx, 0
	st := &state{}
	for i, d := range params {
		if d == nil {
			continue
		}
		if rest && i == len(params)-1 {
			fl.bind(d, value{k: kList}, st)
			continue
		}
		o := &sockObj{name: d.Name, param: i + 1, made: &origin{file: p.file, span: fl.span(d.Span), what: "parameter " + d.Name}}
		ctx.objs = append(ctx.objs, o)
		st.addSock(sockFact{obj: o, rows: identityRows()})
		fl.bind(d, value{k: kAll, param: i + 1, obj: o}, st)
	}
	ret := fl.body(p.body, st)
	if !st.dead {
		for _, n := range st.needs {
			if n.param <= len(sum.need) {
				sum.need[n.param-1], sum.why[n.param-1] = n.k, n.why
			}
		}
		for i, o := range ctx.objs {
			_ = i
			f := st.sock(o)
			if f == nil || o.param > len(sum.eff) {
				continue
			}
			if f.escaped {
				sum.escapes |= 1 << uint(o.param-1)
			}
			if f.rows != identityRows() || f.failed != 0 || sum.eff[o.param-1] != nil {
				e := sum.effect(o.param - 1)
				e.out, e.failed = f.rows, f.failed
			}
		}
	} else {
		// It never returns: every state it is given fails (or loops forever).
		for i := range sum.eff {
			if sum.eff[i] != nil {
				sum.eff[i].out = rows{}
			}
		}
	}
	sum.ret = ret
	sum.ret.obj, sum.ret.param, sum.ret.proc = nil, 0, nil
	if ret.param > 0 && ret.k == kAll || ret.param > 0 && ret.obj != nil && ret.obj.param == ret.param {
		sum.retArg = ret.param
	}
	if ret.obj != nil && ret.obj.local && !st.dead {
		if f := st.sock(ret.obj); f != nil && !f.escaped {
			c := *f
			c.obj = &sockObj{family: ret.obj.family, domain: ret.obj.domain, protocol: ret.obj.protocol, made: ret.obj.made}
			sum.retSock = &c
		}
	}
	if fl.reporting() && !st.dead {
		for _, o := range ctx.made {
			f := st.sock(o)
			if f == nil || f.escaped || o == ret.obj || !o.local {
				continue
			}
			if open := f.rows.any() &^ (1 << qClosed); open != 0 && f.rows.any() != qAll {
				fl.leak(o, f, nil, "out of "+p.name)
			}
		}
	}
	fl.sums[p.key] = sum
	fl.ctx = nil
	fl.setFile(savedFile)
	fl.lastRead = ctx.read
	return &procResult{diags: fl.diags, facts: fl.facts, saw: ctx.saw, cited: ctx.cited}
}

// procMemo is what the analysis of a procedure gave, kept for the analysis of the next version
// of the file (Options.Prev): reused when the procedure's form is the same data, its names mean
// the same (sig) and the top-level variables it read hold the same.
type procMemo struct {
	sig  string
	res  *procResult
	sum  *Summary
	read map[string]value
}

// signature says what the names of a procedure's form mean: each identifier's place in the
// form and what it resolves to (a builtin, a binding of the form, a top-level binding and what
// is known of it).
func (fl *flow) signature(p *procInfo) string {
	if p.form == nil {
		return ""
	}
	saved := fl.file
	fl.setFile(p.file)
	defer fl.setFile(saved)
	start, end := int(p.form.Span.Start), int(p.form.Span.End)
	offs := fl.offs
	i := sort.Search(len(offs), func(i int) bool { return int(offs[i]) >= start })
	b := make([]byte, 0, 256)
	for ; i < len(offs) && int(offs[i]) < end; i++ {
		r := fl.refs[i]
		b = strconv.AppendInt(b, int64(int(offs[i])-start), 36)
		switch d := r.Def; {
		case r.Entry != nil:
			b = append(b, 'e')
			b = append(b, r.Entry.Name...)
		case d == nil:
			b = append(b, 'u')
		case d.File == p.file && int(d.Span.Start) >= start && int(d.Span.Start) < end:
			b = append(b, 'l')
			b = strconv.AppendInt(b, int64(int(d.Span.Start)-start), 36)
		default:
			b = append(b, 'g')
			b = append(b, d.File...)
			b = append(b, ':')
			b = append(b, d.Name...)
			b = append(b, ':', byte('0'+d.Kind))
			if fl.tainted[d] {
				b = append(b, 't')
			}
			if fl.tested[d] {
				b = append(b, 'T')
			}
			if fl.assigned(d) {
				b = append(b, 'a')
			}
			if fl.redefined(d) {
				b = append(b, 'r')
			}
			if c, ok := fl.oldConsts[d]; ok {
				b = append(b, 'c')
				b = strconv.AppendInt(b, c.value, 36)
			}
		}
		b = append(b, ' ')
	}
	return string(b)
}

// sameGlobals: the top-level variables a procedure read hold what they held.
func (fl *flow) sameGlobals(m *procMemo) bool {
	for key, v := range m.read {
		g, d := fl.globalByKey(key)
		if g == nil || !same(fl.globalInit(g), v) {
			return false
		}
		if g.obj != nil || d != nil {
			g.inProc = true // the procedure reads it: a call of it may use its socket
		}
	}
	return true
}

// globalByKey finds the top-level variable of a key in this analysis.
func (fl *flow) globalByKey(key string) (*globalInfo, *Def) {
	if fl.globalKeys == nil {
		fl.globalKeys = make(map[string]*Def, len(fl.globals))
		for d := range fl.globals {
			fl.globalKeys[defKey(d)] = d
		}
	}
	d := fl.globalKeys[key]
	if d == nil {
		return nil, nil
	}
	return fl.globals[d], d
}

// adopt gives a reused summary's parameters to this analysis's bindings (hover).
func (fl *flow) adopt(p *procInfo, sum *Summary) {
	if p.formals == nil {
		return
	}
	var ids []*syntax.Datum
	switch p.formals.Kind {
	case syntax.Symbol:
		ids = append(ids, p.formals)
	case syntax.List:
		ids = append(ids, p.formals.Elems...)
		if p.formals.Tail() != nil {
			ids = append(ids, p.formals.Tail())
		}
	}
	for i, id := range ids {
		if d := fl.defIn(p.file, id); d != nil && i < len(sum.Params) {
			fl.paramOf[d] = paramRef{sum, i}
		}
	}
}

// defIn returns the binding an identifier of a file makes.
func (fl *flow) defIn(file string, id *syntax.Datum) *Def {
	saved := fl.file
	fl.setFile(file)
	d := fl.def(id)
	fl.setFile(saved)
	return d
}

// summary returns what calls of a top-level procedure may trust: this round's when it is made
// (a callee before its callers), else the last round's, else another file's.
func (fl *flow) summary(p *procInfo) *Summary {
	s := fl.summaryByKey(p.key)
	if fl.ctx != nil && fl.ctx.saw != nil {
		fl.ctx.saw[p.key] = s
	}
	return s
}

func (fl *flow) summaryByKey(key string) *Summary {
	if s := fl.sums[key]; s != nil {
		return s
	}
	if fl.lookup != nil {
		return fl.lookup(key)
	}
	return nil
}

// ---- calls of user procedures ----

// callProc evaluates a call of a procedure the analysis knows.
func (fl *flow) callProc(p *procInfo, d *syntax.Datum, st *state) value {
	switch {
	case p.cont != nil:
		vals := fl.args(d, st)
		if !st.dead {
			v := unknown
			if len(vals) == 1 {
				v = vals[0]
			}
			p.cont.states = append(p.cont.states, st.clone())
			p.cont.vals = append(p.cont.vals, v)
			st.dead = true
		}
		return value{}
	case p.record != notRecord:
		return fl.recordCall(p, d, st)
	case p.frame != nil || !p.top && fl.inlinable(p):
		return fl.inline(p, d.Elems[1:], d, st)
	case p.top && p.def != nil && !fl.assigned(p.def) && !fl.redefined(p.def):
		if s := fl.summary(p); s != nil {
			return fl.summaryCall(p.name, s, d, st)
		}
	}
	// Not summarised (yet: this round reaches it later), or not known: what it does is not
	// known.
	return fl.unknownCall(d, value{k: kProc, proc: p}, st)
}

// args evaluates the arguments of a call.
func (fl *flow) args(d *syntax.Datum, st *state) []value {
	vals := make([]value, 0, len(d.Elems)-1)
	for _, a := range d.Elems[1:] {
		vals = append(vals, fl.expr(a, st))
	}
	return vals
}

// apply calls the value of an expression with argument values (cond's =>).
func (fl *flow) apply(fd *syntax.Datum, vals []value, site *syntax.Datum, st *state) value {
	if fd.Kind == syntax.Symbol {
		if r := fl.ref(fd); r != nil && r.Entry != nil && r.Entry.Kind == catalog.Procedure {
			fl.builtinChecks(r.Entry, &syntax.Datum{Kind: syntax.List, Elems: []*syntax.Datum{fd, site}, Span: site.Span}, vals, st)
			return fl.builtinResult(r.Entry, canonical(r.Entry), &syntax.Datum{Kind: syntax.List, Elems: []*syntax.Datum{fd, site}, Span: site.Span}, vals, st)
		}
	}
	fv := fl.expr(fd, st)
	for _, v := range vals {
		fl.escape(v, st)
	}
	_ = fv
	st.havocEscaped()
	return unknown
}

// recordCall: the procedures of define-record-type.
func (fl *flow) recordCall(p *procInfo, d *syntax.Datum, st *state) value {
	vals := fl.args(d, st)
	for _, v := range vals {
		fl.escape(v, st)
	}
	switch p.record {
	case recordMake:
		return value{k: kRecord}
	case recordPred:
		return value{k: kBool}
	}
	if len(vals) > 0 && fl.reporting() && vals[0].known() && vals[0].k&kRecord == 0 {
		fl.report(CodeArgKind, Error, d.Elems[1].Span, fmt.Sprintf("the first argument of %s must be a record, but %s is %s",
			p.name, argName(d.Elems[1]), vals[0].describe(nil)), vals[0].related()...)
	}
	if len(vals) > 0 && vals[0].param > 0 {
		fl.demand(vals[0], kRecord, catalog.Kind("record"), p.name, 0, d, st)
	}
	return unknown
}

// inline analyses a local procedure's body at a call, with the arguments' values; a call of it
// from its own body is a back edge of a loop, taken to a fixed point.
func (fl *flow) inline(p *procInfo, argDs []*syntax.Datum, d *syntax.Datum, st *state) value {
	vals := make([]value, 0, len(argDs))
	for _, a := range argDs {
		vals = append(vals, fl.expr(a, st))
	}
	if st.dead {
		return value{}
	}
	return fl.inlineVals(p, vals, d, st)
}

// maxDepth bounds nested inlining.
const maxDepth = 24

func (fl *flow) inlineVals(p *procInfo, vals []value, d *syntax.Datum, st *state) value {
	if fr := p.frame; fr != nil {
		if fr.second {
			st.dead = true
			return value{}
		}
		// A back edge: the loop goes round again with these values.
		fr.edges++
		if fr.back == nil {
			fr.back, fr.backArgs = st.clone(), append([]value(nil), vals...)
		} else {
			fr.back.merge(st)
			for i := range fr.backArgs {
				if i < len(vals) {
					fr.backArgs[i] = join(fr.backArgs[i], vals[i])
				}
			}
		}
		tail := fl.tailCall(p, d)
		if !tail {
			fr.nontail++
		}
		grown := fr.entry.clone()
		grown.merge(st)
		if !grown.equal(fr.entry) {
			fr.entry, fr.grew = grown, true
		}
		for i := range fr.args {
			if i < len(vals) {
				j := join(fr.args[i], vals[i])
				if !same(j, fr.args[i]) {
					fr.args[i], fr.grew = j, true
				}
			}
		}
		if tail || fr.exit == nil {
			// A call in tail position returns what the loop returns: the loop's other exits
			// say what that is.
			st.dead = true
			return value{}
		}
		// After the call, the sockets are as the loop leaves them; the variables are this
		// activation's, as they were (the exit's narrowing of the loop's own variables is of
		// another activation).
		vars := append([]varFact(nil), st.vars...)
		st.set(fr.exit)
		st.vars = vars
		return fr.ret
	}
	if fl.depth > maxDepth || fl.work > maxWork {
		fl.giveAway(vals, st)
		return unknown
	}
	n := 0
	if p.formals != nil && p.formals.Kind == syntax.List {
		n = len(p.formals.Elems)
	}
	args := make([]value, n)
	for i := range args {
		if i < len(vals) {
			// The loop's variables change as it goes round: their constants do not hold.
			args[i] = loopValue(vals[i])
		} else {
			args[i] = unknown
		}
	}
	fr := &loopFrame{entry: st.clone(), args: args}
	// (A pass that takes no back edge is the last: there is no loop.)
	p.frame = fr
	savedFile := fl.file
	fl.setFile(p.file)
	// One pass of the body from the loop's head.
	pass := func() (*state, value) {
		cur := fr.entry.clone()
		fl.bindFormals(p.formals, fr.args, cur, true)
		if p.formals != nil && p.formals.Kind == syntax.List && p.formals.Tail() == nil && len(vals) > n {
			for _, v := range vals[n:] {
				fl.escape(v, cur)
			}
		}
		v := fl.body(p.body, cur)
		return cur, v
	}
	var exit *state
	var v value
	initial := fr.entry
	fl.fixpoint(func() bool {
		fr.edges, fr.nontail, fr.back, fr.backArgs = 0, 0, nil, nil
		exit, v = pass()
		if fr.edges == 0 || fr.nontail == 0 && !fr.grew {
			return true
		}
		stable := !fr.grew && fr.exit != nil && (exit.dead && fr.exit.dead || fr.exit.covers(exit)) && same(join(fr.ret, v), fr.ret)
		if fr.exit == nil || exit.dead && fr.exit.dead {
			fr.exit = exit.clone()
		} else {
			grown := fr.exit.clone()
			grown.merge(exit)
			fr.exit = grown
		}
		fr.ret = join(fr.ret, v)
		fr.grew = false
		return stable
	}, func() {
		fr.entry = fl.widened(fr.entry)
		for i := range fr.args {
			fr.args[i] = unknown
		}
	})
	if fr.back != nil && fl.reporting() && worseSockets(initial, fr.back) {
		fl.secondRound(func() {
			fr.second = true
			fr.entry = fr.back
			for i := range fr.args {
				if i < len(fr.backArgs) {
					fr.args[i] = fr.backArgs[i]
				}
			}
			pass()
		})
	}
	p.frame = nil
	fl.setFile(savedFile)
	st.set(exit)
	return v
}

// worseSockets: a socket is, at the back edges of a loop, in a state it was not in when the
// loop began (closed by the loop, shut down …).
func worseSockets(initial, back *state) bool {
	for i := range back.socks {
		g := &back.socks[i]
		f := initial.sock(g.obj)
		if f == nil {
			continue
		}
		for q := range g.rows {
			if g.rows[q]&^f.rows[q] != 0 {
				return true
			}
		}
	}
	return false
}

// secondRound runs a pass of a loop from what its back edges leave: the second time round.
// What fails there for sure fails whenever the loop goes round; only the operations on sockets
// are reported from it (the rest was reported by the first pass, or holds the first time only).
func (fl *flow) secondRound(pass func()) {
	nd, nf := len(fl.diags), len(fl.facts)
	pass()
	kept := fl.diags[:nd]
	for _, d := range fl.diags[nd:] {
		if d.Code == CodeSocketLifecyle && d.Severity == Error {
			d.Message += " (the second time round the loop)"
			kept = append(kept, d)
		}
	}
	fl.diags, fl.facts = kept, fl.facts[:nf]
}

// tailCall: a call of p in tail position of p's own body.
func (fl *flow) tailCall(p *procInfo, call *syntax.Datum) bool {
	if p.tails == nil {
		p.tails = map[*syntax.Datum]bool{}
		fl.tails(p.body, p.tails)
	}
	return p.tails[call]
}

// tails marks the forms in tail position of a body.
func (fl *flow) tails(body []*syntax.Datum, out map[*syntax.Datum]bool) {
	if len(body) == 0 {
		return
	}
	d := body[len(body)-1]
	if d.Kind != syntax.List || len(d.Elems) == 0 {
		return
	}
	out[d] = true
	kw, _ := fl.keyword(d)
	args := d.Elems[1:]
	switch kw {
	case "if":
		for _, a := range args[min(1, len(args)):] {
			fl.tails([]*syntax.Datum{a}, out)
		}
	case "begin", "when", "unless", "and", "or":
		if kw == "when" || kw == "unless" {
			args = args[min(1, len(args)):]
		}
		fl.tails(args, out)
	case "let", "let*", "letrec", "letrec*", "let-values", "let*-values":
		if len(args) > 0 && args[0].Kind == syntax.Symbol {
			args = args[1:]
		}
		if len(args) > 1 {
			fl.tails(args[1:], out)
		}
	case "cond", "case":
		cls := args
		if kw == "case" && len(cls) > 0 {
			cls = cls[1:]
		}
		for _, cl := range cls {
			if cl.Kind == syntax.List && len(cl.Elems) > 1 && !(len(cl.Elems) == 3 && cl.Elems[1].Text == "=>") {
				fl.tails(cl.Elems[1:], out)
			}
		}
	}
}

// loopValue is what a loop variable's first value says of it in every round: its kind, not
// its constant (a counter, an accumulator). A loop that keeps a constant still settles.
func loopValue(v value) value {
	if v.cst == nil {
		v.hasN, v.n, v.str = false, 0, nil
	}
	return v
}

// summaryCall checks a call of a summarised procedure and applies its summary.
func (fl *flow) summaryCall(name string, s *Summary, d *syntax.Datum, st *state) value {
	vals := make([]value, 0, len(d.Elems)-1)
	for i, a := range d.Elems[1:] {
		// A procedure given to one that calls it where its errors are caught fails on purpose.
		caught := i < 64 && s.catches&(1<<uint(i)) != 0
		if caught {
			fl.caught++
		}
		vals = append(vals, fl.expr(a, st))
		if caught {
			fl.caught--
		}
	}
	if st.dead {
		return value{}
	}
	n := len(s.Params)
	if s.Rest {
		n--
	}
	if len(vals) < n || len(vals) > n && !s.Rest {
		// A wrong number of arguments (reported by the arity check): nothing is known of the
		// call.
		fl.giveAway(vals, st)
		return unknown
	}
	for i := 0; i < n; i++ {
		fl.checkParam(name, s, i, d.Elems[i+1], vals[i], d, st)
	}
	if s.Rest {
		for _, v := range vals[n:] {
			fl.giveTo(v, st)
		}
	}
	st.havocEscaped()
	clearThreads(st)
	switch {
	case s.ret.k == 0 && s.retArg == 0 && s.retSock == nil:
		st.dead = true
		return value{}
	case s.retArg > 0 && s.retArg <= len(vals):
		return vals[s.retArg-1]
	case s.retSock != nil:
		o := fl.alloc(d, st, 0)
		o.family, o.domain, o.protocol = s.retSock.obj.family, s.retSock.obj.domain, s.retSock.obj.protocol
		f := st.sock(o)
		f.rows = sameRows(s.retSock.rows.any())
		f.addr = s.retSock.addr
		f.setLast(fl.file, d, lastReturned, name)
		v := s.ret
		v.obj = o
		return v
	}
	v := s.ret
	if v.from != nil && v.from.nullable != 0 && v.from.reader != "" {
		c := *v.from
		c.what = fmt.Sprintf("%s returns what %s returns, the end-of-file object at the end of its input", name, c.reader)
		v.from = &c
	}
	return v
}

// checkParam checks an argument against what the procedure requires of the parameter, and
// applies what the procedure does to it.
func (fl *flow) checkParam(name string, s *Summary, i int, arg *syntax.Datum, v value, d *syntax.Datum, st *state) {
	pname := s.Params[i]
	if need := s.need[i]; need != kAll {
		why := s.why[i]
		if v.param > 0 && why != nil {
			fl.demandVia(v, need, why, name, st)
		}
		if fl.reporting() && v.known() && why != nil {
			if v.k&need == 0 {
				msg := fmt.Sprintf("%s is %s, but `%s` must be %s because %s", argName(arg), v.describe(nil), pname, argPhrase(why.kind), why.text(fl, name))
				if _, lit := literal(arg, false); lit || arg.Kind == syntax.Quote {
					msg = fmt.Sprintf("`%s` must be %s because %s, not %s", pname, argPhrase(why.kind), why.text(fl, name), argName(arg))
				}
				fl.report(CodeArgKind, Error, arg.Span, msg,
					append([]Location{{File: why.file, Span: why.span, Message: "required here"}}, v.related()...)...)
			} else if bad := v.k &^ need; bad != 0 && v.from != nil && bad&^v.from.nullable == 0 && fl.untested(arg) {
				fl.report(CodeArgKind, Warning, arg.Span, fmt.Sprintf("%s may be %s (%s), but `%s` must be %s because %s",
					argName(arg), kindText(bad), v.from.what, pname, argPhrase(why.kind), why.text(fl, name)),
					append([]Location{{File: why.file, Span: why.span, Message: "required here"}}, v.related()...)...)
			}
		}
	}
	if c := s.consts[i]; c != nil {
		if v.param > 0 && fl.ctx != nil && fl.ctx.sum != nil && fl.standal == 0 && fl.caught == 0 && v.param <= len(fl.ctx.sum.consts) && fl.ctx.sum.consts[v.param-1] == nil {
			chained := *c
			chained.via = append([]string{name}, c.via...)
			fl.ctx.sum.consts[v.param-1] = &chained
		}
		if fl.reporting() && v.cst != nil && isExactInt(v.k) && v.cst.kind != c.kind.Consts && len(v.cst.names) > 0 {
			fl.report(CodeSocketKind, Error, arg.Span, fmt.Sprintf("%s is %s, but `%s` must be %s because %s",
				strings.Join(v.cst.names, " "), kindWords[v.cst.kind], pname, kindWords[c.kind.Consts], c.text(fl, name)),
				Location{File: c.file, Span: c.span, Message: "required here"})
		}
	}
	if s.escapes&(1<<uint(i)) != 0 {
		fl.giveTo(v, st)
	}
	if e := s.eff[i]; e != nil && v.obj != nil {
		fl.applyEffect(name, pname, e, v, arg, d, st)
	}
}

// applyEffect moves a socket through what a procedure does to it, and reports the call when the
// procedure fails for every state the socket may be in.
func (fl *flow) applyEffect(name, pname string, e *effect, v value, arg, d *syntax.Datum, st *state) {
	f := st.sock(v.obj)
	if f == nil {
		return
	}
	var next rows
	allFail, any := true, false
	var first *failure
	var failed qset
	for q0, s := range f.rows {
		if s == 0 {
			continue
		}
		any = true
		var ns qset
		rowFails := true
		for q := qstate(0); q < nQ; q++ {
			if s&(1<<q) == 0 {
				continue
			}
			ns |= e.out[q]
			if e.failed&(1<<q) == 0 {
				rowFails = false
			} else if first == nil {
				first = e.fail[q]
			}
		}
		next[q0] = ns
		if rowFails {
			failed |= 1 << q0
		} else {
			allFail = false
		}
	}
	o := v.obj
	var chained *failure
	if first != nil {
		c := *first
		c.via = append([]string{name}, first.via...)
		chained = &c
	}
	if o.param > 0 && fl.ctx != nil && fl.ctx.sum != nil && fl.caught == 0 && fl.standal == 0 && o.param <= len(fl.ctx.sum.eff) && failed != 0 {
		ef := fl.ctx.sum.effect(o.param - 1)
		for q0 := qstate(0); q0 < nQ; q0++ {
			if failed&(1<<q0) != 0 && ef.fail[q0] == nil && chained != nil {
				ef.fail[q0] = chained
			}
		}
		f.failed |= failed
	}
	if any && allFail && first != nil && !first.reported && fl.reporting() {
		chained.reported = true
		var b strings.Builder
		fmt.Fprintf(&b, "%s is %s, but `%s` passes it to ", argName(arg), statesText(f.rows.any(), f.addr), name)
		for _, w := range first.via {
			fmt.Fprintf(&b, "`%s`, which passes it to ", w)
		}
		fmt.Fprintf(&b, "`%s` (%s), which cannot work then", first.op, fl.at(first.file, first.span))
		rel := []Location{{File: first.file, Span: first.span, Message: first.op + " fails here"}}
		if l, ok := f.lastLocation(fl.res); ok {
			rel = append(rel, l)
		}
		fl.report(CodeSocketLifecyle, Error, arg.Span, b.String(), rel...)
	}
	if next != f.rows {
		f.rows = next
		f.setLast(fl.file, d, lastPassed, name)
		if next.any() == 1<<qClosed {
			f.lastHow = lastClosedBy
		}
	}
}
