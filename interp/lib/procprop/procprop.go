// Package procprop holds the properties of procedures (procedure-property) and the tags of
// SRFI 229, which Foment keeps as a property.
package procprop

import (
	"runtime"
	"sync"
	"weak"

	"foment-ls/interp"
)

type prop struct{ key, val interp.Value }

// table maps a procedure to its properties. A procedure made at run time is held weakly: its
// entry goes when the procedure is collected.
var table = struct {
	sync.Mutex
	m map[any][]prop
}{m: map[any][]prop{}}

// keyOf returns the table key of a procedure, and a function that arranges for the entry to
// go with the procedure.
func keyOf(v interp.Value) (any, func(key any)) {
	switch p := v.Object().(type) {
	case *interp.Closure:
		return weakKey(p)
	case *interp.CaseLambda:
		return weakKey(p)
	case *interp.Primitive:
		return weakKey(p)
	case *interp.Parameter:
		return weakKey(p)
	case *interp.Continuation:
		return weakKey(p)
	}
	return v.Object(), func(any) {}
}

func weakKey[T any](p *T) (any, func(key any)) {
	return weak.Make(p), func(key any) { runtime.AddCleanup(p, forget, key) }
}

func forget(key any) {
	table.Lock()
	delete(table.m, key)
	table.Unlock()
}

// Get returns the property key of a procedure.
func Get(proc, key interp.Value) (interp.Value, bool) {
	k, _ := keyOf(proc)
	table.Lock()
	defer table.Unlock()
	for _, p := range table.m[k] {
		if interp.Eq(p.key, key) {
			return p.val, true
		}
	}
	return interp.False, false
}

// Set sets the property key of a procedure.
func Set(proc, key, val interp.Value) {
	k, cleanup := keyOf(proc)
	table.Lock()
	ps, had := table.m[k]
	for i := range ps {
		if interp.Eq(ps[i].key, key) {
			ps[i].val = val
			table.Unlock()
			return
		}
	}
	table.m[k] = append(ps, prop{key, val})
	table.Unlock()
	if !had {
		cleanup(k)
	}
}

// tagKey is the property that holds a SRFI 229 tag: no program can name it.
var tagKey = interp.Cons(interp.False, interp.False)

// setTag tags the procedure that lambda/tag and case-lambda/tag make.
var setTag = &interp.Primitive{Name: "lambda/tag", Min: 2, Max: 2, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
	Set(a[0], tagKey, a[1])
	return a[0]
}}

func init() {
	interp.Define("procedure-property", func(th *interp.Thread, a []interp.Value) interp.Value {
		if v, ok := Get(a[0], a[1]); ok {
			return v
		}
		if len(a) > 2 {
			return a[2]
		}
		return interp.False
	})
	interp.Define("set-procedure-property!", func(th *interp.Thread, a []interp.Value) interp.Value {
		Set(a[0], a[1], a[2])
		return interp.Unspecified
	})
	interp.Define("procedure/tag?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(interp.IsProcedure(a[0]))
	})
	interp.Define("procedure-tag", func(th *interp.Thread, a []interp.Value) interp.Value {
		v, _ := Get(a[0], tagKey)
		return v
	})
	tagged := func(form string) interp.Transformer {
		return func(e *interp.Expansion) interp.Value {
			proc := e.List(append([]interp.Value{e.Core(form)}, e.Args[1:]...)...)
			return e.List(interp.Obj(setTag), proc, e.Args[0])
		}
	}
	interp.DefineTransformer("lambda/tag", 3, -1, tagged("lambda"))
	interp.DefineTransformer("case-lambda/tag", 1, -1, tagged("case-lambda"))
}

// formatterKey marks the procedures of SRFI 166's implementation that are formatters.
var formatterKey = interp.Cons(interp.False, interp.False)

func init() {
	interp.Define("%procedure->formatter", func(th *interp.Thread, a []interp.Value) interp.Value {
		Set(a[0], formatterKey, interp.True)
		return a[0]
	})
	interp.Define("%formatter?", func(th *interp.Thread, a []interp.Value) interp.Value {
		if !interp.IsProcedure(a[0]) {
			return interp.False
		}
		v, _ := Get(a[0], formatterKey)
		return interp.Bool(v.IsTrue())
	})
}
