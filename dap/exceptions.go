package dap

import (
	"strings"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// The one exception filter: errors that no handler catches stop the thread where they are
// raised, before the program (or the thread) ends, with its frames intact.
var uncaughtFilter = dap.ExceptionBreakpointsFilter{Filter: "uncaught", Label: "Uncaught errors",
	Description: "Stop where an error that no guard or handler catches is raised", Default: true}

func (s *session) setExceptionBreakpoints(r *dap.SetExceptionBreakpointsRequest) {
	on := false
	for _, f := range r.Arguments.Filters {
		on = on || f == uncaughtFilter.Filter
	}
	s.mu.Lock()
	s.noUncaught = !on
	s.mu.Unlock()
	s.send(&dap.SetExceptionBreakpointsResponse{Response: response(r)})
}

// Uncaught is the interpreter's exception hook.
func (s *session) Uncaught(th *interp.Thread, obj interp.Value) {
	t := s.threadOf(th)
	s.mu.Lock()
	off := s.noUncaught
	s.mu.Unlock()
	if off || t.evaluating {
		return
	}
	t.raised = obj
	site := th.Site()
	if site == nil {
		site = &interp.Site{File: s.launch.Program}
	}
	s.stopAt(th, t, site, "exception", nil)
	t.raised = interp.Value{}
}

// exceptionInfo describes the error a thread stopped on.
func (s *session) exceptionInfo(r *dap.ExceptionInfoRequest) {
	th := s.threadByID(r.Arguments.ThreadId)
	var t *thread
	if th != nil {
		t = s.threadOf(th)
	}
	if t == nil || t.raised.Object() == nil && !t.raised.IsFixnum() {
		s.fail(r, "the thread did not stop on an error")
		return
	}
	id, desc := "raise", interp.WriteString(t.raised)
	if c, ok := t.raised.Object().(*interp.Condition); ok {
		id, desc = c.Kind, strings.TrimSpace(c.Report())
	}
	s.send(&dap.ExceptionInfoResponse{Response: response(r), Body: dap.ExceptionInfoResponseBody{
		ExceptionId: id, Description: desc, BreakMode: "unhandled"}})
}
