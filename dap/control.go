package dap

import (
	"fmt"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// The requests that make the program run and stop: continue and the steps, pause, terminate,
// terminateThreads, disconnect; and the events that say so.

// target returns the session's target, nil before launch or attach.
func (s *session) target() *target {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tgt
}

// stopped tells the client a thread stopped; again when it is back at a stop after a nested
// one was resumed (an evaluation that paused).
func (s *session) stopped(st *stop, again bool) {
	body := dap.StoppedEventBody{Reason: st.reason, ThreadId: st.t.id, AllThreadsStopped: true,
		HitBreakpointIds: st.bps, Description: st.desc, Text: st.text}
	if again {
		body.Description = "back where it stopped, after the evaluation"
		body.PreserveFocusHint = true
	} else {
		s.noteStop(st)
	}
	if !again && st.pos > 0 {
		s.tend(st.pos) // the ladder reaches this far
	}
	s.send(&dap.StoppedEvent{Event: event("stopped"), Body: body})
}

// ended tells the client the program ended.
func (s *session) ended(tg *target, code int) {
	s.dropSpare()
	s.dropLadder()
	s.closeTerminal()
	s.send(&dap.ExitedEvent{Event: event("exited"), Body: dap.ExitedEventBody{ExitCode: code}})
	s.send(&dap.TerminatedEvent{Event: event("terminated")})
}

func (s *session) print(category, text string) {
	s.send(&dap.OutputEvent{Event: event("output"), Body: dap.OutputEventBody{Category: category, Output: text}})
}

// resume lets the program go on: every stopped thread (continue), or one in a step mode.
// Handles of the stop are forgotten.
func (s *session) resume(req dap.RequestMessage, threadID int, mode stepMode) {
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
	tg := s.target()
	if tg == nil {
		return
	}
	s.handles.reset()
	if mode == stepNone {
		tg.resumeAll(nil, stepNone)
		return
	}
	t := tg.byNumber(threadID)
	if t == nil {
		tg.resumeAll(nil, stepNone)
		return
	}
	tg.mu.Lock()
	own := len(t.stops) > 0
	tg.mu.Unlock()
	if own {
		tg.resumeAll(t, mode)
		return
	}
	// A thread that holds still because another stopped: it steps from where it is when it
	// runs again, and the stopped one continues.
	t.th.Interrupt(func(th *interp.Thread) {
		site := th.Site()
		if site == nil {
			return
		}
		t.mode, t.depth, t.file, t.line = mode, len(th.Frames()), site.File, int(site.Span.Start.Line)
		th.SetStepping(true)
	})
	tg.resumeAll(nil, stepNone)
}

func (s *session) pause(r *dap.PauseRequest) {
	s.send(&dap.PauseResponse{Response: response(r)})
	if tg := s.target(); tg != nil {
		tg.pause(r.Arguments.ThreadId)
	}
}

// terminate ends the program: every thread unwinds, every socket closes; it returns when the
// program has ended.
func (s *session) terminate() {
	s.dropSpare()
	s.dropLadder()
	tg := s.target()
	if tg == nil {
		return
	}
	tg.end("terminated by the debugger")
	s.closeTerminal()
}

// detach lets a program the session attached to go on without it: breakpoints off, steps
// forgotten, stopped threads resumed.
func (s *session) detach() {
	tg := s.target()
	if tg == nil {
		return
	}
	if !tg.sess.CompareAndSwap(s, nil) {
		return
	}
	tg.in.Arm(nil)
	tg.filters.Store(nil)
	tg.entry.Store(false)
	tg.bpx.Store(&bpIndex{})
	for _, th := range tg.in.Threads() {
		th.SetStepping(false)
	}
	tg.resumeAll(nil, stepNone)
	if d := s.debuggee; d != nil {
		d.detached(s)
	}
}

func (s *session) disconnect(r *dap.DisconnectRequest) {
	s.mu.Lock()
	attached := s.attached
	s.mu.Unlock()
	if attached && (r.Arguments == nil || !r.Arguments.TerminateDebuggee) {
		s.detach()
	} else {
		s.terminate()
	}
	s.send(&dap.DisconnectResponse{Response: response(r)})
}

// terminateThreads ends threads the program started; ending the main thread ends the program.
func (s *session) terminateThreads(r *dap.TerminateThreadsRequest) {
	tg := s.target()
	if tg == nil {
		s.fail(r, "no program is running")
		return
	}
	var ts []*thread
	for _, id := range r.Arguments.ThreadIds {
		t := tg.byNumber(id)
		if t == nil {
			s.fail(r, "no thread %d", id)
			return
		}
		ts = append(ts, t)
	}
	s.send(&dap.TerminateThreadsResponse{Response: response(r)})
	for _, t := range ts {
		if t.th == tg.in.Main() {
			s.goTracked(s.terminate)
			return
		}
		t.th.Cancel("terminated by the debugger")
		tg.resumeAll(t, stepNone) // a stopped one runs into its end
	}
}

// threads lists the program's threads, each named with what it does: running, stopped and
// why, or what it waits for ("conn-2: recv 127.0.0.1:5000←:4711").
func (s *session) threads(r *dap.ThreadsRequest) {
	var out []dap.Thread
	if tg := s.target(); tg != nil {
		for _, th := range tg.in.Threads() {
			t := tg.threadOf(th)
			out = append(out, dap.Thread{Id: t.id, Name: tg.threadName(t)})
		}
	}
	if len(out) == 0 {
		out = []dap.Thread{{Id: 1, Name: "main"}}
	}
	s.send(&dap.ThreadsResponse{Response: response(r), Body: dap.ThreadsResponseBody{Threads: out}})
}

// threadName is a thread's name and state.
func (tg *target) threadName(t *thread) string {
	return tg.shortName(t) + ": " + tg.threadState(t)
}

// shortName is a thread's name: its Scheme name, or thread-N.
func (tg *target) shortName(t *thread) string {
	name := t.th.Name
	if name == "" || name == "#f" {
		name = fmt.Sprintf("thread-%d", t.id)
	}
	return name
}

func (tg *target) threadState(t *thread) string {
	tg.mu.Lock()
	state := ""
	if n := len(t.stops); n > 0 {
		state = "stopped (" + t.stops[n-1].reason + ")"
		if t.stops[n-1].busy {
			state = "evaluating"
		}
	}
	tg.mu.Unlock()
	if state != "" {
		return state
	}
	if what, ok := t.th.Waiting(); ok {
		return what
	}
	return "running"
}
