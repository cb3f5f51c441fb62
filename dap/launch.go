package dap

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"foment-ls/interp"
	"foment-ls/srcfile"

	"github.com/google/go-dap"
)

// launchArgs are the launch request's arguments (a launch configuration in VS Code).
type launchArgs struct {
	Program     string   `json:"program"`
	Args        []string `json:"args"`
	Cwd         string   `json:"cwd"`
	StopOnEntry bool     `json:"stopOnEntry"`
	NoDebug     bool     `json:"noDebug"`
	Stdin       string   `json:"stdin"`   // what the program reads from standard input (internalConsole)
	Console     string   `json:"console"` // internalConsole (the default), integratedTerminal, externalTerminal
	// LibraryPath are directories searched for libraries before the program's own, as run's -I.
	LibraryPath []string `json:"libraryPath"`
	// Record writes every input of the run into this file; Replay runs the run recorded in
	// this file again, with no network (its program, arguments and libraries come from it)
	// and lets the debugger go back; Pcap writes the program's TCP and UDP traffic to this
	// file (replay.go).
	Record string `json:"record"`
	Replay string `json:"replay"`
	Pcap   string `json:"pcap"`
}

func (a launchArgs) console() string {
	switch a.Console {
	case "integratedTerminal", "externalTerminal", "attach":
		return a.Console
	}
	return "internalConsole"
}

// onLaunch compiles the program; it starts when the client has sent its breakpoints
// (configurationDone), and its terminal, if it has one, is connected.
func (s *session) onLaunch(r *dap.LaunchRequest) {
	var a launchArgs
	if err := json.Unmarshal(r.Arguments, &a); err != nil {
		s.fail(r, "launch: %v", err)
		return
	}
	if a.Program == "" && a.Replay == "" {
		s.fail(r, "launch: no program: set \"program\" to the Scheme file to run")
		return
	}
	if a.Record != "" && a.Replay != "" {
		s.fail(r, "launch: \"record\" and \"replay\": one or the other")
		return
	}
	s.mu.Lock()
	busy := s.tgt != nil
	s.mu.Unlock()
	if busy {
		s.fail(r, "launch: a program is running already: one session debugs one program")
		return
	}
	if a.Cwd != "" {
		if err := os.Chdir(a.Cwd); err != nil {
			s.fail(r, "launch: cwd: %v", err)
			return
		}
	}
	if a.Replay != "" {
		if err := s.openRecording(&a); err != nil {
			s.fail(r, "%s", err)
			return
		}
	}
	a.Program = s.path(a.Program)
	if abs, err := filepath.Abs(a.Program); err == nil {
		a.Program = abs
	}
	tg, err := s.newTarget(a)
	if err != nil {
		s.fail(r, "%s", strings.TrimSpace(err.Error()))
		return
	}
	s.mu.Lock()
	s.launch, s.tgt = a, tg
	s.trail = nil
	s.mu.Unlock()
	s.send(&dap.LaunchResponse{Response: response(r)})
	if tg.world.rp != nil {
		s.announceStepBack()
	}
	// Now its stop sites are known: the client may send its breakpoints.
	s.send(&dap.InitializedEvent{Event: event("initialized")})
	s.openTerminal(a)
	s.startWhenReady(tg)
}

// newTarget makes an interpreter for a launch, its hook attached, and compiles the program.
func (s *session) newTarget(a launchArgs) (*target, error) { return s.newRun(a, false, false) }

// newRun makes a target for a launch; again, a replay run again (to go back): it keeps the
// session's terminal, and its output shows only what the runs before did not show; a scan
// (that finds breakpoint hits) captures nothing.
func (s *session) newRun(a launchArgs, again, scan bool) (*target, error) {
	// The program as every source file is read: a regular file, within a size limit
	// (/dev/zero, a FIFO are refused at once).
	src, err := srcfile.Read(a.Program, srcfile.Limits{})
	if err != nil {
		return nil, fmt.Errorf("launch: %v", err)
	}
	opt := interp.Options{
		Args:   append([]string{a.Program}, a.Args...),
		Stdin:  strings.NewReader(a.Stdin),
		Stdout: &output{s, "stdout"},
		Stderr: &output{s, "stderr"},
	}
	var term *terminal
	if a.console() != "internalConsole" {
		switch {
		case again:
			s.mu.Lock()
			term = s.term
			s.mu.Unlock()
		case !s.client.runInTerminal:
			s.print("console", "the client cannot run a terminal (runInTerminal): the program's input and output are in the debug console\n")
			a.Console = ""
		default:
			term = newTerminal(s)
		}
		if term != nil {
			opt.Stdout, opt.Stderr = term.out, term.out
		}
	}
	w, err := s.world(a, &opt, src, again, scan)
	if err != nil {
		if term != nil && !again {
			term.close()
		}
		return nil, err
	}
	var outs []*replayed
	if w.rp != nil {
		// Each run of a replay writes what the runs before it wrote: it is shown once.
		same := opt.Stdout == opt.Stderr
		out := &replayed{s: s, key: "stdout", w: opt.Stdout}
		opt.Stdout, outs = out, append(outs, out)
		if same {
			opt.Stderr = out
		} else {
			errs := &replayed{s: s, key: "stderr", w: opt.Stderr}
			opt.Stderr, outs = errs, append(outs, errs)
		}
	}
	in := interp.New(opt)
	// Libraries are found as foment-ls run finds them (Foment's rules, package libpath).
	in.Library.Prepend = a.LibraryPath
	if w.header != nil {
		in.Library = w.header.Library
	}
	if term != nil && w.rp == nil {
		in.SetStdin("terminal", term.in)
	}
	tg := newTarget(in, nil, a.Program)
	tg.args = a
	tg.world = w
	for _, o := range outs {
		o.tg = tg
	}
	if !a.NoDebug {
		in.SetHook(tg)
	}
	if w.rp != nil {
		in.WatchSteps(tg.watch)
		w.rp.OnDiverge = tg.diverged
		if !again {
			s.checkSource(w, a.Program, src)
		}
	}
	prog, err := in.CompileProgram(a.Program, src)
	if err != nil {
		if term != nil && !again {
			term.close()
		}
		w.close(1, err.Error(), false)
		return nil, errors.New(errorText(err))
	}
	tg.prog = prog
	s.mu.Lock()
	filters := s.filters
	if !again {
		s.term = term
	}
	s.mu.Unlock()
	tg.filters.Store(&filters)
	tg.sess.Store(s)
	if a.StopOnEntry && !a.NoDebug && !again {
		tg.entry.Store(true)
		in.Main().SetStepping(true)
	}
	return tg, nil
}

// openTerminal asks the client for the terminal of a launch, if it has one.
func (s *session) openTerminal(a launchArgs) {
	s.mu.Lock()
	term := s.term
	s.mu.Unlock()
	if term != nil {
		s.goTracked(func() { term.run(a) })
	}
}

// configurationDone starts the program: the client has sent its breakpoints. (A client may
// send it before the launch request has been answered; the launch then starts the program.)
func (s *session) configurationDone(r *dap.ConfigurationDoneRequest) {
	s.send(&dap.ConfigurationDoneResponse{Response: response(r)})
	s.mu.Lock()
	s.configured = true
	tg, attached := s.tgt, s.attached
	s.mu.Unlock()
	if tg != nil && !attached {
		s.startWhenReady(tg)
	}
}

// startWhenReady starts a launched program once it is configured and its terminal connected.
func (s *session) startWhenReady(tg *target) {
	s.mu.Lock()
	ready := s.configured && s.tgt == tg
	term := s.term
	s.mu.Unlock()
	if !ready {
		return
	}
	if term == nil {
		tg.start(s)
		return
	}
	s.goTracked(func() {
		if err := term.wait(); err != nil {
			s.print("console", "the terminal did not connect: "+err.Error()+"\n")
		}
		tg.start(s)
	})
}

// restart ends the program and launches it again, with the breakpoints it had.
func (s *session) restart(r *dap.RestartRequest) {
	s.mu.Lock()
	tg, a, attached := s.tgt, s.launch, s.attached
	s.mu.Unlock()
	if tg == nil || attached {
		s.fail(r, "restart: no launched program to restart")
		return
	}
	s.dropSpare()
	s.dropLadder()
	if len(r.Arguments) > 0 {
		var wrap struct {
			Arguments json.RawMessage `json:"arguments"`
		}
		if json.Unmarshal(r.Arguments, &wrap) == nil && len(wrap.Arguments) > 0 {
			var na launchArgs
			if json.Unmarshal(wrap.Arguments, &na) == nil && na.Program != "" {
				if abs, err := filepath.Abs(s.path(na.Program)); err == nil {
					na.Program = abs
				}
				a = na
			}
		}
	}
	tg.mu.Lock()
	tg.quiet = true
	tg.mu.Unlock()
	tg.end("restarted by the debugger")
	tg.sess.Store(nil)
	s.closeTerminal()
	s.handles.reset()
	s.mu.Lock()
	s.shown, s.trail = map[string]int64{}, nil
	s.mu.Unlock()
	ntg, err := s.newTarget(a)
	if err != nil {
		s.mu.Lock()
		s.tgt = nil
		s.mu.Unlock()
		s.fail(r, "%s", strings.TrimSpace(err.Error()))
		s.send(&dap.TerminatedEvent{Event: event("terminated")})
		return
	}
	s.mu.Lock()
	s.launch, s.tgt = a, ntg
	s.mu.Unlock()
	s.reresolve(ntg)
	s.send(&dap.RestartResponse{Response: response(r)})
	s.openTerminal(a)
	s.startWhenReady(ntg)
}

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

// Debuggee is a program run under the debugger's hook without a client (foment-ls run
// --debug): clients attach to it one at a time (ServeAttach), stop it, inspect it and detach,
// leaving it running.
type Debuggee struct {
	tg *target
	mu sync.Mutex
	// the session attached now, if any
	sess *session
}

// NewDebuggee compiles a program for an interpreter with the debugger's hook attached.
func NewDebuggee(in *interp.Interp, file string, src []byte) (*Debuggee, error) {
	tg := newTarget(in, nil, file)
	tg.args.Console = "attach"
	in.SetHook(tg)
	prog, err := in.CompileProgram(file, src)
	if err != nil {
		return nil, err
	}
	tg.prog = prog
	return &Debuggee{tg: tg}, nil
}

// Run runs the program to its end, as interp.Execute does, with clients coming and going.
func (d *Debuggee) Run() error {
	d.tg.mu.Lock()
	d.tg.started = true
	d.tg.mu.Unlock()
	err := d.tg.execute()
	d.tg.finish(err)
	return err
}

// attach makes s the client of the program; false if another is.
func (d *Debuggee) attach(s *session) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sess != nil {
		return false
	}
	d.sess = s
	return true
}

func (d *Debuggee) detached(s *session) {
	d.mu.Lock()
	if d.sess == s {
		d.sess = nil
	}
	d.mu.Unlock()
}

// onAttach attaches the session to the program it serves (ServeAttach).
func (s *session) onAttach(r *dap.AttachRequest) {
	d := s.debuggee
	if d == nil {
		s.fail(r, "attach: this adapter runs no program to attach to: launch one, or start it with foment-ls run --debug ADDRESS FILE")
		return
	}
	s.mu.Lock()
	busy := s.tgt != nil
	s.mu.Unlock()
	if busy || !d.attach(s) {
		s.fail(r, "attach: another client is attached to this program")
		return
	}
	tg := d.tg
	s.mu.Lock()
	s.tgt, s.attached = tg, true
	filters := s.filters
	s.mu.Unlock()
	tg.filters.Store(&filters)
	tg.sess.Store(s)
	select {
	case <-tg.done:
		tg.sess.Store(nil)
		d.detached(s)
		s.fail(r, "attach: the program has ended")
		return
	default:
	}
	s.send(&dap.AttachResponse{Response: response(r)})
	s.send(&dap.InitializedEvent{Event: event("initialized")})
	s.print("console", fmt.Sprintf("attached to %s (process %d)\n", tg.program, os.Getpid()))
}
