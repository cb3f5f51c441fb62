package lsp

import (
	"context"
	"encoding/json"
	"io"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// testClient drives a server in-process over pipes, as an editor would.
type testClient struct {
	t     *testing.T
	conn  jsonrpc2.Conn
	mu    sync.Mutex
	diags map[string]json.RawMessage
	notes chan string
	done  chan int
	close func()
	// settings answers workspace/configuration (see initializeWith).
	settings  any
	server    *Server
	progress  []json.RawMessage // the $/progress notifications received
	published []json.RawMessage // every publishDiagnostics received, in order
}

func newTestClient(t *testing.T) *testClient {
	t.Helper()
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	c := &testClient{t: t, diags: map[string]json.RawMessage{}, notes: make(chan string, 100), done: make(chan int, 1)}
	c.server = newServer(nil)
	go func() { c.done <- c.server.serve(context.Background(), sr, sw) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(struct {
		io.Reader
		io.Writer
		io.Closer
	}{cr, cw, cw}))
	c.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "textDocument/publishDiagnostics" {
			var p struct {
				URI string `json:"uri"`
			}
			json.Unmarshal(req.Params(), &p)
			c.mu.Lock()
			c.diags[p.URI] = append(json.RawMessage(nil), req.Params()...)
			c.published = append(c.published, c.diags[p.URI])
			c.mu.Unlock()
			select {
			case c.notes <- p.URI:
			default:
			}
		}
		switch req.Method() {
		case "$/progress":
			c.mu.Lock()
			c.progress = append(c.progress, append(json.RawMessage(nil), req.Params()...))
			c.mu.Unlock()
		case "window/workDoneProgress/create":
			go reply(ctx, nil, nil)
			return nil
		}
		if req.Method() == "workspace/configuration" {
			c.mu.Lock()
			settings := c.settings
			c.mu.Unlock()
			// Answered on its own goroutine: the pipes have no buffer, and the server may be
			// writing to us meanwhile.
			go reply(ctx, []any{settings}, nil)
			return nil
		}
		return reply(ctx, nil, nil)
	})
	c.close = func() { cw.Close(); sw.Close() }
	t.Cleanup(c.close)
	return c
}

func (c *testClient) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatal(err)
	}
}

func (c *testClient) initialize(root string, utf8 bool) map[string]any {
	c.t.Helper()
	caps := map[string]any{}
	if utf8 {
		caps["general"] = map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}
	}
	var res map[string]any
	if err := c.call("initialize", map[string]any{"rootUri": "file://" + root, "capabilities": caps}, &res); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

// waitDiagnostics waits for the diagnostics of a document.
func (c *testClient) waitDiagnostics(uri string) []map[string]any {
	c.t.Helper()
	return c.waitFor(uri, func([]map[string]any) bool { return true })
}

// waitFor waits until the diagnostics of a document satisfy ok.
func (c *testClient) waitFor(uri string, ok func([]map[string]any) bool) []map[string]any {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		raw, have := c.diags[uri]
		c.mu.Unlock()
		if have {
			var p struct {
				Diagnostics []map[string]any `json:"diagnostics"`
			}
			json.Unmarshal(raw, &p)
			if ok(p.Diagnostics) {
				return p.Diagnostics
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("diagnostics of %s: %s", uri, raw)
		}
		select {
		case <-c.notes:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitVersion waits for the diagnostics of a version of a document.
func (c *testClient) waitVersion(uri string, version int) []map[string]any {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		raw := c.diags[uri]
		c.mu.Unlock()
		var v struct {
			Version int `json:"version"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Version == version {
			// (the diagnostics decoded only now: a benchmark's client costs little)
			var p struct {
				Diagnostics []map[string]any `json:"diagnostics"`
			}
			json.Unmarshal(raw, &p)
			return p.Diagnostics
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("diagnostics of version %d of %s: %s", version, uri, raw)
		}
		select {
		case <-c.notes:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *testClient) clearDiagnostics() {
	c.mu.Lock()
	c.diags = map[string]json.RawMessage{}
	c.mu.Unlock()
}
