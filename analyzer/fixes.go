package analyzer

import (
	"fmt"
	"sort"
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// unbound reports a name that is neither defined nor imported; when a library exports it, the
// fix adds that library to the imports.
func (a *analyzer) unbound(id *syntax.Datum) {
	if a.noBuiltinsKnown || a.unknownImport || a.unknownDecl || a.maybeDefined[id.Text] {
		return
	}
	e := catalog.Lookup(id.Text)
	if e == nil {
		// A name used everywhere and defined nowhere we can see (a harness's check-equal):
		// the first uses are reported, then one line for the rest.
		if a.undefined == nil {
			a.undefined = map[string]*missingImport{}
		}
		m := a.undefined[id.Text]
		if m == nil {
			m = &missingImport{}
			a.undefined[id.Text] = m
		}
		if m.reported >= maxNotImported {
			if m.more == 0 {
				m.file, m.span = a.cur.Name, id.Span
			}
			m.more++
			return
		}
		m.reported++
		msg := id.Text + " is not defined"
		var fixes []Fix
		if best := a.closestName(id.Text); best != "" {
			msg += "; did you mean " + best + "?"
			fixes = append(fixes, Fix{Title: "Change to " + best, Edits: []Edit{{Span: id.Span, NewText: best}}})
		}
		a.diag(CodeUnbound, Error, id.Span, msg, fixes...)
		return
	}
	lib := preferredLibrary(e)
	// A missing import of a library the file uses everywhere ((scheme base)) would give an
	// error on every line: the first few are reported, then one line for the rest.
	if a.notImported == nil {
		a.notImported = map[string]*missingImport{}
	}
	m := a.notImported[lib]
	if m == nil {
		m = &missingImport{}
		a.notImported[lib] = m
	}
	if m.reported >= maxNotImported {
		if m.more == 0 {
			m.file, m.span = a.cur.Name, id.Span
		}
		m.more++
		return
	}
	m.reported++
	msg := fmt.Sprintf("%s is not imported: it is in (%s)", id.Text, lib)
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
		msg += ", also in " + strings.Join(others, ", ")
	}
	a.diag(CodeUnbound, Error, id.Span, msg, a.importFix(lib))
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

// closestName suggests a defined or imported name close to a misspelt one.
func (a *analyzer) closestName(s string) string {
	if len(s) < 3 {
		return "" // x → * is no help
	}
	var cands []string
	for name := range a.builtins {
		if abs(len(name)-len(s)) <= 2 {
			cands = append(cands, name)
		}
	}
	for _, sc := range a.scopes {
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
