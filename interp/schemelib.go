package interp

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"foment-ls/catalog"
)

// Libraries written in Scheme. A package under interp/lib that writes part of its library in
// Scheme embeds the source (go:embed) and registers it with DefineScheme. The source is one
// define-library form (its name is the source's own; export declarations are not needed): it
// is compiled once per interpreter, when a program first imports one of the libraries it
// serves, and each of its top-level definitions whose name the catalogue declares becomes that
// builtin — a procedure behind the catalogue's arity and argument checks, like a Go builtin.
// A name with a Go implementation keeps it. Names of (foment base) are written in Go, so that
// importing it compiles no Scheme.

type schemeSource struct {
	file string // a name for positions and messages: "interp/lib/list/list.scm"
	src  []byte
	libs []string // the catalogue libraries whose names it defines
}

type sourceState uint8

const (
	sourceLoading sourceState = iota + 1
	sourceLoaded
)

var schemeSources []*schemeSource

// DefineScheme registers the Scheme source of names of the given libraries.
func DefineScheme(file string, src []byte, libs ...string) {
	s := &schemeSource{file: file, src: src}
	for _, l := range libs {
		s.libs = append(s.libs, catalog.Canonical(l))
	}
	schemeSources = append(schemeSources, s)
}

// loadSchemeSources compiles the sources that serve a builtin library, if not done yet.
func (in *Interp) loadSchemeSources(lib string) {
	for _, s := range schemeSources {
		if in.sources[s] == 0 && slices.Contains(s.libs, lib) {
			in.loadSchemeSource(s)
		}
	}
}

func (in *Interp) loadSchemeSource(s *schemeSource) {
	in.sources[s] = sourceLoading
	forms, err := in.readCode(s.file, s.src)
	if err != nil {
		panic(err)
	}
	if len(forms) != 1 || !isDefineLibrary(forms[0]) {
		panic(&SyntaxError{Site: &Site{File: s.file}, Msg: s.file + ": expected one define-library form"})
	}
	key := libraryNameString(stripSyntax(forms[0].o.(*Pair).Cdr.o.(*Pair).Car))
	_, env := in.compileLibraryEnv(s.file, forms[0], key, true)
	env.mu.Lock()
	defined := make(map[*Symbol]*Global, len(env.vars))
	for sym, g := range env.vars {
		if g.Defined && !g.Imported {
			defined[sym] = g
		}
	}
	env.mu.Unlock()
	for sym, g := range defined {
		e := catalog.Lookup(sym.Name)
		if e == nil || e.Alias != "" {
			continue // a helper of the source's own
		}
		bg := in.builtinEnv.Lookup(sym)
		if bg == nil || (e.Kind == catalog.Procedure && registry[e.Name] != nil) {
			continue
		}
		switch e.Kind {
		case catalog.Procedure:
			bg.Value = checkedProcedure(e, g.Value)
		case catalog.Syntax:
			bg.macro, bg.special, bg.Value = g.macro, g.special, g.Value
		default:
			bg.Value = g.Value
		}
	}
	in.sources[s] = sourceLoaded
}

// Helpers: Go procedures that only the Scheme sources of libraries use, from the library
// (foment-ls internal), which programs cannot import and the catalogue does not list.
const internalLibrary = "foment-ls internal"

var helpers = map[string]*Primitive{}

// DefineHelper registers a helper for Scheme sources (see DefineScheme).
func DefineHelper(name string, min, max int, fn func(th *Thread, args []Value) Value) {
	if _, dup := helpers[name]; dup {
		panic("interp: helper " + name + " defined twice")
	}
	helpers[name] = &Primitive{Name: name, Min: min, Max: max, Fn: fn}
}

type helperKey struct{}

// helperLibrary is kept apart from in.libraries, where programs look libraries up.
func (in *Interp) helperLibrary() *library {
	return in.State(helperKey{}, func() any {
		env := NewEnv(internalLibrary)
		l := &library{name: internalLibrary, exports: map[*Symbol]*Global{}, builtin: true}
		for name, p := range helpers {
			g := env.intern(Intern(name))
			g.Value, g.Imported, g.Defined = Obj(p), true, true
			l.exports[g.Name] = g
		}
		return l
	}).(*library)
}

func isDefineLibrary(v Value) bool {
	p, ok := v.o.(*Pair)
	if !ok || identName(p.Car) != "define-library" {
		return false
	}
	_, ok = p.Cdr.o.(*Pair)
	return ok
}

// checkedProcedure puts a Scheme procedure behind the catalogue's checks of its entry: the
// checks run, then the procedure is tail-called with the same arguments.
func checkedProcedure(e *catalog.Entry, proc Value) Value {
	if !IsProcedure(proc) {
		return proc
	}
	return Obj(newPrimitive(e, func(th *Thread, a []Value) Value {
		n := len(a)
		if n > 0 && (th.sp < n || &a[0] != &th.stack[th.sp-n]) {
			for _, x := range a {
				th.push(x)
			}
		}
		return th.tailCall(proc, n)
	}))
}

// MissingImplementations lists catalogued procedures and syntax with no implementation in Go
// or in Scheme, and libraries whose import leaves one of their exports without a value (a
// Scheme source that does not declare the library). A test keeps it empty.
func MissingImplementations() []string {
	var out []string
	quiet := Options{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	in := New(quiet)
	for _, s := range schemeSources {
		if err := in.tryLoad(func() {
			if in.sources[s] == 0 {
				in.loadSchemeSource(s)
			}
		}); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", s.file, err))
		}
	}
	for _, e := range catalog.All() {
		g := in.builtinEnv.Lookup(Intern(e.Name))
		switch {
		case g == nil:
			out = append(out, e.Name)
		case e.Kind == catalog.Procedure && !IsProcedure(g.Value):
			out = append(out, e.Name)
		case e.Kind == catalog.Syntax && !g.IsSyntax():
			out = append(out, e.Name)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, lib := range catalog.Libraries() {
		in := New(quiet)
		l := in.libraries[lib]
		if l == nil {
			out = append(out, "("+lib+") is not a library")
			continue
		}
		if err := in.tryLoad(func() { in.loadSchemeSources(l.name) }); err != nil {
			out = append(out, fmt.Sprintf("(%s): %v", lib, err))
			continue
		}
		for _, e := range catalog.Library(lib) {
			g := l.exports[Intern(e.Name)]
			switch {
			case g == nil:
				out = append(out, fmt.Sprintf("(%s) %s: not exported", lib, e.Name))
			case e.Kind == catalog.Syntax && !g.IsSyntax():
				out = append(out, fmt.Sprintf("(%s) %s: not syntax after import", lib, e.Name))
			case e.Kind != catalog.Syntax && g.Value.o == Unassigned.o:
				out = append(out, fmt.Sprintf("(%s) %s: no value after import", lib, e.Name))
			}
		}
	}
	slices.Sort(out)
	return out
}

// tryLoad runs f, turning a compile or run error into an error value.
func (in *Interp) tryLoad(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			switch x := r.(type) {
			case error:
				err = x
			default:
				panic(r)
			}
		}
	}()
	f()
	return nil
}
