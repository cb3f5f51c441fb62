package interp

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The printer writes data exactly as Foment does: `write` escapes strings and characters and
// labels cycles (#0=), `display` writes strings and characters raw, `write-simple` never labels.

type printer struct {
	b       strings.Builder
	display bool
	labels  map[any]int // shared or cyclic objects -> label (-1: not yet printed)
	next    int
	// limit, when not 0, stops the printing after about that many bytes (cut is then set),
	// and the search for cycles after as many objects: what cannot be printed need not be
	// searched.
	limit  int
	cut    bool
	walked int
}

// WriteBounded is WriteString for a debugger: at most about limit bytes, whatever the size of
// the datum, cycles labelled; complete is false when the text was cut.
func WriteBounded(v Value, limit int) (s string, complete bool) {
	p := &printer{limit: limit}
	p.findCycles(v)
	p.print(v)
	if !p.cut && p.b.Len() <= limit {
		return p.b.String(), true
	}
	s = p.b.String()
	cut := min(limit, len(s))
	for cut > 0 && cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], false
}

// full reports whether a bounded printer has written all it may.
func (p *printer) full() bool {
	if p.limit > 0 && p.b.Len() >= p.limit {
		p.cut = true
	}
	return p.cut
}

// WriteString returns the external representation `write` prints.
func WriteString(v Value) string {
	p := &printer{}
	p.findCycles(v)
	p.print(v)
	return p.b.String()
}

// WriteSimpleString is `write-simple`: no datum labels.
func WriteSimpleString(v Value) string {
	p := &printer{}
	p.print(v)
	return p.b.String()
}

// WriteSharedString is `write-shared`: labels every shared object.
func WriteSharedString(v Value) string {
	p := &printer{}
	p.findShared(v, false)
	p.print(v)
	return p.b.String()
}

// Display returns what `display` prints.
func Display(v Value) string {
	p := &printer{display: true}
	p.findCycles(v)
	p.print(v)
	return p.b.String()
}

// findCycles labels only the objects that are part of a cycle, and reports whether there are
// any.
func (p *printer) findCycles(v Value) bool {
	switch v.o.(type) {
	case *Pair, *Vector, *Record:
	default:
		return false
	}
	p.findShared(v, true)
	return len(p.labels) > 0
}

// findShared walks the datum; with cyclesOnly, an object is labelled only when reached again
// while it is still being walked.
func (p *printer) findShared(root Value, cyclesOnly bool) {
	seen := map[any]int{} // 1: in progress, 2: done
	var walk func(v Value)
	walk = func(v Value) {
		if p.limit > 0 {
			if p.walked++; p.walked > p.limit {
				return
			}
		}
		for {
			var kids []Value
			switch x := v.o.(type) {
			case *Pair:
			case *Vector:
				kids = x.Items
			case *Record:
				kids = x.Fields
			default:
				return
			}
			if st, ok := seen[v.o]; ok {
				if !cyclesOnly || st == 1 {
					if p.labels == nil {
						p.labels = map[any]int{}
					}
					p.labels[v.o] = -1
				}
				return
			}
			seen[v.o] = 1
			if pr, ok := v.o.(*Pair); ok {
				walk(pr.Car)
				// Walk the spine iteratively so that long lists need no deep recursion.
				rest := pr.Cdr
				cells := []any{v.o}
				for {
					rp, ok := rest.o.(*Pair)
					if !ok {
						break
					}
					if st, ok := seen[rp]; ok {
						if !cyclesOnly || st == 1 {
							if p.labels == nil {
								p.labels = map[any]int{}
							}
							p.labels[rp] = -1
						}
						rest = Value{}
						break
					}
					if p.limit > 0 {
						if p.walked++; p.walked > p.limit {
							break
						}
					}
					seen[rp] = 1
					cells = append(cells, rp)
					walk(rp.Car)
					rest = rp.Cdr
				}
				walk(rest)
				for _, c := range cells {
					seen[c] = 2
				}
				return
			}
			for _, k := range kids {
				walk(k)
			}
			seen[v.o] = 2
			return
		}
	}
	walk(root)
}

// label prints a datum label if v is labelled; it returns true when v was already printed.
func (p *printer) label(o any) bool {
	if p.labels == nil {
		return false
	}
	n, ok := p.labels[o]
	if !ok {
		return false
	}
	if n >= 0 {
		fmt.Fprintf(&p.b, "#%d#", n)
		return true
	}
	p.labels[o] = p.next
	fmt.Fprintf(&p.b, "#%d=", p.next)
	p.next++
	return false
}

var charNames = map[rune]string{0x07: "alarm", 0x08: "backspace", 0x7f: "delete", 0x1b: "escape",
	0x0a: "newline", 0x00: "null", 0x0d: "return", 0x20: "space", 0x09: "tab"}

func (p *printer) print(v Value) {
	if p.full() {
		return
	}
	switch x := v.o.(type) {
	case nil:
		p.b.WriteString(strconv.FormatInt(v.n, 10))
	case *tag:
		if v.o == flonumTag {
			p.b.WriteString(FormatFlonum(v.Flo()))
			return
		}
		r := v.Rune()
		if p.display {
			p.b.WriteRune(r)
			return
		}
		if name, ok := charNames[r]; ok {
			p.b.WriteString("#\\" + name)
		} else if r < 128 {
			p.b.WriteString("#\\")
			p.b.WriteRune(r)
		} else {
			p.b.WriteString("#\\x" + strconv.FormatInt(int64(r), 16))
		}
	case *special:
		switch v.o {
		case Unspecified.o:
			p.b.WriteString("#<no-value>")
		default:
			p.b.WriteString(x.name)
		}
	case *big.Int:
		p.b.WriteString(x.String())
	case *big.Rat:
		p.b.WriteString(x.Num().String() + "/" + x.Denom().String())
	case *Complex:
		p.b.WriteString(complexString(x, 10))
	case *Symbol:
		p.b.WriteString(x.Name)
	case *Ident:
		p.b.WriteString(x.Sym.Name)
	case *String:
		if p.display {
			x.writeTo(&p.b)
			return
		}
		p.b.WriteByte('"')
		for i, n := 0, x.Len(); i < n; i++ {
			if p.full() {
				return
			}
			switch r := x.Ref(i); r {
			case '\\', '"':
				p.b.WriteByte('\\')
				p.b.WriteRune(r)
			case 0x07:
				p.b.WriteString(`\a`)
			case 0x08:
				p.b.WriteString(`\b`)
			case 0x09:
				p.b.WriteString(`\t`)
			case 0x0a:
				p.b.WriteString(`\n`)
			case 0x0d:
				p.b.WriteString(`\r`)
			default:
				p.b.WriteRune(r)
			}
		}
		p.b.WriteByte('"')
	case *Pair:
		if p.label(x) {
			return
		}
		p.b.WriteByte('(')
		p.print(x.Car)
		rest := x.Cdr
		for {
			rp, ok := rest.o.(*Pair)
			if !ok || p.full() {
				break
			}
			if p.labels != nil {
				if _, lab := p.labels[rp]; lab {
					break
				}
			}
			p.b.WriteByte(' ')
			p.print(rp.Car)
			rest = rp.Cdr
		}
		if !rest.IsNull() {
			p.b.WriteString(" . ")
			p.print(rest)
		}
		p.b.WriteByte(')')
	case *Vector:
		if p.label(x) {
			return
		}
		p.b.WriteString("#(")
		for i, e := range x.Items {
			if p.full() {
				break
			}
			if i > 0 {
				p.b.WriteByte(' ')
			}
			p.print(e)
		}
		p.b.WriteByte(')')
	case *Bytevector:
		p.b.WriteString("#u8(")
		for i, e := range x.B {
			if p.full() {
				break
			}
			if i > 0 {
				p.b.WriteByte(' ')
			}
			p.b.WriteString(strconv.Itoa(int(e)))
		}
		p.b.WriteByte(')')
	case *Record:
		if p.label(x) {
			return
		}
		fmt.Fprintf(&p.b, "#<%s: #x%x", x.Type.Name, x.id)
		for i, f := range x.Type.Fields {
			fmt.Fprintf(&p.b, " %s: ", f.Name)
			p.print(x.Fields[i])
		}
		p.b.WriteByte('>')
	case Printable:
		p.b.WriteString(x.SchemeString())
	default:
		p.b.WriteString(describe(v))
	}
}

// Printable lets other packages' objects (sockets) say how they print.
type Printable interface{ SchemeString() string }

// describe prints the objects that have no readable representation.
func describe(v Value) string {
	switch x := v.o.(type) {
	case *Closure:
		if x.Lam.Name == "lambda" || x.Lam.Name == "" {
			return "#<procedure: closure>"
		}
		return "#<procedure: " + x.Lam.Name + ">"
	case *CaseLambda:
		return "#<procedure: " + x.Name + ">"
	case *Primitive:
		return "#<primitive: " + x.Name + ">"
	case *Continuation:
		return "#<continuation>"
	case *Parameter:
		return "#<procedure: parameter>"
	case *Port:
		if pr, ok := x.Object.(Printable); ok {
			return pr.SchemeString()
		}
		return x.describe()
	case *Condition:
		var b strings.Builder
		fmt.Fprintf(&b, "#<exception: %s %s %s irritants: %s>", x.Kind, x.Who,
			WriteString(Str(x.Message)), WriteString(List(x.Irritants...)))
		return b.String()
	case *RecordType:
		names := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			names[i] = f.Name
		}
		return "#<record-type: " + x.Name + " " + strings.Join(names, " ") + ">"
	case *MultipleValues:
		parts := make([]string, len(x.Vals))
		for i, e := range x.Vals {
			parts[i] = WriteString(e)
		}
		return "#<values: " + strings.Join(parts, " ") + ">"
	case *Box:
		return "#<box: " + WriteString(x.V) + ">"
	case *Env:
		return "#<environment: " + x.Name + ">"
	case *SchemeThread:
		if x.name.IsFalse() {
			return "#<thread>"
		}
		return "#<thread: " + WriteString(x.name) + ">"
	case *Exclusive:
		return "#<exclusive>"
	case *CondVar:
		return "#<condition>"
	}
	// No Go type name: #<promise>, not #<*interp.Promise>.
	name := fmt.Sprintf("%T", v.o)
	return "#<" + strings.ToLower(name[strings.LastIndexAny(name, ".*")+1:]) + ">"
}

func (p *Port) describe() string {
	kind := "binary"
	if p.Textual {
		kind = "textual"
	}
	dir := "input"
	switch {
	case p.Input && p.Output:
		dir = "input-output"
	case p.Output:
		dir = "output"
	}
	s := "#<" + kind + "-" + dir + "-port"
	if p.Name != "" {
		s += ": " + p.Name
	}
	if (!p.Input || !p.inOpen) && (!p.Output || !p.outOpen) {
		s += " closed"
	}
	return s + ">"
}

// FormatFlonum prints a flonum as Foment does: C's %.14g, with ".0" added to integral values
// that print without a point.
func FormatFlonum(f float64) string {
	switch {
	case math.IsNaN(f):
		return "+nan.0"
	case math.IsInf(f, 1):
		return "+inf.0"
	case math.IsInf(f, -1):
		return "-inf.0"
	}
	s := formatG14(f)
	if f == math.Trunc(f) && !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// formatG14 is C's printf("%.14g").
func formatG14(f float64) string {
	if f == 0 {
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	const prec = 14
	e := strconv.FormatFloat(f, 'e', prec-1, 64) // d.ddddde±XX
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	if exp < -4 || exp >= prec {
		mant = trimZeros(mant)
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		es := strconv.Itoa(exp)
		if len(es) < 2 {
			es = "0" + es
		}
		return mant + "e" + sign + es
	}
	return trimZeros(strconv.FormatFloat(f, 'f', prec-1-exp, 64))
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
