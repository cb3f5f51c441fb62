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
	// sc is the scope the name was met in, where a name close to it is looked for when it is
	// reported (reportName): the search is for the names reported only.
	sc *scope
	// inUnit: met in a program's top-level form (the top-level uses of macros are known at the
	// end); elsewhere the names they may define are known already.
	inUnit bool
}

// unboundName notes a name that is neither defined nor imported; when a library exports it,
// the fix adds that library to the imports.
func (a *analyzer) unboundName(id *syntax.Datum, sc *scope) {
	if a.noBuiltinsKnown || a.unknownImport || a.unknownDecl || a.u == nil && a.maybeDefined[id.Text] || a.quiet > 0 {
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
		n.msg, n.sc = id.Text+" is not defined", sc
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
	if n.sc != nil {
		if best := a.closestName(id.Text, n.sc); best != "" {
			n.msg += "; did you mean " + best + "?"
			n.fixes = append(n.fixes[:len(n.fixes):len(n.fixes)], Fix{Title: "Change to " + best, Edits: []Edit{{File: a.cur.Name, Span: id.Span, NewText: best}}})
		}
	}
	a.diag(CodeUnbound, Error, id.Span, n.msg, n.fixes...)
}

// maxNotImported is how many names of one library that is not imported are reported one by one.
const maxNotImported = 10

type missingImport struct {
	reported, more int
	file           string
	span           syntax.Extent
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
		return Fix{Title: title, Edits: []Edit{{File: a.f.Name, Span: syntax.Extent{}, NewText: "(import (" + lib + "))\n"}}}
	}
	end := a.imports.Span.End
	if a.imports.IsClosed() {
		end = a.imports.CloseSpan().Start
	}
	at := syntax.Extent{Start: end, End: end}
	return Fix{Title: title, Edits: []Edit{{File: a.importsIn, Span: at, NewText: " (" + lib + ")"}}}
}

// closestName suggests a name visible from sc (defined or imported) close to a misspelt one:
// the nearest by edit distance, at most a quarter of its length away (one edit for short
// names), the first in alphabetical order among the nearest. Only names whose length is near
// enough are measured, each with a bounded distance; the nearest of the builtins and top-level
// names is kept for the next version, which measures only the names that changed; and an
// analysis makes at most maxSuggestions: a file full of names defined elsewhere costs no more.
func (a *analyzer) closestName(s string, sc *scope) string {
	if len(s) < 4 || a.suggested >= maxSuggestions {
		return "" // x → *, bar → car, abc → abs: for names this short, more noise than help
	}
	a.suggested++
	limit := max(1, len(s)/4)
	near := suggestion{d: limit + 1}
	global := false
	for ; sc != nil && !global; sc = sc.parent {
		if sc.program || sc == a.top {
			// (A form kept from the analysis of the version before met its program's top
			// scope: the names are this analysis's.)
			near.merge(a.globalClosest(s, limit))
			global = true
			break
		}
		sc.each(func(name string, _ *Def) { near.consider(s, name, limit) })
	}
	if !global {
		for name := range a.builtins {
			near.consider(s, name, limit)
		}
	}
	if near.best == s || near.d > limit {
		return ""
	}
	if len(s) < 6 && near.best[0] != s[0] {
		return "" // a short name whose first letter differs is another word (bars, cars)
	}
	return near.best
}

// suggestion is the nearest name found for a name not defined, and its distance.
type suggestion struct {
	best string
	d    int
}

// consider measures a name against s: whether it is nearer, or as near and first in order.
func (n *suggestion) consider(s, name string, limit int) {
	if abs(len(name)-len(s)) > min(2, limit) || abs(len(name)-len(s)) > n.d {
		return
	}
	if d := boundedDistance(s, name, n.d); d < n.d || d == n.d && name < n.best {
		n.best, n.d = name, d
	}
}

func (n *suggestion) merge(m suggestion) {
	if m.d < n.d || m.d == n.d && m.best != "" && m.best < n.best {
		*n = m
	}
}

// globalClosest returns the nearest of the builtins and the top-level names to s: the version
// before's, brought up to date with the names that changed since, or searched for.
func (a *analyzer) globalClosest(s string, limit int) suggestion {
	if n, ok := a.suggestNext[s]; ok {
		return n
	}
	n, ok := a.suggestPrev[s]
	if ok && n.best != "" && a.changedTop[n.best] && a.top.many[n.best] == nil && a.builtins[n.best] == nil {
		ok = false // the nearest is gone
	}
	if ok {
		for name := range a.changedTop {
			if a.top.many[name] != nil {
				n.consider(s, name, limit)
			}
		}
	} else {
		n = suggestion{d: limit + 1}
		for name := range a.builtins {
			n.consider(s, name, limit)
		}
		a.top.each(func(name string, _ *Def) { n.consider(s, name, limit) })
	}
	if a.suggestNext == nil {
		a.suggestNext = map[string]suggestion{}
	}
	a.suggestNext[s] = n
	return n
}

// maxSuggestions bounds the searches for a name close to one not defined in an analysis.
const maxSuggestions = 100

// boundedDistance returns the edit distance of a and b (editDistance's: a transposition of
// neighbours is one edit) when it is at most k, or k+1; it stops as soon as no alignment can
// stay within k.
func boundedDistance(a, b string, k int) int {
	if abs(len(a)-len(b)) > k {
		return k + 1
	}
	var buf [3][64]int
	pp, prev, cur := buf[0][:0], buf[1][:0], buf[2][:0]
	if len(b)+1 > 64 {
		pp, prev, cur = make([]int, 0, len(b)+1), make([]int, 0, len(b)+1), make([]int, 0, len(b)+1)
	}
	pp, prev, cur = pp[:len(b)+1], prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	lowPrev := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
			low = min(low, cur[j])
		}
		// Later rows come from this one and, by a transposition, from the one before.
		if low > k && lowPrev+1 > k {
			return k + 1
		}
		lowPrev = low
		pp, prev, cur = prev, cur, pp
	}
	return min(prev[len(b)], k+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
