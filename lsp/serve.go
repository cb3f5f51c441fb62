package lsp

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// How the server runs a connection (three goroutine roles):
//   - the reading goroutine (jsonrpc2's) decodes each message and calls handle: notifications
//     that change documents are applied there, in order; requests are queued;
//   - a fixed pool of workers runs the queued requests and the debounced diagnostics, so the
//     work in flight (and the memory of the results being built) is bounded whatever the client
//     sends; when the queue is full the reading goroutine waits, and the client's writes with it;
//   - debounce timers only queue a publish.
// Every write to the client comes from the reading goroutine or a worker, so stopping the
// workers and the timers, then closing the stream to writes, ends every write before Serve
// returns.

// Lifecycle states.
const (
	stateNew         = iota // before initialize: requests get ServerNotInitialized
	stateInitialized        // initialize answered
	stateShutdown           // shutdown received: only exit is expected
)

const (
	serverNotInitialized jsonrpc2.Code = -32002
	requestCancelled     jsonrpc2.Code = -32800
	queueLength                        = 256
)

// A job is a queued request.
type job struct {
	ctx    context.Context
	reply  jsonrpc2.Replier
	method string
	params json.RawMessage
	run    func(s *Server, ctx context.Context, params json.RawMessage) (any, error)
}

// dispatcher holds the connection's plumbing: lifecycle, queue, workers, cancellation.
type dispatcher struct {
	stream    *stream
	state     int // under Server.mu
	closing   bool
	exited    chan int
	cancel    func(id jsonrpc2.ID) // cancels one request ($/cancelRequest)
	cancelAll context.CancelFunc   // cancels every request (exit)
	jobs      chan job
	publishes chan protocol.DocumentURI
	flows     chan protocol.DocumentURI     // flow analyses to make (flowdiags.go)
	queued    map[protocol.DocumentURI]bool // publishes waiting in the channel, under Server.mu
	quit      chan struct{}
	workers   sync.WaitGroup
	inflight  sync.WaitGroup // queued or running requests (shutdown answers after them)

	// Workers is how many requests run at once (at least 2).
	Workers int
	// beforeRequest, when set (tests), is called by a worker before it runs a request;
	// beforeAnalysis before an analysis of a document is made; beforeFlow before a flow
	// analysis.
	beforeRequest  func(ctx context.Context, method string)
	beforeAnalysis atomic.Pointer[func(path string)]
	beforeFlow     func(u protocol.DocumentURI)
}

// Serve runs a server on a connection until the client exits or the connection ends. The
// returned code is the process exit status: 0 after shutdown and exit, 1 otherwise. When it
// returns, nothing the server started writes to w any more.
func Serve(ctx context.Context, r io.Reader, w io.Writer, logger *slog.Logger) int {
	return newServer(logger).serve(ctx, r, w)
}

func newServer(logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{log: logger, docs: map[protocol.DocumentURI]*snapshot{}, disk: map[string]*snapshot{},
		debounce: map[protocol.DocumentURI]*time.Timer{}, lastChange: map[protocol.DocumentURI]time.Time{},
		semPrev: map[string][]uint32{}, Debounce: 8 * time.Millisecond}
	s.exited = make(chan int, 1)
	s.jobs = make(chan job, queueLength)
	s.publishes = make(chan protocol.DocumentURI, queueLength)
	s.flows = make(chan protocol.DocumentURI, queueLength)
	s.flowTimers, s.flowQueued, s.FlowDelay = map[protocol.DocumentURI]*time.Timer{}, map[protocol.DocumentURI]bool{}, 250*time.Millisecond
	s.queued = map[protocol.DocumentURI]bool{}
	s.quit = make(chan struct{})
	s.Workers = max(4, runtime.GOMAXPROCS(0))
	return s
}

func (s *Server) serve(ctx context.Context, r io.Reader, w io.Writer) int {
	s.stream = newStream(r, w, nil)
	s.stream.log = s.log
	s.conn = jsonrpc2.NewConn(s.stream)
	reqCtx, cancelAll := context.WithCancel(ctx)
	s.cancelAll = cancelAll
	handler, cancel := jsonrpc2.CancelHandler(s.handle)
	s.cancel = cancel
	for i := 0; i < max(2, s.Workers); i++ {
		s.workers.Add(1)
		go s.work()
	}
	s.conn.Go(reqCtx, handler)
	code := 1
	select {
	case code = <-s.exited:
	case <-s.conn.Done():
		s.mu.Lock()
		if s.state == stateShutdown {
			code = 0
		}
		s.mu.Unlock()
	case <-ctx.Done():
	}
	s.stop()
	return code
}

// stop ends the connection: no new timers or jobs, cancel what runs, wait for the workers,
// then refuse every later write (the reading goroutine may still be decoding a message).
func (s *Server) stop() {
	s.mu.Lock()
	s.closing = true
	for _, t := range s.debounce {
		t.Stop()
	}
	for _, t := range s.flowTimers {
		t.Stop()
	}
	s.mu.Unlock()
	s.cancelAll()
	close(s.quit)
	done := make(chan struct{})
	go func() { s.workers.Wait(); s.indexing.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		// Only a write the client never reads can hold a worker this long.
		s.log.Error("workers still busy 10 s after exit; closing the stream anyway")
	}
	// Requests still queued are never answered.
	for drained := false; !drained; {
		select {
		case <-s.jobs:
			s.inflight.Done()
		default:
			drained = true
		}
	}
	s.stream.closeWrites()
	s.conn.Close()
}

// work runs queued publishes (first) and requests until the server stops.
func (s *Server) work() {
	defer s.workers.Done()
	for {
		select {
		case <-s.quit:
			return
		case u := <-s.publishes:
			s.runPublish(u)
			continue
		default:
		}
		select {
		case <-s.quit:
			return
		case u := <-s.publishes:
			s.runPublish(u)
		case j := <-s.jobs:
			s.runJob(j)
		case u := <-s.flows:
			s.runFlow(u)
		}
	}
}

func (s *Server) runPublish(u protocol.DocumentURI) {
	s.mu.Lock()
	delete(s.queued, u)
	closing := s.closing
	s.mu.Unlock()
	if !closing {
		s.publish(u)
	}
}

func (s *Server) runJob(j job) {
	defer s.inflight.Done()
	select {
	case <-s.quit:
		return // exiting: nobody waits for the answer
	default:
	}
	if j.ctx.Err() != nil { // cancelled while queued: no work at all
		j.reply(j.ctx, nil, jsonrpc2.NewError(requestCancelled, "request cancelled"))
		return
	}
	if s.beforeRequest != nil {
		s.beforeRequest(j.ctx, j.method)
	}
	s.safeReply(j.ctx, j.reply, j.method, func() (any, error) { return j.run(s, j.ctx, j.params) })
}

// handle dispatches one message on the reading goroutine. Notifications that change documents
// are applied at once, in order; requests are queued for the workers, each with a context that
// $/cancelRequest cancels.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	method := req.Method()
	params := req.Params()
	_, isCall := req.(*jsonrpc2.Call)
	s.mu.Lock()
	state, closing := s.state, s.closing
	s.mu.Unlock()
	if closing {
		return nil
	}
	if !isCall {
		// Before initialize, notifications are dropped, except exit.
		if state != stateNew || method == "exit" {
			s.notification(ctx, method, params)
		}
		return nil
	}
	switch {
	case method == "initialize" && state == stateNew:
		var res any
		err := s.safeReply(ctx, reply, method, func() (any, error) {
			r, err := s.initialize(params)
			res = r
			return r, err
		})
		if res != nil {
			s.mu.Lock()
			s.state = stateInitialized
			s.mu.Unlock()
		}
		return err
	case method == "initialize":
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received"))
	case state == stateNew:
		return reply(ctx, nil, jsonrpc2.NewError(serverNotInitialized, "the server is not initialized: send initialize first"))
	case method == "shutdown":
		s.mu.Lock()
		s.state = stateShutdown
		s.mu.Unlock()
		// Answer the requests in flight first: the client exits after this reply.
		done := make(chan struct{})
		go func() { s.inflight.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
		return reply(ctx, nil, nil)
	case state == stateShutdown:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shut down"))
	}
	h := requests[method]
	if h == nil {
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not supported: "+method))
	}
	s.inflight.Add(1)
	return s.enqueue(job{ctx: ctx, reply: reply, method: method, params: params, run: h})
}

// enqueue waits for room in the queue: the server's backpressure.
func (s *Server) enqueue(j job) error {
	select {
	case s.jobs <- j:
	case <-s.quit:
		s.inflight.Done()
	}
	return nil
}

// safeReply runs a request, turning a panic into an InternalError reply and a cancellation into
// RequestCancelled.
func (s *Server) safeReply(ctx context.Context, reply jsonrpc2.Replier, method string, f func() (any, error)) (err error) {
	var res any
	var rerr error
	func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic", "method", method, "panic", r, "stack", string(debug.Stack()))
				rerr = jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
			}
		}()
		res, rerr = f()
	}()
	if ctx.Err() != nil {
		return reply(ctx, nil, jsonrpc2.NewError(requestCancelled, "request cancelled"))
	}
	if rerr != nil {
		if _, ok := rerr.(*jsonrpc2.Error); !ok {
			rerr = jsonrpc2.NewError(jsonrpc2.InvalidParams, rerr.Error())
		}
	}
	return reply(ctx, res, rerr)
}

// schedule publishes a document's diagnostics after a delay, so that the changes of a burst of
// typing coalesce; a change that comes alone is analysed at once.
func (s *Server) schedule(u protocol.DocumentURI, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return
	}
	now := time.Now()
	if now.Sub(s.lastChange[u]) > 4*delay {
		delay = 0
	}
	s.lastChange[u] = now
	if t := s.debounce[u]; t != nil {
		t.Stop()
	}
	s.debounce[u] = time.AfterFunc(delay, func() { s.queuePublish(u) })
}

// queuePublish hands a document's diagnostics to the workers, once however often it is asked.
func (s *Server) queuePublish(u protocol.DocumentURI) {
	s.mu.Lock()
	if s.closing || s.queued[u] {
		s.mu.Unlock()
		return
	}
	s.queued[u] = true
	s.mu.Unlock()
	select {
	case s.publishes <- u:
	case <-s.quit:
	}
}

// scheduleFlow makes a document's flow analysis once its edits pause for FlowDelay: it reads
// the whole file, and an edit that comes meanwhile would make it stale.
func (s *Server) scheduleFlow(u protocol.DocumentURI) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return
	}
	if t := s.flowTimers[u]; t != nil {
		t.Stop()
	}
	s.flowTimers[u] = time.AfterFunc(s.FlowDelay, func() { s.queueFlow(u) })
}

// queueFlow hands a document's flow analysis to the workers, once however often it is asked.
func (s *Server) queueFlow(u protocol.DocumentURI) {
	s.mu.Lock()
	if s.closing || s.flowQueued[u] {
		s.mu.Unlock()
		return
	}
	s.flowQueued[u] = true
	s.mu.Unlock()
	select {
	case s.flows <- u:
	case <-s.quit:
	}
}
