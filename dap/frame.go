package dap

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// The base protocol: header lines ended by \r\n, an empty line, then Content-Length bytes of
// JSON. A client may be broken or hostile, so everything is bounded: a header line, the number
// of header lines, a body. A bad frame is skipped and the reader finds the next one; a body
// over the limit is read past (never kept), and its request answered when its start says
// which one it was.

const (
	maxHeaderLine = 1 << 10  // bytes in one header line
	maxHeaders    = 32       // header lines in one frame
	maxBody       = 16 << 20 // bytes in one message (go-dap's own reader stops at 4 MiB)
)

// badFrame is a frame that was skipped; the stream goes on after it.
type badFrame struct {
	reason string
	head   []byte // the start of a body that was too long, to answer its request
}

func (b *badFrame) Error() string { return b.reason }

// frameReader reads frames from a stream.
type frameReader struct {
	r *bufio.Reader
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 4096)}
}

var errLongLine = errors.New("header line too long")

// line reads one header line without its line end (\r\n, or a bare \n). A line longer than
// maxHeaderLine is read past and reported as errLongLine.
func (f *frameReader) line() (string, error) {
	var buf []byte
	long := false
	for {
		part, err := f.r.ReadSlice('\n')
		if !long {
			buf = append(buf, part...)
			if len(buf) > maxHeaderLine {
				long, buf = true, nil
			}
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
		if long {
			return "", errLongLine
		}
		return strings.TrimRight(string(buf), "\r\n"), nil
	}
}

// next returns the next message's body. A frame it skips is a *badFrame; io.EOF ends the
// stream.
func (f *frameReader) next() ([]byte, error) {
	length := int64(-1)
	var problems []string
	lines := 0
	for {
		line, err := f.line()
		if err == errLongLine {
			problems = append(problems, err.Error())
			lines++
			continue
		}
		if err != nil {
			return nil, err
		}
		if line == "" {
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
		if len(problems) == 0 {
			problems = append(problems, "no Content-Length header")
		}
		return nil, &badFrame{reason: "skipped a message: " + strings.Join(problems, "; ")}
	}
	if length > maxBody {
		head := make([]byte, min(length, 512))
		n, _ := io.ReadFull(f.r, head)
		if _, err := io.CopyN(io.Discard, f.r, length-int64(n)); err != nil {
			return nil, err
		}
		return nil, &badFrame{reason: fmt.Sprintf("a message of %d bytes is over the limit of %d", length, maxBody), head: head[:n]}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(f.r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body, nil
}

var (
	seqField     = regexp.MustCompile(`"seq"\s*:\s*(\d+)`)
	commandField = regexp.MustCompile(`"command"\s*:\s*"([A-Za-z]+)"`)
)

// requestOf tells which request a message was, from its JSON, complete or not: its seq and
// command, or ok false when it was no request.
func requestOf(body []byte) (seq int, command string, ok bool) {
	var m struct {
		Seq     int    `json:"seq"`
		Type    string `json:"type"`
		Command string `json:"command"`
	}
	if err := json.Unmarshal(body, &m); err == nil {
		return m.Seq, m.Command, m.Type == "request" && m.Command != ""
	}
	// A truncated body: the fields that came first.
	sm, cm := seqField.FindSubmatch(body), commandField.FindSubmatch(body)
	if sm == nil || cm == nil || !bytes.Contains(body, []byte(`"request"`)) {
		return 0, "", false
	}
	seq, _ = strconv.Atoi(string(sm[1]))
	return seq, string(cm[1]), true
}
