package dap

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-dap"
)

var (
	sequences = flag.Int("sequences", 60, "TestRandomSequences: how many (the issue asks for 1000)")
	seqSeed   = flag.Uint64("seed", 1, "TestRandomSequences: the seed")
)

// TestRandomSequences drives the adapter with random, seeded sequences of what a user clicks —
// pause, continue, steps, evaluations (some long, some broken, some cancelled), breakpoints set
// and cleared, stack and variables, terminate — without waiting for the answers, then
// disconnects: the session must answer the disconnect, end, and leave no goroutine behind.
// go test ./dap -run RandomSequences -sequences 1000
func TestRandomSequences(t *testing.T) {
	programs := []struct {
		file  string
		lines []int
	}{
		{"loop.scm", []int{3, 7, 8, 9}},
		{"steps.scm", []int{4, 6, 7, 9, 10, 11}},
		{"server.scm", []int{4, 9, 10}},
		{"lines.scm", []int{5, 6, 7, 10, 11, 12, 14}},
	}
	exprs := []string{"counter", "(+ 1 2)", "x", "(car 1)", "(let loop ((i 0)) (if (< i 200000) (loop (+ i 1)) i))",
		"(let loop () (loop))", "(sleep 20)", "(", "server"}
	baseline := runtime.NumGoroutine()
	for i := range *sequences {
		r := rand.New(rand.NewPCG(*seqSeed, uint64(i)))
		p := programs[r.IntN(len(programs))]
		var ops []string
		func() {
			defer func() {
				if t.Failed() {
					t.Logf("sequence %d (seed %d) on %s: %s", i, *seqSeed, p.file, strings.Join(ops, " "))
				}
			}()
			d := newDriver(t)
			d.send("initialize", map[string]any{"adapterID": "foment", "linesStartAt1": true})
			d.send("launch", map[string]any{"program": testdata(p.file)})
			d.send("configurationDone", nil)
			for n := 5 + r.IntN(25); n > 0; n-- {
				thread := 1 + r.IntN(2)
				switch k := r.IntN(12); k {
				case 0, 1:
					ops = append(ops, "pause")
					d.send("pause", map[string]any{"threadId": thread})
				case 2, 3:
					ops = append(ops, "continue")
					d.send("continue", map[string]any{"threadId": thread})
				case 4:
					step := []string{"next", "stepIn", "stepOut"}[r.IntN(3)]
					ops = append(ops, step)
					d.send(step, map[string]any{"threadId": thread})
				case 5, 6:
					e := exprs[r.IntN(len(exprs))]
					ops = append(ops, "evaluate"+fmt.Sprintf("%q", e))
					d.send("evaluate", map[string]any{"expression": e, "context": "repl"})
				case 7:
					var bps []map[string]any
					for _, l := range p.lines {
						if r.IntN(3) == 0 {
							bp := map[string]any{"line": l}
							if r.IntN(3) == 0 {
								bp["condition"] = "(> 1 0)"
							}
							bps = append(bps, bp)
						}
					}
					ops = append(ops, fmt.Sprintf("setBreakpoints%d", len(bps)))
					d.send("setBreakpoints", map[string]any{"source": map[string]any{"path": testdata(p.file)}, "breakpoints": bps})
				case 8:
					ops = append(ops, "stackTrace+scopes")
					d.send("stackTrace", map[string]any{"threadId": thread})
					d.send("scopes", map[string]any{"frameId": 1 + r.IntN(4)})
					d.send("variables", map[string]any{"variablesReference": 1 + r.IntN(8)})
				case 9:
					ops = append(ops, "cancel")
					d.send("cancel", map[string]any{"requestId": d.seq - r.IntN(3)})
				case 10:
					ops = append(ops, "threads")
					d.send("threads", nil)
				case 11:
					if r.IntN(4) == 0 {
						ops = append(ops, "terminate")
						d.send("terminate", nil)
					} else {
						ops = append(ops, "setExceptionBreakpoints")
						d.send("setExceptionBreakpoints", map[string]any{"filters": []string{"uncaught", "caught"}[:r.IntN(3)]})
					}
				}
				if r.IntN(3) == 0 {
					time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
				}
			}
			ops = append(ops, "disconnect")
			d.send("disconnect", nil)
			d.finish()
		}()
		if t.Failed() {
			return
		}
		// Nothing is left running: the program's threads, the session's goroutines.
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > baseline {
			buf := make([]byte, 1<<20)
			t.Fatalf("sequence %d (seed %d) on %s left %d goroutines: %s\n%s", i, *seqSeed, p.file, n-baseline,
				strings.Join(ops, " "), buf[:runtime.Stack(buf, true)])
		}
	}
}

// driver sends requests without waiting for their answers, reading everything that comes.
type driver struct {
	t       *testing.T
	w       io.WriteCloser
	seq     int
	answers chan int // request seqs as they are answered
	done    chan error
}

func newDriver(t *testing.T) *driver {
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	d := &driver{t: t, w: cw, answers: make(chan int, 1000), done: make(chan error, 1)}
	go func() { d.done <- Serve(sr, sw, nil); sw.Close() }()
	go func() {
		br := bufio.NewReader(cr)
		for {
			m, err := dap.ReadProtocolMessage(br)
			if err != nil {
				close(d.answers)
				return
			}
			if r, ok := m.(dap.ResponseMessage); ok {
				select {
				case d.answers <- r.GetResponse().RequestSeq:
				default:
				}
			}
		}
	}()
	return d
}

func (d *driver) send(command string, args map[string]any) {
	d.seq++
	m := map[string]any{"seq": d.seq, "type": "request", "command": command}
	if args != nil {
		m["arguments"] = args
	}
	b, _ := json.Marshal(m)
	fmt.Fprintf(d.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
}

// finish waits for the disconnect's answer and the end of the session.
func (d *driver) finish() {
	d.t.Helper()
	last := d.seq
	deadline := time.After(10 * time.Second)
	for answered := false; !answered; {
		select {
		case seq, ok := <-d.answers:
			if !ok {
				d.t.Fatal("the stream ended before the disconnect was answered")
			}
			answered = seq == last
		case <-deadline:
			d.t.Fatal("the disconnect was not answered in 10 s: a hang")
		}
	}
	d.w.Close()
	select {
	case <-d.done:
	case <-time.After(10 * time.Second):
		d.t.Fatal("the session did not end after the disconnect")
	}
	for range d.answers { // the reader ends with the stream
	}
}
