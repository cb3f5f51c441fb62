package comparator

import (
	"math/big"

	"foment-ls/interp"
)

// Comparators of pairs, lists and vectors, made of the comparators of their elements.

// hashValue turns what a Scheme hash function returned into 64 bits.
func hashValue(v interp.Value) uint64 {
	if v.IsFixnum() {
		return uint64(v.Fix())
	}
	if b, ok := v.Object().(*big.Int); ok {
		return hashBig(b)
	}
	return 0
}

func definePair() {
	interp.Define("make-pair-comparator", func(th *interp.Thread, a []interp.Value) interp.Value {
		car, cdr := cmp(a[0]), cmp(a[1])
		test := prim("pair-comparator-type-test", 1, 1, func(th *interp.Thread, a []interp.Value) interp.Value {
			p, ok := a[0].Pair()
			return interp.Bool(ok && truthy(th.Call(car.TypeTest, p.Car)) && truthy(th.Call(cdr.TypeTest, p.Cdr)))
		})
		eq := prim("pair-comparator=?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
			x, y := pairOf(th, a[0]), pairOf(th, a[1])
			return interp.Bool(truthy(th.Call(car.Equality, x.Car, y.Car)) && truthy(th.Call(cdr.Equality, x.Cdr, y.Cdr)))
		})
		less := prim("pair-comparator<?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
			x, y := pairOf(th, a[0]), pairOf(th, a[1])
			if truthy(th.Call(car.Equality, x.Car, y.Car)) {
				return th.TailCall(cdr.Ordering, x.Cdr, y.Cdr)
			}
			return th.TailCall(car.Ordering, x.Car, y.Car)
		})
		hash := prim("pair-comparator-hash", 1, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
			p := pairOf(th, a[0])
			h := combine(hashValue(th.Call(car.Hash, p.Car)), hashValue(th.Call(cdr.Hash, p.Cdr)))
			return Bounded(th, h)
		})
		return interp.Obj(New(test, eq, less, hash))
	})
}

func pairOf(th *interp.Thread, v interp.Value) *interp.Pair {
	p, ok := v.Pair()
	if !ok {
		th.Error("car", "expected a pair", v)
	}
	return p
}

// seq reads a sequence through Scheme procedures: empty?/head/tail for lists, length/ref for
// vectors.
type seq interface {
	items(th *interp.Thread, v interp.Value) []interp.Value
}

type listSeq struct{ empty, head, tail interp.Value }

func (s listSeq) items(th *interp.Thread, v interp.Value) []interp.Value {
	var out []interp.Value
	for !truthy(th.Call(s.empty, v)) {
		out = append(out, th.Call(s.head, v))
		v = th.Call(s.tail, v)
	}
	return out
}

type vectorSeq struct{ length, ref interp.Value }

func (s vectorSeq) items(th *interp.Thread, v interp.Value) []interp.Value {
	n := th.Call(s.length, v)
	if !n.IsFixnum() {
		th.Error("make-vector-comparator", "length returned a non-integer", n)
	}
	out := make([]interp.Value, n.Fix())
	for i := range out {
		out[i] = th.Call(s.ref, v, interp.Int(i))
	}
	return out
}

func defineSequences() {
	make := func(name string, s func(a []interp.Value) seq, lengthFirst bool) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			elem, typeTest, sq := cmp(a[0]), a[1], s(a)
			test := prim(name+"-type-test", 1, 1, func(th *interp.Thread, a []interp.Value) interp.Value {
				if !truthy(th.Call(typeTest, a[0])) {
					return interp.False
				}
				for _, e := range sq.items(th, a[0]) {
					if !truthy(th.Call(elem.TypeTest, e)) {
						return interp.False
					}
				}
				return interp.True
			})
			eq := prim(name+"=?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
				x, y := sq.items(th, a[0]), sq.items(th, a[1])
				if len(x) != len(y) {
					return interp.False
				}
				for i := range x {
					if !truthy(th.Call(elem.Equality, x[i], y[i])) {
						return interp.False
					}
				}
				return interp.True
			})
			less := prim(name+"<?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
				x, y := sq.items(th, a[0]), sq.items(th, a[1])
				if lengthFirst && len(x) != len(y) {
					return interp.Bool(len(x) < len(y))
				}
				for i := 0; i < len(x) && i < len(y); i++ {
					if !truthy(th.Call(elem.Equality, x[i], y[i])) {
						return interp.Bool(truthy(th.Call(elem.Ordering, x[i], y[i])))
					}
				}
				return interp.Bool(len(x) < len(y))
			})
			hash := prim(name+"-hash", 1, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
				h := uint64(0x3)
				for _, e := range sq.items(th, a[0]) {
					h = combine(h, hashValue(th.Call(elem.Hash, e)))
				}
				return Bounded(th, h)
			})
			return interp.Obj(New(test, eq, less, hash))
		})
	}
	make("make-list-comparator", func(a []interp.Value) seq { return listSeq{a[2], a[3], a[4]} }, false)
	make("make-vector-comparator", func(a []interp.Value) seq { return vectorSeq{a[2], a[3]} }, true)
}
