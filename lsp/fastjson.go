package lsp

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// The text of a document comes whole in didOpen (and in didChange from clients that send whole
// texts): 450 KB of JSON for a 10,000-line file. encoding/json scans a value before it decodes
// it, and jsonrpc2 decodes the envelope before the server decodes the parameters: three passes,
// 15 ms of the 50 an open took. Large notifications are read here in one pass instead, by a
// strict parser that gives up (the ordinary decoding then runs, with its errors) on anything it
// does not expect: what it accepts, encoding/json decodes the same (TestFastJSON, FuzzFastJSON).

// fastMessageSize: smaller messages take the ordinary way.
const fastMessageSize = 32 << 10

// rawNotification is a notification whose parameters are kept as they came.
type rawNotification struct {
	*jsonrpc2.Notification
	params json.RawMessage
}

func (n rawNotification) Params() json.RawMessage { return n.params }

// fastNotification reads a notification ({"jsonrpc":"2.0","method":…,"params":…}, members in
// any order), or returns nil.
func fastNotification(data []byte) jsonrpc2.Message {
	var method string
	var params []byte
	seen := 0
	end, ok := jsonObject(data, skipSpace(data, 0), func(key string, v []byte) bool {
		switch key {
		case "jsonrpc":
			seen |= 1
			return string(v) == `"2.0"`
		case "method":
			seen |= 2
			var ok bool
			method, ok = jsonString(v)
			return ok && method != ""
		case "params":
			seen |= 4
			params = v
			return v[0] == '{' || v[0] == '['
		}
		return false // an id (a call), a result, a member of another spelling
	})
	if !ok || seen != 7 || skipSpace(data, end) != len(data) {
		return nil
	}
	n, err := jsonrpc2.NewNotification(method, nil)
	if err != nil {
		return nil
	}
	return rawNotification{n, params}
}

// fastOpenParams decodes didOpen's parameters as encoding/json would, or reports false.
func fastOpenParams(data []byte, p *protocol.DidOpenTextDocumentParams) bool {
	if len(data) < fastMessageSize {
		return false
	}
	end, ok := jsonObject(data, skipSpace(data, 0), func(key string, v []byte) bool {
		if key != "textDocument" {
			return known(key, "textDocument")
		}
		_, ok := jsonObject(v, 0, func(key string, v []byte) bool {
			switch key {
			case "uri":
				s, ok := jsonString(v)
				p.TextDocument.URI = protocol.DocumentURI(s)
				return ok
			case "languageId":
				s, ok := jsonString(v)
				p.TextDocument.LanguageID = protocol.LanguageIdentifier(s)
				return ok
			case "version":
				n, err := strconv.ParseInt(string(v), 10, 32)
				p.TextDocument.Version = int32(n)
				return err == nil
			case "text":
				s, ok := jsonString(v)
				p.TextDocument.Text = s
				return ok
			}
			return known(key, "uri", "languageId", "version", "text")
		})
		return ok
	})
	return ok && skipSpace(data, end) == len(data)
}

// fastChangeParams decodes didChange's parameters as encoding/json would, or reports false.
func fastChangeParams(data []byte, p *didChangeParams) bool {
	if len(data) < fastMessageSize {
		return false
	}
	end, ok := jsonObject(data, skipSpace(data, 0), func(key string, v []byte) bool {
		switch key {
		case "textDocument":
			return json.Unmarshal(v, &p.TextDocument) == nil
		case "contentChanges":
			p.ContentChanges = p.ContentChanges[:0]
			_, ok := jsonArray(v, 0, func(v []byte) bool {
				var ch struct {
					Range *protocol.Range `json:"range"`
					Text  string          `json:"text"`
				}
				_, ok := jsonObject(v, 0, func(key string, v []byte) bool {
					switch key {
					case "range":
						return json.Unmarshal(v, &ch.Range) == nil
					case "text":
						s, ok := jsonString(v)
						ch.Text = s
						return ok
					}
					return known(key, "range", "text")
				})
				p.ContentChanges = append(p.ContentChanges, ch)
				return ok
			})
			return ok
		}
		return known(key, "textDocument", "contentChanges")
	})
	return ok && skipSpace(data, end) == len(data)
}

// known: a member the struct has no field for is ignored, unless encoding/json would match it
// to one (it matches names without regard to case): then the fast way gives up.
func known(key string, fields ...string) bool {
	for _, f := range fields {
		if strings.EqualFold(key, f) {
			return false
		}
	}
	return true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// jsonObject parses the object at data[i] and calls f with each member's key (nothing but
// plain keys are accepted) and value; it returns the index after the object, or false when the
// object is not valid JSON or f returns false.
func jsonObject(data []byte, i int, f func(key string, v []byte) bool) (int, bool) {
	return object(data, i, 0, f)
}

// maxJSONDepth bounds the nesting the fast way reads (deeper: the ordinary way, which refuses
// it): a message of nested brackets must not take the reading goroutine's stack.
const maxJSONDepth = 100

func object(data []byte, i, depth int, f func(key string, v []byte) bool) (int, bool) {
	if i >= len(data) || data[i] != '{' || depth > maxJSONDepth {
		return i, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	for {
		end, plain, ok := jsonStringEnd(data, i)
		if !ok || !plain {
			return i, false
		}
		key := string(data[i+1 : end-1])
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return i, false
		}
		i = skipSpace(data, i+1)
		end, ok = value(data, i, depth+1)
		if !ok || !f(key, data[i:end]) {
			return i, false
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// jsonArray is jsonObject for an array.
func jsonArray(data []byte, i int, f func(v []byte) bool) (int, bool) {
	return array(data, i, 0, f)
}

func array(data []byte, i, depth int, f func(v []byte) bool) (int, bool) {
	if i >= len(data) || data[i] != '[' || depth > maxJSONDepth {
		return i, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, true
	}
	for {
		end, ok := value(data, i, depth+1)
		if !ok || !f(data[i:end]) {
			return i, false
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// value returns the end of the valid JSON value at data[i], depth levels down.
func value(data []byte, i, depth int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch c := data[i]; {
	case c == '{':
		return object(data, i, depth, func(string, []byte) bool { return true })
	case c == '[':
		return array(data, i, depth, func([]byte) bool { return true })
	case c == '"':
		end, _, ok := jsonStringEnd(data, i)
		return end, ok
	case c == 't':
		return i + 4, bytes.HasPrefix(data[i:], []byte("true"))
	case c == 'f':
		return i + 5, bytes.HasPrefix(data[i:], []byte("false"))
	case c == 'n':
		return i + 4, bytes.HasPrefix(data[i:], []byte("null"))
	case c == '-' || '0' <= c && c <= '9':
		return jsonNumberEnd(data, i)
	}
	return i, false
}

// jsonNumberEnd returns the end of the number at data[i] (JSON's grammar).
func jsonNumberEnd(data []byte, i int) (int, bool) {
	digits := func() bool {
		start := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		return i > start
	}
	if data[i] == '-' {
		i++
	}
	if i < len(data) && data[i] == '0' {
		i++
	} else if !digits() {
		return i, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return i, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return i, false
		}
	}
	return i, true
}

// jsonStringEnd returns the end of the string at data[i] (after its closing quote) and whether
// it is plain: no escapes, valid UTF-8.
func jsonStringEnd(data []byte, i int) (end int, plain, ok bool) {
	if i >= len(data) || data[i] != '"' {
		return i, false, false
	}
	plain = true
	for i++; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			return i + 1, plain, true
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				return i, false, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(data, i+2); !ok {
					return i, false, false
				}
				i += 6
			default:
				return i, false, false
			}
		case c < 0x20:
			return i, false, false
		case c < utf8.RuneSelf:
			for i++; i < len(data) && plainASCII[data[i]]; i++ {
			}
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false // encoding/json makes it U+FFFD
			}
			i += size
		}
	}
	return i, false, false
}

// plainASCII holds the bytes a string holds as they are and that are one character each.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// jsonString decodes a string value as encoding/json does (an escaped surrogate that is not
// half of a pair, and a byte that is not UTF-8, become U+FFFD).
func jsonString(v []byte) (string, bool) {
	end, plain, ok := jsonStringEnd(v, 0)
	if !ok || end != len(v) {
		return "", false
	}
	body := v[1 : len(v)-1]
	if plain {
		return string(body), true
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\\':
			switch body[i+1] {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, _ := hex4(body, i+2)
				i += 6
				if utf16.IsSurrogate(r) {
					r2, ok := rune(0), false
					if i+6 <= len(body) && body[i] == '\\' && body[i+1] == 'u' {
						r2, ok = hex4(body, i+2)
					}
					if d := utf16.DecodeRune(r, r2); ok && d != unicode.ReplacementChar {
						r = d
						i += 6
					} else {
						r = unicode.ReplacementChar
					}
				}
				out = utf8.AppendRune(out, r)
				continue
			default: // " \ /
				out = append(out, body[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			// A run of plain bytes at once.
			j := i + 1
			for j < len(body) && plainASCII[body[j]] {
				j++
			}
			out = append(out, body[i:j]...)
			i = j
		default:
			r, size := utf8.DecodeRune(body[i:])
			out = utf8.AppendRune(out, r) // RuneError for a byte that is not UTF-8
			i += size
		}
	}
	return string(out), true
}
