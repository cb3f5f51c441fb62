package hashtable

import (
	"foment-ls/interp"
	"foment-ls/interp/lib/comparator"
)

func table(v interp.Value) *Table { return v.Object().(*Table) }

func builtin(name string) interp.Value { return interp.Obj(interp.Builtin(name)) }

func truthy(v interp.Value) bool { return !v.IsFalse() }

// mutable raises Foment's error when the table is immutable.
func mutable(th *interp.Thread, t *Table, who string) {
	if t.immutable {
		th.Error(who, "hash table is immutable", interp.Obj(t))
	}
}

// The symbols make-hash-table accepts after the comparator: Foment's flags (keys and values
// are held strongly here whatever the flags say), and a number, the initial capacity.
var flagNames = map[string]bool{"thread-safe": true, "weak-keys": true, "ephemeral-keys": true,
	"weak-values": true, "ephemeral-values": true}

// makeTable makes a table from what make-hash-table takes: a comparator, or an equality
// predicate and maybe a hash function, then the options.
func makeTable(th *interp.Thread, who string, a []interp.Value) *Table {
	typeTest, eq, hash := interp.False, interp.False, interp.False
	opts := a[1:]
	isDefault := false
	switch c, ok := comparator.Of(a[0]); {
	case ok:
		typeTest, eq, hash = c.TypeTest, c.Equality, c.Hash
		isDefault = comparator.IsDefault(th, c)
	case interp.IsProcedure(a[0]):
		eq = a[0]
		if len(opts) > 0 && interp.IsProcedure(opts[0]) {
			hash, opts = opts[0], opts[1:]
		}
	default:
		th.Error("make-hash-table", "expected comparator or procedure", a[0])
	}
	size, flags := 0, []interp.Value(nil)
	seen := map[string]bool{}
	for _, o := range opts {
		if o.IsFixnum() && o.Fix() >= 0 {
			size = int(o.Fix())
			continue
		}
		s, ok := o.Object().(*interp.Symbol)
		if !ok || !flagNames[s.Name] {
			th.Error("make-hash-table", "unsupported optional argument(s)", interp.List(opts...))
		}
		seen[s.Name] = true
		flags = append(flags, o)
	}
	if seen["weak-keys"] && seen["ephemeral-keys"] {
		th.Error("make-hash-table", "must specify as most one of weak-keys and ephemeron-keys", interp.List(opts...))
	}
	if seen["weak-values"] && seen["ephemeral-values"] {
		th.Error("make-hash-table", "must specify as most one of weak-values and ephemeron-values", interp.List(opts...))
	}
	var t *Table
	switch {
	case interp.Eq(eq, builtin("eq?")):
		t = newTable(byEq, typeTest, eq, builtin("eq-hash"), size)
	case interp.Eq(eq, builtin("symbol=?")):
		// symbols are the same when they are eq? (not in Foment 0.4, which wants a hash function)
		t = newTable(byEq, typeTest, eq, builtin("symbol-hash"), size)
	case interp.Eq(eq, builtin("eqv?")):
		t = newTable(byEqv, typeTest, eq, builtin("default-hash"), size)
	case interp.Eq(eq, builtin("equal?")):
		t = newTable(byEqual, typeTest, eq, builtin("default-hash"), size)
	case interp.Eq(eq, builtin("string=?")):
		t = newTable(byString, typeTest, eq, builtin("string-hash"), size)
	case interp.Eq(eq, builtin("string-ci=?")):
		t = newTable(byStringCi, typeTest, eq, builtin("string-ci-hash"), size)
	case isDefault:
		t = newTable(byDefault, typeTest, eq, hash, size)
	case hash.IsFalse():
		th.Error("make-hash-table", "missing hash function")
	default:
		t = newTable(byCustom, typeTest, eq, hash, size)
	}
	t.flags = flags
	return t
}

// setPairs sets alternating keys and values.
func setPairs(th *interp.Thread, t *Table, kv []interp.Value) {
	mutable(th, t, "hash-table-set!")
	if len(kv)%2 != 0 {
		th.Error("hash-table-set!", "key specified but no value", interp.List(kv...))
	}
	for i := 0; i < len(kv); i += 2 {
		t.Set(th, kv[i], kv[i+1])
	}
}

func init() {
	interp.DefineKind("hash-table", func(v interp.Value) bool { _, ok := Of(v); return ok })

	interp.Define("hash-table?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := Of(a[0])
		return interp.Bool(ok)
	})
	interp.Define("make-hash-table", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(makeTable(th, "make-hash-table", a))
	})
	interp.Define("make-eq-hash-table", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(newTable(byEq, interp.False, builtin("eq?"), builtin("eq-hash"), 0))
	})
	interp.Define("hash-table", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := makeTable(th, "hash-table", a[:1])
		setPairs(th, t, a[1:])
		t.immutable = true
		return interp.Obj(t)
	})
	interp.Define("hash-table-unfold", func(th *interp.Thread, a []interp.Value) interp.Value {
		stop, mapper, successor, seed := a[0], a[1], a[2], a[3]
		t := makeTable(th, "hash-table-unfold", a[4:])
		for !truthy(th.Call(stop, seed)) {
			kv := th.Call(mapper, seed)
			k, v := twoValues(th, "hash-table-unfold", kv)
			t.Set(th, k, v)
			seed = th.Call(successor, seed)
		}
		return interp.Obj(t)
	})
	interp.Define("alist->hash-table", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := makeTable(th, "alist->hash-table", a[1:])
		for l := a[0]; !l.IsNull(); {
			p, ok := l.Pair()
			if !ok {
				th.Error("alist->hash-table", "expected a list", a[0])
			}
			e, ok := p.Car.Pair()
			if !ok {
				th.Error("car", "expected a pair", p.Car)
			}
			if _, found := t.Ref(th, e.Car); !found {
				t.Set(th, e.Car, e.Cdr)
			}
			l = p.Cdr
		}
		return interp.Obj(t)
	})

	interp.Define("hash-table-contains?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := table(a[0]).Ref(th, a[1])
		return interp.Bool(ok)
	})
	interp.Define("hash-table-empty?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(table(a[0]).Size() == 0)
	})
	interp.Define("hash-table-mutable?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(!table(a[0]).immutable)
	})
	interp.Define("hash-table=?", func(th *interp.Thread, a []interp.Value) interp.Value {
		eq := a[0].Object().(*comparator.Comparator).Equality
		t1, t2 := table(a[1]), table(a[2])
		if t1.Size() != t2.Size() || !interp.Eq(t1.equality, t2.equality) {
			return interp.False
		}
		keys, vals := t1.Entries()
		for i, k := range keys {
			v, ok := t2.Ref(th, k)
			if !ok || !truthy(th.Call(eq, vals[i], v)) {
				return interp.False
			}
		}
		return interp.True
	})

	interp.Define("hash-table-ref", func(th *interp.Thread, a []interp.Value) interp.Value {
		v, ok := table(a[0]).Ref(th, a[1])
		switch {
		case !ok && len(a) > 2:
			return th.TailCall(a[2])
		case !ok:
			return th.Error("hash-table-ref", "key not found and no failure specified", a[1])
		case len(a) > 3:
			return th.TailCall(a[3], v)
		}
		return v
	})
	interp.Define("hash-table-ref/default", func(th *interp.Thread, a []interp.Value) interp.Value {
		if v, ok := table(a[0]).Ref(th, a[1]); ok {
			return v
		}
		return a[2]
	})
	interp.Define("hash-table-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		setPairs(th, table(a[0]), a[1:])
		return interp.Unspecified
	})
	interp.Define("hash-table-delete!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "hash-table-delete!")
		n := 0
		for _, k := range a[1:] {
			if t.Delete(th, k) {
				n++
			}
		}
		return interp.Int(n)
	})
	interp.Define("hash-table-intern!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		if v, ok := t.Ref(th, a[1]); ok {
			return v
		}
		mutable(th, t, "hash-table-intern!")
		v := th.Call(a[2])
		t.Set(th, a[1], v)
		return v
	})
	interp.Define("hash-table-update!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		v, ok := t.Ref(th, a[1])
		switch {
		case !ok && len(a) > 3:
			v = th.Call(a[3])
		case !ok:
			return th.Error("hash-table-ref", "key not found and no failure specified", a[1])
		case len(a) > 4:
			v = th.Call(a[4], v)
		}
		nv := th.Call(a[2], v)
		mutable(th, t, "hash-table-set!")
		t.Set(th, a[1], nv)
		return interp.Unspecified
	})
	interp.Define("hash-table-update!/default", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		v, ok := t.Ref(th, a[1])
		if !ok {
			v = a[3]
		}
		nv := th.Call(a[2], v)
		mutable(th, t, "hash-table-set!")
		t.Set(th, a[1], nv)
		return interp.Unspecified
	})
	interp.Define("hash-table-pop!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "hash-table-pop!")
		for i := len(t.keys) - 1; i >= 0; i-- {
			if k := t.keys[i]; !interp.Eq(k, deleted) {
				v := t.vals[i]
				t.Delete(th, k)
				return interp.Values(k, v)
			}
		}
		return th.Error("%hash-table-pop!", "hash table is empty", a[0])
	})
	interp.Define("hash-table-clear!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "hash-table-clear!")
		t.reset(0)
		return interp.Unspecified
	})
	interp.Define("hash-table-size", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Int(table(a[0]).Size())
	})
	interp.Define("hash-table-keys", func(th *interp.Thread, a []interp.Value) interp.Value {
		k, _ := table(a[0]).Entries()
		return interp.List(k...)
	})
	interp.Define("hash-table-values", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, v := table(a[0]).Entries()
		return interp.List(v...)
	})
	interp.Define("hash-table-entries", func(th *interp.Thread, a []interp.Value) interp.Value {
		k, v := table(a[0]).Entries()
		return interp.Values(interp.List(k...), interp.List(v...))
	})
	interp.Define("hash-table->alist", func(th *interp.Thread, a []interp.Value) interp.Value {
		k, v := table(a[0]).Entries()
		out := make([]interp.Value, len(k))
		for i := range k {
			out[i] = interp.Cons(k[i], v[i])
		}
		return interp.List(out...)
	})
	interp.Define("hash-table-hash-function", func(th *interp.Thread, a []interp.Value) interp.Value {
		return table(a[0]).hash
	})
	interp.Define("%hash-table-equality-predicate", func(th *interp.Thread, a []interp.Value) interp.Value {
		return table(a[0]).equality
	})
	interp.Define("hash-table-empty-copy", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(table(a[0]).emptyCopy())
	})
	interp.Define("hash-table-copy", func(th *interp.Thread, a []interp.Value) interp.Value {
		n := table(a[0]).copy()
		n.immutable = len(a) < 2 || a[1].IsFalse()
		return interp.Obj(n)
	})
	defineWalks()
	defineSets()
}

// twoValues takes apart what a mapper returned: two values.
func twoValues(th *interp.Thread, who string, v interp.Value) (interp.Value, interp.Value) {
	if mv, ok := v.Object().(*interp.MultipleValues); ok && len(mv.Vals) == 2 {
		return mv.Vals[0], mv.Vals[1]
	}
	th.Error(who, "expected two values", v)
	return v, v
}
