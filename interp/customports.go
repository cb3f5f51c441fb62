package interp

import (
	"bufio"
	"io"
	"unicode/utf8"
)

// Custom ports (SRFI 181): ports whose reading, writing, positioning and closing are Scheme
// procedures. A binary custom port is a Device: each read and write is a call of read! or
// write!, with nothing read ahead. A textual one writes through a Device beneath it (at once,
// without holding the port's lock while Scheme code runs) and reads through a small buffer
// that holds at most one character when the port has positions, so that a position is the one
// before the character a peek holds.

type customPort struct {
	port                             *Port
	read, write                      Value // procedures, or False
	getPos, setPos, close, flushProc Value
	closed                           bool
	// posBefore is the position before the character the textual reader holds.
	posBefore Value
}

func (c *customPort) has(v Value) bool { return !v.IsFalse() }

// count checks what read! or write! returned: an exact integer from 0 to max.
func (c *customPort) count(th *Thread, who string, v Value, max int) int {
	if !v.IsFixnum() || v.n < 0 || v.n > int64(max) {
		th.Error(who, "expected the number of bytes or characters transferred", v)
	}
	return int(v.n)
}

// Read calls read! once, for at most len(p) bytes.
func (c *customPort) Read(th *Thread, p []byte) (int, error) {
	buf := &Bytevector{make([]byte, len(p))}
	n := c.count(th, "read!", th.Call(c.read, Obj(buf), Fixnum(0), Int(len(p))), len(p))
	if n == 0 {
		return 0, io.EOF
	}
	return copy(p, buf.B[:n]), nil
}

// ReadNew calls read! until it has max bytes or the end: a custom port is not interactive.
func (c *customPort) ReadNew(th *Thread, max int) ([]byte, error) {
	p := make([]byte, max)
	n := 0
	for n < max {
		m, err := c.Read(th, p[n:])
		if err != nil {
			break
		}
		n += m
	}
	if n == 0 {
		return nil, io.EOF
	}
	return p[:n:n], nil
}

// Write calls write! until it has taken all of p.
func (c *customPort) Write(th *Thread, p []byte) (int, error) {
	c.unpeek(th)
	bv := Obj(&Bytevector{p})
	done := 0
	for done < len(p) {
		n := c.count(th, "write!", th.Call(c.write, bv, Int(done), Int(len(p)-done)), len(p)-done)
		if n == 0 {
			return done, io.ErrShortWrite
		}
		done += n
	}
	return done, nil
}

func (c *customPort) Ready(th *Thread) bool { return true }
func (c *customPort) CloseRead() error      { return nil }
func (c *customPort) CloseWrite() error     { return nil }

// textReader feeds a textual custom port's buffer: characters from read!, as UTF-8.
type textReader struct{ c *customPort }

func (r textReader) Read(b []byte) (int, error) {
	c := r.c
	th := c.port.th
	n := len(b) / utf8.UTFMax
	if c.has(c.getPos) {
		n = 1 // nothing read ahead: the position stays the one before what the buffer holds
		c.posBefore = th.Call(c.getPos)
	}
	bufv := StrRunes(make([]rune, n))
	buf := bufv.o.(*String)
	got := c.count(th, "read!", th.Call(c.read, bufv, Fixnum(0), Int(n)), n)
	if got == 0 {
		return 0, io.EOF
	}
	return len(buf.AppendUTF8(b[:0], 0, got)), nil
}

// unpeek moves an input/output port back over the byte a peek read ahead, so that a write
// lands where the program is.
func (c *customPort) unpeek(th *Thread) {
	p := c.port
	if len(p.peeked) == 0 || !c.has(c.getPos) || !c.has(c.setPos) {
		return
	}
	if pos := th.Call(c.getPos); pos.IsFixnum() {
		th.Call(c.setPos, Fixnum(pos.n-int64(len(p.peeked))))
		p.peeked = p.peeked[:0]
	}
}

// textDevice passes what a textual custom port writes to write!, as characters.
type textDevice struct{ *customPort }

func (w textDevice) Write(th *Thread, b []byte) (int, error) {
	c := w.customPort
	s := Str(string(b))
	total := utf8.RuneCount(b)
	done := 0
	for done < total {
		n := c.count(th, "write!", th.Call(c.write, s, Int(done), Int(total-done)), total-done)
		if n == 0 {
			return 0, io.ErrShortWrite
		}
		done += n
	}
	return len(b), nil
}

// flush runs flush-output-port's part of a custom port: its flush procedure.
func (c *customPort) flush(th *Thread) {
	if c.has(c.flushProc) {
		th.Call(c.flushProc)
	}
}

// close closes one or both directions of a port, as the thread th; a custom port's close
// procedure runs once it is closed in every direction it has.
func (p *Port) close(th *Thread, input, output bool) {
	p.th = th
	if output {
		p.closeOutput()
	}
	if input {
		p.closeInput()
	}
	if p.ownsUnder && !p.InputOpen() && !p.OutputOpen() {
		p.under.close(th, true, true)
	}
	c := p.custom
	if c == nil || c.closed || p.InputOpen() || p.OutputOpen() {
		return
	}
	c.closed = true
	if c.has(c.close) {
		th.Call(c.close)
	}
}

// makeCustom makes a custom port from a constructor's arguments: name, then read! and/or
// write!, get-position, set-position!, close and optionally flush.
func makeCustom(who string, a []Value, input, output, textual bool) Value {
	c := &customPort{read: False, write: False, flushProc: False}
	i := 1
	if input {
		c.read = a[i]
		i++
	}
	if output {
		c.write = a[i]
		i++
	}
	c.getPos, c.setPos, c.close = a[i], a[i+1], a[i+2]
	if len(a) > i+3 {
		c.flushProc = a[i+3]
	}
	p := &Port{Name: Display(a[0]), Input: input, Output: output, Textual: textual, Binary: !textual,
		inOpen: input, outOpen: output, fd: -1, custom: c}
	c.port = p
	if textual {
		if input {
			p.rd = bufio.NewReaderSize(textReader{c}, 16)
		}
		if output {
			p.under = &Port{Name: p.Name, Output: true, Binary: true, outOpen: true, fd: -1, Dev: textDevice{c}}
		}
	} else {
		p.Dev = c
	}
	return Obj(p)
}

func init() {
	kindChecks["proc-or-false"] = func(v Value) bool { return v.IsFalse() || IsProcedure(v) }
	custom := func(name string, input, output, textual bool) {
		define(name, func(th *Thread, a []Value) Value { return makeCustom(name, a, input, output, textual) })
	}
	custom("make-custom-binary-input-port", true, false, false)
	custom("make-custom-textual-input-port", true, false, true)
	custom("make-custom-binary-output-port", false, true, false)
	custom("make-custom-textual-output-port", false, true, true)
	custom("make-custom-binary-input/output-port", true, true, false)
	custom("make-custom-textual-input/output-port", true, true, true)
}
