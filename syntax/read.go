package syntax

import (
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds the nesting of data: deeper data are skipped, with one error, so that no
// input makes the reader, or what walks its data, recurse without bound.
const maxDepth = 10000

// errStop ends a strict read at its first error.
var errStop = errors.New("stop")

type parser struct {
	src      *source
	tolerant bool
	fold     bool
	errs     []*Error
	comments []Comment
	keepComm bool // record comments (whole files)
	depth    int  // nesting: lists, abbreviations and labels
	open     int  // lists open
	tooDeep  bool // "nested too deeply" was reported for the current top-level datum
	// dcs holds the starts of the datum comments (#;) waiting for their datum.
	dcs []Pos
	// labels are the datum labels (#n=) of the current top-level datum.
	labels map[int]bool
	// unclosed holds the offsets of the '(' that no ')' closes in the whole text, computed
	// when recovery first needs it (see list).
	unclosed    []int32
	hasUnclosed bool
	// asked, when recording (reparse.go), notes each answer of neverClosed: the offset of the
	// '(' when it is never closed, -1-offset when it is.
	asked     []int32
	recording bool
	// scratch holds the elements of the lists being read, so that each list gets a slice of
	// exactly its length. Data and element slices come from blocks, not one allocation each.
	scratch []*Datum
	slab    []Datum
	slabs   int
	ptrs    []*Datum
	// With reuse (Reader.Reuse) the blocks are kept, and each read takes them again from the
	// first: nblock and nptrs count the blocks taken by the current read.
	reuse         bool
	blocks        [][]Datum
	ptrBlocks     [][]*Datum
	nblock, nptrs int
}

// newDatum allocates a datum from the current block.
// slabLen is how many data a block holds: a block fills a size class of the allocator
// (8 KiB) with little left over.
const slabLen = 8192 / unsafe.Sizeof(Datum{})

func (p *parser) newDatum(k Kind, span Extent) *Datum {
	if len(p.slab) == 0 {
		switch {
		case p.nblock < len(p.blocks):
			p.slab = p.blocks[p.nblock]
			p.nblock++
		default:
			n := slabLen
			if p.slabs == 0 && p.src.rs != nil {
				n = 8 // a stream reader may read one small datum only
			}
			p.slabs++
			p.slab = make([]Datum, n)
			if p.reuse {
				p.blocks = append(p.blocks, p.slab)
				p.nblock++
			}
		}
	}
	d := &p.slab[0]
	p.slab = p.slab[1:]
	*d = Datum{Kind: k, Span: span} // a reused block holds old data
	return d
}

// ext returns the extent from start to the current position.
func (p *parser) ext(start Pos) Extent { return Extent{start.Offset, p.src.p.Offset} }

// elems returns the scratch elements above mark as a slice of exactly their length.
func (p *parser) elems(mark int) []*Datum {
	n := len(p.scratch) - mark
	if n == 0 {
		return nil
	}
	var e []*Datum
	if n > 256 {
		e = make([]*Datum, n)
	} else {
		if len(p.ptrs) < n {
			switch {
			case p.nptrs < len(p.ptrBlocks):
				p.ptrs = p.ptrBlocks[p.nptrs]
				p.nptrs++
			default:
				p.ptrs = make([]*Datum, 1024)
				if p.reuse {
					p.ptrBlocks = append(p.ptrBlocks, p.ptrs)
					p.nptrs++
				}
			}
		}
		e = p.ptrs[:n:n]
		p.ptrs = p.ptrs[n:]
	}
	copy(e, p.scratch[mark:])
	clear(p.scratch[mark:])
	p.scratch = p.scratch[:mark]
	return e
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
// read, an error with a precise range for each problem, and resumes after each. The texts of
// the data and comments are slices of src, not copies: src must not change afterwards.
func Parse(name string, src []byte) *File {
	p := &parser{src: newTextSource(sharedText(src)), tolerant: true, keepComm: true}
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
		p.startDatum()
		if d := p.datum(); d != nil {
			f.Data = append(f.Data, d)
		}
		if p.src.pos().Offset == start.Offset {
			// Never stay in place: whatever could not be read is an error and is passed over.
			p.src.next()
			p.errorf(Span{start, p.src.pos()}, "unexpected character")
		}
	}
	f.Comments = p.comments
	sortBy(f.Comments, func(c Comment) int32 { return c.Span.Start.Offset })
	// Inner problems are found before outer ones (an unclosed list is reported when it ends):
	// keep the errors in source order.
	sortBy(p.errs, func(e *Error) int32 { return e.Span.Start.Offset })
	f.Errors = p.errs
	return f
}

// sortBy sorts s stably by key, unless it is already in order.
func sortBy[T any](s []T, key func(T) int32) {
	for i := 1; i < len(s); i++ {
		if key(s[i]) < key(s[i-1]) {
			sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
			return
		}
	}
}

// startDatum begins a top-level datum: datum labels and the nesting report are its own.
func (p *parser) startDatum() {
	p.tooDeep = false
	clear(p.labels)
}

// Reader reads one datum at a time, strictly: the first error ends the read. From a rune
// stream, it consumes the datum and what precedes it, and at most one rune after it, which it
// gives back with UnreadRune.
type Reader struct {
	p     *parser
	lines lineTable // text mode: the start of each line, made when first asked for
	hint  int
}

// NewReader makes a Reader of a rune stream; positions count from the reader's start.
func NewReader(name string, r io.RuneScanner) *Reader {
	return &Reader{p: &parser{src: newStreamSource(r)}}
}

// NewBytesReader makes a Reader of a whole source, faster than a stream, with the positions
// of Parse. As with Parse, the texts of the data are slices of src, which must not change.
func NewBytesReader(name string, src []byte) *Reader {
	return &Reader{p: &parser{src: newTextSource(sharedText(src))}}
}

// sharedText returns src as a string without copying it: a file's data take their texts as
// slices of it, so a large file costs no second copy. src must not change afterwards.
func sharedText(src []byte) string {
	if len(src) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(src), len(src))
}

// Read returns the next datum, io.EOF at a clean end, or an *Error.
func (r *Reader) Read() (d *Datum, err error) {
	p := r.p
	p.errs = nil
	p.dcs = p.dcs[:0]
	p.depth, p.open = 0, 0
	p.scratch = p.scratch[:0]
	if p.reuse {
		p.slab, p.ptrs, p.nblock, p.nptrs = nil, nil, 0, 0
	}
	defer p.src.settle()
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
		if p.src.err != nil && p.src.err != io.EOF {
			return nil, p.src.err
		}
		return nil, io.EOF
	}
	if c == ')' {
		p.errorf(Span{start, p.src.pos()}, "unexpected )")
	}
	p.src.back()
	p.startDatum()
	return p.datum(), nil
}

// Span returns the span of an extent of the data read, with its lines and columns.
func (r *Reader) Span(e Extent) Span {
	t := r.p.src.lines
	if r.p.src.rs == nil {
		if r.lines == nil {
			r.lines = linesOf(r.p.src.text)
		}
		t = r.lines
	}
	start := t.pos(e.Start, &r.hint)
	return Span{start, t.pos(e.End, &r.hint)}
}

// Reuse makes the data of each Read valid only until the next Read, so that their memory
// serves again: for a reader whose user converts each datum at once (the interpreter's).
func (r *Reader) Reuse() { r.p.reuse = true }

// FoldCase reports whether #!fold-case is in effect.
func (r *Reader) FoldCase() bool { return r.p.fold }

// SetFoldCase sets the case folding of symbols and character names.
func (r *Reader) SetFoldCase(on bool) { r.p.fold = on }

func isWhitespace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' ||
		r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// isDelimiter: R7RS delimiters end tokens.
func isDelimiter(r rune) bool {
	return isWhitespace(r) || r == '(' || r == ')' || r == '"' || r == ';' || r == '|' ||
		r == '[' || r == ']' || r == '{' || r == '}'
}

// atmosphere skips whitespace and comments, recording the comments. A datum comment (#;)
// waits for the next datum, which is read and dropped: chained comments (#; #; a b) wait
// together on a stack, so that they cost no recursion and no copy.
func (p *parser) atmosphere() {
	base := len(p.dcs)
	for {
		r, start, ok := p.src.next()
		if !ok {
			p.danglingDatumComments(base, start)
			return
		}
		switch {
		case isWhitespace(r):
			continue
		case r == ';':
			p.lineComment(start)
			continue
		case r == '#':
			c, _, ok := p.src.next()
			if ok {
				switch c {
				case '|':
					p.blockComment(start)
					continue
				case ';':
					p.dcs = append(p.dcs, start)
					continue
				case '!':
					p.directive(start)
					continue
				}
				p.src.back()
			}
			p.src.pushBack('#', start)
		case r == ')' && len(p.dcs) > base:
			p.src.back()
			p.danglingDatumComments(base, start)
			return
		default:
			p.src.back()
		}
		// A datum starts here.
		if len(p.dcs) == base {
			return
		}
		p.datum()
		n := len(p.dcs) - 1
		p.comment(DatumComment, p.dcs[n])
		p.dcs = p.dcs[:n]
	}
}

// danglingDatumComments reports the datum comments above base that have no datum.
func (p *parser) danglingDatumComments(base int, at Pos) {
	for n := len(p.dcs); n > base; n-- {
		start := p.dcs[n-1]
		p.dcs = p.dcs[:n-1]
		p.comment(DatumComment, start)
		p.errorf(Span{start, Pos{start.Offset + 2, start.Line, start.Col + 2}}, "missing datum after #;")
	}
}

func (p *parser) lineComment(start Pos) {
	for {
		c, _, ok := p.src.next()
		if !ok {
			break
		}
		if c == '\n' || c == '\r' {
			p.src.back()
			break
		}
	}
	p.comment(LineComment, start)
}

func (p *parser) directive(start Pos) {
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
}

func (p *parser) comment(k CommentKind, start Pos) {
	if !p.keepComm {
		return
	}
	end := p.src.pos()
	p.comments = append(p.comments, Comment{Kind: k, Span: Span{start, end}, Text: p.src.text[start.Offset:end.Offset]})
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
	s := p.src
	if s.rs == nil {
		start := s.p.Offset
		for {
			c, _, ok := s.next()
			if !ok {
				break
			}
			if isDelimiter(c) {
				s.back()
				break
			}
		}
		return s.text[start:s.p.Offset]
	}
	var b strings.Builder
	for {
		c, _, ok := s.next()
		if !ok {
			break
		}
		if isDelimiter(c) {
			s.back()
			break
		}
		b.WriteRune(c)
	}
	return b.String()
}

// invalid makes an Invalid datum from start to here.
func (p *parser) invalid(start Pos, text string) *Datum {
	d := p.newDatum(Invalid, p.ext(start))
	d.Text = text
	return d
}

// datum reads one datum; the atmosphere before it has been skipped and the next rune exists.
// It returns nil only when nothing at all could be read.
func (p *parser) datum() *Datum {
	r, start, ok := p.src.next()
	if !ok {
		return nil
	}
	if p.src.bad {
		p.errorf(Span{start, p.src.pos()}, "invalid UTF-8")
		return p.invalid(start, "\uFFFD")
	}
	switch r {
	case '(':
		return p.list(List, start)
	case ')':
		// Only reached after an abbreviation or a label at top level.
		p.errorf(Span{start, p.src.pos()}, "unexpected )")
		return p.invalid(start, ")")
	case '"':
		s := p.delimited(start, '"', "string")
		d := p.newDatum(String, p.ext(start))
		d.Text = s
		return d
	case '|':
		s := p.delimited(start, '|', "|symbol|")
		if p.fold {
			s = foldString(s)
		}
		d := p.newDatum(Symbol, p.ext(start))
		d.Text = s
		return d
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
		return p.prefixed(k, start, prefixes[k])
	case '#':
		return p.sharp(start)
	case '[', ']', '{', '}':
		p.errorf(Span{start, p.src.pos()}, "unexpected character %s", string(r))
		return p.invalid(start, string(r))
	}
	p.src.back()
	tok := p.token()
	return p.atom(tok, start)
}

// prefixed reads the datum after an abbreviation ('x `x ,x ,@x) or a label (#n=x).
func (p *parser) prefixed(k Kind, start Pos, what string) *Datum {
	d := p.newDatum(k, Extent{})
	p.atmosphere()
	if c, cpos, ok := p.src.next(); !ok || c == ')' {
		if ok {
			p.src.back()
		}
		p.errorf(Span{start, cpos}, "missing datum after %s", what)
	} else {
		p.src.back()
		var e *Datum
		if p.depth >= maxDepth {
			e = p.skipDeep(cpos, 0)
		} else {
			p.depth++
			e = p.datum()
			p.depth--
		}
		if e != nil {
			p.scratch = append(p.scratch, e)
			d.Elems = p.elems(len(p.scratch) - 1)
		}
	}
	d.Span = p.ext(start)
	return d
}

func (p *parser) atom(tok string, start Pos) *Datum {
	span := Span{start, p.src.pos()}
	if tok == "." {
		p.errorf(span, "unexpected .")
		return p.invalid(start, tok)
	}
	if c := tok[0]; (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' {
		if _, ok := smallInt(tok); ok {
			d := p.newDatum(Number, span.Extent())
			d.Text = tok
			return d
		}
		if _, ok := ParseNumber(tok, 10); ok {
			d := p.newDatum(Number, span.Extent())
			d.Text = tok
			return d
		}
	}
	if looksNumeric(tok) {
		p.errorf(span, "bad number %s", tok)
		return p.invalid(start, tok)
	}
	if p.fold {
		tok = foldString(tok)
	}
	d := p.newDatum(Symbol, span.Extent())
	d.Text = tok
	return d
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
func foldString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// list reads the elements of a list, vector or bytevector after its opening parenthesis.
func (p *parser) list(k Kind, start Pos) *Datum {
	if p.depth >= maxDepth {
		return p.skipDeep(start, 1)
	}
	open := Span{start, p.src.pos()}
	d := p.newDatum(k, Extent{})
	p.depth++
	p.open++
	mark := len(p.scratch)
	var tail *Datum // a dotted list's
	defer func() {
		p.depth--
		p.open--
		if tail == nil {
			d.Elems = p.elems(mark)
			return
		}
		// The tail in the slot after the elements (Datum.Tail).
		p.scratch = append(p.scratch, tail)
		d.dotted(p.elems(mark), tail)
	}()
	for {
		p.atmosphere()
		c, cpos, ok := p.src.next()
		if !ok {
			p.errorf(open, "missing )")
			d.Span = p.ext(start)
			return d
		}
		if c == ')' {
			d.Closed = true
			d.Span = p.ext(start)
			return d
		}
		// Recovery: a "(" in the first column while a list is open most likely starts a new
		// top-level form: the user is still typing the one before. Only when the list is
		// really never closed: a balanced form may well have a line that starts with "(".
		if p.tolerant && c == '(' && cpos.Col == 1 && p.neverClosed(open.End.Offset-1) {
			p.src.back()
			p.errorf(open, "missing )")
			end := open.End.Offset
			if tail != nil {
				end = tail.Span.End
			} else if len(p.scratch) > mark {
				end = p.scratch[len(p.scratch)-1].Span.End
			}
			d.Span = Extent{start.Offset, end}
			return d
		}
		if c == '.' && k == List {
			n, _, ok2 := p.src.next()
			if ok2 {
				p.src.back()
			}
			if ok2 && !isDelimiter(n) {
				// Not a dot but a token starting with one (..., .5).
				p.src.pushBack('.', cpos)
				if e := p.datum(); e != nil {
					p.scratch = append(p.scratch, e)
				}
				continue
			}
			if p.dottedTail(&tail, cpos, mark) {
				d.Closed = true
				d.Span = p.ext(start)
				return d
			}
			continue
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

// dottedTail reads ". tail)" after the dot at dot into *tail; it reports whether the closing
// parenthesis was read too.
func (p *parser) dottedTail(tail **Datum, dot Pos, mark int) bool {
	dotSpan := Span{dot, Pos{dot.Offset + 1, dot.Line, dot.Col + 1}}
	if len(p.scratch) == mark {
		p.errorf(dotSpan, "bad dotted list")
	}
	p.atmosphere()
	if c, _, ok := p.src.next(); !ok || c == ')' {
		if ok {
			p.src.back()
		}
		p.errorf(dotSpan, "bad dotted list")
		return false
	}
	p.src.back()
	*tail = p.datum()
	p.atmosphere()
	c, _, ok := p.src.next()
	if ok && c == ')' {
		return true
	}
	if ok {
		p.src.back()
	}
	p.errorf(dotSpan, "bad dotted list")
	return false
}

func (p *parser) checkByte(e *Datum) {
	if v, ok := e.SmallInt(); ok && v >= 0 && v <= 255 {
		return
	}
	if e.Kind == Number {
		if n := e.Number(); n.Exact && n.Int != nil && n.Int.IsInt64() {
			if v := n.Int.Int64(); v >= 0 && v <= 255 {
				return
			}
		}
	}
	if e.Kind == Invalid {
		return
	}
	p.errorf(p.src.spanOf(e.Span), "byte out of range in bytevector")
}

// skipDeep passes over a datum nested too deeply to be read, from start, without building it
// or recursing: depth is 1 when its opening parenthesis has been read. The datum is reported
// once for each top-level datum and becomes an Invalid datum. A strict read ends at the error:
// it passes over the rest of the top-level datum, so that the next read starts after it.
func (p *parser) skipDeep(start Pos, depth int) *Datum {
	if !p.tolerant {
		depth += p.open
	}
	p.skip(depth)
	span := Span{start, p.src.pos()}
	d := p.newDatum(Invalid, span.Extent())
	if !p.tooDeep || !p.tolerant {
		p.tooDeep = true
		p.errorf(span, "data nested too deeply")
	}
	return d
}

// skip consumes the rest of a datum lexically: strings, symbols, characters and comments are
// passed over whole, and parentheses are counted from depth until they balance.
func (p *parser) skip(depth int) {
	s := p.src
	for {
		r, _, ok := s.next()
		if !ok {
			return
		}
		switch r {
		case '(':
			depth++
			continue
		case ')':
			if depth == 0 {
				s.back()
				return
			}
			depth--
		case ' ', '\t', '\n', '\r', '\f', '\v', '\'', '`', ',', '@':
			continue
		case ';':
			p.lineComment(s.last.at)
			continue
		case '"':
			p.delimited(s.last.at, r, "string")
		case '|':
			p.delimited(s.last.at, r, "|symbol|")
		case '#':
			at := s.last.at
			c, _, ok := s.next()
			if !ok {
				return
			}
			switch c {
			case '|':
				p.blockComment(at)
				continue
			case ';', '(':
				if c == '(' {
					depth++
				}
				continue
			case '\\':
				if c, _, ok := s.next(); ok && !isDelimiter(c) {
					p.token()
				}
			default:
				s.back()
				p.token()
				if c, _, ok := s.next(); ok {
					if c == '(' {
						depth++ // #u8(
						continue
					}
					s.back()
				}
			}
		default:
			if isDelimiter(r) { // [ ] { } and other whitespace
				continue
			}
			s.back()
			p.token()
		}
		if depth == 0 {
			return
		}
	}
}

// neverClosed reports whether the '(' at offset has no matching ')' in the whole text, by a
// lexical scan made once, the first time recovery asks.
func (p *parser) neverClosed(offset int32) bool {
	if p.src.rs != nil {
		return true
	}
	if !p.hasUnclosed {
		p.unclosed = unclosedOpens(p.src.text)
		p.hasUnclosed = true
	}
	never := isUnclosed(p.unclosed, offset)
	if p.recording {
		if never {
			p.asked = append(p.asked, offset)
		} else {
			p.asked = append(p.asked, -1-offset)
		}
	}
	return never
}

func isUnclosed(unclosed []int32, offset int32) bool {
	i := sort.Search(len(unclosed), func(i int) bool { return unclosed[i] >= offset })
	return i < len(unclosed) && unclosed[i] == offset
}

// unclosedOpens returns the offsets of the opening parentheses that no closing one matches,
// passing over strings, |symbols|, characters and comments as the reader does.
func unclosedOpens(text string) []int32 {
	var stack []int32
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '(':
			stack = append(stack, int32(i))
		case ')':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ';':
			for i+1 < len(text) && text[i+1] != '\n' && text[i+1] != '\r' {
				i++
			}
		case '"', '|':
			q := text[i]
			for i++; i < len(text) && text[i] != q; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case '#':
			if i+1 >= len(text) {
				break
			}
			switch text[i+1] {
			case '\\':
				i += 2 // the character itself, even "(" or ")"
			case '|':
				depth := 1
				for i += 2; i < len(text) && depth > 0; i++ {
					switch {
					case text[i] == '|' && i+1 < len(text) && text[i+1] == '#':
						depth--
						i++
					case text[i] == '#' && i+1 < len(text) && text[i+1] == '|':
						depth++
						i++
					}
				}
				i--
			}
		}
	}
	return stack
}

// sharp reads what follows a '#'.
func (p *parser) sharp(start Pos) *Datum {
	c, _, ok := p.src.next()
	if !ok {
		p.errorf(Span{start, p.src.pos()}, "unexpected end of file after #")
		return p.invalid(start, "#")
	}
	switch {
	case c == '(':
		return p.list(Vector, start)
	case c == 'u' || c == 'U':
		tok := p.token()
		if tok == "8" {
			if c2, _, ok := p.src.next(); ok && c2 == '(' {
				return p.list(Bytevector, start)
			} else if ok && c2 == '"' {
				return p.bytestring(start)
			} else if ok {
				p.src.back()
			}
		}
		p.errorf(Span{start, p.src.pos()}, "expected #u8( or #u8\"")
		return p.invalid(start, "#"+string(c)+tok)
	case c == '\\':
		return p.char(start)
	case c == 't' || c == 'f' || c == 'T' || c == 'F':
		p.src.back()
		tok := p.token()
		switch strings.ToLower(tok) {
		case "t", "true":
			d := p.newDatum(Boolean, p.ext(start))
			d.Bool = true
			return d
		case "f", "false":
			return p.newDatum(Boolean, p.ext(start))
		}
		p.errorf(Span{start, p.src.pos()}, "unexpected character following #")
		return p.invalid(start, "#"+tok)
	case strings.ContainsRune("xXbBoOdDeEiI", c):
		p.src.back()
		tok := p.token()
		if p.src.rs == nil {
			tok = p.src.text[start.Offset:p.src.p.Offset]
		} else {
			tok = "#" + tok
		}
		span := Span{start, p.src.pos()}
		if _, ok := ParseNumber(tok, 10); ok {
			d := p.newDatum(Number, span.Extent())
			d.Text = tok
			return d
		}
		p.errorf(span, "bad number %s", tok)
		return p.invalid(start, tok)
	case c >= '0' && c <= '9':
		return p.label(start, int(c-'0'))
	}
	if !isDelimiter(c) {
		p.token()
	} else {
		p.src.back()
	}
	p.errorf(Span{start, p.src.pos()}, "unexpected character following #")
	return p.invalid(start, "#"+string(c))
}

// label reads a datum label #n=datum or reference #n#, after "#" and n's first digit.
func (p *parser) label(start Pos, n int) *Datum {
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
			if p.labels[n] {
				p.errorf(Span{start, p.src.pos()}, "duplicate datum label #%d=", n)
			}
			if p.labels == nil {
				p.labels = map[int]bool{}
			}
			p.labels[n] = true
			lab := p.prefixed(Label, start, "#"+strconv.Itoa(n)+"=")
			lab.n = int32(n)
			if len(lab.Elems) > 0 && lab.Elems[0].Kind == LabelRef && lab.Elems[0].Label() == n {
				p.errorf(p.src.spanOf(lab.Span), "datum label #%d= refers to itself", n)
			}
			return lab
		case '#':
			ref := p.newDatum(LabelRef, p.ext(start))
			ref.n = int32(n)
			if !p.labels[n] {
				p.errorf(p.src.spanOf(ref.Span), "datum reference to unknown label #%d#", n)
			}
			return ref
		}
		p.src.back()
		break
	}
	p.token()
	p.errorf(Span{start, p.src.pos()}, "expected #n= or #n#")
	return p.invalid(start, "")
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
		return p.invalid(start, "#\\")
	}
	name := string(c)
	if !isDelimiter(c) {
		name += p.token()
	}
	span := Span{start, p.src.pos()}
	if utf8.RuneCountInString(name) == 1 {
		d := p.newDatum(Char, span.Extent())
		d.n = c
		return d
	}
	key := name
	if p.fold {
		key = strings.ToLower(key)
	}
	if r, ok := charNames[key]; ok {
		d := p.newDatum(Char, span.Extent())
		d.n = r
		return d
	}
	if (name[0] == 'x' || name[0] == 'X') && allDigits(name[1:], 16) {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= unicode.MaxRune && (v < 0xD800 || v > 0xDFFF) {
			d := p.newDatum(Char, span.Extent())
			d.n = rune(v)
			return d
		}
	}
	p.errorf(span, "unknown character name %s", name)
	return p.invalid(start, "#\\"+name)
}

// bytestring reads a bytevector written as a string, #u8"…" (SRFI 207), after its '"': the
// escapes of strings; each character must be a byte (below 256, as Foment takes it).
func (p *parser) bytestring(start Pos) *Datum {
	s := p.delimited(start, '"', "bytestring")
	var b []byte // when a character is not ASCII
	for i, r := range s {
		if r >= 256 {
			p.errorf(Span{start, p.src.pos()}, "unexpected character %s in bytestring", string(r))
			break
		}
		if r >= utf8.RuneSelf && b == nil {
			b = []byte(s[:i])
		}
		if b != nil {
			b = append(b, byte(r))
		}
	}
	d := p.newDatum(Bytevector, p.ext(start))
	d.flags |= flagBytestring
	d.Closed = true
	d.Text = s
	if b != nil {
		d.Text = string(b)
	}
	return d
}

// delimited reads the body of what (a string, |symbol| or bytestring) up to the closing
// delimiter, decoding escapes. A body without escapes is a slice of the source text.
func (p *parser) delimited(start Pos, end rune, what string) string {
	if s := p.src; s.rs == nil {
		// Fast path: no escape before the closing delimiter.
		o := int(s.p.Offset)
		if i := strings.IndexByte(s.text[o:], byte(end)); i >= 0 && strings.IndexByte(s.text[o:o+i], '\\') < 0 {
			for s.p.Offset < int32(o+i+1) {
				s.next()
			}
			return s.text[o : o+i]
		}
	}
	var b strings.Builder
	for {
		c, cpos, ok := p.src.next()
		if !ok {
			p.errorf(Span{start, p.src.pos()}, "unterminated "+what)
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
			p.errorf(Span{start, p.src.pos()}, "unterminated "+what)
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
				if h > 127 || digitValue(byte(h)) >= 16 {
					p.src.back()
					break
				}
				hex.WriteRune(h)
			}
			v, err := strconv.ParseUint(hex.String(), 16, 32)
			if !closed || err != nil || v > unicode.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
				p.errorf(Span{cpos, p.src.pos()}, "bad \\x escape in "+what)
				continue
			}
			b.WriteRune(rune(v))
		case ' ', '\t', '\n', '\r':
			p.lineContinuation(e, cpos, what)
		default:
			p.errorf(Span{cpos, p.src.pos()}, "bad escape in "+what)
			b.WriteRune(e)
		}
	}
}

// lineContinuation passes over \ intraline-whitespace* line-ending intraline-whitespace*, after
// its first character e; a line ending is "\n", "\r\n" or "\r".
func (p *parser) lineContinuation(e rune, at Pos, what string) {
	ended := e == '\n' || e == '\r'
	prevCR := e == '\r'
	for {
		w, _, ok := p.src.next()
		if !ok {
			break
		}
		if w == '\n' && prevCR {
			prevCR = false
			continue
		}
		prevCR = false
		if (w == '\n' || w == '\r') && !ended {
			ended = true
			prevCR = w == '\r'
			continue
		}
		if w == ' ' || w == '\t' {
			continue
		}
		p.src.back()
		break
	}
	if !ended {
		p.errorf(Span{at, p.src.pos()}, "bad escape in "+what)
	}
}
