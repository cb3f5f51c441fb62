package bytestring

import "foment-ls/interp"

// readTextual reads #u8"…" (or "…" without the prefix) from a textual port.
func readTextual(th *interp.Thread, a []value) value {
	readChar := interp.Obj(interp.Builtin("read-char"))
	peekChar := interp.Obj(interp.Builtin("peek-char"))
	var port []value
	if len(a) > 1 {
		port = a[1:2]
	}
	next := func() value { return th.Call(readChar, port...) }
	peek := func() value { return th.Call(peekChar, port...) }
	bad := func(msg string, irritants ...value) value {
		return fail(th, "read-textual-bytestring", msg, irritants...)
	}
	expect := func(r rune) {
		if c := next(); !c.IsChar() || c.Rune() != r {
			bad("expected a bytestring", c)
		}
	}
	if truthy(a[0]) {
		expect('#')
		expect('u')
		expect('8')
	}
	expect('"')
	out := []byte{}
	for {
		c := next()
		if !c.IsChar() {
			return bad("unterminated bytestring")
		}
		r := c.Rune()
		switch {
		case r == '"':
			return interp.Bytes(out)
		case r == '\\':
			e := next()
			if !e.IsChar() {
				return bad("unterminated bytestring")
			}
			switch e.Rune() {
			case 'a':
				out = append(out, 7)
			case 'b':
				out = append(out, 8)
			case 't':
				out = append(out, '\t')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case '"', '\\', '|':
				out = append(out, byte(e.Rune()))
			case 'x', 'X':
				n := 0
				digits := 0
				for {
					d := next()
					if !d.IsChar() {
						return bad("unterminated bytestring")
					}
					if d.Rune() == ';' {
						break
					}
					v := hexValue(d.Rune())
					if v < 0 {
						return bad("expected a hexadecimal digit", d)
					}
					n = n*16 + v
					digits++
					if n > 255 {
						return bad("expected a byte", interp.Int(n))
					}
				}
				if digits == 0 {
					return bad("expected a hexadecimal escape")
				}
				out = append(out, byte(n))
			case ' ', '\t', '\n', '\r':
				// A line continuation: blanks, one line end, blanks.
				seen := e.Rune() == '\n'
				for {
					p := peek()
					if !p.IsChar() {
						break
					}
					pr := p.Rune()
					if pr == '\n' && !seen {
						seen = true
					} else if pr != ' ' && pr != '\t' && pr != '\r' {
						break
					}
					next()
				}
				if !seen {
					return bad("expected a line end after \\")
				}
			default:
				return bad("unknown escape", e)
			}
		case r >= 128:
			return bad("expected an ascii character", c)
		default:
			out = append(out, byte(r))
		}
	}
}

func hexValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}
