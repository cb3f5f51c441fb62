package interp

import "foment-ls/syntax"

// Code as data: read after want-identifiers returns identifiers that remember where they were
// read, so that eval reports errors at their place in the file; unsyntax turns code back into
// plain data.

// datumToCode converts a datum the reader returned into code with positions.
func (in *Interp) datumToCode(d *syntax.Datum, file string) Value {
	sm := sourceMap{}
	v := fromDatum(d, file, sm)
	in.smu.Lock()
	for k, s := range sm {
		in.srcmap[k] = s
	}
	in.smu.Unlock()
	return v
}

// toCode turns the symbols of plain data into identifiers (without positions).
func toCode(v Value) Value {
	switch x := v.o.(type) {
	case *Symbol:
		return Obj(&Ident{Sym: x})
	case *Pair:
		return Cons(toCode(x.Car), toCode(x.Cdr))
	}
	return v
}

func init() {
	define("want-identifiers", func(th *Thread, a []Value) Value {
		a[0].o.(*Port).wantIdents = a[1].IsTrue()
		return Unspecified
	})
	define("syntax", func(th *Thread, a []Value) Value { return toCode(a[0]) })
	define("unsyntax", func(th *Thread, a []Value) Value { return stripSyntax(a[0]) })
}
