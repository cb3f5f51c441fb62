package interp

import (
	"foment-ls/syntax"
)

// Ident is an identifier in code: a symbol with the place it came from. The reader's symbols
// become Idents with mark 0; a macro expansion renames the symbols its template inserts with a
// fresh mark and the scope of the macro's definition, which is what makes syntax-rules hygienic.
type Ident struct {
	Sym  *Symbol
	File string
	Span syntax.Span
	mark int
	env  *scope // renamed identifiers: the scope where the macro was defined
	orig Value  // renamed identifiers: the identifier (symbol or Ident) that was renamed
}

// bkey identifies a binding's name: the symbol and the expansion that introduced it.
type bkey struct {
	s *Symbol
	m int
}

func keyOf(v Value) (bkey, bool) {
	switch x := v.o.(type) {
	case *Symbol:
		return bkey{x, 0}, true
	case *Ident:
		return bkey{x.Sym, x.mark}, true
	}
	return bkey{}, false
}

func isIdent(v Value) bool {
	switch v.o.(type) {
	case *Symbol, *Ident:
		return true
	}
	return false
}

// identSym returns the symbol an identifier stands for.
func identSym(v Value) *Symbol {
	switch x := v.o.(type) {
	case *Symbol:
		return x
	case *Ident:
		return x.Sym
	}
	return nil
}

// identName returns an identifier's name, or "".
func identName(v Value) string {
	if s := identSym(v); s != nil {
		return s.Name
	}
	return ""
}

// stripSyntax turns code back into plain data: identifiers become symbols (quote, syntax errors).
// Data without identifiers is returned as it is, so a quoted constant keeps its identity.
func stripSyntax(v Value) Value {
	budget := 1 << 16
	if r, ok := stripWalk(v, &budget); ok {
		return r
	}
	// Long, shared or circular data (eval of a datum a program built, datum labels).
	return stripGraph(v)
}

// stripWalk strips recursively while the budget of nodes lasts.
func stripWalk(v Value, budget *int) (Value, bool) {
	if *budget--; *budget < 0 {
		return v, false
	}
	switch x := v.o.(type) {
	case *Ident:
		return Obj(x.Sym), true
	case *Pair:
		a, ok := stripWalk(x.Car, budget)
		if !ok {
			return v, false
		}
		d, ok := stripWalk(x.Cdr, budget)
		if !ok {
			return v, false
		}
		if Eq(a, x.Car) && Eq(d, x.Cdr) {
			return v, true
		}
		return Cons(a, d), true
	case *Vector:
		var out []Value
		for i, e := range x.Items {
			s, ok := stripWalk(e, budget)
			if !ok {
				return v, false
			}
			if out == nil && !Eq(s, e) {
				out = make([]Value, len(x.Items))
				copy(out, x.Items[:i])
			}
			if out != nil {
				out[i] = s
			}
		}
		if out != nil {
			return Vec(out), true
		}
	}
	return v, true
}

// stripGraph strips any graph without recursion: if an identifier is reachable, the pairs and
// vectors are copied with their sharing and cycles; otherwise the datum is returned as it is.
func stripGraph(v Value) Value {
	seen := map[any]bool{}
	hasIdent := false
	for stack := []Value{v}; len(stack) > 0 && !hasIdent; {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch o := x.o.(type) {
		case *Ident:
			hasIdent = true
		case *Pair:
			if !seen[o] {
				seen[o] = true
				stack = append(stack, o.Car, o.Cdr)
			}
		case *Vector:
			if !seen[o] {
				seen[o] = true
				stack = append(stack, o.Items...)
			}
		}
	}
	if !hasIdent {
		return v
	}
	copies := map[any]Value{}
	// copyOf makes the copy of a container (its parts filled in later) or strips an atom.
	var pending []Value // originals whose copies still need their parts
	copyOf := func(x Value) Value {
		switch o := x.o.(type) {
		case *Ident:
			return Obj(o.Sym)
		case *Pair, *Vector:
			if c, ok := copies[o]; ok {
				return c
			}
			var c Value
			if vec, ok := o.(*Vector); ok {
				c = Vec(make([]Value, len(vec.Items)))
			} else {
				c = Cons(Value{}, Value{})
			}
			copies[o] = c
			pending = append(pending, x)
			return c
		}
		return x
	}
	root := copyOf(v)
	for len(pending) > 0 {
		x := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		switch o := x.o.(type) {
		case *Pair:
			c := copies[o].o.(*Pair)
			c.Car, c.Cdr = copyOf(o.Car), copyOf(o.Cdr)
		case *Vector:
			c := copies[o].o.(*Vector)
			for i, e := range o.Items {
				c.Items[i] = copyOf(e)
			}
		}
	}
	return root
}

// sourceMap remembers where the pairs of code came from, for error positions.
type sourceMap map[*Pair]*Site

// converter turns the reader's data into values. For code (sm != nil) symbols become Idents
// and each list's first pair is recorded in sm; for data (the read procedure) they stay plain.
type converter struct {
	file  string
	rd    *syntax.Reader // the reader of the data, which knows the lines of their extents
	sm    sourceMap
	sites []Site // a block the sites are taken from, rather than one allocation each
	// idents is a block of identifiers, syms the symbols of the names seen (the interning
	// table is shared by threads, so a lookup there costs more).
	idents []Ident
	syms   map[string]*Symbol
	// labels are the values of the datum labels (#n=) of the datum being converted, kept by
	// the converter a datum starts with (root), as converters of its parts share them.
	labels map[int]Value
	root   *converter
}

// plain returns a converter of data inside cv's datum: vector literals and labelled data
// (which may be cyclic) are never code.
func (cv *converter) plain() *converter {
	return &converter{file: cv.file, rd: cv.rd, root: cv.top()}
}

func (cv *converter) top() *converter {
	if cv.root != nil {
		return cv.root
	}
	return cv
}

// label records v as the value of the datum labels ns.
func (cv *converter) label(ns []int, v Value) {
	if len(ns) == 0 {
		return
	}
	r := cv.top()
	if r.labels == nil {
		r.labels = map[int]Value{}
	}
	for _, n := range ns {
		r.labels[n] = v
	}
}

// datum converts one top-level datum: its labels are its own.
func (cv *converter) datum(d *syntax.Datum) Value {
	cv.labels = nil
	return cv.value(d, nil)
}

var abbreviations = [...]string{syntax.Quote: "quote", syntax.Quasiquote: "quasiquote",
	syntax.Unquote: "unquote", syntax.UnquoteSplicing: "unquote-splicing"}

// chain returns n > 0 new pairs linked in a list (elements unspecified, ending in ()). Each
// pair is an allocation of its own, never part of a block: a quoted datum's pairs reach the
// program, and a guardian's finalizer can only be set on the start of an allocation (Go
// ends the process, uncatchably, for a pointer into a block).
func (cv *converter) chain(n int) (first, last *Pair) {
	for i := 0; i < n; i++ {
		p := &Pair{Unspecified, Null}
		if last == nil {
			first = p
		} else {
			last.Cdr = Value{o: p}
		}
		last = p
	}
	return first, last
}

// ident makes the identifier of a name at span.
func (cv *converter) ident(name string, span syntax.Span) Value {
	s := cv.syms[name]
	if s == nil {
		if cv.syms == nil {
			cv.syms = map[string]*Symbol{}
		}
		s = Intern(name)
		cv.syms[s.Name] = s
	}
	if len(cv.idents) == 0 {
		cv.idents = make([]Ident, 256)
	}
	id := &cv.idents[0]
	cv.idents = cv.idents[1:]
	id.Sym, id.File, id.Span = s, cv.file, span
	return Obj(id)
}

// site records where a code pair came from.
func (cv *converter) site(p *Pair, span syntax.Span) {
	if len(cv.sites) == 0 {
		cv.sites = make([]Site, 256)
	}
	s := &cv.sites[0]
	cv.sites = cv.sites[1:]
	s.File, s.Span = cv.file, span
	cv.sm[p] = s
}

// value converts d; the datum labels around it (#1=#2=d) name the value before its parts are
// converted, so that they can refer to it.
func (cv *converter) value(d *syntax.Datum, label []int) Value {
	code := cv.sm != nil
	var v Value // an atom's value
	switch d.Kind {
	case syntax.Symbol:
		if code {
			return cv.ident(d.Text, cv.rd.Span(d.Span))
		}
		v = Sym(d.Text)
	case syntax.String:
		v = Str(d.Text)
	case syntax.Char:
		v = Char(d.Char())
	case syntax.Boolean:
		v = Bool(d.Bool)
	case syntax.Number:
		if n, ok := d.SmallInt(); ok {
			v = Fixnum(n)
		} else {
			v = numberFromSyntax(d.Number())
		}
	case syntax.Bytevector:
		v = Bytes(d.Bytes())
	case syntax.List:
		if len(d.Elems) == 0 {
			if d.Tail() != nil {
				return cv.value(d.Tail(), label)
			}
			return Null
		}
		// The pairs of a list, linked first: their elements may refer to them.
		first, last := cv.chain(len(d.Elems))
		if code {
			cv.site(first, cv.rd.Span(d.Span))
		}
		cv.label(label, Value{o: first})
		p := first
		for _, e := range d.Elems {
			p.Car = cv.value(e, nil)
			if p != last {
				p = p.Cdr.o.(*Pair)
			}
		}
		if d.Tail() != nil {
			last.Cdr = cv.value(d.Tail(), nil)
		}
		return Value{o: first}
	case syntax.Vector:
		items := make([]Value, len(d.Elems))
		v := Vec(items)
		cv.label(label, v)
		// vector literals are self-evaluating data: keep them plain.
		plain := cv
		if code {
			plain = cv.plain()
		}
		for i, e := range d.Elems {
			items[i] = plain.value(e, nil)
		}
		return v
	case syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		name := abbreviations[d.Kind]
		var head Value = Sym(name)
		var span syntax.Span
		if code {
			span = cv.rd.Span(d.Span)
			head = cv.ident(name, syntax.Span{Start: span.Start, End: span.Start})
		}
		first, last := cv.chain(2)
		first.Car = head
		if code {
			cv.site(first, span)
		}
		cv.label(label, Value{o: first})
		if len(d.Elems) > 0 {
			last.Car = cv.value(d.Elems[0], nil)
		}
		return Value{o: first}
	case syntax.Label:
		// Labelled data are data, never code: they may be cyclic.
		if len(d.Elems) > 0 {
			in := cv
			if code {
				in = cv.plain()
			}
			return in.value(d.Elems[0], append(label, d.Label()))
		}
		return Unspecified
	case syntax.LabelRef:
		var ok bool
		if v, ok = cv.top().labels[d.Label()]; !ok {
			v = Unspecified // the reader reported the reference to no label
		}
	default:
		return Unspecified
	}
	cv.label(label, v)
	return v
}
