package syntax

import (
	"bytes"
	"sort"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Reading a file again after an edit, without reading all of it.
//
// ParseEditable reads a file as Parse does, cut into regions: a region ends after a top-level
// datum where what follows cannot continue it (whitespace, a comment, a stray ")", the end), so
// that each region holds one or more top-level data with the comments and errors before them,
// and its reading depends on its own text only. Reparse reads a new version of the text from the
// start of the region an edit touches, and stops at the first region boundary after the edit
// that was a boundary before it: the regions after it are the old ones, their data untouched.
//
// The old regions' data keep their positions because an editable file's positions are not
// offsets in its text but in a *datum space*: each region starts at a datum offset of its own,
// with room left after it, and the file maps datum offsets to text offsets (a table of region
// starts). Within a region a datum offset and a text offset differ by a constant, so spans keep
// their lengths; when an edit makes a region longer than its room, the file is laid out again.
// Lines and columns in an editable file's data are those of the text the region was read from:
// use TextSpan for the text's.

// region is a run of the text read at once: immutable, shared by every version of the file
// that has it.
type region struct {
	v        int // the datum offset of its start
	n        int // its length in bytes of text
	data     []*Datum
	comments []Comment
	errs     []*Error
	// foldIn and foldOut: #!fold-case is in effect at its start and at its end.
	foldIn, foldOut bool
	// fragile: a list it opens is not closed; a reader that recovers by looking at the rest of
	// the text may read it differently when text after it changes.
	fragile bool
	// asked: the answers its reading had of whether a '(' is ever closed in the whole text
	// (the reader's recovery, read.go), at offsets from its start: the region stands in a new
	// version of the text only where the answers are the same.
	asked []int32
}

// layout is how one version of an editable file's text is cut into regions.
type layout struct {
	regs []*region
	at   []int // the text offset of each region's start
	end  int   // the datum offset of the end of the space
}

const (
	maxSpace = 1 << 30 // the datum space stays far below 2^31
	maxRoom  = 1 << 16 // room after each region for the edits to come
	minRoom  = 64      // below this, regions have too little room: the positions are the text's
)

// ParseEditable reads a whole file as Parse does, into a layout that Reparse can edit.
func ParseEditable(name string, src []byte) *File {
	if len(src) > maxSpace/2 {
		return Parse(name, src) // no room for a datum space: read it all each time
	}
	regs, at := readRegions(src, Pos{0, 1, 1}, false, nil)
	if len(regs) == 0 {
		regs, at = []*region{{}}, []int{0}
	}
	room := min(maxRoom, (maxSpace-len(src))/(len(regs)+1))
	f := &File{Name: name, Src: src, Lines: NewLineIndex(src)}
	if room < minRoom {
		// Too many regions for the space: read it all each time, with the text's positions.
		for _, r := range regs {
			f.Data = append(f.Data, r.data...)
			f.Comments = append(f.Comments, r.comments...)
			f.Errors = append(f.Errors, r.errs...)
		}
		return f
	}
	l := &layout{regs: regs, at: at}
	v := 0
	for i, r := range regs {
		r.v = v
		r.place(at[i], nil) // (the data slice src: one text, whoever keeps the file keeps it)
		v += r.n + room
	}
	l.end = v
	f.layout = l
	l.fill(f)
	return f
}

// Reparse reads src, a new version of an editable file's text, again from the region the change
// begins in, until the regions it reads line up with the old ones after the change. Regions
// before and after the change, their data, comments and errors, are those of f.
func Reparse(f *File, src []byte) *File {
	l := f.layout
	if l == nil {
		return ParseEditable(f.Name, src)
	}
	old := f.Src
	pre := commonPrefix(old, src)
	if pre == len(old) && pre == len(src) {
		return f
	}
	suf := commonSuffix(old[pre:], src[pre:])
	newEnd := len(src) - suf
	lines := f.Lines.Edited(src, pre, len(old)-suf, newEnd)
	delta := len(src) - len(old)
	first := l.regionAt(pre)
	for i := 0; i < first; i++ {
		if l.regs[i].fragile {
			first = i
			break
		}
	}
	start := l.at[first]
	pos := f.Lines.Pos(start) // the text before the change is the same
	if len(src) > maxSpace/2 {
		return Parse(f.Name, src)
	}
	resume := len(l.regs) // the first old region read as it was
	regs, at := readRegions(src, pos, l.regs[first].foldIn, func(b int, fold bool) bool {
		if b < newEnd {
			return false
		}
		j := sort.SearchInts(l.at, b-delta)
		if j <= first || j >= len(l.at) || l.at[j] != b-delta || l.regs[j].foldIn != fold {
			return false
		}
		resume = j
		return true
	})
	// Place the new regions in the room of the old ones they replace.
	lo, hi := l.regs[first].v, l.end
	if resume < len(l.regs) {
		hi = l.regs[resume].v
	}
	n := 0
	for _, r := range regs {
		n += r.n
	}
	spare := hi - lo - n
	if spare < minRoom*(len(regs)+1) {
		return ParseEditable(f.Name, src)
	}
	gap := spare / (len(regs) + 1)
	v := lo
	for i, r := range regs {
		r.v = v
		r.place(at[i], src)
		v += r.n + gap
	}
	nl := &layout{end: l.end}
	nl.regs = append(append(append(make([]*region, 0, first+len(regs)+len(l.regs)-resume), l.regs[:first]...), regs...), l.regs[resume:]...)
	nl.at = append(append(make([]int, 0, len(nl.regs)), l.at[:first]...), at...)
	for _, a := range l.at[resume:] {
		nl.at = append(nl.at, a+delta)
	}
	if !nl.answersHold(src, first, first+len(regs)) {
		return ParseEditable(f.Name, src)
	}
	nf := &File{Name: f.Name, Src: src, Lines: lines, layout: nl}
	nl.fill(nf)
	return nf
}

// answersHold reports whether the regions kept from the version before (those outside
// [from, to)) would be read the same in src: the reader's recovery asked, while it read them,
// whether lists are ever closed in the whole text, and the text changed.
func (l *layout) answersHold(src []byte, from, to int) bool {
	var unclosed []int32
	known := false
	for i, r := range l.regs {
		if i >= from && i < to || len(r.asked) == 0 {
			continue
		}
		if !known {
			unclosed, known = unclosedOpens(sharedText(src)), true
		}
		for _, a := range r.asked {
			never := a >= 0
			if !never {
				a = -1 - a
			}
			if isUnclosed(unclosed, int32(l.at[i])+a) != never {
				return false
			}
		}
	}
	return true
}

// fill sets the file's data, comments and errors from the regions.
func (l *layout) fill(f *File) {
	nd, nc, ne := 0, 0, 0
	for _, r := range l.regs {
		nd, nc, ne = nd+len(r.data), nc+len(r.comments), ne+len(r.errs)
	}
	f.Data = make([]*Datum, 0, nd)
	f.Comments = make([]Comment, 0, nc)
	if ne > 0 {
		f.Errors = make([]*Error, 0, ne)
	}
	for _, r := range l.regs {
		f.Data = append(f.Data, r.data...)
		f.Comments = append(f.Comments, r.comments...)
		f.Errors = append(f.Errors, r.errs...)
	}
}

// regionAt returns the region a change at text offset off begins in: a region's end belongs to
// it (text inserted right after a datum may continue it), the start of the text to the first.
func (l *layout) regionAt(off int) int {
	return max(0, sort.SearchInts(l.at, off)-1)
}

// Editable reports whether the file's data are in a datum space of their own (ParseEditable).
func (f *File) Editable() bool { return f.layout != nil }

// DatumOffset returns the datum offset of a text offset: where a cursor there is among the data.
// An offset between two regions is the end of the first.
func (f *File) DatumOffset(off int) int {
	l := f.layout
	if l == nil {
		return off
	}
	off = max(0, min(off, len(f.Src)))
	i := l.regionAt(off)
	return l.regs[i].v + min(off-l.at[i], l.regs[i].n)
}

// TextOffset returns the text offset of a datum offset (the end of a region for an offset in
// the room after it).
func (f *File) TextOffset(v int) int {
	l := f.layout
	if l == nil {
		return v
	}
	i := sort.Search(len(l.regs), func(i int) bool { return l.regs[i].v > v }) - 1
	if i < 0 {
		return 0
	}
	return l.at[i] + min(v-l.regs[i].v, l.regs[i].n)
}

// TextSpan returns the extent of the text that an extent of the file's data covers.
func (f *File) TextSpan(s Extent) Extent {
	if f.layout == nil {
		return s
	}
	return Extent{int32(f.TextOffset(int(s.Start))), int32(f.TextOffset(int(s.End)))}
}

// Span returns the span of an extent of the file's data: its offsets (an editable file's are
// in its datum space) with the lines and columns of the text.
func (f *File) Span(e Extent) Span {
	if f.Lines == nil {
		return Span{Pos{Offset: e.Start}, Pos{Offset: e.End}}
	}
	if f.layout == nil {
		return f.Lines.Span(e)
	}
	s := f.Lines.Span(f.TextSpan(e))
	s.Start.Offset, s.End.Offset = e.Start, e.End
	return s
}

// Text returns the source text of an extent of the file's data ("" when it lies outside).
func (f *File) Text(s Extent) string {
	a, b := f.TextOffset(int(s.Start)), f.TextOffset(int(s.End))
	if a < 0 || b > len(f.Src) || a > b {
		return ""
	}
	return string(f.Src[a:b])
}

// End returns the position of the end of the file among its data: the end of the text, or of
// an editable file's datum space (which stays the same while the file is edited).
func (f *File) End() Pos {
	p := f.Lines.Pos(len(f.Src))
	if f.layout != nil {
		p.Offset = int32(f.layout.end)
	}
	return p
}

// place moves a region's data, read at text offset at from the text src, to its datum offset,
// and gives the texts they slice from src a copy of the region's text of their own: a region
// read again lives on in later versions of the file, which must not keep each version's whole
// text. (src nil: the texts stay slices of the text read first.)
func (r *region) place(at int, src []byte) {
	d := int32(r.v - at)
	var own string
	base := uintptr(0)
	if len(src) > 0 {
		own = string(src[at : at+r.n])
		base = uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	}
	rebase := func(t string) string {
		if len(t) == 0 || base == 0 {
			return t
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(t)))
		if p < base+uintptr(at) || p+uintptr(len(t)) > base+uintptr(at+r.n) {
			return t // decoded, not a slice of the region's text
		}
		i := int(p - base - uintptr(at))
		return own[i : i+len(t)]
	}
	for _, x := range r.data {
		shiftDatum(x, d, rebase)
	}
	for i := range r.comments {
		r.comments[i].Span = shiftSpan(r.comments[i].Span, d)
		r.comments[i].Text = rebase(r.comments[i].Text)
	}
	for _, e := range r.errs {
		e.Span = shiftSpan(e.Span, d)
	}
}

func shiftSpan(s Span, d int32) Span {
	s.Start.Offset += d
	s.End.Offset += d
	return s
}

// shiftDatum moves a datum and those in it by d, and rebases their texts.
func shiftDatum(x *Datum, d int32, rebase func(string) string) {
	for {
		x.Span.Start += d
		x.Span.End += d
		x.Text = rebase(x.Text)
		if x.Tail() != nil {
			shiftDatum(x.Tail(), d, rebase)
		}
		if len(x.Elems) == 0 {
			return
		}
		for _, e := range x.Elems[:len(x.Elems)-1] {
			shiftDatum(e, d, rebase)
		}
		x = x.Elems[len(x.Elems)-1] // long lists and chains of quotes without recursion
	}
}

// readRegions reads regions from text position start, where a region begins, with fold-case
// as given, until stop (when not nil) accepts a region boundary or the text ends. It returns
// the regions, their data at their text positions, and the text offset of each one's start.
func readRegions(src []byte, start Pos, fold bool, stop func(boundary int, fold bool) bool) ([]*region, []int) {
	rr := newRegionReader(src, start, fold)
	var regs []*region
	var at []int
	cur := &region{foldIn: fold}
	from := int(start.Offset)
	end := func(b int) {
		cur.n = b - from
		cur.comments, cur.errs = rr.take()
		cur.asked = rr.takeAsked(from)
		for _, e := range cur.errs {
			if e.Msg == "missing )" {
				cur.fragile = true
			}
		}
		cur.foldOut = rr.fold()
		regs, at = append(regs, cur), append(at, from)
	}
	for {
		d, ok := rr.next()
		if !ok {
			// The end: the last region is what is left, comments and whitespace (or nothing, in
			// an empty text).
			if b := len(src); b > from || len(regs) == 0 && b == 0 {
				end(b)
			}
			return regs, at
		}
		cur.data = append(cur.data, d)
		b := rr.offset()
		if !boundary(src, b) {
			continue
		}
		end(b)
		if b >= len(src) || stop != nil && stop(b, rr.fold()) {
			return regs, at
		}
		cur, from = &region{foldIn: rr.fold()}, b
	}
}

// boundary reports whether a region may end at offset i, after a top-level datum: what follows
// is the end, whitespace, a comment or a stray ")", not the start of a datum.
func boundary(src []byte, i int) bool {
	if i >= len(src) {
		return true
	}
	switch c := src[i]; c {
	case ' ', '\t', '\n', '\r', '\f', '\v', ';', ')':
		return true
	case '#':
		return i+1 < len(src) && (src[i+1] == '|' || src[i+1] == ';' || src[i+1] == '!')
	default:
		if c < utf8.RuneSelf {
			return false
		}
		r, _ := utf8.DecodeRune(src[i:])
		return unicode.IsSpace(r)
	}
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+4096 <= n && bytes.Equal(a[i:i+4096], b[i:i+4096]) {
		i += 4096
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+4096 <= n && bytes.Equal(a[len(a)-i-4096:len(a)-i], b[len(b)-i-4096:len(b)-i]) {
		i += 4096
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// Edited returns the line index of src, a text made from x's by replacing the bytes from start
// to oldEnd with those of src from start to newEnd: the lines before the change are x's, those
// after it x's moved, and only the lines the change touches are scanned.
func (x *LineIndex) Edited(src []byte, start, oldEnd, newEnd int) *LineIndex {
	if start < 0 || start > oldEnd || oldEnd > len(x.src) || start > newEnd || newEnd > len(src) ||
		newEnd-start != len(src)-len(x.src)+oldEnd-start {
		return NewLineIndex(src)
	}
	delta := newEnd - oldEnd
	// Scan from the start of the line before the change's (a '\r' just before it may become
	// half of a "\r\n") to the first old line start after oldEnd, which stays a line start.
	l0 := x.line0(max(0, start-1))
	after := sort.Search(len(x.lines), func(i int) bool { return int(x.lines[i]) > oldEnd })
	y := &LineIndex{src: src, lines: make([]int32, l0+1, len(x.lines)+8), ascii: make([]int32, l0, len(x.lines)+8)}
	copy(y.lines, x.lines[:l0+1])
	copy(y.ascii, x.ascii[:l0])
	for l, ms := range x.marks {
		if l < l0 {
			if y.marks == nil {
				y.marks = map[int][]mark{}
			}
			y.marks[l] = ms
		}
	}
	end := len(src)
	if after < len(x.lines) {
		end = int(x.lines[after]) + delta
	}
	first := -1
	for i := int(x.lines[l0]); i < end; i++ {
		switch b := src[i]; {
		case b >= utf8.RuneSelf:
			if first < 0 {
				first = i
			}
		case (b == '\n' || b == '\r') && lineEnd(src, i):
			y.endLine(first, i)
			first = -1
			y.lines = append(y.lines, int32(i+1))
		}
	}
	if after >= len(x.lines) {
		y.endLine(first, len(src))
		return y
	}
	// y's last line is x's line after, moved.
	k := len(y.lines) - 1
	for _, o := range x.lines[after+1:] {
		y.lines = append(y.lines, o+int32(delta))
	}
	for _, o := range x.ascii[after:] {
		y.ascii = append(y.ascii, o+int32(delta))
	}
	for l, ms := range x.marks {
		if l >= after {
			moved := make([]mark, len(ms))
			for i, m := range ms {
				moved[i] = mark{m.off + int32(delta), m.col16}
			}
			if y.marks == nil {
				y.marks = map[int][]mark{}
			}
			y.marks[l-after+k] = moved
		}
	}
	return y
}

// regionReader is the reader's top-level loop (Parse's), from any position of a text: the
// part of this file that knows the parser. It reads the whole text, so that its recovery from
// a list never closed looks at the same text as Parse's.
type regionReader struct {
	p *parser
}

func newRegionReader(src []byte, at Pos, fold bool) *regionReader {
	s := newTextSource(sharedText(src))
	s.p = at
	return &regionReader{p: &parser{src: s, tolerant: true, keepComm: true, fold: fold, recording: true}}
}

// takeAsked returns neverClosed's answers since the last take, at offsets from from.
func (rr *regionReader) takeAsked(from int) []int32 {
	as := rr.p.asked
	rr.p.asked = nil
	for i, a := range as {
		if a >= 0 {
			as[i] = a - int32(from)
		} else {
			as[i] = -1 - (-1 - a - int32(from))
		}
	}
	return as
}

// next reads the next top-level datum and what precedes it; false at the end of the text.
func (rr *regionReader) next() (*Datum, bool) {
	p := rr.p
	for {
		p.atmosphere()
		r, start, ok := p.src.next()
		if !ok {
			return nil, false
		}
		if r == ')' {
			p.errorf(Span{start, p.src.pos()}, "unexpected )")
			continue
		}
		p.src.back()
		p.startDatum()
		d := p.datum()
		if p.src.pos().Offset == start.Offset {
			// Never stay in place (as Parse).
			p.src.next()
			p.errorf(Span{start, p.src.pos()}, "unexpected character")
		}
		if d != nil {
			return d, true
		}
	}
}

func (rr *regionReader) offset() int { return int(rr.p.src.pos().Offset) }
func (rr *regionReader) fold() bool  { return rr.p.fold }

// take returns the comments and errors read since the last take, in source order.
func (rr *regionReader) take() ([]Comment, []*Error) {
	cs, es := rr.p.comments, rr.p.errs
	rr.p.comments, rr.p.errs = nil, nil
	sortBy(cs, func(c Comment) int32 { return c.Span.Start.Offset })
	sortBy(es, func(e *Error) int32 { return e.Span.Start.Offset })
	return cs, es
}

// Shares reports whether a span of f's data lies in a region g has too: there, both versions
// of an edited file have the same data at the same datum offsets.
func (f *File) Shares(g *File, s Extent) bool {
	if f.layout == nil || g.layout == nil {
		return false
	}
	r := f.layout.regionOf(int(s.Start))
	if r == nil || int(s.End) > r.v+r.n {
		return false
	}
	return g.layout.regionOf(int(s.Start)) == r
}

// regionOf returns the region whose text holds a datum offset, or nil.
func (l *layout) regionOf(v int) *region {
	i := sort.Search(len(l.regs), func(i int) bool { return l.regs[i].v > v }) - 1
	if i < 0 || v > l.regs[i].v+l.regs[i].n {
		return nil
	}
	return l.regs[i]
}
