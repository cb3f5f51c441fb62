package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"foment-ls/wire"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// stream frames JSON-RPC messages with Content-Length headers, like jsonrpc2's own, except that
// a message that is framed but not valid JSON-RPC gets an error response and the connection
// goes on (jsonrpc2's stream would end the connection).
type stream struct {
	in  *wire.Reader
	log *slog.Logger
	out io.Writer
	c   io.Closer
	wmu sync.Mutex
	// closed: writes are refused (the server has returned; see closeWrites).
	closed atomic.Bool
}

func newStream(r io.Reader, w io.Writer, c io.Closer) *stream {
	return &stream{in: wire.NewReader(r, maxMessage), out: w, c: c, log: slog.New(slog.DiscardHandler)}
}

// The most a client can make the server hold: a message (a document larger than this is
// refused, and the stream goes on).
const maxMessage = 256 << 20

// Read returns the next message. A bad frame gets a ParseError reply and the stream
// resynchronises at the next header (package wire).
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	start := s.in.Count()
	for {
		data, err := s.in.Next()
		var bad *wire.Bad
		switch {
		case errors.As(err, &bad):
			s.log.Warn("bad message", "err", bad.Reason, "content", string(bad.Head[:min(len(bad.Head), 200)]))
			var probe struct {
				ID *jsonrpc2.ID `json:"id"`
			}
			json.Unmarshal(bad.Head, &probe)
			s.replyError(probe.ID, jsonrpc2.ParseError, bad.Reason)
			continue
		case err != nil:
			return nil, s.in.Count() - start, err
		}
		if len(data) >= fastMessageSize {
			if msg := fastNotification(data); msg != nil {
				return msg, s.in.Count() - start, nil
			}
		}
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
		return msg, s.in.Count() - start, nil
	}
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
	// A notification the same way: publishDiagnostics of a file with many findings is 150 KB,
	// and its compaction took 2 ms of each edit's publication.
	if n, ok := msg.(*jsonrpc2.Notification); ok {
		method, err := json.Marshal(n.Method())
		if err != nil {
			return 0, err
		}
		params := []byte(n.Params())
		if len(params) == 0 {
			return s.writeRaw([]byte(`{"jsonrpc":"2.0","method":`), method, []byte("}"))
		}
		return s.writeRaw([]byte(`{"jsonrpc":"2.0","method":`), method, []byte(`,"params":`), params, []byte("}"))
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
