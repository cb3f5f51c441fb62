package interp

import (
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Codecs and transcoders, as (foment base) has them: a transcoded port decodes what it reads and
// encodes what it writes through a codec, and converts ends of line.

// Codec is one of Foment's four encodings. There is one object of each, so eq? compares codecs.
type Codec struct {
	name  string   // as it prints: #<codec: latin-1>
	label string   // as Foment's error messages name it: "unable to encode character to latin1"
	max   rune     // the largest character it encodes
	names []string // the names make-codec knows it by (Foment's lists, lower case only)
}

var (
	asciiCodec = &Codec{name: "ascii", label: "ascii", max: 0x7f, names: []string{"ascii",
		"us-ascii", "iso-ir-6", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso-646.irv:1991",
		"iso-646-us", "us", "ibm367", "cp367", "csascii"}}
	latin1Codec = &Codec{name: "latin-1", label: "latin1", max: 0xff, names: []string{"cp1252",
		"cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591",
		"iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "windows-1252", "x-cp1252"}}
	utf8Codec = &Codec{name: "utf-8", label: "utf-8", max: unicode.MaxRune, names: []string{
		"unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8",
		"csutf8"}}
	utf16Codec = &Codec{name: "utf-16", label: "utf-16", max: unicode.MaxRune, names: []string{
		"csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le",
		"csutf16"}}
	codecs = []*Codec{asciiCodec, latin1Codec, utf8Codec, utf16Codec}
)

func (c *Codec) SchemeString() string { return "#<codec: " + c.name + ">" }

// codecNamed returns the codec of an encoding name, or nil.
func codecNamed(name string) *Codec {
	for _, c := range codecs {
		if contains(c.names, name) {
			return c
		}
	}
	return nil
}

// appendChar appends the encoding of r, which the codec can encode. UTF-16 is written
// little-endian without a byte-order mark, as Foment writes it.
func (c *Codec) appendChar(b []byte, r rune) []byte {
	switch c {
	case utf8Codec:
		return utf8.AppendRune(b, r)
	case utf16Codec:
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			return append(b, byte(r1), byte(r1>>8), byte(r2), byte(r2>>8))
		}
		return append(b, byte(r), byte(r>>8))
	}
	return append(b, byte(r))
}

// Transcoder is a codec, an end-of-line style (none, lf or crlf) and what to do with a
// character or bytes the codec cannot handle: replace them, or raise an error.
type Transcoder struct {
	Codec *Codec
	EOL   string
	Raise bool
}

var nativeTranscoder = &Transcoder{Codec: utf8Codec, EOL: "lf"}

func (t *Transcoder) SchemeString() string {
	mode := "replace"
	if t.Raise {
		mode = "raise"
	}
	return "#<transcoder: " + t.Codec.name + " " + t.EOL + " " + mode + ">"
}

// codingError is a character that a transcoder in raise mode cannot encode, or bytes it cannot
// decode; ioError raises it as Foment's encoding-error or decoding-error.
type codingError struct {
	kind      string
	msg       string
	irritants []Value
}

func (e *codingError) Error() string { return e.msg }

// encode returns the bytes of s. With an eol style, every end of line in the text (LF, CR,
// or CR LF, also when the CR ended the last write) is written in that style, as Foment does:
// with lf a CR is written as LF at once and the LF of a CR LF is dropped; with crlf a CR is
// written as it is and completed with a LF by whatever character comes next, so that a CR at
// the very end stays a CR. In raise mode an unencodable character stops the encoding: the
// bytes before it are returned with the error.
func (t *Transcoder) encode(s string, wroteCR *bool) ([]byte, error) {
	c := t.Codec
	b := make([]byte, 0, len(s)+len(s)/8)
	eol, crlf := t.EOL != "none", t.EOL == "crlf"
	for _, r := range s {
		if eol {
			afterCR := *wroteCR
			*wroteCR = r == '\r'
			if afterCR && crlf {
				b = c.appendChar(b, '\n')
			}
			switch {
			case r == '\n' && afterCR:
				continue
			case r == '\r' && crlf:
				b = c.appendChar(b, '\r')
				continue
			case r == '\r' || r == '\n':
				if crlf {
					b = c.appendChar(b, '\r')
				}
				b = c.appendChar(b, '\n')
				continue
			}
		}
		if r > c.max {
			if t.Raise {
				return b, &codingError{"encoding-error", "unable to encode character to " + c.label, []Value{Char(r)}}
			}
			r = '?'
		}
		b = c.appendChar(b, r)
	}
	return b, nil
}

// decoder is the input side of a transcoded port: it reads the binary port beneath and hands
// the port's bufio.Reader the decoded text as UTF-8, so that reading characters and data works
// as on any textual port.
type decoder struct {
	p         *Port
	t         *Transcoder
	raw       []byte // bytes read and not yet decoded
	text      []byte // text decoded and not yet taken
	err       error  // returned once the text before it is taken
	eof       bool
	lastCR    bool // the last character was a CR read as a linefeed: a linefeed after it is dropped
	started   bool // UTF-16: the byte-order mark has been looked for
	bigEndian bool
	buf       [4096]byte
}

func (d *decoder) Read(out []byte) (int, error) {
	for len(d.text) == 0 && d.err == nil {
		if d.eof && len(d.raw) == 0 {
			return 0, io.EOF
		}
		if !d.decode() {
			d.fill()
		}
	}
	if len(d.text) == 0 {
		err := d.err
		d.err = nil
		return 0, err
	}
	n := copy(out, d.text)
	d.text = d.text[n:]
	return n, nil
}

// fill does one read of the port beneath (one receive on a socket, so that text that has
// arrived is not held back waiting for more).
func (d *decoder) fill() {
	n, eof, err := d.p.under.readSome(d.p.th, d.buf[:])
	d.raw = append(d.raw, d.buf[:n]...)
	d.eof = eof
	d.err = err
}

// pending reports whether a read would return at once.
func (d *decoder) pending() bool { return len(d.text) > 0 || d.err != nil || d.eof }

// decode decodes the complete characters of raw; it reports whether it consumed anything.
func (d *decoder) decode() bool {
	progress := false
	if d.t.Codec == utf16Codec && !d.started {
		if len(d.raw) < 2 && !d.eof {
			return false
		}
		d.started = true
		progress = d.byteOrderMark()
	}
	for len(d.raw) > 0 {
		r, n, bad := d.next()
		if n == 0 {
			break // a character cut short: wait for the rest
		}
		progress = true
		if bad {
			if d.t.Raise {
				d.err = d.decodeError(n)
				d.raw = d.raw[n:]
				return true
			}
			r = unicode.ReplacementChar
			if d.t.Codec == asciiCodec {
				r = '?' // as Foment replaces
			}
		}
		d.raw = d.raw[n:]
		d.put(r)
	}
	return progress
}

func (d *decoder) decodeError(n int) error {
	irritants := make([]Value, n)
	for i, b := range d.raw[:n] {
		irritants[i] = Fixnum(int64(b))
	}
	return &codingError{"decoding-error", "unable to decode byte to " + d.t.Codec.label, irritants}
}

// byteOrderMark consumes a leading UTF-16 byte-order mark, which sets the byte order; without
// one the text is little-endian, as Foment writes it.
func (d *decoder) byteOrderMark() bool {
	if len(d.raw) < 2 {
		return false
	}
	switch {
	case d.raw[0] == 0xff && d.raw[1] == 0xfe:
	case d.raw[0] == 0xfe && d.raw[1] == 0xff:
		d.bigEndian = true
	default:
		return false
	}
	d.raw = d.raw[2:]
	return true
}

// put adds a decoded character; with an eol style, CR and CR LF read as a linefeed.
func (d *decoder) put(r rune) {
	if d.t.EOL != "none" {
		if r == '\n' && d.lastCR {
			d.lastCR = false
			return
		}
		d.lastCR = r == '\r'
		if r == '\r' {
			r = '\n'
		}
	}
	d.text = utf8.AppendRune(d.text, r)
}

// next decodes the character at the start of raw: its size n, or 0 when raw holds only part
// of it and more may come; bad when raw[:n] is no character of the codec.
func (d *decoder) next() (r rune, n int, bad bool) {
	b := d.raw
	switch d.t.Codec {
	case asciiCodec:
		return rune(b[0]), 1, b[0] > 0x7f
	case latin1Codec:
		return rune(b[0]), 1, false
	case utf8Codec:
		return nextUTF8(b, d.eof)
	}
	return d.nextUTF16(b)
}

// nextUTF8 takes a malformed sequence (overlong, a surrogate, beyond U+10FFFF) as one bad
// character, as Foment does, and a sequence cut short as bad up to the byte that breaks it.
func nextUTF8(b []byte, eof bool) (rune, int, bool) {
	c := b[0]
	var size int
	var r, min rune
	switch {
	case c < 0x80:
		return rune(c), 1, false
	case c < 0xc0:
		return 0, 1, true
	case c < 0xe0:
		size, r, min = 2, rune(c&0x1f), 0x80
	case c < 0xf0:
		size, r, min = 3, rune(c&0x0f), 0x800
	case c < 0xf8:
		size, r, min = 4, rune(c&0x07), 0x10000
	default:
		return 0, 1, true
	}
	for i := 1; i < size; i++ {
		if i == len(b) {
			if eof {
				return 0, i, true
			}
			return 0, 0, false
		}
		if b[i]&0xc0 != 0x80 {
			return 0, i, true
		}
		r = r<<6 | rune(b[i]&0x3f)
	}
	if r < min || r > unicode.MaxRune || utf16.IsSurrogate(r) {
		return 0, size, true
	}
	return r, size, false
}

func (d *decoder) nextUTF16(b []byte) (rune, int, bool) {
	if len(b) < 2 {
		return 0, d.short(b), true
	}
	u := d.unit(b)
	switch {
	case u >= 0xdc00 && u <= 0xdfff:
		return 0, 2, true // a low surrogate alone
	case u < 0xd800 || u > 0xdbff:
		return u, 2, false
	case len(b) < 4:
		if d.eof {
			return 0, 2, true
		}
		return 0, 0, false
	}
	u2 := d.unit(b[2:])
	if u2 < 0xdc00 || u2 > 0xdfff {
		return 0, 2, true // a high surrogate alone: the unit after it is decoded on its own
	}
	return utf16.DecodeRune(u, u2), 4, false
}

// short is the size of a last code unit cut short: bad at the end, else wait for the rest.
func (d *decoder) short(b []byte) int {
	if d.eof {
		return len(b)
	}
	return 0
}

func (d *decoder) unit(b []byte) rune {
	if d.bigEndian {
		return rune(b[0])<<8 | rune(b[1])
	}
	return rune(b[1])<<8 | rune(b[0])
}

func init() {
	codec := func(name string, c *Codec) {
		define(name, func(th *Thread, a []Value) Value { return Obj(c) })
	}
	codec("ascii-codec", asciiCodec)
	codec("latin-1-codec", latin1Codec)
	codec("utf-8-codec", utf8Codec)
	codec("utf-16-codec", utf16Codec)
	define("make-codec", func(th *Thread, a []Value) Value {
		c := codecNamed(goString(a[0]))
		if c == nil {
			return th.ErrorKind("unknown-encoding-error", "make-codec", "unknown encoding", a[0])
		}
		return Obj(c)
	})
	define("unknown-encoding-error?", func(th *Thread, a []Value) Value {
		return Bool(conditionKind(a[0]) == "unknown-encoding-error")
	})
	define("unknown-encoding-error-name", func(th *Thread, a []Value) Value {
		if name, ok := irritant(a[0], "unknown-encoding-error", 0); ok {
			return name
		}
		return Str("")
	})
	define("native-eol-style", func(th *Thread, a []Value) Value { return Sym(nativeTranscoder.EOL) })
	define("make-transcoder", func(th *Thread, a []Value) Value {
		return Obj(&Transcoder{Codec: a[0].o.(*Codec), EOL: a[1].o.(*Symbol).Name,
			Raise: a[2].o.(*Symbol).Name == "raise"})
	})
	define("native-transcoder", func(th *Thread, a []Value) Value { return Obj(nativeTranscoder) })
	define("bytevector->string", func(th *Thread, a []Value) Value {
		p := newEncodedPort(newBytesInput(a[0].o.(*Bytevector).B), a[1].o.(*Transcoder))
		s := []rune{}
		for {
			r, eof, err := p.readRune(th)
			if err != nil {
				return th.ioError("bytevector->string", err, p)
			}
			if eof {
				return StrRunes(s)
			}
			s = append(s, r)
		}
	})
	define("string->bytevector", func(th *Thread, a []Value) Value {
		out := newBufferOutput(false)
		p := newEncodedPort(out, a[1].o.(*Transcoder))
		p.th = th
		if err := p.WriteString(goString(a[0])); err != nil {
			return th.ioError("string->bytevector", err, p)
		}
		out.Flush()
		return Bytes(append([]byte{}, out.sbuf.Bytes()...))
	})
	define("i/o-decoding-error?", func(th *Thread, a []Value) Value {
		return Bool(conditionKind(a[0]) == "decoding-error")
	})
	define("i/o-encoding-error?", func(th *Thread, a []Value) Value {
		return Bool(conditionKind(a[0]) == "encoding-error")
	})
	define("i/o-encoding-error-char", func(th *Thread, a []Value) Value {
		// The irritants are the port and the character, as Foment has them.
		if c, ok := irritant(a[0], "encoding-error", 1); ok {
			return c
		}
		return Unspecified
	})
}

// irritant returns the i-th irritant of a condition of that kind.
func irritant(v Value, kind string, i int) (Value, bool) {
	c, ok := v.o.(*Condition)
	if !ok || c.Kind != kind || i >= len(c.Irritants) {
		return Value{}, false
	}
	return c.Irritants[i], true
}

// conditionKind returns the kind of a condition, or "" for any other object.
func conditionKind(v Value) string {
	if c, ok := v.o.(*Condition); ok {
		return c.Kind
	}
	return ""
}
