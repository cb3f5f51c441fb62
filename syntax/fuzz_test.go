package syntax

import (
	"io"
	"strings"
	"testing"
)

// FuzzParse: the tolerant parser must never panic, and every span it returns must lie in the
// source and agree with the line index. `go test` runs the seeds; fuzz with
// go test ./syntax -run XXX -fuzz FuzzParse -fuzztime 60s -fuzzminimizetime 1x
// (the engine's default minimization of large inputs stalls the run). Large seeds (20 KB and more) are generated: deep nesting, chained datum comments, a program
// with lone CR line ends, unbalanced forms.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		nested(maxDepth+1, "("), nested(maxDepth+1, "`("), strings.Repeat("'", 3*maxDepth) + "x",
		chainedComments(5000), strings.ReplaceAll(string(bigProgram(600)), "\n", "\r"),
		strings.ReplaceAll(string(bigProgram(600)), "))\n", ")\n"), strings.Repeat("#0=(", 6000),
		strings.Repeat("#u8\"\\x41;\" #u8(1 2) ", 2000) + "#u8\"",
	} {
		f.Add(s)
	}
	for _, s := range []string{
		"", "(", ")", "(((", ")))", "(a . b)", "(a . )", "( . a)", "(a . b c)", "#(", "#u8(", "#u8(300)",
		"#u8", "#", "#\\", "#\\x", "#\\xD800", "#|", "#| #| |#", "#;", "#; #;", "#!", "#!fold-case", "'",
		"'(", ",@", "`(a ,b ,@c)", "\"", "\"\\", "\"\\x41", "\"\\x41;", "|", "|a\\", "1/0", "#e1e999999",
		"#x#x1", "1e", "+.", "-.5", "...", ".", "..", "(define (f x)\n  (+ x 1)\n(define y 2)",
		"#0=(a . #0#)", "#0=", "#1#", "#123456789012345=", "\xff\xfe", "é😀", "\r\n(a\r\nb)", "[a] {b}",
		"#t#f", "#true#false", "#tru", "(let loop ((i 0)) (if (< i 10) (loop (+ i 1))))",
		"#\\space#\\newline", "a;b\nc", "#;(a (b) #|c|#) d", "a\rb;c\rd", "\"a\\\r b\"", "(a #;)",
		"#u8\"\\x100;\"", "(display\n(+ 1 2))", "#0=#0#", "(#1=a #1#)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse("fuzz", []byte(src))
		check := func(what string, s Span) {
			if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || int(s.End.Offset) > len(src) {
				t.Fatalf("%s span %v-%v out of range for %q", what, s.Start, s.End, src)
			}
			for _, p := range []Pos{s.Start, s.End} {
				if file.Lines.Pos(int(p.Offset)) != p {
					t.Fatalf("%s position %+v disagrees with the line index %+v", what, p, file.Lines.Pos(int(p.Offset)))
				}
			}
		}
		var walk func(d *Datum)
		walk = func(d *Datum) {
			check("datum", file.Span(d.Span))
			for _, e := range d.Elems {
				walk(e)
			}
			if d.Tail() != nil {
				walk(d.Tail())
			}
		}
		for _, d := range file.Data {
			walk(d)
		}
		for _, e := range file.Errors {
			check("error", e.Span)
		}
		for i, c := range file.Comments {
			check("comment", c.Span)
			if i > 0 && c.Span.Start.Offset < file.Comments[i-1].Span.Start.Offset {
				t.Fatalf("comments out of order at %v", c.Span.Start)
			}
		}
		// The strict reader must not panic either, and must end.
		r := NewReader("fuzz", strings.NewReader(src))
		for i := 0; i <= len(src); i++ {
			if _, err := r.Read(); err != nil {
				if err != io.EOF {
					if _, ok := err.(*Error); !ok {
						t.Fatalf("reader error of type %T", err)
					}
				}
				break
			}
		}
	})
}
