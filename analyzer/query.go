package analyzer

import (
	"sort"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// At returns the identifier at a byte offset: its reference, or the definition it names.
func (r *Result) At(offset int) (*Ref, *Def) {
	i := sort.Search(len(r.Refs), func(i int) bool { return int(r.Refs[i].Span.End) >= offset })
	for ; i < len(r.Refs) && int(r.Refs[i].Span.Start) <= offset; i++ {
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

// Visible returns the user definitions in scope at an offset, innermost first, one per name:
// the local definitions whose scope holds the offset, the narrowest scopes first, then the
// top-level ones in their order (their scopes are the whole file).
func (r *Result) Visible(offset int) []*Def {
	locals := r.localsAt(offset)
	sort.SliceStable(locals, func(i, j int) bool {
		return locals[i].Scope.End-locals[i].Scope.Start < locals[j].Scope.End-locals[j].Scope.Start
	})
	tops := r.topLevel()
	out := make([]*Def, 0, len(locals)+len(tops))
	seen := make(map[string]bool, len(locals))
	for _, d := range locals {
		if !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, d)
		}
	}
	for _, d := range tops {
		if !seen[d.Name] {
			out = append(out, d)
		}
	}
	return out
}

// localsAt returns the local definitions of r.File whose scope holds the offset: those of the
// top-level form around it, when the analysis went form by form.
func (r *Result) localsAt(offset int) []*Def {
	defs := r.Defs
	if p := r.prog; p != nil && !p.full && r.File == r.own() {
		i := sort.Search(len(p.order), func(i int) bool { return int(p.order[i].form.Span.End) >= offset })
		defs = nil
		for ; i < len(p.order) && int(p.order[i].form.Span.Start) <= offset; i++ {
			defs = append(defs, p.order[i].defs...)
		}
	}
	var out []*Def
	for _, d := range defs {
		if !d.TopLevel && d.File == r.File.Name && d.Scope.Contains(offset) {
			out = append(out, d)
		}
	}
	return out
}

// topLevel returns the top-level definitions, the first of each name, in order (made once).
func (r *Result) topLevel() []*Def {
	c := r.cache
	if c == nil {
		return firstOfEach(r.Defs)
	}
	c.once.Do(func() { c.tops = firstOfEach(r.Defs) })
	return c.tops
}

func firstOfEach(defs []*Def) []*Def {
	var out []*Def
	seen := map[string]bool{}
	for _, d := range defs {
		if d.TopLevel && !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, d)
		}
	}
	return out
}

// TextSpan returns the extent of a file's text that an extent the analysis found in that file
// covers. The data of the analysed file have positions of their own when it was read for
// editing (syntax.ParseEditable); those of the files it read do not.
func (r *Result) TextSpan(file string, e syntax.Extent) syntax.Extent {
	if f := r.own(); f != nil && file == f.Name {
		return f.TextSpan(e)
	}
	return e
}

// Span returns the span of an extent the analysis found in a file, with the lines and columns
// of the file's text: the offsets stay the extent's (an editable file's datum space). A file the
// analysis did not read gives the offsets only.
func (r *Result) Span(file string, e syntax.Extent) syntax.Span {
	if f := r.fileNamed(file); f != nil {
		return f.Span(e)
	}
	return syntax.Span{Start: syntax.Pos{Offset: e.Start}, End: syntax.Pos{Offset: e.End}}
}

// Line returns the 1-based line of the text at an offset the analysis found in a file (0 for a
// file it did not read).
func (r *Result) Line(file string, offset int32) int {
	return int(r.Span(file, syntax.Extent{Start: offset, End: offset}).Start.Line)
}

// DefLine returns the 1-based line of a definition's name in the text of its file (a library's
// too).
func (r *Result) DefLine(d *Def) int {
	if r.fileNamed(d.File) != nil {
		return r.Line(d.File, d.Span.Start)
	}
	return int(d.line)
}

// fileNamed returns a file the analysis read: the analysed file or a file it includes.
func (r *Result) fileNamed(name string) *syntax.File {
	if f := r.own(); f != nil && f.Name == name {
		return f
	}
	if r.File != nil && r.File.Name == name {
		return r.File
	}
	return r.Files[name]
}

// own returns the file the analysis began with (the File of a View is another).
func (r *Result) own() *syntax.File {
	if r.root != nil {
		return r.root
	}
	return r.File
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
	v.root = r.own()
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
			end := int(d.Span.End)
			if d.Kind == syntax.List && d.IsClosed() {
				end-- // the cursor right after ")" is outside
			}
			if int(d.Span.Start) < offset && offset <= end {
				if d.Kind == syntax.List {
					best = d
				}
				walk(d.Elems)
				if d.Tail() != nil {
					walk([]*syntax.Datum{d.Tail()})
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
		if offset <= int(e.Span.End) {
			c.Arg = i - 1
			break
		}
		c.Arg = i // after the last element: the next argument
	}
	if _, def := r.At(int(best.Elems[0].Span.Start)); def != nil {
		c.Def = def
	} else if e := r.builtinByName[c.Name]; e != nil {
		c.Entry = e
	}
	if f, ok := socketForms[c.Name]; ok && c.Entry != nil {
		c.ConstKind = f.kind
	}
	return c
}
