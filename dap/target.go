package dap

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// target is a program being debugged: one interpreter, its threads and their stops. It is the
// interpreter's hook. (One session debugs one target today; nothing here assumes it is the
// only one: a session holding a server's and a client's interpreters would hold two.)
type target struct {
	in      *interp.Interp
	prog    *interp.Program
	program string // the program file
	args    launchArgs

	// sess is the client the target reports to: nil while no client is attached (a program
	// run with --debug between clients), and then nothing stops.
	sess atomic.Pointer[session]
	// running is set while the program runs: stops happen only then (not while it compiles,
	// when a library's top-level code runs).
	running atomic.Bool
	entry   atomic.Bool // stop at the first step of the main thread
	bpx     atomic.Pointer[bpIndex]
	filters atomic.Pointer[map[string]string] // enabled exception filters → condition

	mu      sync.Mutex // guards what follows
	threads map[*interp.Thread]*thread
	byID    map[int]*thread
	nextID  int
	started bool
	ending  bool // ending: nothing stops any more
	done    chan struct{}
	code    int
	quiet   bool                // its end is not reported (a restart)
	files   map[string][]string // canonical path → the interpreter's names of that file

	// world is what the program runs in: a recording, a replay, a capture (replay.go).
	world *worldState
	// A run of a replay that goes back (replay.go): going to step goal (ffwd: nothing stops,
	// nothing is told meanwhile), where it stops for goalReason, telling arrive; a scan notes
	// the breakpoint hits on its way in hits. first is the program's first step; retired, a
	// run that another replaced.
	ffwd       atomic.Bool
	goal       atomic.Uint64
	goalReason string
	goalBps    []int
	arrive     chan *stop
	scanning   bool
	hits       []hit // guarded by mu
	first      atomic.Uint64
	retired    atomic.Bool

	counts sync.Map // *breakpoint → *atomic.Int64: the hits in this run
}

// ended reports whether the target is ending or has ended: nothing stops in it any more.
func (tg *target) ended() bool {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.ending
}

// hitsOf returns the count of a breakpoint's hits in this run.
func (tg *target) hitsOf(bp *breakpoint) *atomic.Int64 {
	if c, ok := tg.counts.Load(bp); ok {
		return c.(*atomic.Int64)
	}
	c, _ := tg.counts.LoadOrStore(bp, new(atomic.Int64))
	return c.(*atomic.Int64)
}

func newTarget(in *interp.Interp, prog *interp.Program, program string) *target {
	tg := &target{in: in, prog: prog, program: program, threads: map[*interp.Thread]*thread{},
		byID: map[int]*thread{}, done: make(chan struct{}), files: map[string][]string{}}
	tg.bpx.Store(&bpIndex{})
	tg.threadOf(in.Main())
	return tg
}

// thread is the adapter's state of a Scheme thread.
type thread struct {
	id int
	th *interp.Thread

	// guarded by target.mu
	stops       []*stop // nested stops, the current one last
	pauseWanted bool    // a pause was asked for and has not stopped the thread yet
	exited      bool

	// the thread's own: only it reads and writes them (or the session, while the thread holds
	// still and before it runs again)
	mode        stepMode
	depth, line int
	file        string
	// where the thread last stopped: the other stop sites of that line in the same frame do
	// not stop it again (a line holds several calls) until it leaves the line or comes back to
	// the very site it stopped at (a loop written on one line)
	last       bool
	lastSite   *interp.Site
	lastDepth  int
	evaluating int           // running a condition, log message or evaluation: no stops
	evals      []*evaluation // the evaluations running on the thread, innermost last
	// In a replay: the thread's last step, and what going back needs of its past (replay.go).
	lastN uint64
	trk   tracker
}

// stepMode is what a thread does until it stops again.
type stepMode int

const (
	stepNone stepMode = iota // run to a breakpoint
	stepOver                 // the next line of this procedure, or of its caller
	stepIn                   // the next line anywhere
	stepOut                  // the next line of the caller
)

// threadOf returns the adapter's state of a thread, numbering a thread it has not seen.
func (tg *target) threadOf(th *interp.Thread) *thread {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.threadOfLocked(th)
}

func (tg *target) threadOfLocked(th *interp.Thread) *thread {
	t := tg.threads[th]
	if t == nil {
		tg.nextID++
		t = &thread{id: tg.nextID, th: th}
		tg.threads[th] = t
		tg.byID[t.id] = t
	}
	return t
}

// own is threadOf on the thread itself, at every step: cached in the thread's Local field,
// which only the thread touches.
func (tg *target) own(th *interp.Thread) *thread {
	if t, ok := th.Local.(*thread); ok {
		return t
	}
	t := tg.threadOf(th)
	th.Local = t
	return t
}

func (tg *target) byNumber(id int) *thread {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.byID[id]
}

// ThreadStarted announces a thread the program started (a server's worker).
func (tg *target) ThreadStarted(th *interp.Thread) {
	t := tg.threadOf(th)
	if s := tg.sess.Load(); s != nil && !tg.ffwd.Load() {
		s.send(&dap.ThreadEvent{Event: event("thread"), Body: dap.ThreadEventBody{Reason: "started", ThreadId: t.id}})
	}
}

// ThreadExited announces a thread's end.
func (tg *target) ThreadExited(th *interp.Thread) {
	tg.mu.Lock()
	t := tg.threads[th]
	if t != nil {
		t.exited = true
		delete(tg.threads, th)
		delete(tg.byID, t.id)
	}
	tg.mu.Unlock()
	if s := tg.sess.Load(); s != nil && t != nil && !tg.ffwd.Load() {
		s.send(&dap.ThreadEvent{Event: event("thread"), Body: dap.ThreadEventBody{Reason: "exited", ThreadId: t.id}})
	}
}

// SourceLoaded hears of a file compiled after the launch (a library loaded at run time):
// breakpoints waiting for it are set.
func (tg *target) SourceLoaded(file string) {
	canon := canonical(file)
	tg.mu.Lock()
	known := false
	for _, f := range tg.files[canon] {
		known = known || f == file
	}
	if !known {
		tg.files[canon] = append(tg.files[canon], file)
	}
	tg.mu.Unlock()
	if s := tg.sess.Load(); s != nil && !known && tg.running.Load() {
		if s.target() != tg {
			// A run of a replay going back, or parked: its breakpoints, and nothing to tell.
			s.armRun(tg)
			return
		}
		s.sourceLoaded(tg, file)
	}
}

// namesOf returns the interpreter's names of a file, given its canonical path.
func (tg *target) namesOf(canon string) []string {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return append([]string(nil), tg.files[canon]...)
}

// canonical is a file's absolute path with its symbolic links resolved: the same file reached
// through a link and through its real path is one file.
func canonical(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path
}

// Step is the interpreter's hook: it runs on the thread at an armed site, or at every site
// while the thread steps.
func (tg *target) Step(th *interp.Thread, site *interp.Site) {
	if !tg.running.Load() {
		return
	}
	t := tg.own(th)
	if t.evaluating > 0 {
		return
	}
	depth := len(th.Frames())
	line := site.Span.Start.Line
	if tg.ffwd.Load() {
		// Going to a step of a replay: no stops, but the breakpoints count their hits.
		if t.last && (site == t.lastSite || site.File != t.lastSite.File || line != t.lastSite.Span.Start.Line || depth != t.lastDepth) {
			t.last = false
		}
		if !t.last && site.Armed() {
			tg.breakAt(th, t, site, depth)
		}
		return
	}
	if t.last && (site == t.lastSite || site.File != t.lastSite.File ||
		line != t.lastSite.Span.Start.Line || depth != t.lastDepth) {
		t.last = false
	}
	switch {
	case tg.entry.Load() && t.id == 1 && tg.entry.CompareAndSwap(true, false):
		tg.stopAt(t, &stop{site: site, reason: "entry"})
	case t.mode != stepNone && t.stepDone(site, depth):
		tg.stopAt(t, &stop{site: site, reason: "step"})
	case !t.last && site.Armed():
		tg.breakAt(th, t, site, depth)
	}
}

// stepDone reports whether a step that began at t's position ends at site.
func (t *thread) stepDone(site *interp.Site, depth int) bool {
	moved := site.File != t.file || int(site.Span.Start.Line) != t.line
	switch t.mode {
	case stepIn:
		return moved || depth != t.depth
	case stepOver:
		return depth < t.depth || depth == t.depth && moved
	case stepOut:
		return depth < t.depth
	}
	return false
}

// Raised is the interpreter's hook on every raise: an error stops the thread where it is
// raised when its filter is on (uncaught errors by default, caught ones on request).
func (tg *target) Raised(th *interp.Thread, obj interp.Value, caught bool) {
	if !tg.running.Load() || tg.ffwd.Load() {
		return
	}
	t := tg.own(th)
	if t.evaluating > 0 {
		return
	}
	filter, desc, mode := uncaughtFilter.Filter, "Uncaught error", "unhandled"
	if caught {
		filter, desc, mode = caughtFilter.Filter, "Error (a handler will catch it)", "always"
	}
	text := interp.WriteString(obj)
	id := "raise"
	if c, ok := obj.Object().(*interp.Condition); ok {
		text, id = strings.TrimSpace(c.Report()), c.Kind
	}
	if !tg.filterOn(filter, text) {
		return
	}
	tg.stopAt(t, &stop{site: tg.siteOf(th), reason: "exception", desc: desc, text: text,
		exc: &excInfo{id: id, mode: mode, obj: obj, hasObj: true}})
}

// Event is the interpreter's hook on library events: a socket event stops the thread when its
// filter is on.
func (tg *target) Event(th *interp.Thread, ev interp.Event) {
	if !tg.running.Load() || tg.ffwd.Load() {
		return
	}
	t := tg.own(th)
	if t.evaluating > 0 || !tg.filterOn(ev.Kind, ev.Text) {
		return
	}
	tg.stopAt(t, &stop{site: tg.siteOf(th), reason: "exception", desc: eventNames[ev.Kind], text: ev.Text,
		exc: &excInfo{id: ev.Kind, mode: "always", obj: ev.Object, hasObj: ev.Object.Object() != nil}})
}

// filterOn reports whether an exception filter is on, and its condition (a text the event
// must contain) holds.
func (tg *target) filterOn(filter, text string) bool {
	fs := tg.filters.Load()
	if fs == nil {
		return false
	}
	cond, on := (*fs)[filter]
	return on && (cond == "" || strings.Contains(text, cond))
}

// siteOf is where a thread is, for a stop that is not at a stop site.
func (tg *target) siteOf(th *interp.Thread) *interp.Site {
	if s := th.Site(); s != nil {
		return s
	}
	return &interp.Site{File: tg.program}
}

// stop is a thread parked in the hook.
type stop struct {
	t      *thread
	site   *interp.Site
	reason string
	desc   string // the stopped event's description and text
	text   string
	exc    *excInfo // an exception stop: what exceptionInfo answers
	bps    []int
	// pos is the step where it is, in a replay (interp.Interp.Steps); arrive, when set, is
	// told of the stop instead of the client (a replay that went back, before it takes the
	// place of the run before: replay.go); rewound, such a stop.
	pos     uint64
	arrive  chan *stop
	rewound bool

	// guarded by target.mu
	queue  []action
	busy   bool // running an evaluation: the program may run meanwhile
	nested bool // a stop happened inside its current action
	left   bool
	wake   chan struct{}
	gone   chan struct{} // closed when the thread has left the stop
}

// excInfo is the error or event an exception stop is for.
type excInfo struct {
	id, mode string
	obj      interp.Value
	hasObj   bool
}

// action is what a parked thread does next: run something (an inspection, an evaluation) and
// stay, or resume in a mode.
type action struct {
	run    func()
	drop   func() // the stop went away before run could: answer so
	eval   bool   // it runs Scheme code: the stop is busy meanwhile
	resume bool
	mode   stepMode
}

// stopAt parks the thread at a stop: it tells the client, runs what the session posts (in
// order) and returns when it is resumed. Stops nest: one inside an action stacks on this one.
func (tg *target) stopAt(t *thread, st *stop) {
	th := t.th
	st.t = t
	st.pos = t.lastN
	st.wake, st.gone = make(chan struct{}, 1), make(chan struct{})
	tg.mu.Lock()
	s := tg.sess.Load()
	if tg.ending || s == nil {
		tg.mu.Unlock()
		return
	}
	if n := len(t.stops); n > 0 {
		t.stops[n-1].nested = true
	}
	t.stops = append(t.stops, st)
	t.pauseWanted = false
	tg.mu.Unlock()
	defer tg.leave(st)
	th.SetStepping(false)
	depth := len(th.Frames())
	t.mode = stepNone
	t.last, t.lastSite, t.lastDepth = true, st.site, depth
	th.In.Stdout.Flush() // what the program printed comes before the stop
	if st.arrive != nil {
		st.rewound = true
		st.arrive <- st
	} else {
		s.stopped(st, false)
	}
	for {
		a := tg.nextAction(st)
		if a.resume {
			t.mode, t.depth, t.file, t.line = a.mode, depth, st.site.File, int(st.site.Span.Start.Line)
			if a.mode != stepNone {
				th.SetStepping(true)
			}
			return
		}
		tg.runAction(a)
		tg.mu.Lock()
		st.busy = false
		again := st.nested
		st.nested = false
		tg.mu.Unlock()
		if again {
			// A stop inside the action has been resumed: the thread is back here.
			if s := tg.sess.Load(); s != nil {
				s.stopped(st, true)
			}
		}
	}
}

// runAction runs an action on the parked thread. A bug of the adapter's that panics there is
// answered as an error and logged; it must not end the program. (A cancel or a terminate
// goes on unwinding.)
func (tg *target) runAction(a action) {
	defer func() {
		r := recover()
		switch r.(type) {
		case nil:
			return
		case *interp.Terminate, evalCancel:
			panic(r)
		}
		if _, exit := interp.ExitCode(r); exit {
			panic(r) // (exit) typed in the console: the program ends
		}
		if s := tg.sess.Load(); s != nil {
			s.log.Error("panic in an action", "panic", r, "stack", string(debug.Stack()))
			s.print("stderr", fmt.Sprintf("foment-ls: internal error in the debugger: %v\n", r))
		}
		if a.drop != nil {
			a.drop()
		}
	}()
	a.run()
}

// nextAction waits for the session's next action for a stop.
func (tg *target) nextAction(st *stop) action {
	for {
		tg.mu.Lock()
		if len(st.queue) > 0 {
			a := st.queue[0]
			st.queue = st.queue[1:]
			st.busy = a.eval
			tg.mu.Unlock()
			return a
		}
		tg.mu.Unlock()
		<-st.wake
	}
}

// leave takes a stop off its thread (resumed, or unwound by a cancel); what was still queued
// for it is answered as dropped.
func (tg *target) leave(st *stop) {
	tg.mu.Lock()
	st.left = true
	t := st.t
	for i := len(t.stops) - 1; i >= 0; i-- {
		if t.stops[i] == st {
			t.stops = append(t.stops[:i], t.stops[i+1:]...)
			break
		}
	}
	queued := st.queue
	st.queue = nil
	tg.mu.Unlock()
	close(st.gone)
	for _, a := range queued {
		if a.drop != nil {
			a.drop()
		}
	}
}

// post queues an action for a stop; false if the thread has left it.
func (tg *target) post(st *stop, a action) bool {
	tg.mu.Lock()
	if st.left {
		tg.mu.Unlock()
		return false
	}
	st.queue = append(st.queue, a)
	tg.mu.Unlock()
	select {
	case st.wake <- struct{}{}:
	default:
	}
	return true
}

// current returns the stop where the program holds still: a thread parked and not busy (its
// thread holds the interpreter lock, so every thread's frames hold still), preferring the
// thread asked for; nil while the program runs.
func (tg *target) current(prefer int) *stop {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	var found *stop
	for _, t := range tg.byID {
		n := len(t.stops)
		if n == 0 || t.stops[n-1].busy || t.stops[n-1].left {
			continue
		}
		if found == nil || t.id == prefer || t.id < found.t.id && found.t.id != prefer {
			found = t.stops[n-1]
		}
	}
	return found
}

// onStopped runs f on the parked thread (see current), where frames can be read; false when
// the program is running.
func (tg *target) onStopped(prefer int, f func(), dropped func()) bool {
	st := tg.current(prefer)
	return st != nil && tg.post(st, action{run: f, drop: dropped})
}

// resumeAll resumes the current stop of every thread (continue); with only, that thread in
// a mode (a step). A pause asked for and not yet taken is forgotten.
func (tg *target) resumeAll(only *thread, mode stepMode) {
	tg.mu.Lock()
	var sts []*stop
	for _, t := range tg.byID {
		t.pauseWanted = false
		if n := len(t.stops); n > 0 && (only == nil || t == only) {
			sts = append(sts, t.stops[n-1])
		}
	}
	tg.mu.Unlock()
	for _, st := range sts {
		tg.post(st, action{resume: true, mode: mode})
	}
}

// pause stops a thread where it is: at its next step, or at once if it waits (in accept,
// recv, a sleep; the wait resumes when it continues). Nothing happens when the program already
// holds still, or a pause is on its way.
func (tg *target) pause(id int) {
	tg.mu.Lock()
	for _, t := range tg.byID {
		if n := len(t.stops); n > 0 && !t.stops[n-1].busy {
			tg.mu.Unlock()
			return
		}
	}
	t := tg.byID[id]
	if t == nil {
		t = tg.threads[tg.in.Main()]
	}
	if t == nil || tg.ending || t.pauseWanted {
		tg.mu.Unlock()
		return
	}
	t.pauseWanted = true
	tg.mu.Unlock()
	t.th.Interrupt(func(th *interp.Thread) {
		tg.mu.Lock()
		wanted := t.pauseWanted && !tg.ending
		t.pauseWanted = false
		tg.mu.Unlock()
		if wanted {
			tg.stopAt(tg.own(th), &stop{site: tg.siteOf(th), reason: "pause"})
		}
	})
}

// stopEverything makes the threads leave their stops for good: nothing stops any more, the
// program's threads are cancelled and the parked ones run into the cancel.
func (tg *target) stopEverything(reason string) {
	tg.mu.Lock()
	tg.ending = true
	var sts []*stop
	for _, t := range tg.byID {
		t.pauseWanted = false
		sts = append(sts, t.stops...)
	}
	tg.mu.Unlock()
	tg.in.Cancel(reason)
	for _, st := range sts {
		tg.post(st, action{resume: true})
	}
}

// start runs the program on a goroutine of the session's.
func (tg *target) start(s *session) {
	tg.mu.Lock()
	if tg.started || tg.ending {
		tg.mu.Unlock()
		return
	}
	tg.started = true
	tg.mu.Unlock()
	s.goTracked(func() { tg.run() })
}

// run runs the program to its end and reports how it ended.
func (tg *target) run() { tg.finish(tg.execute()) }

// execute runs the program on the main thread.
func (tg *target) execute() error {
	tg.running.Store(true)
	defer tg.running.Store(false)
	return tg.in.Execute(tg.prog)
}

// finish ends what is left of a program whose main thread has returned, as at the end of a
// process (the other threads end, every socket closes), and reports how it ended.
func (tg *target) finish(err error) {
	tg.stopEverything("the program ended")
	tg.in.Close()
	tg.in.Stdout.Flush()
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
		switch tg.args.console() {
		case "internalConsole":
			tg.print("stderr", errorText(err))
		case "integratedTerminal", "externalTerminal":
			tg.in.Stderr.WriteString(errorText(err))
			tg.in.Stderr.Flush()
		} // attached: the command reports it
	}
	// The recording and the capture are complete before the client hears of the end.
	if tg.world != nil {
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if werr := tg.world.close(code, msg, term != nil); werr != nil {
			tg.print("stderr", "foment-ls: "+werr.Error()+"\n")
		}
	}
	tg.mu.Lock()
	tg.code = code
	quiet := tg.quiet
	tg.mu.Unlock()
	if s := tg.sess.Load(); s != nil && !quiet {
		s.ended(tg, code)
	}
	close(tg.done)
}

// end ends the program and waits for its end; a program that never started just closes.
func (tg *target) end(reason string) {
	tg.mu.Lock()
	started := tg.started
	tg.started = true // never starts now
	tg.mu.Unlock()
	tg.stopEverything(reason)
	if started {
		<-tg.done
		return
	}
	tg.in.Close()
	close(tg.done)
}

// errorText is an error as the command line reports it: position, message, backtrace.
func errorText(err error) string {
	var b strings.Builder
	interp.ReportError(&b, err)
	return b.String()
}
