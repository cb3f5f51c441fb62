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
	r.lines = append(r.lines, int(site.Span.Start.Line))
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

// armer arms every stop site of the program and records where the hook ran.
type armer struct {
	in    *interp.Interp
	lines []int
}

func (a *armer) Step(th *interp.Thread, site *interp.Site) {
	a.lines = append(a.lines, int(site.Span.Start.Line))
}

func (a *armer) SourceLoaded(file string) {
	var sites []*interp.Site
	for _, st := range a.in.StopSites(file) {
		sites = append(sites, st.Site)
	}
	a.in.Arm(sites)
}

// Under a debugger every line with code that runs has a stop site — set!, if, when, begin, a
// taken branch, a variable alone on its line — and the hook runs only at armed sites.
func TestStopSitesOnEveryLine(t *testing.T) {
	src := `(import (scheme base))
(define x 0)
(define (bump a)
  (set! x (+ x 1))
  (if (> a 0)
      (+ a 1)
      (- a 1)))
(define (twice)
  (when (> x 0)
    (set! x (* x 2)))
  (begin (set! x (+ x 10))
         x))
(bump 5)
(twice)
`
	in := interp.New(interp.Options{Stdout: io.Discard})
	a := &armer{in: in}
	in.SetHook(a)
	prog, err := in.CompileProgram("lines.scm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	have := map[int]bool{}
	for _, st := range in.StopSites("lines.scm") {
		have[int(st.Span.Start.Line)] = true
	}
	for l := 2; l <= 14; l++ {
		if !have[l] {
			t.Errorf("no stop site on line %d", l)
		}
	}
	if err := in.Execute(prog); err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, l := range a.lines {
		seen[l] = true
	}
	for _, l := range []int{4, 5, 6, 9, 10, 11, 12} {
		if !seen[l] {
			t.Errorf("line %d never ran its hook: %v", l, a.lines)
		}
	}
	if seen[7] {
		t.Error("the branch not taken ran")
	}
	if got := in.Sources(); len(got) != 1 || got[0] != "lines.scm" {
		t.Errorf("sources %v", got)
	}

	// Nothing armed: the hook never runs.
	in2 := interp.New(interp.Options{Stdout: io.Discard})
	r := &recorder{}
	in2.SetHook(r)
	if err := in2.RunSource("lines.scm", []byte(src)); err != nil {
		t.Fatal(err)
	}
	if len(r.lines) != 0 {
		t.Errorf("the hook ran at %v with nothing armed", r.lines)
	}
}

// A probe compiles once and runs in any frame of its procedure at its site, seeing the
// frame's variables; an error it raises comes back as an error, the thread as it was.
type prober struct {
	env        *interp.Env
	probe, bad *interp.Probe
	values     []string
	errs       int
}

func (p *prober) Step(th *interp.Thread, site *interp.Site) {
	if site.Name != "*" {
		return
	}
	f := len(th.Frames()) - 1
	if p.probe == nil {
		var err error
		if p.probe, err = th.NewProbe("(+ x 100)", p.env, f, site); err != nil {
			panic(err)
		}
		p.bad, _ = th.NewProbe("(car x)", p.env, f, site)
	}
	if !p.probe.Fits(th, f, site) {
		panic("the probe does not fit")
	}
	v, err := th.RunProbe(p.probe, f)
	if err != nil {
		panic(err)
	}
	p.values = append(p.values, interp.WriteString(v))
	if _, err := th.RunProbe(p.bad, f); err != nil {
		p.errs++
	}
}

func TestProbes(t *testing.T) {
	in := interp.New(interp.Options{Stdout: io.Discard})
	p := &prober{}
	in.SetHook(p)
	prog, err := in.CompileProgram("probe.scm", []byte("(import (scheme base))\n(define (sq x)\n  (* x x))\n(define r (list (sq 1) (sq 2) (sq 3)))\n"))
	if err != nil {
		t.Fatal(err)
	}
	var sites []*interp.Site
	for _, st := range in.StopSites("probe.scm") {
		sites = append(sites, st.Site)
	}
	in.Arm(sites)
	p.env = prog.Env
	if err := in.Execute(prog); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.values, " "); got != "101 102 103" || p.errs != 3 {
		t.Errorf("values %q, %d errors", got, p.errs)
	}
	if v := prog.Env.Lookup(interp.Intern("r")).Value; interp.WriteString(v) != "(1 4 9)" {
		t.Errorf("r = %s: the probes disturbed the program", interp.WriteString(v))
	}
}

// WriteBounded writes any value within its budget: a circular list, a long list, a long
// string.
func TestWriteBounded(t *testing.T) {
	circ := interp.List(interp.Fixnum(1), interp.Fixnum(2))
	p := circ.Object().(*interp.Pair)
	p.Cdr.Object().(*interp.Pair).Cdr = circ
	if s, ok := interp.WriteBounded(circ, 100); s != "#0=(1 2 . #0#)" || !ok {
		t.Errorf("circular: %q %v", s, ok)
	}
	items := make([]interp.Value, 1000000)
	for i := range items {
		items[i] = interp.Fixnum(int64(i))
	}
	if s, ok := interp.WriteBounded(interp.List(items...), 50); len(s) > 50 || ok || !strings.HasPrefix(s, "(0 1 2 3") {
		t.Errorf("long list: %q %v", s, ok)
	}
	if s, ok := interp.WriteBounded(interp.Str(strings.Repeat("é", 1000)), 51); len(s) > 51 || ok {
		t.Errorf("long string: %d bytes %v", len(s), ok)
	}
	if s, ok := interp.WriteBounded(interp.Fixnum(42), 2); s != "42" || !ok {
		t.Errorf("exactly the budget: %q %v", s, ok)
	}
}
