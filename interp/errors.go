package interp

import (
	"fmt"
	"strings"
	"sync/atomic"

	"foment-ls/syntax"
)

// Site is a place in the source: a compiled node keeps one so that errors, backtraces and the
// debugger can name it.
type Site struct {
	File string
	Span syntax.Span
	// Name is what the node calls (the procedure name at a call site) or defines.
	Name  string
	armed atomic.Bool // a debugger stops here (debug.go)
}

func (s *Site) String() string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", s.File, s.Span.Start.Line, s.Span.Start.Col)
}

// Condition is the error object that the runtime raises and `error` makes.
type Condition struct {
	// Kind is Foment's condition type: "assertion-violation" for bad arguments, "error" for
	// (error ...), "syntax-violation", "lexical-violation", "file-error", "read-error",
	// "implementation-restriction", "os-error" for failed system calls, "unknown-encoding-error"
	// (make-codec), "encoding-error" and "decoding-error" (transcoded ports in raise mode).
	Kind string
	// Type, when set, is the error-object-type given to full-error, Kind then being its
	// error-object-kind (see conditions.go).
	Type      string
	Who       string
	Message   string
	Irritants []Value
	Site      *Site   // where it was raised
	Trace     []*Site // the call sites of the active frames, innermost first
}

func (c *Condition) Error() string { return c.Report() }

// Report formats the condition as the uncaught-error line: "file:line:col: who: message irritants".
func (c *Condition) Report() string {
	var b strings.Builder
	if c.Site != nil && c.Site.File != "" {
		b.WriteString(c.Site.String())
		b.WriteString(": ")
	}
	if c.Who != "" && messageWho(c.Message) == "" {
		// (A message that names its procedure is enough: "map: expected a procedure" has
		// Foment's who, apply.)
		b.WriteString(c.Who)
		b.WriteString(": ")
	}
	b.WriteString(c.Message)
	for _, irr := range c.Irritants {
		b.WriteByte(' ')
		b.WriteString(WriteString(irr))
	}
	return b.String()
}

// schemeRaise is the panic payload that carries a raised object that no handler took to the
// top level.
type schemeRaise struct {
	obj         Value
	continuable bool
	site        *Site // where it was raised
	trace       []*Site
}

// guardExit is the panic payload that returns the value of a guard's clause from its body.
type guardExit struct {
	target *guardFrame
	value  Value
}

// exitRequest is the panic payload of (exit): it unwinds to the top level.
type exitRequest struct{ code int }

// ExitCode tells whether a recovered panic is a program's (exit) on its way to the top level,
// and its status: a hook that recovers panics (a debugger's) must let it go on.
func ExitCode(r any) (code int, ok bool) {
	if e, ok := r.(*exitRequest); ok {
		return e.code, true
	}
	return 0, false
}

// Uncaught is returned by Run when an object was raised and nothing caught it.
type Uncaught struct {
	Obj   Value
	Site  *Site
	Trace []*Site
}

func (u *Uncaught) Error() string {
	if c, ok := u.Obj.o.(*Condition); ok {
		return c.Report()
	}
	pos := ""
	if u.Site != nil && u.Site.File != "" {
		pos = u.Site.String() + ": "
	}
	return pos + "uncaught exception: " + WriteString(u.Obj)
}

// ExitError is returned by Run after (exit code).
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// newCondition makes a condition raised at the thread's current site.
func (th *Thread) newCondition(kind, who, msg string, irritants []Value) *Condition {
	c := &Condition{Kind: kind, Who: who, Message: msg, Irritants: irritants, Site: th.site}
	c.Trace = th.Backtrace()
	return c
}

// Error raises an assertion-violation "who: msg" with irritants, as Foment's argument checks do.
func (th *Thread) Error(who, msg string, irritants ...Value) Value {
	full := msg
	if who != "" {
		full = who + ": " + msg
	}
	return th.Raise(Obj(th.newCondition("assertion-violation", who, full, irritants)), false)
}

// ErrorKind raises a condition of the given kind.
func (th *Thread) ErrorKind(kind, who, msg string, irritants ...Value) Value {
	full := msg
	if who != "" {
		full = who + ": " + msg
	}
	return th.Raise(Obj(th.newCondition(kind, who, full, irritants)), false)
}

// handlerNode is one entry of the current exception handler stack: a procedure installed by
// with-exception-handler, or a guard.
type handlerNode struct {
	proc  Value
	guard *guardFrame
	next  *handlerNode
}

// guardFrame is an active guard: its dynamic state, its clauses and the code that binds its
// variable.
type guardFrame struct {
	state   savedState
	bind    func(th *Thread, v Value)
	clauses code
}

// Raise raises obj: the current handler is called in the dynamic environment of the raise minus
// that handler; a guard unwinds to itself. For a non-continuable raise, a handler that returns
// raises a secondary error. With no handler the object unwinds to the top level.
func (th *Thread) Raise(obj Value, continuable bool) Value {
	return th.raise(obj, continuable, false)
}

// raise is Raise; returned: a handler returned from this non-continuable raise, which is
// raised again to the outer handlers (Foment raises the same object, so a guard outside sees
// it); uncaught, it is reported as "handler returned from non-continuable".
func (th *Thread) raise(obj Value, continuable, returned bool) Value {
	h := th.handlers
	if h == nil && returned {
		obj = Obj(th.newCondition("error", "raise", "handler returned from non-continuable", []Value{obj}))
	}
	th.raised(obj, h != nil)
	if h == nil {
		panic(&schemeRaise{obj: obj, continuable: continuable, site: th.site, trace: th.Backtrace()})
	}
	var v Value
	if h.guard != nil {
		v = th.raiseToGuard(h, obj)
	} else {
		th.handlers = h.next
		v = th.Call(h.proc, obj)
		th.handlers = h
	}
	if continuable {
		return v
	}
	// The secondary error is raised in the handler's dynamic environment; it never returns
	// (whoever catches it restores the handlers).
	th.handlers = h.next
	return th.raise(obj, false, true)
}

// raiseToGuard is a guard's part in a raise (R7RS 4.2.7): the dynamic environment becomes the
// guard's (the after thunks of the dynamic-winds in between run) and its clauses are
// evaluated; the value of one that matches is returned from the guard's body. When none
// matches, the dynamic environment of the raise comes back (the before thunks run again) and
// the object is raised with raise-continuable to the outer handlers there: what they return
// is returned to the raise.
//
// The clauses run on top of the Go stack of the raise, with the guard's frame (fp, closure)
// current, so that going back to the raise needs no re-entrant continuation.
func (th *Thread) raiseToGuard(h *handlerNode, obj Value) Value {
	gf := h.guard
	at := th.save()
	deeper := append([]Frame(nil), th.frames[gf.state.nframes:]...)
	th.unwindTo(gf.state.winders)
	th.fp, th.clo = gf.state.fp, gf.state.clo
	th.keepFrames(gf.state.nframes)
	th.frames = th.frames[:gf.state.nframes]
	th.handlers, th.params = gf.state.handlers, gf.state.params
	gf.bind(th, obj)
	r := gf.clauses(th)
	if r.o != reraiseMarker.o {
		panic(&guardExit{target: gf, value: r})
	}
	th.frames = append(th.frames, deeper...)
	th.rewindTo(at.winders)
	th.restore(at)
	th.winders = at.winders
	th.handlers = h.next
	v := th.Raise(obj, true)
	th.handlers = h
	return v
}
