package interp

import (
	"math"
	"math/big"
	"testing"
)

// TestFastKinds checks that the fast test of each argument kind accepts only values the kind's
// check accepts, and accepts the values it is there for.
func TestFastKinds(t *testing.T) {
	values := []Value{Fixnum(0), Fixnum(-1), Fixnum(math.MaxInt64), Flonum(1.5), Flonum(2), Flonum(math.NaN()),
		Flonum(math.Inf(1)), Obj(big.NewInt(1)), Char('a'), Char('λ'), Str("s"), Str("λ"), Cons(True, Null),
		Null, True, False, EOF, Unspecified, Default, Obj(&Vector{}), Obj(&Bytevector{}), Obj(new(big.Rat).SetFrac64(1, 3))}
	accepted := map[fastKind]int{}
	for name, k := range fastKinds {
		ok := kindChecks[name]
		if ok == nil {
			t.Errorf("kind %q has a fast test and no check", name)
			continue
		}
		for _, v := range values {
			if k.accepts(v) {
				accepted[k]++
				if !ok(v) {
					t.Errorf("kind %q: the fast test accepts %s, the check does not", name, WriteString(v))
				}
			}
		}
	}
	for k := fastString; k <= fastReal; k++ {
		if accepted[k] == 0 {
			t.Errorf("fast kind %d accepts none of the values", k)
		}
	}
}

// TestFastArity checks that every builtin with a fast function of n arguments takes n.
func TestFastArity(t *testing.T) {
	n := 0
	for name, p := range registry {
		if p.fast1 != nil && (p.Min > 1 || p.Max >= 0 && p.Max < 1) {
			t.Errorf("%s: a fast function of one argument, arity %d..%d", name, p.Min, p.Max)
		}
		if p.fast2 != nil && (p.Min > 2 || p.Max >= 0 && p.Max < 2) {
			t.Errorf("%s: a fast function of two arguments, arity %d..%d", name, p.Min, p.Max)
		}
		if p.fast1 != nil || p.fast2 != nil {
			n++
		}
	}
	if n < len(fastOnes)+len(fastTwos) {
		t.Errorf("%d builtins have a fast function, %d were given one", n, len(fastOnes)+len(fastTwos))
	}
}
