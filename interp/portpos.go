package interp

import "io"

// Port positions (SRFI 192, as Foment has it): file ports, string and bytevector input ports
// and custom ports that have a get-position procedure have positions. A position is a byte
// offset, or for a custom port what its get-position returns (less what a peek holds).

// hasPosition reports whether port-position works on p.
func (p *Port) hasPosition() bool {
	if !p.InputOpen() && !p.OutputOpen() {
		return false
	}
	if c := p.custom; c != nil {
		return c.has(c.getPos)
	}
	if p.seeker == nil || p.under != nil {
		return false
	}
	_, err := p.seeker.Seek(0, io.SeekCurrent)
	return err == nil
}

// position returns the current position of a port that has positions.
func (th *Thread) position(p *Port) (Value, bool) {
	if c := p.custom; c != nil {
		if p.Textual && p.rd != nil && p.rd.Buffered() > 0 {
			return c.posBefore, true // the position before the character a peek holds
		}
		v := th.Call(c.getPos)
		if len(p.peeked) > 0 && v.IsFixnum() {
			v = Fixnum(v.n - int64(len(p.peeked)))
		}
		return v, true
	}
	if p.Output {
		if p.Flush() != nil {
			return False, false
		}
	}
	off, err := p.seeker.Seek(0, io.SeekCurrent)
	if err != nil {
		return False, false
	}
	if p.Input {
		off -= int64(p.rd.Buffered() + len(p.peeked))
	}
	return Fixnum(off), true
}

// setPosition moves a port to pos counted from whence (begin, current or end).
func (th *Thread) setPosition(p *Port, pos Value, whence string) bool {
	if whence != "begin" {
		if !pos.IsFixnum() {
			return false
		}
	}
	if c := p.custom; c != nil {
		if !c.has(c.setPos) {
			return false
		}
		switch whence {
		case "end":
			return false // a custom port does not know its end
		case "current":
			cur, _ := th.position(p)
			if !cur.IsFixnum() {
				return false
			}
			pos = Fixnum(cur.n + pos.n)
		}
		th.Call(c.setPos, pos)
		p.peeked = p.peeked[:0]
		if p.Textual && p.rd != nil {
			p.rd.Reset(textReader{c})
		}
		return true
	}
	if !pos.IsFixnum() {
		return false
	}
	if p.Output && p.Flush() != nil {
		return false
	}
	target, from := pos.n, io.SeekStart
	switch whence {
	case "current":
		cur, ok := th.position(p)
		if !ok {
			return false
		}
		target += cur.n
	case "end":
		from = io.SeekEnd
	}
	if _, err := p.seeker.Seek(target, from); err != nil {
		return false
	}
	if p.Input {
		p.rd.Reset(p.seeker.(io.Reader))
		p.peeked = p.peeked[:0]
	}
	return true
}

func init() {
	define("port-has-port-position?", func(th *Thread, a []Value) Value { return Bool(a[0].o.(*Port).hasPosition()) })
	// Foment exports one procedure, positioning-port?, under both names.
	registry["port-has-port-position?"].Name = "positioning-port?"
	registry["port-has-set-port-position!?"] = registry["port-has-port-position?"]

	positioned := func(th *Thread, who string, v Value) *Port {
		p := v.o.(*Port)
		if !p.hasPosition() {
			th.Error(who, "expected an open port which supports positioning", v)
		}
		return p
	}
	define("port-position", func(th *Thread, a []Value) Value {
		p := positioned(th, "port-position", a[0])
		v, ok := th.position(p)
		if !ok {
			return th.ErrorKind("position-error", "port-position", "unable to get port position", a[0])
		}
		return v
	})
	define("set-port-position!", func(th *Thread, a []Value) Value {
		p := positioned(th, "set-port-position!", a[0])
		whence := "begin"
		if len(a) > 2 {
			s, ok := a[2].o.(*Symbol)
			if !ok || s.Name != "begin" && s.Name != "current" && s.Name != "end" {
				return th.Error("set-port-position!", "expected begin, current, or end", a[2])
			}
			whence = s.Name
		}
		if !th.setPosition(p, a[1], whence) {
			return th.ErrorKind("position-error", "set-port-position!", "unable to set port position", a[0], a[1], Sym(whence))
		}
		return Unspecified
	})
	define("make-i/o-invalid-position-error", func(th *Thread, a []Value) Value {
		c := th.newCondition("position-error", "make-i/o-invalid-position-error", "invalid position error", []Value{a[0]})
		return Obj(c)
	})
	define("i/o-invalid-position-error?", func(th *Thread, a []Value) Value {
		c, ok := a[0].o.(*Condition)
		return Bool(ok && c.Kind == "position-error")
	})
	define("make-file-error", func(th *Thread, a []Value) Value {
		return Obj(th.newCondition("file-error", "make-file-error", "file error", append([]Value(nil), a...)))
	})
}
