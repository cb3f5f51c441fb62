// Command wsmem measures the language server on a large workspace as an editor uses it: it
// starts `foment-ls lsp`, opens the workspace (with work-done progress), waits until the server
// says the workspace is indexed, asks for a hover on an open document meanwhile and for the
// references of a definition after, then reads the server's memory (peak and current resident
// set, /proc) against the size of the workspace's source.
//
//	go run ./bench/wsmem -bin FOMENT_LS -workspace DIR
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
)

func main() {
	bin := flag.String("bin", "foment-ls", "the foment-ls binary")
	ws := flag.String("workspace", "/tmp/corpus/chibi-scheme/lib", "the workspace")
	wait := flag.Bool("progress", true, "wait for the end of the server's work-done progress (an older server sends none: the references request reads the workspace)")
	flag.Parse()
	root, _ := filepath.Abs(*ws)
	var source int64
	files := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".scm") || strings.HasSuffix(p, ".sld") || strings.HasSuffix(p, ".sls")) {
			if st, err := d.Info(); err == nil {
				source += st.Size()
				files++
			}
		}
		return nil
	})
	cmd := exec.Command(*bin, "lsp")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(struct {
		io.Reader
		io.Writer
		io.Closer
	}{stdout, stdin, stdin}))
	indexed := make(chan struct{})
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "$/progress" {
			var p struct {
				Value struct {
					Kind string `json:"kind"`
				} `json:"value"`
			}
			json.Unmarshal(req.Params(), &p)
			if p.Value.Kind == "end" {
				close(indexed)
			}
		}
		go reply(ctx, nil, nil)
		return nil
	})
	ctx := context.Background()
	start := time.Now()
	conn.Call(ctx, "initialize", map[string]any{"rootUri": "file://" + root, "capabilities": map[string]any{
		"window": map[string]any{"workDoneProgress": true}}}, nil)
	conn.Notify(ctx, "initialized", map[string]any{})
	uri := "file:///tmp/wsmem-open.scm"
	conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "scheme", "version": 1,
		"text": "(import (scheme base))\n(define (f x) (* x 2))\n(f 1)\n"}})
	time.Sleep(100 * time.Millisecond)
	t0 := time.Now()
	var res any
	conn.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 1}}, &res)
	hover := time.Since(t0)
	if *wait {
		select {
		case <-indexed:
		case <-time.After(5 * time.Minute):
			fmt.Fprintln(os.Stderr, "no end of indexing in 5 minutes")
		}
	}
	known := time.Since(start)
	t0 = time.Now()
	var refs []any
	conn.Call(ctx, "textDocument/references", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 9},
		"context": map[string]any{"includeDeclaration": true}}, &refs)
	refsTime := time.Since(t0)
	peak, rss := status(cmd.Process.Pid)
	conn.Call(ctx, "shutdown", nil, nil)
	conn.Notify(ctx, "exit", nil)
	cmd.Wait()
	fmt.Printf("%d files, %.1f MB of source; indexed in %v (hover meanwhile %v); references after %v\n", files, float64(source)/(1<<20), known.Round(time.Millisecond), hover.Round(time.Microsecond), refsTime.Round(time.Microsecond))
	fmt.Printf("server memory: peak resident %.1f MB (%.1fx the source), resident after %.1f MB (%.1fx)\n",
		float64(peak)/(1<<20), float64(peak)/float64(source), float64(rss)/(1<<20), float64(rss)/float64(source))
}

// status returns the peak and current resident set of a process, in bytes.
func status(pid int) (peak, rss int64) {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			switch f[0] {
			case "VmHWM:":
				peak = n << 10
			case "VmRSS:":
				rss = n << 10
			}
		}
	}
	return
}
