package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// stream frames JSON-RPC messages with Content-Length headers, like jsonrpc2's own, except that
// a message that is framed but not valid JSON-RPC gets an error response and the connection
// goes on (jsonrpc2's stream would end the connection).
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	wmu sync.Mutex
	// closed: writes are refused (the server has returned; see closeWrites).
	closed atomic.Bool
}

func newStream(r io.Reader, w io.Writer, c io.Closer) *stream {
	return &stream{in: bufio.NewReaderSize(r, 1<<16), out: w, c: c}
}

// Limits on what a client can make the server hold: a header line, and a message (a document
// larger than this is refused, and the stream goes on).
const (
	maxHeaderLine = 4 << 10
	maxMessage    = 256 << 20
)

// Read returns the next message. Bad framing gets one ParseError reply (not one per line) and
// the stream skips to the next header that makes sense.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	var total int64
	complained := false
	complain := func(msg string) {
		if !complained {
			s.replyError(nil, jsonrpc2.ParseError, msg)
		}
		complained = true
	}
	for {
		length := int64(-1)
		for {
			line, err := s.readLine()
			total += int64(len(line))
			if err == errLongLine {
				complain(fmt.Sprintf("header line longer than %d bytes", maxHeaderLine))
				length = -1
				continue
			}
			if err != nil {
				return nil, total, err
			}
			line = strings.TrimSpace(line)
			if line == "" {
				if length < 0 {
					continue // stray blank lines between messages, or a header without a length
				}
				break
			}
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				complain(fmt.Sprintf("bad header line %.100q", line))
				length = -1
				continue
			}
			if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
				n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
				if err != nil || n < 0 {
					complain(fmt.Sprintf("bad Content-Length %.40q", value))
					length = -1
					continue
				}
				length = n
			}
		}
		if length > maxMessage {
			// Skip it without holding it.
			n, err := io.CopyN(io.Discard, s.in, length)
			total += n
			if err != nil {
				return nil, total, err
			}
			s.replyError(nil, jsonrpc2.ParseError, fmt.Sprintf("message of %d bytes refused: the limit is %d", length, maxMessage))
			continue
		}
		// Grow the buffer as the bytes come, not as the header claims.
		var buf bytes.Buffer
		buf.Grow(int(min(length, 1<<20)))
		n, err := io.CopyN(&buf, s.in, length)
		total += n
		if err != nil {
			return nil, total, err
		}
		data := buf.Bytes()
		msg, err := jsonrpc2.DecodeMessage(data)
		if err != nil {
			// Answer what can be answered: with the id when one can be read.
			var probe struct {
				ID *jsonrpc2.ID `json:"id"`
			}
			json.Unmarshal(data, &probe)
			code := jsonrpc2.ParseError
			if json.Valid(data) {
				code = jsonrpc2.InvalidRequest
			}
			s.replyError(probe.ID, code, err.Error())
			continue
		}
		return msg, total, nil
	}
}

var errLongLine = errors.New("header line too long")

// readLine reads a line of at most maxHeaderLine bytes; a longer one is consumed and reported
// as errLongLine.
func (s *stream) readLine() (string, error) {
	line, err := s.in.ReadSlice('\n')
	if err == nil && len(line) <= maxHeaderLine {
		return string(line), nil
	}
	if err != nil && err != bufio.ErrBufferFull {
		return string(line), err
	}
	for err == bufio.ErrBufferFull {
		_, err = s.in.ReadSlice('\n')
	}
	if err != nil {
		return "", err
	}
	return "", errLongLine
}

func (s *stream) replyError(id *jsonrpc2.ID, code jsonrpc2.Code, msg string) {
	type errBody struct {
		Code    jsonrpc2.Code `json:"code"`
		Message string        `json:"message"`
	}
	body, _ := json.Marshal(struct {
		JSONRPC string       `json:"jsonrpc"`
		ID      *jsonrpc2.ID `json:"id"`
		Error   errBody      `json:"error"`
	}{"2.0", id, errBody{code, msg}})
	s.writeRaw(body)
}

// writeRaw writes one message whose body is the concatenation of parts.
func (s *stream) writeRaw(parts ...[]byte) (int64, error) {
	length := 0
	for _, p := range parts {
		length += len(p)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Load() {
		return 0, io.ErrClosedPipe
	}
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", length)
	total := int64(n)
	for _, p := range parts {
		if err != nil {
			break
		}
		n, err = s.out.Write(p)
		total += int64(n)
	}
	return total, err
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	// A successful response is written around its result, which jsonrpc2 has already marshaled:
	// its own MarshalJSON would compact and copy a large result once more.
	if r, ok := msg.(*jsonrpc2.Response); ok && r.Err() == nil {
		rid := r.ID()
		id, err := json.Marshal(&rid)
		if err != nil {
			return 0, err
		}
		result := []byte(r.Result())
		if len(result) == 0 {
			result = []byte("null")
		}
		return s.writeRaw([]byte(`{"jsonrpc":"2.0","id":`), id, []byte(`,"result":`), result, []byte("}"))
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, err
	}
	return s.writeRaw(data)
}

// closeWrites refuses every later write and waits for one in progress (for a second at most:
// a write the client never reads would hold it for ever).
func (s *stream) closeWrites() {
	s.closed.Store(true)
	locked := make(chan struct{})
	go func() { s.wmu.Lock(); s.wmu.Unlock(); close(locked) }()
	select {
	case <-locked:
	case <-time.After(time.Second):
	}
}

func (s *stream) Close() error {
	if s.c != nil {
		return s.c.Close()
	}
	return nil
}
