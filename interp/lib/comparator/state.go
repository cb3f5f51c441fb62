package comparator

import (
	"math/big"

	"foment-ls/interp"
)

// state is what each interpreter has of its own: the hash bound and salt parameters, the
// default comparator with the comparators registered in it, and the eq/eqv/equal comparators.
type state struct {
	bound, salt    *interp.Parameter
	def            *Comparator
	registered     []*Comparator
	eq, eqv, equal *Comparator
}

type stateKey struct{}

func stateOf(in *interp.Interp) *state {
	return in.State(stateKey{}, func() any {
		s := &state{
			bound: &interp.Parameter{Value: interp.Fixnum(defaultBound), Converter: checkHashParam("%check-hash-bound")},
			salt:  &interp.Parameter{Value: interp.Fixnum(defaultSalt), Converter: checkHashParam("%check-hash-salt")},
		}
		dh := builtin("default-hash")
		s.def = New(defaultTypeTest, defaultEqual, defaultLess, dh)
		s.eq = New(anyObject, builtin("eq?"), noOrdering, dh)
		s.eqv = New(anyObject, builtin("eqv?"), noOrdering, dh)
		s.equal = New(anyObject, builtin("equal?"), noOrdering, dh)
		return s
	}).(*state)
}

// checkHashParam is the converter of the hash bound and salt parameters: a non-negative exact
// integer, a bignum standing for the largest fixnum.
func checkHashParam(who string) interp.Value {
	return prim(who, 1, 1, func(th *interp.Thread, a []interp.Value) interp.Value {
		if a[0].IsFixnum() && a[0].Fix() >= 0 {
			return a[0]
		}
		if b, ok := a[0].Object().(*big.Int); ok && b.Sign() > 0 {
			return interp.Fixnum(1<<62 - 1)
		}
		return th.Error(who, "expected a non-negative exact integer", a[0])
	})
}

// Bounded reduces a 64-bit hash below the thread's (hash-bound), mixing in its (hash-salt):
// the value a Scheme hash function returns.
func Bounded(th *interp.Thread, h uint64) interp.Value {
	s := stateOf(th.In)
	return bounded(th, h, th.ParameterValue(s.bound).Fix())
}

// boundedBy is Bounded below an explicit bound when the arguments hold one (SRFI 69's optional
// second argument).
func boundedBy(th *interp.Thread, h uint64, a []interp.Value) interp.Value {
	if len(a) > 1 && a[1].Fix() > 0 {
		return bounded(th, h, a[1].Fix())
	}
	return Bounded(th, h)
}

func bounded(th *interp.Thread, h uint64, bound int64) interp.Value {
	s := stateOf(th.In)
	salt := th.ParameterValue(s.salt).Fix()
	if bound <= 0 {
		bound = 1<<62 - 1
	}
	return interp.Fixnum(int64(mix(h^uint64(salt)) % uint64(bound)))
}

func defineHashes() {
	interp.DefineVariable("hash-bound-parameter", func(in *interp.Interp) interp.Value {
		return interp.Obj(stateOf(in).bound)
	})
	interp.DefineVariable("hash-salt-parameter", func(in *interp.Interp) interp.Value {
		return interp.Obj(stateOf(in).salt)
	})
	hash := func(name string, h func(v interp.Value) uint64) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			return Bounded(th, h(a[0]))
		})
	}
	hash("boolean-hash", func(v interp.Value) uint64 {
		if v.IsFalse() {
			return 0
		}
		return 1
	})
	hash("char-hash", func(v interp.Value) uint64 { return hashInt(int64(v.Rune())) })
	hash("char-ci-hash", func(v interp.Value) uint64 { return hashInt(int64(foldRune(v.Rune()))) })
	interp.Define("string-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		return boundedBy(th, HashString(str(a[0])), a)
	})
	interp.Define("string-ci-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		return boundedBy(th, HashString(interp.FoldString(str(a[0]))), a)
	})
	hash("symbol-hash", func(v interp.Value) uint64 { return HashString(v.Object().(*interp.Symbol).Name) })
	hash("number-hash", NumberHash)
	interp.Define("eq-hash", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Fixnum(int64(IdentityHash(a[0]) >> 33))
	})
}

func str(v interp.Value) string { return v.Object().(*interp.String).String() }

// Singletons returns the interpreter's eq?, eqv? and equal? comparators.
func defineConstructors() {
	one := func(name string, get func(s *state) *Comparator) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			return interp.Obj(get(stateOf(th.In)))
		})
	}
	one("make-eq-comparator", func(s *state) *Comparator { return s.eq })
	one("make-eqv-comparator", func(s *state) *Comparator { return s.eqv })
	one("make-equal-comparator", func(s *state) *Comparator { return s.equal })
	one("make-default-comparator", func(s *state) *Comparator { return s.def })
	definePair()
	defineSequences()
}
