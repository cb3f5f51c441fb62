package dap

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"foment-ls/interp"
	recordpkg "foment-ls/interp/record"

	"github.com/google/go-dap"
)

// state is what a stop shows: where each frame of the thread is, its locals, the program's
// globals and its sockets (each with its state and recent messages), as text to compare.
type state struct {
	Reason  string
	Stack   []string
	Locals  []string
	Globals []string
	Sockets []string
}

// live measurements of a socket, not part of the program's state
var measured = map[string]bool{"open for": true, "readable now": true}

// snapshot reads the state of a stop of thread 1.
func (c *client) snapshot(reason string, thread int) state {
	c.t.Helper()
	st := state{Reason: reason}
	frames := c.stack(thread)
	for _, f := range frames {
		st.Stack = append(st.Stack, fmt.Sprintf("%s:%d", f.Name, f.Line))
	}
	top := frames[0].Id
	st.Locals = c.flat(c.scopeRef(top, "Locals"), 2)
	st.Globals = c.flat(c.scopeRef(top, "Globals"), 1)
	st.Sockets = c.flat(c.scopeRef(top, "Sockets"), 4)
	return st
}

// scopeRef returns the reference of a frame's scope (0: none).
func (c *client) scopeRef(frameID int, name string) int {
	c.t.Helper()
	c.send(&dap.ScopesRequest{Request: req("scopes"), Arguments: dap.ScopesArguments{FrameId: frameID}})
	for _, s := range expect[*dap.ScopesResponse](c).Body.Scopes {
		if s.Name == name {
			return s.VariablesReference
		}
	}
	return 0
}

// flat lists variables and their parts, depth levels down, as "name = value" lines.
func (c *client) flat(ref, depth int) []string {
	c.t.Helper()
	if ref == 0 || depth == 0 {
		return nil
	}
	c.send(&dap.VariablesRequest{Request: req("variables"), Arguments: dap.VariablesArguments{VariablesReference: ref}})
	var out []string
	for _, v := range expect[*dap.VariablesResponse](c).Body.Variables {
		if measured[v.Name] {
			continue
		}
		out = append(out, v.Name+" = "+v.Value)
		for _, sub := range c.flat(v.VariablesReference, depth-1) {
			out = append(out, v.Name+"."+sub)
		}
	}
	return out
}

// stopOrEnd waits for a stop (its reason and thread) or the program's end ("").
func (c *client) stopOrEnd() (string, int) {
	c.t.Helper()
	for {
		switch m := c.next().(type) {
		case *dap.StoppedEvent:
			return m.Body.Reason, m.Body.ThreadId
		case *dap.ExitedEvent:
			expect[*dap.TerminatedEvent](c)
			return "", 0
		case *dap.ContinueResponse, *dap.BreakpointEvent, *dap.CapabilitiesEvent, *dap.LoadedSourceEvent:
		default:
			b, _ := json.Marshal(m)
			c.t.Fatalf("unexpected %s", b)
		}
	}
}

func (c *client) cont() {
	c.t.Helper()
	c.send(&dap.ContinueRequest{Request: req("continue"), Arguments: dap.ContinueArguments{ThreadId: 1}})
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// The Sockets example's server, recorded under the debugger with a scripted client, then
// replayed with no network — nobody listens on its port and no client runs: the same output,
// and at each stop the same stack, locals, globals and sockets (their state and messages).
// Then going back: reverseContinue returns to each earlier stop, showing what it showed.
func TestRecordAndReplayTheSocketsExample(t *testing.T) {
	t.Run("from the start", testSocketsExample)
	// A rung every few steps: going back resumes parked runs, whose capture writes only
	// what was not written.
	smallLadder(t, 8)
	before := climbs.Load()
	t.Run("ladder", testSocketsExample)
	if climbs.Load() == before {
		t.Error("no run set out from a rung of the ladder")
	}
}

func testSocketsExample(t *testing.T) {
	prog, _ := filepath.Abs("../examples/sockets.scm")
	rec := filepath.Join(t.TempDir(), "server.rec")
	pcap := filepath.Join(t.TempDir(), "server.pcap")
	port := freePort(t)
	msgs := []string{"one", "two", "three"}

	c := newClient(t)
	c.initialize()
	c.launch(prog, map[string]any{"args": []string{"server", port}, "record": rec})
	c.setBreakpoints(prog, 20, 25)
	c.configurationDone()
	var recorded []state
	// The client connects while the server is stopped before its accept, then sends a message
	// at each stop, and closes after the last.
	var conn net.Conn
	for {
		reason, th := c.stopOrEnd()
		if reason == "" {
			break
		}
		recorded = append(recorded, c.snapshot(reason, th))
		n := len(recorded)
		if n == 1 {
			var err error
			if conn, err = net.Dial("tcp", "127.0.0.1:"+port); err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
		}
		if n <= len(msgs) {
			if _, err := conn.Write([]byte(msgs[n-1])); err != nil {
				t.Fatal(err)
			}
		} else {
			conn.Close()
		}
		c.cont()
	}
	out := c.output.String()
	if !strings.Contains(out, "one\ntwo\nthree\n") || len(recorded) != 1+len(msgs) {
		t.Fatalf("recorded run: %d stops, output %q", len(recorded), out)
	}

	// The replay: no program named, no network.
	r := startReplay(t, rec, fmt.Sprintf(`"pcap": %q`, pcap), func(r *client) { r.setBreakpoints(prog, 20, 25) })
	var replayed []state
	for {
		reason, th := r.stopOrEnd()
		if reason == "" {
			break
		}
		if conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second); err == nil {
			conn.Close()
			t.Error("the replay listens on the recorded port")
		}
		replayed = append(replayed, r.snapshot(reason, th))
		if len(replayed) == len(recorded) {
			break
		}
		r.cont()
	}
	if !reflect.DeepEqual(replayed, recorded) {
		t.Fatalf("the replay's stops differ:\n%s", diffStates(recorded, replayed))
	}
	// Going back: each earlier stop, as it was.
	for i := len(recorded) - 2; i >= 0; i-- {
		r.send(&dap.ReverseContinueRequest{Request: req("reverseContinue"), Arguments: dap.ReverseContinueArguments{ThreadId: 1}})
		expect[*dap.ReverseContinueResponse](r)
		reason, th := r.stopOrEnd()
		got := r.snapshot(reason, th)
		if !reflect.DeepEqual(got, recorded[i]) {
			t.Fatalf("reverse continue to stop %d:\n%s", i, diffStates(recorded[i:i+1], []state{got}))
		}
	}
	// Forward again, to the end: the output is the recorded one, once.
	for {
		r.cont()
		if reason, _ := r.stopOrEnd(); reason == "" {
			break
		}
	}
	if r.output.String() != out {
		t.Errorf("replay output %q, recorded %q", r.output.String(), out)
	}
	if b, err := os.ReadFile(pcap); err != nil || len(b) < 24+3*40 {
		t.Errorf("the capture: %d bytes, %v", len(b), err)
	} else if want := replayCapture(t, rec, prog); !bytes.Equal(b, want) {
		t.Errorf("the capture of the replay that went back: %d bytes, of a plain replay %d", len(b), len(want))
	}
}

// replayCapture is the capture of a plain replay of a recording.
func replayCapture(t *testing.T, rec, prog string) []byte {
	t.Helper()
	rc, err := recordpkg.Open(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	path := filepath.Join(t.TempDir(), "plain.pcap")
	c, err := recordpkg.CreateCapture(path, recordpkg.NewReplayer(rc))
	if err != nil {
		t.Fatal(err)
	}
	in := interp.New(interp.Options{World: c, Args: rc.Header.Args, Stdout: io.Discard, Stderr: io.Discard})
	src, _ := os.ReadFile(prog)
	if err := in.RunSource(prog, src); err != nil {
		t.Fatal(err)
	}
	in.Close()
	c.Close()
	b, _ := os.ReadFile(path)
	return b
}

func diffStates(want, got []state) string {
	var b strings.Builder
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g state
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if reflect.DeepEqual(w, g) {
			continue
		}
		wj, _ := json.MarshalIndent(w, "", " ")
		gj, _ := json.MarshalIndent(g, "", " ")
		fmt.Fprintf(&b, "stop %d\nwant %s\ngot  %s\n", i, wj, gj)
	}
	return b.String()
}

// recordRun runs a program under the debugger with "record" to its end and returns the
// recording's path and the output.
func recordRun(t *testing.T, prog string, args []string, during func(c *client)) (string, string) {
	t.Helper()
	rec := filepath.Join(t.TempDir(), "run.rec")
	c := newClient(t)
	c.initialize()
	c.launch(prog, map[string]any{"args": args, "record": rec})
	c.configurationDone()
	if during != nil {
		during(c)
	}
	if reason, _ := c.stopOrEnd(); reason != "" {
		t.Fatalf("the recorded run stopped (%s)", reason)
	}
	return rec, c.output.String()
}

// replay launches a recording, stopped on entry.
func replay(t *testing.T, rec string) *client {
	t.Helper()
	return startReplay(t, rec, `"stopOnEntry": true`, nil)
}

// startReplay launches a recording with more launch attributes (JSON members), sets it up and
// lets it run.
func startReplay(t *testing.T, rec, attrs string, setup func(r *client)) *client {
	t.Helper()
	r := newClient(t)
	r.initialize()
	if attrs != "" {
		attrs = ", " + attrs
	}
	r.send(&dap.LaunchRequest{Request: req("launch"), Arguments: json.RawMessage(fmt.Sprintf(`{"replay": %q%s}`, rec, attrs))})
	expect[*dap.LaunchResponse](r)
	if capEv := expect[*dap.CapabilitiesEvent](r); !capEv.Body.Capabilities.SupportsStepBack {
		t.Error("a replay does not announce stepBack")
	}
	expect[*dap.InitializedEvent](r)
	if setup != nil {
		setup(r)
	}
	r.configurationDone()
	return r
}

// step sends a forward step or a backward one, and waits for the stop; "" when the program
// ended instead.
func (c *client) step(command string) string {
	c.t.Helper()
	r := req(command)
	switch command {
	case "next":
		c.send(&dap.NextRequest{Request: r, Arguments: dap.NextArguments{ThreadId: 1}})
	case "stepIn":
		c.send(&dap.StepInRequest{Request: r, Arguments: dap.StepInArguments{ThreadId: 1}})
	case "stepOut":
		c.send(&dap.StepOutRequest{Request: r, Arguments: dap.StepOutArguments{ThreadId: 1}})
	case "stepBack":
		c.send(&dap.StepBackRequest{Request: r, Arguments: dap.StepBackArguments{ThreadId: 1}})
	case "reverseContinue":
		c.send(&dap.ReverseContinueRequest{Request: r, Arguments: dap.ReverseContinueArguments{ThreadId: 1}})
	case "continue":
		c.send(&dap.ContinueRequest{Request: r, Arguments: dap.ContinueArguments{ThreadId: 1}})
	}
	if resp, ok := c.next().(dap.ResponseMessage); !ok || !resp.GetResponse().Success {
		c.t.Fatalf("%s: %+v", command, resp)
	}
	reason, _ := c.stopOrEnd()
	return reason
}

const stepsProgram = `(import (except (scheme base) square) (scheme write))
(define (square x)
  (* x x))
(define (sum-squares n)
  (let loop ((i 0) (acc 0))
    (if (< i n)
        (loop (+ i 1)
              (+ acc (square i)))
        acc)))
(define total 0)
(set! total (sum-squares 3))
(display total)
(newline)
(set! total (+ total (sum-squares 2)))
(display total)
(newline)
`

// Stepping back undoes each step exactly: the stops on the way back show what they showed on
// the way there, and stepping forward again goes through them once more. Without steps to
// undo (after a continue), a step back goes to the line before in the same procedure, or to
// its caller's line; reverseContinue goes to the breakpoint hit before.
func TestStepBack(t *testing.T) {
	// Every going back makes a run ahead of time for the next step back.
	defer func(n uint64) { spareFrom = n }(spareFrom)
	spareFrom = 1
	t.Run("from the start", testStepBack)
	// A rung every few steps: going back resumes parked runs.
	smallLadder(t, 4)
	before := climbs.Load()
	t.Run("ladder", testStepBack)
	if climbs.Load() == before {
		t.Error("no run set out from a rung of the ladder")
	}
	// Without room in memory for one parked run, none is made.
	defer func(f func() int64) { ladderMemory = f }(ladderMemory)
	ladderMemory = func() int64 { return 1 }
	before = climbs.Load()
	t.Run("no room", testStepBack)
	if climbs.Load() != before {
		t.Error("runs set out from rungs that had no room")
	}
}

func testStepBack(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "steps.scm")
	os.WriteFile(prog, []byte(stepsProgram), 0o644)
	rec, out := recordRun(t, prog, nil, nil)
	if out != "5\n6\n" {
		t.Fatalf("output %q", out)
	}
	r := replay(t, rec)
	if reason, _ := r.stopOrEnd(); reason != "entry" {
		t.Fatalf("stopped for %s", reason)
	}
	states := []state{r.snapshot("entry", 1)}
	walk := []string{"next", "next", "next", "stepIn", "stepIn", "next", "stepIn", "stepIn", "stepOut", "next", "stepIn", "next", "stepOut", "next", "next"}
	for _, cmd := range walk {
		reason := r.step(cmd)
		if reason == "" {
			t.Fatalf("the program ended at %s", cmd)
		}
		states = append(states, r.snapshot(reason, 1))
	}
	for i := len(walk) - 1; i >= 0; i-- {
		reason := r.step("stepBack")
		got := r.snapshot(reason, 1)
		want := states[i]
		got.Reason, want.Reason = "", ""
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("back from step %d (%s):\n%s", i+1, walk[i], diffStates([]state{want}, []state{got}))
		}
	}
	for i, cmd := range walk {
		reason := r.step(cmd)
		if got := r.snapshot(reason, 1); !reflect.DeepEqual(got, states[i+1]) {
			t.Fatalf("forward again, step %d (%s):\n%s", i+1, cmd, diffStates(states[i+1:i+2], []state{got}))
		}
	}
	if !strings.HasPrefix(r.output.String(), "5\n") || strings.Count(r.output.String(), "5\n") != 1 {
		t.Errorf("the output shown: %q", r.output.String())
	}

	// With breakpoints: on (* x x), hit five times; reverse continue goes to each hit before.
	r.setBreakpoints(prog, 3)
	lines := func() []string { return r.snapshot("", 1).Stack }
	r.step("continue") // (square 0) of (sum-squares 2)
	r.step("continue") // (square 1), the last hit
	if at := lines(); at[0] != "square:3" {
		t.Fatalf("stopped at %v", at)
	}
	var xs []string
	for i := 0; i < 4; i++ {
		if reason := r.step("reverseContinue"); reason != "breakpoint" {
			t.Fatalf("reverse continue %d: stopped for %q", i, reason)
		}
		xs = append(xs, r.flat(r.scopeRef(r.stack(1)[0].Id, "Locals"), 1)...)
	}
	if want := []string{"x = 0", "x = 2", "x = 1", "x = 0"}; !reflect.DeepEqual(xs, want) {
		t.Errorf("the hits going back: %v, want %v", xs, want)
	}
	// Before the first hit there is none: the start of the program.
	if reason := r.step("reverseContinue"); reason != "entry" {
		t.Errorf("reverse continue before the first hit: %q", reason)
	}
	// From the start, a continue goes to the first hit again.
	if r.step("continue"); !reflect.DeepEqual(r.flat(r.scopeRef(r.stack(1)[0].Id, "Locals"), 1), []string{"x = 0"}) {
		t.Errorf("first hit again")
	}
	// Step back (reverse-next) from the first line of square: the line that called it.
	r.setBreakpoints(prog)
	if r.step("stepBack"); lines()[0] != "loop:8" {
		t.Errorf("back from the first line of square: %v", lines())
	}
	if r.step("stepBack"); lines()[0] != "loop:7" {
		t.Errorf("back again: %v", lines())
	}
}

var backCost = flag.Int("backcost", 0, "TestGoingBackCost: runs (0: skip)")

const twoFibs = `(import (scheme base) (scheme write))
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define a (fib 27))
(define b (fib 27))
(display (+ a b))
(newline)
`

// TestGoingBackCost measures what going back costs in a replay (figures logged, nothing
// asserted): the program computes (fib 27) twice, some 2.5 million steps. From its last line,
// reverseContinue to a breakpoint on the first fib's line (a run to the current step to find
// the hits, then a run to the last of them); then from the last line again, a step back over
// the second fib (the replay runs again from its start to half way), and, after a moment, a
// second one, which the run made ahead of time meanwhile (a spare) makes a swap. Compare with
// the replay's forward run and the plain run:
// go test ./dap -run GoingBackCost -backcost 3 -v
func TestGoingBackCost(t *testing.T) {
	if *backCost == 0 {
		t.Skip("run with -backcost N")
	}
	prog := filepath.Join(t.TempDir(), "fibs.scm")
	os.WriteFile(prog, []byte(twoFibs), 0o644)
	rec, _ := recordRun(t, prog, nil, nil)
	best := map[string]time.Duration{}
	note := func(k string, d time.Duration) {
		if b, ok := best[k]; !ok || d < b {
			best[k] = d
		}
	}
	for range *backCost {
		start := time.Now()
		recordRun(t, prog, nil, nil)
		note("recorded run", time.Since(start))
		start = time.Now()
		r := startReplay(t, rec, "", func(r *client) { r.setBreakpoints(prog, 5) })
		if reason, _ := r.stopOrEnd(); reason != "breakpoint" {
			t.Fatalf("stopped for %q", reason)
		}
		note("replay to the last line", time.Since(start))
		r.setBreakpoints(prog, 3)
		start = time.Now()
		r.step("reverseContinue")
		note("reverse continue to the first fib", time.Since(start))
		if at := r.stack(1)[0].Line; at != 3 {
			t.Fatalf("reverse continue to line %d", at)
		}
		r.setBreakpoints(prog, 5)
		r.step("continue")
		r.setBreakpoints(prog)
		start = time.Now()
		r.step("stepBack")
		note("step back over the second fib", time.Since(start))
		if at := r.stack(1)[0].Line; at != 4 {
			t.Fatalf("stepped back to line %d", at)
		}
		// The next step back was prepared while the program held still.
		time.Sleep(300 * time.Millisecond)
		start = time.Now()
		r.step("stepBack")
		note("step back over the first fib, prepared", time.Since(start))
		if at := r.stack(1)[0].Line; at != 3 {
			t.Fatalf("stepped back to line %d", at)
		}
	}
	// The steps of the whole run, counted in a replay.
	rc, err := recordpkg.Open(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	in := interp.New(interp.Options{World: recordpkg.NewReplayer(rc), Stdout: io.Discard})
	start := time.Now()
	if err := in.RunSource(prog, []byte(twoFibs)); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	start = time.Now()
	plain := interp.New(interp.Options{Stdout: io.Discard})
	plain.RunSource(prog, []byte(twoFibs))
	t.Logf("%d steps (a replay without the debugger: %v; the plain run: %v); least of %d runs: %v",
		in.Steps(), whole, time.Since(start), *backCost, best)
}

// A replay of an edited program stops where it first differs from the recording, the thread
// held there with the reason, and then ends.
func TestReplayDivergence(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "env.scm")
	src := `(import (scheme base) (scheme write) (scheme process-context))
(define home (get-environment-variable "HOME"))
(write (string? home))
(newline)
`
	os.WriteFile(prog, []byte(src), 0o644)
	rec, out := recordRun(t, prog, nil, nil)
	if out != "#t\n" {
		t.Fatalf("output %q", out)
	}
	os.WriteFile(prog, []byte(strings.Replace(src, `"HOME"`, `"PATH"`, 1)), 0o644)
	r := startReplay(t, rec, "", nil)
	ev := expect[*dap.StoppedEvent](r)
	if ev.Body.Reason != "exception" || !strings.Contains(ev.Body.Text, `get-environment-variable "PATH"`) ||
		!strings.Contains(ev.Body.Text, `the recording has a get-environment-variable "HOME"`) {
		t.Fatalf("stopped: %+v", ev.Body)
	}
	if at := r.stack(1)[0].Line; at != 2 {
		t.Errorf("stopped on line %d", at)
	}
	if !strings.Contains(r.output.String(), "changed since it was recorded") {
		t.Errorf("console: %q", r.output.String())
	}
	r.cont()
	if reason, _ := r.stopOrEnd(); reason != "" {
		t.Errorf("after the divergence: %s", reason)
	}
}

var backFar = flag.Int("backfar", 4_000_000, "TestGoingBackFar: the loop's iterations (three steps each)")

const longLoop = `(import (scheme base) (scheme write))
(define (work n)
  (let loop ((i 0) (acc 0))
    (if (< i n)
        (loop (+ i 1)
              (+ acc i))
        acc)))
(display (work %d))
(newline)
`

// TestGoingBackFar measures going back to random points of a long replay (figures logged,
// nothing asserted): a loop of some 12 million steps (-backfar), stopped at random iterations in
// ascending order (a breakpoint with a hit condition), and from each a step back (the line
// before: a run to the step before). Without a ladder each is a run from the start; with one,
// a run from the parked run before it, once the ladder is made (the test waits for it, as a
// user looks at a stop). Then the memory the parked runs hold.
// go test ./dap -run GoingBackFar -backcost 1 [-backfar ITERATIONS] -v
func TestGoingBackFar(t *testing.T) {
	if *backCost == 0 {
		t.Skip("run with -backcost N")
	}
	n := *backFar
	prog := filepath.Join(t.TempDir(), "loop.scm")
	src := fmt.Sprintf(longLoop, n)
	os.WriteFile(prog, []byte(src), 0o644)
	rec, _ := recordRun(t, prog, nil, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	var at []int
	for range 10 {
		at = append(at, 1+rng.IntN(n-1))
	}
	slices.Sort(at)

	var parked, wanted, every atomic.Int64
	tell := func(p, w int, g uint64) { parked.Store(int64(p)); wanted.Store(int64(w)); every.Store(int64(g)) }
	ladderBuilt.Store(&tell)
	defer ladderBuilt.Store(nil)
	defer func(m int) { maxRungs = m }(maxRungs)

	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	var heaps [2]uint64
	var held, gap int64
	for pass, rungs := range []int{0, 8} {
		maxRungs = rungs
		r := startReplay(t, rec, "", nil)
		var times []time.Duration
		prev := 0
		for _, k := range at {
			if k == prev {
				continue
			}
			r.setSourceBreakpoints(prog, []dap.SourceBreakpoint{{Line: 5, HitCondition: strconv.Itoa(k - prev)}})
			if reason := r.step("continue"); reason != "breakpoint" {
				t.Fatalf("stopped for %q", reason)
			}
			prev = k
			r.setBreakpoints(prog)
			if rungs > 0 {
				deadline := time.Now().Add(20 * time.Second)
				for parked.Load() < wanted.Load() && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				if parked.Load() < wanted.Load() {
					buf := make([]byte, 1<<20)
					t.Fatalf("the ladder was not made: %d parked, %d wanted\n%s", parked.Load(), wanted.Load(), buf[:runtime.Stack(buf, true)])
				}
			}
			held, gap = parked.Load(), every.Load()
			heaps[pass] = heap() // at the last point, the ladder made
			start := time.Now()
			if reason := r.step("stepBack"); reason != "step" {
				t.Fatalf("step back: stopped for %q", reason)
			}
			times = append(times, time.Since(start))
		}
		var sum, most time.Duration
		for _, d := range times {
			sum += d
			most = max(most, d)
		}
		t.Logf("%d rungs at most: %d steps back to random points: mean %v, most %v (%v)", rungs, len(times),
			sum/time.Duration(len(times)), most, times)
		if rungs > 0 {
			t.Logf("the ladder at the last point: %d parked runs (interval %d steps); heap in use %d KiB, %d KiB without a ladder: some %d KiB a parked run",
				held, gap, heaps[1]>>10, heaps[0]>>10, (int64(heaps[1])-int64(heaps[0]))/max(1, held)>>10)
		}
		r.send(&dap.DisconnectRequest{Request: req("disconnect"), Arguments: &dap.DisconnectArguments{TerminateDebuggee: true}})
	}
}

// With a ladder, hit counts stay each run's own: a breakpoint with a hit condition, set after
// the parked runs were made (they did not count its hits), stops going back where a run from
// the start stops; and the runs parked later, which count it, serve.
func TestLadderHitCounts(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "loop.scm")
	os.WriteFile(prog, []byte(fmt.Sprintf(longLoop, 40)), 0o644)
	rec, _ := recordRun(t, prog, nil, nil)
	every := []dap.SourceBreakpoint{{Line: 5, HitCondition: "% 7"}}
	local := func(r *client) string {
		for _, v := range r.flat(r.scopeRef(r.stack(1)[0].Id, "Locals"), 1) {
			if strings.HasPrefix(v, "i = ") {
				return v
			}
		}
		return "?"
	}
	// A run from the start, the breakpoint set before it starts.
	r := startReplay(t, rec, "", func(r *client) { r.setSourceBreakpoints(prog, every) })
	var want []string
	for reason, _ := r.stopOrEnd(); reason == "breakpoint"; reason, _ = r.stopOrEnd() {
		want = append(want, local(r))
		r.send(&dap.ContinueRequest{Request: req("continue"), Arguments: dap.ContinueArguments{ThreadId: 1}})
	}
	if len(want) != 5 {
		t.Fatalf("the hits: %v", want)
	}

	smallLadder(t, 8)
	var parked, wanted atomic.Int64
	tell := func(p, w int, _ uint64) { parked.Store(int64(p)); wanted.Store(int64(w)) }
	ladderBuilt.Store(&tell)
	defer ladderBuilt.Store(nil)
	r = startReplay(t, rec, "", func(r *client) { r.setBreakpoints(prog, 9) })
	if reason, _ := r.stopOrEnd(); reason != "breakpoint" {
		t.Fatalf("stopped for %q", reason)
	}
	made := func() {
		for deadline := time.Now().Add(10 * time.Second); parked.Load() < wanted.Load() || wanted.Load() == 0; {
			if time.Now().After(deadline) {
				t.Fatalf("the ladder was not made: %d of %d", parked.Load(), wanted.Load())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	made()
	r.setSourceBreakpoints(prog, every)
	before := climbs.Load()
	var got []string
	for range want {
		if reason := r.step("reverseContinue"); reason != "breakpoint" {
			t.Fatalf("reverse continue: stopped for %q", reason)
		}
		got = append(got, local(r))
		made()
	}
	slices.Reverse(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("going back, the hits: %v, from the start: %v", got, want)
	}
	if climbs.Load() == before {
		t.Error("no run set out from a rung of the ladder")
	}
}

// Runs made in the background (rungs of the ladder, spares) place the breakpoints on their own
// code: the session's run keeps its own places, so a function breakpoint still stops in it
// after a line breakpoint is set.
func TestLadderKeepsTheBreakpoints(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "steps.scm")
	os.WriteFile(prog, []byte(stepsProgram), 0o644)
	rec, _ := recordRun(t, prog, nil, nil)
	smallLadder(t, 1)
	var parked, wanted atomic.Int64
	tell := func(p, w int, _ uint64) { parked.Store(int64(p)); wanted.Store(int64(w)) }
	ladderBuilt.Store(&tell)
	defer ladderBuilt.Store(nil)
	r := startReplay(t, rec, "", func(r *client) {
		r.send(&dap.SetFunctionBreakpointsRequest{Request: req("setFunctionBreakpoints"),
			Arguments: dap.SetFunctionBreakpointsArguments{Breakpoints: []dap.FunctionBreakpoint{{Name: "sum-squares"}}}})
		expect[*dap.SetFunctionBreakpointsResponse](r)
	})
	if reason, _ := r.stopOrEnd(); reason != "function breakpoint" {
		t.Fatalf("stopped for %q", reason)
	}
	for deadline := time.Now().Add(10 * time.Second); parked.Load() < wanted.Load() || wanted.Load() == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("the ladder was not made: %d of %d", parked.Load(), wanted.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.setBreakpoints(prog, 15)
	if reason := r.step("continue"); reason != "function breakpoint" {
		t.Errorf("the second call of sum-squares: stopped for %q", reason)
	}
}

// smallLadder makes the ladder's interval from steps, and its rungs at once: tests of going
// back through the rungs of short programs. The setting lasts until the test ends.
func smallLadder(t *testing.T, from uint64) {
	f, d := ladderFrom, ladderDelay
	t.Cleanup(func() { ladderFrom, ladderDelay = f, d })
	ladderFrom, ladderDelay = from, 0
}
