package analyzer

import (
	"sort"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// At returns the identifier at a byte offset: its reference, or the definition it names.
func (r *Result) At(offset int) (*Ref, *Def) {
	i := sort.Search(len(r.Refs), func(i int) bool { return int(r.Refs[i].Span.End.Offset) >= offset })
	for ; i < len(r.Refs) && int(r.Refs[i].Span.Start.Offset) <= offset; i++ {
		if r.Refs[i].Span.Contains(offset) {
			return r.Refs[i], r.Refs[i].Def
		}
	}
	for _, d := range r.Defs {
		if d.File == r.File.Name && d.Span.Contains(offset) {
			return nil, d
		}
	}
	return nil, nil
}

// Visible returns the user definitions in scope at an offset, innermost first, one per name.
func (r *Result) Visible(offset int) []*Def {
	var out []*Def
	seen := map[string]bool{}
	// Inner scopes are narrower: visit the definitions whose scope holds the offset, the
	// narrowest scopes first.
	cands := make([]*Def, 0, len(r.Defs))
	for _, d := range r.Defs {
		if d.TopLevel || (d.File == r.File.Name && d.Scope.Contains(offset)) {
			cands = append(cands, d)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		wi := cands[i].Scope.End.Offset - cands[i].Scope.Start.Offset
		wj := cands[j].Scope.End.Offset - cands[j].Scope.Start.Offset
		if cands[i].TopLevel != cands[j].TopLevel {
			return !cands[i].TopLevel
		}
		return wi < wj
	})
	for _, d := range cands {
		if !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, d)
		}
	}
	return out
}

// View returns the analysis as seen from one of the files it read: File is that file and Refs
// its references (Defs and Diags stay those of every file). nil when the analysis did not read
// the file.
func (r *Result) View(path string) *Result {
	if r.File.Name == path {
		return r
	}
	f := r.Files[path]
	if f == nil {
		return nil
	}
	v := *r
	v.File = f
	v.Refs = r.refsIn[path]
	return &v
}

// RefsIn returns the references in one of the files the analysis read.
func (r *Result) RefsIn(path string) []*Ref {
	if r.File.Name == path {
		return r.Refs
	}
	return r.refsIn[path]
}

// DiagsIn returns the diagnostics in one file.
func (r *Result) DiagsIn(path string) []Diagnostic {
	var out []Diagnostic
	for _, d := range r.Diags {
		if d.File == path {
			out = append(out, d)
		}
	}
	return out
}

// Builtins returns the builtins the file's imports bring into scope.
func (r *Result) Builtins() []*catalog.Entry { return r.builtins }

// CallAt returns the innermost call form around an offset.
func (r *Result) CallAt(offset int) *Call {
	var best *syntax.Datum
	var walk func(ds []*syntax.Datum)
	walk = func(ds []*syntax.Datum) {
		for _, d := range ds {
			if d.Kind != syntax.List && d.Kind != syntax.Quasiquote && d.Kind != syntax.Unquote && d.Kind != syntax.UnquoteSplicing {
				continue
			}
			end := int(d.Span.End.Offset)
			if d.Kind == syntax.List && d.IsClosed() {
				end-- // the cursor right after ")" is outside
			}
			if int(d.Span.Start.Offset) < offset && offset <= end {
				if d.Kind == syntax.List {
					best = d
				}
				walk(d.Elems)
				if d.Tail != nil {
					walk([]*syntax.Datum{d.Tail})
				}
			}
		}
	}
	walk(r.File.Data)
	if best == nil || len(best.Elems) == 0 || best.Elems[0].Kind != syntax.Symbol {
		if best != nil {
			return &Call{Form: best, Arg: -1}
		}
		return nil
	}
	c := &Call{Form: best, Name: best.Elems[0].Text, Arg: -1}
	for i, e := range best.Elems {
		if offset <= int(e.Span.End.Offset) {
			c.Arg = i - 1
			break
		}
		c.Arg = i // after the last element: the next argument
	}
	if _, def := r.At(int(best.Elems[0].Span.Start.Offset)); def != nil {
		c.Def = def
	} else if e := r.builtinByName[c.Name]; e != nil {
		c.Entry = e
	}
	if f, ok := socketForms[c.Name]; ok && c.Entry != nil {
		c.ConstKind = f.kind
	}
	return c
}
