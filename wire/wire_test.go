package wire

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// Every well-framed JSON message comes through as it was sent: the check of the body never
// cuts a good one.
func TestGoodMessagesPass(t *testing.T) {
	bodies := []string{
		`{}`, `[]`, ` {"a": [1, -2.5e+10, 3E-2, true, false, null]} `,
		`{"s":"quote \" backslash \\ tab \t unicode \u00e9 é 世界 }]{["}`,
		`[{"jsonrpc":"2.0","id":1,"method":"x","params":{"text":"(define (f x)\n  x)\r\n"}}]`,
		"{\n\t\"pretty\": [\r\n 1\r\n ]\n}",
	}
	var in strings.Builder
	for _, b := range bodies {
		in.WriteString(frame(b))
	}
	r := NewReader(strings.NewReader(in.String()), 1<<20)
	for _, want := range bodies {
		got, err := r.Next()
		if err != nil || string(got) != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("end: %v", err)
	}
	if r.Count() != int64(in.Len()) {
		t.Errorf("counted %d bytes of %d", r.Count(), in.Len())
	}
}

// A body cut short where it stops being JSON: the cut is reported once, with what was read,
// and the next frame is read whole.
func TestWrongLengths(t *testing.T) {
	next := `{"seq":2}`
	for name, c := range map[string]struct{ in, head string }{
		"too long, next header":  {"Content-Length: 100\r\n\r\n{\"seq\":1}", `{"seq":1}`},
		"too long, inside a str": {"Content-Length: 100\r\n\r\n{\"seq\":\"ab", `{"seq":"ab`},
		"long line, inside a str": {"Content-Length: 100000\r\n\r\n{\"seq\":\"" + strings.Repeat("a", 70000),
			`{"seq":"` + strings.Repeat("a", 70000)},
		"not JSON":      {"Content-Length: 1000\r\n\r\nhello", ``},
		"huge, nothing": {"Content-Length: 999999999999\r\n\r\n", ``},
	} {
		r := NewReader(strings.NewReader(c.in+frame(next)), 1<<20)
		_, err := r.Next()
		var bad *Bad
		if !errors.As(err, &bad) || string(bad.Head) != c.head {
			t.Errorf("%s: %v, head %q", name, err, bad)
			continue
		}
		if got, err := r.Next(); err != nil || string(got) != next {
			t.Errorf("%s: then %q, %v", name, got, err)
		}
	}
}

// A body shorter than its length: it is returned as it is (its decoder reports it), the rest is
// reported as junk, and the next frame is read.
func TestShortLength(t *testing.T) {
	r := NewReader(strings.NewReader("Content-Length: 5\r\n\r\n{\"seq\":1}"+frame(`{"seq":2}`)), 1<<20)
	if got, err := r.Next(); err != nil || string(got) != `{"seq` {
		t.Errorf("first %q, %v", got, err)
	}
	var bad *Bad
	if _, err := r.Next(); !errors.As(err, &bad) {
		t.Errorf("junk: %v", err)
	}
	if got, err := r.Next(); err != nil || string(got) != `{"seq":2}` {
		t.Errorf("then %q, %v", got, err)
	}
}

// BenchmarkLargeMessage: a 10 MiB didOpen, its text a Scheme file escaped as JSON.
func BenchmarkLargeMessage(b *testing.B) {
	line := `(define (f x) (display \"a string\") (newline))\n`
	body := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":"` +
		strings.Repeat(line, (10<<20)/len(line)) + `"}}}`
	msg := frame(body)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		r := NewReader(strings.NewReader(msg), 1<<30)
		if _, err := r.Next(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzReader: any stream is read to its end, each call consuming something, and a good frame
// that follows any junk (ended by a line end) is read whole.
func FuzzReader(f *testing.F) {
	for _, s := range []string{"", "Content-Length: 5\r\n\r\nhello", "Content-Length: 99999999999\r\n\r\n{\"a\":\"",
		"Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]", "\r\n\r\n\n", "Content-Length: -1\r\n", "x: y\r\n\r\n{\"\\u0000\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		good := `{"seq":1,"s":"ok"}`
		r := NewReader(strings.NewReader(string(data)+"\r\n"+frame(good)), 1<<16)
		last := ""
		for calls := 0; ; calls++ {
			if calls > 2*len(data)+8 {
				t.Fatalf("%d calls for %d bytes", calls, len(data))
			}
			body, err := r.Next()
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			if err == nil {
				last = string(body)
			}
		}
		if last != good && !strings.Contains(string(data), "Content-Length") {
			t.Errorf("the good frame after %q was read as %q", data, last)
		}
	})
}
