package analyzer

import (
	"sort"
	"strings"
	"sync"

	"foment-ls/syntax"
)

// What the flow analysis knows, for the editor: what a variable holds at a place (hover) and
// what the parameters of each procedure must be (inlay hints). The facts of a top-level form
// are computed when first asked for, with every summary known: most forms are never asked
// about, and a hover costs the analysis of one form.

// flowQuery keeps the flow analysis of a file to answer questions about it.
type flowQuery struct {
	mu    sync.Mutex
	fl    *flow
	top   []topForm
	facts map[*syntax.Datum][]refFact // by top-level form, computed once
	// memo is what each procedure's analysis gave, by its define form, for the analysis of
	// the next version (Options.Prev); reused counts the procedures this one took from the
	// last.
	memo   map[*syntax.Datum]*procMemo
	reused int
}

// ValueAt says what the variable at an offset of the analysed file (or, in a View, of that file)
// holds there, as the flow analysis knows it: "s: socket, inet stream, listening on
// 127.0.0.1:8080". "" when it knows nothing more than its name.
func (r *Result) ValueAt(offset int) string {
	if r.flow == nil {
		return ""
	}
	return r.flow.valueAt(r.File.Name, offset)
}

func (q *flowQuery) valueAt(file string, off int) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	form := q.formAt(file, off)
	if form == nil {
		return ""
	}
	facts, ok := q.facts[form.d]
	if !ok {
		facts = q.compute(form)
		if q.facts == nil {
			q.facts = map[*syntax.Datum][]refFact{}
		}
		q.facts[form.d] = facts
	}
	i := sort.Search(len(facts), func(i int) bool { return facts[i].off >= off })
	// The identifier at off starts at or before it: the last fact starting there or before.
	for j := min(i, len(facts)-1); j >= 0 && j < len(facts); j-- {
		f := facts[j]
		if f.off > off || f.file != file {
			continue
		}
		if f.off+f.n < off {
			break
		}
		return f.name + ": " + q.fl.describeFact(f)
	}
	return ""
}

// formAt returns the top-level form that holds an offset of a file.
func (q *flowQuery) formAt(file string, off int) *topForm {
	for i := range q.top {
		t := &q.top[i]
		if t.file == file && t.d.Span.Contains(off) {
			return t
		}
	}
	return nil
}

// compute analyses one top-level form again, recording what variables hold.
func (q *flowQuery) compute(t *topForm) []refFact {
	fl := q.fl
	fl.wantFacts, fl.emit = true, true
	fl.diags, fl.facts = nil, nil
	defer func() {
		fl.wantFacts = false
		fl.diags, fl.facts = nil, nil
		recover() // a question never takes the editor down
	}()
	fl.setFile(t.file)
	if p := q.procOf(t); p != nil {
		saved := fl.sums[p.key]
		fl.summarise(p)
		fl.sums[p.key] = saved
	} else {
		// A form of the program: it runs after the forms before it.
		st := &state{}
		fl.ctx = nil
		fl.objs = map[allocKey]*sockObj{}
		for i := range q.top {
			u := &q.top[i]
			fl.setFile(u.file)
			if st.dead {
				st = &state{}
			}
			fl.work = 0
			keep := u == t
			fl.wantFacts = keep
			fl.form(u.d, st)
			if keep {
				break
			}
		}
	}
	facts := fl.facts
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].off < facts[j].off })
	return facts
}

// procOf returns the summarised procedure a top-level form defines.
func (q *flowQuery) procOf(t *topForm) *procInfo {
	fl := q.fl
	for _, p := range fl.procs {
		if p.top && p.record == notRecord && p.file == t.file && p.def != nil &&
			t.d.Span.Start <= p.def.Span.Start && p.def.Span.End <= t.d.Span.End {
			return p
		}
	}
	return nil
}

// describeFact says what a variable holds at a place.
func (fl *flow) describeFact(f refFact) string {
	v := f.v
	st := &state{}
	if f.sock != nil {
		st.socks = []sockFact{*f.sock}
	}
	if d := f.def; d != nil {
		if pr, ok := fl.paramOf[d]; ok && v.param > 0 && v.k == kAll {
			// A parameter as the procedure gets it: what its uses require of it.
			var parts []string
			if k := pr.sum.ParamKind(pr.i); k != "" {
				parts = append(parts, "must be "+k)
			}
			if f.sock != nil && f.sock.rows != identityRows() {
				if w := statesText(f.sock.rows.any(), f.sock.addr); w != "" {
					parts = append(parts, "socket, "+w)
				}
			}
			if len(parts) == 0 {
				return "parameter of " + pr.sum.Name
			}
			return strings.Join(parts, "; ")
		}
	}
	if v.obj != nil && v.k == kSocket {
		return v.obj.describe(st)
	}
	return v.describe(st)
}

// ParamKind is what the flow analysis infers a parameter of a procedure must be.
type ParamKind struct {
	Proc string
	File string
	Span syntax.Span // the parameter's name
	Kind string      // "a socket port", "a string"
}

// ParamKinds returns the parameters of the procedures of the analysed file (and the files it
// includes) whose kind the flow analysis inferred from their uses.
func (r *Result) ParamKinds() []ParamKind {
	var out []ParamKind
	for _, s := range r.Summaries {
		for i, sp := range s.paramSpans {
			if k := s.ParamKind(i); k != "" {
				out = append(out, ParamKind{Proc: s.Name, File: s.File, Span: sp, Kind: k})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Span.Start.Offset < out[j].Span.Start.Offset
	})
	return out
}

// SummaryOf returns what the flow analysis knows of a top-level procedure: one of this file's,
// or of a library it imports. nil when it knows nothing.
func (r *Result) SummaryOf(d *Def) *Summary {
	if d == nil || !d.TopLevel {
		return nil
	}
	key := defKey(d)
	if s := r.Summaries[key]; s != nil {
		return s
	}
	for _, im := range r.Imports {
		if im.Lib != nil {
			if s := im.Lib.Summaries[key]; s != nil {
				return s
			}
		}
	}
	return nil
}

// Describe says in a line what the procedure requires of its parameters and what it returns:
// "s must be a socket port; returns an exact integer". "" when nothing is known.
func (s *Summary) Describe() string {
	var parts []string
	for i, p := range s.Params {
		if k := s.ParamKind(i); k != "" {
			parts = append(parts, p+" must be "+k)
		}
	}
	if r := s.Returns(); r != "" {
		parts = append(parts, "returns "+r)
	}
	return strings.Join(parts, "; ")
}
