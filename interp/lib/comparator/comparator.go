// Package comparator is (scheme comparator), also (srfi 128): comparators, the hash functions
// and the default comparator. The hash tables of interp/lib/hashtable are made from them.
package comparator

import (
	_ "embed"
	"fmt"
	"sync/atomic"

	"foment-ls/interp"
)

// Comparator bundles a type test, an equality predicate, an ordering predicate and a hash
// function (SRFI 128). Builtin comparators hold Go primitives, so comparing with them calls no
// Scheme code.
type Comparator struct {
	TypeTest, Equality, Ordering, Hash interp.Value
	// Context is Foment's comparator-context.
	Context interp.Value
	id      uint64
}

var ids atomic.Uint64

func (c *Comparator) SchemeString() string { return fmt.Sprintf("#<comparator: #x%x>", c.id) }

// New makes a comparator.
func New(typeTest, equality, ordering, hash interp.Value) *Comparator {
	return &Comparator{TypeTest: typeTest, Equality: equality, Ordering: ordering, Hash: hash,
		Context: interp.Unspecified, id: 0x1000 + ids.Add(1)*0x10}
}

// Of returns the comparator a value holds.
func Of(v interp.Value) (*Comparator, bool) {
	c, ok := v.Object().(*Comparator)
	return c, ok
}

// prim makes a procedure written in Go that is not in the catalogue (a comparator's parts).
func prim(name string, min, max int, fn func(th *interp.Thread, a []interp.Value) interp.Value) interp.Value {
	return interp.Obj(&interp.Primitive{Name: name, Min: min, Max: max, Fn: fn})
}

// The ordering and hash of a comparator made without them raise an error when called.
var (
	noOrdering = prim("no-ordering-predicate", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
		return th.Error("no-ordering-predicate", "no ordering predicate available")
	})
	noHash = prim("no-hash-function", 1, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
		return th.Error("no-hash-function", "no hash function available")
	})
	anyObject = prim("any?", 1, 1, func(th *interp.Thread, a []interp.Value) interp.Value { return interp.True })
)

func builtin(name string) interp.Value { return interp.Obj(interp.Builtin(name)) }

func truthy(v interp.Value) bool { return !v.IsFalse() }

func cmp(v interp.Value) *Comparator { return v.Object().(*Comparator) }

//go:embed comparator.scm
var source []byte

func init() {
	interp.DefineKind("comparator", func(v interp.Value) bool { _, ok := Of(v); return ok })
	interp.DefineScheme("interp/lib/comparator/comparator.scm", source, "scheme comparator")

	interp.Define("comparator?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := Of(a[0])
		return interp.Bool(ok)
	})
	interp.Define("make-comparator", func(th *interp.Thread, a []interp.Value) interp.Value {
		for _, i := range []int{2, 3} {
			if !a[i].IsFalse() && !interp.IsProcedure(a[i]) {
				return th.Error("make-comparator", "expected a procedure or #f", a[i])
			}
		}
		ord, hash := a[2], a[3]
		if ord.IsFalse() {
			ord = noOrdering
		}
		if hash.IsFalse() {
			hash = noHash
		}
		return interp.Obj(New(a[0], a[1], ord, hash))
	})
	interp.Define("comparator-ordered?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(!interp.Eq(cmp(a[0]).Ordering, noOrdering))
	})
	interp.Define("comparator-hashable?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(!interp.Eq(cmp(a[0]).Hash, noHash))
	})
	field := func(name string, get func(c *Comparator) interp.Value) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value { return get(cmp(a[0])) })
	}
	field("comparator-type-test-predicate", func(c *Comparator) interp.Value { return c.TypeTest })
	field("comparator-equality-predicate", func(c *Comparator) interp.Value { return c.Equality })
	field("comparator-ordering-predicate", func(c *Comparator) interp.Value { return c.Ordering })
	field("comparator-hash-function", func(c *Comparator) interp.Value { return c.Hash })
	field("comparator-context", func(c *Comparator) interp.Value { return c.Context })
	interp.Define("comparator-context-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		cmp(a[0]).Context = a[1]
		return interp.Unspecified
	})

	interp.Define("comparator-test-type", func(th *interp.Thread, a []interp.Value) interp.Value {
		return th.TailCall(cmp(a[0]).TypeTest, a[1])
	})
	interp.Define("comparator-check-type", func(th *interp.Thread, a []interp.Value) interp.Value {
		if truthy(th.Call(cmp(a[0]).TypeTest, a[1])) {
			return interp.True
		}
		return th.Error("comparator-check-type", "type test failed", a[0], a[1])
	})
	interp.Define("comparator-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		return th.TailCall(cmp(a[0]).Hash, a[1])
	})

	// (=? comparator a b c ...) and the orderings: each adjacent pair in turn.
	chain := func(name string, test func(th *interp.Thread, c *Comparator, x, y interp.Value) bool) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			c := cmp(a[0])
			for i := 1; i+1 < len(a); i++ {
				if !test(th, c, a[i], a[i+1]) {
					return interp.False
				}
			}
			return interp.True
		})
	}
	chain("=?", func(th *interp.Thread, c *Comparator, x, y interp.Value) bool {
		return truthy(th.Call(c.Equality, x, y))
	})
	chain("<?", func(th *interp.Thread, c *Comparator, x, y interp.Value) bool {
		return truthy(th.Call(c.Ordering, x, y))
	})
	chain(">?", func(th *interp.Thread, c *Comparator, x, y interp.Value) bool {
		return truthy(th.Call(c.Ordering, y, x))
	})
	chain("<=?", func(th *interp.Thread, c *Comparator, x, y interp.Value) bool {
		return !truthy(th.Call(c.Ordering, y, x))
	})
	chain(">=?", func(th *interp.Thread, c *Comparator, x, y interp.Value) bool {
		return !truthy(th.Call(c.Ordering, x, y))
	})

	defineConstructors()
	defineHashes()
	defineDefault()
}
