package dap

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// launchArgs are the launch request's arguments (a launch configuration in VS Code).
type launchArgs struct {
	Program     string   `json:"program"`
	Args        []string `json:"args"`
	Cwd         string   `json:"cwd"`
	StopOnEntry bool     `json:"stopOnEntry"`
	NoDebug     bool     `json:"noDebug"`
	Stdin       string   `json:"stdin"` // what the program reads from standard input
}

// onLaunch compiles the program; it starts when the client has sent its breakpoints
// (configurationDone).
func (s *session) onLaunch(r *dap.LaunchRequest) {
	var a launchArgs
	if err := json.Unmarshal(r.Arguments, &a); err != nil {
		s.fail(r, "launch: %v", err)
		return
	}
	if a.Program == "" {
		s.fail(r, "launch: no program: set \"program\" to the Scheme file to run")
		return
	}
	s.mu.Lock()
	launched := s.in != nil
	s.mu.Unlock()
	if launched {
		s.fail(r, "launch: a program is running already: one session debugs one program")
		return
	}
	if a.Cwd != "" {
		if err := os.Chdir(a.Cwd); err != nil {
			s.fail(r, "launch: cwd: %v", err)
			return
		}
	}
	abs, err := filepath.Abs(a.Program)
	if err == nil {
		a.Program = abs
	}
	src, err := readSource(a.Program)
	if err != nil {
		s.fail(r, "launch: %v", err)
		return
	}
	in := interp.New(interp.Options{
		Args:   append([]string{a.Program}, a.Args...),
		Stdin:  strings.NewReader(a.Stdin),
		Stdout: &output{s, "stdout"},
		Stderr: &output{s, "stderr"},
	})
	in.LibPath = []string{filepath.Dir(a.Program), "."} // as foment-ls run: libraries beside the program
	prog, err := in.CompileProgram(a.Program, src)
	if err != nil {
		s.fail(r, "%s", strings.TrimSpace(errorText(err)))
		return
	}
	s.mu.Lock()
	s.launch, s.in, s.prog = a, in, prog
	s.stopped = map[*interp.Thread]*stop{}
	s.done = make(chan struct{})
	s.entry.Store(a.StopOnEntry)
	s.mu.Unlock()
	if !a.NoDebug {
		in.SetHook(s)
	}
	s.send(&dap.LaunchResponse{Response: response(r)})
	s.start()
}

// configurationDone starts the program: the client has sent its breakpoints. (A client may
// send it before the launch request has been answered; the launch then starts the program.)
func (s *session) configurationDone(r *dap.ConfigurationDoneRequest) {
	s.send(&dap.ConfigurationDoneResponse{Response: response(r)})
	s.mu.Lock()
	s.configured = true
	s.mu.Unlock()
	s.start()
}

// start runs the program once it is launched and configured.
func (s *session) start() {
	s.mu.Lock()
	in, prog, ready := s.in, s.prog, s.in != nil && s.configured && !s.started
	s.started = s.started || ready
	s.mu.Unlock()
	if ready {
		go s.run(in, prog)
	}
}

// run runs the program to its end and reports how it ended. As at the end of a process, the
// threads still running end and every socket closes.
func (s *session) run(in *interp.Interp, prog *interp.Program) {
	err := in.Execute(prog)
	in.Cancel("the program ended")
	s.resumeAll(stepNone)
	in.Close()
	in.Stdout.Flush()
	code := 0
	var exit *interp.ExitError
	var term *interp.Terminate
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.Code
	case errors.As(err, &term):
		code = 1
	default:
		code = 1
		s.send(&dap.OutputEvent{Event: event("output"), Body: dap.OutputEventBody{
			Category: "stderr", Output: errorText(err)}})
	}
	close(s.done)
	s.send(&dap.ExitedEvent{Event: event("exited"), Body: dap.ExitedEventBody{ExitCode: code}})
	s.send(&dap.TerminatedEvent{Event: event("terminated")})
}

// errorText is an error as the command line reports it: position, message, backtrace.
func errorText(err error) string {
	var b strings.Builder
	interp.ReportError(&b, err)
	return b.String()
}

// terminate ends the program: every thread unwinds, every socket closes.
func (s *session) terminate() {
	s.mu.Lock()
	in, started, done := s.in, s.started, s.done
	s.mu.Unlock()
	if in == nil {
		return
	}
	in.Cancel("terminated by the debugger")
	s.resumeAll(stepNone) // stopped threads run into the cancel
	if started {
		<-done
	}
}

// shutdown ends a program still running when the stream ends.
func (s *session) shutdown() { s.terminate() }

// output turns what the program writes into output events.
type output struct {
	s        *session
	category string
}

func (o *output) Write(p []byte) (int, error) {
	o.s.send(&dap.OutputEvent{Event: event("output"), Body: dap.OutputEventBody{
		Category: o.category, Output: string(p)}})
	return len(p), nil
}

// maxSource bounds a program file the adapter reads.
const maxSource = 8 << 20

// readSource reads a program file: a regular file of at most maxSource bytes. /dev/zero, a
// FIFO (opened without waiting for a writer) or a huge file is refused at once. (The loader's
// safe reader, once it is on main, does the same for every file a program names.)
func readSource(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, fileKind(fi.Mode()))
	}
	if fi.Size() > maxSource {
		return nil, fmt.Errorf("%s: %d bytes, over the limit of %d", path, fi.Size(), maxSource)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxSource+1))
	if err == nil && len(src) > maxSource {
		err = fmt.Errorf("%s: over the limit of %d bytes", path, maxSource)
	}
	return src, err
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}
