package syntax

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dumpFile writes what a file holds with the text's positions: data (kinds, texts, spans,
// parentheses and dots), comments and errors, one per line.
func dumpFile(f *File) string {
	var b strings.Builder
	pos := func(off int32) Pos { return f.Lines.Pos(f.TextOffset(int(off))) }
	span := func(s Extent) string {
		a, e := pos(s.Start), pos(s.End)
		return fmt.Sprintf("%d:%d:%d-%d:%d:%d", a.Offset, a.Line, a.Col, e.Offset, e.Line, e.Col)
	}
	var walk func(d *Datum, depth int)
	walk = func(d *Datum, depth int) {
		fmt.Fprintf(&b, "%d %s %q %s", depth, d.Kind, d.Text, span(d.Span))
		if d.Closed {
			b.WriteString(" closed")
		}
		if d.n != 0 || d.Bool || d.IsBytestring() {
			fmt.Fprintf(&b, " %d %v %q %v", d.Label(), d.Bool, d.Char(), d.IsBytestring())
		}
		b.WriteByte('\n')
		for _, e := range d.Elems {
			walk(e, depth+1)
		}
		if d.Tail() != nil {
			walk(d.Tail(), depth+1)
		}
	}
	for _, d := range f.Data {
		walk(d, 0)
	}
	for _, c := range f.Comments {
		fmt.Fprintf(&b, "comment %d %q %s\n", c.Kind, c.Text, span(c.Span.Extent()))
	}
	for _, e := range f.Errors {
		fmt.Fprintf(&b, "error %q %s\n", e.Msg, span(e.Span.Extent()))
	}
	return b.String()
}

// checkLayout checks an editable file's invariants: regions cover the text in order, their
// datum offsets increase and leave no overlap, and mapping a datum offset to the text and back
// gives it again.
func checkLayout(t *testing.T, f *File) {
	t.Helper()
	if got, want := f.Lines, NewLineIndex(f.Src); fmt.Sprint(got.lines, got.ascii, got.marks) != fmt.Sprint(want.lines, want.ascii, want.marks) {
		t.Fatalf("line index %v %v %v, want %v %v %v", got.lines, got.ascii, got.marks, want.lines, want.ascii, want.marks)
	}
	l := f.layout
	if l == nil {
		return
	}
	off := 0
	for i, r := range l.regs {
		if l.at[i] != off {
			t.Fatalf("region %d starts at %d, want %d", i, l.at[i], off)
		}
		off += r.n
		if i > 0 && r.v < l.regs[i-1].v+l.regs[i-1].n {
			t.Fatalf("region %d overlaps the one before in the datum space", i)
		}
		for k := 0; k <= r.n; k += 1 + r.n/7 {
			if got := f.TextOffset(r.v + k); got != l.at[i]+k {
				t.Fatalf("TextOffset(%d) = %d, want %d", r.v+k, got, l.at[i]+k)
			}
		}
	}
	if off != len(f.Src) {
		t.Fatalf("regions cover %d bytes of %d", off, len(f.Src))
	}
	if last := l.regs[len(l.regs)-1]; last.v+last.n > l.end {
		t.Fatal("the last region ends after the datum space")
	}
}

var reparseTexts = []string{
	"(define (f x) (+ x 1))\n;; g doubles.\n(define (g x) (* 2 x)) ; trailing\n#| block\ncomment |# (g (f 1))\n" +
		"#;(ignored form) (display \"a string with ) and ( inside\")\n" +
		"'quoted `(quasi ,unq ,@spl) #(1 2 3) #u8(1 2) #\\a #\\space 1.5 -7 |odd sym|\n(a . b) (c d . e)\n",
	"#!fold-case\n(DEFINE X 1)\n#!no-fold-case\n(Define Y 2)\n(display X)",
	"(define (f x)\n  (let ((y 1)\n(define (g) 2)\n(g)",
	"(a)(b)'c\"d\"(e) f g\n\n\n(h\n",
	"\"unterminated string (a b)\n(c d)",
	"#| unterminated block\n(a b)",
	"(a))) (b) ) (c",
	"",
	"   ",
	"(x)",
	"(a)\r\n(b\r(c))\r\n\r;; c\r\n(d)",
	"#u8\"abc\" #u8\"\\x41;\" (#0=(a . #0#) #1# #2=x) #; #; (p) (q) (r) #;",
	"((((((((((a))))))))))\n" + strings.Repeat("(", 40) + strings.Repeat(")", 40) + "\n#(#(#()))",
	"(é \"ü\" |ß|) ; ö\n" + strings.Repeat("ä", 3000) + "\n(x)",
}

// edits are small changes of the kinds typing makes, and a few large ones.
var editTexts = []string{"", "", " ", "x", "(", ")", "\n", "(define (h) 1)\n", "\"", "#|", "|#", ";", "#;", "😀", "\n(a\n",
	"#!fold-case ", "'", "(a (b", "))", "é", "\n(new form)\n", "#\\(", "|", "1"}

func randomEdit(r *rand.Rand, src string) string {
	a := r.Intn(len(src) + 1)
	b := a
	if r.Intn(3) == 0 && a < len(src) {
		b = a + r.Intn(min(len(src)-a, 20)+1)
	}
	for a > 0 && a < len(src) && src[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(src) && src[b]&0xC0 == 0x80 {
		b++
	}
	return src[:a] + editTexts[r.Intn(len(editTexts))] + src[b:]
}

// A region read again has texts of its own: later versions do not keep the text it was read
// from.
func TestReparseOwnTexts(t *testing.T) {
	src := []byte("(define (f x) \"s\" 'sym) ; c\n(g)")
	f := ParseEditable("t.scm", src)
	next := []byte("(define (f x) \"s\" 'sym) ; c\n(gg)")
	nf := Reparse(f, next)
	for i := range next {
		next[i] = 'Z' // the text the new region was read from, changed by its owner
	}
	if got := nf.Data[1].String(); got != "(gg)" {
		t.Errorf("the reparsed form reads %s", got)
	}
	if got := nf.Data[0].Elems[1].Elems[0].Text; got != "f" {
		t.Errorf("a kept form's symbol reads %q", got)
	}
}

func TestReparseMatchesParse(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for ti, text := range reparseTexts {
		for round := 0; round < 60; round++ {
			cur := text
			f := ParseEditable("t.scm", []byte(cur))
			checkLayout(t, f)
			for k := 0; k < 25; k++ {
				next := randomEdit(r, cur)
				for r.Intn(3) == 0 { // versions not read in between
					next = randomEdit(r, next)
				}
				nf := Reparse(f, []byte(next))
				checkLayout(t, nf)
				want := dumpFile(Parse("t.scm", []byte(next)))
				if got := dumpFile(nf); got != want {
					t.Fatalf("text %d round %d edit %d: %q → %q\ngot:\n%s\nwant:\n%s", ti, round, k, cur, next, got, want)
				}
				// The old version is untouched.
				if got, want := dumpFile(f), dumpFile(Parse("t.scm", []byte(cur))); got != want {
					t.Fatalf("the old version changed after %q → %q", cur, next)
				}
				cur, f = next, nf
			}
		}
	}
}

// An edit inside one form of a large file reads that form again and keeps the others' data.
func TestReparseKeepsOtherForms(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, ";; f%d\n(define (f%d x)\n  (+ x %d))\n", i, i, i)
	}
	src := b.String()
	f := ParseEditable("big.scm", []byte(src))
	at := strings.Index(src, "(+ x 100)") + 3
	next := src[:at] + " 1" + src[at:]
	nf := Reparse(f, []byte(next))
	if len(nf.Data) != len(f.Data) {
		t.Fatalf("%d forms, want %d", len(nf.Data), len(f.Data))
	}
	same := 0
	for i := range f.Data {
		if f.Data[i] == nf.Data[i] {
			same++
		}
	}
	if same != len(f.Data)-1 {
		t.Errorf("%d forms kept of %d, want all but the edited one", same, len(f.Data))
	}
	if got, want := dumpFile(nf), dumpFile(Parse("big.scm", []byte(next))); got != want {
		t.Error("the edited file differs from a fresh reading")
	}
	// The datum offsets of the forms after the edit did not move; their text offsets did.
	if nf.Data[150].Span != f.Data[150].Span || nf.TextOffset(int(nf.Data[150].Span.Start)) != f.TextOffset(int(f.Data[150].Span.Start))+2 {
		t.Error("a form after the edit moved in the datum space, or not in the text")
	}
}

// FuzzReparse: a text and an edit made of the fuzzer's bytes: the reparse equals a fresh read.
// go test ./syntax -run XXX -fuzz FuzzReparse -fuzztime 60s
func FuzzReparse(f *testing.F) {
	for _, s := range reparseTexts {
		f.Add(s, uint16(3), uint16(2), "x", uint16(7), "(")
	}
	f.Add("(a)\n(b)\n(c)", uint16(4), uint16(0), "\"", uint16(9), "\"")
	f.Add("(a (b)\n(c)", uint16(5), uint16(0), ")", uint16(0), "")
	f.Fuzz(func(t *testing.T, src string, at1, del1 uint16, ins1 string, at2 uint16, ins2 string) {
		file := ParseEditable("f", []byte(src))
		cur := src
		for _, e := range []struct {
			at, del int
			ins     string
		}{{int(at1), int(del1), ins1}, {int(at2), 0, ins2}} {
			a := e.at % (len(cur) + 1)
			b := min(len(cur), a+e.del%8)
			cur = cur[:a] + e.ins + cur[b:]
			file = Reparse(file, []byte(cur))
			checkLayout(t, file)
			if got, want := dumpFile(file), dumpFile(Parse("f", []byte(cur))); got != want {
				t.Fatalf("%q: got\n%s\nwant\n%s", cur, got, want)
			}
		}
	})
}

// go test ./syntax -run XXX -bench Reparse: a one-character edit in the middle of a file of
// 10,000 lines, against reading it all.
func BenchmarkReparse(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 400_000; i++ {
		fmt.Fprintf(&sb, ";; Serve client %d.\n(define (serve-%d client)\n  (let loop ((total 0))\n    (let ((bv (recv-socket client 1024 0)))\n      (if (= (bytevector-length bv) 0)\n          (begin (close-port client) total)\n          (begin (send-socket client bv 0) (loop (+ total (bytevector-length bv))))))))\n", i, i)
	}
	src := []byte(sb.String())
	mid := len(src) / 2
	edited := append(append(append([]byte{}, src[:mid]...), ' '), src[mid:]...)
	b.Run("parse", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Parse("big.scm", edited)
		}
	})
	b.Run("editable", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ParseEditable("big.scm", edited)
		}
	})
	f := ParseEditable("big.scm", src)
	b.Run("reparse", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Reparse(f, edited)
		}
	})
}

var reparseCorpus = flag.String("reparse-corpus", "", "a directory of .scm files (code written elsewhere: Foment's tests) that TestReparseCorpus edits at random")

// TestReparseCorpus: random edits of each file of a corpus, read again with Reparse, give what
// Parse gives.
//
//	go test ./syntax -run ReparseCorpus -reparse-corpus /tmp/foment/test
func TestReparseCorpus(t *testing.T) {
	if *reparseCorpus == "" {
		t.Skip("no -reparse-corpus")
	}
	paths, _ := filepath.Glob(filepath.Join(*reparseCorpus, "*.scm"))
	r := rand.New(rand.NewSource(1))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cur := string(src)
		f := ParseEditable(p, src)
		for k := 0; k < 100; k++ {
			next := randomEdit(r, cur)
			nf := Reparse(f, []byte(next))
			checkLayout(t, nf)
			if got, want := dumpFile(nf), dumpFile(Parse(p, []byte(next))); got != want {
				t.Fatalf("%s edit %d differs from a fresh reading", p, k)
			}
			cur, f = next, nf
		}
	}
}

// Hostile texts (deep nesting, long chains of datum comments, an unclosed deep list, a long
// line of many data) read for editing and edited give what Parse gives.
func TestReparseHostile(t *testing.T) {
	texts := []string{
		nested(maxDepth+50, "("),
		nested(maxDepth+50, "'"),
		strings.Repeat("(", maxDepth+50),
		chainedComments(2000),
		strings.Repeat("#t #\\a #(1) é ", 5000),
	}
	r := rand.New(rand.NewSource(7))
	for i, text := range texts {
		f := ParseEditable("h", []byte(text))
		cur := text
		for k := 0; k < 3; k++ {
			next := randomEdit(r, cur)
			nf := Reparse(f, []byte(next))
			checkLayout(t, nf)
			if got, want := dumpFile(nf), dumpFile(Parse("h", []byte(next))); got != want {
				t.Fatalf("text %d edit %d differs from a fresh reading", i, k)
			}
			cur, f = next, nf
		}
	}
}
