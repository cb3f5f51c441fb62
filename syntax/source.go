package syntax

import (
	"io"
	"unicode/utf8"
)

// source delivers runes with their positions, from a whole text (files: fast, and texts are
// sliced rather than copied) or from a rune stream (ports). The parser looks ahead at most two
// runes: back gives back the rune next returned last, and pushBack a rune before it. A text
// just moves its position; a stream keeps the runes given back in a small buffer, as it cannot
// give back more than one rune to the stream beneath.
//
// "\n", "\r\n" and a lone "\r" end lines. A text sees whether a '\r' is followed by '\n' and
// counts the pair as one line end, as the LineIndex does; a stream cannot look ahead, so its
// '\r' ends the line at once and a '\n' right after it takes no room.
type source struct {
	text string         // text mode: the whole source
	rs   io.RuneScanner // stream mode
	p    Pos            // the position of the next rune
	bad  bool           // the rune next returned last was an invalid UTF-8 byte

	last    item // the rune next returned last, for back
	hasLast bool

	// stream mode
	pend   [4]item // runes given back; next takes the last first
	npend  int
	read   item // the rune read last from rs, which rs can take back
	prevCR bool // the rune read last from rs was '\r'
	err    error
	// lines: the start of each line met, for the positions of the extents read (text mode
	// makes it of the text when asked: linesOf).
	lines lineTable
}

type item struct {
	r       rune
	at, end Pos
	bad     bool
}

func newTextSource(text string) *source { return &source{text: text, p: Pos{0, 1, 1}} }

func newStreamSource(rs io.RuneScanner) *source {
	return &source{rs: rs, p: Pos{0, 1, 1}, lines: lineTable{0}}
}

// next returns the next rune and its position; ok is false at the end.
func (s *source) next() (r rune, at Pos, ok bool) {
	if s.rs != nil {
		return s.nextStream()
	}
	o := int(s.p.Offset)
	if o >= len(s.text) {
		s.hasLast = false
		return 0, s.p, false
	}
	at = s.p
	s.last.at, s.hasLast = at, true
	if c := s.text[o]; c < utf8.RuneSelf {
		s.bad = false
		if c == '\n' || c == '\r' && (o+1 == len(s.text) || s.text[o+1] != '\n') {
			s.p = Pos{at.Offset + 1, at.Line + 1, 1}
		} else {
			s.p = Pos{at.Offset + 1, at.Line, at.Col + 1}
		}
		return rune(c), at, true
	}
	r, w := utf8.DecodeRuneInString(s.text[o:])
	s.bad = r == utf8.RuneError && w == 1
	s.p = Pos{at.Offset + int32(w), at.Line, at.Col + int32(w)}
	return r, at, true
}

func (s *source) nextStream() (rune, Pos, bool) {
	var it item
	if s.npend > 0 {
		s.npend--
		it = s.pend[s.npend]
	} else {
		r, w, err := s.rs.ReadRune()
		if err != nil {
			s.err = err
			s.hasLast = false
			return 0, s.p, false
		}
		it = item{r: r, at: s.p, bad: r == utf8.RuneError && w == 1}
		switch {
		case r == '\n' && s.prevCR:
			it.end = Pos{s.p.Offset + 1, s.p.Line, s.p.Col}
			if n := len(s.lines); n > 0 && s.lines[n-1] == s.p.Offset {
				s.lines[n-1]++ // the line starts after the "\r\n"
			}
		case r == '\n' || r == '\r':
			it.end = Pos{s.p.Offset + int32(w), s.p.Line + 1, 1}
			if s.lines[len(s.lines)-1] < it.end.Offset { // not a rune read again after settle
				s.lines = append(s.lines, it.end.Offset)
			}
		default:
			it.end = Pos{s.p.Offset + int32(w), s.p.Line, s.p.Col + int32(w)}
		}
		s.prevCR = r == '\r'
		s.read = it
	}
	s.last, s.hasLast = it, true
	s.p, s.bad = it.end, it.bad
	return it.r, it.at, true
}

// back gives back the rune next returned last (nothing after the end).
func (s *source) back() {
	if !s.hasLast {
		return
	}
	s.hasLast = false
	if s.rs != nil {
		s.pend[s.npend] = s.last
		s.npend++
	}
	s.p = s.last.at
}

// pushBack gives back rune r, read at position at, when the rune after it has already been
// given back: at most two runes wait at a time.
func (s *source) pushBack(r rune, at Pos) {
	s.hasLast = false
	if s.rs != nil {
		s.pend[s.npend] = item{r: r, at: at, end: s.p}
		s.npend++
	}
	s.p = at
}

// posAt returns the position of an offset read already.
func (s *source) posAt(off int32) Pos {
	if s.rs != nil {
		h := -1
		return s.lines.pos(off, &h)
	}
	// Text mode: count back from the current position (an error's datum was read just now).
	p := s.p
	off = max(0, min(off, p.Offset))
	line := p.Line
	for i := off; i < p.Offset; i++ {
		if lineEnd(s.text, int(i)) {
			line--
		}
	}
	if line == p.Line {
		return Pos{off, line, p.Col - (p.Offset - off)}
	}
	st := off
	for st > 0 && !lineEnd(s.text, int(st-1)) {
		st--
	}
	return Pos{off, line, off - st + 1}
}

// spanOf returns the span of an extent read already.
func (s *source) spanOf(e Extent) Span { return Span{s.posAt(e.Start), s.posAt(e.End)} }

// linesOf returns the start of each line of a text.
func linesOf(text string) lineTable {
	t := make(lineTable, 1, 1+len(text)/32)
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c == '\n' || c == '\r') && lineEnd(text, i) {
			t = append(t, int32(i+1))
		}
	}
	return t
}

// pos returns the position of the next rune.
func (s *source) pos() Pos { return s.p }

// settle gives the stream back the rune that was read past the end of a datum, so that the
// next reader of the stream gets it.
func (s *source) settle() {
	if s.rs != nil && s.npend == 1 && s.pend[0].at == s.read.at {
		if s.rs.UnreadRune() == nil {
			s.npend = 0
		}
	}
}
