package syntax

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unsafe"
)

// Kind is the kind of a datum.
type Kind uint8

const (
	Invalid         Kind = iota // an unreadable token (tolerant mode only); Text holds the raw text
	List                        // ( ... ); Elems, and Tail != nil for a dotted list (a b . c)
	Vector                      // #( ... )
	Bytevector                  // #u8( ... ): Elems are Number data; #u8"…": Text holds the bytes (see Bytes)
	Symbol                      // Text = the name (escapes decoded, case folded under #!fold-case)
	String                      // Text = the decoded string value
	Char                        // Char = the rune
	Boolean                     // Bool
	Number                      // Text = the source text; Number() = the value
	Quote                       // 'x  : Elems[0] = x (absent when the datum is missing)
	Quasiquote                  // `x
	Unquote                     // ,x
	UnquoteSplicing             // ,@x
	Label                       // #n=x : Label = n, Elems[0] = x
	LabelRef                    // #n#  : Label = n
)

var kindNames = [...]string{"invalid", "list", "vector", "bytevector", "symbol", "string", "char",
	"boolean", "number", "quote", "quasiquote", "unquote", "unquote-splicing", "label", "label-ref"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Datum is one datum of source with its exact extent. It is kept small (56 bytes), as a large
// file has one for every token: its place is byte offsets only (the lines and columns are its
// file's: File.Span, Reader.Span), texts are slices of the source, not copies, what only a
// few kinds need is derived (Number, CloseSpan) rather than stored, the tail of the few dotted
// lists is kept after their elements (Tail), and a Char's character, a label's number and a
// tool's tag share one field.
type Datum struct {
	Span Extent
	Text string
	// Elems are the elements of a list, vector, bytevector or abbreviation. Set them on a
	// dotted list with SetList, which keeps its tail.
	Elems []*Datum
	Kind  Kind
	Bool  bool
	// Closed: a list, vector or bytevector has its closing parenthesis (the last byte of Span).
	Closed bool
	flags  uint8
	// n is the character of a Char datum (Char), the number of a Label or LabelRef datum
	// (Label) and a tool's tag on a datum it made (Tag); the reader leaves it 0 on the others.
	n int32
}

// Char returns the character of a Char datum.
func (d *Datum) Char() rune { return d.n }

// Label returns the number of a Label or LabelRef datum.
func (d *Datum) Label() int { return int(d.n) }

// Tag returns the number a tool set on a datum it made (SetTag): 0 on a Symbol, List or quoted
// form of the reader, never negative on a datum of the reader.
func (d *Datum) Tag() int32 { return d.n }

// SetTag sets the number a tool keeps on a Symbol, List, Vector or quoted form it made (the
// analyzer numbers the data its expansions make with negative tags).
func (d *Datum) SetTag(n int32) { d.n = n }

const (
	flagBytestring = 1 << iota // a bytevector written #u8"…"
	flagDotted                 // a dotted list: its tail is in the slot after its elements
)

// Tail returns the dotted tail of a list (a b . c), or nil. A dotted list keeps its tail in the
// slot after its elements, beyond their capacity (SetList): no datum has a field for what few
// lists have.
func (d *Datum) Tail() *Datum {
	if d.flags&flagDotted == 0 {
		return nil
	}
	n := len(d.Elems)
	return unsafe.Slice(unsafe.SliceData(d.Elems), n+1)[n]
}

// SetList sets the elements of a list and its dotted tail (nil: a proper list). The elements
// are copied when there is a tail.
func (d *Datum) SetList(elems []*Datum, tail *Datum) {
	if tail == nil {
		d.Elems = elems
		d.flags &^= flagDotted
		return
	}
	e := make([]*Datum, len(elems)+1)
	copy(e, elems)
	d.dotted(e, tail)
}

// dotted makes e, whose last slot is free, the elements of a dotted list with tail t.
func (d *Datum) dotted(e []*Datum, t *Datum) {
	n := len(e) - 1
	e[n] = t
	d.Elems = e[:n:max(n, 1)] // the tail beyond the capacity (an empty list's at its start)
	d.flags |= flagDotted
}

// IsClosed reports whether a list-like datum has its closing parenthesis.
func (d *Datum) IsClosed() bool { return d.Closed }

// CloseSpan returns the extent of the closing parenthesis (zero when missing): the last byte of
// the datum's extent.
func (d *Datum) CloseSpan() Extent {
	if !d.IsClosed() {
		return Extent{}
	}
	return Extent{d.Span.End - 1, d.Span.End}
}

// IsBytestring reports whether a bytevector was written #u8"…" (SRFI 207).
func (d *Datum) IsBytestring() bool { return d.flags&flagBytestring != 0 }

// Number returns the value of a Number datum (the zero Num for any other).
func (d *Datum) Number() Num {
	if d.Kind != Number {
		return Num{}
	}
	if v, ok := d.SmallInt(); ok {
		return Num{Exact: true, Int: big.NewInt(v)}
	}
	n, _ := ParseNumber(d.Text, 10)
	return n
}

// SmallInt returns the value of a Number datum written as a decimal integer that fits in 63
// bits, the common case, without parsing it as a general number.
func (d *Datum) SmallInt() (int64, bool) {
	if d.Kind != Number {
		return 0, false
	}
	return smallInt(d.Text)
}

// smallInt parses an optionally signed decimal integer of at most 18 digits.
func smallInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// Bytes returns the bytes of a Bytevector datum (elements that are not bytes count as 0).
func (d *Datum) Bytes() []byte {
	if d.IsBytestring() {
		return []byte(d.Text)
	}
	b := make([]byte, len(d.Elems))
	for i, e := range d.Elems {
		if v, ok := e.SmallInt(); ok && v >= 0 && v <= 255 {
			b[i] = byte(v)
		} else if n := e.Number(); n.Exact && n.Int != nil && n.Int.IsInt64() {
			b[i] = byte(n.Int.Int64())
		}
	}
	return b
}

// Head returns the symbol name a list starts with, or "".
func (d *Datum) Head() string {
	if d.Kind == List && len(d.Elems) > 0 && d.Elems[0].Kind == Symbol {
		return d.Elems[0].Text
	}
	return ""
}

// String returns an external representation, for debugging and tests.
func (d *Datum) String() string {
	var b strings.Builder
	d.write(&b)
	return b.String()
}

var prefixes = map[Kind]string{Quote: "'", Quasiquote: "`", Unquote: ",", UnquoteSplicing: ",@"}

func (d *Datum) write(b *strings.Builder) {
	if d == nil {
		b.WriteString("<nil>")
		return
	}
	switch d.Kind {
	case Invalid:
		b.WriteString("#<invalid " + strconv.Quote(d.Text) + ">")
	case Bytevector, List, Vector:
		switch {
		case d.IsBytestring():
			b.WriteString("#u8(")
			for i, c := range d.Bytes() {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strconv.Itoa(int(c)))
			}
		case d.Kind == Bytevector:
			b.WriteString("#u8(")
		case d.Kind == Vector:
			b.WriteString("#(")
		default:
			b.WriteByte('(')
		}
		for i, e := range d.Elems {
			if i > 0 {
				b.WriteByte(' ')
			}
			e.write(b)
		}
		if d.Tail() != nil {
			b.WriteString(" . ")
			d.Tail().write(b)
		}
		b.WriteByte(')')
	case Symbol:
		b.WriteString(d.Text)
	case String:
		b.WriteString(strconv.Quote(d.Text))
	case Char:
		b.WriteString("#\\")
		if name, ok := charNameOf[d.n]; ok {
			b.WriteString(name)
		} else {
			b.WriteRune(d.n)
		}
	case Boolean:
		if d.Bool {
			b.WriteString("#t")
		} else {
			b.WriteString("#f")
		}
	case Number:
		b.WriteString(d.Number().String())
	case Quote, Quasiquote, Unquote, UnquoteSplicing:
		b.WriteString(prefixes[d.Kind])
		if len(d.Elems) > 0 {
			d.Elems[0].write(b)
		}
	case Label:
		fmt.Fprintf(b, "#%d=", d.n)
		if len(d.Elems) > 0 {
			d.Elems[0].write(b)
		}
	case LabelRef:
		fmt.Fprintf(b, "#%d#", d.n)
	}
}

// CommentKind is the kind of a comment.
type CommentKind uint8

const (
	LineComment  CommentKind = iota // ; to the end of the line
	BlockComment                    // #| ... |#, nested
	DatumComment                    // #; datum
	Directive                       // #!fold-case, #!no-fold-case
)

// Comment is a comment, kept so that hover documentation and formatting can use it.
type Comment struct {
	Kind CommentKind
	Span Span
	Text string // the source text of the comment (a slice of the source, not a copy)
}

// Error is a lexical or syntax error with its precise range.
type Error struct {
	Span Span
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Span.Start.Line, e.Span.Start.Col, e.Msg)
}

// File is a whole source file read in tolerant mode.
type File struct {
	Name     string
	Src      []byte
	Data     []*Datum  // the top-level data, in order
	Comments []Comment // every comment, in source order
	Errors   []*Error  // every error, in source order
	Lines    *LineIndex
	// layout: the data of a file read for editing are placed in a datum space of their own
	// (reparse.go); nil when their positions are the text's.
	layout *layout
}
