package interp

import (
	"errors"
	"io/fs"
	"strings"

	"foment-ls/libpath"
	"foment-ls/srcfile"
)

// library is a builtin library (from the catalogue) or one defined by define-library.
type library struct {
	name    string
	exports map[*Symbol]*Global
	builtin bool
	aka     []string // other names of the library: (aka (srfi 1)), as Foment declares them
	loaded  bool     // imported by the program or a library (loaded-libraries)
}

func (in *Interp) libraryExists(name Value) bool {
	key := libraryNameString(name)
	if in.libraries[key] != nil {
		return true
	}
	_, ok := in.findLibraryFile(name)
	return ok
}

// processImport binds the identifiers of (import set ...) in env.
func (in *Interp) processImport(c *compiler, form Value, env *Env) {
	sets := c.formArgs(form, 0, -1)
	for _, s := range sets {
		for name, g := range in.importSet(c, s) {
			if old := env.Lookup(name); c.strict && old != nil && old != g && !old.Imported &&
				(old.Defined || old.firstUse != nil || old.IsSyntax()) {
				// As in Foment: the program's uses and definitions of the name are made.
				c.errorf(form, "import: %s is defined or used before this import: it cannot be imported", name.Name)
			}
			env.bindImport(name, g)
		}
	}
}

// importSet resolves an import set to names and the globals they denote.
func (in *Interp) importSet(c *compiler, set Value) map[*Symbol]*Global {
	parts, ok := ListToSlice(set)
	if !ok || len(parts) == 0 {
		c.errorf(set, "import: bad import set %s", WriteString(stripSyntax(set)))
	}
	head := identName(parts[0])
	switch head {
	case "only", "except", "prefix", "rename":
		if len(parts) >= 2 {
			if _, isList := parts[1].o.(*Pair); isList {
				return in.modifyImport(c, head, set, parts)
			}
		}
	}
	lib := in.loadLibrary(c, set)
	out := make(map[*Symbol]*Global, len(lib.exports))
	for k, v := range lib.exports {
		out[k] = v
	}
	return out
}

func (in *Interp) modifyImport(c *compiler, head string, set Value, parts []Value) map[*Symbol]*Global {
	base := in.importSet(c, parts[1])
	switch head {
	case "only":
		out := map[*Symbol]*Global{}
		for _, id := range parts[2:] {
			s := identSym(id)
			g, ok := base[s]
			if !ok {
				c.errorf(set, "import: %s is not exported", s.Name)
			}
			out[s] = g
		}
		return out
	case "except":
		for _, id := range parts[2:] {
			s := identSym(id)
			if _, ok := base[s]; !ok {
				c.errorf(set, "import: %s is not exported", s.Name)
			}
			delete(base, s)
		}
		return base
	case "prefix":
		if len(parts) != 3 || !isIdent(parts[2]) {
			c.errorf(set, "import: bad prefix")
		}
		p := identName(parts[2])
		out := map[*Symbol]*Global{}
		for k, v := range base {
			out[Intern(p+k.Name)] = v
		}
		return out
	case "rename":
		for _, r := range parts[2:] {
			pr, ok := ListToSlice(r)
			if !ok || len(pr) != 2 || !isIdent(pr[0]) || !isIdent(pr[1]) {
				c.errorf(set, "import: bad rename %s", WriteString(stripSyntax(r)))
			}
			from := identSym(pr[0])
			g, ok := base[from]
			if !ok {
				c.errorf(set, "import: %s is not exported", from.Name)
			}
			delete(base, from)
			base[identSym(pr[1])] = g
		}
		return base
	}
	return base
}

// loadLibrary finds a library by name: builtin, already loaded, or in a file on the library
// path, found as Foment finds it (package libpath) and read through srcfile's limits.
func (in *Interp) loadLibrary(c *compiler, name Value) *library {
	key := libraryNameString(stripSyntax(name))
	if key == internalLibrary && c.internal {
		return in.helperLibrary()
	}
	if l := in.libraries[key]; l != nil {
		if l.builtin {
			in.loadSchemeSources(l.name)
		}
		l.loaded = true
		return l
	}
	if in.loading[key] {
		c.errorf(name, "import: library (%s) imports itself", key)
	}
	in.loading[key] = true
	defer delete(in.loading, key)
	for _, path := range in.libraryCandidates(stripSyntax(name)) {
		err := srcfile.Check(path, in.Limits)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			c.errorf(name, "import: library (%s): %v", key, err)
		}
		src, err := srcfile.Read(path, in.Limits)
		if err != nil {
			c.errorf(name, "import: library (%s): %v", key, err)
		}
		forms, err := in.readCode(path, src)
		if err != nil {
			if se, ok := err.(*SyntaxError); ok {
				panic(se)
			}
			c.errorf(name, "import: library (%s): %v", key, err)
		}
		in.loadLibraryFile(c, path, forms, key)
		if l := in.libraries[key]; l != nil {
			l.loaded = true
			return l
		}
		// Foment goes on to the next file when this one does not define the library.
	}
	c.errorf(name, "import: library (%s) not found", key)
	return nil
}

// loadLibraryFile compiles the libraries a file defines, in order, as Foment does: a library
// file holds only define-library forms. want is the library being imported.
func (in *Interp) loadLibraryFile(c *compiler, path string, forms []Value, want string) {
	for _, f := range forms {
		p, ok := f.o.(*Pair)
		if !ok || identName(p.Car) != "define-library" {
			c.errorf(f, "define-library: expected a library in %s", path)
		}
		lp, _ := p.Cdr.o.(*Pair)
		if lp == nil {
			c.errorf(f, "define-library: expected a library name")
		}
		key := libraryNameString(stripSyntax(lp.Car))
		if in.libraries[key] != nil || key != want && in.loading[key] {
			continue
		}
		in.registerLibrary(key, in.compileLibrary(path, f, key))
	}
}

// registerLibrary makes a compiled library importable by its name and its other names.
func (in *Interp) registerLibrary(key string, l *library) {
	in.libraries[key] = l
	for _, a := range l.aka {
		if in.libraries[a] == nil {
			in.libraries[a] = l
		}
	}
}

// defineLibrary compiles a define-library form of a program.
func (c *compiler) defineLibrary(f Value) {
	p := f.o.(*Pair)
	lp, _ := p.Cdr.o.(*Pair)
	if lp == nil {
		c.errorf(f, "define-library: expected a library name")
	}
	key := libraryNameString(stripSyntax(lp.Car))
	if c.in.libraries[key] != nil {
		c.errorf(f, "define-library: library (%s) is already defined", key)
	}
	file := c.file
	if s := c.siteOf(f); s != nil && s.File != "" {
		file = s.File
	}
	c.in.registerLibrary(key, c.in.compileLibrary(file, f, key))
}

// libraryCandidates lists the files that may hold a library, in Foment's order.
func (in *Interp) libraryCandidates(name Value) []string {
	items, ok := ListToSlice(name)
	if !ok || len(items) == 0 {
		return nil
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = strings.TrimSpace(Display(stripSyntax(it)))
	}
	return libpath.Path{Dirs: in.LibPath, Exts: in.LibExts}.Candidates(parts)
}

// findLibraryFile returns the first file on the library path that may hold a library.
func (in *Interp) findLibraryFile(name Value) (string, bool) {
	for _, p := range in.libraryCandidates(name) {
		if srcfile.Check(p, in.Limits) == nil {
			return p, true
		}
	}
	return "", false
}

// compileLibrary compiles and runs (define-library name decl ...).
func (in *Interp) compileLibrary(path string, form Value, key string) *library {
	l, _ := in.compileLibraryEnv(path, form, key, false)
	return l
}

// compileLibraryEnv compiles and runs a define-library form and returns the library and the
// environment of its body.
func (in *Interp) compileLibraryEnv(path string, form Value, key string, internal bool) (*library, *Env) {
	c := &compiler{in: in, file: path, internal: internal, strict: !internal}
	env := NewEnv(key)
	ctx := &lambdaCtx{}
	sc := &scope{vars: map[bkey]*binding{}, lam: ctx, env: env}
	args := c.formArgs(form, 1, -1)
	c.checkLibraryName(args[0])
	decls := args[1:]
	var bodyForms []Value
	for _, d := range decls {
		if p, ok := d.o.(*Pair); ok && identName(p.Car) == "begin" {
			if fs, ok := ListToSlice(p.Cdr); ok {
				bodyForms = append(bodyForms, fs...)
			}
		}
	}
	c.procLater = procDefinitions(bodyForms)
	var exports [][2]*Symbol // internal, external
	var aka []string
	var nodes []node
	var handle func(d Value)
	handle = func(d Value) {
		parts, ok := ListToSlice(d)
		if !ok || len(parts) == 0 {
			c.errorf(d, "define-library: bad declaration")
		}
		switch identName(parts[0]) {
		case "export":
			for _, e := range parts[1:] {
				if isIdent(e) {
					exports = append(exports, [2]*Symbol{identSym(e), identSym(e)})
					continue
				}
				r, ok := ListToSlice(e)
				if !ok || len(r) != 3 || identName(r[0]) != "rename" {
					c.errorf(e, "export: bad export spec")
				}
				exports = append(exports, [2]*Symbol{identSym(r[1]), identSym(r[2])})
			}
		case "aka":
			if len(parts) != 2 {
				c.errorf(d, "aka: expected (aka library-name)")
			}
			aka = append(aka, libraryNameString(stripSyntax(parts[1])))
		case "import":
			in.processImport(c, d, env)
		case "begin":
			for _, f := range parts[1:] {
				nodes = c.compileTop(f, sc, nodes)
			}
		case "include", "include-ci":
			for _, f := range c.includeForms(d) {
				nodes = c.compileTop(f, sc, nodes)
			}
		case "include-library-declarations":
			for _, f := range c.includeForms(d) {
				handle(f)
			}
		case "cond-expand":
			matched := false
			for _, cl := range parts[1:] {
				cp, ok := ListToSlice(cl)
				if !ok || len(cp) == 0 {
					c.errorf(cl, "cond-expand: bad clause")
				}
				if identName(cp[0]) == "else" || c.featureMatch(cp[0]) {
					for _, sub := range cp[1:] {
						handle(sub)
					}
					matched = true
					break
				}
			}
			if !matched {
				// As in a body: Foment refuses it (a misspelt feature is caught here).
				c.errorf(d, "cond-expand: no clauses match")
			}
		default:
			c.errorf(d, "define-library: unknown declaration %s", identName(parts[0]))
		}
	}
	for _, d := range decls {
		handle(d)
	}
	// As Foment does, refuse a body that uses a variable nobody defines, before running it.
	if err := env.undefinedUses("define-library"); err != nil {
		panic(err)
	}
	g := &genCtx{lam: ctx, freeIdx: map[*binding]int{}, rec: in.recorder(), atLoad: true}
	body := gen(&seqN{append(nodes, &constN{Unspecified})}, g)
	in.announce()
	// Run the body now, on a thread of its own so that the caller's stack is untouched.
	th := newThread(in, "")
	defer th.exit()
	if err := th.runTop(func() {
		if len(ctx.locals) > len(th.stack) {
			th.grow(len(ctx.locals))
		}
		th.sp = len(ctx.locals)
		body(th)
	}); err != nil {
		// An *Uncaught, *ExitError, *Terminate or *SyntaxError: whoever compiles the importer
		// (CompileProgram, compileGuarded, tryLoad) turns it into its own error or condition.
		panic(err)
	}
	l := &library{name: key, exports: map[*Symbol]*Global{}, aka: aka}
	for _, e := range exports {
		gl := env.Lookup(e[0])
		if gl == nil {
			c.errorf(form, "define-library: exported %s is not defined", e[0].Name)
		}
		// Importers may not assign it.
		exported := gl
		if !gl.Imported {
			exported = gl
			gl.Imported = true
		}
		l.exports[e[1]] = exported
	}
	return l, env
}

// checkLibraryName rejects a library name that is not a list of identifiers and exact integers
// (Foment accepts negative ones too).
func (c *compiler) checkLibraryName(name Value) {
	items, ok := ListToSlice(name)
	ok = ok && len(items) > 0
	for _, it := range items {
		if !isIdent(it) && !stripSyntax(it).IsFixnum() {
			ok = false
		}
	}
	if !ok {
		c.errorf(name, "define-library: a library name is a list of identifiers and exact integers, got %s", WriteString(stripSyntax(name)))
	}
}
