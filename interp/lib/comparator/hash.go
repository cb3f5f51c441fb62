package comparator

import (
	"hash/maphash"
	"math"
	"math/big"
	"unicode"

	"foment-ls/interp"
)

// Hashes are computed as 64-bit values in Go; the Scheme hash functions reduce them below
// (hash-bound) after mixing in (hash-salt). Foment's defaults for both.
const (
	defaultBound = 268435455
	defaultSalt  = 16064047
)

// mix is a 64-bit finalizer (splitmix64): nearby inputs get unrelated hashes.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// combine folds a hash into an accumulated one, order-sensitively.
func combine(acc, h uint64) uint64 { return mix(acc*31 + h + 0x9e3779b97f4a7c15) }

// HashString hashes a string's characters (deterministic from run to run, unlike maphash).
func HashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

func hashInt(n int64) uint64 { return mix(uint64(n) ^ 0x5bd1e995) }

func hashBig(b *big.Int) uint64 {
	h := uint64(b.Sign())
	for _, w := range b.Bits() {
		h = combine(h, uint64(w))
	}
	return h
}

// NumberHash hashes a number so that numbers that are = hash alike (2 and 2.0, 1/2 and 0.5).
func NumberHash(v interp.Value) uint64 {
	if v.IsFixnum() {
		return hashInt(v.Fix())
	}
	if v.IsFlonum() {
		f := v.Flo()
		switch {
		case math.IsNaN(f):
			return 0x7ff8
		case math.IsInf(f, 0):
			return mix(math.Float64bits(f))
		case f == math.Trunc(f) && math.Abs(f) < 1<<62:
			return hashInt(int64(f))
		}
		r, _ := new(big.Rat).SetString(big.NewFloat(f).Text('g', -1))
		if r == nil {
			return mix(math.Float64bits(f))
		}
		if r.IsInt() {
			return hashBig(r.Num())
		}
		return combine(hashBig(r.Num()), hashBig(r.Denom()))
	}
	switch x := v.Object().(type) {
	case *big.Int:
		return hashBig(x)
	case *big.Rat:
		return combine(hashBig(x.Num()), hashBig(x.Denom()))
	}
	return 0 // another kind of number: = numbers still meet in one bucket
}

// identitySeed hashes objects by identity: the same for the life of the process, as the
// collector never moves an object.
var identitySeed = maphash.MakeSeed()

// IdentityHash hashes a value as eq? sees it.
func IdentityHash(v interp.Value) uint64 { return maphash.Comparable(identitySeed, v) }

// EqualHash hashes a value so that equal? values hash alike: the contents of pairs, strings,
// vectors, bytevectors and boxes, up to a budget of parts (a long or circular structure hashes
// by its first parts), and everything else as eqv? sees it.
func EqualHash(v interp.Value) uint64 {
	budget := 64
	return equalHash(v, &budget)
}

func equalHash(v interp.Value, budget *int) uint64 {
	*budget--
	if *budget < 0 {
		return 1
	}
	if v.IsFixnum() || v.IsFlonum() {
		return mix(uint64(v.Fix()) + 7)
	}
	if v.IsChar() {
		return hashInt(int64(v.Rune()) + 0x10000000)
	}
	switch x := v.Object().(type) {
	case *interp.Pair:
		h := uint64(0x1f)
		for {
			h = combine(h, equalHash(x.Car, budget))
			next, ok := x.Cdr.Object().(*interp.Pair)
			if !ok {
				return combine(h, equalHash(x.Cdr, budget))
			}
			if *budget--; *budget < 0 {
				return h
			}
			x = next
		}
	case *interp.String:
		return HashString(x.String())
	case *interp.Symbol:
		return combine(0x5, HashString(x.Name))
	case *interp.Vector:
		h := uint64(len(x.Items))
		for _, e := range x.Items {
			if *budget < 0 {
				break
			}
			h = combine(h, equalHash(e, budget))
		}
		return h
	case *interp.Bytevector:
		h := uint64(14695981039346656037)
		for _, b := range x.B {
			h ^= uint64(b)
			h *= 1099511628211
		}
		return mix(h)
	case *interp.Box:
		return combine(0xb0, equalHash(x.V, budget))
	case *big.Int:
		return hashBig(x)
	case *big.Rat:
		return combine(hashBig(x.Num()), hashBig(x.Denom()))
	}
	if interp.IsNumber(v) {
		return 0x4e // another kind of number, compared by value
	}
	return IdentityHash(v)
}

// foldRune folds a character's case for the -ci hashes.
func foldRune(r rune) rune {
	if r < unicode.MaxASCII {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return interp.FoldRune(r)
}
