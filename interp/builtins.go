package interp

import (
	"fmt"

	"foment-ls/catalog"
)

// The Go implementations of the catalogued procedures, by name. Every implementation is
// registered with define from an init function; the catalogue gives its arity and argument kinds.
var registry = map[string]*Primitive{}

type argCheck struct {
	ok       func(Value) bool
	fast     fastKind // values checkPrimitive accepts without calling ok (a part of ok's)
	expected string
	who      string // the who of its error (who.go): "" is the primitive's name
}

// define registers the implementation of a catalogued procedure. Its arity and argument kinds are
// checked before fn runs, so fn may assume them.
func define(name string, fn func(th *Thread, args []Value) Value) {
	e := catalog.Lookup(name)
	if e == nil {
		panic("interp: " + name + " is not in the catalogue")
	}
	if e.Kind != catalog.Procedure {
		panic("interp: " + name + " is not a procedure in the catalogue")
	}
	if _, dup := registry[name]; dup {
		panic("interp: " + name + " defined twice")
	}
	p := newPrimitive(e, fn)
	p.fast1, p.fast2 = fastOnes[name], fastTwos[name]
	registry[name] = p
}

// newPrimitive makes a primitive that checks the arity and argument kinds of the entry.
func newPrimitive(e *catalog.Entry, fn func(th *Thread, args []Value) Value) *Primitive {
	p := &Primitive{Name: e.Name, Entry: e, Min: e.Min, Max: e.Max, Fn: fn, arityWho: arityWho[e.Name]}
	for _, prm := range e.Params {
		c := checkFor(prm.Kind)
		if prm.Rest {
			c.who = whoOfArg(e.Name, len(p.checks))
			p.restChk = c
		} else {
			c.who = whoOfArg(e.Name, len(p.checks))
			p.checks = append(p.checks, c)
		}
	}
	return p
}

// alias registers name as the same implementation as existing (catalogued separately).
func alias(name, existing string) {
	p := registry[existing]
	if p == nil {
		panic("interp: alias of undefined " + existing)
	}
	define(name, p.Fn)
}

// Builtin returns the primitive registered under name, or nil.
func Builtin(name string) *Primitive { return registry[name] }

// checkPrimitive checks a primitive call's arity and argument kinds.
func (th *Thread) checkPrimitive(p *Primitive, base, argc int) {
	if argc < p.Min || (p.Max >= 0 && argc > p.Max) {
		th.sp = base + argc
		th.argError(p.arityWho, p, "expected "+catalog.ArityText(p.Min, p.Max))
	}
	args := th.stack[base : base+argc]
	for i, a := range args {
		c := &p.restChk
		if i < len(p.checks) {
			c = &p.checks[i]
		}
		if c.fast.accepts(a) {
			continue
		}
		if c.ok != nil && !c.ok(a) {
			if a.o == Default.o {
				continue // an optional argument left out by a Scheme wrapper
			}
			if mv, ok := a.o.(*MultipleValues); ok {
				th.multipleValuesError(p, c.expected, mv)
			}
			th.argError(c.who, p, "expected "+c.expected, a)
		}
	}
}

func catalogArity(min, max int) string { return catalog.ArityText(min, max) }

// kindChecks maps the catalogue's argument kinds to run-time predicates.
var kindChecks = map[string]func(Value) bool{}

func checkFor(k *catalog.ArgKind) argCheck {
	if k == nil || k.Expected == "" {
		return argCheck{}
	}
	if k.Consts != "" {
		return argCheck{ok: constCheck(k), expected: k.Expected}
	}
	ok := kindChecks[k.Name]
	if ok == nil {
		panic(fmt.Sprintf("interp: no run-time check for argument kind %q", k.Name))
	}
	return argCheck{ok: ok, fast: fastKinds[k.Name], expected: k.Expected}
}

// constCheck accepts the values of the kind's constants (or, for flags, any or of them).
func constCheck(k *catalog.ArgKind) func(Value) bool {
	var valid []int64
	var mask int64
	for _, e := range catalog.ConstantsOf(k.Consts) {
		if len(k.Only) > 0 && !contains(k.Only, e.Name) {
			continue
		}
		valid = append(valid, e.Value)
		mask |= e.Value
	}
	if k.Flags {
		return func(v Value) bool { return v.IsFixnum() && v.n&^mask == 0 }
	}
	return func(v Value) bool {
		if !v.IsFixnum() {
			return false
		}
		for _, x := range valid {
			if v.n == x {
				return true
			}
		}
		return false
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
