package dap

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"foment-ls/interp"
	"foment-ls/interp/socket"

	"github.com/google/go-dap"
)

// handles hands out the numbers of frames and expandable values; they hold until the program
// resumes.
type handles struct {
	mu      sync.Mutex
	next    int
	vars    map[int]func() []dap.Variable
	frames  map[int]frame
	setters map[int]setter // the scopes whose variables can be assigned
}

// setter assigns a variable of a scope, evaluating the new value in frame f.
type setter struct {
	f   frame
	set func(name string, v interp.Value) error
}

func (h *handles) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next = 0
	h.vars = map[int]func() []dap.Variable{}
	h.frames = map[int]frame{}
	h.setters = map[int]setter{}
}

func (h *handles) settable(ref int, st setter) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.setters[ref] = st
}

func (h *handles) setterOf(ref int) (setter, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, ok := h.setters[ref]
	return st, ok
}

func (h *handles) add(children func() []dap.Variable) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	h.vars[h.next] = children
	return h.next
}

func (h *handles) frame(f frame) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	h.frames[h.next] = f
	return h.next
}

func (h *handles) frameOf(id int) (frame, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f, ok := h.frames[id]
	return f, ok
}

func (h *handles) children(id int) (func() []dap.Variable, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c, ok := h.vars[id]
	return c, ok
}

func (s *session) variables(r *dap.VariablesRequest) {
	children, ok := s.handles.children(r.Arguments.VariablesReference)
	if !ok {
		s.fail(r, "no such variable: the program has moved on")
		return
	}
	vs := children()
	if r.Arguments.Filter == "indexed" || r.Arguments.Count > 0 {
		start := min(r.Arguments.Start, len(vs))
		end := len(vs)
		if r.Arguments.Count > 0 {
			end = min(start+r.Arguments.Count, len(vs))
		}
		vs = vs[start:end]
	}
	if vs == nil {
		vs = []dap.Variable{}
	}
	s.send(&dap.VariablesResponse{Response: response(r), Body: dap.VariablesResponseBody{Variables: vs}})
}

func (s *session) vars(vs []interp.Var) []dap.Variable {
	out := make([]dap.Variable, 0, len(vs))
	for _, v := range vs {
		out = append(out, s.variable(v.Name, v.Value))
	}
	return out
}

// maxValue bounds the text of a value in the variables view.
const maxValue = 200

func shorten(s string) string {
	if len(s) <= maxValue {
		return s
	}
	cut := maxValue
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + " …"
}

// variable shows a value: its written form, its type, and its parts when it has any (the
// elements of a list or vector, the fields of a record, the live state of a socket, the bytes of
// a bytevector as text and hex).
func (s *session) variable(name string, v interp.Value) dap.Variable {
	out := dap.Variable{Name: name, Value: shorten(interp.WriteString(v)), Type: typeName(v)}
	switch o := v.Object().(type) {
	case *interp.Pair:
		items, proper := interp.ListToSlice(v)
		if proper {
			out.IndexedVariables = len(items)
			out.VariablesReference = s.handles.add(func() []dap.Variable { return s.indexed(items) })
		} else {
			out.VariablesReference = s.handles.add(func() []dap.Variable {
				return []dap.Variable{s.variable("car", o.Car), s.variable("cdr", o.Cdr)}
			})
		}
	case *interp.Vector:
		if len(o.Items) > 0 {
			out.IndexedVariables = len(o.Items)
			out.VariablesReference = s.handles.add(func() []dap.Variable { return s.indexed(o.Items) })
		}
	case *interp.Record:
		out.VariablesReference = s.handles.add(func() []dap.Variable {
			var fs []dap.Variable
			for i, f := range o.Type.Fields {
				if i < len(o.Fields) {
					fs = append(fs, s.variable(f.Name, o.Fields[i]))
				}
			}
			return fs
		})
	case *interp.Bytevector:
		b := o.B
		out.VariablesReference = s.handles.add(func() []dap.Variable { return s.bytesParts(b) })
	case *interp.Port:
		if sock := socket.Of(v); sock != nil {
			out.Type = "socket"
			out.VariablesReference = s.handles.add(func() []dap.Variable { return socketParts(sock.Snapshot()) })
		}
	}
	return out
}

func (s *session) indexed(items []interp.Value) []dap.Variable {
	out := make([]dap.Variable, len(items))
	for i, it := range items {
		out[i] = s.variable(fmt.Sprint(i), it)
	}
	return out
}

// maxText bounds the text and hex of a bytevector: enough for a message, not a megabyte.
const maxText = 4096

// bytesParts shows received bytes: how many, as UTF-8 text (invalid bytes as \xNN), as hex,
// and one by one (paged by the client).
func (s *session) bytesParts(b []byte) []dap.Variable {
	text, hx := b, b
	more := ""
	if len(b) > maxText/2 {
		text, hx, more = b[:maxText/2], b[:maxText/2], fmt.Sprintf(" … (%d more bytes)", len(b)-maxText/2)
	}
	out := []dap.Variable{
		{Name: "length", Value: fmt.Sprint(len(b)), Type: "integer"},
		{Name: "text", Value: fmt.Sprintf("%+q", string(text)) + more, Type: "string"},
		{Name: "hex", Value: hex.EncodeToString(hx) + more, Type: "string"},
	}
	if len(b) > 0 {
		out = append(out, dap.Variable{Name: "bytes", Value: fmt.Sprintf("%d bytes", len(b)), IndexedVariables: len(b),
			VariablesReference: s.handles.add(func() []dap.Variable {
				bs := make([]dap.Variable, len(b))
				for i, c := range b {
					bs[i] = dap.Variable{Name: fmt.Sprint(i), Value: fmt.Sprintf("%d (#x%02x)", c, c), Type: "byte"}
				}
				return bs
			})})
	}
	return out
}

// socketParts is a socket's live state.
func socketParts(sn socket.Snapshot) []dap.Variable {
	v := func(name, value, typ string) dap.Variable { return dap.Variable{Name: name, Value: value, Type: typ} }
	str := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	out := []dap.Variable{
		v("state", string(sn.State), "string"),
		v("blocked in", str(sn.Blocked), "string"),
		v("local address", str(sn.Local), "string"),
		v("peer address", str(sn.Peer), "string"),
		v("family", sn.Family, "string"),
		v("domain", sn.Domain, "string"),
		v("protocol", sn.Protocol, "string"),
		v("bytes sent", fmt.Sprint(sn.BytesSent), "integer"),
		v("bytes received", fmt.Sprint(sn.BytesRecv), "integer"),
		v("messages sent", fmt.Sprint(sn.MsgsSent), "integer"),
		v("messages received", fmt.Sprint(sn.MsgsRecv), "integer"),
		v("readable now", fmt.Sprint(sn.Readable), "integer"),
		v("last error", str(sn.LastError), "string"),
		v("open for", time.Since(sn.Opened).Round(time.Millisecond).String(), "duration"),
	}
	if sn.Created != nil {
		out = append(out, v("created at", sn.Created.String(), "string"))
	}
	return out
}

// socketList is the Sockets scope: every open socket of the program.
func (s *session) socketList(socks []*socket.Socket) []dap.Variable {
	out := make([]dap.Variable, 0, len(socks))
	for _, sock := range socks {
		sn := sock.Snapshot()
		out = append(out, dap.Variable{Name: fmt.Sprintf("socket %d", sn.ID), Value: sock.SchemeString(),
			Type: "socket", VariablesReference: s.handles.add(func() []dap.Variable { return socketParts(sn) })})
	}
	return out
}

func typeName(v interp.Value) string {
	switch {
	case v.IsFixnum():
		return "integer"
	case v.IsFlonum():
		return "real"
	case v.IsChar():
		return "char"
	case v.IsBoolean():
		return "boolean"
	case v.IsNull():
		return "null"
	}
	switch o := v.Object().(type) {
	case *interp.Pair:
		return "pair"
	case *interp.Vector:
		return "vector"
	case *interp.Bytevector:
		return "bytevector"
	case *interp.String:
		return "string"
	case *interp.Symbol:
		return "symbol"
	case *interp.Record:
		return o.Type.Name
	case *interp.Port:
		return "port"
	}
	if interp.IsProcedure(v) {
		return "procedure"
	}
	if interp.IsNumber(v) {
		return "number"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", v.Object()), "*interp.")
}

// evaluate evaluates an expression on a stopped thread, in the frame asked for (its locals
// visible), or reads a variable.
func (s *session) evaluate(r *dap.EvaluateRequest) {
	f, ok := s.handles.frameOf(r.Arguments.FrameId)
	if !ok {
		// No frame: the stopped thread's innermost one.
		s.mu.Lock()
		for th := range s.stopped {
			f, ok = frame{th, len(th.Frames()) - 1, s.stopped[th].site}, true
		}
		s.mu.Unlock()
	}
	if !ok {
		s.fail(r, "the program is running: pause it to evaluate")
		return
	}
	v, err := s.evalStopped(f, r.Arguments.Expression)
	if err != nil {
		s.fail(r, "%s", strings.TrimSpace(errorText(err)))
		return
	}
	res := s.variable(r.Arguments.Expression, v)
	s.send(&dap.EvaluateResponse{Response: response(r), Body: dap.EvaluateResponseBody{
		Result: res.Value, Type: res.Type, VariablesReference: res.VariablesReference,
		IndexedVariables: res.IndexedVariables}})
}

// evalOn evaluates src on th (which runs this call: it is stopped, or in the hook) in the
// program's environment, with the locals of frame i at a position.
func (s *session) evalOn(th *interp.Thread, t *thread, i int, at *interp.Site, src string) (interp.Value, error) {
	var locals []interp.Var
	if i >= 0 {
		locals = th.Locals(i, at)
	}
	t.evaluating = true
	defer func() { t.evaluating = false }()
	return th.EvalSource("evaluate", src, s.prog.Env, locals)
}

// setVariable assigns a local or global variable the value of an expression, evaluated on the
// stopped thread.
func (s *session) setVariable(r *dap.SetVariableRequest) {
	st, ok := s.handles.setterOf(r.Arguments.VariablesReference)
	if !ok {
		s.fail(r, "only the variables of the Locals and Globals scopes can be set")
		return
	}
	v, err := s.evalStopped(st.f, r.Arguments.Value)
	if err == nil {
		err = st.set(r.Arguments.Name, v)
	}
	if err != nil {
		s.fail(r, "%s", strings.TrimSpace(errorText(err)))
		return
	}
	res := s.variable(r.Arguments.Name, v)
	s.send(&dap.SetVariableResponse{Response: response(r), Body: dap.SetVariableResponseBody{
		Value: res.Value, Type: res.Type, VariablesReference: res.VariablesReference,
		IndexedVariables: res.IndexedVariables}})
}

// evalStopped evaluates src on f's thread, which must be stopped, in frame f.
func (s *session) evalStopped(f frame, src string) (v interp.Value, err error) {
	s.mu.Lock()
	st := s.stopped[f.th]
	s.mu.Unlock()
	if st == nil {
		return v, errors.New("that thread is not stopped")
	}
	done := make(chan struct{})
	finished := false // false when a cancel unwound the evaluation
	if !st.give(action{f: func() {
		defer close(done)
		v, err = s.evalOn(f.th, s.threadOf(f.th), f.i, f.at, src)
		finished = true
	}}) {
		return v, errors.New("the thread has gone on")
	}
	select {
	case <-done:
	case <-st.gone:
		select {
		case <-done:
		default:
			return v, errEnded
		}
	}
	if !finished {
		return v, errEnded
	}
	return v, err
}

var errEnded = errors.New("the evaluation was ended: the program was terminated")
