package interp

import (
	"math"
	"math/big"
	"strings"
	"sync"
	"unsafe"
)

// Value is a Scheme value. Small integers (fixnums), flonums, characters and the other
// immediates live in the struct itself, so arithmetic on them never allocates; everything else
// is a pointer in o.
//
//	o == nil          fixnum n
//	o == flonumTag    flonum, n holds the IEEE bits
//	o == charTag      character, n holds the rune
//	otherwise         o is the object (*Pair, *String, *Symbol, *big.Int, *big.Rat, ...)
//
// The zero Value is the fixnum 0.
type Value struct {
	o any
	n int64
}

type tag struct{ name string }

var (
	flonumTag = &tag{"flonum"}
	charTag   = &tag{"char"}
)

// special is the type of the unique objects: booleans, the empty list, eof, ...
type special struct{ name string }

var (
	Null        = Value{o: &special{"()"}}
	True        = Value{o: &special{"#t"}}
	False       = Value{o: &special{"#f"}}
	EOF         = Value{o: &special{"#<end-of-file>"}}
	Unspecified = Value{o: &special{"#<unspecified>"}}
	// Default is the value of an optional argument that was not given.
	Default = Value{o: &special{"#<default>"}}
	// Unassigned marks a letrec variable or global read before its definition ran.
	Unassigned = Value{o: &special{"#<unassigned>"}}
	// tailMarker is returned by code in tail position after it has set up a tail call.
	tailMarker = Value{o: &special{"#<tail-call>"}}
)

// The unique objects as typed pointers: comparing with a type assertion avoids the runtime's
// generic interface comparison on hot paths.
var (
	falseObj = False.o.(*special)
	tailObj  = tailMarker.o.(*special)
	unassObj = Unassigned.o.(*special)
)

func isSpecial(v Value, s *special) bool {
	x, ok := v.o.(*special)
	return ok && x == s
}

func Fixnum(n int64) Value   { return Value{n: n} }
func Int(n int) Value        { return Value{n: int64(n)} }
func Flonum(f float64) Value { return Value{o: flonumTag, n: int64(math.Float64bits(f))} }
func Char(r rune) Value      { return Value{o: charTag, n: int64(r)} }
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// Obj wraps a heap object. It must not be used for numbers or characters.
func Obj(o any) Value { return Value{o: o} }

func (v Value) IsFixnum() bool  { return v.o == nil }
func (v Value) IsFlonum() bool  { return v.o == flonumTag }
func (v Value) IsChar() bool    { return v.o == charTag }
func (v Value) IsNull() bool    { return v.o == Null.o }
func (v Value) IsFalse() bool   { return isSpecial(v, falseObj) }
func (v Value) IsTrue() bool    { return !isSpecial(v, falseObj) }
func (v Value) IsBoolean() bool { return v.o == True.o || v.o == False.o }
func (v Value) IsEOF() bool     { return v.o == EOF.o }

// Fix returns the fixnum's integer; only valid when IsFixnum.
func (v Value) Fix() int64 { return v.n }

// Flo returns the flonum's float; only valid when IsFlonum.
func (v Value) Flo() float64 { return math.Float64frombits(uint64(v.n)) }

// Rune returns the character; only valid when IsChar.
func (v Value) Rune() rune { return rune(v.n) }

// Object returns the heap object (nil for immediates).
func (v Value) Object() any {
	if v.o == nil || v.o == flonumTag || v.o == charTag {
		return nil
	}
	return v.o
}

// Eq is eq?: identity of objects, equality of immediates.
func Eq(a, b Value) bool { return a.n == b.n && sameObject(a.o, b.o) }

// sameObject reports whether x and y hold the same object. Every object a Value holds is a
// pointer, so the two words of the interfaces decide: comparing them directly spares the
// runtime call (efaceeq) that == makes whenever the types are the same — in assq and memq,
// at every element.
func sameObject(x, y any) bool {
	ex, ey := (*[2]unsafe.Pointer)(unsafe.Pointer(&x)), (*[2]unsafe.Pointer)(unsafe.Pointer(&y))
	return ex[0] == ey[0] && ex[1] == ey[1]
}

// Pair is a mutable cons cell.
type Pair struct{ Car, Cdr Value }

func Cons(a, d Value) Value { return Value{o: &Pair{a, d}} }

func (v Value) Pair() (*Pair, bool) {
	p, ok := v.o.(*Pair)
	return p, ok
}

// List makes a proper list.
func List(vs ...Value) Value {
	l := Null
	for i := len(vs) - 1; i >= 0; i-- {
		l = Cons(vs[i], l)
	}
	return l
}

// ListToSlice returns the elements of a proper list, or ok=false for an improper or circular
// one.
func ListToSlice(l Value) ([]Value, bool) {
	var out []Value
	slow := l
	for {
		if l.IsNull() {
			return out, true
		}
		p, ok := l.o.(*Pair)
		if !ok {
			return out, false
		}
		out = append(out, p.Car)
		l = p.Cdr
		if len(out)&1 == 0 {
			// The tortoise takes one step for two: it meets l only if the list is circular.
			slow = slow.o.(*Pair).Cdr
			if sp := slow.o.(*Pair); l.o == any(sp) {
				return out, false
			}
		}
	}
}

// Symbol is an interned name.
type Symbol struct{ Name string }

var symtab sync.Map // string -> *Symbol

// Intern returns the unique symbol of that name.
func Intern(name string) *Symbol {
	if s, ok := symtab.Load(name); ok {
		return s.(*Symbol)
	}
	// A clone: the name may be a slice of a whole source text, which the table must not keep.
	name = strings.Clone(name)
	s, _ := symtab.LoadOrStore(name, &Symbol{name})
	return s.(*Symbol)
}

// Sym returns the symbol of that name as a value.
func Sym(name string) Value { return Value{o: Intern(name)} }

var gensymCounter struct {
	sync.Mutex
	n int
}

// Vector is a Scheme vector.
type Vector struct{ Items []Value }

func Vec(items []Value) Value { return Value{o: &Vector{items}} }

// Bytevector is a Scheme bytevector.
type Bytevector struct{ B []byte }

func Bytes(b []byte) Value { return Value{o: &Bytevector{b}} }

// Box holds a variable that closures capture and something assigns.
type Box struct{ V Value }

// MultipleValues is what (values a b ...) returns for any count but one.
type MultipleValues struct{ Vals []Value }

// valuesOf returns a copy of vs (a procedure's arguments on the stack) as the result of a
// procedure: few values take one allocation, the slice inside the object.
func valuesOf(vs []Value) Value {
	switch len(vs) {
	case 1:
		return vs[0]
	case 2:
		m := &struct {
			MultipleValues
			b [2]Value
		}{b: [2]Value{vs[0], vs[1]}}
		m.Vals = m.b[:]
		return Value{o: &m.MultipleValues}
	case 3:
		m := &struct {
			MultipleValues
			b [3]Value
		}{b: [3]Value{vs[0], vs[1], vs[2]}}
		m.Vals = m.b[:]
		return Value{o: &m.MultipleValues}
	}
	return Values(append([]Value(nil), vs...)...)
}

// Values returns vs as the result of a procedure.
func Values(vs ...Value) Value {
	if len(vs) == 1 {
		return vs[0]
	}
	return Value{o: &MultipleValues{vs}}
}

// bigInt values are normalised: a result that fits in int64 is always a fixnum.
func normBig(b *big.Int) Value {
	if b.IsInt64() {
		return Value{n: b.Int64()}
	}
	return Value{o: b}
}

// BigInt wraps an exact integer, as a fixnum when it fits.
func BigInt(b *big.Int) Value { return normBig(b) }

// normRat: a rational with denominator 1 is an integer.
func normRat(r *big.Rat) Value {
	if r.IsInt() {
		return normBig(new(big.Int).Set(r.Num()))
	}
	return Value{o: r}
}

// Rat wraps an exact rational, as an integer when its denominator is 1.
func Rat(r *big.Rat) Value { return normRat(r) }

// StringOf returns the text of a Scheme string value; only valid when v is a string.
func StringOf(v Value) string { return v.o.(*String).String() }
