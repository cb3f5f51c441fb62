package dap

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"

	"foment-ls/catalog"
	"foment-ls/interp"
	"foment-ls/syntax"

	"github.com/google/go-dap"
)

// Evaluations run on the parked thread, in the program's environment with the locals of the
// frame asked for (of any thread: every thread holds still). An evaluation that waits (an
// accept typed in the console) leaves the session answering; a pause stops inside it, a
// cancel ends it, a terminate ends it with the program.

// evaluation is an evaluation request running on a thread, which a cancel can end.
type evaluation struct {
	seq int
	th  *interp.Thread
}

// evalCancel is the panic that ends a cancelled evaluation (on its thread, at its next step).
type evalCancel struct{ ev *evaluation }

var (
	errCancelled = errors.New("cancelled")
	errEnded     = errors.New("the evaluation was ended: the program was terminated")
)

// frameFor returns the frame an expression is evaluated in: the one asked for, or the top
// frame of the thread that stopped.
func (s *session) frameFor(tg *target, id int) (frame, bool) {
	if id != 0 {
		return s.handles.frameOf(id)
	}
	st := tg.current(0)
	if st == nil {
		return frame{}, false
	}
	return frame{st.t, len(st.t.th.Frames()) - 1, st.site}, true
}

// onFrame runs f on the parked thread for a frame; false when the program is running.
func (s *session) onFrame(req dap.RequestMessage, tg *target, frameID int, f func(at *thread, fr frame)) {
	if tg == nil {
		s.fail(req, "no program is running")
		return
	}
	fr, ok := s.frameFor(tg, frameID)
	if !ok {
		if frameID != 0 {
			s.fail(req, "no such frame: the program has moved on")
		} else {
			s.notStopped(req)
		}
		return
	}
	st := tg.current(fr.t.id)
	if st == nil || !tg.post(st, action{run: func() { f(st.t, fr) }, drop: s.gone(req), eval: true}) {
		s.notStopped(req)
	}
}

// evalIn evaluates src on thread t (parked, running this) in frame fr, as request seq (which a
// cancel names).
func (s *session) evalIn(tg *target, t *thread, fr frame, src string, seq int) (v interp.Value, err error) {
	var bind []interp.Var
	if fr.i >= 0 {
		bind = fr.t.th.Locals(fr.i, fr.at)
	}
	ev := &evaluation{seq: seq, th: t.th}
	s.mu.Lock()
	s.evals[seq] = ev
	s.mu.Unlock()
	t.evaluating++
	t.evals = append(t.evals, ev)
	defer func() {
		t.evaluating--
		t.evals = t.evals[:len(t.evals)-1]
		tg.settle(t)
		s.mu.Lock()
		delete(s.evals, seq)
		s.mu.Unlock()
		if r := recover(); r != nil {
			if c, ok := r.(evalCancel); ok && c.ev == ev {
				err = errCancelled
				return
			}
			panic(r)
		}
	}()
	return t.th.EvalSource("evaluate", src, tg.prog.Env, bind)
}

// cancel ends a running evaluation: its thread unwinds it at its next step (at once if it
// waits), and the program goes on.
func (s *session) cancel(r *dap.CancelRequest) {
	s.send(&dap.CancelResponse{Response: response(r)})
	if r.Arguments == nil {
		return
	}
	s.mu.Lock()
	ev := s.evals[r.Arguments.RequestId]
	tg := s.tgt
	s.mu.Unlock()
	if ev == nil || tg == nil {
		return
	}
	ev.th.Interrupt(func(th *interp.Thread) {
		t := tg.own(th)
		if n := len(t.evals); n > 0 && t.evals[n-1] == ev {
			panic(evalCancel{ev})
		}
	})
}

// evalFailed answers an evaluation that failed.
func (s *session) evalFailed(req dap.RequestMessage, err error) {
	if err == errCancelled {
		r := response(req)
		r.Success, r.Message = false, "cancelled"
		s.send(&dap.ErrorResponse{Response: r})
		return
	}
	s.fail(req, "%s", strings.TrimSpace(errorText(err)))
}

// answerOnce makes sure a request run on a thread is answered, also when a terminate unwinds
// it: call done after answering.
func (s *session) answerOnce(req dap.RequestMessage) (done func()) {
	answered := false
	return func() {
		if r := recover(); r != nil {
			if !answered {
				if code, exit := interp.ExitCode(r); exit {
					s.fail(req, "the program exited with status %d", code)
				} else {
					s.fail(req, "%s", errEnded)
				}
			}
			panic(r)
		}
		answered = true
	}
}

func (s *session) evaluate(r *dap.EvaluateRequest) {
	tg := s.target()
	a := r.Arguments
	vf := formatOf(a.Format)
	s.onFrame(r, tg, a.FrameId, func(t *thread, fr frame) {
		defer s.answerOnce(r)()
		v, err := s.evalIn(tg, t, fr, a.Expression, r.Seq)
		if err != nil {
			s.evalFailed(r, err)
			return
		}
		res := s.variable(tg, a.Expression, v, vf)
		s.send(&dap.EvaluateResponse{Response: response(r), Body: dap.EvaluateResponseBody{
			Result: res.Value, Type: res.Type, VariablesReference: res.VariablesReference,
			IndexedVariables: res.IndexedVariables, NamedVariables: res.NamedVariables}})
	})
}

// setVariable assigns a local or global variable the value of an expression, evaluated on the
// parked thread in the scope's frame.
func (s *session) setVariable(r *dap.SetVariableRequest) {
	st, ok := s.handles.setterOf(r.Arguments.VariablesReference)
	tg := s.target()
	if !ok || tg == nil {
		s.fail(r, "only the variables of the Locals and Globals scopes can be set")
		return
	}
	vf := formatOf(r.Arguments.Format)
	cur := tg.current(st.f.t.id)
	if cur == nil || !tg.post(cur, action{drop: s.gone(r), eval: true, run: func() {
		defer s.answerOnce(r)()
		v, err := s.evalIn(tg, cur.t, st.f, r.Arguments.Value, r.Seq)
		if err == nil {
			err = st.set(r.Arguments.Name, v)
		}
		if err != nil {
			s.evalFailed(r, err)
			return
		}
		res := s.variable(tg, r.Arguments.Name, v, vf)
		s.send(&dap.SetVariableResponse{Response: response(r), Body: dap.SetVariableResponseBody{
			Value: res.Value, Type: res.Type, VariablesReference: res.VariablesReference,
			IndexedVariables: res.IndexedVariables, NamedVariables: res.NamedVariables}})
	}}) {
		s.notStopped(r)
	}
}

// setters are the assignments of the places an expression can name: (vector-ref v i) is set
// with (vector-set! v i x).
var setters = map[string]string{"vector-ref": "vector-set!", "bytevector-u8-ref": "bytevector-u8-set!",
	"string-ref": "string-set!", "car": "set-car!", "cdr": "set-cdr!", "hash-table-ref": "hash-table-set!",
	"hash-table-ref/default": "hash-table-set!"}

// setExpression assigns what an expression names: a variable (local, then global), an element
// of a vector, bytevector or string, the car or cdr of a pair, a hash table's entry.
func (s *session) setExpression(r *dap.SetExpressionRequest) {
	tg := s.target()
	a := r.Arguments
	vf := formatOf(a.Format)
	s.onFrame(r, tg, a.FrameId, func(t *thread, fr frame) {
		defer s.answerOnce(r)()
		v, err := s.evalIn(tg, t, fr, a.Value, r.Seq)
		if err == nil {
			err = s.assign(tg, t, fr, strings.TrimSpace(a.Expression), v, r.Seq)
		}
		if err == nil {
			v, err = s.evalIn(tg, t, fr, a.Expression, r.Seq)
		}
		if err != nil {
			s.evalFailed(r, err)
			return
		}
		res := s.variable(tg, a.Expression, v, vf)
		s.send(&dap.SetExpressionResponse{Response: response(r), Body: dap.SetExpressionResponseBody{
			Value: res.Value, Type: res.Type, VariablesReference: res.VariablesReference,
			IndexedVariables: res.IndexedVariables, NamedVariables: res.NamedVariables}})
	})
}

// assign sets the place expr names to v.
func (s *session) assign(tg *target, t *thread, fr frame, expr string, v interp.Value, seq int) error {
	f := syntax.Parse("expression", []byte(expr))
	if len(f.Data) != 1 {
		return fmt.Errorf("%q is not one expression", expr)
	}
	d := f.Data[0]
	if d.Kind == syntax.Symbol {
		if fr.i >= 0 && fr.t.th.SetLocal(fr.i, fr.at, d.Text, v) {
			return nil
		}
		return tg.setGlobal(d.Text, v)
	}
	if d.Kind != syntax.List || len(d.Elems) < 2 || d.Elems[0].Kind != syntax.Symbol || setters[d.Elems[0].Text] == "" {
		return fmt.Errorf("%s names no place that can be set: a variable, (vector-ref v i), (car p) …", expr)
	}
	var b strings.Builder
	b.WriteString("(" + setters[d.Elems[0].Text])
	for _, e := range d.Elems[1:] {
		if d.Elems[0].Text == "hash-table-ref/default" && e == d.Elems[len(d.Elems)-1] {
			break
		}
		b.WriteString(" " + expr[e.Span.Start:e.Span.End])
	}
	b.WriteString(" (quote %value))")
	// The new value goes in as a local of the evaluation, so that it is not written out.
	bind := []interp.Var{}
	if fr.i >= 0 {
		bind = fr.t.th.Locals(fr.i, fr.at)
	}
	bind = append(bind, interp.Var{Name: "%value", Value: v})
	src := strings.Replace(b.String(), "(quote %value)", "%value", 1)
	t.evaluating++
	defer func() { t.evaluating-- }()
	_, err := t.th.EvalSource("evaluate", src, tg.prog.Env, bind)
	return err
}

// completions offers the names in scope where the cursor is: the frame's locals, the
// program's globals and imports (with their signatures from the catalogue).
func (s *session) completions(r *dap.CompletionsRequest) {
	tg := s.target()
	a := r.Arguments
	text := a.Text
	if a.Line > 1 {
		lines := strings.Split(text, "\n")
		if a.Line-1 < len(lines) {
			text = lines[a.Line-1]
		}
	}
	// The column counts UTF-16 units.
	units := utf16.Encode([]rune(text))
	col := min(max(s.columnIn(a.Column)-1, 0), len(units))
	before := string(utf16.Decode(units[:col]))
	start := len(before)
	for start > 0 && isIdentByte(before[start-1]) {
		start--
	}
	prefix := before[start:]
	// The completion replaces the prefix: it starts where the prefix does (in UTF-16 units).
	startCol := s.columnOut(len(utf16.Encode([]rune(before[:start]))) + 1)
	respond := func(locals []string) {
		items := completionItems(tg, locals, prefix, startCol, len(utf16.Encode([]rune(prefix))))
		s.send(&dap.CompletionsResponse{Response: response(r), Body: dap.CompletionsResponseBody{Targets: items}})
	}
	if tg == nil {
		respond(nil)
		return
	}
	fr, ok := s.frameFor(tg, a.FrameId)
	st := tg.current(fr.t.idOr0())
	if !ok || st == nil || !tg.post(st, action{drop: func() { respond(nil) }, run: func() {
		var names []string
		if fr.i >= 0 {
			for _, v := range fr.t.th.Locals(fr.i, fr.at) {
				names = append(names, v.Name)
			}
		}
		respond(names)
	}}) {
		respond(nil)
	}
}

func (t *thread) idOr0() int {
	if t == nil {
		return 0
	}
	return t.id
}

func isIdentByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!$%&*/:<=>?^_~+-.@", c) >= 0
}

// completionItems are the names that start with prefix: locals first, then the program's
// globals and imports.
func completionItems(tg *target, locals []string, prefix string, start, length int) []dap.CompletionItem {
	seen := map[string]bool{}
	var out []dap.CompletionItem
	add := func(name, typ, detail, sortKey string) {
		if seen[name] || !strings.HasPrefix(name, prefix) {
			return
		}
		seen[name] = true
		out = append(out, dap.CompletionItem{Label: name, Type: dap.CompletionItemType(typ), Detail: detail,
			SortText: sortKey + name, Start: start, Length: length})
	}
	for i := len(locals) - 1; i >= 0; i-- {
		add(locals[i], "variable", "local", "0")
	}
	if tg != nil {
		env := tg.prog.Env
		names := env.Names()
		sort.Strings(names)
		for _, name := range names {
			g := env.Lookup(interp.Intern(name))
			if g == nil || !g.Defined && !g.Imported {
				continue
			}
			typ, detail, key := "variable", "", "1"
			switch {
			case g.IsSyntax():
				typ = "keyword"
			case interp.IsProcedure(g.Value):
				typ = "function"
			}
			if e := catalog.Lookup(name); e != nil && g.Imported {
				detail, key = e.Sig, "2"
			}
			add(name, typ, detail, key)
		}
	}
	return out
}

// settle marks the stop an evaluation ran at as no longer busy, before its answer goes out:
// the client's next request finds the program holding still.
func (tg *target) settle(t *thread) {
	tg.mu.Lock()
	if n := len(t.stops); n > 0 {
		t.stops[n-1].busy = false
	}
	tg.mu.Unlock()
}
