package syntax

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the kind of a datum.
type Kind uint8

const (
	Invalid         Kind = iota // an unreadable token (tolerant mode only); Text holds the raw text
	List                        // ( ... ); Elems, and Tail != nil for a dotted list (a b . c)
	Vector                      // #( ... )
	Bytevector                  // #u8( ... ); Elems are Number data
	Symbol                      // Text = the name (escapes decoded, case folded under #!fold-case)
	String                      // Text = the decoded string value
	Char                        // Char = the rune
	Boolean                     // Bool
	Number                      // Num = the value, Text = the source text
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

// Datum is one datum of source with its exact span.
type Datum struct {
	Kind  Kind
	Span  Span
	Text  string
	Char  rune
	Bool  bool
	Num   *Num // Number data only
	Elems []*Datum
	Tail  *Datum // dotted tail, or nil
	Label int
	// Close is the position of the closing parenthesis of a List, Vector or Bytevector (the
	// zero Pos when it is missing); Dot the position of the "." of a dotted list. Both are one
	// byte long.
	Close Pos
	Dot   Pos
}

// IsClosed reports whether a list-like datum has its closing parenthesis.
func (d *Datum) IsClosed() bool { return d.Close.Line > 0 }

// CloseSpan returns the span of the closing parenthesis (zero when missing).
func (d *Datum) CloseSpan() Span {
	if !d.IsClosed() {
		return Span{}
	}
	return Span{d.Close, Pos{d.Close.Offset + 1, d.Close.Line, d.Close.Col + 1}}
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

func (d *Datum) write(b *strings.Builder) {
	if d == nil {
		b.WriteString("<nil>")
		return
	}
	switch d.Kind {
	case Invalid:
		b.WriteString("#<invalid " + strconv.Quote(d.Text) + ">")
	case List, Vector, Bytevector:
		switch d.Kind {
		case Vector:
			b.WriteString("#(")
		case Bytevector:
			b.WriteString("#u8(")
		default:
			b.WriteByte('(')
		}
		for i, e := range d.Elems {
			if i > 0 {
				b.WriteByte(' ')
			}
			e.write(b)
		}
		if d.Tail != nil {
			b.WriteString(" . ")
			d.Tail.write(b)
		}
		b.WriteByte(')')
	case Symbol:
		b.WriteString(d.Text)
	case String:
		b.WriteString(strconv.Quote(d.Text))
	case Char:
		b.WriteString("#\\")
		if name, ok := charNameOf[d.Char]; ok {
			b.WriteString(name)
		} else {
			b.WriteRune(d.Char)
		}
	case Boolean:
		if d.Bool {
			b.WriteString("#t")
		} else {
			b.WriteString("#f")
		}
	case Number:
		b.WriteString(d.Num.String())
	case Quote, Quasiquote, Unquote, UnquoteSplicing:
		b.WriteString(map[Kind]string{Quote: "'", Quasiquote: "`", Unquote: ",", UnquoteSplicing: ",@"}[d.Kind])
		if len(d.Elems) > 0 {
			d.Elems[0].write(b)
		}
	case Label:
		fmt.Fprintf(b, "#%d=", d.Label)
		if len(d.Elems) > 0 {
			d.Elems[0].write(b)
		}
	case LabelRef:
		fmt.Fprintf(b, "#%d#", d.Label)
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
	Text string // the source text of the comment
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
