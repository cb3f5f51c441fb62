package interp

func init() {
	out := func(name string, f func(v Value) string) {
		define(name, func(th *Thread, a []Value) Value {
			th.writeText(name, th.outPort(name, a, 1, true), f(a[0]))
			return Unspecified
		})
	}
	out("write", WriteString)
	out("write-shared", WriteSharedString)
	define("write-simple", func(th *Thread, a []Value) Value {
		port := th.outPort("write-simple", a, 1, true)
		if p := (&printer{}); p.findCycles(a[0]) {
			// Without labels a circular datum prints forever (Foment's does): refuse it.
			return th.Error("write-simple", "circular data cannot be written without datum labels (use write)", a[0])
		}
		th.writeText("write-simple", port, WriteSimpleString(a[0]))
		return Unspecified
	})
	out("display", Display)
	define("newline", func(th *Thread, a []Value) Value {
		th.writeText("newline", th.outPort("newline", a, 0, true), "\n")
		return Unspecified
	})
	define("write-char", func(th *Thread, a []Value) Value {
		th.writeText("write-char", th.outPort("write-char", a, 1, true), string(a[0].Rune()))
		return Unspecified
	})
	define("write-string", func(th *Thread, a []Value) Value {
		port := th.outPort("write-string", a, 1, true)
		s := strArg(a[0])
		start, end := th.Range("write-string", a, 2, s.Len())
		th.writeText("write-string", port, s.Substring(start, end))
		return Unspecified
	})
}

// CurrentOutput returns the current output port (current-output-port's value).
func (th *Thread) CurrentOutput() *Port {
	if p := th.In.curOut; p != nil {
		if v := th.paramValue(p); v.o != nil {
			if port, ok := v.o.(*Port); ok {
				return port
			}
		}
	}
	return th.In.Stdout
}

// writeText writes to a textual output port, raising a Scheme error when it fails.
func (th *Thread) writeText(who string, p *Port, s string) {
	if !p.OutputOpen() || !p.Textual {
		th.Error(who, "expected an open textual output port", Obj(p))
	}
	if p == th.In.Stderr {
		// Keep what the program printed before its error message.
		th.In.Stdout.Flush()
	}
	p.th = th
	if err := p.WriteString(s); err != nil {
		th.ioError(who, err, p)
	}
}

// Range checks optional [start [end]] arguments at a[i], a[i+1] against a length.
func (th *Thread) Range(who string, a []Value, i, length int) (int, int) {
	start, end := 0, length
	if len(a) > i && a[i].o != Default.o {
		if !a[i].IsFixnum() || a[i].n < 0 || a[i].n > int64(length) {
			th.Error(who, "expected a valid index", a[i])
		}
		start = int(a[i].n)
	}
	if len(a) > i+1 && a[i+1].o != Default.o {
		if !a[i+1].IsFixnum() || a[i+1].n < int64(start) || a[i+1].n > int64(length) {
			th.Error(who, "expected a valid index", a[i+1])
		}
		end = int(a[i+1].n)
	}
	return start, end
}
