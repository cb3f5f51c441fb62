package interp

import (
	"fmt"
	"strings"

	"foment-ls/catalog"
)

// Syntax literals (the names of (ip-protocol tcp), (shutdown-method write)) match as Foment
// matches them: Foment defines these forms with syntax-rules in (foment base), and a literal
// matches a use whose binding has, when the use is expanded, the value the literal's binding
// has in (foment base). A local binding never matches. tcp, inet, stream … are unbound there:
// a global of the program matches while it has no value, and a definition (define (tcp) …)
// gives it its value as Foment meets it (before the program's expressions and other
// definitions are expanded, after the bodies of the procedure definitions before it), while
// (define tcp 5) gives it its value only when it runs. read and write are (foment base)'s
// procedures: the use must mean the same procedure (imported).

// procDefinitions returns the names that the procedure definitions among a body's top-level
// forms define ((define (name …) …), in begin too), with where each is defined.
func procDefinitions(forms []Value) map[*Symbol]*Site {
	out := map[*Symbol]*Site{}
	var scan func(fs []Value)
	scan = func(fs []Value) {
		for _, f := range fs {
			p, ok := f.o.(*Pair)
			if !ok {
				continue
			}
			switch identName(p.Car) {
			case "begin":
				if sub, ok := ListToSlice(p.Cdr); ok {
					scan(sub)
				}
			case "define":
				if dp, ok := p.Cdr.o.(*Pair); ok {
					if tp, ok := dp.Car.o.(*Pair); ok && isIdent(tp.Car) {
						if s := identSym(tp.Car); out[s] == nil {
							out[s] = siteOrEmpty(f)
						}
					}
				}
			}
		}
	}
	scan(forms)
	return out
}

func siteOrEmpty(f Value) *Site {
	if p, ok := f.o.(*Pair); ok {
		if id, ok := p.Car.o.(*Ident); ok && id.File != "" {
			return &Site{File: id.File, Span: id.Span}
		}
	}
	return &Site{}
}

// literalMismatch says why the identifier x, written where kw expects the literal name, does
// not match it ("" when it does).
func (c *compiler) literalMismatch(x Value, sc *scope, kw, name string) string {
	b := c.lookup(x, sc)
	if b == nil {
		return ""
	}
	if b.kind != bGlobal {
		return fmt.Sprintf("the local binding of %s hides the literal", name)
	}
	g := b.global
	if lib := c.in.builtinEnv.Lookup(Intern(name)); lib != nil && !lib.IsSyntax() {
		if g == lib || g.Value.o != nil && Eq(g.Value, lib.Value) {
			return ""
		}
		return fmt.Sprintf("the literal means (foment base)'s %s, and %s is not imported here%s", name, name, importHint(name))
	}
	switch {
	case g.IsSyntax():
		return fmt.Sprintf("the syntax %s hides the literal", name)
	case c.procDefined(g.Name) != nil:
		return fmt.Sprintf("the procedure definition of %s%s hides the literal", name, lineOf(c.procDefined(g.Name)))
	case g.Value != Unassigned:
		return fmt.Sprintf("%s has a value here, which hides the literal", name)
	}
	return ""
}

// procDefined returns where the procedure definition of name that the form being compiled
// sees was made, or nil.
func (c *compiler) procDefined(name *Symbol) *Site {
	if s := c.procDone[name]; s != nil {
		return s
	}
	if !c.inProcDef {
		return c.procLater[name]
	}
	return nil
}

func lineOf(s *Site) string {
	if s == nil || s.File == "" {
		return ""
	}
	return fmt.Sprintf(" (line %d)", s.Span.Start.Line)
}

// importHint names a standard library that exports name: " (import (scheme read))".
func importHint(name string) string {
	if e := catalog.Lookup(name); e != nil {
		for _, l := range e.Libs {
			if strings.HasPrefix(l, "scheme ") {
				return ": import (" + l + ")"
			}
		}
	}
	return ""
}
