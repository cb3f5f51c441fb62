package interp

// Continuation marks (SRFI 157) and prompts.
//
// A frame's marks live in its Frame (thread.go), so they come and go with the frame: a tail
// call keeps them, a return or an escape drops them. with-continuation-mark in tail position
// sets a mark of the current frame (replacing the key's earlier value); elsewhere it is the body
// of a thunk called at once, which gives the marks a frame of their own. A prompt is a mark
// that no program can name, on the frame of call-with-continuation-prompt.

// markList holds a frame's marks, newest first. It is never changed in place: mark sets that
// current-continuation-marks returned share it.
type markList struct {
	key, val Value
	next     *markList
}

func (l *markList) lookup(key Value) (Value, bool) {
	for ; l != nil; l = l.next {
		if Eq(l.key, key) {
			return l.val, true
		}
	}
	return Value{}, false
}

// with returns l with key set to val.
func (l *markList) with(key, val Value) *markList {
	if _, ok := l.lookup(key); !ok {
		return &markList{key, val, l}
	}
	var items []*markList
	for ; l != nil; l = l.next {
		if !Eq(l.key, key) {
			items = append(items, l)
		}
	}
	out := &markList{key, val, nil}
	tail := out
	for _, it := range items {
		tail.next = &markList{it.key, it.val, nil}
		tail = tail.next
	}
	return out
}

// MarkSet is a snapshot of the marks of a continuation: each frame's marks, innermost first.
type MarkSet struct{ frames []*markList }

func (*MarkSet) SchemeString() string { return "#<continuation-mark-set>" }

// currentMarks returns the marks of the thread's continuation.
func (th *Thread) currentMarks() *MarkSet {
	ms := &MarkSet{}
	for i := len(th.frames) - 1; i >= 0; i-- {
		if m := th.frames[i].Marks; m != nil {
			ms.frames = append(ms.frames, m)
		}
	}
	return ms
}

// setMark is called by with-continuation-mark in tail position: it marks the frame of the
// procedure that called it.
var setMark = &Primitive{Name: "with-continuation-mark", Min: 2, Max: 2, Fn: func(th *Thread, a []Value) Value {
	if n := len(th.frames); n >= 2 {
		f := &th.frames[n-2]
		f.Marks = f.Marks.with(a[0], a[1])
	}
	return Unspecified
}}

func compileWithMark(c *compiler, x Value, sc *scope, tail bool) node {
	a := c.formArgs(x, 3, 3)
	site := c.siteOf(x)
	site = &Site{File: site.File, Span: site.Span, Name: "with-continuation-mark"}
	if !tail {
		// The body of a thunk called at once: the marks get a frame of their own.
		ln := c.compileLambda("with-continuation-mark", Null, []Value{x}, sc, x, "with-continuation-mark")
		return &callN{fn: ln, site: site}
	}
	set := &callN{fn: &constN{Obj(setMark)}, args: []node{c.compile(a[0], sc, false), c.compile(a[1], sc, false)}, site: site}
	return &seqN{[]node{set, c.compile(a[2], sc, true)}}
}

// markSetArg returns the mark set of an argument: #f means the current marks.
func (th *Thread) markSetArg(who string, v Value) *MarkSet {
	if v.IsFalse() {
		return th.currentMarks()
	}
	ms, ok := v.o.(*MarkSet)
	if !ok {
		th.Error(who, "expected a continuation mark set", v)
	}
	return ms
}

// prompt is the mark of call-with-continuation-prompt's frame.
type prompt struct{ tag, handler Value }

// promptKey is the key of prompt marks: no program can name it.
var promptKey = Value{o: &special{"#<prompt>"}}

// promptAbort is the panic payload of abort-current-continuation.
type promptAbort struct {
	p    *prompt
	vals []Value
}

// defaultPromptTag is the tag of the prompt around every thread's code.
var defaultPromptTag = Cons(False, False)

var defaultPromptHandler *Primitive

// findPrompt returns the innermost prompt with that tag, or nil.
func (th *Thread) findPrompt(tag Value) *prompt {
	for i := len(th.frames) - 1; i >= 0; i-- {
		if v, ok := th.frames[i].Marks.lookup(promptKey); ok {
			if p := v.o.(*prompt); Eq(p.tag, tag) {
				return p
			}
		}
	}
	return nil
}

// withPrompt calls proc with args under a prompt; an abort to it calls handler with the abort's
// values (in tail position) once the dynamic-wind afters in between have run.
func (th *Thread) withPrompt(tag, handler, proc Value, args []Value) Value {
	idx := len(th.frames) - 1
	saved := th.frames[idx].Marks
	p := &prompt{tag: tag, handler: handler}
	th.frames[idx].Marks = saved.with(promptKey, Obj(p))
	state := th.save()
	v, ab := th.runPrompt(p, proc, args)
	if ab == nil {
		th.frames[idx].Marks = saved
		return v
	}
	th.restore(state)
	th.unwindTo(state.winders)
	th.frames[idx].Marks = saved
	for _, x := range ab.vals {
		th.push(x)
	}
	return th.tailCall(handler, len(ab.vals))
}

func (th *Thread) runPrompt(p *prompt, proc Value, args []Value) (v Value, ab *promptAbort) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(*promptAbort); ok && a.p == p {
				ab = a
				return
			}
			panic(r)
		}
	}()
	return th.Call(proc, args...), nil
}

func init() {
	specials["with-continuation-mark"] = compileWithMark
	kindChecks["mark-set"] = func(v Value) bool { _, ok := v.o.(*MarkSet); return ok }

	define("current-continuation-marks", func(th *Thread, a []Value) Value {
		return Obj(th.currentMarks())
	})
	define("continuation-marks?", func(th *Thread, a []Value) Value {
		_, ok := a[0].o.(*MarkSet)
		return Bool(ok)
	})
	define("continuation-mark-set->list", func(th *Thread, a []Value) Value {
		ms := th.markSetArg("continuation-mark-set->list", a[0])
		var out []Value
		for _, m := range ms.frames {
			if v, ok := m.lookup(a[1]); ok {
				out = append(out, v)
			}
		}
		return List(out...)
	})
	define("continuation-mark-set->list*", func(th *Thread, a []Value) Value {
		ms := th.markSetArg("continuation-mark-set->list*", a[0])
		keys, _ := ListToSlice(a[1])
		def := False
		if len(a) > 2 {
			def = a[2]
		}
		var out []Value
		for _, m := range ms.frames {
			var vec []Value
			for i, k := range keys {
				if v, ok := m.lookup(k); ok {
					if vec == nil {
						vec = make([]Value, len(keys))
						for j := range vec {
							vec[j] = def
						}
					}
					vec[i] = v
				}
			}
			if vec != nil {
				out = append(out, Vec(vec))
			}
		}
		return List(out...)
	})
	define("continuation-mark-set-first", func(th *Thread, a []Value) Value {
		ms := th.markSetArg("continuation-mark-set-first", a[0])
		for _, m := range ms.frames {
			if v, ok := m.lookup(a[1]); ok {
				return v
			}
		}
		if len(a) > 2 {
			return a[2]
		}
		return False
	})
	define("call-with-immediate-continuation-mark", func(th *Thread, a []Value) Value {
		// This primitive's frame is its caller's continuation: a tail call keeps its marks.
		v, ok := th.frames[len(th.frames)-1].Marks.lookup(a[0])
		if !ok {
			v = False
			if len(a) > 2 {
				v = a[2]
			}
		}
		th.push(v)
		return th.tailCall(a[1], 1)
	})

	define("default-prompt-tag", func(th *Thread, a []Value) Value { return defaultPromptTag })
	define("default-continuation-prompt-tag", func(th *Thread, a []Value) Value { return defaultPromptTag })
	define("default-prompt-handler", func(th *Thread, a []Value) Value {
		return th.withPrompt(defaultPromptTag, Obj(defaultPromptHandler), a[0], nil)
	})
	defaultPromptHandler = registry["default-prompt-handler"]
	define("call-with-continuation-prompt", func(th *Thread, a []Value) Value {
		if Eq(a[1], defaultPromptTag) && !Eq(a[2], Obj(defaultPromptHandler)) {
			return th.Error("call-with-continuation-prompt", "use of default-prompt-tag requires use of default-prompt-handler")
		}
		return th.withPrompt(a[1], a[2], a[0], a[3:])
	})
	define("abort-current-continuation", func(th *Thread, a []Value) Value {
		vals := append([]Value(nil), a[1:]...)
		if p := th.findPrompt(a[0]); p != nil {
			panic(&promptAbort{p: p, vals: vals})
		}
		if !Eq(a[0], defaultPromptTag) {
			return th.Error("abort-current-continuation", "expected a prompt tag", a[0])
		}
		// The prompt around the thread's code: unwind everything, call the default handler
		// there, and the thread's code ends.
		th.unwindTo(nil)
		v := th.Call(Obj(defaultPromptHandler), vals...)
		if th == th.In.main {
			panic(&exitRequest{0})
		}
		panic(&threadExit{v})
	})
}
