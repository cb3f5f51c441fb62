package analyzer

import (
	"fmt"
	"sort"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// unboundName is a use of a name that is neither defined nor imported. It is reported at the
// end (reportUnbound), when it is known whether a top-level use of a macro may define the name
// and how many uses come before it.
type unboundName struct {
	id    *syntax.Datum
	file  string
	entry *catalog.Entry // a builtin whose library is not imported, or nil
	msg   string
	fixes []Fix
	// inUnit: met in a program's top-level form (the top-level uses of macros are known at the
	// end); elsewhere the names they may define are known already.
	inUnit bool
}

// unboundName notes a name that is neither defined nor imported; when a library exports it,
// the fix adds that library to the imports.
func (a *analyzer) unboundName(id *syntax.Datum, sc *scope) {
	if a.noBuiltinsKnown || a.unknownImport || a.u == nil && a.maybeDefined[id.Text] || a.quiet > 0 {
		return
	}
	if a.exp.expanding() {
		// In an expansion, what diag would not report (expand.go) is not noted.
		if _, _, keep, _ := a.exp.filter(a.cur.Name, CodeUnbound, id.Span, ""); !keep {
			return
		}
	}
	n := unboundName{id: id, file: a.cur.Name, inUnit: a.u != nil}
	if e := catalog.Lookup(id.Text); e != nil {
		lib := preferredLibrary(e)
		n.entry, n.fixes = e, []Fix{a.importFix(lib)}
		n.msg = fmt.Sprintf("%s is not imported: it is in (%s)", id.Text, lib)
		var others []string
		for _, l := range e.Libs {
			if l != lib {
				others = append(others, "("+l+")")
			}
		}
		if len(others) > 3 {
			others = append(others[:3], "…")
		}
		if len(others) > 0 {
			n.msg += ", also in " + strings.Join(others, ", ")
		}
	} else {
		n.msg = id.Text + " is not defined"
		if best := a.closestName(id.Text, sc); best != "" {
			n.msg += "; did you mean " + best + "?"
			n.fixes = append(n.fixes, Fix{Title: "Change to " + best, Edits: []Edit{{File: a.cur.Name, Span: id.Span, NewText: best}}})
		}
	}
	a.unbound = append(a.unbound, n)
}

// reportUnbound reports the names found unbound, in the order met: those a top-level use of
// a macro may define are not, and after the first few uses of a name (or of the names of a
// library not imported) comes one line for the rest.
func (a *analyzer) reportUnbound() {
	inUnits := false
	for _, u := range a.units {
		inUnits = inUnits || len(u.unbound) > 0
	}
	if inUnits {
		for _, u := range a.units {
			a.markUses(u.uses, a.top)
			for _, n := range u.maybe {
				a.maybeDefined[n] = true
			}
		}
	}
	report := func(n unboundName) {
		if n.inUnit && a.maybeDefined[n.id.Text] {
			return
		}
		a.inFile(n.file, func() { a.reportName(n) })
	}
	for _, n := range a.unbound {
		report(n)
	}
	for _, u := range a.units {
		for _, n := range u.unbound {
			report(n)
		}
	}
}

func (a *analyzer) reportName(n unboundName) {
	id := n.id
	counts := &a.undefined
	key := id.Text
	if n.entry != nil {
		counts, key = &a.notImported, preferredLibrary(n.entry)
	}
	if *counts == nil {
		*counts = map[string]*missingImport{}
	}
	m := (*counts)[key]
	if m == nil {
		m = &missingImport{}
		(*counts)[key] = m
	}
	if m.reported >= maxNotImported {
		if m.more == 0 {
			m.file, m.span = a.cur.Name, id.Span
		}
		m.more++
		return
	}
	m.reported++
	a.diag(CodeUnbound, Error, id.Span, n.msg, n.fixes...)
}

// maxNotImported is how many names of one library that is not imported are reported one by one.
const maxNotImported = 10

type missingImport struct {
	reported, more int
	file           string
	span           syntax.Span
}

// notImportedSummary reports, once per library, the uses not reported one by one.
func (a *analyzer) notImportedSummary() {
	libs := make([]string, 0, len(a.notImported))
	for lib, m := range a.notImported {
		if m.more > 0 {
			libs = append(libs, lib)
		}
	}
	sort.Strings(libs)
	for _, lib := range libs {
		m := a.notImported[lib]
		a.inFile(m.file, func() {
			a.diag(CodeUnbound, Error, m.span, fmt.Sprintf("and %d more uses of names of (%s), which is not imported", m.more, lib), a.importFix(lib))
		})
	}
	names := make([]string, 0, len(a.undefined))
	for n, m := range a.undefined {
		if m.more > 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		m := a.undefined[n]
		a.inFile(m.file, func() {
			a.diag(CodeUnbound, Error, m.span, fmt.Sprintf("and %d more uses of %s, which is not defined", m.more, n))
		})
	}
}

// preferredLibrary picks the library to import for an entry: the R7RS or SRFI one rather than
// (foment base), which exports everything.
func preferredLibrary(e *catalog.Entry) string {
	for _, l := range e.Libs {
		if l != "foment base" {
			return l
		}
	}
	return e.Libs[0]
}

// importFix adds a library to the first import form, or adds an import form.
func (a *analyzer) importFix(lib string) Fix {
	title := "Add (" + lib + ") to the imports"
	if a.imports == nil {
		return Fix{Title: title, Edits: []Edit{{File: a.f.Name, Span: syntax.Span{}, NewText: "(import (" + lib + "))\n"}}}
	}
	end := a.imports.Span.End
	if a.imports.IsClosed() {
		end = a.imports.CloseSpan().Start
	}
	at := syntax.Span{Start: end, End: end}
	return Fix{Title: title, Edits: []Edit{{File: a.importsIn, Span: at, NewText: " (" + lib + ")"}}}
}

// closestName suggests a name visible from sc (defined or imported) close to a misspelt one.
func (a *analyzer) closestName(s string, sc *scope) string {
	if len(s) < 3 {
		return "" // x → * is no help
	}
	if a.u != nil {
		a.u.suggests = true
	}
	var cands []string
	for name := range a.builtins {
		if abs(len(name)-len(s)) <= 2 {
			cands = append(cands, name)
		}
	}
	for ; sc != nil; sc = sc.parent {
		sc.each(func(name string, _ *Def) {
			if abs(len(name)-len(s)) <= 2 {
				cands = append(cands, name)
			}
		})
	}
	sort.Strings(cands)
	best := closest(s, cands)
	if best == s || editDistance(best, s) > max(1, len(s)/4) {
		return ""
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
