// Package bytestring is (srfi 207): bytevectors made from and shown as strings, hexadecimal and
// Base64. The #u8"…" literal is the reader's; read-textual-bytestring reads it from a port.
package bytestring

import (
	"bytes"
	"fmt"
	"strings"

	"foment-ls/interp"
)

type value = interp.Value

func bv(v value) []byte { return v.Object().(*interp.Bytevector).B }

func str(v value) string { return v.Object().(*interp.String).String() }

func truthy(v value) bool { return !v.IsFalse() }

// fail raises a bytestring error: an assertion-violation that bytestring-error? recognises.
func fail(th *interp.Thread, who, msg string, irritants ...value) value {
	return th.ErrorKind("bytestring-error", who, msg, irritants...)
}

// appendParts appends the bytes of bytestring's arguments.
func appendParts(th *interp.Thread, who string, out []byte, parts []value) []byte {
	for _, p := range parts {
		switch {
		case p.IsFixnum():
			if p.Fix() < 0 || p.Fix() > 255 {
				fail(th, who, "expected an integer between 0 and 255", p)
			}
			out = append(out, byte(p.Fix()))
		case p.IsChar():
			if p.Rune() >= 128 {
				fail(th, who, "expected an ascii character", p)
			}
			out = append(out, byte(p.Rune()))
		default:
			switch x := p.Object().(type) {
			case *interp.Bytevector:
				out = append(out, x.B...)
			case *interp.String:
				for _, r := range x.String() {
					if r >= 128 {
						fail(th, who, "expected a string of ascii characters", p)
					}
					out = append(out, byte(r))
				}
			default:
				fail(th, who, "expected a character, integer, bytevector, or a string", p)
			}
		}
	}
	return out
}

func listParts(th *interp.Thread, who string, l value) []value {
	parts, ok := interp.ListToSlice(l)
	if !ok {
		th.Error(who, "expected a list", l)
	}
	return parts
}

// byteOf converts a pad or delimiter argument: a byte or an ASCII character.
func byteOf(th *interp.Thread, who string, v value) byte {
	switch {
	case v.IsFixnum() && v.Fix() >= 0 && v.Fix() <= 255:
		return byte(v.Fix())
	case v.IsChar() && v.Rune() < 128:
		return byte(v.Rune())
	}
	fail(th, who, "expected a byte or an ascii character", v)
	return 0
}

const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func lastDigits(th *interp.Thread, who string, a []value) (rune, rune) {
	if len(a) < 2 {
		return '+', '/'
	}
	d := []rune(str(a[1]))
	if len(d) != 2 {
		th.Error(who, "expected a two character string", a[1])
	}
	return d[0], d[1]
}

func toBase64(b []byte, d62, d63 rune) string {
	var sb strings.Builder
	digit := func(n uint32) {
		switch {
		case n == 62:
			sb.WriteRune(d62)
		case n == 63:
			sb.WriteRune(d63)
		default:
			sb.WriteByte(base64Digits[n])
		}
	}
	for i := 0; i < len(b); i += 3 {
		var n uint32
		k := min(3, len(b)-i)
		for j := 0; j < 3; j++ {
			n <<= 8
			if j < k {
				n |= uint32(b[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= k {
				digit(n >> (18 - 6*j) & 63)
			} else {
				sb.WriteByte('=')
			}
		}
	}
	return sb.String()
}

func fromBase64(th *interp.Thread, s string, d62, d63 rune) []byte {
	var out []byte
	var group []int // the values of a group of four digits; -1 for =
	bad := func() { fail(th, "base64->bytevector", "expected a base64 string", interp.Str(s)) }
	pad := 0
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' {
			continue
		}
		if pad > 0 && r != '=' {
			bad()
		}
		var n int
		switch {
		case r == d62:
			n = 62
		case r == d63:
			n = 63
		case r == '=':
			if len(group) < 2 {
				bad()
			}
			n, pad = -1, pad+1
		case r >= 'A' && r <= 'Z':
			n = int(r - 'A')
		case r >= 'a' && r <= 'z':
			n = int(r-'a') + 26
		case r >= '0' && r <= '9':
			n = int(r-'0') + 52
		default:
			fail(th, "base64->bytevector", "expected a base64 digit", interp.Char(r))
		}
		group = append(group, n)
		if len(group) == 4 {
			var v uint32
			for _, d := range group {
				v <<= 6
				if d > 0 {
					v |= uint32(d)
				}
			}
			out = append(out, byte(v>>16))
			if group[2] >= 0 {
				out = append(out, byte(v>>8))
			}
			if group[3] >= 0 {
				out = append(out, byte(v))
			}
			group = group[:0]
		}
	}
	if len(group) != 0 {
		bad()
	}
	return out
}

// textual writes a bytevector as #u8"…".
func textual(b []byte) string {
	var sb strings.Builder
	sb.WriteString(`#u8"`)
	for _, c := range b {
		switch c {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '|':
			sb.WriteString(`\|`)
		case 7:
			sb.WriteString(`\a`)
		case 8:
			sb.WriteString(`\b`)
		case '\t':
			sb.WriteString(`\t`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		default:
			if c >= 32 && c < 127 {
				sb.WriteByte(c)
			} else {
				fmt.Fprintf(&sb, `\x%x;`, c)
			}
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

func index(th *interp.Thread, a []value, right bool) value {
	b := bv(a[0])
	start, end := th.Range("bytestring-index", a, 2, len(b))
	for k := 0; k < end-start; k++ {
		i := start + k
		if right {
			i = end - 1 - k
		}
		if truthy(th.Call(a[1], interp.Int(int(b[i])))) {
			return interp.Int(i)
		}
	}
	return interp.False
}

func init() {
	define := interp.Define
	define("make-bytestring", func(th *interp.Thread, a []value) value {
		return interp.Bytes(appendParts(th, "make-bytestring", nil, listParts(th, "make-bytestring", a[0])))
	})
	define("bytestring", func(th *interp.Thread, a []value) value {
		return interp.Bytes(appendParts(th, "bytestring", []byte{}, a))
	})
	define("make-bytestring!", func(th *interp.Thread, a []value) value {
		dst, at := bv(a[0]), int(a[1].Fix())
		src := appendParts(th, "make-bytestring!", nil, listParts(th, "make-bytestring!", a[2]))
		if at > len(dst) || len(src) > len(dst)-at {
			return th.Error("make-bytestring!", "expected a valid index", a[1])
		}
		copy(dst[at:], src)
		return interp.Unspecified
	})
	define("make-bytestring-generator", func(th *interp.Thread, a []value) value {
		b := appendParts(th, "make-bytestring-generator", nil, a)
		i := 0
		return interp.Obj(&interp.Primitive{Name: "bytestring-generator", Fn: func(th *interp.Thread, _ []value) value {
			if i == len(b) {
				return interp.EOF
			}
			i++
			return interp.Int(int(b[i-1]))
		}})
	})
	define("bytevector->hex-string", func(th *interp.Thread, a []value) value {
		return interp.Str(fmt.Sprintf("%x", bv(a[0])))
	})
	define("hex-string->bytevector", func(th *interp.Thread, a []value) value {
		s := str(a[0])
		if len(s)%2 != 0 {
			return fail(th, "hex-string->bytevector", "expected a string of pairs of hexadecimal digits", a[0])
		}
		out := make([]byte, 0, len(s)/2)
		hex := func(c byte) byte {
			switch {
			case c >= '0' && c <= '9':
				return c - '0'
			case c >= 'a' && c <= 'f':
				return c - 'a' + 10
			case c >= 'A' && c <= 'F':
				return c - 'A' + 10
			}
			fail(th, "hex-string->bytevector", "expected a hexadecimal digit", interp.Char(rune(c)))
			return 0
		}
		for i := 0; i < len(s); i += 2 {
			out = append(out, hex(s[i])<<4|hex(s[i+1]))
		}
		return interp.Bytes(out)
	})
	define("bytevector->base64", func(th *interp.Thread, a []value) value {
		d62, d63 := lastDigits(th, "bytevector->base64", a)
		return interp.Str(toBase64(bv(a[0]), d62, d63))
	})
	define("base64->bytevector", func(th *interp.Thread, a []value) value {
		d62, d63 := lastDigits(th, "base64->bytevector", a)
		return interp.Bytes(fromBase64(th, str(a[0]), d62, d63))
	})
	define("bytestring->list", func(th *interp.Thread, a []value) value {
		b := bv(a[0])
		start, end := th.Range("bytestring->list", a, 1, len(b))
		out := make([]value, 0, end-start)
		for _, c := range b[start:end] {
			if c >= 32 && c < 127 {
				out = append(out, interp.Char(rune(c)))
			} else {
				out = append(out, interp.Int(int(c)))
			}
		}
		return interp.List(out...)
	})
	compare := func(name string, ok func(c int) bool) {
		define(name, func(th *interp.Thread, a []value) value {
			return interp.Bool(ok(bytes.Compare(bv(a[0]), bv(a[1]))))
		})
	}
	compare("bytevector=?", func(c int) bool { return c == 0 })
	compare("bytevector<?", func(c int) bool { return c < 0 })
	compare("bytevector>?", func(c int) bool { return c > 0 })
	compare("bytevector<=?", func(c int) bool { return c <= 0 })
	compare("bytevector>=?", func(c int) bool { return c >= 0 })

	pad := func(name string, left bool) {
		define(name, func(th *interp.Thread, a []value) value {
			b, n := bv(a[0]), int(a[1].Fix())
			c := byteOf(th, name, a[2])
			if n <= len(b) {
				return interp.Bytes(bytes.Clone(b))
			}
			fill := bytes.Repeat([]byte{c}, n-len(b))
			if left {
				return interp.Bytes(append(fill, b...))
			}
			return interp.Bytes(append(bytes.Clone(b), fill...))
		})
	}
	pad("bytestring-pad", true)
	pad("bytestring-pad-right", false)
	trim := func(name string, left, right bool) {
		define(name, func(th *interp.Thread, a []value) value {
			b := bv(a[0])
			start, end := 0, len(b)
			for left && start < end && truthy(th.Call(a[1], interp.Int(int(b[start])))) {
				start++
			}
			for right && end > start && truthy(th.Call(a[1], interp.Int(int(b[end-1])))) {
				end--
			}
			return interp.Bytes(bytes.Clone(b[start:end]))
		})
	}
	trim("bytestring-trim", true, false)
	trim("bytestring-trim-right", false, true)
	trim("bytestring-trim-both", true, true)
	define("bytestring-replace", func(th *interp.Thread, a []value) value {
		b1, b2 := bv(a[0]), bv(a[1])
		s1, e1 := th.Range("bytestring-replace", a, 2, len(b1))
		s2, e2 := 0, len(b2)
		if len(a) > 4 {
			s2, e2 = th.Range("bytestring-replace", a, 4, len(b2))
		}
		out := append(append(append([]byte{}, b1[:s1]...), b2[s2:e2]...), b1[e1:]...)
		return interp.Bytes(out)
	})
	define("bytestring-index", func(th *interp.Thread, a []value) value { return index(th, a, false) })
	define("bytestring-index-right", func(th *interp.Thread, a []value) value { return index(th, a, true) })
	split := func(name string, want bool) {
		define(name, func(th *interp.Thread, a []value) value {
			b := bv(a[0])
			i := 0
			for i < len(b) && truthy(th.Call(a[1], interp.Int(int(b[i])))) != want {
				i++
			}
			return interp.Values(interp.Bytes(bytes.Clone(b[:i])), interp.Bytes(bytes.Clone(b[i:])))
		})
	}
	split("bytestring-break", true)
	split("bytestring-span", false)
	define("bytestring-join", func(th *interp.Thread, a []value) value {
		parts := listParts(th, "bytestring-join", a[0])
		delim := appendParts(th, "bytestring-join", nil, a[1:2])
		grammar := "infix"
		if len(a) > 2 {
			grammar = a[2].Object().(*interp.Symbol).Name
		}
		if len(parts) == 0 {
			if grammar == "strict-infix" {
				return fail(th, "bytestring-join", "the list must not be empty with strict-infix")
			}
			return interp.Bytes([]byte{})
		}
		out := []byte{}
		if grammar == "prefix" {
			out = append(out, delim...)
		}
		for i, p := range parts {
			if i > 0 {
				out = append(out, delim...)
			}
			out = append(out, bv(p)...)
		}
		if grammar == "suffix" {
			out = append(out, delim...)
		}
		return interp.Bytes(out)
	})
	define("bytestring-split", func(th *interp.Thread, a []value) value {
		b := bv(a[0])
		d := byteOf(th, "bytestring-split", a[1])
		grammar := "infix"
		if len(a) > 2 {
			grammar = a[2].Object().(*interp.Symbol).Name
		}
		if len(b) == 0 {
			return interp.Null
		}
		if grammar == "prefix" && b[0] == d {
			b = b[1:]
		}
		if grammar == "suffix" && b[len(b)-1] == d {
			b = b[:len(b)-1]
		}
		var out []value
		for _, p := range bytes.Split(b, []byte{d}) {
			out = append(out, interp.Bytes(bytes.Clone(p)))
		}
		return interp.List(out...)
	})
	define("write-binary-bytestring", func(th *interp.Thread, a []value) value {
		b := appendParts(th, "write-binary-bytestring", nil, a[1:])
		return th.TailCall(interp.Obj(interp.Builtin("write-bytevector")), interp.Bytes(b), a[0])
	})
	define("write-textual-bytestring", func(th *interp.Thread, a []value) value {
		args := []value{interp.Str(textual(bv(a[0])))}
		if len(a) > 1 {
			args = append(args, a[1])
		}
		return th.TailCall(interp.Obj(interp.Builtin("write-string")), args...)
	})
	define("read-textual-bytestring", readTextual)
	define("bytestring-error?", func(th *interp.Thread, a []value) value {
		c, ok := a[0].Object().(*interp.Condition)
		return interp.Bool(ok && c.Kind == "bytestring-error")
	})
}
