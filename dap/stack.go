package dap

import (
	"fmt"
	"strings"

	"foment-ls/interp"
	"foment-ls/interp/socket"

	"github.com/google/go-dap"
)

// frame is a stack frame handed to the client: frame i of a thread (0 = outermost; -1 = the
// program's top level, under the main thread's frames) and where it is.
type frame struct {
	t  *thread
	i  int
	at *interp.Site
}

// framesOf returns a thread's frames, innermost first. It runs on the parked thread: every
// thread holds still.
func (tg *target) framesOf(t *thread) []frame {
	th := t.th
	at := th.Site()
	tg.mu.Lock()
	if n := len(t.stops); n > 0 {
		at = t.stops[n-1].site
	}
	tg.mu.Unlock()
	fs := th.Frames()
	out := make([]frame, 0, len(fs)+1)
	for i := len(fs) - 1; i >= 0; i-- {
		out = append(out, frame{t, i, at})
		at = fs[i].From // where frame i's caller waits for it
	}
	if th == tg.in.Main() {
		out = append(out, frame{t, -1, at})
	}
	return out
}

// notStopped answers a request that needs the program to hold still.
func (s *session) notStopped(req dap.RequestMessage) {
	s.fail(req, "the program is running: pause it first")
}

// gone answers a request whose stop was left before it was answered.
func (s *session) gone(req dap.RequestMessage) func() {
	return func() { s.fail(req, "the program has gone on") }
}

func (s *session) stackTrace(r *dap.StackTraceRequest) {
	tg := s.target()
	var t *thread
	if tg != nil {
		t = tg.byNumber(r.Arguments.ThreadId)
	}
	if t == nil {
		s.fail(r, "no thread %d", r.Arguments.ThreadId)
		return
	}
	if !tg.onStopped(t.id, func() { s.stackFrames(r, tg, t) }, s.gone(r)) {
		s.notStopped(r)
	}
}

// stackFrames answers a stackTrace request on the parked thread: the frames from startFrame,
// levels of them (delayed loading), and how many there are in all.
func (s *session) stackFrames(r *dap.StackTraceRequest, tg *target, t *thread) {
	fs := tg.framesOf(t)
	total := len(fs)
	start := min(max(r.Arguments.StartFrame, 0), total)
	end := total
	if r.Arguments.Levels > 0 {
		end = min(start+r.Arguments.Levels, total)
	}
	out := make([]dap.StackFrame, 0, end-start)
	for _, f := range fs[start:end] {
		name := "top level"
		var proc interp.Value
		if f.i >= 0 {
			proc = t.th.Frames()[f.i].Proc
			name = interp.ProcName(proc)
			if name == "" {
				name = "lambda"
			}
		}
		sf := dap.StackFrame{Id: s.handles.frame(f), Name: name}
		if _, builtin := proc.Object().(*interp.Primitive); builtin {
			sf.PresentationHint = "subtle" // no variables of its own; its line is its caller's
		}
		if f.at != nil && f.at.File != "" {
			src := s.source(f.at.File)
			sf.Source = &src
			sf.Line, sf.Column = s.lineOut(int(f.at.Span.Start.Line)), s.columnOut(int(f.at.Span.Start.Col))
			sf.EndLine, sf.EndColumn = s.lineOut(int(f.at.Span.End.Line)), s.columnOut(int(f.at.Span.End.Col))
		}
		out = append(out, sf)
	}
	s.send(&dap.StackTraceResponse{Response: response(r), Body: dap.StackTraceResponseBody{
		StackFrames: out, TotalFrames: total}})
}

// scopes: the error a thread stopped on (on its top frame, only then), a frame's locals, the
// program's globals, and every open socket of the program.
func (s *session) scopes(r *dap.ScopesRequest) {
	f, ok := s.handles.frameOf(r.Arguments.FrameId)
	tg := s.target()
	if !ok || tg == nil {
		s.fail(r, "no such frame: the program has moved on")
		return
	}
	if !tg.onStopped(f.t.id, func() { s.scopesOf(r, tg, f) }, s.gone(r)) {
		s.notStopped(r)
	}
}

func (s *session) scopesOf(r *dap.ScopesRequest, tg *target, f frame) {
	var out []dap.Scope
	tg.mu.Lock()
	var st *stop
	if n := len(f.t.stops); n > 0 {
		st = f.t.stops[n-1]
	}
	tg.mu.Unlock()
	if st != nil && st.exc != nil && st.exc.hasObj && f.i == len(f.t.th.Frames())-1 {
		exc := st.exc
		out = append(out, dap.Scope{Name: "Error", PresentationHint: "locals",
			VariablesReference: s.handles.add(func(vf valueFormat) []dap.Variable { return s.raisedParts(tg, exc, vf) })})
	}
	if f.i >= 0 {
		locals := f.t.th.Locals(f.i, f.at)
		ref := s.handles.add(func(vf valueFormat) []dap.Variable {
			return s.vars(tg, f.t.th.Locals(f.i, f.at), vf)
		})
		s.handles.settable(ref, setter{f, func(name string, v interp.Value) error {
			if inner, ok := strings.CutPrefix(name, "("); ok {
				return fmt.Errorf("%s is hidden here by an inner %s: it cannot be set in this frame", name, strings.TrimSuffix(inner, ")"))
			}
			if !f.t.th.SetLocal(f.i, f.at, name, v) {
				return fmt.Errorf("%s cannot be set here (a captured variable that no code assigns is a copy)", name)
			}
			return nil
		}})
		out = append(out, dap.Scope{Name: "Locals", PresentationHint: "locals", NamedVariables: len(locals), VariablesReference: ref})
	}
	globals := tg.globals()
	ref := s.handles.add(func(vf valueFormat) []dap.Variable { return s.vars(tg, tg.globals(), vf) })
	s.handles.settable(ref, setter{f, tg.setGlobal})
	out = append(out, dap.Scope{Name: "Globals", NamedVariables: len(globals), VariablesReference: ref})
	socks := socket.Sockets(tg.in)
	out = append(out, dap.Scope{Name: "Sockets", NamedVariables: len(socks),
		VariablesReference: s.handles.add(func(valueFormat) []dap.Variable { return s.socketList(tg, socks) })})
	s.send(&dap.ScopesResponse{Response: response(r), Body: dap.ScopesResponseBody{Scopes: out}})
}

// globals returns the program's own top-level variables that have a value, by name.
func (tg *target) globals() []interp.Var {
	var out []interp.Var
	for _, name := range tg.prog.Env.Names() {
		g := tg.prog.Env.Lookup(interp.Intern(name))
		if g == nil || g.Imported || !g.Defined || g.IsSyntax() || interp.Eq(g.Value, interp.Unassigned) {
			continue
		}
		out = append(out, interp.Var{Name: name, Value: g.Value})
	}
	return out
}

func (tg *target) setGlobal(name string, v interp.Value) error {
	g := tg.prog.Env.Lookup(interp.Intern(name))
	if g == nil || g.Imported || g.IsSyntax() {
		return fmt.Errorf("%s is not a variable of the program", name)
	}
	g.Value = v
	return nil
}

// raisedParts shows what a thread stopped on: a condition's kind, message and irritants, the
// object raised, or the socket of an event.
func (s *session) raisedParts(tg *target, exc *excInfo, vf valueFormat) []dap.Variable {
	c, ok := exc.obj.Object().(*interp.Condition)
	if !ok {
		return []dap.Variable{s.variable(tg, exc.id, exc.obj, vf)}
	}
	out := []dap.Variable{
		{Name: "kind", Value: c.Kind, Type: "symbol"},
		{Name: "message", Value: c.Message, Type: "string"},
		s.variable(tg, "irritants", interp.List(c.Irritants...), vf),
	}
	if c.Site != nil {
		out = append(out, dap.Variable{Name: "raised at", Value: c.Site.String(), Type: "string"})
	}
	return out
}

// loadedSources lists the files of the program: the program, what it includes, its libraries.
func (s *session) loadedSources(r *dap.LoadedSourcesRequest) {
	out := []dap.Source{}
	if tg := s.target(); tg != nil {
		seen := map[string]bool{}
		for _, f := range tg.in.Sources() {
			if c := canonical(f); !seen[c] {
				seen[c] = true
				out = append(out, s.source(f))
			}
		}
	}
	s.send(&dap.LoadedSourcesResponse{Response: response(r), Body: dap.LoadedSourcesResponseBody{Sources: out}})
}
