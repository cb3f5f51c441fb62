package dap

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-dap"
)

var replays = flag.Int("replays", 4, "random programs recorded and walked back and forth by TestStepBackRandom")

// randomProgram writes a program of procedures that call each other, loop and change
// globals, one form per line; with sockets, a thread sends messages to the program, which
// receives them between its calls. body is the line where its calls start.
func randomProgram(rng *rand.Rand, sockets bool) (src string, body int) {
	var b strings.Builder
	b.WriteString("(import (scheme base) (scheme write) (foment base))\n")
	b.WriteString("(define g0 0)\n(define g1 '())\n(define received 0)\n")
	nprocs := 3 + rng.IntN(3)
	for p := 1; p <= nprocs; p++ {
		fmt.Fprintf(&b, "(define (p%d a b)\n", p)
		fmt.Fprintf(&b, "  (let ((x (+ a %d)))\n", rng.IntN(5))
		fmt.Fprintf(&b, "    (set! g0 (+ g0 x))\n")
		if p > 1 && rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "    (set! g1 (cons (p%d x b) g1))\n", 1+rng.IntN(p-1))
		}
		switch rng.IntN(3) {
		case 0:
			fmt.Fprintf(&b, "    (let loop ((i 0) (acc 0))\n      (if (< i (min b 3))\n          (loop (+ i 1)\n                (+ acc x))\n          acc))))\n")
		case 1:
			fmt.Fprintf(&b, "    (if (> x b)\n        (* x 2)\n        (- b x))))\n")
		default:
			if p > 1 {
				fmt.Fprintf(&b, "    (+ x\n       (p%d b a))))\n", 1+rng.IntN(p-1))
			} else {
				fmt.Fprintf(&b, "    (* x b)))\n")
			}
		}
	}
	if sockets {
		b.WriteString(`(define port (cadr (command-line)))
(define server (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(bind-socket server "127.0.0.1" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
(listen-socket server)
(define sender
  (run-thread
   (lambda ()
     (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp))))
       (connect-socket s "127.0.0.1" port (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))
       (let loop ((i 0))
         (when (< i 12)
           (send-socket s (string->utf8 (number->string (* i 7919))) 0)
           (sleep 1)
           (loop (+ i 1))))
       (close-port s)))))
(define conn (accept-socket server))
(define (receive)
  (let ((bv (recv-socket conn 8 0)))
    (set! received (+ received (bytevector-length bv)))
    bv))
`)
	}
	body = strings.Count(b.String(), "\n") + 1
	for i := 0; i < 40; i++ {
		if sockets && rng.IntN(3) == 0 {
			b.WriteString("(receive)\n")
			continue
		}
		fmt.Fprintf(&b, "(set! g0 (+ g0 (car (list (p%d %d %d)))))\n", 1+rng.IntN(nprocs), rng.IntN(4), rng.IntN(4))
	}
	if sockets {
		b.WriteString("(thread-join! sender)\n")
	}
	b.WriteString("(display g0)\n(newline)\n")
	return b.String(), body
}

// A seeded test of going back: random programs (some with a thread that sends them messages
// over a socket), recorded, then replayed: from where their calls start, random steps forward
// (next, step in, step out), then as many steps back — each stop on the way back shows what it showed on
// the way there — then the same steps forward again, through the same stops.
func TestStepBackRandom(t *testing.T) {
	before := climbs.Load()
	defer func() {
		if *replays >= 2 && climbs.Load() == before {
			t.Error("no run set out from a rung of the ladder")
		}
	}()
	for seed := 1; seed <= *replays; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
			sockets := seed%2 == 0
			if seed%4 < 2 {
				// Going back takes the runs made ahead of time.
				defer func(n uint64) { spareFrom = n }(spareFrom)
				spareFrom = 1
			}
			if seed%3 != 0 {
				// Going back resumes the parked runs of a ladder of checkpoints.
				smallLadder(t, 1+uint64(rng.IntN(40)))
			}
			prog := filepath.Join(t.TempDir(), fmt.Sprintf("random%d.scm", seed))
			src, body := randomProgram(rng, sockets)
			os.WriteFile(prog, []byte(src), 0o644)
			var args []string
			if sockets {
				args = []string{freePort(t)}
			}
			rec, out := recordRun(t, prog, args, nil)
			if out == "" {
				t.Fatalf("the recorded run printed nothing")
			}
			r := replay(t, rec)
			if reason, _ := r.stopOrEnd(); reason != "entry" {
				t.Fatalf("stopped for %s", reason)
			}
			// The walk starts where the calls start (the socket connected).
			r.setBreakpoints(prog, body)
			if reason := r.step("continue"); reason != "breakpoint" {
				t.Fatalf("stopped for %q, not at line %d", reason, body)
			}
			r.setBreakpoints(prog)
			states := []state{r.walkState("breakpoint")}
			var walk []string
			for len(walk) < 20 {
				cmd := []string{"next", "next", "stepIn", "stepIn", "stepOut"}[rng.IntN(5)]
				if cmd == "stepOut" && len(states[len(states)-1].Stack) < 3 {
					continue // out of the top level is the program's end
				}
				reason := r.step(cmd)
				if reason == "" {
					t.Fatalf("the program ended at step %d (%s)", len(walk)+1, cmd)
				}
				walk = append(walk, cmd)
				states = append(states, r.walkState(reason))
			}
			back := 1 + rng.IntN(len(walk))
			for i := len(walk) - 1; i >= len(walk)-back; i-- {
				got := r.walkState(r.step("stepBack"))
				want := states[i]
				got.Reason, want.Reason = "", ""
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("back from step %d of %v:\n%s", i+1, walk, diffStates([]state{want}, []state{got}))
				}
			}
			for i := len(walk) - back; i < len(walk); i++ {
				got := r.walkState(r.step(walk[i]))
				if !reflect.DeepEqual(got, states[i+1]) {
					t.Fatalf("forward again, step %d of %v:\n%s", i+1, walk, diffStates(states[i+1:i+2], []state{got}))
				}
			}
			// To the end: the output is the recorded run's, shown once.
			for r.step("continue") != "" {
			}
			if r.output.String() != out {
				t.Errorf("output %q, recorded %q", r.output.String(), out)
			}
		})
	}
}

// walkState is a stop's state with the threads' names (what each waits for).
func (c *client) walkState(reason string) state {
	c.t.Helper()
	st := c.snapshot(reason, 1)
	c.send(&dap.ThreadsRequest{Request: req("threads")})
	for _, th := range expect[*dap.ThreadsResponse](c).Body.Threads {
		name := th.Name
		if i := strings.Index(name, ": stopped ("); i >= 0 {
			name = name[:i] + ": stopped" // why is the stop's reason, compared apart
		}
		st.Globals = append(st.Globals, fmt.Sprintf("thread %d: %s", th.Id, name))
	}
	return st
}
