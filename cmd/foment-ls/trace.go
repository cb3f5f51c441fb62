package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"
)

// Protocol traces (--log FILE --trace LEVEL) for both servers: every message that crosses
// standard input and output (or the --listen connection) is logged, timestamped, as it passes.
// The framing (Content-Length headers) is the same in LSP and DAP, so the trace sits below
// either server and neither needs to know.

// traceLevel says how much of each message the log gets.
type traceLevel int

const (
	traceOff      traceLevel = iota // only the server's own log lines (errors, panics)
	traceMessages                   // one line a message: direction, kind, method, id, size, latency
	traceVerbose                    // and the message itself
)

func parseTraceLevel(s string) (traceLevel, error) {
	switch s {
	case "off":
		return traceOff, nil
	case "messages", "":
		return traceMessages, nil
	case "verbose":
		return traceVerbose, nil
	}
	return 0, fmt.Errorf("--trace %q: use off, messages or verbose", s)
}

// logFlags are the --log and --trace flags of lsp and dap.
type logFlags struct {
	file, trace *string
}

func (l logFlags) open(server string) (*slog.Logger, traceLevel, func(), error) {
	level, err := parseTraceLevel(*l.trace)
	if err != nil {
		return nil, 0, nil, err
	}
	log, closeLog, err := openLog(*l.file)
	if err != nil {
		return nil, 0, nil, err
	}
	if *l.file == "" {
		return log, traceOff, closeLog, nil
	}
	log = log.With("server", server, "pid", os.Getpid())
	log.Info("start", "version", version, "args", os.Args[1:])
	return log, level, closeLog, nil
}

// openLog opens a log file (appending; two servers may share one: each line is one write); no
// name, no log.
func openLog(name string) (*slog.Logger, func(), error) {
	if name == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}, nil
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return slog.New(slog.NewTextHandler(f, nil)), func() { f.Close() }, nil
}

// tracer reads the frames of both directions and logs each complete message.
type tracer struct {
	log   *slog.Logger
	level traceLevel
	mu    sync.Mutex
	sent  map[string]pending // requests awaiting a response, by direction and id
}

type pending struct {
	method string
	at     time.Time
}

func newTracer(log *slog.Logger, level traceLevel) *tracer {
	return &tracer{log: log, level: level, sent: map[string]pending{}}
}

// reader and writer wrap the client's side of the connection.
func (t *tracer) reader(r io.Reader) io.Reader {
	if t.level == traceOff {
		return r
	}
	return &tracedReader{r: r, f: &framer{t: t, dir: "recv"}}
}

func (t *tracer) writer(w io.Writer) io.Writer {
	if t.level == traceOff {
		return w
	}
	return &tracedWriter{w: w, f: &framer{t: t, dir: "send"}}
}

type tracedReader struct {
	r io.Reader
	f *framer
}

func (r *tracedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.f.feed(p[:n])
	return n, err
}

type tracedWriter struct {
	w  io.Writer
	mu sync.Mutex
	f  *framer
}

func (w *tracedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.mu.Lock()
	w.f.feed(p[:n])
	w.mu.Unlock()
	return n, err
}

// Limits of what the tracer keeps: headers, and the part of a body it logs and decodes.
const (
	traceHeaderMax = 8 << 10
	traceBodyMax   = 1 << 20
)

// framer splits one direction's bytes into messages.
type framer struct {
	t      *tracer
	dir    string
	header []byte
	inBody bool
	length int // of the body being read
	got    int
	body   []byte // up to traceBodyMax of it
}

func (f *framer) feed(p []byte) {
	for len(p) > 0 {
		if !f.inBody {
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				f.header = append(f.header, p...)
				if len(f.header) > traceHeaderMax {
					f.t.log.Warn("trace: unframed bytes", "dir", f.dir, "bytes", len(f.header))
					f.header = f.header[:0]
				}
				return
			}
			f.header = append(f.header, p[:i+1]...)
			p = p[i+1:]
			if len(bytes.TrimSpace(f.header)) == 0 {
				f.header = f.header[:0] // blank lines between messages
				continue
			}
			if !bytes.HasSuffix(f.header, []byte("\r\n\r\n")) && !bytes.HasSuffix(f.header, []byte("\n\n")) {
				continue
			}
			f.length = contentLength(f.header)
			f.header = f.header[:0]
			if f.length < 0 {
				f.t.log.Warn("trace: a header without Content-Length", "dir", f.dir)
				continue
			}
			f.inBody, f.got, f.body = true, 0, make([]byte, 0, min(f.length, traceBodyMax))
		}
		take := min(len(p), f.length-f.got)
		if room := traceBodyMax - len(f.body); room > 0 {
			f.body = append(f.body, p[:min(take, room)]...)
		}
		f.got += take
		p = p[take:]
		if f.got == f.length {
			f.t.message(f.dir, f.length, f.body)
			f.inBody, f.body = false, nil
		}
	}
}

func contentLength(header []byte) int {
	for _, line := range bytes.Split(header, []byte("\n")) {
		name, value, ok := bytes.Cut(bytes.TrimSpace(line), []byte(":"))
		if ok && bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			n, err := strconv.Atoi(string(bytes.TrimSpace(value)))
			if err == nil && n >= 0 {
				return n
			}
		}
	}
	return -1
}

// message logs one message: LSP (id, method) or DAP (seq, type, command, event).
func (t *tracer) message(dir string, size int, body []byte) {
	var m struct {
		ID         json.RawMessage `json:"id"`
		Method     string          `json:"method"`
		Error      json.RawMessage `json:"error"`
		Type       string          `json:"type"`
		Seq        int             `json:"seq"`
		RequestSeq int             `json:"request_seq"`
		Command    string          `json:"command"`
		Event      string          `json:"event"`
		Success    *bool           `json:"success"`
	}
	attrs := []any{"dir", dir, "bytes", size}
	if size > len(body) || json.Unmarshal(body, &m) != nil {
		attrs = append(attrs, "kind", "unreadable")
	} else {
		other := "recv"
		if dir == "recv" {
			other = "send"
		}
		switch {
		case m.Type == "request": // DAP
			t.remember(dir, strconv.Itoa(m.Seq), m.Command)
			attrs = append(attrs, "kind", "request", "command", m.Command, "seq", m.Seq)
		case m.Type == "response":
			attrs = append(attrs, "kind", "response", "command", m.Command, "request_seq", m.RequestSeq, "success", m.Success != nil && *m.Success)
			attrs = append(attrs, t.answered(other, strconv.Itoa(m.RequestSeq))...)
		case m.Type == "event":
			attrs = append(attrs, "kind", "event", "event", m.Event)
		case m.Method != "" && len(m.ID) > 0: // LSP
			t.remember(dir, string(m.ID), m.Method)
			attrs = append(attrs, "kind", "request", "method", m.Method, "id", string(m.ID))
		case m.Method != "":
			attrs = append(attrs, "kind", "notification", "method", m.Method)
		default:
			attrs = append(attrs, "kind", "response", "id", string(m.ID))
			attrs = append(attrs, t.answered(other, string(m.ID))...)
			if len(m.Error) > 0 {
				attrs = append(attrs, "error", string(m.Error))
			}
		}
	}
	if t.level >= traceVerbose {
		attrs = append(attrs, "body", string(body))
	}
	t.log.Info("message", attrs...)
}

func (t *tracer) remember(dir, id, method string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.sent) > 10000 { // answers that never came
		clear(t.sent)
	}
	t.sent[dir+id] = pending{method, time.Now()}
}

// answered returns the method and latency of the request a response answers.
func (t *tracer) answered(dir, id string) []any {
	t.mu.Lock()
	p, ok := t.sent[dir+id]
	delete(t.sent, dir+id)
	t.mu.Unlock()
	if !ok {
		return nil
	}
	return []any{"of", p.method, "latency", time.Since(p.at).Round(time.Microsecond)}
}
