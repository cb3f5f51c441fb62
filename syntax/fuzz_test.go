package syntax

import (
	"io"
	"strings"
	"testing"
)

// FuzzParse: the tolerant parser must never panic, and every span it returns must lie in the
// source and agree with the line index. `go test` runs the seeds; fuzz with
// go test ./syntax -run XXX -fuzz FuzzParse -fuzztime 60s
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "(", ")", "(((", ")))", "(a . b)", "(a . )", "( . a)", "(a . b c)", "#(", "#u8(", "#u8(300)",
		"#u8", "#", "#\\", "#\\x", "#\\xD800", "#|", "#| #| |#", "#;", "#; #;", "#!", "#!fold-case", "'",
		"'(", ",@", "`(a ,b ,@c)", "\"", "\"\\", "\"\\x41", "\"\\x41;", "|", "|a\\", "1/0", "#e1e999999",
		"#x#x1", "1e", "+.", "-.5", "...", ".", "..", "(define (f x)\n  (+ x 1)\n(define y 2)",
		"#0=(a . #0#)", "#0=", "#1#", "#123456789012345=", "\xff\xfe", "é😀", "\r\n(a\r\nb)", "[a] {b}",
		"#t#f", "#true#false", "#tru", "(let loop ((i 0)) (if (< i 10) (loop (+ i 1))))",
		"#\\space#\\newline", "a;b\nc", "#;(a (b) #|c|#) d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse("fuzz", []byte(src))
		check := func(what string, s Span) {
			if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(src) {
				t.Fatalf("%s span %v-%v out of range for %q", what, s.Start, s.End, src)
			}
			for _, p := range []Pos{s.Start, s.End} {
				if file.Lines.Pos(p.Offset) != p {
					t.Fatalf("%s position %+v disagrees with the line index %+v", what, p, file.Lines.Pos(p.Offset))
				}
			}
		}
		var walk func(d *Datum)
		walk = func(d *Datum) {
			check("datum", d.Span)
			for _, e := range d.Elems {
				walk(e)
			}
			if d.Tail != nil {
				walk(d.Tail)
			}
		}
		for _, d := range file.Data {
			walk(d)
		}
		for _, e := range file.Errors {
			check("error", e.Span)
		}
		for _, c := range file.Comments {
			check("comment", c.Span)
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
