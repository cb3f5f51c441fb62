package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rawClient speaks the protocol frame by frame, choosing its own ids, so that a test can
// pipeline requests and cancel them by id.
type rawClient struct {
	t       *testing.T
	w       io.WriteCloser
	mu      sync.Mutex
	replies map[string]rawReply // by id as JSON text
	notes   []string            // methods of notifications from the server
	arrived chan struct{}
	done    chan int
}

type rawReply struct {
	code   int    // error code, 0 for a result
	size   int    // of the result
	result []byte // the result, when it is small
}

// startRaw serves s over pipes and reads what it writes.
func startRaw(t *testing.T, s *Server) *rawClient {
	t.Helper()
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	c := &rawClient{t: t, w: cw, replies: map[string]rawReply{}, arrived: make(chan struct{}, 1), done: make(chan int, 1)}
	go func() { c.done <- s.serve(context.Background(), sr, sw) }()
	go c.read(bufio.NewReader(cr))
	t.Cleanup(func() { cw.Close(); sw.Close() })
	return c
}

func (c *rawClient) read(r *bufio.Reader) {
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m struct {
			ID     json.RawMessage     `json:"id"`
			Method string              `json:"method"`
			Error  *struct{ Code int } `json:"error"`
			Result json.RawMessage     `json:"result"`
		}
		json.Unmarshal(body, &m)
		c.mu.Lock()
		if m.Method != "" {
			c.notes = append(c.notes, m.Method)
		} else {
			rep := rawReply{size: len(m.Result)}
			if len(m.Result) < 4096 {
				rep.result = m.Result
			}
			if m.Error != nil {
				rep.code = m.Error.Code
			}
			c.replies[string(m.ID)] = rep
		}
		c.mu.Unlock()
		select {
		case c.arrived <- struct{}{}:
		default:
		}
	}
}

func (c *rawClient) send(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	body, _ := json.Marshal(msg)
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

func (c *rawClient) request(id int, method string, params any) {
	c.send(map[string]any{"id": id, "method": method, "params": params})
}

func (c *rawClient) notify(method string, params any) {
	c.send(map[string]any{"method": method, "params": params})
}

// wait waits until every id has its reply, and returns them.
func (c *rawClient) wait(ids ...int) map[int]rawReply {
	c.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		c.mu.Lock()
		out := map[int]rawReply{}
		for _, id := range ids {
			if r, ok := c.replies[strconv.Itoa(id)]; ok {
				out[id] = r
			}
		}
		c.mu.Unlock()
		if len(out) == len(ids) {
			return out
		}
		select {
		case <-c.arrived:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("replies to %d of %d requests after 60 s", len(out), len(ids))
		}
	}
}

func (c *rawClient) initialize(id int) {
	c.t.Helper()
	c.request(id, "initialize", map[string]any{"capabilities": map[string]any{}})
	if r := c.wait(id)[id]; r.code != 0 {
		c.t.Fatalf("initialize: error %d", r.code)
	}
	c.notify("initialized", map[string]any{})
}

// sync returns once the server has read everything sent before: a second initialize is
// answered on the reading goroutine, even when every worker is busy.
func (c *rawClient) sync(id int) {
	c.t.Helper()
	c.request(id, "initialize", map[string]any{"capabilities": map[string]any{}})
	c.wait(id)
}

func docParams(uri string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}}
}

func openParams(uri, text string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "scheme", "version": 1, "text": text}}
}

// Before initialize, requests get ServerNotInitialized and notifications are dropped; a second
// initialize is an error; exit without shutdown is status 1.
func TestNotInitialized(t *testing.T) {
	c := startRaw(t, newServer(nil))
	uri := "file:///nonexistent/early.scm" // not on disk either
	c.notify("textDocument/didOpen", openParams(uri, "(import (scheme base))\n(car)\n"))
	c.request(1, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 1}})
	c.request(2, "shutdown", nil)
	if r := c.wait(1, 2); r[1].code != -32002 || r[2].code != -32002 {
		t.Errorf("before initialize: %+v, want -32002", r)
	}
	c.initialize(3)
	c.request(4, "initialize", map[string]any{"capabilities": map[string]any{}})
	if r := c.wait(4)[4]; r.code != -32600 {
		t.Errorf("second initialize: error %d, want -32600", r.code)
	}
	// The didOpen before initialize was dropped: the document is not open.
	c.request(5, "textDocument/documentSymbol", docParams(uri))
	if r := c.wait(5)[5]; r.code != 0 || string(r.result) != "null" {
		t.Errorf("a document opened before initialize: %d %s", r.code, r.result)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.done:
		if code != 1 {
			t.Errorf("exit status %d without shutdown", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit")
	}
}

// 300 pipelined documentSymbol requests (more than the queue holds) run at most Workers at a
// time, and every one is answered.
func TestBoundedWork(t *testing.T) {
	s := newServer(nil)
	s.Workers = 3
	var running, most atomic.Int32
	gate := make(chan struct{})
	s.beforeRequest = func(ctx context.Context, method string) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-gate
		running.Add(-1)
	}
	c := startRaw(t, s)
	c.initialize(1)
	uri := "file:///tmp/many.scm"
	c.notify("textDocument/didOpen", openParams(uri, manyDefinitions(200)))
	const n = 300
	var ids []int
	go func() {
		for i := 0; i < n; i++ {
			c.request(100+i, "textDocument/documentSymbol", docParams(uri))
		}
	}()
	for i := 0; i < n; i++ {
		ids = append(ids, 100+i)
	}
	for running.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // room for a fourth, were there no bound
	close(gate)
	replies := c.wait(ids...)
	for id, r := range replies {
		if r.code != 0 || r.size < 200*100 {
			t.Fatalf("reply %d: error %d, %d bytes", id, r.code, r.size)
		}
	}
	if m := most.Load(); m > 3 {
		t.Errorf("%d requests ran at once, the bound is 3", m)
	}
}

// Requests cancelled while queued are answered RequestCancelled without running; a request
// cancelled while it runs stops at its next check and is answered RequestCancelled.
func TestCancelQueuedAndRunning(t *testing.T) {
	s := newServer(nil)
	s.Workers = 2
	gate := make(chan struct{})
	var started sync.WaitGroup
	var symbolsRun atomic.Int32
	s.beforeRequest = func(ctx context.Context, method string) {
		switch method {
		case "textDocument/hover", "textDocument/foldingRange":
			started.Done()
			<-gate
		case "textDocument/documentSymbol":
			symbolsRun.Add(1)
		}
	}
	c := startRaw(t, s)
	c.initialize(1)
	uri := "file:///tmp/cancel.scm"
	c.notify("textDocument/didOpen", openParams(uri, manyDefinitions(2000)))
	// Occupy both workers: a hover, and a documentSymbol stand-in that is cancelled while it runs.
	started.Add(2)
	c.request(2, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 2}})
	c.request(3, "textDocument/foldingRange", docParams(uri))
	started.Wait()
	var queued []int
	for i := 0; i < 20; i++ {
		c.request(10+i, "textDocument/documentSymbol", docParams(uri))
		queued = append(queued, 10+i)
	}
	for _, id := range append(queued, 3) {
		c.notify("$/cancelRequest", map[string]any{"id": id})
	}
	c.sync(99)
	close(gate)
	replies := c.wait(append(queued, 2, 3)...)
	for _, id := range queued {
		if replies[id].code != -32800 {
			t.Errorf("queued request %d cancelled: error %d, want -32800", id, replies[id].code)
		}
	}
	if n := symbolsRun.Load(); n != 0 {
		t.Errorf("%d cancelled requests ran", n)
	}
	if replies[3].code != -32800 {
		t.Errorf("running request cancelled: error %d, want -32800", replies[3].code)
	}
	if replies[2].code != 0 {
		t.Errorf("the hover that was not cancelled: error %d", replies[2].code)
	}
	// The server goes on.
	c.request(50, "textDocument/documentSymbol", docParams(uri))
	if r := c.wait(50)[50]; r.code != 0 || r.size < 2000*100 {
		t.Errorf("after the cancellations: error %d, %d bytes", r.code, r.size)
	}
}

// watchWriter fails the test on a write after the server returned.
type watchWriter struct {
	t        *testing.T
	w        io.Writer
	returned atomic.Bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	if w.returned.Load() {
		w.t.Errorf("a write after Serve returned: %.80q", p)
	}
	return w.w.Write(p)
}

// After exit, Serve returns only when nothing it started can write: pending debounce timers,
// publishes in progress, requests running or queued.
func TestExitStopsEveryWriter(t *testing.T) {
	for round := 0; round < 5; round++ {
		cr, sw := io.Pipe()
		sr, cw := io.Pipe()
		go io.Copy(io.Discard, cr)
		ww := &watchWriter{t: t, w: sw}
		s := newServer(nil)
		s.Debounce = time.Duration(round) * 5 * time.Millisecond
		done := make(chan int, 1)
		go func() { done <- s.serve(context.Background(), sr, ww); ww.returned.Store(true) }()
		send := func(msg string) { fmt.Fprintf(cw, "Content-Length: %d\r\n\r\n%s", len(msg), msg) }
		send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
		text, _ := json.Marshal(manyDefinitions(500))
		for i := 0; i < 10; i++ {
			send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/d%d.scm","version":1,"text":%s}}}`, i, text))
			send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/d%d.scm","version":2},"contentChanges":[{"text":%s}]}}`, i, text))
			send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///tmp/d%d.scm"}}}`, 10+i, i))
		}
		send(`{"jsonrpc":"2.0","method":"exit"}`)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("no exit")
		}
		time.Sleep(30 * time.Millisecond) // a straggler would write now (and -race would see it)
		cw.Close()
		sw.Close()
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// The stream bounds what it holds: an endless header line, a length past int64, a message over
// the limit; each gets one ParseError and the stream goes on with the next good message.
func TestStreamLimits(t *testing.T) {
	good := "Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}"
	for name, in := range map[string]io.Reader{
		"long header line":  io.MultiReader(io.LimitReader(zeros{}, 1<<20), strings.NewReader("\r\n"+good)),
		"length past int64": strings.NewReader("Content-Length: 9223372036854775808\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}\r\n" + good),
		"message over the limit": io.MultiReader(strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n", maxMessage+1)),
			io.LimitReader(zeros{}, maxMessage+1), strings.NewReader(good)),
	} {
		var out strings.Builder
		s := newStream(in, &out, nil)
		msg, _, err := s.Read(context.Background())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n, ok := msg.(interface{ Method() string }); !ok || n.Method() != "initialized" {
			t.Errorf("%s: message %#v", name, msg)
		}
		if c := strings.Count(out.String(), "-32700"); c != 1 {
			t.Errorf("%s: %d parse errors: %q", name, c, out.String())
		}
	}
	// A wrong Content-Length: the next message is never taken for the body (the stream
	// resynchronises at its header), and each bad frame gets one ParseError.
	for name, bad := range map[string]string{
		"length past int64, 2-byte body": "Content-Length: 99999999999999999999\r\n\r\n{}",
		"huge length, no body":           "Content-Length: 99999999999999999999\r\n\r\n",
		"long length, short body":        "Content-Length: 20000000\r\n\r\n" + strings.Repeat("x", 100),
		"length beyond the message":      "Content-Length: 80\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}",
	} {
		var out strings.Builder
		s := newStream(strings.NewReader(bad+good), &out, nil)
		msg, _, err := s.Read(context.Background())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n, ok := msg.(interface{ Method() string }); !ok || n.Method() != "initialized" {
			t.Errorf("%s: message %#v", name, msg)
		}
		if c := strings.Count(out.String(), "-32700"); c != 1 {
			t.Errorf("%s: %d parse errors: %q", name, c, out.String())
		}
		if strings.Contains(bad, `"id":7`) && !strings.Contains(out.String(), `"id":7`) {
			t.Errorf("%s: the message cut short is not answered by its id: %q", name, out.String())
		}
	}
	// A length that the bytes never fill: the end of the stream, without holding the claimed size.
	var out strings.Builder
	s := newStream(strings.NewReader("Content-Length: 2000000000\r\n\r\n{\"jsonrpc\""), &out, nil)
	if _, _, err := s.Read(context.Background()); err != io.EOF && err != io.ErrUnexpectedEOF {
		t.Errorf("short body: %v", err)
	}
}

// initializationOptions.libraryPath: libraries imported from a directory outside the workspace.
func TestLibraryPath(t *testing.T) {
	libs := t.TempDir()
	os.MkdirAll(filepath.Join(libs, "my"), 0o755)
	os.WriteFile(filepath.Join(libs, "my", "greet.sld"), []byte("(define-library (my greet)\n  (export greet)\n  (import (scheme base) (scheme write))\n  (begin (define (greet who) (display who))))\n"), 0o644)
	text := "(import (scheme base) (my greet))\n(greet \"you\")\n"
	for _, withPath := range []bool{false, true} {
		c := startRaw(t, newServer(nil))
		opts := map[string]any{}
		if withPath {
			opts["libraryPath"] = []string{libs}
		}
		c.request(1, "initialize", map[string]any{"rootUri": "file://" + t.TempDir(), "capabilities": map[string]any{}, "initializationOptions": opts})
		c.wait(1)
		uri := "file:///tmp/uses-lib.scm"
		c.notify("textDocument/didOpen", openParams(uri, text))
		// With the library found, hover on greet shows the library's procedure.
		c.request(2, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 2}})
		r := c.wait(2)[2]
		found := strings.Contains(string(r.result), "greet who")
		if found != withPath {
			t.Errorf("libraryPath %v: hover on greet %s", withPath, r.result)
		}
	}
}

// A frame with a wrong Content-Length between good ones, over the protocol: the server answers
// the requests after it (the stream resynchronises at their headers) — after a huge length, or
// a length longer than the bytes that follow, it answered nothing more.
func TestResynchronisesAfterWrongLength(t *testing.T) {
	for name, bad := range map[string]string{
		"length past int64 + 2-byte body": "Content-Length: 99999999999999999999\r\n\r\n{}",
		"huge length, no body":            "Content-Length: 99999999999\r\n\r\n",
		"long length, short body":         "Content-Length: 20000000\r\n\r\n" + strings.Repeat("x", 100),
	} {
		t.Run(name, func(t *testing.T) {
			c := startRaw(t, newServer(nil))
			c.initialize(1)
			io.WriteString(c.w, bad)
			for id := 2; id <= 4; id++ {
				c.request(id, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": "file:///none.scm"}})
			}
			c.wait(2, 3, 4)
		})
	}
}
