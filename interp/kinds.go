package interp

import "math/big"

// Run-time predicates for the catalogue's argument kinds, made before any init function
// registers a builtin.
var _ = initKindChecks()

func initKindChecks() bool {
	is := func(f func(v Value) bool, names ...string) {
		for _, n := range names {
			kindChecks[n] = f
		}
	}
	is(IsNumber, "number", "z")
	is(isReal, "real", "x", "y")
	is(isRational, "rational", "q")
	is(isInteger, "integer", "n", "m")
	is(isExactInteger, "exact-integer", "flags")
	is(isIndex, "index", "k", "start", "end", "at", "size", "backlog")
	is(func(v Value) bool { return v.o == nil && (v.n == 2 || v.n == 8 || v.n == 10 || v.n == 16) }, "radix")
	is(func(v Value) bool { return v.o == nil && v.n >= 0 && v.n <= 255 }, "byte")
	is(func(v Value) bool { return v.o == charTag }, "char")
	is(func(v Value) bool { _, ok := v.o.(*String); return ok }, "string", "filename", "name", "node", "service")
	is(func(v Value) bool { _, ok := v.o.(*Symbol); return ok }, "symbol")
	is(func(v Value) bool { return v.o == True.o || v.o == False.o }, "boolean")
	is(func(v Value) bool { _, ok := v.o.(*Pair); return ok }, "pair")
	is(isList, "list", "alist")
	is(func(v Value) bool { _, ok := v.o.(*Vector); return ok }, "vector")
	is(func(v Value) bool { _, ok := v.o.(*Bytevector); return ok }, "bytevector")
	is(IsProcedure, "proc", "procedure", "thunk", "handler")
	is(func(v Value) bool { _, ok := v.o.(*Port); return ok }, "port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Input }, "input-port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Output }, "output-port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Input && p.Textual }, "textual-input-port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Output && p.Textual }, "textual-output-port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Input && p.Binary }, "binary-input-port")
	is(func(v Value) bool { p, ok := v.o.(*Port); return ok && p.Output && p.Binary }, "binary-output-port")
	is(func(v Value) bool { _, ok := v.o.(*Condition); return ok }, "error-object")
	is(func(v Value) bool { _, ok := v.o.(*Promise); return ok }, "promise")
	is(func(v Value) bool { _, ok := v.o.(*Env); return ok }, "environment")
	is(func(v Value) bool { _, ok := v.o.(*Record); return ok }, "record")
	is(func(v Value) bool { _, ok := v.o.(*Parameter); return ok }, "parameter")
	is(func(v Value) bool { _, ok := v.o.(*Codec); return ok }, "codec")
	is(func(v Value) bool { _, ok := v.o.(*Transcoder); return ok }, "transcoder")
	is(isSymbolIn("none", "lf", "crlf"), "eol-style")
	is(isSymbolIn("replace", "raise"), "handling-mode")
	return true
}

// fastKind names a test of an argument's kind that checkPrimitive makes without a call: it
// accepts the commonest values of the kind (all of them, or fixnums and flonums of a number).
type fastKind uint8

const (
	fastNone fastKind = iota
	fastString
	fastChar
	fastPair
	fastFixnum // a fixnum (integer kinds: bignums and integral flonums go to the check)
	fastIndex  // a non-negative fixnum
	fastReal   // a fixnum or a flonum (number kinds)
)

// fastKinds are the argument kinds with a fast test; each accepts only values its kindChecks
// entry accepts (TestFastKinds).
var fastKinds = map[string]fastKind{
	"string": fastString, "filename": fastString, "name": fastString, "node": fastString, "service": fastString,
	"char": fastChar, "pair": fastPair,
	"integer": fastFixnum, "n": fastFixnum, "m": fastFixnum, "exact-integer": fastFixnum,
	"index": fastIndex, "k": fastIndex, "start": fastIndex, "end": fastIndex, "at": fastIndex, "size": fastIndex,
	"number": fastReal, "z": fastReal, "real": fastReal, "x": fastReal, "y": fastReal,
}

// accepts is the fast test (false: ask the kind's check).
func (k fastKind) accepts(a Value) bool {
	switch k {
	case fastString:
		_, ok := a.o.(*String)
		return ok
	case fastChar:
		return a.o == charTag
	case fastPair:
		_, ok := a.o.(*Pair)
		return ok
	case fastFixnum:
		return a.o == nil
	case fastIndex:
		return a.o == nil && a.n >= 0
	case fastReal:
		return a.o == nil || a.o == flonumTag
	}
	return false
}

// isSymbolIn accepts the symbols of those names.
func isSymbolIn(names ...string) func(Value) bool {
	return func(v Value) bool {
		s, ok := v.o.(*Symbol)
		return ok && contains(names, s.Name)
	}
}

func isRational(v Value) bool {
	switch v.o.(type) {
	case nil, *big.Int, *big.Rat:
		return true
	}
	if v.o == flonumTag {
		f := v.Flo()
		return f == f && f-f == 0 // finite
	}
	return false
}

// isIndex: an exact non-negative integer that fits a fixnum.
func isIndex(v Value) bool { return v.o == nil && v.n >= 0 }

// isList reports whether v is a proper list (cycles are not lists).
func isList(v Value) bool { return listLength(v) >= 0 }

// listLength returns the number of elements of a proper list, or -1 for an improper or
// circular one. It follows *Pair pointers (comparing interfaces would call the runtime).
func listLength(v Value) int {
	p, ok := v.o.(*Pair)
	if !ok {
		if v.o == Null.o {
			return 0
		}
		return -1
	}
	slow := p
	for n := 1; ; n++ {
		next := p.Cdr
		if p, ok = next.o.(*Pair); !ok {
			if next.o == Null.o {
				return n
			}
			return -1
		}
		if n&1 == 0 {
			// The tortoise takes one step for two: it meets p only on a circular list.
			slow = slow.Cdr.o.(*Pair)
			if slow == p {
				return -1
			}
		}
	}
}
