package interp

import (
	"os"
	"path/filepath"
	"strings"
)

// library is a builtin library (from the catalogue) or one defined by define-library.
type library struct {
	name    string
	exports map[*Symbol]*Global
	builtin bool
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

// loadLibrary finds a library by name: builtin, already loaded, or a .sld file to compile.
func (in *Interp) loadLibrary(c *compiler, name Value) *library {
	key := libraryNameString(stripSyntax(name))
	if l := in.libraries[key]; l != nil {
		if l.builtin {
			in.loadSchemeSources(l.name)
		}
		return l
	}
	path, ok := in.findLibraryFile(stripSyntax(name))
	if !ok {
		c.errorf(name, "import: library (%s) not found", key)
	}
	if in.loading[key] {
		c.errorf(name, "import: library (%s) imports itself", key)
	}
	in.loading[key] = true
	defer delete(in.loading, key)
	src, err := os.ReadFile(path)
	if err != nil {
		c.errorf(name, "import: %v", err)
	}
	forms, err := in.readCode(path, src)
	if err != nil {
		panic(err)
	}
	for _, f := range forms {
		p, ok := f.o.(*Pair)
		if !ok || identName(p.Car) != "define-library" {
			continue
		}
		lp, _ := p.Cdr.o.(*Pair)
		if lp == nil || libraryNameString(stripSyntax(lp.Car)) != key {
			continue
		}
		l := in.compileLibrary(path, f, key)
		in.libraries[key] = l
		return l
	}
	c.errorf(name, "import: %s does not define library (%s)", path, key)
	return nil
}

// findLibraryFile maps (a b c) to a/b/c.sld on the library path.
func (in *Interp) findLibraryFile(name Value) (string, bool) {
	items, ok := ListToSlice(name)
	if !ok || len(items) == 0 {
		return "", false
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = strings.TrimSpace(Display(it))
	}
	rel := filepath.Join(parts...)
	for _, dir := range in.LibPath {
		for _, ext := range []string{".sld", ".scm"} {
			p := filepath.Join(dir, rel+ext)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
	}
	return "", false
}

// compileLibrary compiles and runs (define-library name decl ...).
func (in *Interp) compileLibrary(path string, form Value, key string) *library {
	l, _ := in.compileLibraryEnv(path, form, key)
	return l
}

// compileLibraryEnv compiles and runs a define-library form and returns the library and the
// environment of its body.
func (in *Interp) compileLibraryEnv(path string, form Value, key string) (*library, *Env) {
	c := &compiler{in: in, file: path}
	env := NewEnv(key)
	ctx := &lambdaCtx{}
	sc := &scope{vars: map[bkey]*binding{}, lam: ctx, env: env}
	decls := c.formArgs(form, 1, -1)[1:]
	var exports [][2]*Symbol // internal, external
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
			for _, cl := range parts[1:] {
				cp, ok := ListToSlice(cl)
				if !ok || len(cp) == 0 {
					c.errorf(cl, "cond-expand: bad clause")
				}
				if identName(cp[0]) == "else" || c.featureMatch(cp[0]) {
					for _, sub := range cp[1:] {
						handle(sub)
					}
					break
				}
			}
		default:
			c.errorf(d, "define-library: unknown declaration %s", identName(parts[0]))
		}
	}
	for _, d := range decls {
		handle(d)
	}
	g := &genCtx{lam: ctx, freeIdx: map[*binding]int{}}
	body := gen(&seqN{append(nodes, &constN{Unspecified})}, g)
	// Run the body now, on a thread of its own so that the caller's stack is untouched.
	th := newThread(in)
	defer th.exit()
	if err := th.runTop(func() {
		th.sp = len(ctx.locals)
		if th.sp > len(th.stack) {
			th.grow(th.sp)
		}
		body(th)
	}); err != nil {
		panic(err)
	}
	l := &library{name: key, exports: map[*Symbol]*Global{}}
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
