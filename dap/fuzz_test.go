package dap

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"
)

// FuzzSession feeds the adapter arbitrary bytes, as a broken or hostile client would: it must
// answer or skip every message, never panic, and end when the stream does.
func FuzzSession(f *testing.F) {
	msg := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	f.Add(msg(`{"seq":1,"type":"request","command":"initialize","arguments":{}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"threads"}`) + msg(`{"seq":2,"type":"request","command":"stackTrace","arguments":{"threadId":7}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"scopes","arguments":{"frameId":-1}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"variables","arguments":{"variablesReference":3,"start":-5,"count":-1}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"setBreakpoints","arguments":{"source":{"path":"testdata/steps.scm"},"breakpoints":[{"line":-3},{"line":99999}]}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"launch","arguments":{"program":"testdata/broken.scm"}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"continue","arguments":{"threadId":1}}`) + msg(`{"seq":2,"type":"request","command":"pause","arguments":{"threadId":1}}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"evaluate","arguments":{"expression":"(car 1)"}}`))
	f.Add("Content-Length: 99999999999\r\n\r\n{}")
	f.Add("\r\n\r\n\r\n")
	f.Add("Content-Length: 9223372036854775808\r\n\r\n{}")
	f.Add("Content-Type: x\r\n" + msg(`{"seq":1,"type":"request","command":"threads"}`))
	f.Add(msg(`{"seq":1,"type":"request","command":"continue","arguments":{"threadId":"x"}}`))
	f.Fuzz(func(t *testing.T, in string) {
		done := make(chan error, 1)
		go func() { done <- Serve(bytes.NewReader([]byte(in)), io.Discard, nil) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("the session did not end with its stream: %q", in)
		}
	})
}
