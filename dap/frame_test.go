package dap

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-dap"
)

func framed(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// Each bad frame is skipped or answered, and the next good one is read: the stream stays in
// step.
func TestFramingResynchronises(t *testing.T) {
	threads := `{"seq":%d,"type":"request","command":"threads"}`
	for name, bad := range map[string]string{
		"length out of range":        "Content-Length: 9223372036854775808\r\n\r\n{}",
		"negative length":            "Content-Length: -5\r\n\r\n",
		"no length":                  "Garbage: yes\r\n\r\n",
		"not a header":               "hello\r\n\r\n",
		"content-type first":         "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + framed(fmt.Sprintf(threads, 50)),
		"bare newlines":              strings.ReplaceAll(framed(fmt.Sprintf(threads, 50)), "\r", ""),
		"body without line end":      "Content-Length: x\r\n\r\n{\"seq\":3}",
		"too many headers":           strings.Repeat("X-A: b\r\n", 40) + "\r\n",
		"a header line of 1 MiB":     "X-Long: " + strings.Repeat("a", 1<<20) + "\r\n\r\n",
		"blank lines between frames": "\r\n\r\n\r\n",
		// A wrong Content-Length: the next frame must not be taken for the body, nor the rest
		// of the body for headers.
		"huge length, no body":       "Content-Length: 99999999999\r\n\r\n",
		"long length, short body":    "Content-Length: 20000000\r\n\r\n" + strings.Repeat("x", 100),
		"length beyond the object":   "Content-Length: 60\r\n\r\n" + fmt.Sprintf(threads, 50),
		"length short of the object": "Content-Length: 30\r\n\r\n" + fmt.Sprintf(threads, 51),
	} {
		t.Run(name, func(t *testing.T) {
			c := newClient(t)
			if _, err := io.WriteString(c.w, bad+framed(fmt.Sprintf(threads, 99))); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(bad, "Content-Length: 60") {
				// The object is whole, its length wrong: the request is refused, saying so.
				if r := expect[*dap.ErrorResponse](c); r.RequestSeq != 50 || !strings.Contains(r.Message, "said it had 60 bytes") {
					t.Errorf("%+v", r.Response)
				}
			} else if strings.Contains(bad, `"seq":50`) {
				if r := expect[*dap.ThreadsResponse](c); r.RequestSeq != 50 {
					t.Errorf("answered %d, want 50", r.RequestSeq)
				}
			}
			if r := expect[*dap.ThreadsResponse](c); r.RequestSeq != 99 {
				t.Errorf("answered %d, want 99", r.RequestSeq)
			}
		})
	}
}

// A stream without a line end costs a bounded amount of memory, however long it is.
func TestFramingWithoutLineEnds(t *testing.T) {
	junk := io.LimitReader(repeatReader('a'), 64<<20)
	in := io.MultiReader(junk, strings.NewReader("\r\n\r\n"+framed(`{"seq":1,"type":"request","command":"threads"}`)))
	var out bytes.Buffer
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := Serve(in, &out, nil); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Errorf("64 MiB without a line end allocated %d MiB", grew>>20)
	}
	if !strings.Contains(out.String(), `"command":"threads"`) {
		t.Errorf("the request after the junk was not answered: %.300s", out.String())
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// A message over the limit is read past, not kept; its request is answered with an error.
func TestFramingOverLimit(t *testing.T) {
	c := newClient(t)
	big := `{"seq":7,"type":"request","command":"evaluate","arguments":{"expression":"` + strings.Repeat("x", maxBody) + `"}}`
	go io.WriteString(c.w, framed(big)+framed(`{"seq":8,"type":"request","command":"threads"}`))
	r := expect[*dap.ErrorResponse](c)
	if r.RequestSeq != 7 || r.Command != "evaluate" || !strings.Contains(r.Message, "over the limit") {
		t.Errorf("the large request: %+v", r.Response)
	}
	if r := expect[*dap.ThreadsResponse](c); r.RequestSeq != 8 {
		t.Errorf("answered %d, want 8", r.RequestSeq)
	}
}

// A request whose command is not a string is answered with an error, and the session goes on.
func TestCommandNotAString(t *testing.T) {
	for _, command := range []string{`5`, `null`, `{"a":1}`} {
		c := newClient(t)
		io.WriteString(c.w, framed(`{"seq":9,"type":"request","command":`+command+`}`))
		r := expect[*dap.ErrorResponse](c)
		if r.RequestSeq != 9 || !strings.Contains(r.Message, "command must be a string") {
			t.Errorf("%s: %+v", command, r.Response)
		}
		io.WriteString(c.w, framed(`{"seq":10,"type":"request","command":"threads"}`))
		if r := expect[*dap.ThreadsResponse](c); r.RequestSeq != 10 {
			t.Errorf("answered %d, want 10", r.RequestSeq)
		}
	}
}

// A request whose arguments have the wrong types is answered with an error saying which.
func TestWronglyTypedArguments(t *testing.T) {
	c := newClient(t)
	io.WriteString(c.w, framed(`{"seq":4,"type":"request","command":"continue","arguments":{"threadId":"one"}}`))
	r := expect[*dap.ErrorResponse](c)
	if r.RequestSeq != 4 || r.Command != "continue" || !strings.Contains(r.Message, "threadId is a JSON string, not a number") {
		t.Errorf("%+v", r.Response)
	}
	io.WriteString(c.w, framed(`{"seq":5,"type":"request","command":"setBreakpoints","arguments":{"source":{"path":3}}}`))
	if r := expect[*dap.ErrorResponse](c); r.RequestSeq != 5 || !strings.Contains(r.Message, "source.path is a JSON number, not a string") {
		t.Errorf("%+v", r.Response)
	}
}

// launch never reads a program that is not a regular file of a reasonable size: /dev/zero, a
// FIFO (no writer ever comes), a directory, a sparse 1 GiB file.
func TestLaunchRefusesHostileFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.scm")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.scm")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(1 << 30)
	f.Close()
	for path, want := range map[string]string{"/dev/zero": "character device", fifo: "FIFO", dir: "directory", big: "too large"} {
		c := newClient(t)
		c.initialize()
		c.send(&dap.LaunchRequest{Request: req("launch"), Arguments: []byte(`{"program":"` + path + `"}`)})
		if r := expect[*dap.ErrorResponse](c); !strings.Contains(r.Message, want) {
			t.Errorf("%s: %s", path, r.Message)
		}
	}
}
