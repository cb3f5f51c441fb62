package comparator

import (
	"bytes"
	"strings"

	"foment-ls/interp"
)

// The default comparator orders types as SRFI 128 suggests, then by value within a type;
// types registered with comparator-register-default! come after, in the order of registration;
// other objects are equal only to themselves and have no order.
const (
	rankNull = iota
	rankPair
	rankBoolean
	rankChar
	rankString
	rankSymbol
	rankNumber
	rankVector
	rankBytevector
	rankBox
	rankEOF
	rankRegistered // + the index of the registered comparator
)

// rank returns the rank of v's type and the registered comparator for it, if any.
func (s *state) rank(th *interp.Thread, v interp.Value) (int, *Comparator) {
	switch {
	case v.IsNull():
		return rankNull, nil
	case v.IsBoolean():
		return rankBoolean, nil
	case v.IsChar():
		return rankChar, nil
	case v.IsEOF():
		return rankEOF, nil
	case interp.IsNumber(v):
		return rankNumber, nil
	}
	switch v.Object().(type) {
	case *interp.Pair:
		return rankPair, nil
	case *interp.String:
		return rankString, nil
	case *interp.Symbol:
		return rankSymbol, nil
	case *interp.Vector:
		return rankVector, nil
	case *interp.Bytevector:
		return rankBytevector, nil
	case *interp.Box:
		return rankBox, nil
	}
	for i, c := range s.registered {
		if truthy(th.Call(c.TypeTest, v)) {
			return rankRegistered + i, c
		}
	}
	return rankRegistered + len(s.registered), nil
}

func numCompare(th *interp.Thread, op string, a, b interp.Value) bool {
	if a.IsFixnum() && b.IsFixnum() {
		if op == "=" {
			return a.Fix() == b.Fix()
		}
		return a.Fix() < b.Fix()
	}
	return truthy(th.Call(builtin(op), a, b))
}

// Equal is the default comparator's equality.
func Equal(th *interp.Thread, a, b interp.Value) bool {
	s := stateOf(th.In)
	for {
		ra, c := s.rank(th, a)
		if rb, _ := s.rank(th, b); ra != rb {
			return false
		}
		switch ra {
		case rankNull, rankEOF:
			return true
		case rankPair:
			x, y := a.Object().(*interp.Pair), b.Object().(*interp.Pair)
			if !Equal(th, x.Car, y.Car) {
				return false
			}
			a, b = x.Cdr, y.Cdr
			continue
		case rankBoolean, rankChar, rankSymbol:
			return interp.Eq(a, b)
		case rankString:
			return str(a) == str(b)
		case rankNumber:
			return numCompare(th, "=", a, b)
		case rankVector:
			x, y := a.Object().(*interp.Vector).Items, b.Object().(*interp.Vector).Items
			if len(x) != len(y) {
				return false
			}
			for i := range x {
				if !Equal(th, x[i], y[i]) {
					return false
				}
			}
			return true
		case rankBytevector:
			return bytes.Equal(a.Object().(*interp.Bytevector).B, b.Object().(*interp.Bytevector).B)
		case rankBox:
			a, b = a.Object().(*interp.Box).V, b.Object().(*interp.Box).V
			continue
		}
		if c != nil {
			return truthy(th.Call(c.Equality, a, b))
		}
		return interp.Eq(a, b)
	}
}

// Less is the default comparator's ordering.
func Less(th *interp.Thread, a, b interp.Value) bool {
	s := stateOf(th.In)
	for {
		ra, c := s.rank(th, a)
		rb, _ := s.rank(th, b)
		if ra != rb {
			return ra < rb
		}
		switch ra {
		case rankNull, rankEOF:
			return false
		case rankPair:
			x, y := a.Object().(*interp.Pair), b.Object().(*interp.Pair)
			if !Equal(th, x.Car, y.Car) {
				return Less(th, x.Car, y.Car)
			}
			a, b = x.Cdr, y.Cdr
			continue
		case rankBoolean:
			return a.IsFalse() && b.IsTrue()
		case rankChar:
			return a.Rune() < b.Rune()
		case rankString:
			return lessRunes(str(a), str(b))
		case rankSymbol:
			return lessRunes(a.Object().(*interp.Symbol).Name, b.Object().(*interp.Symbol).Name)
		case rankNumber:
			return numCompare(th, "<", a, b)
		case rankVector:
			x, y := a.Object().(*interp.Vector).Items, b.Object().(*interp.Vector).Items
			if len(x) != len(y) {
				return len(x) < len(y)
			}
			for i := range x {
				if !Equal(th, x[i], y[i]) {
					return Less(th, x[i], y[i])
				}
			}
			return false
		case rankBytevector:
			x, y := a.Object().(*interp.Bytevector).B, b.Object().(*interp.Bytevector).B
			if len(x) != len(y) {
				return len(x) < len(y)
			}
			return bytes.Compare(x, y) < 0
		case rankBox:
			a, b = a.Object().(*interp.Box).V, b.Object().(*interp.Box).V
			continue
		}
		if c != nil {
			return truthy(th.Call(c.Ordering, a, b))
		}
		th.Error("default-comparator", "no ordering for objects of this type", a, b)
	}
}

// lessRunes compares strings by code points, as string<? does.
func lessRunes(a, b string) bool { return strings.Compare(a, b) < 0 }

// Hash is the default comparator's hash, as 64 bits: each type's hash function, so that
// (default-hash "t") is (string-hash "t").
func Hash(th *interp.Thread, v interp.Value) uint64 {
	budget := 64
	return defaultHash(th, stateOf(th.In), v, &budget)
}

func defaultHash(th *interp.Thread, s *state, v interp.Value, budget *int) uint64 {
	if *budget--; *budget < 0 {
		return 1
	}
	r, c := s.rank(th, v)
	switch r {
	case rankNull, rankEOF:
		return 0
	case rankBoolean:
		if v.IsFalse() {
			return 0
		}
		return 1
	case rankChar:
		return hashInt(int64(v.Rune()))
	case rankString:
		return HashString(str(v))
	case rankSymbol:
		return HashString(v.Object().(*interp.Symbol).Name)
	case rankNumber:
		return NumberHash(v)
	case rankPair:
		p := v.Object().(*interp.Pair)
		return combine(defaultHash(th, s, p.Car, budget), defaultHash(th, s, p.Cdr, budget))
	case rankVector:
		h := uint64(0x3)
		for _, e := range v.Object().(*interp.Vector).Items {
			if *budget < 0 {
				break
			}
			h = combine(h, defaultHash(th, s, e, budget))
		}
		return h
	case rankBytevector:
		return EqualHash(v)
	case rankBox:
		return combine(0xb0, defaultHash(th, s, v.Object().(*interp.Box).V, budget))
	}
	if c != nil {
		return hashValue(th.Call(c.Hash, v))
	}
	return IdentityHash(v)
}

// IsDefault reports whether c is the thread's default comparator.
func IsDefault(th *interp.Thread, c *Comparator) bool { return stateOf(th.In).def == c }

// The default comparator's procedures (made in defineDefault: they refer to the state, whose
// maker refers to them).
var defaultTypeTest, defaultEqual, defaultLess interp.Value

// DefaultEquality is the equality predicate of every interpreter's default comparator.
func DefaultEquality() interp.Value { return defaultEqual }

func defineDefault() {
	defaultTypeTest = prim("default-comparator-type-test", 1, 1, func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.True
	})
	defaultEqual = prim("default-comparator=?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(Equal(th, a[0], a[1]))
	})
	defaultLess = prim("default-comparator<?", 2, 2, func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(Less(th, a[0], a[1]))
	})
	interp.Define("default-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		if _, c := stateOf(th.In).rank(th, a[0]); c != nil && len(a) == 1 {
			return th.TailCall(c.Hash, a[0]) // a registered type's own hash
		}
		return boundedBy(th, Hash(th, a[0]), a)
	})
	interp.Define("comparator-register-default!", func(th *interp.Thread, a []interp.Value) interp.Value {
		s := stateOf(th.In)
		s.registered = append(s.registered, cmp(a[0]))
		return interp.Unspecified
	})
}
