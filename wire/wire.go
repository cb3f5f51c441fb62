// Package wire reads the base protocol that LSP and DAP share: header lines ended by \r\n, an
// empty line, then Content-Length bytes of JSON. A client may be broken or hostile, so the
// reader bounds everything (a header line, the header lines of a frame, a body) and never
// loses its place for good: a bad frame is skipped, and the reader finds the next one.
//
// A Content-Length that is wrong is the usual way to lose the place: the reader would take the
// next frames as the body (too long), or the rest of a body as headers (too short). So the body
// is checked as it is read: a byte that cannot be part of one JSON object or array (a header's
// letter outside a string, a line end inside one, anything after the value has ended) ends the
// frame there, before the byte, and that byte starts the search for the next header. A
// header line with garbage before "Content-Length:" (a body with no line end before it) starts
// a frame at the header.
package wire

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const (
	maxHeaderLine = 4 << 10 // bytes in one header line
	maxHeaders    = 32      // header lines in one frame
	keepHead      = 512     // bytes kept of a body that is refused, to answer its request
)

// Bad is a frame that was skipped; the stream goes on after it.
type Bad struct {
	Reason string
	// Head is what was read of the body (at most 512 bytes when it was too long): enough to
	// answer its request when it says which one it was.
	Head []byte
}

func (b *Bad) Error() string { return b.Reason }

// Reader reads frames from a stream.
type Reader struct {
	r   *bufio.Reader
	max int64
	// pending is a good message read after junk: the junk is reported first, then it.
	pending []byte
	// carry is the start of a header line that was read as part of a body.
	carry string
	// cut: the last frame was cut short; the junk after it is its rest, not reported again.
	cut bool
	n   int64 // bytes read in all
}

// NewReader reads frames from r; a body longer than max bytes is read past, never kept.
func NewReader(r io.Reader, max int64) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Count is the number of bytes read so far.
func (f *Reader) Count() int64 { return f.n }

var errLongLine = errors.New("header line too long")

// line reads one header line without its line end (\r\n, or a bare \n). A line longer than
// maxHeaderLine is read past and reported as errLongLine, with its last maxHeaderLine bytes
// (a header may end it: a body with no line end before the next frame).
func (f *Reader) line() (string, error) {
	buf := []byte(f.carry)
	f.carry = ""
	long := false
	for {
		part, err := f.r.ReadSlice('\n')
		f.n += int64(len(part))
		buf = append(buf, part...)
		if len(buf) > maxHeaderLine {
			long = true
			buf = append(buf[:0], buf[len(buf)-maxHeaderLine:]...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil:
			if err == io.EOF && len(buf) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		line := strings.TrimRight(string(buf), "\r\n")
		if long {
			return line, errLongLine
		}
		return line, nil
	}
}

// Next returns the next message's body. A frame it skips is a *Bad; io.EOF ends the stream
// (io.ErrUnexpectedEOF when it ends inside a frame).
func (f *Reader) Next() ([]byte, error) {
	if p := f.pending; p != nil {
		f.pending = nil
		return p, nil
	}
restart:
	length := int64(-1)
	var problems []string
	lines := 0
	for {
		line, err := f.line()
		if err == errLongLine {
			problems = append(problems, err.Error())
			if i := strings.Index(line, "Content-Length:"); i > 0 {
				err = nil // the line's end is a header
			} else {
				lines++
				continue
			}
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(line) == "" {
			if lines == 0 {
				continue // blank lines between frames
			}
			break
		}
		// A body with no line end runs into the next header: that header starts a frame.
		if i := strings.Index(line, "Content-Length:"); i > 0 {
			problems = append(problems, fmt.Sprintf("%d bytes of garbage before a header", i))
			line, length, lines = line[i:], -1, 0
		}
		lines++
		if lines > maxHeaders {
			problems = append(problems, "too many header lines")
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			problems = append(problems, fmt.Sprintf("not a header: %.40q", line))
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			continue // Content-Type and other headers mean nothing here
		}
		n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil || n < 0 {
			problems = append(problems, fmt.Sprintf("Content-Length %.30q is not a length", strings.TrimSpace(value)))
			length = -1
			continue
		}
		length = n
	}
	if length < 0 {
		if f.cut {
			goto restart // the rest of the frame cut short: already reported
		}
		if len(problems) == 0 {
			problems = append(problems, "no Content-Length header")
		}
		f.cut = true // its body, if it had one, is junk before the next header
		return nil, &Bad{Reason: "skipped a message: " + strings.Join(problems, "; ")}
	}
	body, at, err := f.body(length)
	cut := f.cut
	f.cut = at >= 0
	switch {
	case err != nil:
		return nil, err
	case at >= 0:
		return nil, &Bad{Reason: fmt.Sprintf("a message said it had %d bytes, but its JSON ended or broke off after %d: the stream goes on from there", length, at), Head: body}
	case length > f.max:
		return nil, &Bad{Reason: fmt.Sprintf("a message of %d bytes is over the limit of %d", length, f.max), Head: body}
	case len(problems) > 0 && !cut:
		f.pending = body
		return nil, &Bad{Reason: "skipped junk before a message: " + strings.Join(problems, "; ")}
	}
	return body, nil
}

// body reads a body of length bytes, checking that it is one JSON value. It keeps all of it, or
// its first keepHead bytes when length is over the limit. at is where the body was cut short
// (-1 when it was not): the byte there was not consumed.
func (f *Reader) body(length int64) (body []byte, at int64, err error) {
	keep := length
	if length > f.max {
		keep = keepHead
	}
	// Grow the buffer as the bytes come, not as the header claims.
	body = make([]byte, 0, min(keep, 64<<10))
	var sc scanner
	for read := int64(0); read < length; {
		if f.r.Buffered() == 0 {
			if _, err := f.r.Peek(1); err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return nil, -1, err
			}
		}
		chunk, _ := f.r.Peek(int(min(int64(f.r.Buffered()), length-read)))
		k := sc.scan(chunk)
		if room := keep - int64(len(body)); room > 0 {
			body = append(body, chunk[:min(int64(k), room)]...)
		}
		f.r.Discard(k)
		f.n += int64(k)
		read += int64(k)
		if k < len(chunk) {
			// Cut inside a string at a line end: the next header may have started in the
			// string. It is read again as a header.
			if i := strings.LastIndex(string(chunk[:k]), "Content-Length:"); i >= 0 && sc.inString {
				f.carry = string(chunk[i:k])
				if cut := len(body) - (k - i); cut >= 0 {
					body = body[:cut]
				}
			}
			return body, read, nil
		}
	}
	return body, -1, nil
}

// scanner follows the bytes of one JSON object or array far enough to tell a byte that cannot
// belong to it; it does not check the grammar (the decoder does).
type scanner struct {
	depth    int
	started  bool
	inString bool
	escape   bool
}

// scan returns how many bytes of b may belong to the value.
func (s *scanner) scan(b []byte) int {
	i := 0
	for i < len(b) {
		c := b[i]
		if s.inString {
			if c < 0x20 {
				return i // a raw control character: a line end, the next header
			}
			switch {
			case s.escape:
				s.escape = false
			case c == '\\':
				s.escape = true
			case c == '"':
				s.inString = false
			default:
				// The bulk of a large message is the text of a document: skip plain bytes
				// fast.
				for i++; i < len(b) && plain[b[i]]; i++ {
				}
				continue
			}
			i++
			continue
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case s.started && s.depth == 0:
			return i // after the value
		case c == '{' || c == '[':
			s.started = true
			s.depth++
		case !s.started:
			return i // a message is an object or an array
		case c == '}' || c == ']':
			s.depth--
		case c == '"':
			s.inString = true
		case outside[c]:
		default:
			return i
		}
		i++
	}
	return len(b)
}

// plain holds the bytes a JSON string may hold as they are: not a quote, a backslash or a
// control character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// outside holds the bytes a JSON value may have outside its strings, besides white space,
// brackets and quotes: those of numbers, true, false and null, and separators.
var outside = func() (t [256]bool) {
	for _, c := range []byte(",:-+.0123456789truefalsnE") {
		t[c] = true
	}
	return t
}()
