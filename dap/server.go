// Package dap is the debug adapter: the Debug Adapter Protocol (go-dap) over a stream, driving
// the interpreter through its hooks.
//
// A session is one client; it debugs a target, one interpreter running one program (launched
// by the session, or attached to: foment-ls run --debug). The interpreter calls the target's
// hook on its own threads; the session never runs user code itself.
//
// Goroutines: the session's loop reads requests and answers them in order, never waiting for
// the program. A thread that stops (a breakpoint, a step, a pause, an exception, a socket
// event) parks in the hook, holding the interpreter lock, so no other Scheme thread runs and
// every thread's frames hold still. Everything that reads frames or runs Scheme code — stack
// traces, variables, evaluations — is posted to the parked thread as an action and runs
// there, in order; its answer is sent from there. A resume is an action too. Stops nest: a
// pause inside an evaluation stops inside it, and when that stop is resumed and the evaluation
// ends, the thread is back at the stop it evaluated at, and says so again. Writes to the client
// go through one mutex.
package dap

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"foment-ls/wire"
	"io"
	"log/slog"
	"os"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"foment-ls/interp/record"

	"github.com/google/go-dap"
)

// Serve runs one debug session over r and w until the client disconnects or the stream ends;
// a program the session launched has ended by then.
func Serve(r io.Reader, w io.Writer, log *slog.Logger) error {
	return newSession(w, log).serve(r)
}

// ServeAttach runs a session for a client of a program running under Debuggee.Run: the client
// attaches, debugs, and detaches (disconnect), leaving the program running.
func ServeAttach(r io.Reader, w io.Writer, d *Debuggee, log *slog.Logger) error {
	s := newSession(w, log)
	s.debuggee = d
	return s.serve(r)
}

func newSession(w io.Writer, log *slog.Logger) *session {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &session{w: bufio.NewWriter(w), log: log, files: map[string]*fileBreakpoints{},
		filters: map[string]string{uncaughtFilter.Filter: ""}, evals: map[int]*evaluation{},
		reverse: map[int]chan dap.Message{}, shown: map[string]int64{}}
	s.client.linesFrom1, s.client.columnsFrom1 = true, true
	s.handles.reset()
	return s
}

// session is one client.
type session struct {
	wmu    sync.Mutex
	w      *bufio.Writer
	seq    int
	log    *slog.Logger
	closed atomic.Bool // the stream is gone: nothing more is written

	client clientInfo
	body   []byte         // the request being handled, as it came (for what go-dap's types lose)
	wg     sync.WaitGroup // the session's goroutines, waited for before Serve returns

	debuggee *Debuggee // the program to attach to (ServeAttach)

	mu         sync.Mutex // guards what follows
	tgt        *target
	launch     launchArgs
	attached   bool // to a Debuggee: disconnect detaches
	configured bool
	files      map[string]*fileBreakpoints // by canonical path
	funcs      []*breakpoint
	filters    map[string]string // enabled exception filters → condition
	evals      map[int]*evaluation
	reverse    map[int]chan dap.Message // reverse requests waiting for the client's answer
	term       *terminal
	handles    handles
	// resolving makes placing the breakpoints on one run's code and arming them one step:
	// runs of a replay are set up in the background while the client changes breakpoints.
	resolving sync.Mutex

	// A replay (replay.go): its recording, its capture and the packets written to it, the
	// output shown of it (by stream), the stops on the way (the trail), whether it is going
	// back, the run made ahead of time for the next step back, and the ladder of parked runs
	// (ladder.go).
	recording   *record.Recording
	pcap        *os.File
	pcapPackets int
	shown       map[string]int64
	trail       []mark
	rewinding   bool
	spare       *spare
	ladder      ladder
	closing     bool // the stream has ended: no run is made any more
}

// clientInfo is what the client said of itself in initialize.
type clientInfo struct {
	linesFrom1, columnsFrom1 bool
	uriPaths                 bool
	runInTerminal            bool
}

func (s *session) serve(r io.Reader) error {
	defer s.shutdown()
	fr := wire.NewReader(r, maxBody)
	for {
		body, err := fr.Next()
		var bad *wire.Bad
		switch {
		case errors.As(err, &bad):
			s.badMessage(bad.Head, bad)
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
		s.body = body
		switch m := msg.(type) {
		case dap.RequestMessage:
			if s.handle(m) {
				return nil
			}
		case dap.ResponseMessage:
			s.answered(m)
		}
	}
}

// shutdown ends what the session started when its stream ends: a program it launched ends, a
// program it attached to goes on; then the session's goroutines are waited for.
func (s *session) shutdown() {
	s.mu.Lock()
	attached := s.attached
	s.closing = true
	s.mu.Unlock()
	if attached {
		s.detach()
	} else {
		s.terminate()
	}
	s.mu.Lock()
	for _, ch := range s.reverse {
		close(ch)
	}
	s.reverse = map[int]chan dap.Message{}
	s.mu.Unlock()
	s.wg.Wait()
	s.closed.Store(true)
	s.mu.Lock()
	if s.recording != nil {
		s.recording.Close()
	}
	if s.pcap != nil {
		s.pcap.Close()
	}
	s.mu.Unlock()
}

// goTracked runs f on a goroutine that Serve waits for.
func (s *session) goTracked(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// send writes a message to the client, numbering it.
func (s *session) send(m dap.Message) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Load() {
		return
	}
	s.seq++
	switch x := m.(type) {
	case dap.ResponseMessage:
		x.GetResponse().Seq = s.seq
	case dap.EventMessage:
		x.GetEvent().Seq = s.seq
	case dap.RequestMessage:
		x.GetRequest().Seq = s.seq
	}
	if err := dap.WriteProtocolMessage(s.w, m); err != nil {
		s.log.Warn("write", "err", err)
		return
	}
	if err := s.w.Flush(); err != nil {
		s.log.Warn("write", "err", err)
	}
}

// request sends a reverse request and waits for the client's answer (nil if the session
// ends first).
func (s *session) request(r dap.RequestMessage) dap.Message {
	ch := make(chan dap.Message, 1)
	s.wmu.Lock()
	s.seq++
	seq := s.seq
	r.GetRequest().Seq, r.GetRequest().Type = seq, "request"
	s.mu.Lock()
	s.reverse[seq] = ch
	s.mu.Unlock()
	err := dap.WriteProtocolMessage(s.w, r)
	if err == nil {
		err = s.w.Flush()
	}
	s.wmu.Unlock()
	if err != nil {
		return nil
	}
	return <-ch
}

// answered routes a response to the reverse request it answers.
func (s *session) answered(m dap.ResponseMessage) {
	s.mu.Lock()
	ch := s.reverse[m.GetResponse().RequestSeq]
	delete(s.reverse, m.GetResponse().RequestSeq)
	s.mu.Unlock()
	if ch != nil {
		ch <- m
	}
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
	case command == "":
		msg = "a request's command must be a string"
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
		s.onAttach(r)
	case *dap.RestartRequest:
		s.restart(r)
	case *dap.ConfigurationDoneRequest:
		s.configurationDone(r)
	case *dap.SetBreakpointsRequest:
		s.setBreakpoints(r)
	case *dap.BreakpointLocationsRequest:
		s.breakpointLocations(r)
	case *dap.SetFunctionBreakpointsRequest:
		s.setFunctionBreakpoints(r)
	case *dap.SetExceptionBreakpointsRequest:
		s.setExceptionBreakpoints(r)
	case *dap.ExceptionInfoRequest:
		s.exceptionInfo(r)
	case *dap.ThreadsRequest:
		s.threads(r)
	case *dap.LoadedSourcesRequest:
		s.loadedSources(r)
	case *dap.StackTraceRequest:
		s.stackTrace(r)
	case *dap.ScopesRequest:
		s.scopes(r)
	case *dap.VariablesRequest:
		s.variables(r)
	case *dap.EvaluateRequest:
		s.evaluate(r)
	case *dap.SetVariableRequest:
		s.setVariable(r)
	case *dap.SetExpressionRequest:
		s.setExpression(r)
	case *dap.CompletionsRequest:
		s.completions(r)
	case *dap.CancelRequest:
		s.cancel(r)
	case *dap.ContinueRequest:
		s.resume(r, r.Arguments.ThreadId, stepNone)
	case *dap.NextRequest:
		s.resume(r, r.Arguments.ThreadId, stepOver)
	case *dap.StepInRequest:
		s.resume(r, r.Arguments.ThreadId, stepIn)
	case *dap.StepOutRequest:
		s.resume(r, r.Arguments.ThreadId, stepOut)
	case *dap.StepBackRequest:
		s.stepBack(r)
	case *dap.ReverseContinueRequest:
		s.reverseContinue(r)
	case *dap.PauseRequest:
		s.pause(r)
	case *dap.TerminateThreadsRequest:
		s.terminateThreads(r)
	case *dap.TerminateRequest:
		s.send(&dap.TerminateResponse{Response: response(r)})
		s.terminate()
	case *dap.DisconnectRequest:
		s.disconnect(r)
		return true
	default:
		s.fail(req, "%s is not supported", req.GetRequest().Command)
	}
	return false
}

func (s *session) initialize(r *dap.InitializeRequest) {
	a := r.Arguments
	// Lines and columns count from 1 unless the client says otherwise (go-dap reads a missing
	// linesStartAt1 as false).
	var given struct {
		Arguments struct {
			LinesStartAt1   *bool `json:"linesStartAt1"`
			ColumnsStartAt1 *bool `json:"columnsStartAt1"`
		} `json:"arguments"`
	}
	json.Unmarshal(s.body, &given)
	s.mu.Lock()
	s.client = clientInfo{linesFrom1: given.Arguments.LinesStartAt1 == nil || a.LinesStartAt1,
		columnsFrom1: given.Arguments.ColumnsStartAt1 == nil || a.ColumnsStartAt1,
		uriPaths:     a.PathFormat == "uri", runInTerminal: a.SupportsRunInTerminalRequest}
	s.mu.Unlock()
	s.send(&dap.InitializeResponse{Response: response(r), Body: dap.Capabilities{
		SupportsConfigurationDoneRequest:   true,
		SupportsConditionalBreakpoints:     true,
		SupportsHitConditionalBreakpoints:  true,
		SupportsFunctionBreakpoints:        true,
		SupportsBreakpointLocationsRequest: true,
		SupportsSetVariable:                true,
		SupportsSetExpression:              true,
		SupportsLogPoints:                  true,
		SupportsEvaluateForHovers:          true,
		SupportsCompletionsRequest:         true,
		CompletionTriggerCharacters:        []string{"(", "-"},
		SupportsCancelRequest:              true,
		SupportsTerminateRequest:           true,
		SupportsTerminateThreadsRequest:    true,
		SupportTerminateDebuggee:           true,
		SupportsRestartRequest:             true,
		SupportsLoadedSourcesRequest:       true,
		SupportsDelayedStackTraceLoading:   true,
		SupportsValueFormattingOptions:     true,
		SupportsExceptionInfoRequest:       true,
		SupportsExceptionFilterOptions:     true,
		ExceptionBreakpointFilters:         exceptionFilters,
	}})
}
