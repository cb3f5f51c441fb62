package dap

import (
	"strings"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// Exception filters: errors (uncaught ones by default, caught ones on request) and the events
// of socket work. Each stop names what it is for; a filter's condition is a text the error or
// the socket must contain ("127.0.0.1:5000", "Connection reset").
var (
	uncaughtFilter = dap.ExceptionBreakpointsFilter{Filter: "uncaught", Label: "Uncaught errors",
		Description: "Stop where an error that no guard or handler catches is raised", Default: true,
		SupportsCondition: true, ConditionDescription: "text the error's message must contain"}
	caughtFilter = dap.ExceptionBreakpointsFilter{Filter: "caught", Label: "Caught errors",
		Description:       "Stop where an error is raised that a guard or handler will catch (socket code wraps recv in guard)",
		SupportsCondition: true, ConditionDescription: "text the error's message must contain"}
	exceptionFilters = []dap.ExceptionBreakpointsFilter{
		uncaughtFilter,
		caughtFilter,
		socketFilter("accept", "Connection accepted", "Stop when accept-socket returns a new connection"),
		socketFilter("data", "Data arrived", "Stop when a receive on a socket gets bytes"),
		socketFilter("closed", "Peer closed", "Stop when the other end of a connection closes it (end of stream, reset)"),
		socketFilter("socket-error", "Socket error", "Stop on any error of a socket operation, caught or not"),
	}
	// eventNames describe the stops of the socket filters.
	eventNames = map[string]string{"accept": "Connection accepted", "data": "Data arrived",
		"closed": "Peer closed", "socket-error": "Socket error"}
)

func socketFilter(id, label, desc string) dap.ExceptionBreakpointsFilter {
	return dap.ExceptionBreakpointsFilter{Filter: id, Label: label, Description: desc,
		SupportsCondition: true, ConditionDescription: "text the socket must contain (an address, a port)"}
}

func (s *session) setExceptionBreakpoints(r *dap.SetExceptionBreakpointsRequest) {
	on := map[string]string{}
	known := map[string]bool{}
	for _, f := range exceptionFilters {
		known[f.Filter] = true
	}
	for _, f := range r.Arguments.Filters {
		if known[f] {
			on[f] = ""
		}
	}
	for _, o := range r.Arguments.FilterOptions {
		if known[o.FilterId] {
			on[o.FilterId] = strings.TrimSpace(o.Condition)
		}
	}
	s.mu.Lock()
	s.filters = on
	tg := s.tgt
	s.mu.Unlock()
	if tg != nil {
		tg.filters.Store(&on)
	}
	s.send(&dap.SetExceptionBreakpointsResponse{Response: response(r)})
}

// exceptionInfo describes the error or event a thread stopped on.
func (s *session) exceptionInfo(r *dap.ExceptionInfoRequest) {
	tg := s.target()
	var st *stop
	if tg != nil {
		if t := tg.byNumber(r.Arguments.ThreadId); t != nil {
			tg.mu.Lock()
			if n := len(t.stops); n > 0 {
				st = t.stops[n-1]
			}
			tg.mu.Unlock()
		}
	}
	if st == nil || st.exc == nil {
		s.fail(r, "the thread did not stop on an error or a socket event")
		return
	}
	body := dap.ExceptionInfoResponseBody{ExceptionId: st.exc.id, Description: st.text, BreakMode: dap.ExceptionBreakMode(st.exc.mode)}
	if c, ok := st.exc.obj.Object().(*interp.Condition); ok && st.exc.hasObj {
		var trace []string
		for _, site := range c.Trace {
			trace = append(trace, site.String()+" "+site.Name)
		}
		body.Details = &dap.ExceptionDetails{Message: c.Message, TypeName: c.Kind, StackTrace: strings.Join(trace, "\n")}
	}
	s.send(&dap.ExceptionInfoResponse{Response: response(r), Body: body})
}
