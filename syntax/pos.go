// Package syntax is the Scheme reader shared by the interpreter and the analyzer: it turns
// source text into data that carry their exact spans, keeps comments, and in its tolerant mode
// reads everything it can of broken text. It imports nothing of this project.
package syntax

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Pos is a position in a source file. The fields are 32-bit so that the spans of a large file's
// data stay compact (a source is at most 2 GiB).
type Pos struct {
	Offset int32 // byte offset from the start of the source, 0-based
	Line   int32 // 1-based line
	Col    int32 // 1-based column, counted in bytes of UTF-8
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Span is a range of source; End is exclusive.
type Span struct{ Start, End Pos }

// Contains reports whether the byte offset lies in the span (the end included, as a cursor
// right after a token still touches it).
func (s Span) Contains(offset int) bool {
	return int(s.Start.Offset) <= offset && offset <= int(s.End.Offset)
}

// Extent is a range of source as byte offsets only, End exclusive: 8 bytes where a Span is 24,
// for what a large file has one of per token (its data, the analyzer's references). The
// lines and columns of an extent are its file's: LineIndex.Span, File.Span, Reader.Span.
type Extent struct{ Start, End int32 }

// Contains reports whether the byte offset lies in the extent (the end included, as a cursor
// right after a token still touches it).
func (e Extent) Contains(offset int) bool {
	return int(e.Start) <= offset && offset <= int(e.End)
}

// Len returns the extent's length in bytes.
func (e Extent) Len() int { return int(e.End - e.Start) }

// Extent returns the offsets of a span.
func (s Span) Extent() Extent { return Extent{s.Start.Offset, s.End.Offset} }

// lineTable holds the byte offset of the start of each line, from 0.
type lineTable []int32

// pos returns the position of offset, searching from the line *hint (the line of the last
// position asked for: a file's positions are mostly asked for in order), which it updates.
func (t lineTable) pos(offset int32, hint *int) Pos {
	l := *hint
	if l < 0 || l >= len(t) || t[l] > offset {
		l = sort.Search(len(t), func(i int) bool { return t[i] > offset }) - 1
	} else {
		for n := 0; l+1 < len(t) && t[l+1] <= offset; n++ {
			if n == 8 {
				l = l + sort.Search(len(t)-l, func(i int) bool { return t[l+i] > offset }) - 1
				break
			}
			l++
		}
	}
	if l < 0 {
		l = 0
	}
	*hint = l
	return Pos{Offset: offset, Line: int32(l + 1), Col: offset - t[l] + 1}
}

// LineIndex converts between byte offsets, (line, byte column) positions and the positions of
// the Language Server Protocol: 0-based lines with columns in UTF-16 code units or UTF-8 bytes.
// Lines end at "\n", "\r\n" or a lone "\r", as in LSP and in the reader.
//
// Converting a position costs no scan of the line for its ASCII beginning, and at most a scan
// of 4 KiB after it: a long line (minified code, a generated list) is common enough.
type LineIndex struct {
	src   []byte
	lines lineTable // byte offset of the start of each line
	ascii []int32   // for each line, the offset of its first non-ASCII byte, or its end
	// marks hold, for long lines with non-ASCII text, the UTF-16 column every 4 KiB after the
	// first non-ASCII byte.
	marks map[int][]mark
}

type mark struct{ off, col16 int32 }

const markEvery = 4096

// lineEnd reports whether the byte at i ends a line: a '\n', or a '\r' not followed by '\n'.
func lineEnd[T string | []byte](src T, i int) bool {
	switch src[i] {
	case '\n':
		return true
	case '\r':
		return i+1 >= len(src) || src[i+1] != '\n'
	}
	return false
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	x := &LineIndex{src: src, lines: make([]int32, 1, 1+len(src)/32), ascii: make([]int32, 0, 1+len(src)/32)}
	first := -1 // the first non-ASCII byte of the current line
	for i, b := range src {
		switch {
		case b >= utf8.RuneSelf:
			if first < 0 {
				first = i
			}
		case (b == '\n' || b == '\r') && lineEnd(src, i):
			x.endLine(first, i)
			first = -1
			x.lines = append(x.lines, int32(i+1))
		}
	}
	x.endLine(first, len(src))
	return x
}

// endLine records the first non-ASCII byte of the last line, which ends at end, and its marks.
func (x *LineIndex) endLine(first, end int) {
	if first < 0 {
		x.ascii = append(x.ascii, int32(end))
		return
	}
	x.ascii = append(x.ascii, int32(first))
	if end-first <= markEvery {
		return
	}
	l := len(x.lines) - 1
	var ms []mark
	n := first - int(x.lines[l])
	for i, next := first, first+markEvery; i < end; {
		if i >= next {
			ms = append(ms, mark{int32(i), int32(n)})
			next += markEvery
		}
		r, size := utf8.DecodeRune(x.src[i:])
		n += utf16Len(r)
		i += size
	}
	if x.marks == nil {
		x.marks = map[int][]mark{}
	}
	x.marks[l] = ms
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// scanFrom returns where counting UTF-16 units in line l may start for a byte offset (by
// offset) or for a UTF-16 column (by col16): the offset and column of the first non-ASCII byte
// or of the last mark before it.
func (x *LineIndex) scanFrom(l int, before func(m mark) bool) (int, int) {
	i := int(x.ascii[l])
	n := i - int(x.lines[l])
	ms := x.marks[l]
	if k := sort.Search(len(ms), func(k int) bool { return !before(ms[k]) }); k > 0 {
		i, n = int(ms[k-1].off), int(ms[k-1].col16)
	}
	return i, n
}

// LineCount returns the number of lines (a final line without a line end counts).
func (x *LineIndex) LineCount() int { return len(x.lines) }

// LineStart returns the offset of a 0-based line's start (len(src) beyond the last line).
func (x *LineIndex) LineStart(line0 int) int {
	if line0 < 0 {
		return 0
	}
	if line0 >= len(x.lines) {
		return len(x.src)
	}
	return int(x.lines[line0])
}

// lineEnd returns the offset of a 0-based line's end, before its line end.
func (x *LineIndex) lineEnd(line0 int) int {
	end := len(x.src)
	if line0+1 < len(x.lines) {
		end = int(x.lines[line0+1]) - 1 // the '\n' or lone '\r'
		if x.src[end] == '\n' && end > int(x.lines[line0]) && x.src[end-1] == '\r' {
			end--
		}
	}
	return end
}

func (x *LineIndex) clamp(offset int) int {
	if offset < 0 {
		return 0
	}
	if offset > len(x.src) {
		return len(x.src)
	}
	return offset
}

// line0 returns the 0-based line of an offset.
func (x *LineIndex) line0(offset int) int {
	return sort.Search(len(x.lines), func(i int) bool { return int(x.lines[i]) > offset }) - 1
}

// Pos returns the position of a byte offset.
func (x *LineIndex) Pos(offset int) Pos {
	offset = x.clamp(offset)
	l := x.line0(offset)
	return Pos{Offset: int32(offset), Line: int32(l + 1), Col: int32(offset - int(x.lines[l]) + 1)}
}

// Span returns the span of an extent, with its lines and columns.
func (x *LineIndex) Span(e Extent) Span {
	hint := -1
	start := x.lines.pos(int32(x.clamp(int(e.Start))), &hint)
	return Span{start, x.lines.pos(int32(x.clamp(int(e.End))), &hint)}
}

// UTF16Col returns the 0-based UTF-16 column of offset within its line.
func (x *LineIndex) UTF16Col(offset int) int {
	offset = x.clamp(offset)
	l := x.line0(offset)
	if offset <= int(x.ascii[l]) {
		return offset - int(x.lines[l])
	}
	i, n := x.scanFrom(l, func(m mark) bool { return int(m.off) <= offset })
	for i < offset {
		r, size := utf8.DecodeRune(x.src[i:])
		n += utf16Len(r)
		i += size
	}
	return n
}

// OffsetUTF16 returns the offset of a 0-based line and UTF-16 column; a column past the end of
// the line clamps to it, a line past the last gives len(src).
func (x *LineIndex) OffsetUTF16(line0, col16 int) int {
	if line0 >= len(x.lines) {
		return len(x.src)
	}
	if line0 < 0 {
		return 0
	}
	start, end := int(x.lines[line0]), x.lineEnd(line0)
	a := min(int(x.ascii[line0]), end)
	if col16 <= a-start {
		return start + max(col16, 0)
	}
	if a == end {
		return end
	}
	i, n := x.scanFrom(line0, func(m mark) bool { return int(m.col16) <= col16 })
	for i < end && n < col16 {
		r, size := utf8.DecodeRune(x.src[i:])
		n += utf16Len(r)
		if n > col16 {
			break // inside a surrogate pair: stay before the character
		}
		i += size
	}
	return i
}

// OffsetUTF8 returns the offset of a 0-based line and byte column, clamped like OffsetUTF16.
func (x *LineIndex) OffsetUTF8(line0, col int) int {
	if line0 >= len(x.lines) {
		return len(x.src)
	}
	if line0 < 0 {
		return 0
	}
	start, end := int(x.lines[line0]), x.lineEnd(line0)
	if col < 0 {
		col = 0
	}
	if start+col > end {
		return end
	}
	o := start + col
	for o > start && !utf8.RuneStart(x.src[o]) {
		o--
	}
	return o
}
