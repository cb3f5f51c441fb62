package analyzer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// The parts of the analysis that reach other files, or choose which code is live: libraries
// (define-library, import), includes and cond-expand.

// maxIncludes bounds the files one analysis reads through include: a file that includes
// another twice, which includes another twice …, must not take exponential time.
const maxIncludes = 2000

// library analyses (define-library name decl ...) in a scope of its own and records what it
// exports.
func (a *analyzer) library(d *syntax.Datum) {
	if len(d.Elems) < 2 || d.Elems[1].Kind != syntax.List || len(d.Elems[1].Elems) == 0 {
		a.diag(CodeSyntax, Error, d.Span, "define-library: expected (define-library (name ...) declaration ...)")
		return
	}
	name := libraryName(d.Elems[1])
	savedBuiltins, savedTop, savedImports, savedIn, savedLib, savedNone, savedUnknown := a.builtins, a.top, a.imports, a.importsIn, a.libName, a.noBuiltinsKnown, a.unknownImport
	savedImported, savedImportedDefs, savedShaky := a.imported, a.importedDefs, a.shaky
	defer func() {
		a.builtins, a.top, a.imports, a.importsIn, a.libName, a.noBuiltinsKnown, a.unknownImport = savedBuiltins, savedTop, savedImports, savedIn, savedLib, savedNone, savedUnknown
		a.imported, a.importedDefs, a.shaky = savedImported, savedImportedDefs, savedShaky
	}()
	a.builtins = make(map[string]*catalog.Entry, importedNames)
	a.imported, a.importedDefs, a.shaky = make(map[string]string, importedNames), map[string]*Def{}, make(map[string]bool, importedNames)
	a.top = &scope{many: map[string]*Def{}, span: savedTop.span}
	a.imports, a.importsIn, a.libName, a.noBuiltinsKnown, a.unknownImport = nil, "", name, false, false
	savedAka, savedDecl, savedProblem := a.aka, a.unknownDecl, a.problem
	defer func() { a.aka, a.unknownDecl, a.problem = savedAka, savedDecl, savedProblem }()
	a.aka, a.unknownDecl, a.problem = nil, false, ""
	var body, exports []*syntax.Datum
	a.declarations(d.Elems[2:], &body, &exports)
	a.body(body, a.top, true)
	info := &LibraryInfo{Name: name, Span: a.cur.Span(d.Elems[1].Span), Aka: a.aka, Incomplete: a.unknownImport || a.unknownDecl,
		Problem: a.problem}
	for _, e := range exports {
		restore := a.enter(e)
		for _, spec := range e.Elems[1:] {
			id, as := spec, spec
			if spec.Kind == syntax.List && spec.Head() == "rename" && len(spec.Elems) == 3 {
				id, as = spec.Elems[1], spec.Elems[2]
			}
			if id.Kind != syntax.Symbol || as.Kind != syntax.Symbol {
				a.diag(CodeSyntax, Error, spec.Span, "export: expected an identifier or (rename name new-name)")
				continue
			}
			r := a.ref(id, a.top)
			switch {
			case r.Def != nil:
				def := r.Def
				if as.Text != id.Text {
					alias := *def
					alias.Name = as.Text
					def = &alias
				}
				info.Exports = append(info.Exports, Export{Name: as.Text, Def: def})
			case r.Entry != nil:
				info.Exports = append(info.Exports, Export{Name: as.Text, Entry: r.Entry})
			default:
				// Not defined here as far as we can see (a library we could not read, a macro
				// that defines it): importers still know the name, and find it here.
				info.Exports = append(info.Exports, Export{Name: as.Text, Def: &Def{Name: as.Text, Kind: DefUnknown,
					File: a.cur.Name, line: lineIn(a.cur, as.Span), Span: as.Span, Form: spec.Span, Scope: a.top.span, Min: -1, Max: -1, TopLevel: true}})
			}
		}
		restore()
	}
	a.res.Libraries = append(a.res.Libraries, *info)
	a.localLibs[name] = info
	for _, other := range info.Aka {
		if a.localLibs[other] == nil {
			a.localLibs[other] = info
		}
	}
}

// declarations sorts a library's declarations: imports are resolved now, bodies and exports
// are gathered; cond-expand and include-library-declarations are followed.
func (a *analyzer) declarations(decls []*syntax.Datum, body, exports *[]*syntax.Datum) {
	for _, decl := range decls {
		restore := a.enter(decl)
		switch decl.Head() {
		case "import":
			if a.quiet > 0 {
				break // an untaken branch imports nothing
			}
			a.keywordRef(decl)
			a.importForm(decl)
		case "begin":
			for _, f := range decl.Elems[1:] {
				a.remember(f)
			}
			*body = append(*body, decl.Elems[1:]...)
		case "include", "include-ci":
			// Analysed as part of the body, where its definitions join the library's.
			a.remember(decl)
			*body = append(*body, decl)
		case "include-library-declarations":
			a.eachInclude(decl, func(inc *syntax.File) {
				for _, d := range inc.Data {
					a.fileOf[d] = inc
				}
				a.declarations(inc.Data, body, exports)
			})
		case "export":
			a.remember(decl)
			*exports = append(*exports, decl)
		case "aka":
			// Foment's: another name for the library.
			if len(decl.Elems) == 2 && decl.Elems[1].Kind == syntax.List {
				a.aka = append(a.aka, libraryName(decl.Elems[1]))
			} else {
				a.diag(CodeSyntax, Error, decl.Span, "aka: expected (aka library-name)")
			}
		case "cond-expand":
			a.condExpand(decl, func(live []*syntax.Datum) {
				a.declarations(live, body, exports)
			}, func(dead []*syntax.Datum) {
				// An untaken branch: its bodies are read for navigation only.
				var b, e []*syntax.Datum
				a.declarations(dead, &b, &e)
				a.body(b, a.lenientScope(a.top), false)
			})
			if a.liveClause(decl) == nil && a.quiet == 0 {
				// Foment stops here (reported by condExpand): what the branches would import
				// and define is unknown, so the library's names are not reported.
				a.unknownDecl = true
				a.libProblem(decl.Span, "no clause of its cond-expand applies to Foment")
			}
		default:
			if decl.Kind == syntax.List {
				a.diag(CodeSyntax, Error, decl.Span, "define-library: unknown declaration "+decl.Head())
				a.unknownDecl = true
				a.libProblem(decl.Span, "it has an unknown declaration "+decl.Head())
			}
		}
		restore()
	}
}

// remember notes the file of a form analysed later, when it is not the analysed file.
func (a *analyzer) remember(d *syntax.Datum) {
	if a.cur != a.f {
		a.fileOf[d] = a.cur
	}
}

// enter makes the file of a top-level datum of an included file current; restore goes back.
func (a *analyzer) enter(d *syntax.Datum) (restore func()) {
	f, ok := a.fileOf[d]
	if !ok || f == a.cur {
		return func() {}
	}
	saved := a.cur
	a.cur = f
	return func() { a.cur = saved }
}

// eachInclude reads the files an include form names and calls f for each, with that file
// current: what f analyses is reported at its own file and line. Cycles, unreadable files and
// too many includes are reported at the include form.
func (a *analyzer) eachInclude(d *syntax.Datum, f func(inc *syntax.File)) {
	if a.u != nil {
		a.u.full = true // the analysis reads other files: the next one is made whole
	}
	fold := d.Head() == "include-ci"
	for _, e := range d.Elems[1:] {
		if e.Kind != syntax.String {
			a.diag(CodeSyntax, Error, e.Span, d.Head()+": expected a file name (a string)")
			continue
		}
		if a.opt.Loader == nil {
			continue
		}
		path := includePath(a.cur.Name, e.Text)
		if i := indexOf(a.incStack, path); i >= 0 {
			a.includeCycle(e, path, i)
			continue
		}
		if a.includes >= maxIncludes {
			a.diag(CodeInclude, Error, e.Span, fmt.Sprintf("%s: more than %d files included: not followed", d.Head(), maxIncludes))
			continue
		}
		a.includes++
		inc, err := a.opt.Loader.Include(a.cur.Name, e.Text, fold)
		if err != nil || inc == nil {
			msg := "cannot read the file"
			if err != nil {
				msg = err.Error()
			}
			a.diag(CodeInclude, Error, e.Span, d.Head()+": "+msg)
			continue
		}
		first := a.res.Files[inc.Name] == nil
		if first {
			a.res.Files[inc.Name] = inc
			a.deps[inc.Name] = true
			a.res.Includes = append(a.res.Includes, Include{Path: inc.Name, From: a.cur.Name, Span: a.cur.Span(e.Span)})
		}
		saved := a.cur
		a.cur = inc
		a.incStack = append(a.incStack, inc.Name)
		if first {
			a.readErrors(inc.Errors)
		}
		f(inc)
		a.incStack = a.incStack[:len(a.incStack)-1]
		a.cur = saved
	}
}

// includeCycle reports an include that leads back to a file being included, with the place
// where the cycle began.
func (a *analyzer) includeCycle(e *syntax.Datum, path string, at int) {
	var names []string
	for _, p := range a.incStack[at:] {
		names = append(names, filepath.Base(p))
	}
	names = append(names, filepath.Base(path))
	msg := "include cycle: " + strings.Join(names, " includes ") + "; not followed"
	if len(names) == 2 && names[0] == names[1] {
		msg = "include cycle: " + names[0] + " includes itself; not followed"
	}
	d := a.diag(CodeInclude, Error, e.Span, msg)
	// The other end of the cycle: where the file on the stack was included.
	for _, inc := range a.res.Includes {
		if inc.Path == path {
			d.Related = append(d.Related, Location{File: inc.From, Span: inc.Span, Message: "the cycle begins here"})
			break
		}
	}
	if len(d.Related) == 0 && at+1 < len(a.incStack) {
		for _, inc := range a.res.Includes {
			if inc.Path == a.incStack[at+1] {
				d.Related = append(d.Related, Location{File: inc.From, Span: inc.Span, Message: "the cycle begins here"})
				break
			}
		}
	}
}

// ---- cond-expand ----

// condExpand calls live with the forms of the branch Foment takes and dead with each other
// branch's.
func (a *analyzer) condExpand(d *syntax.Datum, live, dead func([]*syntax.Datum)) {
	taken := a.liveClause(d)
	if taken == nil && len(d.Elems) > 0 {
		a.diag(CodeSyntax, Error, d.Elems[0].Span, `cond-expand: no clause applies to Foment and there is no else clause (Foment: "no clauses match")`)
	}
	for _, cl := range d.Elems[1:] {
		if cl.Kind != syntax.List || len(cl.Elems) == 0 {
			a.diag(CodeSyntax, Error, cl.Span, "cond-expand: expected (feature-requirement form ...)")
			continue
		}
		if cl == taken {
			live(cl.Elems[1:])
			continue
		}
		a.quiet++
		dead(cl.Elems[1:])
		a.quiet--
	}
}

// liveClause returns the clause of a cond-expand that Foment's features select, or nil.
func (a *analyzer) liveClause(d *syntax.Datum) *syntax.Datum {
	if cl, ok := a.res.live[d]; ok {
		return cl
	}
	cl := a.decideClause(d)
	if a.res.live == nil {
		a.res.live = map[*syntax.Datum]*syntax.Datum{}
	}
	a.res.live[d] = cl
	return cl
}

func (a *analyzer) decideClause(d *syntax.Datum) *syntax.Datum {
	for _, cl := range d.Elems[1:] {
		if cl.Kind != syntax.List || len(cl.Elems) == 0 {
			continue
		}
		req := cl.Elems[0]
		if req.Kind == syntax.Symbol && req.Text == "else" || a.feature(req) {
			return cl
		}
	}
	return nil
}

// feature evaluates a feature requirement.
func (a *analyzer) feature(req *syntax.Datum) bool {
	switch req.Kind {
	case syntax.Symbol:
		return catalog.HasFeature(req.Text)
	case syntax.List:
		args := req.Elems[min(1, len(req.Elems)):]
		switch req.Head() {
		case "and":
			for _, x := range args {
				if !a.feature(x) {
					return false
				}
			}
			return true
		case "or":
			for _, x := range args {
				if a.feature(x) {
					return true
				}
			}
			return false
		case "not":
			return len(args) == 1 && !a.feature(args[0])
		case "library":
			return len(args) == 1 && args[0].Kind == syntax.List && a.libraryExists(libraryName(args[0]))
		}
	}
	a.diag(CodeSyntax, Error, req.Span, "cond-expand: bad feature requirement "+req.String())
	return false
}

func (a *analyzer) libraryExists(name string) bool {
	if _, ok := catalog.Uncatalogued(name); ok || len(libraryEntries(name)) > 0 || a.localLibs[name] != nil {
		return true
	}
	if a.opt.Loader == nil {
		return false
	}
	lib, err := a.opt.Loader.Library(a.libraryRequest(name))
	return lib != nil && err == nil
}

// libraryEntries is catalog.Library, computed once per library: the catalogue does not change
// once it is read.
func libraryEntries(name string) []*catalog.Entry {
	if es, ok := libCache.Load(name); ok {
		return es.([]*catalog.Entry)
	}
	es := catalog.Library(name)
	libCache.Store(name, es)
	return es
}

var libCache sync.Map

// lenientScope is a scope for code that is read but not checked.
func (a *analyzer) lenientScope(parent *scope) *scope {
	s := a.newScope(parent, parent.span)
	s.lenient = true
	return s
}

// ---- import ----

// importForm records the libraries of (import set ...).
func (a *analyzer) importForm(d *syntax.Datum) {
	if a.imports == nil {
		a.imports, a.importsIn = d, a.cur.Name
	}
	for _, set := range d.Elems[1:] {
		names, lib, ok := a.importSet(set)
		if !ok {
			continue
		}
		a.res.Imports = append(a.res.Imports, lib)
		// A library Foment would not load is reported at its import: what it would bind
		// clashes with nothing.
		shaky := lib.Lib != nil && (lib.Lib.Incomplete || lib.Lib.Problem != "")
		if !shaky {
			a.importConflicts(set, lib.Name, names)
		}
		for name, im := range names {
			if !im.guess {
				a.imported[name] = lib.Name
				a.shaky[name] = shaky
			}
			switch {
			case im.e != nil:
				a.builtins[name] = im.e
			case im.d != nil:
				a.top.set(name, im.d)
				a.importedDefs[name] = im.d
			}
		}
	}
}

// importConflicts reports the names an import set brings that an earlier import bound to
// something else: Foment refuses the second ("import: expected an undefined identifier").
// (scheme base) and (foment base) both bring car, the same binding: that is no conflict.
func (a *analyzer) importConflicts(set *syntax.Datum, lib string, names map[string]imported) {
	var clash []string
	for name, im := range names {
		prev := a.imported[name]
		if prev == "" || im.guess || a.shaky[name] {
			continue
		}
		if pe := a.builtins[name]; pe != nil {
			if im.e != nil && builtinTarget(pe) == builtinTarget(im.e) || im.d != nil && im.d.Kind == DefUnknown {
				continue
			}
		} else if pd := a.importedDefs[name]; pd != nil {
			if pd.Kind == DefUnknown || im.d != nil && (im.d.Kind == DefUnknown || im.d.File == pd.File && im.d.Span == pd.Span) {
				continue
			}
		} else {
			continue
		}
		clash = append(clash, name)
	}
	if len(clash) == 0 {
		return
	}
	sort.Strings(clash)
	first := clash[0]
	msg := fmt.Sprintf("%s is imported from (%s) and from (%s), which bind it differently", first, a.imported[first], lib)
	if len(clash) > 1 {
		names := strings.Join(clash[:len(clash)-1], ", ") + " and " + clash[len(clash)-1]
		if len(clash) > 3 {
			names = fmt.Sprintf("%s and %d more", strings.Join(clash[:3], ", "), len(clash)-3)
		}
		msg = fmt.Sprintf("%s are imported from (%s) and from (%s), which bind them differently", names, a.imported[first], lib)
	}
	a.diag(CodeRedefineImport, Error, set.Span, msg+` (Foment: "import: expected an undefined identifier")`)
}

// builtinTarget names the builtin an entry binds: a catalogued rename binds the original.
func builtinTarget(e *catalog.Entry) string {
	if e.Alias != "" {
		return e.Alias
	}
	return e.Name
}

// imported is what an import brings under a name: a builtin or a user library's definition.
type imported struct {
	e *catalog.Entry
	d *Def
	// guess: the library may not export the name (its exports are known in part); a
	// definition of the name is not a redefinition.
	guess bool
}

func libraryName(d *syntax.Datum) string {
	parts := make([]string, 0, len(d.Elems))
	for _, e := range d.Elems {
		parts = append(parts, e.String())
	}
	return strings.Join(parts, " ")
}

func (a *analyzer) libraryRequest(name string) LibraryRequest {
	return LibraryRequest{Name: name, From: a.f.Name, Within: a.libName}
}

// importSet resolves an import set: the names it brings in, and the library it names.
func (a *analyzer) importSet(set *syntax.Datum) (map[string]imported, Import, bool) {
	if set.Kind != syntax.List || len(set.Elems) == 0 {
		a.diag(CodeSyntax, Error, set.Span, "import: bad import set")
		// Foment stops here; what the import meant to bring in is unknown.
		a.unknownImport = true
		a.libProblem(set.Span, "it has a bad import set")
		return nil, Import{}, false
	}
	switch set.Head() {
	case "only", "except", "prefix", "rename":
		if len(set.Elems) >= 2 && set.Elems[1].Kind == syntax.List {
			inner, lib, ok := a.importSet(set.Elems[1])
			if !ok {
				return nil, lib, false
			}
			return a.modifyImport(set, inner), lib, true
		}
	}
	name := libraryName(set)
	imp := Import{Name: name, File: a.cur.Name, Span: a.cur.Span(set.Span)}
	if near, ok := catalog.Uncatalogued(name); ok {
		// A library of Foment's whose names we know only in part: what we know is bound, and
		// no other name is reported unbound.
		a.unknownImport = true
		out := map[string]imported{}
		for _, e := range libraryEntries(near) {
			out[e.Name] = imported{e: e, guess: true}
		}
		return out, imp, true
	}
	if entries := libraryEntries(name); len(entries) > 0 {
		out := make(map[string]imported, len(entries))
		for _, e := range entries {
			out[e.Name] = imported{e: e}
		}
		return out, imp, true
	}
	if info := a.localLibs[name]; info != nil {
		imp.Lib = &Library{LibraryInfo: *info, File: a.f.Name}
		a.unknownImport = a.unknownImport || info.Incomplete
		a.cannotLoad(set, name, info.Problem)
		return exportsOf(info), imp, true
	}
	if a.opt.Loader != nil {
		lib, err := a.opt.Loader.Library(a.libraryRequest(name))
		if err != nil {
			a.diag(CodeUnbound, Error, set.Span, "import: "+err.Error())
			a.unknownImport = true
			a.libProblem(set.Span, "it cannot import ("+name+")")
			return nil, imp, false
		}
		if lib != nil {
			imp.Lib = lib
			a.unknownImport = a.unknownImport || lib.Incomplete
			a.cannotLoad(set, name, lib.Problem)
			for _, p := range lib.Deps {
				a.deps[p] = true
			}
			return exportsOf(&lib.LibraryInfo), imp, true
		}
	}
	a.diag(CodeUnbound, Error, set.Span, "import: library ("+name+") not found")
	a.unknownImport = true
	a.libProblem(set.Span, "("+name+") is not found")
	return nil, imp, false
}

// libProblem notes the first reason the library being analysed would not load in Foment.
func (a *analyzer) libProblem(at syntax.Extent, why string) {
	if a.libName != "" && a.problem == "" && a.quiet == 0 {
		a.problem = fmt.Sprintf("%s (%s:%d)", why, filepath.Base(a.cur.Name), a.lineOf(a.cur.Name, at.Start))
	}
}

// cannotLoad reports the import of a library that Foment would fail to load.
func (a *analyzer) cannotLoad(set *syntax.Datum, name, problem string) {
	if problem != "" {
		a.diag(CodeUnbound, Error, set.Span, "import: library ("+name+") would not load: "+problem)
		a.libProblem(set.Span, "("+name+") would not load")
	}
}

// exportsOf returns what importing a library binds. Its definitions belong to the library's
// analysis, which other analyses share (the loader caches it, the language server analyses
// files at once): this analysis binds copies, whose references are its own.
func exportsOf(info *LibraryInfo) map[string]imported {
	out := make(map[string]imported, len(info.Exports))
	for _, e := range info.Exports {
		im := imported{e: e.Entry}
		if e.Def != nil {
			d := *e.Def
			d.Refs = nil
			im.d = &d
		}
		out[e.Name] = im
	}
	return out
}

func (a *analyzer) modifyImport(set *syntax.Datum, inner map[string]imported) map[string]imported {
	out := map[string]imported{}
	args := set.Elems[2:]
	switch set.Head() {
	case "only":
		for _, id := range args {
			if e, ok := inner[id.Text]; ok {
				out[id.Text] = e
			}
		}
	case "except":
		for k, v := range inner {
			out[k] = v
		}
		for _, id := range args {
			delete(out, id.Text)
		}
	case "prefix":
		if len(args) == 1 {
			for k, v := range inner {
				out[args[0].Text+k] = v
			}
		}
	case "rename":
		for k, v := range inner {
			out[k] = v
		}
		for _, r := range args {
			if r.Kind == syntax.List && len(r.Elems) == 2 {
				if e, ok := inner[r.Elems[0].Text]; ok {
					delete(out, r.Elems[0].Text)
					out[r.Elems[1].Text] = e
				}
			}
		}
	}
	return out
}
