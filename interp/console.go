package interp

import (
	"golang.org/x/sys/unix"
)

// The console and file encodings: console-port?, set-console-input-echo!, make-buffered-port
// and file-encoding.

// isConsole reports whether p is a standard port on a terminal.
func (p *Port) isConsole(in *Interp) bool {
	if p != in.Stdin && p != in.Stdout && p != in.Stderr || p.osFile == nil {
		return false
	}
	_, err := unix.IoctlGetTermios(int(p.osFile.Fd()), unix.TCGETS)
	return err == nil
}

type fileEncodingKey struct{}

// fileEncoding is the interpreter's file-encoding parameter.
func (in *Interp) fileEncoding() *Parameter {
	return in.State(fileEncodingKey{}, func() any {
		return &Parameter{Value: Obj(registry["make-encoded-port"]), Converter: False}
	}).(*Parameter)
}

// encodedFile opens a textual file port through file-encoding's procedure when a program
// has changed it; nil otherwise.
func (th *Thread) encodedFile(who, name string, input bool) *Port {
	enc := th.paramValue(th.In.fileEncoding())
	if p, ok := enc.o.(*Primitive); ok && p == registry["make-encoded-port"] {
		return nil
	}
	bin := th.openFile(who, name, input, false)
	v := th.Call(enc, Obj(bin))
	p, ok := v.o.(*Port)
	if !ok || !p.Textual {
		bin.close(th, true, true)
		th.Error(who, "expected file-encoding to make a textual port", v)
	}
	if p.under == bin {
		p.ownsUnder = true
	}
	return p
}

func init() {
	variables["file-encoding"] = func(in *Interp) Value { return Obj(in.fileEncoding()) }
	define("console-port?", func(th *Thread, a []Value) Value {
		p, ok := a[0].o.(*Port)
		return Bool(ok && p.isConsole(th.In))
	})
	define("interactive-console-port?", func(th *Thread, a []Value) Value {
		p, ok := a[0].o.(*Port)
		return Bool(ok && p == th.In.Stdin && p.isConsole(th.In))
	})
	define("set-console-input-echo!", func(th *Thread, a []Value) Value {
		p := a[0].o.(*Port)
		if p != th.In.Stdin || !p.isConsole(th.In) {
			return th.Error("set-console-input-echo!", "expected a console input port", a[0])
		}
		fd := int(p.osFile.Fd())
		t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
		if err != nil {
			return th.Error("set-console-input-echo!", "unable to read the terminal's settings", a[0], Str(err.Error()))
		}
		if a[1].IsTrue() {
			t.Lflag |= unix.ECHO
		} else {
			t.Lflag &^= unix.ECHO
		}
		if err := unix.IoctlSetTermios(fd, unix.TCSETS, t); err != nil {
			return th.Error("set-console-input-echo!", "unable to change the terminal's settings", a[0], Str(err.Error()))
		}
		return Unspecified
	})
	define("set-console-input-editline!", func(th *Thread, a []Value) Value {
		p := a[0].o.(*Port)
		if p != th.In.Stdin || !p.isConsole(th.In) {
			return th.Error("set-console-input-editline!", "expected an interactive console input port", a[0])
		}
		return Unspecified
	})
	define("make-buffered-port", func(th *Thread, a []Value) Value { return a[0] })
}
