package interp

import (
	"io"
	"testing"
)

// trickle is a device that delivers one byte per receive, as a slow socket may: characters and
// line ends then arrive split over reads.
type trickle struct{ b []byte }

func (t *trickle) Read(th *Thread, p []byte) (int, error) {
	if len(t.b) == 0 {
		return 0, io.EOF
	}
	p[0] = t.b[0]
	t.b = t.b[1:]
	return 1, nil
}
func (t *trickle) ReadNew(th *Thread, max int) ([]byte, error) { return nil, io.EOF }
func (t *trickle) Write(th *Thread, p []byte) (int, error)     { return len(p), nil }
func (t *trickle) Ready(th *Thread) bool                       { return true }
func (t *trickle) CloseRead() error                            { return nil }
func (t *trickle) CloseWrite() error                           { return nil }

func TestDecodeSplitReads(t *testing.T) {
	tests := []struct {
		codec *Codec
		eol   string
		in    []byte
		want  string
	}{
		{utf8Codec, "lf", []byte("a\r\nb\rc\xc3\xa9\xf0\x9f\x98\x80\r"), "a\nb\nc\u00e9\U0001F600\n"},
		{utf8Codec, "none", []byte("x\xc3"), "x\uFFFD"},
		{utf16Codec, "crlf", []byte{0xfe, 0xff, 0, 'a', 0, '\r', 0, '\n', 0xd8, 0x3d, 0xde, 0}, "a\n\U0001F600"},
		{utf16Codec, "none", []byte{'a', 0, 'b'}, "a\uFFFD"},
		{latin1Codec, "crlf", []byte{'\r', '\r', '\n', 0xe9}, "\n\n\u00e9"},
	}
	for _, tc := range tests {
		under := NewDevicePort("trickle", &trickle{tc.in}, nil)
		p := newEncodedPort(under, &Transcoder{Codec: tc.codec, EOL: tc.eol})
		var got []rune
		for {
			r, eof, err := p.readRune(nil)
			if err != nil {
				t.Fatalf("%s %q: %v", tc.codec.name, tc.in, err)
			}
			if eof {
				break
			}
			got = append(got, r)
		}
		if string(got) != tc.want {
			t.Errorf("%s %s %q: got %q, want %q", tc.codec.name, tc.eol, tc.in, string(got), tc.want)
		}
	}
}
