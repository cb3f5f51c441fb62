package syntax

import (
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// source delivers runes with their positions. Two implementations: bytes (whole files, fast)
// and a rune stream (ports). Both give back at most one rune.
type source interface {
	next() (r rune, start Pos, ok bool) // ok=false at the end
	back()                              // give back the rune next returned last
	pos() Pos                           // the position of the next rune
	badUTF8() bool                      // the rune next returned last was an invalid byte
}

// advance is the position after a rune of w bytes.
func (p Pos) advance(r rune, w int) Pos {
	p.Offset += w
	if r == '\n' {
		p.Line++
		p.Col = 1
	} else {
		p.Col += w
	}
	return p
}

type byteSource struct {
	src       []byte
	p, prev   Pos
	lastWidth int
	bad       bool
}

func (s *byteSource) next() (rune, Pos, bool) {
	if s.p.Offset >= len(s.src) {
		s.lastWidth = 0
		return 0, s.p, false
	}
	r, w := rune(s.src[s.p.Offset]), 1
	s.bad = false
	if r >= utf8.RuneSelf {
		r, w = utf8.DecodeRune(s.src[s.p.Offset:])
		s.bad = r == utf8.RuneError && w == 1
	}
	s.prev = s.p
	s.p = s.p.advance(r, w)
	s.lastWidth = w
	return r, s.prev, true
}

func (s *byteSource) back() {
	if s.lastWidth > 0 {
		s.p = s.prev
		s.lastWidth = 0
	}
}

func (s *byteSource) pos() Pos      { return s.p }
func (s *byteSource) badUTF8() bool { return s.bad }

type runeSource struct {
	r        io.RuneScanner
	p, prev  Pos
	unreadOK bool
	err      error
	bad      bool
}

func (s *runeSource) next() (rune, Pos, bool) {
	r, w, err := s.r.ReadRune()
	if err != nil {
		s.err = err
		s.unreadOK = false
		return 0, s.p, false
	}
	s.bad = r == utf8.RuneError && w == 1
	s.prev = s.p
	s.p = s.p.advance(r, w)
	s.unreadOK = true
	return r, s.prev, true
}

func (s *runeSource) back() {
	if s.unreadOK {
		s.r.UnreadRune()
		s.p = s.prev
		s.unreadOK = false
	}
}

func (s *runeSource) pos() Pos      { return s.p }
func (s *runeSource) badUTF8() bool { return s.bad }

// errStop ends a strict read at its first error.
var errStop = errors.New("stop")

type parser struct {
	src      source
	tolerant bool
	fold     bool
	errs     []*Error
	comments []Comment
	text     func(a, b int) string // the source text between two offsets, when available
	depth    int
	// scratch holds the elements of the lists being read, so that each list gets a slice of
	// exactly its length.
	scratch []*Datum
}

func (p *parser) errorf(span Span, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = sprintf(format, args...)
	}
	p.errs = append(p.errs, &Error{Span: span, Msg: msg})
	if !p.tolerant {
		panic(errStop)
	}
}

func sprintf(format string, args ...any) string {
	var b strings.Builder
	ai := 0
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && ai < len(args) {
			i++
			switch v := args[ai].(type) {
			case string:
				b.WriteString(v)
			case rune:
				b.WriteRune(v)
			case int:
				b.WriteString(strconv.Itoa(v))
			}
			ai++
			continue
		}
		b.WriteByte(format[i])
	}
	return b.String()
}

// Parse reads a whole file in tolerant mode: it never panics, returns every datum it could
// read, an error with a precise range for each problem, and resumes after each.
func Parse(name string, src []byte) *File {
	bs := &byteSource{src: src, p: Pos{0, 1, 1}}
	p := &parser{src: bs, tolerant: true, text: func(a, b int) string { return string(src[a:b]) }}
	f := &File{Name: name, Src: src, Lines: NewLineIndex(src)}
	for {
		p.atmosphere()
		r, start, ok := p.src.next()
		if !ok {
			break
		}
		if r == ')' {
			p.errorf(Span{start, p.src.pos()}, "unexpected )")
			continue
		}
		p.src.back()
		if d := p.datum(); d != nil {
			f.Data = append(f.Data, d)
		}
	}
	f.Comments = p.comments
	// Inner problems are found before outer ones (an unclosed list is reported when it ends):
	// keep the errors in source order.
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Span.Start.Offset < p.errs[j].Span.Start.Offset })
	f.Errors = p.errs
	return f
}

// Reader reads one datum at a time from a rune stream, strictly: the first error ends the
// read. It consumes the datum and what precedes it, and at most one rune after it, which it
// gives back with UnreadRune.
type Reader struct {
	p  *parser
	rs *runeSource
}

// NewReader makes a Reader; positions count from the reader's start.
func NewReader(name string, r io.RuneScanner) *Reader {
	rs := &runeSource{r: r, p: Pos{0, 1, 1}}
	return &Reader{p: &parser{src: rs}, rs: rs}
}

// Read returns the next datum, io.EOF at a clean end, or an *Error.
func (r *Reader) Read() (d *Datum, err error) {
	p := r.p
	p.errs = nil
	defer func() {
		if x := recover(); x != nil {
			if x != errStop {
				panic(x)
			}
			d, err = nil, p.errs[0]
		}
	}()
	p.atmosphere()
	c, start, ok := p.src.next()
	if !ok {
		if r.rs.err != nil && r.rs.err != io.EOF {
			return nil, r.rs.err
		}
		return nil, io.EOF
	}
	if c == ')' {
		p.errorf(Span{start, p.src.pos()}, "unexpected )")
	}
	p.src.back()
	return p.datum(), nil
}

// FoldCase reports whether #!fold-case is in effect.
func (r *Reader) FoldCase() bool { return r.p.fold }

// SetFoldCase sets the case folding of symbols and character names.
func (r *Reader) SetFoldCase(on bool) { r.p.fold = on }

func isWhitespace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || unicode.IsSpace(r)
}

// isDelimiter: R7RS delimiters end tokens.
func isDelimiter(r rune) bool {
	return isWhitespace(r) || r == '(' || r == ')' || r == '"' || r == ';' || r == '|' ||
		r == '[' || r == ']' || r == '{' || r == '}'
}

// atmosphere skips whitespace and comments, recording the comments.
func (p *parser) atmosphere() {
	for {
		r, start, ok := p.src.next()
		if !ok {
			return
		}
		switch {
		case isWhitespace(r):
			continue
		case r == ';':
			for {
				c, _, ok := p.src.next()
				if !ok {
					break
				}
				if c == '\n' {
					p.src.back()
					break
				}
			}
			p.comment(LineComment, start)
			continue
		case r == '#':
			c, _, ok := p.src.next()
			if !ok {
				p.src.back()
				// A lone '#' at the end: let datum report it.
				p.resetTo(start)
				return
			}
			switch c {
			case '|':
				p.blockComment(start)
				continue
			case ';':
				p.atmosphere()
				if _, _, ok := p.src.next(); ok {
					p.src.back()
					p.depth++
					p.datum()
					p.depth--
				} else {
					p.errorf(Span{start, p.src.pos()}, "unexpected end of file after #;")
				}
				p.comment(DatumComment, start)
				continue
			case '!':
				name := p.token()
				switch strings.ToLower(name) {
				case "fold-case":
					p.fold = true
				case "no-fold-case":
					p.fold = false
				default:
					p.errorf(Span{start, p.src.pos()}, "unknown directive #!%s", name)
				}
				p.comment(Directive, start)
				continue
			}
			p.src.back()
			p.resetTo(start)
			return
		}
		p.src.back()
		return
	}
}

// resetTo moves back to just before the '#' at start (one rune was already given back).
func (p *parser) resetTo(start Pos) { p.pushBack('#', start) }

// pushBack returns rune r, read at position at, to the source when the rune after it was
// already given back: a rune stream cannot go back two runes, so it is remembered.
func (p *parser) pushBack(r rune, at Pos) {
	switch s := p.src.(type) {
	case *byteSource:
		s.p = at
		s.lastWidth = 0
	case *runeSource:
		s.p = at
		s.r = &prefixed{prefix: []rune{r}, rest: s.r}
		s.unreadOK = false
	}
}

// prefixed is a RuneScanner that first delivers some runes, then the rest.
type prefixed struct {
	prefix []rune
	rest   io.RuneScanner
	last   int // 1: last rune from prefix, 2: from rest
	pi     int
}

func (q *prefixed) ReadRune() (rune, int, error) {
	if q.pi < len(q.prefix) {
		r := q.prefix[q.pi]
		q.pi++
		q.last = 1
		return r, utf8.RuneLen(r), nil
	}
	q.last = 2
	return q.rest.ReadRune()
}

func (q *prefixed) UnreadRune() error {
	switch q.last {
	case 1:
		q.pi--
	case 2:
		return q.rest.UnreadRune()
	}
	q.last = 0
	return nil
}

func (p *parser) comment(k CommentKind, start Pos) {
	end := p.src.pos()
	c := Comment{Kind: k, Span: Span{start, end}}
	if p.text != nil {
		c.Text = p.text(start.Offset, end.Offset)
	}
	p.comments = append(p.comments, c)
}

func (p *parser) blockComment(start Pos) {
	depth := 1
	var prev rune
	for depth > 0 {
		c, _, ok := p.src.next()
		if !ok {
			p.errorf(Span{start, p.src.pos()}, "unterminated block comment")
			break
		}
		switch {
		case prev == '|' && c == '#':
			depth--
			c = 0
		case prev == '#' && c == '|':
			depth++
			c = 0
		}
		prev = c
	}
	p.comment(BlockComment, start)
}

// token reads the characters up to the next delimiter.
func (p *parser) token() string {
	if bs, ok := p.src.(*byteSource); ok {
		start := bs.p.Offset
		for {
			c, _, ok := bs.next()
			if !ok {
				break
			}
			if isDelimiter(c) {
				bs.back()
				break
			}
		}
		return string(bs.src[start:bs.p.Offset])
	}
	var b strings.Builder
	for {
		c, _, ok := p.src.next()
		if !ok {
			break
		}
		if isDelimiter(c) {
			p.src.back()
			break
		}
		b.WriteRune(c)
	}
	return b.String()
}

// datum reads one datum; the atmosphere before it has been skipped and the next rune exists.
// It returns nil only when nothing at all could be read.
func (p *parser) datum() *Datum {
	if p.depth > 10000 {
		start := p.src.pos()
		p.token()
		p.errorf(Span{start, p.src.pos()}, "data nested too deeply")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}}
	}
	r, start, ok := p.src.next()
	if !ok {
		return nil
	}
	if p.src.badUTF8() {
		p.errorf(Span{start, p.src.pos()}, "invalid UTF-8")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "\uFFFD"}
	}
	switch r {
	case '(':
		return p.list(List, start)
	case ')':
		// Only reached inside a datum comment or abbreviation at top level.
		p.errorf(Span{start, p.src.pos()}, "unexpected )")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: ")"}
	case '"':
		return p.stringLit(start)
	case '|':
		s := p.delimited(start, '|', "unterminated |symbol|")
		if p.fold {
			s = foldString(s)
		}
		return &Datum{Kind: Symbol, Span: Span{start, p.src.pos()}, Text: s}
	case '\'', '`', ',':
		k := Quote
		switch r {
		case '`':
			k = Quasiquote
		case ',':
			k = Unquote
			if c, _, ok := p.src.next(); ok && c == '@' {
				k = UnquoteSplicing
			} else if ok {
				p.src.back()
			}
		}
		d := &Datum{Kind: k}
		p.atmosphere()
		if c, cpos, ok := p.src.next(); !ok || c == ')' {
			if ok {
				p.src.back()
			}
			p.errorf(Span{start, cpos}, "missing datum after %s", map[Kind]string{Quote: "'", Quasiquote: "`", Unquote: ",", UnquoteSplicing: ",@"}[k])
		} else {
			p.src.back()
			p.depth++
			if e := p.datum(); e != nil {
				d.Elems = []*Datum{e}
			}
			p.depth--
		}
		d.Span = Span{start, p.src.pos()}
		return d
	case '#':
		return p.sharp(start)
	case '[', ']', '{', '}':
		p.errorf(Span{start, p.src.pos()}, "unexpected character %s", string(r))
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: string(r)}
	}
	p.src.back()
	tok := p.token()
	return p.atom(tok, start)
}

func (p *parser) atom(tok string, start Pos) *Datum {
	span := Span{start, p.src.pos()}
	if tok == "." {
		p.errorf(span, "unexpected .")
		return &Datum{Kind: Invalid, Span: span, Text: tok}
	}
	if c := tok[0]; (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' {
		if n, ok := ParseNumber(tok, 10); ok {
			return &Datum{Kind: Number, Span: span, Num: &n, Text: tok}
		}
	}
	if looksNumeric(tok) {
		p.errorf(span, "bad number %s", tok)
		return &Datum{Kind: Invalid, Span: span, Text: tok}
	}
	name := tok
	if p.fold {
		name = foldString(name)
	}
	return &Datum{Kind: Symbol, Span: span, Text: name}
}

// looksNumeric: a token that starts like a number but is not one is an error, not a symbol.
func looksNumeric(tok string) bool {
	if tok == "" {
		return false
	}
	c := tok[0]
	if c >= '0' && c <= '9' {
		return true
	}
	if (c == '+' || c == '-' || c == '.') && len(tok) > 1 {
		d := tok[1]
		if d >= '0' && d <= '9' {
			return true
		}
		if c != '.' && d == '.' && len(tok) > 2 && tok[2] >= '0' && tok[2] <= '9' {
			return true
		}
	}
	return false
}

// foldString is string-foldcase for identifiers under #!fold-case.
func foldString(s string) string { return strings.ToLower(s) }

// list reads the elements of a list, vector or bytevector after its opening parenthesis.
func (p *parser) list(k Kind, start Pos) *Datum {
	open := Span{start, p.src.pos()}
	d := &Datum{Kind: k}
	p.depth++
	mark := len(p.scratch)
	defer func() {
		p.depth--
		if n := len(p.scratch) - mark; n > 0 {
			d.Elems = make([]*Datum, n)
			copy(d.Elems, p.scratch[mark:])
		}
		clear(p.scratch[mark:])
		p.scratch = p.scratch[:mark]
	}()
	for {
		p.atmosphere()
		c, cpos, ok := p.src.next()
		if !ok {
			p.errorf(open, "missing )")
			d.Span = Span{start, p.src.pos()}
			return d
		}
		if c == ')' {
			d.Close = cpos
			d.Span = Span{start, p.src.pos()}
			return d
		}
		// Recovery: a "(" in the first column while a list is open most likely starts a new
		// top-level form: the user is still typing the one before.
		if p.tolerant && c == '(' && cpos.Col == 1 {
			p.src.back()
			p.errorf(open, "missing )")
			end := open.End
			if d.Tail != nil {
				end = d.Tail.Span.End
			} else if len(p.scratch) > mark {
				end = p.scratch[len(p.scratch)-1].Span.End
			}
			d.Span = Span{start, end}
			return d
		}
		if c == '.' && k == List {
			n, _, ok2 := p.src.next()
			if ok2 {
				p.src.back()
			}
			if ok2 && !isDelimiter(n) {
				// Not a dot but a token starting with one (..., .5).
				p.pushBack('.', cpos)
				if e := p.datum(); e != nil {
					p.scratch = append(p.scratch, e)
				}
				continue
			}
			if !ok2 || isDelimiter(n) {
				d.Dot = cpos
				if len(p.scratch) == mark {
					p.errorf(Span{d.Dot, Pos{d.Dot.Offset + 1, d.Dot.Line, d.Dot.Col + 1}}, "bad dotted list")
				}
				p.atmosphere()
				if c2, _, ok := p.src.next(); !ok || c2 == ')' {
					if ok {
						p.src.back()
					}
					p.errorf(Span{d.Dot, Pos{d.Dot.Offset + 1, d.Dot.Line, d.Dot.Col + 1}}, "bad dotted list")
					continue
				}
				p.src.back()
				d.Tail = p.datum()
				p.atmosphere()
				c3, c3pos, ok := p.src.next()
				if ok && c3 == ')' {
					d.Close = c3pos
					d.Span = Span{start, p.src.pos()}
					return d
				}
				if ok {
					p.src.back()
				}
				p.errorf(Span{d.Dot, Pos{d.Dot.Offset + 1, d.Dot.Line, d.Dot.Col + 1}}, "bad dotted list")
				continue
			}
		}
		p.src.back()
		if e := p.datum(); e != nil {
			if k == Bytevector {
				p.checkByte(e)
			}
			p.scratch = append(p.scratch, e)
		}
	}
}

func (p *parser) checkByte(e *Datum) {
	if e.Kind == Number && e.Num != nil && e.Num.Exact && e.Num.Int != nil && e.Num.Int.IsInt64() {
		if v := e.Num.Int.Int64(); v >= 0 && v <= 255 {
			return
		}
	}
	if e.Kind == Invalid {
		return
	}
	p.errorf(e.Span, "byte out of range in bytevector")
}

// sharp reads what follows a '#'.
func (p *parser) sharp(start Pos) *Datum {
	c, _, ok := p.src.next()
	if !ok {
		p.errorf(Span{start, p.src.pos()}, "unexpected end of file after #")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "#"}
	}
	switch {
	case c == '(':
		return p.list(Vector, start)
	case c == 'u' || c == 'U':
		tok := p.token()
		if tok == "8" {
			if c2, _, ok := p.src.next(); ok && c2 == '(' {
				return p.list(Bytevector, start)
			} else if ok {
				p.src.back()
			}
		}
		p.errorf(Span{start, p.src.pos()}, "expected #u8(")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "#" + string(c) + tok}
	case c == '\\':
		return p.char(start)
	case c == 't' || c == 'f' || c == 'T' || c == 'F':
		p.src.back()
		tok := p.token()
		switch strings.ToLower(tok) {
		case "t", "true":
			return &Datum{Kind: Boolean, Bool: true, Span: Span{start, p.src.pos()}}
		case "f", "false":
			return &Datum{Kind: Boolean, Bool: false, Span: Span{start, p.src.pos()}}
		}
		p.errorf(Span{start, p.src.pos()}, "unexpected character following #")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "#" + tok}
	case strings.ContainsRune("xXbBoOdDeEiI", c):
		p.src.back()
		tok := "#" + p.token()
		span := Span{start, p.src.pos()}
		if n, ok := ParseNumber(tok, 10); ok {
			return &Datum{Kind: Number, Span: span, Num: &n, Text: tok}
		}
		p.errorf(span, "bad number %s", tok)
		return &Datum{Kind: Invalid, Span: span, Text: tok}
	case c >= '0' && c <= '9':
		n := int(c - '0')
		for {
			d, _, ok := p.src.next()
			if !ok {
				break
			}
			if d >= '0' && d <= '9' && n < 1<<20 {
				n = n*10 + int(d-'0')
				continue
			}
			switch d {
			case '=':
				lab := &Datum{Kind: Label, Label: n}
				p.atmosphere()
				if _, _, ok := p.src.next(); ok {
					p.src.back()
					p.depth++
					if e := p.datum(); e != nil {
						lab.Elems = []*Datum{e}
					}
					p.depth--
				} else {
					p.errorf(Span{start, p.src.pos()}, "missing datum after #%d=", n)
				}
				lab.Span = Span{start, p.src.pos()}
				return lab
			case '#':
				return &Datum{Kind: LabelRef, Label: n, Span: Span{start, p.src.pos()}}
			}
			p.src.back()
			break
		}
		p.token()
		p.errorf(Span{start, p.src.pos()}, "expected #n= or #n#")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}}
	}
	if !isDelimiter(c) {
		p.token()
	} else {
		p.src.back()
	}
	p.errorf(Span{start, p.src.pos()}, "unexpected character following #")
	return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "#" + string(c)}
}

var charNames = map[string]rune{"alarm": 7, "backspace": 8, "delete": 127, "escape": 27,
	"newline": 10, "null": 0, "return": 13, "space": 32, "tab": 9,
	"linefeed": 10, "nul": 0, "page": 12, "altmode": 27, "rubout": 127}

var charNameOf = map[rune]string{7: "alarm", 8: "backspace", 127: "delete", 27: "escape",
	10: "newline", 0: "null", 13: "return", 32: "space", 9: "tab"}

func (p *parser) char(start Pos) *Datum {
	c, _, ok := p.src.next()
	if !ok {
		p.errorf(Span{start, p.src.pos()}, "unexpected end of file in character")
		return &Datum{Kind: Invalid, Span: Span{start, p.src.pos()}, Text: "#\\"}
	}
	name := string(c)
	if !isDelimiter(c) {
		name += p.token()
	}
	span := Span{start, p.src.pos()}
	if utf8.RuneCountInString(name) == 1 {
		return &Datum{Kind: Char, Char: c, Span: span}
	}
	key := name
	if p.fold {
		key = strings.ToLower(key)
	}
	if r, ok := charNames[key]; ok {
		return &Datum{Kind: Char, Char: r, Span: span}
	}
	if (name[0] == 'x' || name[0] == 'X') && allDigits(name[1:], 16) {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= unicode.MaxRune && (v < 0xD800 || v > 0xDFFF) {
			return &Datum{Kind: Char, Char: rune(v), Span: span}
		}
	}
	p.errorf(span, "unknown character name %s", name)
	return &Datum{Kind: Invalid, Span: span, Text: "#\\" + name}
}

func (p *parser) stringLit(start Pos) *Datum {
	s := p.delimited(start, '"', "unterminated string")
	return &Datum{Kind: String, Span: Span{start, p.src.pos()}, Text: s}
}

// delimited reads a string or |symbol| body up to the closing delimiter, decoding escapes.
func (p *parser) delimited(start Pos, end rune, unterminated string) string {
	var b strings.Builder
	for {
		c, cpos, ok := p.src.next()
		if !ok {
			p.errorf(Span{start, p.src.pos()}, unterminated)
			return b.String()
		}
		if c == end {
			return b.String()
		}
		if c != '\\' {
			b.WriteRune(c)
			continue
		}
		e, _, ok := p.src.next()
		if !ok {
			p.errorf(Span{start, p.src.pos()}, unterminated)
			return b.String()
		}
		switch e {
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\', '|':
			b.WriteRune(e)
		case 'x', 'X':
			var hex strings.Builder
			closed := false
			for {
				h, _, ok := p.src.next()
				if !ok {
					break
				}
				if h == ';' {
					closed = true
					break
				}
				if digitValue(byte(h)) >= 16 || h > 127 {
					p.src.back()
					break
				}
				hex.WriteRune(h)
			}
			v, err := strconv.ParseUint(hex.String(), 16, 32)
			if !closed || err != nil || v > unicode.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
				p.errorf(Span{cpos, p.src.pos()}, "bad \\x escape in string")
				continue
			}
			b.WriteRune(rune(v))
		case ' ', '\t', '\n', '\r':
			// A line continuation: \ intraline-whitespace* newline intraline-whitespace*.
			sawNewline := e == '\n'
			for {
				w, _, ok := p.src.next()
				if !ok {
					break
				}
				if w == '\n' && !sawNewline {
					sawNewline = true
					continue
				}
				if w == ' ' || w == '\t' || w == '\r' {
					continue
				}
				p.src.back()
				break
			}
			if !sawNewline {
				p.errorf(Span{cpos, p.src.pos()}, "bad escape in string")
			}
		default:
			p.errorf(Span{cpos, p.src.pos()}, "bad escape in string")
			b.WriteRune(e)
		}
	}
}
