package dap

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
)

// Frames are read by package wire: bounded headers and bodies, a bad frame skipped and the
// stream resynchronised. A body over maxBody is read past (never kept), and its request
// answered when its start says which one it was.

const maxBody = 16 << 20 // bytes in one message (go-dap's own reader stops at 4 MiB)

var (
	seqField     = regexp.MustCompile(`"seq"\s*:\s*(\d+)`)
	commandField = regexp.MustCompile(`"command"\s*:\s*"([A-Za-z]+)"`)
)

// requestOf tells which request a message was, from its JSON, complete or not: its seq and
// command, or ok false when it was no request.
func requestOf(body []byte) (seq int, command string, ok bool) {
	var m struct {
		Seq     int             `json:"seq"`
		Type    string          `json:"type"`
		Command json.RawMessage `json:"command"`
	}
	if err := json.Unmarshal(body, &m); err == nil {
		if json.Unmarshal(m.Command, &command) != nil {
			command = "" // not a string: the request is answered all the same
		}
		return m.Seq, command, m.Type == "request" && m.Command != nil
	}
	// A truncated body: the fields that came first.
	sm, cm := seqField.FindSubmatch(body), commandField.FindSubmatch(body)
	if sm == nil || cm == nil || !bytes.Contains(body, []byte(`"request"`)) {
		return 0, "", false
	}
	seq, _ = strconv.Atoi(string(sm[1]))
	return seq, string(cm[1]), true
}
