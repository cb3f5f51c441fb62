package interp

import (
	"sort"
	"sync"
)

// Global is a top-level binding: a variable cell, or syntax. Code refers to the cell directly,
// so a global variable access never looks a name up at run time.
type Global struct {
	Name    *Symbol
	Value   Value // Unassigned until a definition runs
	special specialFn
	macro   *Macro
	// Imported bindings are immutable (R7RS 5.6.1).
	Imported bool
	// Defined is set when a definition for it was compiled.
	Defined bool
	Site    *Site // the definition
	// firstUse is the first reference compiled, for "used but never defined".
	firstUse *Site
	bind     *binding
}

// IsSyntax reports whether the binding is a special form or a macro.
func (g *Global) IsSyntax() bool { return g.special != nil || g.macro != nil }

// unbound: nothing defines or imports it (yet): a name only referred to.
func (g *Global) unbound() bool { return !g.Defined && !g.Imported && !g.IsSyntax() }

// Env is a top-level environment: a program's, a library's, or one made by `environment`.
type Env struct {
	Name string
	mu   sync.Mutex
	vars map[*Symbol]*Global
	// exports of a library: external name -> global.
	exports map[*Symbol]*Global
	// immutable: made by environment, where eval may not define (R7RS 6.12, Foment).
	immutable bool
}

func NewEnv(name string) *Env {
	return &Env{Name: name, vars: map[*Symbol]*Global{}}
}

// Lookup returns the global of that name, or nil.
func (e *Env) Lookup(s *Symbol) *Global {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.vars[s]
}

// intern returns the global of that name, making an undefined one if needed.
func (e *Env) intern(s *Symbol) *Global {
	e.mu.Lock()
	defer e.mu.Unlock()
	g := e.vars[s]
	if g == nil {
		g = &Global{Name: s, Value: Unassigned}
		e.vars[s] = g
	}
	return g
}

// bindImport makes name refer to the library's global g.
func (e *Env) bindImport(name *Symbol, g *Global) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if old := e.vars[name]; old != nil && old != g && !old.Imported && old.Defined {
		return // a program's own definition wins over a later import
	}
	e.vars[name] = g
}

// Names returns the names bound in e, sorted.
func (e *Env) Names() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.vars))
	for s := range e.vars {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}
