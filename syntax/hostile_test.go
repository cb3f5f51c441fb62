package syntax

import (
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile inputs are generated here, never stored: deep nesting, long chains of datum
// comments, lone CR line ends.

func nested(n int, open string) string {
	return strings.Repeat(open, n) + "x" + strings.Repeat(")", n)
}

// Deeper than maxDepth: one error, the deep part is passed over to its matching close, and
// what follows reads normally.
func TestDeepNesting(t *testing.T) {
	for _, open := range []string{"(", "#(", "`(", "'(", ",@(", "#;x ("} {
		src := "(define x " + nested(maxDepth+2, open) + ")\n(display \"ok\")\n"
		f := Parse("deep", []byte(src))
		if len(f.Errors) != 1 || f.Errors[0].Msg != "data nested too deeply" {
			t.Errorf("%q: %d errors, first %v", open, len(f.Errors), f.Errors[:min(len(f.Errors), 1)])
			continue
		}
		if len(f.Data) != 2 || f.Data[1].String() != `(display "ok")` {
			t.Errorf("%q: %d data, last %v", open, len(f.Data), f.Data[len(f.Data)-1])
		}
		if !f.Data[0].IsClosed() || int(f.Data[0].Span.End) != strings.Index(src, "\n") {
			t.Errorf("%q: the deep datum does not end at its close: %v", open, f.Data[0].Span)
		}
	}
	// Abbreviations and labels nest as deeply without a parenthesis.
	for _, prefix := range []string{"'", "`", ",", ",@", "#0="} {
		src := strings.Repeat(prefix, 3*maxDepth) + "x y"
		f := Parse("deep", []byte(src))
		if len(f.Data) == 0 || f.Data[len(f.Data)-1].String() != "y" {
			t.Errorf("%q: data %v", prefix, f.Data)
		}
	}
	// Never closed: the reader ends, with a bounded number of errors.
	f := Parse("deep", []byte(strings.Repeat("(", 3*maxDepth)))
	if len(f.Errors) > maxDepth+2 {
		t.Errorf("unclosed: %d errors", len(f.Errors))
	}
	// Within the limit there is no error.
	if f := Parse("ok", []byte(nested(maxDepth-1, "("))); len(f.Errors) != 0 {
		t.Errorf("%d levels: %v", maxDepth-1, f.Errors[0])
	}
}

// The strict reader reports the deep datum, and the next read starts after it.
func TestDeepNestingReader(t *testing.T) {
	for _, r := range []*Reader{
		NewReader("deep", strings.NewReader(nested(maxDepth+2, "(")+" next")),
		NewBytesReader("deep", []byte(nested(maxDepth+2, "(")+" next")),
	} {
		if _, err := r.Read(); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
			t.Errorf("deep datum: %v", err)
		}
		if d, err := r.Read(); err != nil || d.String() != "next" {
			t.Errorf("after the deep datum: %v %v", d, err)
		}
	}
}

func chainedComments(n int) string {
	return strings.Repeat("#; ", n) + strings.Repeat("a ", n) + "(display \"ok\")"
}

// Chained datum comments: each waits for its datum, without recursion and without a copy of
// its text, so memory grows linearly.
func TestChainedDatumComments(t *testing.T) {
	f := Parse("dc", []byte(chainedComments(100000)))
	if len(f.Errors) != 0 || len(f.Data) != 1 || len(f.Comments) != 100000 {
		t.Fatalf("errors %d data %d comments %d", len(f.Errors), len(f.Data), len(f.Comments))
	}
	// The outermost comment spans the whole chain up to the last a.
	if c := f.Comments[0]; c.Kind != DatumComment || !strings.HasPrefix(c.Text, "#; #; ") || !strings.HasSuffix(c.Text, "a") {
		t.Errorf("first comment %q…", c.Text[:20])
	}
	alloc := func(n int) uint64 {
		src := []byte(chainedComments(n))
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		Parse("dc", src)
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	small, large := alloc(20000), alloc(80000)
	if large > 8*small {
		t.Errorf("4 times the comments take %.1f times the memory (%d and %d bytes)", float64(large)/float64(small), small, large)
	}
	// A datum comment without a datum.
	for src, data := range map[string]string{"(a #;)": "(a)", "#;": "", "(a #; #;b)": "(a)"} {
		f := Parse("dc", []byte(src))
		if len(f.Errors) == 0 || !strings.Contains(f.Errors[0].Msg, "missing datum after #;") {
			t.Errorf("%q: errors %v", src, f.Errors)
		}
		var got []string
		for _, d := range f.Data {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != data {
			t.Errorf("%q: data %v", src, got)
		}
	}
}

// "\n", "\r\n" and a lone "\r" end lines in the reader and in the line index alike.
func TestLineEnds(t *testing.T) {
	src := "(a) ; one\r(b \"x\r\ny\")\r\n#| c\r|# c\n; d\rd\r\r\ne"
	f := Parse("cr", []byte(src))
	if len(f.Errors) != 0 {
		t.Fatal(f.Errors)
	}
	var got []string
	for _, d := range f.Data {
		got = append(got, d.String()+"@"+f.Span(d.Span).Start.String())
	}
	want := `(a)@1:1 (b "x\r\ny")@2:1 c@5:4 d@7:1 e@9:1`
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if f.Comments[0].Text != "; one" || f.Comments[2].Text != "; d" {
		t.Errorf("comments %q %q", f.Comments[0].Text, f.Comments[2].Text)
	}
	x := f.Lines
	if x.LineCount() != 9 {
		t.Errorf("line count %d", x.LineCount())
	}
	for o := 0; o <= len(src); o++ {
		p := x.Pos(o)
		if l := x.LineStart(int(p.Line) - 1); l+int(p.Col)-1 != o {
			t.Fatalf("offset %d: %v, line start %d", o, p, l)
		}
	}
	// LSP positions: 0-based line 5 is "; d" (ended by a lone CR), line 7 is empty (ended by
	// CRLF).
	if o := x.OffsetUTF16(5, 99); src[o-3:o+1] != "; d\r" || x.OffsetUTF16(7, 5) != strings.LastIndex(src, "\r\n") {
		t.Errorf("line ends: %d %d", o, x.OffsetUTF16(7, 5))
	}
	// A string continued over a lone CR.
	if d := parseOne(t, "\"ab\\\r  cd\""); d.Text != "abcd" {
		t.Errorf("continuation over CR: %q", d.Text)
	}
	if d := parseOne(t, "\"ab\\\r\n  cd\""); d.Text != "abcd" {
		t.Errorf("continuation over CRLF: %q", d.Text)
	}
	// A stream: same lines.
	r := NewReader("cr", strings.NewReader(src))
	var lines []string
	for {
		d, err := r.Read()
		if err != nil {
			break
		}
		lines = append(lines, r.Span(d.Span).Start.String())
	}
	if strings.Join(lines, " ") != "1:1 2:1 5:4 7:1 9:1" {
		t.Errorf("stream lines: %v", lines)
	}
}

func TestBytestrings(t *testing.T) {
	for src, want := range map[string]string{
		`#u8"ABCD"`:                     "#u8(65 66 67 68)",
		`#u8"\tArthur\n"`:               "#u8(9 65 114 116 104 117 114 10)",
		`#u8"AB\x3d;\x1f;\x0d;CD"`:      "#u8(65 66 61 31 13 67 68)",
		`#u8""`:                         "#u8()",
		`#u8"\a\b\r\"\\\|"`:             "#u8(7 8 13 34 92 124)",
		"#u8\"a\\\n   b\"":              "#u8(97 98)",
		`#u8"\xff;"`:                    "#u8(255)",
		"#u8\"\u00e9\"":                 "#u8(233)", // Foment takes characters below 256 as bytes
		`(list #u8"x" #u8(1 2) #u8"y")`: "(list #u8(120) #u8(1 2) #u8(121))",
		`#U8"x"`:                        "#u8(120)",
	} {
		d := parseOne(t, src)
		if d.String() != want {
			t.Errorf("%s: got %s, want %s", src, d, want)
		}
	}
	d := parseOne(t, `#u8"Hi"`)
	if d.Kind != Bytevector || !d.IsBytestring() || string(d.Bytes()) != "Hi" || d.Span.End != 7 {
		t.Errorf("#u8\"Hi\": %+v", d)
	}
	for src, msg := range map[string]string{
		`#u8"λ"`:      "unexpected character λ in bytestring",
		`#u8"\x100;"`: "unexpected character",
		`#u8"abc`:     "unterminated bytestring",
		`#u8"\q"`:     "bad escape in bytestring",
		`#u8"\x0ABC"`: "bad \\x escape in bytestring",
		`#u8 "a"`:     `expected #u8( or #u8"`,
		`#u8x`:        `expected #u8( or #u8"`,
	} {
		f := Parse("t", []byte(src))
		if len(f.Errors) == 0 || !strings.Contains(f.Errors[0].Msg, msg) {
			t.Errorf("%s: errors %v, want %q", src, f.Errors, msg)
		}
	}
	r := NewReader("t", strings.NewReader(`#u8"ab" x`))
	if d, err := r.Read(); err != nil || string(d.Bytes()) != "ab" {
		t.Errorf("stream: %v %v", d, err)
	}
}

func TestDatumLabels(t *testing.T) {
	d := parseOne(t, "#0=(a b . #0#)")
	if d.Kind != Label || d.Label() != 0 || d.Elems[0].Tail().Kind != LabelRef {
		t.Errorf("%v", d)
	}
	d = parseOne(t, "(#12=(1 2) #12# #3=x #3#)")
	if d.Elems[1].Label() != 12 || d.Elems[2].Label() != 3 {
		t.Errorf("%v", d)
	}
	// Labels belong to one top-level datum.
	for src, msg := range map[string]string{
		"#0#":         "datum reference to unknown label #0#",
		"(#1=a #1=b)": "duplicate datum label #1=",
		"#0=#0#":      "datum label #0= refers to itself",
		"#0=(a) #0#":  "datum reference to unknown label #0#",
		"#5x":         "expected #n= or #n#",
	} {
		f := Parse("t", []byte(src))
		if len(f.Errors) == 0 || f.Errors[0].Msg != msg {
			t.Errorf("%s: errors %v, want %q", src, f.Errors, msg)
		}
	}
}

// The look-ahead of a stream is a small buffer: reading gives back at most the one rune after
// a datum to the stream, and reading many '#' data stays linear (it used to wrap the stream
// once more for every '#').
func TestStreamLookAhead(t *testing.T) {
	sr := strings.NewReader("#t)")
	r := NewReader("t", sr)
	if d, err := r.Read(); err != nil || d.String() != "#t" {
		t.Fatalf("%v %v", d, err)
	}
	if c, _, _ := sr.ReadRune(); c != ')' {
		t.Errorf("next rune %q", c)
	}
	for src, want := range map[string]string{
		"#| c |# #;x #t": "#t",
		"(a . .5)":       "(a . 0.5)",
		"(a .b)":         "(a .b)",
		"'#(1 #\\x)":     "'#(1 #\\x)",
		"#;#;a b #u8(1)": "#u8(1)",
	} {
		d, err := NewReader("t", strings.NewReader(src)).Read()
		if err != nil || d.String() != want {
			t.Errorf("%q: %v %v", src, d, err)
		}
	}
	src := strings.Repeat("#t #\\a #(1) ", 20000)
	r = NewReader("t", strings.NewReader(src))
	n := 0
	for {
		if _, err := r.Read(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 60000 {
		t.Errorf("read %d data", n)
	}
}

// The line index answers without scanning a long line from its start; it must agree with the
// plain scan everywhere: ASCII, two- and four-byte characters, invalid bytes, every line end.
func TestLineIndexLongLines(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	parts := []string{"a", "(", " ", "é", "😀", "\xff", "\n", "\r", "\r\n"}
	var b strings.Builder
	for b.Len() < 60000 {
		n := 1 + rng.Intn(3*markEvery) // lines longer than the marks' spacing
		for i := 0; i < n; i++ {
			p := parts[rng.Intn(6)] // no line end inside
			if rng.Intn(40) == 0 {
				p = parts[3+rng.Intn(3)]
			}
			if i < n/2 && rng.Intn(2) == 0 {
				p = "a" // a long ASCII beginning
			}
			b.WriteString(p)
		}
		b.WriteString(parts[6+rng.Intn(3)])
	}
	src := []byte(b.String())
	x := NewLineIndex(src)
	// The plain scan: lines as the reader sees them, UTF-16 units counted from the line start.
	line, n := 0, 0
	for i := 0; i <= len(src); {
		if got := x.UTF16Col(i); got != n {
			t.Fatalf("UTF16Col(%d) = %d, want %d", i, got, n)
		}
		insideCRLF := i > 0 && i < len(src) && src[i-1] == '\r' && src[i] == '\n'
		if (i%97 == 0 || rng.Intn(50) == 0) && !insideCRLF {
			if got := x.OffsetUTF16(line, n); got != i {
				t.Fatalf("OffsetUTF16(%d, %d) = %d, want %d", line, n, got, i)
			}
		}
		if i == len(src) {
			break
		}
		if (src[i] == '\n' || src[i] == '\r') && lineEnd(src, i) {
			i++
			line, n = line+1, 0
			continue
		}
		if src[i] == '\r' { // the CR of a CRLF: a column, as before
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		n += utf16Len(r)
		i += size
	}
	if line+1 != x.LineCount() {
		t.Errorf("%d lines, index says %d", line+1, x.LineCount())
	}
}
