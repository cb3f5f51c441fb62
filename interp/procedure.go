package interp

import (
	"foment-ls/catalog"
	"foment-ls/syntax"
)

// code is a compiled expression: the compiler turns every form into a tree of these.
type code func(th *Thread) Value

// Lambda is the compiled, shared part of a lambda expression.
type Lambda struct {
	Name      string
	NReq      int
	Rest      bool
	exactArgc int // NReq, or -1 with a rest parameter: a call with this count binds no list
	FrameSize int // parameters plus every local of the body (let, internal define ...), then kept values
	nlocals   int // parameters and locals
	body      code
	Site      *Site
	// Locals describes the frame's slots and Free the captured variables, for the debugger.
	Locals []LocalInfo
	Free   []LocalInfo
	freeB  []*binding
	// unit is the body's code tree, for re-entries (resume.go).
	unit *codeUnit
}

// LocalInfo names a variable of a frame: a stack slot (or a captured variable's index).
type LocalInfo struct {
	Name  string
	Slot  int
	Boxed bool
	// Scope is where the binding is visible; the debugger shows only the variables whose scope
	// holds the current position.
	Scope syntax.Span
	// Outer: a lifted loop's hidden parameter, which stands for a variable of the code around
	// the loop (lift.go): any of the loop's own variables of that name shadows it.
	Outer bool
}

// Closure is a procedure made by evaluating a lambda expression.
type Closure struct {
	Lam  *Lambda
	Free []Value // captured variables; a Box where the variable is assigned
}

// CaseLambda dispatches on the number of arguments.
type CaseLambda struct {
	Name    string
	Clauses []*Closure
}

// Primitive is a procedure written in Go.
type Primitive struct {
	Name     string
	Entry    *catalog.Entry // nil for procedures made at run time (record accessors ...)
	Min, Max int            // Max < 0: any number
	Fn       func(th *Thread, args []Value) Value
	checks   []argCheck // one per declared parameter; nil entries accept anything
	restChk  argCheck
	arityWho string // the who of an arity error (who.go): "" is Name
	// The common cases of a call with one or two arguments, as its inline code does them
	// (inline.go): a call of the primitive as a value (a sort's less?, a map's car) tries them
	// before making a frame and checking the arguments. ok false: the call goes on as usual.
	fast1 func(a Value) (Value, bool)
	fast2 func(a, b Value) (Value, bool)
}

// Parameter is a parameter object (make-parameter).
type Parameter struct {
	Value     Value
	Converter Value // a procedure or False
}

// Continuation is a continuation captured by call/cc: the goroutine parked there
// (continuation.go).
type Continuation struct {
	th      *Thread
	park    *parking
	winders *winder // the dynamic-winds in force at the call/cc
}

// IsProcedure reports whether v can be applied.
func IsProcedure(v Value) bool {
	switch v.o.(type) {
	case *Closure, *Primitive, *CaseLambda, *Continuation, *Parameter:
		return true
	}
	return false
}

// ProcName returns a procedure's name for messages and backtraces.
func ProcName(v Value) string {
	switch p := v.o.(type) {
	case *Closure:
		return p.Lam.Name
	case *Primitive:
		return p.Name
	case *CaseLambda:
		return p.Name
	case *Continuation:
		return "continuation"
	case *Parameter:
		return "parameter"
	}
	return ""
}
