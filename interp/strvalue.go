package interp

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// String is a mutable Scheme string, held one of two ways:
//
//   - narrow: every character is ASCII and b holds them, one byte each. The bytes are at once
//     the string's UTF-8 and its index, so string->utf8, utf8->string, number->string, ports
//     and conversions to Go strings are a copy, and string-ref is a byte load. Most strings are
//     narrow: numbers, names, protocol text.
//   - wide: w holds the characters as runes, so string-ref and string-set! stay O(1) on any
//     text with no index to build on a read (a read never changes a string, so threads may
//     share one).
//
// Storing a non-ASCII character into a narrow string widens it; nothing narrows a wide one.
// Code outside this file uses the methods, never the fields.
type String struct {
	b []byte  // narrow: the characters
	w *[]rune // wide: the characters (a pointer keeps the struct, which every string has, small)
}

// Str makes a string of s.
func Str(s string) Value {
	if isASCII(s) {
		n := newNarrow(len(s))
		copy(n.b, s)
		return Value{o: n}
	}
	r := []rune(s)
	return Value{o: &String{w: &r}}
}

// StrRunes makes a string of the characters r; the string may keep r.
func StrRunes(r []rune) Value { return Value{o: stringOfRunes(r)} }

func stringOfRunes(r []rune) *String {
	for _, c := range r {
		if c >= utf8.RuneSelf {
			return &String{w: &r}
		}
	}
	s := newNarrow(len(r))
	for i, c := range r {
		s.b[i] = byte(c)
	}
	return s
}

// stringOfUTF8 decodes UTF-8 (an invalid byte becomes U+FFFD); own means the string may keep b.
func stringOfUTF8(b []byte, own bool) *String {
	if isASCIIBytes(b) {
		if own {
			return &String{b: b}
		}
		s := newNarrow(len(b))
		copy(s.b, b)
		return s
	}
	r := []rune(string(b))
	return &String{w: &r}
}

// narrowString makes a narrow string of a copy of ASCII bytes.
func narrowString(b []byte) Value {
	s := newNarrow(len(b))
	copy(s.b, b)
	return Value{o: s}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Len is the number of characters.
func (s *String) Len() int {
	if s.w != nil {
		return len(*s.w)
	}
	return len(s.b)
}

// Ref is the character at index i (0 <= i < Len).
func (s *String) Ref(i int) rune {
	if s.w != nil {
		return (*s.w)[i]
	}
	return rune(s.b[i])
}

// Set stores c at index i (0 <= i < Len).
func (s *String) Set(i int, c rune) {
	if s.w == nil {
		if c < utf8.RuneSelf {
			s.b[i] = byte(c)
			return
		}
		s.widen()
	}
	(*s.w)[i] = c
}

func (s *String) widen() {
	if s.w != nil {
		return
	}
	w := make([]rune, len(s.b))
	for i, c := range s.b {
		w[i] = rune(c)
	}
	s.w, s.b = &w, nil
}

// String returns the characters as a Go string.
func (s *String) String() string {
	if s.w != nil {
		return string(*s.w)
	}
	return string(s.b)
}

// Runes returns a copy of the characters from start to end.
func (s *String) Runes(start, end int) []rune {
	if s.w != nil {
		return append([]rune(nil), (*s.w)[start:end]...)
	}
	r := make([]rune, end-start)
	for i, c := range s.b[start:end] {
		r[i] = rune(c)
	}
	return r
}

// AppendUTF8 appends the UTF-8 of the characters from start to end.
func (s *String) AppendUTF8(dst []byte, start, end int) []byte {
	if s.w == nil {
		return append(dst, s.b[start:end]...)
	}
	for _, c := range (*s.w)[start:end] {
		dst = utf8.AppendRune(dst, c)
	}
	return dst
}

// writeTo writes the characters as UTF-8.
func (s *String) writeTo(b *strings.Builder) {
	if s.w == nil {
		b.Write(s.b)
		return
	}
	for _, c := range *s.w {
		b.WriteRune(c)
	}
}

// Substring returns the characters from start to end as a Go string.
func (s *String) Substring(start, end int) string {
	if s.w != nil {
		return string((*s.w)[start:end])
	}
	return string(s.b[start:end])
}

// copyRange returns a new string of the characters from start to end.
func (s *String) copyRange(start, end int) *String {
	if s.w != nil {
		return stringOfRunes(append([]rune(nil), (*s.w)[start:end]...))
	}
	c := newNarrow(end - start)
	copy(c.b, s.b[start:end])
	return c
}

// copyFrom is string-copy!: the characters of from between start and end go to s at at
// (overlapping ranges of one string included).
func (s *String) copyFrom(at int, from *String, start, end int) {
	switch {
	case s.w == nil && from.w == nil:
		copy(s.b[at:], from.b[start:end])
	case s.w != nil && from.w != nil:
		copy((*s.w)[at:], (*from.w)[start:end])
	case s.w != nil:
		for i, c := range from.b[start:end] {
			(*s.w)[at+i] = rune(c)
		}
	default:
		for i, c := range (*from.w)[start:end] {
			s.Set(at+i, c)
		}
	}
}

// fill stores c at every index from start to end.
func (s *String) fill(c rune, start, end int) {
	if s.w == nil && c < utf8.RuneSelf {
		for i := start; i < end; i++ {
			s.b[i] = byte(c)
		}
		return
	}
	for i := start; i < end; i++ {
		s.Set(i, c)
	}
}

// compareStrings orders two strings by code points: -1, 0 or 1.
func compareStrings(a, b *String) int {
	if a.w == nil && b.w == nil {
		return bytes.Compare(a.b, b.b)
	}
	n, m := a.Len(), b.Len()
	for i := 0; i < n && i < m; i++ {
		if x, y := a.Ref(i), b.Ref(i); x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case n < m:
		return -1
	case n > m:
		return 1
	}
	return 0
}

func equalStrings(a, b *String) bool {
	if a.w == nil && b.w == nil {
		return bytes.Equal(a.b, b.b)
	}
	return a.Len() == b.Len() && compareStrings(a, b) == 0
}

// strBuilder builds a string narrow until a character needs it wide.
type strBuilder struct {
	b    []byte
	w    []rune
	wide bool
}

func (sb *strBuilder) grow(n int) {
	if sb.wide {
		sb.w = append(make([]rune, 0, len(sb.w)+n), sb.w...)
	} else {
		sb.b = append(make([]byte, 0, len(sb.b)+n), sb.b...)
	}
}

func (sb *strBuilder) addRune(c rune) {
	if !sb.wide {
		if c < utf8.RuneSelf {
			sb.b = append(sb.b, byte(c))
			return
		}
		sb.widen(1)
	}
	sb.w = append(sb.w, c)
}

func (sb *strBuilder) widen(extra int) {
	w := make([]rune, len(sb.b), len(sb.b)+extra)
	for i, c := range sb.b {
		w[i] = rune(c)
	}
	sb.w, sb.b, sb.wide = w, nil, true
}

func (sb *strBuilder) addString(s *String) {
	if !sb.wide && s.w != nil {
		sb.widen(len(*s.w))
	}
	switch {
	case !sb.wide:
		sb.b = append(sb.b, s.b...)
	case s.w != nil:
		sb.w = append(sb.w, *s.w...)
	default:
		for _, c := range s.b {
			sb.w = append(sb.w, rune(c))
		}
	}
}

func (sb *strBuilder) string() *String {
	if sb.wide {
		w := sb.w
		if w == nil {
			w = []rune{}
		}
		return &String{w: &w}
	}
	if sb.b == nil {
		sb.b = []byte{}
	}
	return &String{b: sb.b}
}

func (sb *strBuilder) value() Value { return Value{o: sb.string()} }

// Short strings and bytevectors are allocated together with their bytes: one allocation
// instead of two, and most strings are short (numbers, keys, words, lines of a protocol).
type (
	string16 struct {
		s   String
		buf [16]byte
	}
	string32 struct {
		s   String
		buf [32]byte
	}
	string64 struct {
		s   String
		buf [64]byte
	}
	bytes24 struct {
		v   Bytevector
		buf [24]byte
	}
)

// newNarrow makes a narrow string of n bytes (zero) for the caller to fill.
func newNarrow(n int) *String {
	switch {
	case n <= 16:
		x := &string16{}
		x.s.b = x.buf[:n:n]
		return &x.s
	case n <= 32:
		x := &string32{}
		x.s.b = x.buf[:n:n]
		return &x.s
	case n <= 64:
		x := &string64{}
		x.s.b = x.buf[:n:n]
		return &x.s
	}
	return &String{b: make([]byte, n)}
}

// newBytevector makes a bytevector of n bytes (zero) for the caller to fill.
func newBytevector(n int) *Bytevector {
	if n <= 24 {
		x := &bytes24{}
		x.v.B = x.buf[:n:n]
		return &x.v
	}
	return &Bytevector{B: make([]byte, n)}
}

// mapASCII returns a copy of a narrow string with the characters from lo to hi moved by delta
// (ASCII case mappings: no character of a narrow string has a special casing).
func (s *String) mapASCII(lo, hi byte, delta int) *String {
	c := newNarrow(len(s.b))
	for i, x := range s.b {
		if x >= lo && x <= hi {
			x = byte(int(x) + delta)
		}
		c.b[i] = x
	}
	return c
}
