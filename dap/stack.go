package dap

import (
	"fmt"
	"path/filepath"

	"foment-ls/interp"
	"foment-ls/interp/socket"

	"github.com/google/go-dap"
)

// threads lists the program's threads. Before the program starts there is the main thread.
func (s *session) threads(r *dap.ThreadsRequest) {
	s.mu.Lock()
	in := s.in
	s.mu.Unlock()
	var out []dap.Thread
	if in != nil {
		for _, th := range in.Threads() {
			t := s.threadOf(th)
			name := th.Name
			if name == "" {
				name = "thread"
			}
			out = append(out, dap.Thread{Id: t.id, Name: name})
		}
	}
	if len(out) == 0 {
		out = []dap.Thread{{Id: 1, Name: "main"}}
	}
	s.send(&dap.ThreadsResponse{Response: response(r), Body: dap.ThreadsResponseBody{Threads: out}})
}

// frame is a stack frame handed to the client: a thread's frame i (0 = outermost; -1 = the
// program's top level) and where it is.
type frame struct {
	th *interp.Thread
	i  int
	at *interp.Site
}

// framesOf returns a thread's frames, innermost first. The thread must not be running: it is
// stopped, or waits for the one that is stopped (which holds the interpreter lock).
func (s *session) framesOf(th *interp.Thread) []frame {
	s.mu.Lock()
	at := th.Site()
	if st := s.stopped[th]; st != nil {
		at = st.site
	}
	s.mu.Unlock()
	fs := th.Frames()
	out := make([]frame, 0, len(fs)+1)
	for i := len(fs) - 1; i >= 0; i-- {
		out = append(out, frame{th, i, at})
		at = fs[i].From // where frame i's caller waits for it
	}
	return append(out, frame{th, -1, at})
}

// anyStopped reports whether a thread is stopped: only then may frames be read.
func (s *session) anyStopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.stopped) > 0
}

func (s *session) threadByID(id int) *interp.Thread {
	s.mu.Lock()
	in := s.in
	s.mu.Unlock()
	if in == nil {
		return nil
	}
	for _, th := range in.Threads() {
		if s.threadOf(th).id == id {
			return th
		}
	}
	return nil
}

func (s *session) stackTrace(r *dap.StackTraceRequest) {
	th := s.threadByID(r.Arguments.ThreadId)
	if th == nil || !s.anyStopped() {
		s.fail(r, "the thread is running: pause it to see its stack")
		return
	}
	fs := s.framesOf(th)
	total := len(fs)
	start := min(r.Arguments.StartFrame, total)
	end := total
	if r.Arguments.Levels > 0 {
		end = min(start+r.Arguments.Levels, total)
	}
	var out []dap.StackFrame
	for _, f := range fs[start:end] {
		name := "top level"
		if f.i >= 0 {
			name = interp.ProcName(f.th.Frames()[f.i].Proc)
			if name == "" {
				name = "lambda"
			}
		}
		sf := dap.StackFrame{Id: s.handles.frame(f), Name: name}
		if f.i >= 0 {
			if _, builtin := f.th.Frames()[f.i].Proc.Object().(*interp.Primitive); builtin {
				sf.PresentationHint = "subtle" // no variables of its own; its line is its caller's
			}
		}
		if f.at != nil && f.at.File != "" {
			sf.Source = &dap.Source{Name: filepath.Base(f.at.File), Path: f.at.File}
			sf.Line, sf.Column = f.at.Span.Start.Line, f.at.Span.Start.Col
			sf.EndLine, sf.EndColumn = f.at.Span.End.Line, f.at.Span.End.Col
		}
		out = append(out, sf)
	}
	s.send(&dap.StackTraceResponse{Response: response(r), Body: dap.StackTraceResponseBody{
		StackFrames: out, TotalFrames: total}})
}

// scopes: a frame's locals, the program's globals, and every open socket of the program.
func (s *session) scopes(r *dap.ScopesRequest) {
	f, ok := s.handles.frameOf(r.Arguments.FrameId)
	if !ok {
		s.fail(r, "no such frame: the program has moved on")
		return
	}
	var out []dap.Scope
	if t := s.threadOf(f.th); f.i == len(f.th.Frames())-1 && (t.raised.Object() != nil || t.raised.IsFixnum()) {
		raised := t.raised
		out = append(out, dap.Scope{Name: "Error", PresentationHint: "locals",
			VariablesReference: s.handles.add(func() []dap.Variable { return s.raisedParts(raised) })})
	}
	if f.i >= 0 {
		ref := s.handles.add(func() []dap.Variable { return s.vars(f.th.Locals(f.i, f.at)) })
		s.handles.settable(ref, setter{f, func(name string, v interp.Value) error {
			if !f.th.SetLocal(f.i, f.at, name, v) {
				return fmt.Errorf("%s cannot be set here (a captured variable that no code assigns is a copy)", name)
			}
			return nil
		}})
		out = append(out, dap.Scope{Name: "Locals", PresentationHint: "locals",
			NamedVariables: len(f.th.Locals(f.i, f.at)), VariablesReference: ref})
	}
	ref := s.handles.add(func() []dap.Variable { return s.vars(s.globals()) })
	s.handles.settable(ref, setter{f, func(name string, v interp.Value) error {
		g := s.prog.Env.Lookup(interp.Intern(name))
		if g == nil || g.Imported || g.IsSyntax() {
			return fmt.Errorf("%s is not a variable of the program", name)
		}
		g.Value = v
		return nil
	}})
	out = append(out, dap.Scope{Name: "Globals", NamedVariables: len(s.globals()), VariablesReference: ref})
	socks := socket.Sockets(s.in)
	out = append(out, dap.Scope{Name: "Sockets", NamedVariables: len(socks),
		VariablesReference: s.handles.add(func() []dap.Variable { return s.socketList(socks) })})
	s.send(&dap.ScopesResponse{Response: response(r), Body: dap.ScopesResponseBody{Scopes: out}})
}

// globals returns the program's own top-level variables that have a value, by name.
func (s *session) globals() []interp.Var {
	s.mu.Lock()
	prog := s.prog
	s.mu.Unlock()
	var out []interp.Var
	for _, name := range prog.Env.Names() {
		g := prog.Env.Lookup(interp.Intern(name))
		if g == nil || g.Imported || !g.Defined || g.IsSyntax() || interp.Eq(g.Value, interp.Unassigned) {
			continue
		}
		out = append(out, interp.Var{Name: name, Value: g.Value})
	}
	return out
}

// raisedParts shows the error a thread stopped on: a condition's kind, message and irritants,
// or the object raised.
func (s *session) raisedParts(v interp.Value) []dap.Variable {
	c, ok := v.Object().(*interp.Condition)
	if !ok {
		return []dap.Variable{s.variable("raised", v)}
	}
	out := []dap.Variable{
		{Name: "kind", Value: c.Kind, Type: "symbol"},
		{Name: "message", Value: c.Message, Type: "string"},
		s.variable("irritants", interp.List(c.Irritants...)),
	}
	if c.Site != nil {
		out = append(out, dap.Variable{Name: "raised at", Value: c.Site.String(), Type: "string"})
	}
	return out
}
