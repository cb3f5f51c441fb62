package interp

import "foment-ls/catalog"

// The API for packages that add builtins (interp/socket): the same catalogue-checked
// procedures and syntax as the interpreter's own.

// Define registers the Go implementation of a catalogued procedure (see define).
func Define(name string, fn func(th *Thread, args []Value) Value) { define(name, fn) }

// DefineKind registers the run-time check of a catalogue argument kind.
func DefineKind(name string, ok func(Value) bool) { kindChecks[name] = ok }

// SyntaxForm expands a syntax form written in Go. args are the form's parts after the keyword,
// as plain data (identifiers are symbols); an error makes the program fail to compile, with the
// form's position.
type SyntaxForm func(args []Value) (Value, error)

// DefineSyntax registers a catalogued syntax form written in Go.
func DefineSyntax(name string, f SyntaxForm) {
	if e := catalog.Lookup(name); e == nil || e.Kind != catalog.Syntax {
		panic("interp: " + name + " is not syntax in the catalogue")
	}
	syntaxExt[name] = func(c *compiler, x Value, sc *scope) Value {
		args := c.formArgs(x, 0, -1)
		plain := make([]Value, len(args))
		for i, a := range args {
			plain[i] = stripSyntax(a)
		}
		out, err := f(plain)
		if err != nil {
			c.errorf(x, "%s", err.Error())
		}
		return out
	}
}

// DefineLiteralSyntax registers a catalogued syntax form written in Go whose arguments are
// literals, as in Foment's syntax-rules definition of the form: a literal bound differently at
// the use ((let ((tcp 1)) (ip-protocol tcp)), literals.go) does not match, and the program
// fails to compile with Foment's error.
func DefineLiteralSyntax(name string, literals []string, f SyntaxForm) {
	DefineSyntax(name, f)
	plain := syntaxExt[name]
	syntaxExt[name] = func(c *compiler, x Value, sc *scope) Value {
		for _, a := range c.formArgs(x, 0, -1) {
			if n := identName(a); n != "" && contains(literals, n) {
				if why := c.literalMismatch(a, sc, name, n); why != "" {
					c.errorf(x, "syntax-rules: unable to match pattern (%s %s): %s", name, n, why)
				}
			}
		}
		return plain(c, x, sc)
	}
}

// QuoteForm returns a form that evaluates to v.
func QuoteForm(v Value) Value {
	return List(Obj(quoteIdent), v)
}

// CallForm returns a form that calls the primitive with the given argument forms.
func CallForm(p *Primitive, args ...Value) Value {
	return Cons(Obj(p), List(args...))
}

// quoteIdent means quote wherever it is used (a builtin's identifier outside any program).
var quoteIdent = &Ident{Sym: Intern("quote"), mark: -2, env: nil, orig: Sym("quote")}

// letIdent means let wherever it is used (the debugger binds a frame's locals with it).
var letIdent = &Ident{Sym: Intern("let"), mark: -2, env: nil, orig: Sym("let")}

// TailCall calls proc with args as the last act of a primitive: the primitive returns its
// result, and the call runs in the primitive's place (a tail call, like Scheme's).
func (th *Thread) TailCall(proc Value, args ...Value) Value {
	for _, a := range args {
		th.push(a)
	}
	return th.tailCall(proc, len(args))
}

// DefineVariable registers how each interpreter makes the value of a catalogued variable (a
// parameter object, a constant object).
func DefineVariable(name string, value func(in *Interp) Value) {
	if e := catalog.Lookup(name); e == nil || e.Kind != catalog.Variable {
		panic("interp: " + name + " is not a variable in the catalogue")
	}
	variables[name] = value
}

// State returns the state a package keeps for this interpreter under key (a value of a type of
// its own), made by mk at the first call.
func (in *Interp) State(key any, mk func() any) any {
	in.stateMu.Lock()
	defer in.stateMu.Unlock()
	if in.state == nil {
		in.state = map[any]any{}
	}
	v, ok := in.state[key]
	if !ok {
		v = mk()
		in.state[key] = v
	}
	return v
}

// ParameterValue returns the value of a parameter object in this thread's dynamic environment.
func (th *Thread) ParameterValue(p *Parameter) Value { return th.paramValue(p) }

// FoldRune and FoldString fold case as char-foldcase and string-foldcase do.
func FoldRune(r rune) rune       { return foldRune(r) }
func FoldString(s string) string { return foldString(s) }

// Expansion is one use of a syntax form written in Go by another package (DefineTransformer).
// Unlike DefineSyntax, the form's parts keep their identifiers, so what the transformer builds
// from them is hygienic.
type Expansion struct {
	c    *compiler
	form Value
	// Args are the form's parts after the keyword.
	Args []Value
}

// Core returns an identifier that means the builtin name (lambda, if, quote …) whatever the
// program has bound to that name.
func (e *Expansion) Core(name string) Value { return e.c.core(name) }

// List makes a list that errors and the debugger place at the form.
func (e *Expansion) List(items ...Value) Value { return e.c.mk(e.form, items...) }

// Errorf stops the compilation with a syntax error at the form.
func (e *Expansion) Errorf(format string, args ...any) { e.c.errorf(e.form, format, args...) }

// Transformer expands a syntax form written in Go: it returns the form to compile instead.
type Transformer func(e *Expansion) Value

// DefineTransformer registers a catalogued syntax form written in Go; it takes between min and
// max parts after its keyword (max < 0: any number).
func DefineTransformer(name string, min, max int, t Transformer) {
	if e := catalog.Lookup(name); e == nil || e.Kind != catalog.Syntax {
		panic("interp: " + name + " is not syntax in the catalogue")
	}
	syntaxExt[name] = func(c *compiler, x Value, sc *scope) Value {
		return t(&Expansion{c: c, form: x, Args: c.formArgs(x, min, max)})
	}
}

// BlockOn waits, without the interpreter lock, until wait returns true. wait gets a channel
// that receives when an interrupt (a debugger pause, a cancel) is requested: it returns false
// then; the interrupt is serviced and wait is called again.
func (th *Thread) BlockOn(wait func(wake <-chan struct{}) bool) { th.blockOn(wait) }

// ReleaseUnused forgets the values in the thread's stack above its top, so that a garbage
// collection (collect) frees what the program no longer holds.
func (th *Thread) ReleaseUnused() {
	clear(th.stack[th.sp:])
	th.tailFn = Value{}
}
