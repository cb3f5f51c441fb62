// Package bitwise is (srfi 60) and (srfi 151): integers as bits, on exact integers of any size.
// The basic operations (bitwise-and, arithmetic-shift ...) are (foment base)'s, in interp.
package bitwise

import (
	"math/big"

	"foment-ls/interp"
)

type value = interp.Value

func bigOf(v value) *big.Int {
	if v.IsFixnum() {
		return big.NewInt(v.Fix())
	}
	return new(big.Int).Set(v.Object().(*big.Int))
}

func num(b *big.Int) value { return interp.BigInt(b) }

func idx(v value) uint { return uint(v.Fix()) }

func truthy(v value) bool { return !v.IsFalse() }

// mask returns the integer with bits start to end-1 set.
func mask(start, end uint) *big.Int {
	if end <= start {
		return new(big.Int)
	}
	m := new(big.Int).Lsh(big.NewInt(1), end-start)
	m.Sub(m, big.NewInt(1))
	return m.Lsh(m, start)
}

// field returns the bits of n from start to end, shifted down.
func field(n *big.Int, start, end uint) *big.Int {
	r := new(big.Int).Rsh(n, start)
	return r.And(r, mask(0, end-start))
}

// replace returns dest with bits start to end taken from the low bits of src.
func replace(dest, src *big.Int, start, end uint) *big.Int {
	m := mask(start, end)
	keep := new(big.Int).AndNot(dest, m)
	put := new(big.Int).Lsh(src, start)
	put.And(put, m)
	return keep.Or(keep, put)
}

// merge is the bits of n0 under mask and of n1 elsewhere.
func merge(m, n0, n1 *big.Int) *big.Int {
	a := new(big.Int).And(m, n0)
	b := new(big.Int).AndNot(n1, m)
	return a.Or(a, b)
}

func checkRange(th *interp.Thread, who string, start, end value) (uint, uint) {
	if start.Fix() > end.Fix() {
		th.Error(who, "expected start <= end", start, end)
	}
	return idx(start), idx(end)
}

func rotate(th *interp.Thread, who string, a []value) value {
	n := bigOf(a[0])
	start, end := checkRange(th, who, a[2], a[3])
	width := end - start
	if width == 0 {
		return a[0]
	}
	count := new(big.Int).Mod(bigOf(a[1]), big.NewInt(int64(width))).Uint64()
	f := field(n, start, end)
	rot := new(big.Int).Lsh(f, uint(count))
	rot.Or(rot, new(big.Int).Rsh(f, width-uint(count)))
	return num(replace(n, rot, start, end))
}

func reverse(th *interp.Thread, who string, a []value) value {
	n := bigOf(a[0])
	start, end := checkRange(th, who, a[1], a[2])
	f := field(n, start, end)
	r := new(big.Int)
	for i := uint(0); i < end-start; i++ {
		r.SetBit(r, int(end-start-1-i), f.Bit(int(i)))
	}
	return num(replace(n, r, start, end))
}

// bitsOf returns the bits of k, least significant first: len of them, or up to its length.
func bitsOf(a []value) []value {
	k := bigOf(a[0])
	n := k.BitLen()
	if len(a) > 1 {
		n = int(a[1].Fix())
	}
	out := make([]value, n)
	for i := range out {
		out[i] = interp.Bool(bitAt(k, i))
	}
	return out
}

// bitAt is bit i in two's complement.
func bitAt(k *big.Int, i int) bool {
	if k.Sign() >= 0 {
		return k.Bit(i) == 1
	}
	n := new(big.Int).Not(k)
	return n.Bit(i) == 0
}

// fromBits makes an integer from booleans, least significant first.
func fromBits(bs []value) value {
	r := new(big.Int)
	for i, b := range bs {
		if truthy(b) {
			r.SetBit(r, i, 1)
		}
	}
	return num(r)
}

func reversed(vs []value) []value {
	out := make([]value, len(vs))
	for i, v := range vs {
		out[len(vs)-1-i] = v
	}
	return out
}

func init() {
	define := interp.Define
	bin := func(name string, f func(x, y *big.Int) *big.Int) {
		define(name, func(th *interp.Thread, a []value) value { return num(f(bigOf(a[0]), bigOf(a[1]))) })
	}
	not := func(x *big.Int) *big.Int { return new(big.Int).Not(x) }
	bin("bitwise-nand", func(x, y *big.Int) *big.Int { return not(new(big.Int).And(x, y)) })
	bin("bitwise-nor", func(x, y *big.Int) *big.Int { return not(new(big.Int).Or(x, y)) })
	bin("bitwise-andc1", func(x, y *big.Int) *big.Int { return new(big.Int).AndNot(y, x) })
	bin("bitwise-andc2", func(x, y *big.Int) *big.Int { return new(big.Int).AndNot(x, y) })
	bin("bitwise-orc1", func(x, y *big.Int) *big.Int { return new(big.Int).Or(not(x), y) })
	bin("bitwise-orc2", func(x, y *big.Int) *big.Int { return new(big.Int).Or(x, not(y)) })
	define("bitwise-eqv", func(th *interp.Thread, a []value) value {
		r := big.NewInt(-1)
		for _, x := range a {
			r = not(r.Xor(r, bigOf(x)))
		}
		return num(r)
	})
	define("bitwise-merge", func(th *interp.Thread, a []value) value {
		return num(merge(bigOf(a[0]), bigOf(a[1]), bigOf(a[2])))
	})
	anySet := func(th *interp.Thread, a []value) value {
		if a[0].IsFixnum() && a[1].IsFixnum() {
			return interp.Bool(a[0].Fix()&a[1].Fix() != 0)
		}
		return interp.Bool(new(big.Int).And(bigOf(a[0]), bigOf(a[1])).Sign() != 0)
	}
	define("any-bits-set?", anySet)
	define("any-bit-set?", anySet)
	define("every-bit-set?", func(th *interp.Thread, a []value) value {
		t := bigOf(a[0])
		return interp.Bool(new(big.Int).And(t, bigOf(a[1])).Cmp(t) == 0)
	})
	define("first-set-bit", func(th *interp.Thread, a []value) value {
		n := bigOf(a[0])
		if n.Sign() == 0 {
			return interp.Fixnum(-1)
		}
		return interp.Int(int(n.TrailingZeroBits()))
	})
	define("bit-set?", func(th *interp.Thread, a []value) value {
		if a[1].IsFixnum() {
			i := a[0].Fix()
			if i >= 63 {
				return interp.Bool(a[1].Fix() < 0)
			}
			return interp.Bool(a[1].Fix()>>i&1 == 1)
		}
		return interp.Bool(bitAt(bigOf(a[1]), int(a[0].Fix())))
	})
	define("copy-bit", func(th *interp.Thread, a []value) value {
		n := bigOf(a[1])
		bit := mask(idx(a[0]), idx(a[0])+1)
		if truthy(a[2]) {
			return num(n.Or(n, bit))
		}
		return num(n.AndNot(n, bit))
	})
	define("bit-swap", func(th *interp.Thread, a []value) value {
		n := bigOf(a[2])
		i, j := int(a[0].Fix()), int(a[1].Fix())
		bi, bj := bitAt(n, i), bitAt(n, j)
		set := func(n *big.Int, k int, b bool) *big.Int {
			m := mask(uint(k), uint(k)+1)
			if b {
				return n.Or(n, m)
			}
			return n.AndNot(n, m)
		}
		return num(set(set(n, i, bj), j, bi))
	})
	define("bit-field", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field", a[1], a[2])
		return num(field(bigOf(a[0]), start, end))
	})
	define("bit-field-any?", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field-any?", a[1], a[2])
		return interp.Bool(field(bigOf(a[0]), start, end).Sign() != 0)
	})
	define("bit-field-every?", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field-every?", a[1], a[2])
		return interp.Bool(field(bigOf(a[0]), start, end).Cmp(mask(0, end-start)) == 0)
	})
	define("bit-field-clear", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field-clear", a[1], a[2])
		return num(replace(bigOf(a[0]), new(big.Int), start, end))
	})
	define("bit-field-set", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field-set", a[1], a[2])
		return num(replace(bigOf(a[0]), big.NewInt(-1), start, end))
	})
	replaceProc := func(name string) func(th *interp.Thread, a []value) value {
		return func(th *interp.Thread, a []value) value {
			start, end := checkRange(th, name, a[2], a[3])
			return num(replace(bigOf(a[0]), bigOf(a[1]), start, end))
		}
	}
	define("bit-field-replace", replaceProc("bit-field-replace"))
	define("copy-bit-field", replaceProc("copy-bit-field"))
	define("bit-field-replace-same", func(th *interp.Thread, a []value) value {
		start, end := checkRange(th, "bit-field-replace-same", a[2], a[3])
		return num(merge(mask(start, end), bigOf(a[1]), bigOf(a[0])))
	})
	define("bit-field-rotate", func(th *interp.Thread, a []value) value { return rotate(th, "bit-field-rotate", a) })
	define("rotate-bit-field", func(th *interp.Thread, a []value) value { return rotate(th, "rotate-bit-field", a) })
	define("bit-field-reverse", func(th *interp.Thread, a []value) value { return reverse(th, "bit-field-reverse", a) })
	define("reverse-bit-field", func(th *interp.Thread, a []value) value { return reverse(th, "reverse-bit-field", a) })

	// SRFI 60 lists bits most significant first; SRFI 151 least significant first.
	define("integer->list", func(th *interp.Thread, a []value) value { return interp.List(reversed(bitsOf(a))...) })
	define("list->integer", func(th *interp.Thread, a []value) value {
		l, _ := interp.ListToSlice(a[0])
		return fromBits(reversed(l))
	})
	define("booleans->integer", func(th *interp.Thread, a []value) value { return fromBits(reversed(a)) })
	define("bits->list", func(th *interp.Thread, a []value) value { return interp.List(bitsOf(a)...) })
	define("bits->vector", func(th *interp.Thread, a []value) value { return interp.Vec(bitsOf(a)) })
	define("list->bits", func(th *interp.Thread, a []value) value {
		l, _ := interp.ListToSlice(a[0])
		return fromBits(l)
	})
	define("vector->bits", func(th *interp.Thread, a []value) value {
		return fromBits(a[0].Object().(*interp.Vector).Items)
	})
	define("bits", func(th *interp.Thread, a []value) value { return fromBits(a) })

	define("bitwise-fold", func(th *interp.Thread, a []value) value {
		acc := a[1]
		n := bigOf(a[2])
		for i := 0; i < n.BitLen(); i++ {
			acc = th.Call(a[0], interp.Bool(bitAt(n, i)), acc)
		}
		return acc
	})
	define("bitwise-for-each", func(th *interp.Thread, a []value) value {
		n := bigOf(a[1])
		for i := 0; i < n.BitLen(); i++ {
			th.Call(a[0], interp.Bool(bitAt(n, i)))
		}
		return interp.Unspecified
	})
	define("bitwise-unfold", func(th *interp.Thread, a []value) value {
		r := new(big.Int)
		seed := a[3]
		for i := 0; !truthy(th.Call(a[0], seed)); i++ {
			if truthy(th.Call(a[1], seed)) {
				r.SetBit(r, i, 1)
			}
			seed = th.Call(a[2], seed)
		}
		return num(r)
	})
	define("make-bitwise-generator", func(th *interp.Thread, a []value) value {
		n := bigOf(a[0])
		i := 0
		return interp.Obj(&interp.Primitive{Name: "bitwise-generator", Min: 0, Max: 0,
			Fn: func(th *interp.Thread, _ []value) value {
				b := bitAt(n, i)
				i++
				return interp.Bool(b)
			}})
	})
}
