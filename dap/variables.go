package dap

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"foment-ls/interp"
	"foment-ls/interp/socket"

	"github.com/google/go-dap"
)

// Values are shown within a budget, whatever their size or shape: the text of a value is cut
// at maxValue bytes, cycles are labelled (#0=), and a value's parts are made when the client
// expands it, a page at a time.

// valueFormat is how the client wants values shown.
type valueFormat struct{ hex bool }

func formatOf(f *dap.ValueFormat) valueFormat { return valueFormat{hex: f != nil && f.Hex} }

// node is an expandable value: its named parts, and its indexed ones by page.
type node struct {
	named   func(vf valueFormat) []dap.Variable
	indexed func(start, count int, vf valueFormat) []dap.Variable
	n       int // indexed parts
}

// handles hands out the numbers of frames and expandable values; they hold until the program
// resumes.
type handles struct {
	mu      sync.Mutex
	next    int
	nodes   map[int]node
	frames  map[int]frame
	setters map[int]setter // the scopes whose variables can be assigned
}

// setter assigns a variable of a scope, evaluating the new value in frame f.
type setter struct {
	f   frame
	set func(name string, v interp.Value) error
}

func (h *handles) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nodes = map[int]node{}
	h.frames = map[int]frame{}
	h.setters = map[int]setter{}
}

func (h *handles) settable(ref int, st setter) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.setters[ref] = st
}

func (h *handles) setterOf(ref int) (setter, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, ok := h.setters[ref]
	return st, ok
}

// add hands out a reference to named parts.
func (h *handles) add(named func(vf valueFormat) []dap.Variable) int {
	return h.addNode(node{named: named})
}

func (h *handles) addNode(n node) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	h.nodes[h.next] = n
	return h.next
}

func (h *handles) frame(f frame) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	h.frames[h.next] = f
	return h.next
}

func (h *handles) frameOf(id int) (frame, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f, ok := h.frames[id]
	return f, ok
}

func (h *handles) nodeOf(id int) (node, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n, ok := h.nodes[id]
	return n, ok
}

// maxUnpaged bounds the indexed parts sent when the client asks for all of them.
const maxUnpaged = 1000

func (s *session) variables(r *dap.VariablesRequest) {
	n, ok := s.handles.nodeOf(r.Arguments.VariablesReference)
	tg := s.target()
	if !ok || tg == nil {
		s.fail(r, "no such variable: the program has moved on")
		return
	}
	a := r.Arguments
	vf := formatOf(a.Format)
	if !tg.onStopped(0, func() {
		out := []dap.Variable{}
		if a.Filter != "indexed" && n.named != nil {
			out = append(out, n.named(vf)...)
		}
		if a.Filter != "named" && n.indexed != nil {
			start := min(max(a.Start, 0), n.n)
			count := n.n - start
			if a.Count > 0 {
				count = min(a.Count, count)
			} else if a.Filter == "" {
				count = min(count, maxUnpaged)
			}
			out = append(out, n.indexed(start, count, vf)...)
		}
		s.send(&dap.VariablesResponse{Response: response(r), Body: dap.VariablesResponseBody{Variables: out}})
	}, s.gone(r)) {
		s.notStopped(r)
	}
}

func (s *session) vars(tg *target, vs []interp.Var, vf valueFormat) []dap.Variable {
	out := make([]dap.Variable, 0, len(vs))
	for _, v := range vs {
		name := v.Name
		if v.Shadowed {
			name = "(" + name + ")" // as delve shows a variable an inner one of its name hides
		}
		out = append(out, s.variable(tg, name, v.Value, vf))
	}
	return out
}

// maxValue bounds the text of a value.
const maxValue = 200

// valueText is a value's text on its line: written, within maxValue bytes; an integer in hex
// on request; a bytevector as its length and text.
func valueText(v interp.Value, vf valueFormat) string {
	if vf.hex {
		if v.IsFixnum() {
			if n := v.Fix(); n < 0 {
				return "#x-" + strconv.FormatUint(uint64(-n), 16)
			}
			return "#x" + strconv.FormatInt(v.Fix(), 16)
		}
		if b, ok := v.Object().(*big.Int); ok {
			return "#x" + b.Text(16)
		}
	}
	if bv, ok := v.Object().(*interp.Bytevector); ok {
		return bytesPreview(bv.B, vf)
	}
	s, complete := interp.WriteBounded(v, maxValue)
	if !complete {
		s += " …"
	}
	return s
}

// bytesPreview is a bytevector's line: its length and its bytes as text (as hex on request).
func bytesPreview(b []byte, vf valueFormat) string {
	n := len(b)
	unit := "bytes"
	if n == 1 {
		unit = "byte"
	}
	shown, more := b, ""
	if len(shown) > maxValue/2 {
		shown, more = shown[:maxValue/2], " …"
	}
	if vf.hex {
		return fmt.Sprintf("%d %s #x%s%s", n, unit, hex.EncodeToString(shown), more)
	}
	return fmt.Sprintf("%d %s %+q%s", n, unit, string(shown), more)
}

// variable shows a value: its text, its type, and its parts when it has any (the elements of
// a list or vector, the fields of a record, the live state of a socket, the bytes of a
// bytevector as text and hex).
func (s *session) variable(tg *target, name string, v interp.Value, vf valueFormat) dap.Variable {
	out := dap.Variable{Name: name, Value: valueText(v, vf), Type: typeName(v)}
	switch o := v.Object().(type) {
	case *interp.Pair:
		out.IndexedVariables, out.NamedVariables, out.VariablesReference = s.listNode(tg, v)
	case *interp.Vector:
		if items := o.Items; len(items) > 0 {
			out.IndexedVariables = len(items)
			out.VariablesReference = s.handles.addNode(node{n: len(items),
				indexed: func(start, count int, vf valueFormat) []dap.Variable {
					return s.indexed(tg, start, items[start:start+count], vf)
				}})
		}
	case *interp.Record:
		out.VariablesReference = s.handles.add(func(vf valueFormat) []dap.Variable {
			var fs []dap.Variable
			for i, f := range o.Type.Fields {
				if i < len(o.Fields) {
					fs = append(fs, s.variable(tg, f.Name, o.Fields[i], vf))
				}
			}
			return fs
		})
	case *interp.Bytevector:
		b := o.B
		out.NamedVariables, out.IndexedVariables = 3, len(b)
		out.VariablesReference = s.handles.addNode(s.bytesNode(b))
	case *interp.Port:
		if sock := socket.Of(v); sock != nil {
			out.Type = "socket"
			out.VariablesReference = s.handles.add(func(vf valueFormat) []dap.Variable { return s.socketParts(tg, sock.Snapshot(), vf) })
		}
	}
	return out
}

func (s *session) indexed(tg *target, first int, items []interp.Value, vf valueFormat) []dap.Variable {
	out := make([]dap.Variable, len(items))
	for i, it := range items {
		out[i] = s.variable(tg, strconv.Itoa(first+i), it, vf)
	}
	return out
}

// maxWalk bounds the walk along a list.
const maxWalk = 1 << 24

// listShape walks a list without memory of its own (Floyd's cycle finding): how many pairs it
// has (up to maxWalk), which pair its cycle goes back to (-1: none), and its tail when it
// ends in something else than ().
func listShape(v interp.Value) (n, cycleTo int, tail interp.Value, improper bool) {
	pair := func(x interp.Value) *interp.Pair { p, _ := x.Object().(*interp.Pair); return p }
	slow, fast := pair(v), pair(v)
	cyclic := false
	for i := 0; i < maxWalk && fast != nil; i++ {
		if fast = pair(fast.Cdr); fast == nil {
			break
		}
		fast, slow = pair(fast.Cdr), pair(slow.Cdr)
		if fast != nil && fast == slow {
			cyclic = true
			break
		}
	}
	if !cyclic {
		for p := v; n < maxWalk; n++ {
			pr := pair(p)
			if pr == nil {
				return n, -1, p, !p.IsNull()
			}
			p = pr.Cdr
		}
		return n, -1, interp.Value{}, false
	}
	// The cycle starts mu pairs in and is lambda pairs long.
	mu, a, b := 0, pair(v), slow
	for a != b {
		a, b, mu = pair(a.Cdr), pair(b.Cdr), mu+1
	}
	lambda := 1
	for c := pair(a.Cdr); c != a; c = pair(c.Cdr) {
		lambda++
	}
	return mu + lambda, mu, interp.Value{}, false
}

// listNode makes a list's parts: its elements, then what its last pair leads to (a tail, or
// the element its cycle goes back to).
func (s *session) listNode(tg *target, v interp.Value) (indexed, named, ref int) {
	n, cycleTo, tail, improper := listShape(v)
	nd := node{n: n, indexed: func(start, count int, vf valueFormat) []dap.Variable {
		p := v
		for i := 0; i < start; i++ {
			p = p.Object().(*interp.Pair).Cdr
		}
		out := make([]dap.Variable, 0, count)
		for i := start; i < start+count; i++ {
			pr := p.Object().(*interp.Pair)
			out = append(out, s.variable(tg, strconv.Itoa(i), pr.Car, vf))
			p = pr.Cdr
		}
		return out
	}}
	switch {
	case cycleTo >= 0:
		named = 1
		nd.named = func(valueFormat) []dap.Variable {
			return []dap.Variable{{Name: "cycle", Value: fmt.Sprintf("the last pair's cdr is pair %d again", cycleTo)}}
		}
	case improper:
		named = 1
		nd.named = func(vf valueFormat) []dap.Variable { return []dap.Variable{s.variable(tg, "tail", tail, vf)} }
	case n == maxWalk:
		named = 1
		nd.named = func(valueFormat) []dap.Variable {
			return []dap.Variable{{Name: "more", Value: fmt.Sprintf("the list goes on after %d elements", maxWalk)}}
		}
	}
	return n, named, s.handles.addNode(nd)
}

// maxText bounds the text and hex of a bytevector: enough for a message, not a megabyte.
const maxText = 4096

// bytesNode shows received bytes: how many, as UTF-8 text (invalid bytes as \xNN), as hex,
// and one by one (paged by the client).
func (s *session) bytesNode(b []byte) node {
	return node{n: len(b),
		named: func(valueFormat) []dap.Variable {
			text, hx := b, b
			more := ""
			if len(b) > maxText/2 {
				text, hx, more = b[:maxText/2], b[:maxText/2], fmt.Sprintf(" … (%d more bytes)", len(b)-maxText/2)
			}
			return []dap.Variable{
				{Name: "length", Value: strconv.Itoa(len(b)), Type: "integer"},
				{Name: "text", Value: fmt.Sprintf("%+q", string(text)) + more, Type: "string"},
				{Name: "hex", Value: hex.EncodeToString(hx) + more, Type: "string"},
			}
		},
		indexed: func(start, count int, _ valueFormat) []dap.Variable {
			out := make([]dap.Variable, count)
			for i, c := range b[start : start+count] {
				out[i] = dap.Variable{Name: strconv.Itoa(start + i), Value: fmt.Sprintf("%d (#x%02x)", c, c), Type: "byte"}
			}
			return out
		}}
}

// socketParts is a socket's live state, with the threads that own it and wait on it, and its
// recent messages.
func (s *session) socketParts(tg *target, sn socket.Snapshot, vf valueFormat) []dap.Variable {
	v := func(name, value, typ string) dap.Variable { return dap.Variable{Name: name, Value: value, Type: typ} }
	str := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	out := []dap.Variable{
		v("state", string(sn.State), "string"),
		v("blocked in", str(sn.Blocked), "string"),
		v("owner", tg.threadLabel(sn.Owner), "thread"),
		v("waiting", str(tg.threadLabels(sn.Waiters)), "threads"),
		v("local address", str(sn.Local), "string"),
		v("peer address", str(sn.Peer), "string"),
		v("family", sn.Family, "string"),
		v("domain", sn.Domain, "string"),
		v("protocol", sn.Protocol, "string"),
		v("bytes sent", strconv.FormatInt(sn.BytesSent, 10), "integer"),
		v("bytes received", strconv.FormatInt(sn.BytesRecv, 10), "integer"),
		v("messages sent", strconv.FormatInt(sn.MsgsSent, 10), "integer"),
		v("messages received", strconv.FormatInt(sn.MsgsRecv, 10), "integer"),
		v("readable now", strconv.Itoa(sn.Readable), "integer"),
		v("last error", str(sn.LastError), "string"),
		v("open for", tg.in.World().Clock(nil).Sub(sn.Opened).Round(time.Millisecond).String(), "duration"),
	}
	if sn.Created != nil {
		out = append(out, v("created at", sn.Created.String(), "string"))
	}
	if n := len(sn.Messages); n > 0 {
		total := sn.MsgsSent + sn.MsgsRecv
		value := fmt.Sprintf("the last %d of %d", n, total)
		if int64(n) == total {
			value = fmt.Sprintf("%d", n)
		}
		msgs := sn.Messages
		out = append(out, dap.Variable{Name: "recent messages", Value: value, Type: "messages", IndexedVariables: n,
			VariablesReference: s.handles.addNode(node{n: n, indexed: func(start, count int, vf valueFormat) []dap.Variable {
				var vs []dap.Variable
				for _, m := range msgs[start : start+count] {
					vs = append(vs, s.message(m, vf))
				}
				return vs
			}})})
	}
	return out
}

// message is one of a socket's recent messages: its line says which way, how many bytes,
// their start, and the call that sent or received it; its parts show the bytes as text and
// hex, the line, and when.
func (s *session) message(m socket.Message, vf valueFormat) dap.Variable {
	dir, arrow := "received", "←"
	if m.Sent {
		dir, arrow = "sent", "→"
	}
	more := ""
	if m.Size > len(m.Head) {
		more = " …"
	}
	preview := fmt.Sprintf("%+q%s", string(m.Head), more)
	if vf.hex {
		preview = hex.EncodeToString(m.Head) + more
	}
	at := "?"
	if m.Site != nil {
		at = m.Site.String()
		if m.Site.Name != "" {
			at += " (" + m.Site.Name + ")"
		}
	}
	name := fmt.Sprintf("%d %s", m.N, arrow)
	value := fmt.Sprintf("%s %s %s at %s", dir, sizeWords(m.Size), preview, at)
	parts := []dap.Variable{
		{Name: "direction", Value: dir, Type: "string"},
		{Name: "size", Value: strconv.Itoa(m.Size), Type: "integer"},
		{Name: "text", Value: fmt.Sprintf("%+q", string(m.Head)) + more, Type: "string"},
		{Name: "hex", Value: hex.EncodeToString(m.Head) + more, Type: "string"},
		{Name: "at", Value: at, Type: "string"},
		{Name: "when", Value: m.When.Format("15:04:05.000000"), Type: "time"},
	}
	return dap.Variable{Name: name, Value: value, Type: "message",
		VariablesReference: s.handles.add(func(valueFormat) []dap.Variable { return parts })}
}

func sizeWords(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// threadLabel names a thread for the client: "conn-2 (thread 3)".
func (tg *target) threadLabel(th *interp.Thread) string {
	if th == nil {
		return "none"
	}
	tg.mu.Lock()
	t := tg.threads[th]
	tg.mu.Unlock()
	if t == nil {
		return "an ended thread"
	}
	return fmt.Sprintf("%s (thread %d)", tg.shortName(t), t.id)
}

func (tg *target) threadLabels(ths []*interp.Thread) string {
	var names []string
	for _, th := range ths {
		names = append(names, tg.threadLabel(th))
	}
	return strings.Join(names, ", ")
}

// socketList is the Sockets scope: every open socket of the program, with who owns it and who
// waits on it.
func (s *session) socketList(tg *target, socks []*socket.Socket) []dap.Variable {
	out := make([]dap.Variable, 0, len(socks))
	for _, sock := range socks {
		sn := sock.Snapshot()
		value := sock.SchemeString() + " owner " + tg.threadLabel(sn.Owner)
		if len(sn.Waiters) > 0 {
			value += ", " + sn.Blocked + " waited for by " + tg.threadLabels(sn.Waiters)
		}
		out = append(out, dap.Variable{Name: fmt.Sprintf("socket %d", sn.ID), Value: value,
			Type: "socket", VariablesReference: s.handles.add(func(vf valueFormat) []dap.Variable { return s.socketParts(tg, sn, vf) })})
	}
	return out
}

func typeName(v interp.Value) string {
	switch {
	case v.IsFixnum():
		return "integer"
	case v.IsFlonum():
		return "real"
	case v.IsChar():
		return "char"
	case v.IsBoolean():
		return "boolean"
	case v.IsNull():
		return "null"
	}
	switch o := v.Object().(type) {
	case *interp.Pair:
		return "pair"
	case *interp.Vector:
		return "vector"
	case *interp.Bytevector:
		return "bytevector"
	case *interp.String:
		return "string"
	case *interp.Symbol:
		return "symbol"
	case *interp.Record:
		return o.Type.Name
	case *interp.Port:
		return "port"
	case *interp.Condition:
		return "condition"
	}
	if interp.IsProcedure(v) {
		return "procedure"
	}
	if interp.IsNumber(v) {
		return "number"
	}
	// What the printer calls it: #<thread: x> is a thread, with no Go type name.
	s, _ := interp.WriteBounded(v, 40)
	s = strings.TrimPrefix(s, "#<")
	if i := strings.IndexAny(s, ": >"); i > 0 {
		s = s[:i]
	}
	if !utf8.ValidString(s) || s == "" {
		return "object"
	}
	return s
}
