package interp_test

import (
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"foment-ls/interp"
)

type recorder struct {
	lines []int
	vars  map[string]string
	names []string
}

func (r *recorder) Step(th *interp.Thread, site *interp.Site) {
	r.lines = append(r.lines, site.Span.Start.Line)
	if site.Name == "car" && r.vars == nil {
		frames := th.Frames()
		r.vars = map[string]string{}
		for _, v := range th.Locals(len(frames)-1, site) {
			r.vars[v.Name] = interp.WriteString(v.Value)
		}
		for _, f := range frames {
			r.names = append(r.names, interp.ProcName(f.Proc))
		}
	}
}

// A stepping thread's hook sees every call with its position and can read the variables of
// the frames.
func TestHookStepsAndLocals(t *testing.T) {
	src := `(import (scheme base))
(define (first-of lst extra)
  (let ((n 10))
    (car lst)))
(define result (first-of (list 1 2) 'x))
`
	in := interp.New(interp.Options{Stdout: io.Discard})
	r := &recorder{}
	in.SetHook(r)
	in.Main().SetStepping(true)
	if err := in.RunSource("hook.scm", []byte(src)); err != nil {
		t.Fatal(err)
	}
	if len(r.lines) == 0 || r.vars == nil {
		t.Fatalf("hook not called: %v", r.lines)
	}
	want := map[string]string{"lst": "(1 2)", "extra": "x", "n": "10"}
	for k, v := range want {
		if r.vars[k] != v {
			t.Errorf("variable %s = %q, want %q (all: %v)", k, r.vars[k], v, r.vars)
		}
	}
	if got := strings.Join(r.names, " "); !strings.Contains(got, "first-of") {
		t.Errorf("frames: %s", got)
	}
}

// Interrupt runs a function on a busy thread at its next step; Cancel ends the program.
func TestInterruptAndCancel(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	var interrupted atomic.Bool
	go func() {
		time.Sleep(50 * time.Millisecond)
		in.Main().Interrupt(func(*interp.Thread) { interrupted.Store(true) })
		time.Sleep(50 * time.Millisecond)
		in.Cancel("test")
	}()
	start := time.Now()
	err := in.RunSource("loop.scm", []byte("(import (scheme base))\n(let loop () (loop))\n"))
	var term *interp.Terminate
	if !errors.As(err, &term) {
		t.Fatalf("want a Terminate, got %v", err)
	}
	if !interrupted.Load() {
		t.Error("the interrupt did not run")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

// A pause while a thread sleeps: the interrupt runs at once, and the sleep goes on afterwards.
func TestInterruptWhileBlocked(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	ran := make(chan time.Duration, 1)
	start := time.Now()
	go func() {
		time.Sleep(30 * time.Millisecond)
		in.Main().Interrupt(func(*interp.Thread) { ran <- time.Since(start) })
	}()
	if err := in.RunSource("sleep.scm", []byte("(import (foment base))\n(sleep 300)\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-ran:
		if d > 200*time.Millisecond {
			t.Errorf("the interrupt waited for the sleep: %v", d)
		}
	default:
		t.Fatal("the interrupt never ran")
	}
	if d := time.Since(start); d < 290*time.Millisecond {
		t.Errorf("the sleep was cut short: %v", d)
	}
}
