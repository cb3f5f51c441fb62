package interp

import (
	"math/big"
	"reflect"
)

// Procedures about procedures and the dynamic environment: %execute-proc, %procedure-code,
// call-with-parameterize, and the type tags of SRFI 128's default comparator.

// The type tags of object-type-tag: one per kind of object a program can tell apart.
const (
	tagOther = iota
	tagFixnum
	tagBignum
	tagRatnum
	tagFlonum
	tagComplex
	tagChar
	tagBoolean
	tagNull
	tagEOF
	tagNoValue
	tagSymbol
	tagString
	tagPair
	tagVector
	tagBytevector
	tagProcedure
	tagPort
	tagRecord
	tagPromise
	tagCondition
	tagEnvironment
	nTags
)

// typeTag returns the type tag of a value; objects of other packages' types (sockets,
// hash tables …) get a tag of their own per Go type, from tagOther on.
func typeTag(v Value) int {
	switch x := v.o.(type) {
	case nil:
		return tagFixnum
	case *tag:
		if v.o == flonumTag {
			return tagFlonum
		}
		return tagChar
	case *special:
		switch v.o {
		case True.o, False.o:
			return tagBoolean
		case Null.o:
			return tagNull
		case EOF.o:
			return tagEOF
		}
		return tagNoValue
	case *big.Int:
		return tagBignum
	case *big.Rat:
		return tagRatnum
	case *Complex:
		return tagComplex
	case *Symbol:
		return tagSymbol
	case *String:
		return tagString
	case *Pair:
		return tagPair
	case *Vector:
		return tagVector
	case *Bytevector:
		return tagBytevector
	case *Port:
		return tagPort
	case *Record:
		return tagRecord
	case *Promise:
		return tagPromise
	case *Condition:
		return tagCondition
	case *Env:
		return tagEnvironment
	default:
		if IsProcedure(v) {
			return tagProcedure
		}
		return otherTag(reflect.TypeOf(x))
	}
}

var otherTags = map[reflect.Type]int{}

func otherTag(t reflect.Type) int {
	n, ok := otherTags[t]
	if !ok {
		n = nTags + len(otherTags)
		otherTags[t] = n
	}
	return n
}

// typePredicates are the builtin predicates lookup-type-tags knows, with their tags.
var typePredicates = map[string][]int{
	"number?": {tagFixnum, tagBignum, tagRatnum, tagFlonum, tagComplex}, "complex?": {tagFixnum, tagBignum, tagRatnum, tagFlonum, tagComplex},
	"real?": {tagFixnum, tagBignum, tagRatnum, tagFlonum}, "rational?": {tagFixnum, tagBignum, tagRatnum, tagFlonum},
	"integer?": {tagFixnum, tagBignum, tagFlonum}, "exact-integer?": {tagFixnum, tagBignum},
	"char?": {tagChar}, "boolean?": {tagBoolean}, "null?": {tagNull}, "eof-object?": {tagEOF},
	"symbol?": {tagSymbol}, "string?": {tagString}, "pair?": {tagPair}, "vector?": {tagVector},
	"bytevector?": {tagBytevector}, "procedure?": {tagProcedure}, "port?": {tagPort},
	"promise?": {tagPromise}, "error-object?": {tagCondition},
}

func init() {
	define("%execute-proc", func(th *Thread, a []Value) Value {
		// (Foment refuses call/cc here; its continuations work, and can be re-entered.)
		return th.CallWith(valueResumer{}, a[0], a[1:]...)
	})
	define("%procedure-code", func(th *Thread, a []Value) Value {
		switch p := a[0].o.(type) {
		case *Closure:
			if p.Lam.Site != nil {
				return Str(p.Lam.Site.String())
			}
		case *CaseLambda:
			if len(p.Clauses) > 0 && p.Clauses[0].Lam.Site != nil {
				return Str(p.Clauses[0].Lam.Site.String())
			}
		}
		return Str("builtin")
	})
	define("call-with-parameterize", func(th *Thread, a []Value) Value {
		params, ok1 := ListToSlice(a[0])
		vals, ok2 := ListToSlice(a[1])
		if !ok1 || !ok2 || len(params) != len(vals) {
			return th.Error("call-with-parameterize", "expected lists of parameters and values of the same length", a[0], a[1])
		}
		saved := th.params
		binds := make([]paramBinding, len(params))
		for i, pv := range params {
			p, ok := pv.o.(*Parameter)
			if !ok {
				return th.Error("parameterize", "expected a parameter", pv)
			}
			v := vals[i]
			if p.Converter.o != False.o && p.Converter.o != nil {
				v = th.Call(p.Converter, v)
			}
			binds[i] = paramBinding{p: p, v: v}
		}
		for i := range binds {
			binds[i].next = th.params
			th.params = &binds[i]
		}
		r := &restoreParams{saved}
		v := th.CallWith(r, a[2])
		th.params = saved
		return v
	})
	define("object-type-tag", func(th *Thread, a []Value) Value { return Int(typeTag(a[0])) })
	define("lookup-type-tags", func(th *Thread, a []Value) Value {
		if p, ok := a[0].o.(*Primitive); ok {
			if tags, ok := typePredicates[p.Name]; ok {
				out := make([]Value, len(tags))
				for i, t := range tags {
					out[i] = Int(t)
				}
				return List(out...)
			}
		}
		return th.Error("lookup-type-tags", "expected a predicate", a[0])
	})
}

// restoreParams is call-with-parameterize after its thunk returned.
type restoreParams struct{ saved *paramBinding }

func (r *restoreParams) clone() resumer { c := *r; return &c }
func (r *restoreParams) resume(th *Thread, _ code) Value {
	v := th.resumeNext()
	th.params = r.saved
	return v
}
