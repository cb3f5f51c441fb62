package syntax

import (
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
)

func parseOne(t *testing.T, src string) *Datum {
	t.Helper()
	f := Parse("t", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("%q: unexpected errors %v", src, f.Errors)
	}
	if len(f.Data) != 1 {
		t.Fatalf("%q: got %d data", src, len(f.Data))
	}
	return f.Data[0]
}

func TestAtoms(t *testing.T) {
	tests := []struct {
		src  string
		kind Kind
		want string // Datum.String()
	}{
		{"abc", Symbol, "abc"},
		{"+", Symbol, "+"},
		{"-", Symbol, "-"},
		{"...", Symbol, "..."},
		{"->x", Symbol, "->x"},
		{"+a", Symbol, "+a"},
		{"+.a", Symbol, "+.a"},
		{"set-car!", Symbol, "set-car!"},
		{"a.b", Symbol, "a.b"},
		{"λ", Symbol, "λ"},
		{"|a b|", Symbol, "a b"},
		{`|a\|b|`, Symbol, "a|b"},
		{`|\x41;bc|`, Symbol, "Abc"},
		{"#t", Boolean, "#t"},
		{"#true", Boolean, "#t"},
		{"#f", Boolean, "#f"},
		{"#false", Boolean, "#f"},
		{`"abc"`, String, `"abc"`},
		{`#\a`, Char, `#\a`},
		{`#\space`, Char, `#\space`},
		{`#\newline`, Char, `#\newline`},
		{`#\x41`, Char, `#\A`},
		{`#\x`, Char, `#\x`},
		{`#\(`, Char, `#\(`},
		{`#\ `, Char, `#\space`},
		{`#\λ`, Char, `#\λ`},
		{"42", Number, "42"},
		{"-17", Number, "-17"},
		{"1267650600228229401496703205376", Number, "1267650600228229401496703205376"},
		{"1/2", Number, "1/2"},
		{"6/4", Number, "3/2"},
		{"4/2", Number, "2"},
		{"#x-ff", Number, "-255"},
		{"#b101", Number, "5"},
		{"#o17", Number, "15"},
		{"#e1.5", Number, "3/2"},
		{"#i1/2", Number, "0.5"},
		{"#x#e10", Number, "16"},
		{"#e#x10", Number, "16"},
		{"1e3", Number, "1000.0"},
		{".5", Number, "0.5"},
		{"5.", Number, "5.0"},
		{"-1.5e-3", Number, "-0.0015"},
		{"+inf.0", Number, "+inf.0"},
		{"-inf.0", Number, "-inf.0"},
		{"+nan.0", Number, "+nan.0"},
		{"'a", Quote, "'a"},
		{"`a", Quasiquote, "`a"},
		{",a", Unquote, ",a"},
		{",@a", UnquoteSplicing, ",@a"},
		{"#0=(a . #0#)", Label, "#0=(a . #0#)"},
		{"(a b . c)", List, "(a b . c)"},
		{"(a . (b))", List, "(a . (b))"},
		{"#(1 2)", Vector, "#(1 2)"},
		{"#u8(1 255)", Bytevector, "#u8(1 255)"},
		{"#U8()", Bytevector, "#u8()"},
		{"()", List, "()"},
	}
	for _, tc := range tests {
		d := parseOne(t, tc.src)
		if d.Kind != tc.kind || d.String() != tc.want {
			t.Errorf("%q: got %v %q, want %v %q", tc.src, d.Kind, d.String(), tc.kind, tc.want)
		}
	}
}

func TestStringEscapes(t *testing.T) {
	tests := map[string]string{
		`"a\nb"`:               "a\nb",
		`"\a\b\t\n\r\"\\\|"`:   "\a\b\t\n\r\"\\|",
		`"\x41;\x3bb;"`:        "Aλ",
		"\"ab\\  \n   cd\"":    "abcd",
		"\"ab\\\n\tcd\"":       "abcd",
		"\"line1\nline2\"":     "line1\nline2",
		`"héllo"`:              "héllo",
		`"\x1F600;"`:           "😀",
		"\"tab\\\t\r\n  x\"":   "tabx",
		`""`:                   "",
		`"semi;colon"`:         "semi;colon",
		`"#|not a comment|#"`:  "#|not a comment|#",
		`"(paren"`:             "(paren",
		`"quote'"`:             "quote'",
		`"back\\slash"`:        `back\slash`,
		`"\x0;"`:               "\x00",
		`"a\x20;b"`:            "a b",
		`"\x10FFFF;"`:          "\U0010FFFF",
		`"mixed \t and \x41;"`: "mixed \t and A",
	}
	for src, want := range tests {
		d := parseOne(t, src)
		if d.Kind != String || d.Text != want {
			t.Errorf("%s: got %q, want %q", src, d.Text, want)
		}
	}
}

func TestCharNames(t *testing.T) {
	for name, r := range charNames {
		d := parseOne(t, `#\`+name)
		if d.Kind != Char || d.Char() != r {
			t.Errorf("#\\%s: got %v %q", name, d.Kind, d.Char())
		}
	}
}

func TestNumbers(t *testing.T) {
	n, ok := ParseNumber("1/0", 10)
	if ok {
		t.Errorf("1/0 parsed as %v", n)
	}
	for _, bad := range []string{"", "#", "#x", "12abc", "1/", "/2", "..1", "1..2", "#e#e1", "#x#b1", "#xg", "e1", "1e", "+", "-", "."} {
		if n, ok := ParseNumber(bad, 10); ok {
			t.Errorf("%q parsed as %v", bad, n)
		}
	}
	n, _ = ParseNumber("-0.0", 10)
	if n.Exact || n.Float != 0 || !math.Signbit(n.Float) {
		t.Errorf("-0.0: %+v", n)
	}
	n, _ = ParseNumber("ff", 16)
	if !n.Exact || n.Int.Int64() != 255 {
		t.Errorf("ff radix 16: %+v", n)
	}
	n, _ = ParseNumber("#e1e400", 10)
	if !n.Exact || n.Int == nil || len(n.Int.String()) != 401 {
		t.Errorf("#e1e400: %v", n)
	}
	n, _ = ParseNumber("1e400", 10)
	if n.Exact || !math.IsInf(n.Float, 1) {
		t.Errorf("1e400: %v", n)
	}
}

func TestFoldCase(t *testing.T) {
	f := Parse("t", []byte("ABC #!fold-case ABC #\\SPACE #!no-fold-case ABC"))
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	got := []string{}
	for _, d := range f.Data {
		got = append(got, d.String())
	}
	if strings.Join(got, " ") != `ABC abc #\space ABC` {
		t.Errorf("got %v", got)
	}
	if len(f.Comments) != 2 || f.Comments[0].Kind != Directive {
		t.Errorf("directives not kept as comments: %+v", f.Comments)
	}
}

func TestComments(t *testing.T) {
	src := "; line\na #| block #| nested |# |# b #;(skipped (datum)) c #; d e"
	f := Parse("t", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	var names []string
	for _, d := range f.Data {
		names = append(names, d.Text)
	}
	if strings.Join(names, " ") != "a b c e" {
		t.Errorf("data: %v", names)
	}
	kinds := []CommentKind{LineComment, BlockComment, DatumComment, DatumComment}
	if len(f.Comments) != len(kinds) {
		t.Fatalf("comments: %+v", f.Comments)
	}
	for i, c := range f.Comments {
		if c.Kind != kinds[i] {
			t.Errorf("comment %d kind %v", i, c.Kind)
		}
	}
	if f.Comments[1].Text != "#| block #| nested |# |#" || f.Comments[0].Text != "; line" {
		t.Errorf("texts: %q %q", f.Comments[0].Text, f.Comments[1].Text)
	}
	if f.Comments[2].Text != "#;(skipped (datum))" {
		t.Errorf("datum comment: %q", f.Comments[2].Text)
	}
}

func pos(off, line, col int) Pos { return Pos{int32(off), int32(line), int32(col)} }

func TestSpans(t *testing.T) {
	src := "(define (f x)\n  (+ x 1))\n\"héllo\" x\r\ny"
	f := Parse("t", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	def := f.Data[0]
	check := func(what string, e Extent, start, end Pos) {
		t.Helper()
		got := f.Span(e)
		if got.Start != start || got.End != end {
			t.Errorf("%s: got %v-%v want %v-%v", what, got.Start, got.End, start, end)
		}
	}
	check("define form", def.Span, pos(0, 1, 1), pos(24, 2, 11))
	check("close paren", def.CloseSpan(), pos(23, 2, 10), pos(24, 2, 11))
	check("define", def.Elems[0].Span, pos(1, 1, 2), pos(7, 1, 8))
	check("(f x)", def.Elems[1].Span, pos(8, 1, 9), pos(13, 1, 14))
	check("x param", def.Elems[1].Elems[1].Span, pos(11, 1, 12), pos(12, 1, 13))
	body := def.Elems[2]
	check("body", body.Span, pos(16, 2, 3), pos(23, 2, 10))
	check("1", body.Elems[2].Span, pos(21, 2, 8), pos(22, 2, 9))
	// "héllo" is 8 bytes with the quotes (é is 2 bytes): x starts at byte column 10.
	check("string", f.Data[1].Span, pos(25, 3, 1), pos(33, 3, 9))
	check("x after UTF-8", f.Data[2].Span, pos(34, 3, 10), pos(35, 3, 11))
	check("y after CRLF", f.Data[3].Span, pos(37, 4, 1), pos(38, 4, 2))
	f = Parse("t", []byte("  'abc"))
	q := f.Data[0]
	check("quote", q.Span, pos(2, 1, 3), pos(6, 1, 7))
	check("quoted", q.Elems[0].Span, pos(3, 1, 4), pos(6, 1, 7))
	f = Parse("t", []byte("(a . b)"))
	dl := f.Data[0]
	check("tail", dl.Tail().Span, pos(5, 1, 6), pos(6, 1, 7))
}

func TestLineIndex(t *testing.T) {
	src := []byte("ab\n😀x\r\né\n")
	x := NewLineIndex(src)
	if x.LineCount() != 4 {
		t.Errorf("lines: %d", x.LineCount())
	}
	// x follows an astral character: 4 bytes, 2 UTF-16 units.
	xOff := 3 + 4
	if got := x.UTF16Col(xOff); got != 2 {
		t.Errorf("UTF16Col(x) = %d", got)
	}
	if got := x.OffsetUTF16(1, 2); got != xOff {
		t.Errorf("OffsetUTF16(1,2) = %d", got)
	}
	if got := x.OffsetUTF16(1, 1); got != 3 {
		t.Errorf("inside a surrogate pair: %d", got)
	}
	if got := x.OffsetUTF16(1, 99); got != xOff+1 {
		t.Errorf("clamp to line end before \\r: %d", got)
	}
	if got := x.OffsetUTF16(9, 0); got != len(src) {
		t.Errorf("past last line: %d", got)
	}
	if got := x.Pos(xOff); got != pos(xOff, 2, 5) {
		t.Errorf("Pos: %v", got)
	}
	if got := x.OffsetUTF8(2, 1); got != 10 {
		t.Errorf("OffsetUTF8 inside é: %d", got)
	}
}

func TestRecovery(t *testing.T) {
	type want struct {
		data   []string
		errors []string // "line:col-line:col msg"
	}
	tests := []struct {
		src string
		want
	}{
		{"(define (f x) (+ x 1)", want{[]string{"(define (f x) (+ x 1))"}, []string{"1:1-1:2 missing )"}}},
		{"(a b))", want{[]string{"(a b)"}, []string{"1:6-1:7 unexpected )"}}},
		{`"abc`, want{[]string{`"abc"`}, []string{"1:1-1:5 unterminated string"}}},
		{"#z foo", want{[]string{`#<invalid "#z">`, "foo"}, []string{"1:1-1:3 unexpected character following #"}}},
		{"(define (f)\n  (g\n(define (h) 1)", want{[]string{"(define (f) (g))", "(define (h) 1)"}, []string{"1:1-1:2 missing )", "2:3-2:4 missing )"}}},
		{"(a . )", want{[]string{"(a)"}, []string{"1:4-1:5 bad dotted list"}}},
		{"#u8(1 256)", want{[]string{"#u8(1 256)"}, []string{"1:7-1:10 byte out of range in bytevector"}}},
		{"12abc x", want{[]string{`#<invalid "12abc">`, "x"}, []string{"1:1-1:6 bad number 12abc"}}},
		{"#| never closed", want{nil, []string{"1:1-1:16 unterminated block comment"}}},
		{`#\bogus y`, want{[]string{`#<invalid "#\\bogus">`, "y"}, []string{"1:1-1:8 unknown character name bogus"}}},
		{`"a\qb"`, want{[]string{`"aqb"`}, []string{"1:3-1:5 bad escape in string"}}},
		{"#!shout x", want{[]string{"x"}, []string{"1:1-1:8 unknown directive #!shout"}}},
		{"[a]", want{[]string{`#<invalid "[">`, "a", `#<invalid "]">`}, []string{"1:1-1:2 unexpected character [", "1:3-1:4 unexpected character ]"}}},
		{"'", want{[]string{"'"}, []string{"1:1-1:2 missing datum after '"}}},
		{"(f 'x\n", want{[]string{"(f 'x)"}, []string{"1:1-1:2 missing )"}}},
		{"a \xff b", want{[]string{"a", "#<invalid \"\uFFFD\">", "b"}, []string{"1:3-1:4 invalid UTF-8"}}},
		// The column-1 rule applies only to a list that no parenthesis closes.
		{"(display\n(+ 1 2))", want{[]string{"(display (+ 1 2))"}, nil}},
		{"(define (f)\n(g) ; \")\"\n#\\) |)|\n(h))", want{[]string{"(define (f) (g) #\\) ) (h))"}, nil}},
		{"(let ((a 1)\n(display a)", want{[]string{"(let ((a 1)))", "(display a)"}, []string{"1:1-1:2 missing )", "1:6-1:7 missing )"}}},
		{"(a (list\n(+ 1 2))\n(b)", want{[]string{"(a (list (+ 1 2)))", "(b)"}, []string{"1:1-1:2 missing )"}}},
		{"(a #| ( |#\n(b)", want{[]string{"(a)", "(b)"}, []string{"1:1-1:2 missing )"}}},
	}
	for _, tc := range tests {
		f := Parse("t", []byte(tc.src))
		var data, errs []string
		for _, d := range f.Data {
			data = append(data, d.String())
		}
		for _, e := range f.Errors {
			errs = append(errs, e.Span.Start.String()+"-"+e.Span.End.String()+" "+e.Msg)
		}
		if strings.Join(data, "|") != strings.Join(tc.data, "|") {
			t.Errorf("%q: data %q, want %q", tc.src, data, tc.data)
		}
		if strings.Join(errs, "|") != strings.Join(tc.errors, "|") {
			t.Errorf("%q: errors %q, want %q", tc.src, errs, tc.errors)
		}
	}
}

func TestReaderStreams(t *testing.T) {
	sr := strings.NewReader("(a b) c 'd #| x |# \"e\" #;f 12")
	r := NewReader("t", sr)
	d, err := r.Read()
	if err != nil || d.String() != "(a b)" {
		t.Fatalf("first: %v %v", d, err)
	}
	if c, _, _ := sr.ReadRune(); c != ' ' {
		t.Fatalf("the reader read past the datum: next rune %q", c)
	}
	sr.UnreadRune()
	var got []string
	for {
		d, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d.String())
	}
	if strings.Join(got, " ") != `c 'd "e" 12` {
		t.Errorf("got %v", got)
	}
	// Strict: the first error stops the read.
	r = NewReader("t", strings.NewReader("(a b"))
	if _, err := r.Read(); err == nil || !strings.Contains(err.Error(), "missing )") {
		t.Errorf("want missing ), got %v", err)
	}
	r = NewReader("t", strings.NewReader(")"))
	if _, err := r.Read(); err == nil {
		t.Error("want an error for )")
	}
	// A symbol at the end of the stream, and a token starting with '#' after a comment.
	r = NewReader("t", strings.NewReader("#| c |##t ...x"))
	d1, _ := r.Read()
	d2, _ := r.Read()
	if d1.String() != "#t" || d2.String() != "...x" {
		t.Errorf("got %v %v", d1, d2)
	}
}

// A 10,000-line program, for the benchmark and the speed of the tolerant parser.
func bigProgram(lines int) []byte {
	var b strings.Builder
	b.WriteString("(import (foment base))\n")
	for b.Len() >= 0 && strings.Count(b.String(), "\n") < lines {
		b.WriteString(`;; serve one client: read a request and echo it back
(define (serve-client s n)
  (let loop ((i 0) (total 0))
    (let ((bv (recv-socket s 128 0)))
      (if (= (bytevector-length bv) 0)
          (begin (display "client done after ") (display total) (newline) total)
          (begin (send-socket s bv 0)
                 (loop (+ i 1) (+ total (bytevector-length bv))))))))
`)
	}
	return []byte(b.String())
}

func BenchmarkParse10kLines(b *testing.B) {
	src := bigProgram(10000)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		f := Parse("bench.scm", src)
		if len(f.Errors) > 0 {
			b.Fatal(f.Errors[0])
		}
	}
}

// The lines and columns of extents are derived (File.Span, Reader.Span): they must be those the
// reader counts, on every mix of line ends, on a last line without one, after non-ASCII text,
// from a stream and from bytes alike.
func TestExtentPositions(t *testing.T) {
	for _, src := range []string{
		"(a b)\n(c\r\nd)\re",
		"x\r\r\n\ny \"é\r\"\r z",
		"(define (f x)\r\n  (+ x 1)) ; c\r#| b\n|# 'q #;(r) `(s ,t ,@u) #(v) #u8(1 2)",
		"\r\n\r\n\rlast",
		"é😀 a\n",
	} {
		f := Parse("t", []byte(src))
		var want []Span
		var walk func(d *Datum)
		walk = func(d *Datum) {
			want = append(want, f.Span(d.Span))
			for _, e := range d.Elems {
				walk(e)
			}
			if d.Tail() != nil {
				walk(d.Tail())
			}
		}
		for _, d := range f.Data {
			walk(d)
		}
		// The positions the reader counts: those of its errors and comments, which it keeps as
		// spans, agree with the line index; the data's derived ones must agree with both.
		for _, c := range f.Comments {
			if got := f.Lines.Span(c.Span.Extent()); got != c.Span {
				t.Errorf("%q: comment at %v, the line index says %v", src, c.Span, got)
			}
		}
		for name, r := range map[string]*Reader{"stream": NewReader("t", strings.NewReader(src)), "bytes": NewBytesReader("t", []byte(src))} {
			var got []Span
			for {
				d, err := r.Read()
				if err != nil {
					break
				}
				walk = func(d *Datum) {
					got = append(got, r.Span(d.Span))
					for _, e := range d.Elems {
						walk(e)
					}
					if d.Tail() != nil {
						walk(d.Tail())
					}
				}
				walk(d)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q: %s reader's spans %v, Parse's %v", src, name, got, want)
			}
		}
	}
}

// A dotted list keeps its tail after its elements (Datum.Tail): from Parse, from a reader
// whose memory serves again, for an empty list with a tail (an error), and when SetList
// gives a tail to elements that another datum shares.
func TestDottedTails(t *testing.T) {
	src := "(a . b) (a b c . (d . e)) ( . x) (x . 1) #(1 2) (p q)"
	want := []string{"(a . b)", "(a b c . (d . e))", "( . x)", "(x . 1)", "#(1 2)", "(p q)"}
	f := Parse("t", []byte(src))
	var got []string
	for _, d := range f.Data {
		got = append(got, d.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Parse: %v, want %v", got, want)
	}
	if tl := f.Data[2].Tail(); len(f.Data[2].Elems) != 0 || tl == nil || tl.Text != "x" {
		t.Errorf("( . x): elements %v, tail %v", f.Data[2].Elems, tl)
	}
	r := NewBytesReader("t", []byte(src))
	r.Reuse()
	got = got[:0]
	for {
		d, err := r.Read()
		if err != nil {
			break
		}
		got = append(got, d.String())
	}
	if len(got) != 2 || got[0] != "(a . b)" || got[1] != "(a b c . (d . e))" {
		t.Errorf("a reader that reuses its memory: %v", got)
	}
	// Elements shared with another datum are copied: the other keeps its own.
	d := f.Data[1]
	e := &Datum{Kind: List}
	e.SetList(d.Elems[1:], f.Data[3])
	if e.String() != "(b c . (x . 1))" || d.String() != "(a b c . (d . e))" || d.Tail().String() != "(d . e)" {
		t.Errorf("SetList: %s and %s", e, d)
	}
	e.SetList(e.Elems, nil)
	if e.Tail() != nil || e.String() != "(b c)" {
		t.Errorf("SetList without a tail: %s", e)
	}
}
