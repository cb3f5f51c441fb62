// Package dap is the debug adapter: the Debug Adapter Protocol (go-dap) over a stream, driving
// the interpreter through its hooks. One session debugs one program.
//
// Goroutines: the session's loop reads requests and answers them in order; the program runs on
// its own goroutines (one per Scheme thread), and a thread that stops (a breakpoint, a step, a
// pause) parks in the hook until the loop resumes it. Inspection requests read a stopped
// thread's frames while it is parked, so they never race with it. Writes to the client go
// through one mutex.
package dap

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// Serve runs one debug session over r and w until the client disconnects or the stream ends.
func Serve(r io.Reader, w io.Writer, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &session{w: bufio.NewWriter(w), log: log, bps: map[string][]*breakpoint{},
		ids: map[*interp.Thread]*thread{}}
	s.handles.reset()
	defer s.shutdown()
	fr := newFrameReader(r)
	for {
		body, err := fr.next()
		var bad *badFrame
		switch {
		case errors.As(err, &bad):
			s.badMessage(bad.head, bad)
			continue
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.ErrClosedPipe):
			return nil
		case err != nil:
			return err
		}
		msg, err := dap.DecodeProtocolMessage(body)
		if err != nil {
			s.badMessage(body, err)
			continue
		}
		req, ok := msg.(dap.RequestMessage)
		if !ok {
			continue // responses to our reverse requests, events: nothing to do
		}
		if s.handle(req) {
			return nil
		}
	}
}

// badMessage answers a message that could not be read or decoded, when it was a request (an
// unknown command, arguments of the wrong type, a body over the limit), and logs it.
func (s *session) badMessage(body []byte, err error) {
	s.log.Warn("bad message", "err", err, "content", string(body[:min(len(body), 200)]))
	seq, command, ok := requestOf(body)
	if !ok {
		return
	}
	msg := command + ": " + err.Error()
	var fe *dap.DecodeProtocolMessageFieldError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &fe):
		msg = "unsupported request: " + command
	case errors.As(err, &te):
		msg = fmt.Sprintf("%s: %s is a JSON %s, not a %s", command, te.Field, te.Value, jsonType(te.Type.Kind()))
	}
	s.send(&dap.ErrorResponse{Response: dap.Response{
		ProtocolMessage: dap.ProtocolMessage{Type: "response"},
		RequestSeq:      seq, Command: command, Message: msg,
	}, Body: dap.ErrorResponseBody{Error: &dap.ErrorMessage{Id: 2, Format: msg, ShowUser: true}}})
}

// jsonType names a Go kind as JSON does.
func jsonType(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "object"
	}
	return "number"
}

// session is one debug session.
type session struct {
	wmu sync.Mutex
	w   *bufio.Writer
	seq int
	log *slog.Logger

	mu         sync.Mutex // guards what follows
	launch     launchArgs
	in         *interp.Interp
	prog       *interp.Program
	bps        map[string][]*breakpoint // by absolute file path
	fbps       []*breakpoint            // function breakpoints
	nextTh     int
	ids        map[*interp.Thread]*thread
	entry      atomic.Bool // stop on entry: the first step stops
	bpx        atomic.Pointer[bpIndex]
	stopped    map[*interp.Thread]*stop
	done       chan struct{} // closed when the program has ended
	handles    handles
	started    bool
	configured bool // configurationDone has come
	// noUncaught: the client turned off stopping on uncaught errors
	noUncaught bool
}

// send writes a message to the client, numbering it.
func (s *session) send(m dap.Message) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.seq++
	switch x := m.(type) {
	case dap.ResponseMessage:
		x.GetResponse().Seq = s.seq
	case dap.EventMessage:
		x.GetEvent().Seq = s.seq
	}
	if err := dap.WriteProtocolMessage(s.w, m); err != nil {
		s.log.Warn("write", "err", err)
		return
	}
	s.w.Flush()
}

func response(req dap.RequestMessage) dap.Response {
	r := req.GetRequest()
	return dap.Response{ProtocolMessage: dap.ProtocolMessage{Type: "response"}, RequestSeq: r.Seq,
		Command: r.Command, Success: true}
}

func event(name string) dap.Event {
	return dap.Event{ProtocolMessage: dap.ProtocolMessage{Type: "event"}, Event: name}
}

// fail answers a request with an error the client shows.
func (s *session) fail(req dap.RequestMessage, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r := response(req)
	r.Success = false
	r.Message = msg
	s.send(&dap.ErrorResponse{Response: r, Body: dap.ErrorResponseBody{
		Error: &dap.ErrorMessage{Id: 1, Format: msg, ShowUser: true}}})
}

// handle answers one request; it reports whether the session is over. A panic in a handler
// answers the request with an error instead of ending the session.
func (s *session) handle(req dap.RequestMessage) (over bool) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic", "request", req.GetRequest().Command, "panic", r, "stack", string(debug.Stack()))
			s.fail(req, "internal error in %s: %v", req.GetRequest().Command, r)
		}
	}()
	switch r := req.(type) {
	case *dap.InitializeRequest:
		s.initialize(r)
	case *dap.LaunchRequest:
		s.onLaunch(r)
	case *dap.AttachRequest:
		s.fail(r, "attach is not supported: launch the program instead")
	case *dap.ConfigurationDoneRequest:
		s.configurationDone(r)
	case *dap.SetBreakpointsRequest:
		s.setBreakpoints(r)
	case *dap.SetFunctionBreakpointsRequest:
		s.setFunctionBreakpoints(r)
	case *dap.SetExceptionBreakpointsRequest:
		s.setExceptionBreakpoints(r)
	case *dap.ExceptionInfoRequest:
		s.exceptionInfo(r)
	case *dap.ThreadsRequest:
		s.threads(r)
	case *dap.StackTraceRequest:
		s.stackTrace(r)
	case *dap.ScopesRequest:
		s.scopes(r)
	case *dap.VariablesRequest:
		s.variables(r)
	case *dap.EvaluateRequest:
		// Evaluations run on the stopped thread and may wait (an accept typed in the debug
		// console): the session goes on answering meanwhile, a terminate included.
		go s.guarded(r, func() { s.evaluate(r) })
	case *dap.SetVariableRequest:
		go s.guarded(r, func() { s.setVariable(r) })
	case *dap.ContinueRequest:
		s.resume(r, r.Arguments.ThreadId, stepNone)
	case *dap.NextRequest:
		s.resume(r, r.Arguments.ThreadId, stepOver)
	case *dap.StepInRequest:
		s.resume(r, r.Arguments.ThreadId, stepIn)
	case *dap.StepOutRequest:
		s.resume(r, r.Arguments.ThreadId, stepOut)
	case *dap.PauseRequest:
		s.pause(r)
	case *dap.TerminateRequest:
		s.send(&dap.TerminateResponse{Response: response(r)})
		s.terminate()
	case *dap.DisconnectRequest:
		s.terminate()
		s.send(&dap.DisconnectResponse{Response: response(r)})
		return true
	default:
		s.fail(req, "%s is not supported", req.GetRequest().Command)
	}
	return false
}

// guarded runs a handler on a goroutine of its own, answering with an error if it panics.
func (s *session) guarded(req dap.RequestMessage, f func()) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic", "request", req.GetRequest().Command, "panic", r, "stack", string(debug.Stack()))
			s.fail(req, "internal error in %s: %v", req.GetRequest().Command, r)
		}
	}()
	f()
}

func (s *session) initialize(r *dap.InitializeRequest) {
	s.send(&dap.InitializeResponse{Response: response(r), Body: dap.Capabilities{
		SupportsConfigurationDoneRequest:  true,
		SupportsConditionalBreakpoints:    true,
		SupportsHitConditionalBreakpoints: true,
		SupportsFunctionBreakpoints:       true,
		SupportsSetVariable:               true,
		SupportsLogPoints:                 true,
		SupportsEvaluateForHovers:         true,
		SupportsTerminateRequest:          true,
		SupportsExceptionInfoRequest:      true,
		ExceptionBreakpointFilters:        []dap.ExceptionBreakpointsFilter{uncaughtFilter},
	}})
	s.send(&dap.InitializedEvent{Event: event("initialized")})
}
