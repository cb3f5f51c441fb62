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
		v := th.Call(a[0])
		if mv, ok := v.o.(*MultipleValues); ok {
			for _, x := range mv.Vals {
				th.push(x)
			}
			return th.tailCall(a[1], len(mv.Vals))
		}
		th.push(v)
		return th.tailCall(a[1], 1)
	})
	callcc := func(th *Thread, a []Value) Value { return th.callcc(a[0]) }
	define("call-with-current-continuation", callcc)
	define("dynamic-wind", func(th *Thread, a []Value) Value {
		th.Call(a[0])
		depth := 1
		if th.winders != nil {
			depth = th.winders.depth + 1
		}
		w := &winder{before: a[0], after: a[2], next: th.winders, depth: depth}
		th.winders = w
		v := th.Call(a[1])
		th.winders = w.next
		th.Call(a[2])
		return v
	})
	define("make-parameter", func(th *Thread, a []Value) Value {
		p := &Parameter{Value: a[0], Converter: False}
		if len(a) > 1 {
			p.Converter = a[1]
			p.Value = th.Call(a[1], a[0])
		}
		return Obj(p)
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
		saved := th.handlers
		th.handlers = &handlerNode{proc: a[0], next: saved}
		v := th.Call(a[1])
		th.handlers = saved
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
			return Obj(&Promise{&promiseBox{done: true, value: th.Call(thunk)}})
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
		for !p.box.done {
			v := th.Call(p.box.value)
			if p.box.done {
				break
			}
			np, ok := v.o.(*Promise)
			if !ok {
				return th.Error("force", "expected a promise from delay-force", v)
			}
			p.box.done, p.box.value = np.box.done, np.box.value
			np.box = p.box
		}
		return p.box.value
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
