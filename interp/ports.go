package interp

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"

	"foment-ls/srcfile"
	"foment-ls/syntax"
)

// The port procedures of (scheme base), (scheme read), (scheme file), (scheme time).

// inPort returns the optional port argument at i, or the current input port, checked to be open.
func (th *Thread) inPort(who string, a []Value, i int, textual bool) *Port {
	var p *Port
	if len(a) > i {
		p = a[i].o.(*Port)
	} else {
		p = th.paramValue(th.In.curIn).o.(*Port)
	}
	if !p.InputOpen() || (textual && !p.Textual) || (!textual && !p.Binary) {
		kind := "binary"
		if textual {
			kind = "textual"
		}
		th.Error(who, "expected an open "+kind+" input port", Obj(p))
	}
	return p
}

func (th *Thread) outPort(who string, a []Value, i int, textual bool) *Port {
	var p *Port
	if len(a) > i {
		p = a[i].o.(*Port)
	} else {
		p = th.CurrentOutput()
	}
	if !p.OutputOpen() || (textual && !p.Textual) || (!textual && !p.Binary) {
		kind := "binary"
		if textual {
			kind = "textual"
		}
		th.Error(who, "expected an open "+kind+" output port", Obj(p))
	}
	return p
}

// ioError raises an error for a failed read or write: an OS error keeps its text.
func (th *Thread) ioError(who string, err error, p *Port) Value {
	var t *Terminate
	if errors.As(err, &t) {
		panic(t)
	}
	var ce *codingError
	if errors.As(err, &ce) {
		// Foment names the binary port beneath a transcoded port.
		return th.ErrorKind(ce.kind, who, ce.msg, append([]Value{Obj(p.under)}, ce.irritants...)...)
	}
	return th.ErrorKind("i/o-error", who, err.Error(), Obj(p))
}

func init() {
	isPort := func(f func(p *Port) bool) func(th *Thread, a []Value) Value {
		return func(th *Thread, a []Value) Value {
			p, ok := a[0].o.(*Port)
			return Bool(ok && f(p))
		}
	}
	define("port?", isPort(func(p *Port) bool { return true }))
	define("input-port?", isPort(func(p *Port) bool { return p.Input }))
	define("output-port?", isPort(func(p *Port) bool { return p.Output }))
	define("textual-port?", isPort(func(p *Port) bool { return p.Textual }))
	define("binary-port?", isPort(func(p *Port) bool { return p.Binary }))
	define("input-port-open?", func(th *Thread, a []Value) Value { return Bool(a[0].o.(*Port).InputOpen()) })
	define("output-port-open?", func(th *Thread, a []Value) Value { return Bool(a[0].o.(*Port).OutputOpen()) })
	define("close-port", func(th *Thread, a []Value) Value {
		p := a[0].o.(*Port)
		p.close(th, true, true)
		return Unspecified
	})
	define("close-input-port", func(th *Thread, a []Value) Value { a[0].o.(*Port).close(th, true, false); return Unspecified })
	define("close-output-port", func(th *Thread, a []Value) Value { a[0].o.(*Port).close(th, false, true); return Unspecified })
	// These are bound to parameter objects (installBuiltins); the procedures serve eval'd names.
	define("current-input-port", func(th *Thread, a []Value) Value { return th.paramValue(th.In.curIn) })
	define("current-output-port", func(th *Thread, a []Value) Value { return th.paramValue(th.In.curOut) })
	define("current-error-port", func(th *Thread, a []Value) Value { return th.paramValue(th.In.curErr) })

	define("read-char", func(th *Thread, a []Value) Value {
		p := th.inPort("read-char", a, 0, true)
		r, eof, err := p.readRune(th)
		if err != nil {
			return th.ioError("read-char", err, p)
		}
		if eof {
			return EOF
		}
		return Char(r)
	})
	define("peek-char", func(th *Thread, a []Value) Value {
		p := th.inPort("peek-char", a, 0, true)
		r, eof, err := p.peekRune(th)
		if err != nil {
			return th.ioError("peek-char", err, p)
		}
		if eof {
			return EOF
		}
		return Char(r)
	})
	define("read-line", func(th *Thread, a []Value) Value {
		p := th.inPort("read-line", a, 0, true)
		var b []rune
		for {
			r, eof, err := p.readRune(th)
			if err != nil {
				return th.ioError("read-line", err, p)
			}
			if eof {
				if b == nil {
					return EOF
				}
				break
			}
			if r == '\n' {
				break
			}
			if r == '\r' {
				// "\r\n" and a lone "\r" end a line too, as in Foment (which also passes over
				// further CRs before a LF: a file with "\r\r\n" has an empty line here).
				if r, eof, err := p.peekRune(th); err == nil && !eof && r == '\n' {
					p.readRune(th)
				}
				break
			}
			b = append(b, r)
		}
		return StrRunes(b)
	})
	define("read-string", func(th *Thread, a []Value) Value {
		p := th.inPort("read-string", a, 1, true)
		var b []rune
		for int64(len(b)) < a[0].n {
			r, eof, err := p.readRune(th)
			if err != nil {
				return th.ioError("read-string", err, p)
			}
			if eof {
				break
			}
			b = append(b, r)
		}
		if b == nil {
			if a[0].n == 0 {
				return Str("")
			}
			return EOF
		}
		return StrRunes(b)
	})
	define("char-ready?", func(th *Thread, a []Value) Value {
		return Bool(th.inPort("char-ready?", a, 0, true).ready(th))
	})
	define("read-u8", func(th *Thread, a []Value) Value {
		p := th.inPort("read-u8", a, 0, false)
		var b [1]byte
		n, eof, err := p.readSome(th, b[:])
		if err != nil {
			return th.ioError("read-u8", err, p)
		}
		if eof || n == 0 {
			return EOF
		}
		return Fixnum(int64(b[0]))
	})
	define("peek-u8", func(th *Thread, a []Value) Value {
		p := th.inPort("peek-u8", a, 0, false)
		b, eof, err := p.peekByte(th)
		if err != nil {
			return th.ioError("peek-u8", err, p)
		}
		if eof {
			return EOF
		}
		return Fixnum(int64(b))
	})
	define("u8-ready?", func(th *Thread, a []Value) Value {
		return Bool(th.inPort("u8-ready?", a, 0, false).ready(th))
	})
	define("read-bytevector", func(th *Thread, a []Value) Value {
		p := th.inPort("read-bytevector", a, 1, false)
		if a[0].n == 0 {
			return Bytes([]byte{})
		}
		if p.Dev != nil && len(p.peeked) == 0 {
			b, err := p.Dev.ReadNew(th, int(a[0].n))
			switch {
			case err == io.EOF:
				return EOF
			case err != nil:
				return th.ioError("read-bytevector", err, p)
			}
			return Bytes(b)
		}
		// The buffer grows as bytes come: (read-bytevector 10000000000 p) on a short file
		// returns what there is without asking for 10 GB first.
		k := a[0].n
		buf := make([]byte, 0, min(k, 64<<10))
		for int64(len(buf)) < k {
			if len(buf) == cap(buf) {
				size := min(k, 2*int64(cap(buf)))
				th.CheckAlloc("read-bytevector", size, SizeByte, "bytes")
				buf = append(make([]byte, 0, size), buf...)
			}
			n, eof, err := p.readFull(th, buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err != nil {
				return th.ioError("read-bytevector", err, p)
			}
			if eof || p.Dev != nil {
				break
			}
		}
		if len(buf) == 0 {
			return EOF
		}
		return Bytes(buf[:len(buf):len(buf)])
	})
	define("read-bytevector!", func(th *Thread, a []Value) Value {
		bv := a[0].o.(*Bytevector).B
		p := th.inPort("read-bytevector!", a, 1, false)
		start, end := th.Range("read-bytevector!", a, 2, len(bv))
		if start == end {
			return Fixnum(0)
		}
		n, eof, err := p.readFull(th, bv[start:end])
		if err != nil {
			return th.ioError("read-bytevector!", err, p)
		}
		if eof {
			return EOF
		}
		return Int(n)
	})
	define("write-u8", func(th *Thread, a []Value) Value {
		p := th.outPort("write-u8", a, 1, false)
		if _, err := p.writeBytes(th, []byte{byte(a[0].n)}); err != nil {
			return th.ioError("write-u8", err, p)
		}
		return Unspecified
	})
	define("write-bytevector", func(th *Thread, a []Value) Value {
		b := a[0].o.(*Bytevector).B
		p := th.outPort("write-bytevector", a, 1, false)
		start, end := th.Range("write-bytevector", a, 2, len(b))
		if _, err := p.writeBytes(th, b[start:end]); err != nil {
			return th.ioError("write-bytevector", err, p)
		}
		return Unspecified
	})
	define("flush-output-port", func(th *Thread, a []Value) Value {
		p := th.CurrentOutput()
		if len(a) > 0 {
			p = a[0].o.(*Port)
		}
		if err := p.Flush(); err != nil {
			return th.ioError("flush-output-port", err, p)
		}
		if p.custom != nil {
			p.custom.flush(th)
		}
		return Unspecified
	})
	define("eof-object", func(th *Thread, a []Value) Value { return EOF })
	define("eof-object?", func(th *Thread, a []Value) Value { return Bool(a[0].o == EOF.o) })
	define("call-with-port", func(th *Thread, a []Value) Value {
		r := &closePort{port: a[0].o.(*Port)}
		return r.after(th, th.CallWith(r, a[1], a[0]))
	})
	define("open-input-string", func(th *Thread, a []Value) Value { return Obj(newStringInput(goString(a[0]))) })
	define("open-output-string", func(th *Thread, a []Value) Value { return Obj(newBufferOutput(true)) })
	define("get-output-string", func(th *Thread, a []Value) Value {
		p := a[0].o.(*Port)
		if p.sbuf == nil || !p.Textual {
			return th.Error("get-output-string", "expected a string output port", a[0])
		}
		p.Flush()
		return Obj(stringOfUTF8(p.sbuf.Bytes(), false))
	})
	define("open-input-bytevector", func(th *Thread, a []Value) Value {
		return Obj(newBytesInput(append([]byte(nil), a[0].o.(*Bytevector).B...)))
	})
	define("open-output-bytevector", func(th *Thread, a []Value) Value { return Obj(newBufferOutput(false)) })
	define("get-output-bytevector", func(th *Thread, a []Value) Value {
		p := a[0].o.(*Port)
		if p.sbuf == nil || !p.Binary {
			return th.Error("get-output-bytevector", "expected a bytevector output port", a[0])
		}
		p.Flush()
		return Bytes(append([]byte{}, p.sbuf.Bytes()...))
	})

	define("read", func(th *Thread, a []Value) Value {
		p := th.inPort("read", a, 0, true)
		rd := p.reader(th)
		p.beforeRead()
		var d *syntax.Datum
		var err error
		sr := p.codeReader
		if sr == nil {
			sr = syntax.NewReader(p.Name, rd)
			if p.wantIdents {
				p.codeReader = sr // positions count on from one read to the next
			}
		}
		th.blockingRead(p, func() { d, err = sr.Read() })
		if err == io.EOF {
			return EOF
		}
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				msg := strings.Replace(se.Msg, "missing )", "unexpected end-of-file reading list or vector", 1)
				kind := "lexical-violation"
				if strings.Contains(msg, "bytestring") {
					kind = "bytestring-error" // as Foment: (srfi 207)'s bytestring-error? holds
				}
				return th.ErrorKind(kind, "read", msg, Obj(p))
			}
			return th.ioError("read", err, p)
		}
		if p.wantIdents {
			return th.In.datumToCode(d, sr, p.Name)
		}
		cv := converter{file: p.Name}
		return cv.datum(d)
	})

	openFile := func(name string, input, textual bool) {
		define(name, func(th *Thread, a []Value) Value {
			fn := goString(a[0])
			return Obj(th.openFile(name, fn, input, textual))
		})
	}
	openFile("open-input-file", true, true)
	openFile("open-output-file", false, true)
	openFile("open-binary-input-file", true, false)
	openFile("open-binary-output-file", false, false)
	withFile := func(name string, input bool) {
		define(name, func(th *Thread, a []Value) Value {
			r := &closePort{port: th.openFile(name, goString(a[0]), input, true)}
			return r.after(th, th.CallWith(r, a[1], Obj(r.port)))
		})
	}
	withFile("call-with-input-file", true)
	withFile("call-with-output-file", false)
	redirect := func(name string, input bool) {
		define(name, func(th *Thread, a []Value) Value {
			p := th.openFile(name, goString(a[0]), input, true)
			param := th.In.curOut
			if input {
				param = th.In.curIn
			}
			r := &closePort{port: p, params: th.params, restore: true}
			th.params = &paramBinding{p: param, v: Obj(p), next: th.params}
			return r.after(th, th.CallWith(r, a[1]))
		})
	}
	redirect("with-input-from-file", true)
	redirect("with-output-to-file", false)
	define("file-exists?", func(th *Thread, a []Value) Value {
		_, err := os.Stat(goString(a[0]))
		return Bool(err == nil)
	})
	define("delete-file", func(th *Thread, a []Value) Value {
		if err := os.Remove(goString(a[0])); err != nil {
			return th.ErrorKind("file-error", "delete-file", "unable to delete file", a[0], Str(errText(err)))
		}
		return Unspecified
	})

	define("current-second", func(th *Thread, a []Value) Value {
		return Flonum(float64(th.Now().UnixNano()) / 1e9)
	})
	define("current-jiffy", func(th *Thread, a []Value) Value {
		return Fixnum(th.Now().Sub(th.In.start).Microseconds())
	})
	define("jiffies-per-second", func(th *Thread, a []Value) Value { return Fixnum(1000000) })
	define("load", func(th *Thread, a []Value) Value {
		name := goString(a[0])
		src, err := srcfile.Read(name, th.In.Limits)
		if err != nil {
			var refused *srcfile.Error
			if errors.As(err, &refused) {
				return th.ErrorKind("file-error", "load", "unable to load file", a[0], Str(refused.Reason))
			}
			return th.ErrorKind("file-error", "load", "unable to open file", a[0], Str(errText(err)))
		}
		env := th.In.interactionEnv()
		if len(a) > 1 {
			env = a[1].o.(*Env)
		}
		var forms []Value
		th.compileGuarded(func() {
			var err error
			forms, err = th.In.readCode(name, src)
			if err != nil {
				panic(err)
			}
		})
		return (&loading{forms: forms, env: env}).run(th)
	})
	encoded := func(name string) {
		define(name, func(th *Thread, a []Value) Value {
			under := a[0].o.(*Port)
			if !under.Binary {
				return th.Error(name, "expected a binary port", a[0])
			}
			var t *Transcoder
			if len(a) > 1 {
				t, _ = a[1].o.(*Transcoder)
			}
			return Obj(newEncodedPort(under, t))
		})
	}
	encoded("make-encoded-port")
	encoded("transcoded-port")
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// openFile opens a file port; a failure raises a file-error with Foment's message.
func (th *Thread) openFile(who, name string, input, textual bool) *Port {
	if textual {
		if p := th.encodedFile(who, name, input); p != nil {
			return p
		}
	}
	if input {
		f, err := os.Open(name)
		if err != nil {
			th.ErrorKind("file-error", who, "unable to open file for input", Str(name), Str(errText(err)))
		}
		p := &Port{Name: name, Input: true, Textual: textual, Binary: !textual, rd: bufio.NewReaderSize(f, 64<<10),
			inOpen: true, closer: f, fd: -1, osFile: f, seeker: f}
		return p
	}
	f, err := os.Create(name)
	if err != nil {
		th.ErrorKind("file-error", who, "unable to open file for output", Str(name), Str(errText(err)))
	}
	return &Port{Name: name, Output: true, Textual: textual, Binary: !textual, wr: bufio.NewWriterSize(f, 64<<10),
		outOpen: true, closer: f, fd: -1, osFile: f, seeker: f}
}

// closePort is what call-with-port, call-with-input-file … do after their procedure returns:
// the parameter bindings outside come back (with-input-from-file …), the port is closed. A
// re-entered continuation goes on from a copy of it (rebuild.go) and closes the port again.
type closePort struct {
	port    *Port
	params  *paramBinding
	restore bool
}

func (r *closePort) clone() resumer                  { c := *r; return &c }
func (r *closePort) resume(th *Thread, _ code) Value { return r.after(th, th.resumeNext()) }
func (r *closePort) after(th *Thread, v Value) Value {
	if r.restore {
		th.params = r.params
	}
	r.port.close(th, true, true)
	return v
}
