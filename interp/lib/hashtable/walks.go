package hashtable

import "foment-ls/interp"

// The procedures that walk a table call Scheme code on a snapshot of its entries, so that the
// code may change the table as it goes.
func defineWalks() {
	interp.Define("hash-table-find", func(th *interp.Thread, a []interp.Value) interp.Value {
		keys, vals := table(a[1]).Entries()
		for i, k := range keys {
			if r := th.Call(a[0], k, vals[i]); truthy(r) {
				return r
			}
		}
		return th.TailCall(a[2])
	})
	interp.Define("hash-table-count", func(th *interp.Thread, a []interp.Value) interp.Value {
		keys, vals := table(a[1]).Entries()
		n := 0
		for i, k := range keys {
			if truthy(th.Call(a[0], k, vals[i])) {
				n++
			}
		}
		return interp.Int(n)
	})
	interp.Define("hash-table-map", func(th *interp.Thread, a []interp.Value) interp.Value {
		n := makeTable(th, "hash-table-map", a[1:2])
		keys, vals := table(a[2]).Entries()
		for i, k := range keys {
			n.Set(th, k, th.Call(a[0], vals[i]))
		}
		return interp.Obj(n)
	})
	forEach := func(th *interp.Thread, proc interp.Value, t *Table) interp.Value {
		keys, vals := t.Entries()
		for i, k := range keys {
			th.Call(proc, k, vals[i])
		}
		return interp.Unspecified
	}
	interp.Define("hash-table-for-each", func(th *interp.Thread, a []interp.Value) interp.Value {
		return forEach(th, a[0], table(a[1]))
	})
	interp.Define("hash-table-walk", func(th *interp.Thread, a []interp.Value) interp.Value {
		return forEach(th, a[1], table(a[0]))
	})
	interp.Define("hash-table-map!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[1])
		mutable(th, t, "hash-table-map!")
		keys, vals := t.Entries()
		for i, k := range keys {
			t.Set(th, k, th.Call(a[0], k, vals[i]))
		}
		return interp.Unspecified
	})
	interp.Define("hash-table-map->list", func(th *interp.Thread, a []interp.Value) interp.Value {
		keys, vals := table(a[1]).Entries()
		out := make([]interp.Value, len(keys))
		for i, k := range keys {
			out[i] = th.Call(a[0], k, vals[i])
		}
		return interp.List(out...)
	})
	interp.Define("hash-table-fold", func(th *interp.Thread, a []interp.Value) interp.Value {
		proc, seed, tv := a[0], a[1], a[2]
		if _, ok := Of(proc); ok {
			tv, proc, seed = a[0], a[1], a[2] // SRFI 69's order: table, proc, seed
		}
		t, ok := Of(tv)
		if !ok {
			return th.Error("hash-table-fold", "expected a hash table", tv)
		}
		if !interp.IsProcedure(proc) {
			return th.Error("hash-table-fold", "expected a procedure", proc)
		}
		keys, vals := t.Entries()
		for i, k := range keys {
			seed = th.Call(proc, k, vals[i], seed)
		}
		return seed
	})
	interp.Define("hash-table-prune!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[1])
		mutable(th, t, "hash-table-prune!")
		keys, vals := t.Entries()
		for i, k := range keys {
			if truthy(th.Call(a[0], k, vals[i])) {
				t.Delete(th, k)
			}
		}
		return interp.Unspecified
	})
}

// defineSets: the set operations change and return their first table.
func defineSets() {
	set := func(name string, op func(th *interp.Thread, t1, t2 *Table)) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			t1 := table(a[0])
			mutable(th, t1, name)
			op(th, t1, table(a[1]))
			return a[0]
		})
	}
	set("hash-table-union!", func(th *interp.Thread, t1, t2 *Table) {
		keys, vals := t2.Entries()
		for i, k := range keys {
			if _, ok := t1.Ref(th, k); !ok {
				t1.Set(th, k, vals[i])
			}
		}
	})
	set("hash-table-intersection!", func(th *interp.Thread, t1, t2 *Table) {
		keys, _ := t1.Entries()
		for _, k := range keys {
			if _, ok := t2.Ref(th, k); !ok {
				t1.Delete(th, k)
			}
		}
	})
	set("hash-table-difference!", func(th *interp.Thread, t1, t2 *Table) {
		keys, _ := t1.Entries()
		for _, k := range keys {
			if _, ok := t2.Ref(th, k); ok {
				t1.Delete(th, k)
			}
		}
	})
	set("hash-table-xor!", func(th *interp.Thread, t1, t2 *Table) {
		keys, vals := t2.Entries()
		for i, k := range keys {
			if _, ok := t1.Ref(th, k); ok {
				t1.Delete(th, k)
			} else {
				t1.Set(th, k, vals[i])
			}
		}
	})
}
