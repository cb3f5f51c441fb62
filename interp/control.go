package interp

import (
	"strings"
)

// Promise is made by delay, delay-force and make-promise (R7RS 4.2.5: forcing is iterative, so
// a chain of delay-force runs in constant space).
type Promise struct {
	box *promiseBox
}

type promiseBox struct {
	done  bool
	value Value // the value, or the thunk while not done
}

func init() {
	define("procedure?", func(th *Thread, a []Value) Value { return Bool(IsProcedure(a[0])) })
	define("apply", func(th *Thread, a []Value) Value {
		last := a[len(a)-1]
		rest, ok := ListToSlice(last)
		if !ok {
			return th.Error("apply", "expected a list", last)
		}
		for _, x := range a[1 : len(a)-1] {
			th.push(x)
		}
		for _, x := range rest {
			th.push(x)
		}
		return th.tailCall(a[0], len(a)-2+len(rest))
	})
	define("values", func(th *Thread, a []Value) Value { return valuesOf(a) })
	define("call-with-values", func(th *Thread, a []Value) Value {
		r := &consumeValues{a[1]}
		return r.consume(th, th.CallWith(r, a[0]))
	})
	define("call-with-current-continuation", func(th *Thread, a []Value) Value { return th.callcc(a[0]) })
	callccPrim = registry["call-with-current-continuation"]
	define("dynamic-wind", func(th *Thread, a []Value) Value {
		s := &windState{before: a[0], thunk: a[1], after: a[2]}
		return s.step(th, th.CallWith(s, a[0]))
	})
	define("make-parameter", func(th *Thread, a []Value) Value {
		if len(a) > 1 {
			r := &makeParameter{a[1]}
			return r.make(th.CallWith(r, a[1], a[0]))
		}
		return Obj(&Parameter{Value: a[0], Converter: False})
	})
	define("error", func(th *Thread, a []Value) Value {
		msg := ""
		irritants := a[1:]
		if s, ok := a[0].o.(*String); ok {
			msg = s.String()
		} else {
			// (error 'who "message" ...) as older code writes it.
			msg = WriteString(a[0])
		}
		c := th.newCondition("error", "error", msg, append([]Value(nil), irritants...))
		c.Who = ""
		return th.Raise(Obj(c), false)
	})
	define("raise", func(th *Thread, a []Value) Value { return th.Raise(a[0], false) })
	define("raise-continuable", func(th *Thread, a []Value) Value { return th.Raise(a[0], true) })
	define("with-exception-handler", func(th *Thread, a []Value) Value {
		r := &restoreHandlers{th.handlers}
		th.handlers = &handlerNode{proc: a[0], next: r.saved}
		v := th.CallWith(r, a[1])
		th.handlers = r.saved
		return v
	})
	define("error-object?", func(th *Thread, a []Value) Value {
		_, ok := a[0].o.(*Condition)
		return Bool(ok)
	})
	define("error-object-message", func(th *Thread, a []Value) Value {
		return Str(a[0].o.(*Condition).Message)
	})
	define("error-object-irritants", func(th *Thread, a []Value) Value {
		return List(a[0].o.(*Condition).Irritants...)
	})
	define("read-error?", func(th *Thread, a []Value) Value {
		c, ok := a[0].o.(*Condition)
		// As Foment: any error raised by read (a bytestring's is of kind bytestring-error).
		return Bool(ok && (c.Kind == "lexical-violation" || c.Kind == "read-error" || c.Who == "read"))
	})
	define("file-error?", func(th *Thread, a []Value) Value {
		c, ok := a[0].o.(*Condition)
		return Bool(ok && c.Kind == "file-error")
	})
	define("features", func(th *Thread, a []Value) Value {
		out := make([]Value, len(Features))
		for i, f := range Features {
			out[i] = Sym(f)
		}
		return List(out...)
	})

	defineInternal("%make-delay", 1, 1, func(th *Thread, a []Value) Value {
		// (delay e) = (delay-force (make-promise e)): the thunk's value is wrapped.
		thunk := a[0]
		wrap := &Primitive{Name: "delay", Min: 0, Max: 0, Fn: func(th *Thread, _ []Value) Value {
			return delayed{}.wrap(th.CallWith(delayed{}, thunk))
		}}
		return Obj(&Promise{&promiseBox{value: Obj(wrap)}})
	})
	defineInternal("%make-delay-force", 1, 1, func(th *Thread, a []Value) Value {
		return Obj(&Promise{&promiseBox{value: a[0]}})
	})
	define("make-promise", func(th *Thread, a []Value) Value {
		if _, ok := a[0].o.(*Promise); ok {
			return a[0]
		}
		return Obj(&Promise{&promiseBox{done: true, value: a[0]}})
	})
	define("promise?", func(th *Thread, a []Value) Value {
		_, ok := a[0].o.(*Promise)
		return Bool(ok)
	})
	define("force", func(th *Thread, a []Value) Value {
		p, ok := a[0].o.(*Promise)
		if !ok {
			return a[0]
		}
		f := &forcing{p}
		return f.loop(th)
	})

	define("command-line", func(th *Thread, a []Value) Value {
		out := make([]Value, len(th.In.Args))
		for i, s := range th.In.Args {
			out[i] = Str(s)
		}
		return List(out...)
	})
	exitCode := func(a []Value) int {
		if len(a) == 0 || a[0].o == True.o {
			return 0
		}
		if a[0].o == False.o {
			return 1
		}
		if a[0].IsFixnum() {
			return int(a[0].n & 0xff)
		}
		return 0
	}
	define("exit", func(th *Thread, a []Value) Value {
		th.unwindTo(nil)
		panic(&exitRequest{exitCode(a)})
	})
	define("emergency-exit", func(th *Thread, a []Value) Value {
		panic(&exitRequest{exitCode(a)})
	})
	define("get-environment-variable", func(th *Thread, a []Value) Value {
		v, ok := th.In.world.LookupEnv(th, a[0].o.(*String).String())
		if !ok {
			return False
		}
		return Str(v)
	})
	define("get-environment-variables", func(th *Thread, a []Value) Value {
		var out []Value
		for _, kv := range th.In.world.Environ(th) {
			k, v, _ := strings.Cut(kv, "=")
			out = append(out, Cons(Str(k), Str(v)))
		}
		return List(out...)
	})
}

// The builtins of this file that call procedures go on from a copy of their state for a
// re-entered continuation (rebuild.go): these are their states.

// consumeValues is call-with-values after its producer returned.
type consumeValues struct{ consumer Value }

func (r *consumeValues) clone() resumer                  { c := *r; return &c }
func (r *consumeValues) resume(th *Thread, _ code) Value { return r.consume(th, th.resumeNext()) }
func (r *consumeValues) consume(th *Thread, v Value) Value {
	if mv, ok := v.o.(*MultipleValues); ok {
		for _, x := range mv.Vals {
			th.push(x)
		}
		return th.tailCall(r.consumer, len(mv.Vals))
	}
	th.push(v)
	return th.tailCall(r.consumer, 1)
}

// windState is dynamic-wind: phase 0 in before, 1 in thunk, 2 in after.
type windState struct {
	before, thunk, after Value
	w                    *winder
	v                    Value
	phase                int
}

func (s *windState) clone() resumer                  { c := *s; return &c }
func (s *windState) resume(th *Thread, _ code) Value { return s.step(th, th.resumeNext()) }

// step goes on after the call of the current phase returned v.
func (s *windState) step(th *Thread, v Value) Value {
	for {
		switch s.phase {
		case 0:
			depth := 1
			if th.winders != nil {
				depth = th.winders.depth + 1
			}
			s.w = &winder{before: s.before, after: s.after, next: th.winders, depth: depth}
			th.winders = s.w
			s.phase = 1
			v = th.CallWith(s, s.thunk)
		case 1:
			s.v = v
			th.winders = s.w.next
			s.phase = 2
			th.CallWith(s, s.after)
		default:
			return s.v
		}
	}
}

// makeParameter is make-parameter after its converter returned.
type makeParameter struct{ converter Value }

func (r *makeParameter) clone() resumer                  { c := *r; return &c }
func (r *makeParameter) resume(th *Thread, _ code) Value { return r.make(th.resumeNext()) }
func (r *makeParameter) make(v Value) Value {
	return Obj(&Parameter{Value: v, Converter: r.converter})
}

// restoreHandlers is with-exception-handler after its thunk returned.
type restoreHandlers struct{ saved *handlerNode }

func (r *restoreHandlers) clone() resumer { c := *r; return &c }
func (r *restoreHandlers) resume(th *Thread, _ code) Value {
	v := th.resumeNext()
	th.handlers = r.saved
	return v
}

// forcing is force: it calls the thunks of a chain of delay-force, in a loop.
type forcing struct{ p *Promise }

func (f *forcing) clone() resumer { c := *f; return &c }
func (f *forcing) resume(th *Thread, _ code) Value {
	f.take(th, th.resumeNext())
	return f.loop(th)
}

func (f *forcing) loop(th *Thread) Value {
	for !f.p.box.done {
		f.take(th, th.CallWith(f, f.p.box.value))
	}
	return f.p.box.value
}

// take gives the promise what its thunk returned: a value, or the next promise of the chain.
func (f *forcing) take(th *Thread, v Value) {
	p := f.p
	if p.box.done {
		return
	}
	np, ok := v.o.(*Promise)
	if !ok {
		th.Error("force", "expected a promise from delay-force", v)
	}
	p.box.done, p.box.value = np.box.done, np.box.value
	np.box = p.box
}

// delayed makes the promise of a delay's value.
type delayed struct{}

func (delayed) clone() resumer                  { return delayed{} }
func (delayed) resume(th *Thread, _ code) Value { return delayed{}.wrap(th.resumeNext()) }
func (delayed) wrap(v Value) Value              { return Obj(&Promise{&promiseBox{done: true, value: v}}) }
