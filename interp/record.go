package interp

// RecordType is made by define-record-type.
type RecordType struct {
	Name   string
	Fields []*Symbol
}

// Record is an instance of a record type.
type Record struct {
	Type   *RecordType
	Fields []Value
	id     uint64
}

func init() {
	goMacros["define-record-type"] = expandDefineRecordType
	defineInternal("%make-record-type", 2, 2, func(th *Thread, a []Value) Value {
		fields, _ := ListToSlice(a[1])
		rt := &RecordType{Name: identName(a[0])}
		for _, f := range fields {
			rt.Fields = append(rt.Fields, identSym(f))
		}
		return Obj(rt)
	})
	defineInternal("%record-constructor", 3, 3, func(th *Thread, a []Value) Value {
		rt := a[0].o.(*RecordType)
		name := identName(a[2])
		args, _ := ListToSlice(a[1])
		idx := make([]int, len(args))
		for i, f := range args {
			idx[i] = rt.fieldIndex(identSym(f))
			if idx[i] < 0 {
				return th.Error("define-record-type", "expected a field-name", f)
			}
		}
		n := len(rt.Fields)
		return Obj(&Primitive{Name: name, Min: len(idx), Max: len(idx), Fn: func(th *Thread, a []Value) Value {
			r := &Record{Type: rt, Fields: make([]Value, n), id: 0x1000 + th.In.recordIDs.Add(1)*0x10}
			for i := range r.Fields {
				r.Fields[i] = False
			}
			for i, j := range idx {
				r.Fields[j] = a[i]
			}
			return Obj(r)
		}})
	})
	defineInternal("%record-predicate", 2, 2, func(th *Thread, a []Value) Value {
		rt := a[0].o.(*RecordType)
		return Obj(&Primitive{Name: identName(a[1]), Min: 1, Max: 1, Fn: func(th *Thread, a []Value) Value {
			r, ok := a[0].o.(*Record)
			return Bool(ok && r.Type == rt)
		}})
	})
	defineInternal("%record-accessor", 3, 3, func(th *Thread, a []Value) Value {
		rt := a[0].o.(*RecordType)
		i := rt.fieldIndex(identSym(a[1]))
		name := identName(a[2])
		if i < 0 {
			return th.Error("define-record-type", "expected a field-name", a[1])
		}
		return Obj(&Primitive{Name: name, Min: 1, Max: 1, Fn: func(th *Thread, a []Value) Value {
			r, ok := a[0].o.(*Record)
			if !ok || r.Type != rt {
				return th.Error(name, "expected a "+rt.Name, a[0])
			}
			return r.Fields[i]
		}})
	})
	defineInternal("%record-modifier", 3, 3, func(th *Thread, a []Value) Value {
		rt := a[0].o.(*RecordType)
		i := rt.fieldIndex(identSym(a[1]))
		name := identName(a[2])
		if i < 0 {
			return th.Error("define-record-type", "expected a field-name", a[1])
		}
		return Obj(&Primitive{Name: name, Min: 2, Max: 2, Fn: func(th *Thread, a []Value) Value {
			r, ok := a[0].o.(*Record)
			if !ok || r.Type != rt {
				return th.Error(name, "expected a "+rt.Name, a[0])
			}
			r.Fields[i] = a[1]
			return Unspecified
		}})
	})
}

func (rt *RecordType) fieldIndex(s *Symbol) int {
	for i, f := range rt.Fields {
		if f == s {
			return i
		}
	}
	return -1
}

// (define-record-type name (ctor field ...) pred (field accessor [modifier]) ...)
func expandDefineRecordType(c *compiler, x Value, sc *scope) Value {
	a := c.formArgs(x, 3, -1)
	name := a[0]
	if !isIdent(name) {
		// SRFI 136 style (name parent) is not supported; R7RS needs an identifier.
		c.errorf(x, "define-record-type: expected a type name")
	}
	q := func(v Value) Value { return List(c.core("quote"), stripSyntax(v)) }
	var fieldNames []Value
	type acc struct{ field, proc Value }
	var accs, mods []acc
	for _, f := range a[3:] {
		parts, ok := ListToSlice(f)
		if !ok || len(parts) == 0 || len(parts) > 3 {
			if !isIdent(f) {
				c.errorf(f, "define-record-type: bad field spec")
			}
			parts = []Value{f}
		}
		for _, p := range parts {
			if !isIdent(p) {
				c.errorf(f, "define-record-type: bad field spec")
			}
		}
		fieldNames = append(fieldNames, parts[0])
		if len(parts) > 1 {
			accs = append(accs, acc{parts[0], parts[1]})
		}
		if len(parts) > 2 {
			mods = append(mods, acc{parts[0], parts[2]})
		}
	}
	forms := []Value{c.core("begin"),
		c.mk(x, c.core("define"), name, c.mk(x, Obj(internal["%make-record-type"]), q(name), q(List(fieldNames...))))}
	if !a[1].IsFalse() {
		ctor := a[1]
		var ctorName, ctorFields Value
		if isIdent(ctor) {
			ctorName, ctorFields = ctor, List(fieldNames...)
		} else {
			parts, ok := ListToSlice(ctor)
			if !ok || len(parts) == 0 || !isIdent(parts[0]) {
				c.errorf(ctor, "define-record-type: bad constructor spec")
			}
			ctorName, ctorFields = parts[0], List(parts[1:]...)
		}
		forms = append(forms, c.mk(x, c.core("define"), ctorName,
			c.mk(x, Obj(internal["%record-constructor"]), name, q(ctorFields), q(ctorName))))
	}
	if isIdent(a[2]) {
		forms = append(forms, c.mk(x, c.core("define"), a[2],
			c.mk(x, Obj(internal["%record-predicate"]), name, q(a[2]))))
	}
	for _, ac := range accs {
		forms = append(forms, c.mk(x, c.core("define"), ac.proc,
			c.mk(x, Obj(internal["%record-accessor"]), name, q(ac.field), q(ac.proc))))
	}
	for _, m := range mods {
		forms = append(forms, c.mk(x, c.core("define"), m.proc,
			c.mk(x, Obj(internal["%record-modifier"]), name, q(m.field), q(m.proc))))
	}
	return c.mk(x, forms...)
}
