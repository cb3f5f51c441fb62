package dap

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"foment-ls/interp"
	_ "foment-ls/interp/lib/all" // the libraries foment-ls run has: the programs import them

	"github.com/google/go-dap"
)

// The sweep drives the adapter, as an editor does, over programs nobody here wrote: for each
// program a run with no breakpoints (its output must be that of a plain run), a run with a
// breakpoint on every line the adapter offers, continued until each was hit once (every line
// that a plain run reaches must be hit; the output must not change), and a run that steps in a
// seeded mix of continue, next, stepIn and stepOut; at every stop it asks for the threads, the
// stack, the scopes and their variables (a few levels down), and evaluates a local and
// (+ 1 2). Every request has a deadline; every answer must succeed or say why.
//
//	go test ./dap -run Sweep -dap-sweep DIR[,DIR...] [-dap-sweep-foment /tmp/bin/foment] -v
//
// A program NAME.scm reads NAME.input (beside it, or in inputs/ beside it) on standard input;
// it runs in its own directory.
var (
	sweepDirs   = flag.String("dap-sweep", "", "TestSweep: directories (comma-separated) of Scheme programs to debug")
	sweepOnly   = flag.String("dap-sweep-only", "", "TestSweep: only these program names (comma-separated, without .scm)")
	sweepStops  = flag.Int("dap-sweep-stops", 60, "TestSweep: stops of the stepping run per program")
	sweepFoment = flag.String("dap-sweep-foment", "", "TestSweep: real Foment, whose output a plain run must match where it runs the program")
	sweepBin    = flag.String("dap-sweep-bin", "", "TestSweep: the foment-ls binary for plain runs (default: built from ./cmd/foment-ls)")
	sweepLib    = flag.String("dap-sweep-lib", "", "TestSweep: library directories (comma-separated): run's -I, launch's libraryPath")
	sweepTime   = flag.Duration("dap-sweep-timeout", 20*time.Second, "TestSweep: the deadline of each request and of each program's run")
)

// sweepStats are the sweep's figures.
type sweepStats struct {
	mu       sync.Mutex
	programs int
	stops    int
	requests int
	failures map[string][]string // by class
}

func (st *sweepStats) fail(t *testing.T, class, program, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	st.mu.Lock()
	if st.failures == nil {
		st.failures = map[string][]string{}
	}
	st.failures[class] = append(st.failures[class], program+": "+msg)
	st.mu.Unlock()
	t.Errorf("%s: %s", class, msg)
}

func (st *sweepStats) report(t *testing.T) {
	t.Logf("sweep: %d programs, %d stops, %d requests", st.programs, st.stops, st.requests)
	classes := make([]string, 0, len(st.failures))
	for c := range st.failures {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		t.Logf("  %-14s %d", c, len(st.failures[c]))
	}
}

// sweepProgram is a program of the sweep and what a plain run of it did.
type sweepProgram struct {
	name, file, dir string
	stdin           string
	lib             []string // library directories
	plain           string   // what foment-ls run wrote (stdout and stderr)
	plainCode       int
	covered         map[string]map[int]bool // the lines that a plain run reaches, by file
}

// TestSweepBundled sweeps a few of the repository's own test programs: cheap, always run.
func TestSweepBundled(t *testing.T) {
	var progs []*sweepProgram
	for _, name := range []string{"steps.scm", "lines.scm", "error.scm", "uselib.scm", "usesquares.scm"} {
		file := testdata(name)
		p := &sweepProgram{name: strings.TrimSuffix(name, ".scm"), file: file, dir: filepath.Dir(file)}
		p.plain, p.plainCode = plainInProcess(t, p)
		progs = append(progs, p)
	}
	st := &sweepStats{}
	for _, p := range progs {
		t.Run(p.name, func(t *testing.T) { sweepOne(t, st, p, 25) })
	}
	st.report(t)
}

// TestSweep sweeps the programs of -dap-sweep.
func TestSweep(t *testing.T) {
	if *sweepDirs == "" {
		t.Skip("give -dap-sweep DIR[,DIR] (programs to debug)")
	}
	bin := *sweepBin
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "foment-ls")
		out, err := exec.Command("go", "build", "-o", bin, "../cmd/foment-ls").CombinedOutput()
		if err != nil {
			t.Fatalf("building foment-ls: %v\n%s", err, out)
		}
	}
	var only []string
	if *sweepOnly != "" {
		only = strings.Split(*sweepOnly, ",")
	}
	st := &sweepStats{}
	for _, dir := range strings.Split(*sweepDirs, ",") {
		files, _ := filepath.Glob(filepath.Join(dir, "*.scm"))
		sps, _ := filepath.Glob(filepath.Join(dir, "*.sps")) // R6RS-style programs (r7rs-libs' examples)
		for _, f := range append(files, sps...) {
			abs, _ := filepath.Abs(f)
			p := &sweepProgram{name: strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), file: abs, dir: filepath.Dir(abs)}
			if *sweepLib != "" {
				for _, d := range strings.Split(*sweepLib, ",") {
					d, _ = filepath.Abs(d)
					p.lib = append(p.lib, d)
				}
			}
			if only != nil && !slices.Contains(only, p.name) {
				continue
			}
			for _, in := range []string{filepath.Join(p.dir, p.name+".input"), filepath.Join(p.dir, "inputs", p.name+".input")} {
				if b, err := os.ReadFile(in); err == nil {
					p.stdin = string(b)
					break
				}
			}
			t.Run(p.name, func(t *testing.T) {
				var ok bool
				p.plain, p.plainCode, ok = plainRun(t, p, bin, "run")
				if !ok {
					st.fail(t, "plain-timeout", p.name, "foment-ls run took more than %v: skipped", *sweepTime)
					return
				}
				if *sweepFoment != "" {
					fout, fcode, ok := plainRun(t, p, *sweepFoment, "")
					if ok && fcode == 0 && !sameOutput(fout, p.plain) {
						st.fail(t, "run≠foment", p.name, "foment-ls run wrote\n%s\nFoment wrote\n%s", clip(p.plain), clip(fout))
					}
				}
				sweepOne(t, st, p, *sweepStops)
			})
		}
	}
	st.report(t)
}

// plainRun runs the program with a binary (foment-ls run, or Foment): its output and exit code;
// ok is false when it ran out of time.
func plainRun(t *testing.T, p *sweepProgram, bin, sub string) (string, int, bool) {
	var args []string
	if sub != "" {
		args = append(args, sub)
	}
	for _, d := range p.lib {
		args = append(args, "-I", d)
	}
	args = append(args, p.file)
	cmd := exec.Command(bin, args...)
	cmd.Dir = p.dir
	cmd.Stdin = strings.NewReader(p.stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(*sweepTime):
		cmd.Process.Kill()
		<-done
		return "", 0, false
	}
	return out.String(), cmd.ProcessState.ExitCode(), true
}

// plainInProcess runs the program in the interpreter, as foment-ls run does.
func plainInProcess(t *testing.T, p *sweepProgram) (string, int) {
	var out bytes.Buffer
	in := interp.New(interp.Options{Args: []string{p.file}, Stdout: &out, Stderr: &out, Stdin: strings.NewReader(p.stdin)})
	err := in.RunFile(p.file)
	in.Stdout.Flush()
	var exit *interp.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.Code
	}
	interp.ReportError(&out, err)
	return out.String(), 1
}

// lineCoverage is a debugger that arms every stop site and notes the lines reached.
type lineCoverage struct {
	in      *interp.Interp
	running bool // the program runs: its libraries are loaded (their load runs before a client can set breakpoints)
	mu      sync.Mutex
	lines   map[string]map[int]bool
}

func (c *lineCoverage) SourceLoaded(string) {
	var sites []*interp.Site
	for _, f := range c.in.Sources() {
		for _, st := range c.in.StopSites(f) {
			if !st.AtLoad {
				sites = append(sites, st.Site)
			}
		}
	}
	c.in.Arm(sites)
}

func (c *lineCoverage) Step(th *interp.Thread, site *interp.Site) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.running {
		return
	}
	if c.lines[site.File] == nil {
		c.lines[site.File] = map[int]bool{}
	}
	c.lines[site.File][int(site.Span.Start.Line)] = true
}

// coverage runs the program under a debugger that notes the lines it reaches (in its own
// directory, as the sweep's runs).
func coverage(t *testing.T, p *sweepProgram) map[string]map[int]bool {
	wd, _ := os.Getwd()
	if err := os.Chdir(p.dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	in := interp.New(interp.Options{Args: []string{p.file}, Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(p.stdin)})
	in.Library.Prepend = p.lib
	c := &lineCoverage{in: in, lines: map[string]map[int]bool{}}
	in.SetHook(c)
	// The program's sites are armed once it is compiled (its SourceLoaded may come before its
	// libraries', while it has no sites yet).
	src, err := os.ReadFile(p.file)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := in.CompileProgram(p.file, src)
	if err == nil {
		c.SourceLoaded(p.file)
		c.mu.Lock()
		c.running = true
		c.mu.Unlock()
		err = in.Execute(prog)
		in.Stdout.Flush()
	}
	if err != nil {
		t.Logf("the coverage run: %v", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lines
}

// sweeper is one session of the sweep: requests with deadlines, events queued.
type sweeper struct {
	t       *testing.T
	st      *sweepStats
	p       *sweepProgram
	run     string // which run: plain, hits, steps
	w       io.WriteCloser
	seq     int
	msgs    chan dap.Message
	done    chan error
	events  []dap.Message
	output  strings.Builder
	dead    bool             // a request went unanswered: the session is given up
	locs    map[string][]int // breakpoint locations by file
	locSet  map[string]map[int]bool
	exited  int
	ended   bool
	stopped *dap.StoppedEvent
}

func newSweeper(t *testing.T, st *sweepStats, p *sweepProgram, run string) *sweeper {
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	s := &sweeper{t: t, st: st, p: p, run: run, w: cw, msgs: make(chan dap.Message, 1000), done: make(chan error, 1),
		locs: map[string][]int{}, locSet: map[string]map[int]bool{}, exited: -1}
	go func() {
		defer func() {
			if r := recover(); r != nil {
				s.done <- fmt.Errorf("panic: %v", r)
			}
			sw.Close()
		}()
		s.done <- Serve(sr, sw, nil)
	}()
	go func() {
		br := bufio.NewReader(cr)
		for {
			m, err := dap.ReadProtocolMessage(br)
			if err != nil {
				close(s.msgs)
				return
			}
			s.msgs <- m
		}
	}()
	return s
}

func (s *sweeper) fail(class, format string, args ...any) {
	s.t.Helper()
	s.st.fail(s.t, class, s.p.name, "%s run: "+format, append([]any{s.run}, args...)...)
}

// take reads one message within the deadline; output events are collected.
func (s *sweeper) take(deadline <-chan time.Time) (dap.Message, bool) {
	select {
	case m, ok := <-s.msgs:
		if !ok {
			if !s.dead {
				s.fail("crash", "the adapter closed the stream")
				s.dead = true
			}
			return nil, false
		}
		switch e := m.(type) {
		case *dap.OutputEvent:
			if e.Body.Category != "console" && e.Body.Category != "important" {
				s.output.WriteString(e.Body.Output)
			}
			return nil, true
		case *dap.ExitedEvent:
			s.exited = e.Body.ExitCode
		case *dap.TerminatedEvent:
			s.ended = true
		}
		return m, true
	case <-deadline:
		return nil, false
	}
}

// call sends a request and waits for its answer, keeping the events that come before it. It
// returns nil (after reporting why) when the answer is missing or failed without a message.
func (s *sweeper) call(command string, args any) dap.ResponseMessage {
	s.t.Helper()
	if s.dead {
		return nil
	}
	s.seq++
	s.st.mu.Lock()
	s.st.requests++
	s.st.mu.Unlock()
	m := map[string]any{"seq": s.seq, "type": "request", "command": command}
	if args != nil {
		m["arguments"] = args
	}
	b, _ := json.Marshal(m)
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
		s.fail("crash", "%s: writing: %v", command, err)
		s.dead = true
		return nil
	}
	deadline := time.After(*sweepTime)
	for {
		msg, ok := s.take(deadline)
		if !ok {
			if !s.dead {
				s.fail("hang", "%s %s: no answer in %v", command, b, *sweepTime)
				s.dead = true
			}
			return nil
		}
		if msg == nil {
			continue
		}
		r, isResp := msg.(dap.ResponseMessage)
		if !isResp || r.GetResponse().RequestSeq != s.seq {
			if !isResp {
				s.events = append(s.events, msg)
			}
			continue
		}
		resp := r.GetResponse()
		if !resp.Success && strings.TrimSpace(resp.Message) == "" {
			if e, ok := msg.(*dap.ErrorResponse); !ok || e.Body.Error == nil || e.Body.Error.Format == "" {
				s.fail("no-message", "%s %s failed without saying why", command, b)
			}
		}
		return r
	}
}

// event waits for an event of type T (a stop, the end), keeping the others.
func sweepEvent[T dap.Message](s *sweeper) (T, bool) {
	var zero T
	if s.dead {
		return zero, false
	}
	deadline := time.After(*sweepTime)
	for {
		for i, m := range s.events {
			if x, ok := m.(T); ok {
				s.events = slices.Delete(s.events, i, i+1)
				return x, true
			}
		}
		m, ok := s.take(deadline)
		if !ok {
			return zero, false
		}
		if m != nil {
			if _, isResp := m.(dap.ResponseMessage); !isResp {
				s.events = append(s.events, m)
			}
		}
	}
}

// stopOrEnd waits for the next stop or the program's end: the stop, or nil at the end.
func (s *sweeper) stopOrEnd() (*dap.StoppedEvent, bool) {
	deadline := time.After(*sweepTime)
	for {
		for i, m := range s.events {
			switch e := m.(type) {
			case *dap.StoppedEvent:
				s.events = slices.Delete(s.events, i, i+1)
				return e, true
			case *dap.TerminatedEvent:
				return nil, true
			}
		}
		if s.dead {
			return nil, false
		}
		m, ok := s.take(deadline)
		if !ok {
			if !s.dead {
				s.fail("hang", "no stop and no end in %v", *sweepTime)
				s.dead = true
			}
			return nil, false
		}
		if m != nil {
			if _, isResp := m.(dap.ResponseMessage); !isResp {
				s.events = append(s.events, m)
			}
		}
	}
}

// close disconnects and waits for the session's end.
func (s *sweeper) close() {
	s.t.Helper()
	if !s.dead {
		s.call("disconnect", map[string]any{"terminateDebuggee": true})
	}
	s.w.Close()
	go func() {
		for range s.msgs {
		}
	}()
	select {
	case err := <-s.done:
		if err != nil && strings.HasPrefix(err.Error(), "panic") {
			s.fail("crash", "%v", err)
		}
	case <-time.After(*sweepTime):
		s.fail("hang", "the session did not end after the disconnect")
	}
}

func (s *sweeper) start(stopOnEntry bool) bool {
	s.call("initialize", map[string]any{"adapterID": "foment", "linesStartAt1": true, "columnsStartAt1": true,
		"pathFormat": "path", "supportsVariableType": true})
	r := s.call("launch", map[string]any{"program": s.p.file, "cwd": s.p.dir, "stdin": s.p.stdin, "stopOnEntry": stopOnEntry,
		"libraryPath": s.p.lib})
	if r == nil || !r.GetResponse().Success {
		// A program that foment-ls run refuses (it does not compile) is refused with a message.
		if r != nil && (s.p.plainCode == 0 || r.GetResponse().Message == "") {
			s.fail("launch", "%s (foment-ls run: exit code %d)", r.GetResponse().Message, s.p.plainCode)
		}
		return false
	}
	_, ok := sweepEvent[*dap.InitializedEvent](s)
	return ok
}

// locations asks where breakpoints can stop in a file (once per file).
func (s *sweeper) locations(file string) map[int]bool {
	if set, ok := s.locSet[file]; ok {
		return set
	}
	set := map[int]bool{}
	s.locSet[file] = set
	r, ok := s.call("breakpointLocations", map[string]any{"source": map[string]any{"path": file}, "line": 1, "endLine": 1 << 30}).(*dap.BreakpointLocationsResponse)
	if !ok {
		return set
	}
	for _, l := range r.Body.Breakpoints {
		if !set[l.Line] {
			s.locs[file] = append(s.locs[file], l.Line)
		}
		set[l.Line] = true
	}
	return set
}

func (s *sweeper) setBreakpoints(file string, lines []int, hitCondition string) *dap.SetBreakpointsResponse {
	bps := []map[string]any{}
	for _, l := range lines {
		bp := map[string]any{"line": l}
		if hitCondition != "" {
			bp["hitCondition"] = hitCondition
		}
		bps = append(bps, bp)
	}
	r, _ := s.call("setBreakpoints", map[string]any{"source": map[string]any{"path": file}, "breakpoints": bps}).(*dap.SetBreakpointsResponse)
	return r
}

// goTypeName is a Go type's name where a Scheme value is shown (#<*interp.Exclusive>).
var goTypeName = regexp.MustCompile(`\*?\binterp\.[A-Z]|\bmap\[|\bfunc\(|0x[0-9a-f]{8,}`)

// maxVarValue bounds a variable's value text; maxVarResponse a variables answer (a program's
// Globals scope may hold thousands of names: compiler.scm has 1347).
const (
	maxVarValue    = 10000
	maxVarResponse = 1 << 20
)

// inspect does what an editor does at a stop: threads, the stack, the scopes of the top frames
// and their variables a few levels down, evaluations. It returns the top frame's source and line.
func (s *sweeper) inspect(ev *dap.StoppedEvent, r *rand.Rand, light bool) (string, int) {
	if th, ok := s.call("threads", nil).(*dap.ThreadsResponse); ok {
		for _, x := range th.Body.Threads {
			if x.Name == "" || x.Name == "#f" || goTypeName.MatchString(x.Name) {
				s.fail("names", "a thread named %q", x.Name)
			}
		}
	}
	if ev.Body.Reason == "exception" {
		if r := s.call("exceptionInfo", map[string]any{"threadId": ev.Body.ThreadId}); r != nil && !r.GetResponse().Success {
			s.fail("exception", "exceptionInfo at an exception stop: %s", r.GetResponse().Message)
		}
	}
	st, ok := s.call("stackTrace", map[string]any{"threadId": ev.Body.ThreadId, "startFrame": 0, "levels": 20}).(*dap.StackTraceResponse)
	if !ok {
		return "", 0
	}
	if !st.Success {
		s.fail("stack", "stackTrace at a %s stop: %s", ev.Body.Reason, st.Message)
		return "", 0
	}
	if len(st.Body.StackFrames) == 0 {
		s.fail("stack", "a %s stop with no frames", ev.Body.Reason)
		return "", 0
	}
	top := st.Body.StackFrames[0]
	file := ""
	if top.Source != nil {
		file = top.Source.Path
	}
	frames := st.Body.StackFrames[:1]
	if !light && len(st.Body.StackFrames) > 1 {
		frames = append(frames, st.Body.StackFrames[1+r.IntN(len(st.Body.StackFrames)-1)])
	}
	for _, f := range frames {
		sc, ok := s.call("scopes", map[string]any{"frameId": f.Id}).(*dap.ScopesResponse)
		if !ok || !sc.Success {
			if ok {
				s.fail("scopes", "scopes of frame %q: %s", f.Name, sc.Message)
			}
			continue
		}
		exprs := []string{"(+ 1 2)"}
		shown := map[string]string{} // a local's value as the Variables view shows it
		for _, scope := range sc.Body.Scopes {
			if scope.Name == "Error" && ev.Body.Reason != "exception" {
				s.fail("scopes", "an Error scope at a %s stop", ev.Body.Reason)
			}
			depth := 3
			if light || scope.Name == "Globals" && r.IntN(4) != 0 {
				depth = 1
			}
			vars := s.variables(scope.Name, scope.VariablesReference, depth, r)
			if scope.Name == "Locals" && !light {
				for i, v := range vars {
					if i < 4 && !strings.HasPrefix(v.Name, "(") { // (name): shadowed; evaluating it would call
						exprs = append(exprs, v.Name)
						shown[v.Name] = v.Value
					}
				}
			}
		}
		for i, e := range exprs {
			context := []string{"watch", "hover", "repl"}[i%3]
			ans, ok := s.call("evaluate", map[string]any{"expression": e, "frameId": f.Id, "context": context}).(dap.ResponseMessage)
			if !ok {
				continue
			}
			if ev, isEval := ans.(*dap.EvaluateResponse); e == "(+ 1 2)" && (!isEval || !ev.Success || ev.Body.Result != "3") {
				s.fail("evaluate", "(+ 1 2) in frame %q: %+v", f.Name, ans.GetResponse())
			}
			if ev, isEval := ans.(*dap.EvaluateResponse); isEval && ev.Success && shown[e] != "" && !strings.Contains(shown[e], "…") &&
				ev.Body.Result != shown[e] && context != "repl" {
				s.fail("eval≠var", "%s in frame %q: evaluated %q, shown %q", e, f.Name, ev.Body.Result, shown[e])
			}
			if len(fmt.Sprint(ans)) > maxVarValue*2 {
				s.fail("budget", "evaluate %s: an answer of %d bytes", e, len(fmt.Sprint(ans)))
			}
		}
	}
	return file, top.Line
}

// variables fetches a variable's children, depth levels down (a few children at each level).
func (s *sweeper) variables(path string, ref, depth int, r *rand.Rand) []dap.Variable {
	if ref == 0 || depth == 0 {
		return nil
	}
	vr, ok := s.call("variables", map[string]any{"variablesReference": ref}).(*dap.VariablesResponse)
	if !ok {
		return nil
	}
	if !vr.Success {
		s.fail("variables", "%s: %s", path, vr.Message)
		return nil
	}
	vs := vr.Body.Variables
	if b, _ := json.Marshal(vr); len(b) > maxVarResponse {
		s.fail("budget", "%s: an answer of %d bytes (%d variables)", path, len(b), len(vs))
	}
	expanded := 0
	for _, v := range vs {
		if goTypeName.MatchString(v.Value) || goTypeName.MatchString(v.Type) {
			s.fail("names", "%s.%s: a Go type shows: %q (%s)", path, v.Name, v.Value, v.Type)
		}
		if len(v.Value) > maxVarValue {
			s.fail("budget", "%s.%s: a value of %d bytes", path, v.Name, len(v.Value))
		}
		if v.VariablesReference > 0 && expanded < 3 && (depth > 1) {
			expanded++
			s.variables(path+"."+v.Name, v.VariablesReference, depth-1, r)
		}
	}
	return vs
}

// checkLine checks that a stop is on a line the adapter offers for breakpoints.
func (s *sweeper) checkLine(ev *dap.StoppedEvent, file string, line int) {
	if file == "" || line == 0 {
		return // a frame without source (a builtin) is shown as such
	}
	if !s.locations(file)[line] {
		s.fail("stop-line", "a %s stop at %s:%d, which breakpointLocations does not offer (%v)", ev.Body.Reason,
			filepath.Base(file), line, s.locs[file])
	}
}

func (s *sweeper) stop() {
	s.st.mu.Lock()
	s.st.stops++
	s.st.mu.Unlock()
}

// timings are the lines of a benchmark's output that change from run to run.
var timings = regexp.MustCompile(`(?m)(Elapsed time|\+!CSVLINE!\+|Total memory).*$`)

func sameOutput(a, b string) bool {
	return a == b || timings.ReplaceAllString(a, "") == timings.ReplaceAllString(b, "")
}

func (s *sweeper) checkOutput() {
	if got := s.output.String(); !sameOutput(got, s.p.plain) {
		s.fail("output", "the debugged program wrote\n%q\nfoment-ls run wrote\n%q", clip(got), clip(s.p.plain))
	}
	if s.exited != s.p.plainCode {
		s.fail("output", "exit code %d, foment-ls run's %d", s.exited, s.p.plainCode)
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:1000] + "\n…\n" + s[len(s)-1000:]
	}
	return s
}

// sweepOne sweeps a program: a run with no breakpoints, a run that hits every line, a run that
// steps.
func sweepOne(t *testing.T, st *sweepStats, p *sweepProgram, stops int) {
	st.mu.Lock()
	st.programs++
	st.mu.Unlock()
	p.covered = coverage(t, p)

	// 1. No breakpoints: the output is the plain run's.
	s := newSweeper(t, st, p, "plain")
	if s.start(false) {
		s.call("setExceptionBreakpoints", map[string]any{"filters": []string{}})
		s.call("configurationDone", nil)
		if _, ok := sweepEvent[*dap.TerminatedEvent](s); !ok && !s.dead {
			s.fail("hang", "the program did not end in %v", *sweepTime)
			s.dead = true
		}
		if !s.dead {
			s.checkOutput()
		}
	}
	s.close()

	// 2. A breakpoint on every line offered in every file loaded (the program, what it
	// includes, its libraries), each to stop on its first hit only (hit condition "== 1";
	// re-sending thousands of breakpoints at each stop would measure the client), until the end.
	s = newSweeper(t, st, p, "hits")
	r := rand.New(rand.NewPCG(1, uint64(len(p.name))))
	if s.start(true) {
		files := []string{p.file}
		if ls, ok := s.call("loadedSources", nil).(*dap.LoadedSourcesResponse); ok {
			for _, src := range ls.Body.Sources {
				if src.Path != "" && src.Path != p.file {
					if _, err := os.Stat(src.Path); err == nil {
						files = append(files, src.Path)
					}
				}
			}
		}
		for _, f := range files {
			locs := s.locations(f)
			lines := slices.Clone(s.locs[f])
			if bs := s.setBreakpoints(f, lines, "== 1"); bs != nil {
				for i, b := range bs.Body.Breakpoints {
					if b.Verified && !locs[b.Line] {
						s.fail("verify", "%s: a breakpoint on line %d verified on line %d, not a location", filepath.Base(f), lines[i], b.Line)
					}
					if !b.Verified {
						s.fail("verify", "%s: a breakpoint on offered line %d is not verified: %s", filepath.Base(f), lines[i], b.Message)
					}
				}
			}
		}
		s.call("configurationDone", nil)
		hit, bpHit := map[string]map[int]bool{}, map[string]map[int]bool{}
		for _, f := range files {
			hit[f], bpHit[f] = map[int]bool{}, map[int]bool{}
		}
		for n := 0; ; n++ {
			ev, ok := s.stopOrEnd()
			if !ok || ev == nil {
				break
			}
			s.stop()
			file, line := s.inspect(ev, r, n > 30)
			s.checkLine(ev, file, line)
			if hit[file] == nil {
				continue
			}
			if ev.Body.Reason == "breakpoint" {
				if bpHit[file][line] {
					s.fail("hit-count", "%s:%d stopped twice with hit condition == 1", filepath.Base(file), line)
				}
				bpHit[file][line] = true
			}
			hit[file][line] = true // the entry stop counts
			if ev.Body.Reason == "exception" {
				s.call("setExceptionBreakpoints", map[string]any{"filters": []string{}})
			}
			s.call("continue", map[string]any{"threadId": ev.Body.ThreadId})
		}
		if !s.dead {
			for _, f := range files {
				var missed []int
				covered := 0
				for _, l := range s.locs[f] {
					if p.covered[f][l] {
						covered++
						if !hit[f][l] {
							missed = append(missed, l)
						}
					}
				}
				if len(missed) > 0 {
					s.fail("missed", "%s: lines a plain run reaches, with verified breakpoints, never hit: %v", filepath.Base(f), missed)
				}
				s.t.Logf("%s: %d lines offered, %d reached by a plain run, %d hit", filepath.Base(f), len(s.locs[f]), covered, len(hit[f]))
			}
			s.checkOutput()
		}
	}
	s.close()

	// 3. Pauses while it runs: each pause stops it (or comes after its end); the output is
	// unchanged.
	s = newSweeper(t, st, p, "pause")
	if s.start(false) {
		s.call("setExceptionBreakpoints", map[string]any{"filters": []string{}})
		s.call("configurationDone", nil)
		for i := 0; i < 5 && !s.ended && !s.dead; i++ {
			time.Sleep(time.Duration(10+r.IntN(40)) * time.Millisecond)
			resp := s.call("pause", map[string]any{"threadId": 1})
			if resp == nil || !resp.GetResponse().Success || s.ended {
				continue // a pause after the end may fail, with its message
			}
			ev, ok := s.stopOrEnd()
			if !ok || ev == nil {
				break
			}
			s.stop()
			file, line := s.inspect(ev, r, true)
			s.checkLine(ev, file, line)
			s.call("continue", map[string]any{"threadId": ev.Body.ThreadId})
		}
		if _, ok := sweepEvent[*dap.TerminatedEvent](s); !ok && !s.ended && !s.dead {
			s.fail("hang", "the program did not end in %v after pauses", *sweepTime)
			s.dead = true
		}
		if !s.dead {
			s.checkOutput()
		}
	}
	s.close()

	// 4. Stepping: a seeded mix of continue, next, stepIn and stepOut, with breakpoints on a
	// third of the lines, for a bounded number of stops.
	s = newSweeper(t, st, p, "steps")
	if s.start(true) {
		s.locations(p.file)
		var some []int
		for _, l := range s.locs[p.file] {
			if r.IntN(3) == 0 {
				some = append(some, l)
			}
		}
		s.setBreakpoints(p.file, some, "")
		s.call("configurationDone", nil)
		for n := 0; n < stops; n++ {
			ev, ok := s.stopOrEnd()
			if !ok || ev == nil {
				break
			}
			s.stop()
			file, line := s.inspect(ev, r, false)
			s.checkLine(ev, file, line)
			cmd := []string{"continue", "next", "next", "stepIn", "stepIn", "stepOut"}[r.IntN(6)]
			resp := s.call(cmd, map[string]any{"threadId": ev.Body.ThreadId})
			if resp != nil && !resp.GetResponse().Success {
				s.fail("step", "%s: %s", cmd, resp.GetResponse().Message)
			}
		}
	}
	s.close()
}
