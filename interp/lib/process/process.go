// Package process runs other programs: (foment base)'s subprocess, the process procedures
// and system. A subprocess's standard ports are files or pipes; a port that is not a file
// (a string port, a socket) is joined to its pipe by a Scheme thread that copies.
package process

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"unicode/utf8"

	"foment-ls/interp"
)

// Subprocess is a program started by subprocess or process*/ports.
type Subprocess struct {
	proc *os.Process
	done chan struct{} // closed when the process has ended and status is set
	// status is the exit status, or the number of the signal that ended the process.
	status int
	// copiers are the threads that copy its output into ports that are not files.
	copiers []interp.Value
}

func (s *Subprocess) SchemeString() string { return fmt.Sprintf("#<subprocess: pid: %d>", s.proc.Pid) }

// Status returns the exit status (or ending signal), and whether the process has ended.
func (s *Subprocess) Status() (int, bool) {
	select {
	case <-s.done:
		return s.status, true
	default:
		return 0, false
	}
}

func subOf(v interp.Value) *Subprocess { return v.Object().(*Subprocess) }

// stdio describes one standard port of the child: the file it gets, the port returned for a
// pipe, and the port a copying thread joins to the pipe.
type stdio struct {
	child    *os.File // given to the child
	parent   *os.File // our end of a pipe, or nil
	returned interp.Value
	copyTo   *interp.Port // copy the pipe's output into this port
	copyFrom *interp.Port // copy this port's input into the pipe
}

// checkPort checks a standard port argument: #f or a port of the right direction.
func checkPort(th *interp.Thread, who string, v interp.Value, input bool) {
	if v.IsFalse() {
		return
	}
	p, ok := v.Object().(*interp.Port)
	if !ok || (input && !p.Input) || (!input && !p.Output) {
		want := "an output port"
		if input {
			want = "an input port"
		}
		th.Error(who, "expected #f or "+want, v)
	}
}

// setup decides how the child gets one standard port from the argument v: #f is a pipe whose
// port is returned; a port with a file is given as it is; another port is joined by a copier.
func setup(v interp.Value, input bool, name string) (*stdio, error) {
	if v.IsFalse() {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		if input { // the child reads: we write
			return &stdio{child: r, parent: w, returned: interp.Obj(interp.NewFilePort(name, w, false))}, nil
		}
		return &stdio{child: w, parent: r, returned: interp.Obj(interp.NewFilePort(name, r, true))}, nil
	}
	p := v.Object().(*interp.Port)
	if f := p.File(); f != nil {
		return &stdio{child: f, returned: interp.False}, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	if input {
		return &stdio{child: r, parent: w, returned: interp.False, copyFrom: p}, nil
	}
	return &stdio{child: w, parent: r, returned: interp.False, copyTo: p}, nil
}

// start runs command with args; the results are the subprocess and the ports returned for
// its standard output, input and error.
func start(th *interp.Thread, who string, out, in, errv interp.Value, command string, args []string) (*Subprocess, [3]interp.Value) {
	toStdout := interp.Eq(errv, interp.Sym("stdout"))
	checkPort(th, who, out, false)
	checkPort(th, who, in, true)
	if !toStdout {
		checkPort(th, who, errv, false)
	}
	var ios []*stdio
	var opened []*os.File
	closeAll := func(files []*os.File) {
		for _, f := range files {
			f.Close()
		}
	}
	fail := func(msg string, err error) {
		closeAll(opened)
		th.Error(who, msg, interp.Str(command), interp.Str(reason(err)))
	}
	for i, spec := range []struct {
		v     interp.Value
		input bool
		name  string
	}{{out, false, "subprocess-stdout"}, {in, true, "subprocess-stdin"}, {errv, false, "subprocess-stderr"}} {
		if i == 2 && toStdout {
			ios = append(ios, &stdio{child: ios[0].child, returned: interp.False})
			continue
		}
		s, err := setup(spec.v, spec.input, spec.name)
		if err != nil {
			fail("unable to make a pipe", err)
		}
		ios = append(ios, s)
		if s.parent != nil {
			opened = append(opened, s.parent, s.child)
		}
	}
	th.In.Stdout.Flush()
	th.In.Stderr.Flush()
	argv := append([]string{baseName(command)}, args...)
	proc, err := os.StartProcess(command, argv, &os.ProcAttr{Files: []*os.File{ios[1].child, ios[0].child, ios[2].child}})
	if err != nil {
		fail("unable to start program", err)
	}
	// The child has its ends of the pipes: ours are the parent ends.
	for _, s := range ios {
		if s.parent != nil {
			s.child.Close()
		}
	}
	sub := &Subprocess{proc: proc, done: make(chan struct{})}
	go func() {
		st, err := proc.Wait()
		if err == nil {
			ws := st.Sys().(syscall.WaitStatus)
			if ws.Signaled() {
				sub.status = int(ws.Signal())
			} else {
				sub.status = ws.ExitStatus()
			}
		}
		close(sub.done)
	}()
	for _, s := range ios {
		switch {
		case s.copyTo != nil:
			sub.copiers = append(sub.copiers, runThread(th, copyOut(s.parent, s.copyTo)))
		case s.copyFrom != nil:
			// Not waited for: it ends at the port's end, or when the child no longer reads.
			runThread(th, copyIn(s.copyFrom, s.parent))
		}
	}
	return sub, [3]interp.Value{ios[0].returned, ios[1].returned, ios[2].returned}
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func runThread(th *interp.Thread, thunk *interp.Primitive) interp.Value {
	return interp.Builtin("run-thread").Fn(th, []interp.Value{interp.Obj(thunk)})
}

func call(th *interp.Thread, name string, args ...interp.Value) interp.Value {
	return th.Call(interp.Obj(interp.Builtin(name)), args...)
}

// copyOut copies what the child writes to a pipe into a port.
func copyOut(r *os.File, to *interp.Port) *interp.Primitive {
	return &interp.Primitive{Name: "subprocess-output", Fn: func(th *interp.Thread, _ []interp.Value) interp.Value {
		defer r.Close()
		buf := make([]byte, 32<<10)
		var carry []byte // an incomplete UTF-8 sequence at the end of a read
		for {
			var n int
			var err error
			th.Unlocked(func() { n, err = r.Read(buf) })
			if n > 0 && !to.OutputOpen() {
				n = 0 // the port was closed: what the child writes is dropped
			}
			if n > 0 {
				if to.Textual {
					var text []byte
					text, carry = splitUTF8(append(carry, buf[:n]...))
					call(th, "write-string", interp.Str(string(text)), interp.Obj(to))
				} else {
					call(th, "write-bytevector", interp.Bytes(append([]byte(nil), buf[:n]...)), interp.Obj(to))
				}
			}
			if err != nil {
				break
			}
		}
		if to.OutputOpen() {
			if len(carry) > 0 {
				call(th, "write-string", interp.Str(string(carry)), interp.Obj(to))
			}
			call(th, "flush-output-port", interp.Obj(to))
		}
		return interp.Unspecified
	}}
}

// splitUTF8 splits b before an incomplete UTF-8 sequence at its end.
func splitUTF8(b []byte) (complete, rest []byte) {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i], append([]byte(nil), b[i:]...)
			}
			break
		}
	}
	return b, nil
}

// copyIn copies what a port holds into the pipe the child reads, until the port's end.
func copyIn(from *interp.Port, w *os.File) *interp.Primitive {
	return &interp.Primitive{Name: "subprocess-input", Fn: func(th *interp.Thread, _ []interp.Value) interp.Value {
		defer w.Close()
		port := interp.Obj(from)
		for {
			var chunk []byte
			if from.Textual {
				c := call(th, "read-char", port)
				if c.IsEOF() {
					return interp.Unspecified
				}
				s := []rune{c.Rune()}
				for len(s) < 4096 && call(th, "char-ready?", port).IsTrue() {
					c = call(th, "read-char", port)
					if c.IsEOF() {
						break
					}
					s = append(s, c.Rune())
				}
				chunk = []byte(string(s))
			} else {
				b := call(th, "read-bytevector", interp.Fixnum(32<<10), port)
				if b.IsEOF() {
					return interp.Unspecified
				}
				chunk = b.Object().(*interp.Bytevector).B
			}
			var err error
			th.Unlocked(func() { _, err = w.Write(chunk) })
			if err != nil {
				return interp.Unspecified // the child stopped reading
			}
		}
	}}
}

// wait waits for the process to end and its copiers to finish.
func (s *Subprocess) wait(th *interp.Thread) {
	th.BlockOn(func(wake <-chan struct{}) bool {
		select {
		case <-s.done:
			return true
		case <-wake:
			return false
		}
	})
	for _, c := range s.copiers {
		interp.Builtin("thread-join!").Fn(th, []interp.Value{c})
	}
	s.copiers = nil
}

func (s *Subprocess) kill(force bool) {
	if _, done := s.Status(); done {
		return
	}
	sig := os.Interrupt
	if force {
		sig = syscall.SIGTERM
	}
	s.proc.Signal(sig)
}

func strs(a []interp.Value) []string {
	out := make([]string, len(a))
	for i, v := range a {
		out[i] = interp.StringOf(v)
	}
	return out
}

func shell(cmd interp.Value) []interp.Value {
	return []interp.Value{interp.Str("/bin/sh"), interp.Str("-c"), cmd}
}

// processPorts is process*/ports: it returns (stdout stdin pid stderr control).
func processPorts(th *interp.Thread, who string, out, in, errv interp.Value, cmd []interp.Value) interp.Value {
	sub, ports := start(th, who, out, in, errv, interp.StringOf(cmd[0]), strs(cmd[1:]))
	ctrl := &interp.Primitive{Name: "control-process", Min: 1, Max: 1, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
		status, done := sub.Status()
		switch {
		case interp.Eq(a[0], interp.Sym("status")):
			switch {
			case !done:
				return interp.Sym("running")
			case status == 0:
				return interp.Sym("done-ok")
			}
			return interp.Sym("done-error")
		case interp.Eq(a[0], interp.Sym("exit-code")):
			if !done {
				return interp.False
			}
			return interp.Int(status)
		case interp.Eq(a[0], interp.Sym("wait")):
			sub.wait(th)
			return interp.Unspecified
		case interp.Eq(a[0], interp.Sym("interrupt")):
			sub.kill(false)
			return interp.Unspecified
		case interp.Eq(a[0], interp.Sym("kill")):
			sub.kill(true)
			return interp.Unspecified
		}
		return th.Error("<control-process>", "expected status, exit-code, wait, interrupt, or kill", a[0])
	}}
	return interp.List(ports[0], ports[1], interp.Int(sub.proc.Pid), ports[2], interp.Obj(ctrl))
}

// exitCode runs a command with the current ports and returns its exit status.
func exitCode(th *interp.Thread, who string, cmd []interp.Value) int {
	sub, _ := start(th, who, call(th, "current-output-port"), call(th, "current-input-port"),
		call(th, "current-error-port"), interp.StringOf(cmd[0]), strs(cmd[1:]))
	sub.wait(th)
	status, _ := sub.Status()
	return status
}

func init() {
	interp.DefineKind("subprocess", func(v interp.Value) bool { _, ok := v.Object().(*Subprocess); return ok })
	interp.Define("subprocess", func(th *interp.Thread, a []interp.Value) interp.Value {
		sub, ports := start(th, "subprocess", a[0], a[1], a[2], interp.StringOf(a[3]), strs(a[4:]))
		return interp.Values(interp.Obj(sub), ports[0], ports[1], ports[2])
	})
	interp.Define("subprocess?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := a[0].Object().(*Subprocess)
		return interp.Bool(ok)
	})
	interp.Define("subprocess-wait", func(th *interp.Thread, a []interp.Value) interp.Value {
		subOf(a[0]).wait(th)
		return interp.Unspecified
	})
	interp.Define("subprocess-status", func(th *interp.Thread, a []interp.Value) interp.Value {
		status, done := subOf(a[0]).Status()
		if !done {
			return interp.Sym("running")
		}
		return interp.Int(status)
	})
	interp.Define("subprocess-kill", func(th *interp.Thread, a []interp.Value) interp.Value {
		subOf(a[0]).kill(a[1].IsTrue())
		return interp.Unspecified
	})
	interp.Define("subprocess-pid", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Int(subOf(a[0]).proc.Pid)
	})
	interp.Define("process*/ports", func(th *interp.Thread, a []interp.Value) interp.Value {
		return processPorts(th, "process*/ports", a[0], a[1], a[2], a[3:])
	})
	interp.Define("process/ports", func(th *interp.Thread, a []interp.Value) interp.Value {
		return processPorts(th, "process/ports", a[0], a[1], a[2], shell(a[3]))
	})
	current := func(th *interp.Thread) (interp.Value, interp.Value, interp.Value) {
		return call(th, "current-output-port"), call(th, "current-input-port"), call(th, "current-error-port")
	}
	interp.Define("process*", func(th *interp.Thread, a []interp.Value) interp.Value {
		out, in, errp := current(th)
		return processPorts(th, "process*", out, in, errp, a)
	})
	interp.Define("process", func(th *interp.Thread, a []interp.Value) interp.Value {
		out, in, errp := current(th)
		return processPorts(th, "process", out, in, errp, shell(a[0]))
	})
	interp.Define("system*/exit-code", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Int(exitCode(th, "system*/exit-code", a))
	})
	interp.Define("system/exit-code", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Int(exitCode(th, "system/exit-code", shell(a[0])))
	})
	interp.Define("system*", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(exitCode(th, "system*", a) == 0)
	})
	interp.Define("system", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(exitCode(th, "system", shell(a[0])) == 0)
	})
}
