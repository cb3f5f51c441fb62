package dap

import (
	"fmt"
	"regexp"
	"strings"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// stepMode is what a thread does until it stops again.
type stepMode int

const (
	stepNone stepMode = iota // run to a breakpoint
	stepOver                 // the next line of this procedure, or of its caller
	stepIn                   // the next line anywhere
	stepOut                  // the next line of the caller
)

// thread is the adapter's state of a Scheme thread, kept in its Local field.
type thread struct {
	id int
	// stepping: the mode and where the step began
	mode        stepMode
	depth, line int
	file        string
	// where the thread last stopped: the other calls of that line, in the same frame, do not
	// stop it again (a line holds several calls) until it leaves the line or comes back to the
	// very call it stopped at (a loop written on one line)
	last       bool
	lastSite   *interp.Site
	lastDepth  int
	evaluating bool         // running a condition or an evaluate request: no stops
	raised     interp.Value // the uncaught error the thread stopped on
}

// stop is a thread parked in the hook.
type stop struct {
	th      *interp.Thread
	site    *interp.Site
	actions chan action
	gone    chan struct{} // closed when the thread leaves the stop (resumed, or ended)
}

// give hands the parked thread an action; false if it has gone on meanwhile.
func (st *stop) give(a action) bool {
	select {
	case st.actions <- a:
		return true
	case <-st.gone:
		return false
	}
}

// action is what a parked thread does next: run f and stay parked, or resume in a mode.
type action struct {
	f    func()
	mode stepMode
}

// threadOf returns the adapter's state of a thread, numbering a thread it has not seen.
func (s *session) threadOf(th *interp.Thread) *thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.threadOfLocked(th)
}

// threadOfLocked is threadOf with s.mu held.
func (s *session) threadOfLocked(th *interp.Thread) *thread {
	t := s.ids[th]
	if t == nil {
		s.nextTh++
		t = &thread{id: s.nextTh}
		s.ids[th] = t
	}
	return t
}

// own is threadOf for the thread itself, at every step: the state is cached in the thread's
// Local field, which only the thread itself touches.
func (s *session) own(th *interp.Thread) *thread {
	if t, ok := th.Local.(*thread); ok {
		return t
	}
	s.mu.Lock()
	_, known := s.ids[th]
	t := s.threadOfLocked(th)
	s.mu.Unlock()
	th.Local = t
	if !known && t.id > 1 {
		// A thread the program started (a server's worker): the client lists it.
		s.send(&dap.ThreadEvent{Event: event("thread"), Body: dap.ThreadEventBody{Reason: "started", ThreadId: t.id}})
	}
	return t
}

// Step is the interpreter's hook: it runs on the thread before each call and body expression.
func (s *session) Step(th *interp.Thread, site *interp.Site) {
	t := s.own(th)
	if t.evaluating || site == nil {
		return
	}
	depth := len(th.Frames())
	line := site.Span.Start.Line
	if t.last && (site == t.lastSite || site.File != t.lastSite.File ||
		line != t.lastSite.Span.Start.Line || depth != t.lastDepth) {
		t.last = false
	}
	entry := s.entry.Load() && s.entry.Swap(false)
	switch {
	case entry:
		s.stopAt(th, t, site, "entry", nil)
	case t.mode != stepNone && t.stepDone(site, depth):
		s.stopAt(th, t, site, "step", nil)
	case !t.last:
		if bp := s.breakpointAt(site.File, line); bp != nil && s.shouldBreak(th, t, site, bp, depth) {
			s.stopAt(th, t, site, "breakpoint", []int{bp.id})
		} else if bp := s.functionBreakpoint(site.Name); bp != nil && s.shouldBreak(th, t, site, bp, depth) {
			s.stopAt(th, t, site, "function breakpoint", []int{bp.id})
		}
	}
}

// stepDone reports whether a step that began at t's position ends at site.
func (t *thread) stepDone(site *interp.Site, depth int) bool {
	moved := site.File != t.file || site.Span.Start.Line != t.line
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

// shouldBreak counts a hit and tells whether the breakpoint stops the thread: its hit
// condition and condition hold, and it is no logpoint (a logpoint prints its message).
func (s *session) shouldBreak(th *interp.Thread, t *thread, site *interp.Site, bp *breakpoint, depth int) bool {
	s.mu.Lock()
	bp.hits++
	hits := bp.hits
	s.mu.Unlock()
	if bp.hitCond != "" {
		ok, err := hitCondition(bp.hitCond, hits)
		if err != nil {
			s.print("stderr", err.Error()+"\n")
		}
		if !ok {
			return false
		}
	}
	if bp.condition != "" {
		v, err := s.evalOn(th, t, len(th.Frames())-1, th.Site(), bp.condition)
		if err != nil {
			s.print("stderr", fmt.Sprintf("breakpoint condition %s: %s\n", bp.condition, strings.TrimSpace(errorText(err))))
			return true // a broken condition stops, so that it can be seen and mended
		}
		if v.IsFalse() {
			return false
		}
	}
	if bp.logMsg != "" {
		s.print("console", s.interpolate(th, t, bp.logMsg)+"\n")
		t.last, t.lastSite, t.lastDepth = true, site, depth
		return false
	}
	return true
}

var braces = regexp.MustCompile(`\{[^{}]*\}`)

// interpolate replaces each {expression} of a log message by its value.
func (s *session) interpolate(th *interp.Thread, t *thread, msg string) string {
	return braces.ReplaceAllStringFunc(msg, func(m string) string {
		v, err := s.evalOn(th, t, len(th.Frames())-1, th.Site(), m[1:len(m)-1])
		if err != nil {
			return "<" + strings.TrimSpace(errorText(err)) + ">"
		}
		return interp.Display(v)
	})
}

func (s *session) print(category, text string) {
	s.send(&dap.OutputEvent{Event: event("output"), Body: dap.OutputEventBody{Category: category, Output: text}})
}

// stopAt parks the thread: it tells the client, then runs what the session asks of it (an
// evaluation) until it is resumed.
func (s *session) stopAt(th *interp.Thread, t *thread, site *interp.Site, reason string, bps []int) {
	st := &stop{th: th, site: site, actions: make(chan action), gone: make(chan struct{})}
	depth := len(th.Frames())
	t.mode = stepNone
	t.last, t.lastSite, t.lastDepth = true, site, depth
	s.mu.Lock()
	s.stopped[th] = st
	s.mu.Unlock()
	defer func() { // also when a cancel unwinds an evaluation
		s.mu.Lock()
		delete(s.stopped, th)
		s.mu.Unlock()
		close(st.gone)
	}()
	th.In.Stdout.Flush() // what the program printed comes before the stop
	body := dap.StoppedEventBody{Reason: reason, ThreadId: t.id, AllThreadsStopped: true, HitBreakpointIds: bps}
	if reason == "exception" {
		body.Description = "Uncaught error"
		body.Text = interp.Display(t.raised)
		if c, ok := t.raised.Object().(*interp.Condition); ok {
			body.Text = strings.TrimSpace(c.Report())
		}
	}
	s.send(&dap.StoppedEvent{Event: event("stopped"), Body: body})
	for a := range st.actions {
		if a.f != nil {
			a.f()
			continue
		}
		t.mode, t.depth, t.file, t.line = a.mode, depth, site.File, site.Span.Start.Line
		break
	}
}

// resume lets a stopped thread go on in a mode (continue, next, step in, step out).
func (s *session) resume(req dap.RequestMessage, threadID int, mode stepMode) {
	s.mu.Lock()
	var st *stop
	for th, x := range s.stopped {
		if t := s.threadOfLocked(th); t.id == threadID || threadID == 0 {
			st = x
		}
	}
	s.mu.Unlock()
	s.handles.reset()
	switch r := req.(type) {
	case *dap.ContinueRequest:
		s.send(&dap.ContinueResponse{Response: response(r), Body: dap.ContinueResponseBody{AllThreadsContinued: true}})
	case *dap.NextRequest:
		s.send(&dap.NextResponse{Response: response(r)})
	case *dap.StepInRequest:
		s.send(&dap.StepInResponse{Response: response(r)})
	case *dap.StepOutRequest:
		s.send(&dap.StepOutResponse{Response: response(r)})
	}
	if st != nil {
		go st.give(action{mode: mode}) // after an evaluation in progress, if there is one
	}
}

// resumeAll lets every stopped thread go on.
func (s *session) resumeAll(mode stepMode) {
	s.mu.Lock()
	var sts []*stop
	for _, st := range s.stopped {
		sts = append(sts, st)
	}
	s.mu.Unlock()
	for _, st := range sts {
		go st.give(action{mode: mode})
	}
}

// pause stops a thread where it is: at its next step, or at once if it waits (in accept, recv,
// a sleep): the wait resumes when the thread continues.
func (s *session) pause(r *dap.PauseRequest) {
	s.send(&dap.PauseResponse{Response: response(r)})
	s.mu.Lock()
	in := s.in
	s.mu.Unlock()
	if in == nil {
		return
	}
	target := in.Main()
	for _, th := range in.Threads() {
		if s.threadOf(th).id == r.Arguments.ThreadId {
			target = th
		}
	}
	target.Interrupt(func(th *interp.Thread) {
		t := s.threadOf(th)
		site := th.Site()
		if site == nil {
			site = &interp.Site{File: s.launch.Program}
		}
		s.stopAt(th, t, site, "pause", nil)
	})
}
