package hashtable

import (
	"fmt"
	"runtime"
	"sync"
	"weak"

	"foment-ls/interp"
)

// The internals of Foment's hash tables, which (foment base) exports and its SRFI 125 (in
// Scheme) is written on: buckets of nodes. Here a table is not made of buckets: the buckets
// are made when asked for, their nodes write a value set on them through to the table, and
// buckets set on a table are read back into its entries.

// Node is a hash node.
type Node struct {
	table      *Table // the table the node's value belongs to, when it came from its buckets
	key, value interp.Value
	next       interp.Value // a *Node or #f
	hash       int64
}

func (n *Node) SchemeString() string { return fmt.Sprintf("#<hash-node: %p>", n) }

func nodeOf(v interp.Value) *Node { return v.Object().(*Node) }

// hashOf is a node's hash: the table's hash function, or for eq? and eqv? tables a number of
// the entry's place.
func (t *Table) hashOf(th *interp.Thread, key interp.Value, i int) int64 {
	if t.kind == byCustom || t.kind == byEqual || t.kind == byDefault || t.kind == byString || t.kind == byStringCi {
		if h := th.Call(t.hash, key); h.IsFixnum() {
			return h.Fix()
		}
	}
	return int64(i)
}

// buckets makes the buckets of t: a vector of chains of nodes by hash.
func (t *Table) buckets(th *interp.Thread) interp.Value {
	size := 1
	for size < t.live {
		size *= 2
	}
	vec := make([]interp.Value, size)
	for i := range vec {
		vec[i] = interp.False
	}
	keys, vals := t.Entries()
	for i, k := range keys {
		h := t.hashOf(th, k, i)
		b := int(uint64(h) % uint64(size))
		vec[b] = interp.Obj(&Node{table: t, key: k, value: vals[i], next: vec[b], hash: h})
	}
	return interp.Vec(vec)
}

// A table's exclusive (%hash-table-exclusive) is made when first asked for; it goes with the
// table.
var exclusives = struct {
	sync.Mutex
	m map[weak.Pointer[Table]]interp.Value
}{m: map[weak.Pointer[Table]]interp.Value{}}

func exclusiveOf(th *interp.Thread, t *Table) interp.Value {
	k := weak.Make(t)
	exclusives.Lock()
	defer exclusives.Unlock()
	if e, ok := exclusives.m[k]; ok {
		return e
	}
	e := interp.Builtin("make-exclusive").Fn(th, nil)
	exclusives.m[k] = e
	runtime.AddCleanup(t, func(k weak.Pointer[Table]) {
		exclusives.Lock()
		delete(exclusives.m, k)
		exclusives.Unlock()
	}, k)
	return e
}

func init() {
	interp.DefineKind("hash-node", func(v interp.Value) bool { _, ok := v.Object().(*Node); return ok })
	interp.Define("%make-hash-table", func(th *interp.Thread, a []interp.Value) interp.Value {
		opts, ok := interp.ListToSlice(a[3])
		if !ok {
			return th.Error("%make-hash-table", "expected a list of options", a[3])
		}
		t := makeTable(th, "%make-hash-table", append([]interp.Value{a[1], a[2]}, opts...))
		t.typeTest = a[0]
		return interp.Obj(t)
	})
	interp.Define("%eq-hash-table?", func(th *interp.Thread, a []interp.Value) interp.Value {
		t, ok := Of(a[0])
		return interp.Bool(ok && t.kind == byEq)
	})
	interp.Define("%hash-table-type-test-predicate", func(th *interp.Thread, a []interp.Value) interp.Value {
		return table(a[0]).typeTest
	})
	interp.Define("%hash-table-ref", func(th *interp.Thread, a []interp.Value) interp.Value {
		if v, ok := table(a[0]).Ref(th, a[1]); ok {
			return v
		}
		return a[2]
	})
	interp.Define("%hash-table-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "%hash-table-set!")
		t.Set(th, a[1], a[2])
		return interp.Unspecified
	})
	interp.Define("%hash-table-delete!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "%hash-table-delete!")
		t.Delete(th, a[1])
		return interp.Unspecified
	})
	interp.Define("%hash-table-pop!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "%hash-table-pop!")
		keys, vals := t.Entries()
		if len(keys) == 0 {
			return th.Error("%hash-table-pop!", "hash table is empty", a[0])
		}
		t.Delete(th, keys[0])
		return interp.Obj(&Node{key: keys[0], value: vals[0], next: interp.False, hash: t.hashOf(th, keys[0], 0)})
	})
	interp.Define("%hash-table-clear!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "%hash-table-clear!")
		t.reset(0)
		return interp.Unspecified
	})
	interp.Define("%hash-table-copy", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(table(a[0]).copy())
	})
	interp.Define("%hash-table-immutable!", func(th *interp.Thread, a []interp.Value) interp.Value {
		table(a[0]).immutable = true
		return interp.Unspecified
	})
	interp.Define("%hash-table-adjust!", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Unspecified
	})
	interp.Define("%hash-table-exclusive", func(th *interp.Thread, a []interp.Value) interp.Value {
		return exclusiveOf(th, table(a[0]))
	})
	interp.Define("%hash-table-entries", func(th *interp.Thread, a []interp.Value) interp.Value {
		keys, vals := table(a[0]).Entries()
		return interp.Cons(interp.List(keys...), interp.List(vals...))
	})
	interp.Define("%hash-table-buckets", func(th *interp.Thread, a []interp.Value) interp.Value {
		return table(a[0]).buckets(th)
	})
	interp.Define("%hash-table-buckets-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := table(a[0])
		mutable(th, t, "%hash-table-buckets-set!")
		var nodes []*Node
		for _, b := range a[1].Object().(*interp.Vector).Items {
			for n, ok := b.Object().(*Node); ok; n, ok = n.next.Object().(*Node) {
				nodes = append(nodes, n)
			}
		}
		t.reset(len(nodes))
		for _, n := range nodes {
			t.Set(th, n.key, n.value)
			n.table = t
		}
		return interp.Unspecified
	})
	interp.Define("%make-hash-node", func(th *interp.Thread, a []interp.Value) interp.Value {
		next := a[3]
		if _, ok := next.Object().(*Node); !ok {
			next = interp.False
		}
		return interp.Obj(&Node{key: a[1], value: a[2], next: next, hash: a[4].Fix()})
	})
	interp.Define("%copy-hash-node-list", func(th *interp.Thread, a []interp.Value) interp.Value {
		var first, last *Node
		for n, ok := a[1].Object().(*Node); ok; n, ok = n.next.Object().(*Node) {
			c := &Node{key: n.key, value: n.value, next: interp.False, hash: n.hash}
			if last == nil {
				first = c
			} else {
				last.next = interp.Obj(c)
			}
			last = c
		}
		return interp.Obj(first)
	})
	interp.Define("%hash-node?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := a[0].Object().(*Node)
		return interp.Bool(ok)
	})
	interp.Define("%hash-node-broken?", func(th *interp.Thread, a []interp.Value) interp.Value { return interp.False })
	interp.Define("%hash-node-key", func(th *interp.Thread, a []interp.Value) interp.Value { return nodeOf(a[0]).key })
	interp.Define("%hash-node-value", func(th *interp.Thread, a []interp.Value) interp.Value { return nodeOf(a[0]).value })
	interp.Define("%hash-node-value-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		n := nodeOf(a[0])
		n.value = a[1]
		if n.table != nil {
			if _, ok := n.table.Ref(th, n.key); ok {
				n.table.Set(th, n.key, a[1])
			}
		}
		return interp.Unspecified
	})
	interp.Define("%hash-node-next", func(th *interp.Thread, a []interp.Value) interp.Value { return nodeOf(a[0]).next })
	interp.Define("%hash-node-next-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		nodeOf(a[0]).next = a[1]
		return interp.Unspecified
	})
	interp.Define("%hash-node-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Fixnum(nodeOf(a[0]).hash)
	})
}
