// Package timing holds (foment base)'s clocks for measuring programs: current-milliseconds,
// process-times, time-apply and the time syntax.
package timing

import (
	"fmt"
	"runtime/metrics"
	"strconv"
	"sync"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// times are a process's times in milliseconds: user and system time, and the collector's.
type times struct{ user, system, gc int64 }

var gcSample = []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
var gcMu sync.Mutex

// now is the processor and collection times so far, as the program's world tells them (a
// replay gives the recorded ones).
func now(th *interp.Thread) times {
	var t times
	v := th.In.World().Observe(th, "process times", func() string {
		t := measure()
		return fmt.Sprintf("%d %d %d", t.user, t.system, t.gc)
	})
	fmt.Sscanf(v, "%d %d %d", &t.user, &t.system, &t.gc)
	return t
}

func measure() times {
	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &ru)
	gcMu.Lock()
	metrics.Read(gcSample)
	gc := gcSample[0].Value.Float64()
	gcMu.Unlock()
	return times{user: ru.Utime.Nano() / 1e6, system: ru.Stime.Nano() / 1e6, gc: int64(gc * 1000)}
}

// base is the start of process-times (process-times-reset!), per interpreter.
type base struct {
	mu sync.Mutex
	t  times
}

type baseKey struct{}

func baseOf(in *interp.Interp) *base {
	return in.State(baseKey{}, func() any { return &base{} }).(*base)
}

// apply calls proc with args and returns its values as a list with the processor, elapsed
// and collection times in milliseconds.
func apply(th *interp.Thread, proc interp.Value, args []interp.Value) (vals interp.Value, cpu, real, gc int64) {
	t0, w0 := now(th), th.Now()
	v := th.Call(proc, args...)
	t1 := now(th)
	if mv, ok := v.Object().(*interp.MultipleValues); ok {
		vals = interp.List(mv.Vals...)
	} else {
		vals = interp.List(v)
	}
	return vals, t1.user + t1.system - t0.user - t0.system, th.Now().Sub(w0).Milliseconds(), t1.gc - t0.gc
}

// timed is what (time expr ...) calls with a thunk of the exprs.
var timed = &interp.Primitive{Name: "time", Min: 1, Max: 1, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
	vals, cpu, real, gc := apply(th, a[0], nil)
	display := interp.Obj(interp.Builtin("display"))
	for _, line := range []struct {
		what string
		ms   int64
	}{{"total cpu time (ms): ", cpu}, {"collection time (ms): ", gc}, {"elapsed time (ms): ", real}} {
		th.Call(display, interp.Str(line.what+strconv.FormatInt(line.ms, 10)+"\n"))
	}
	items, _ := interp.ListToSlice(vals)
	return interp.Values(items...)
}}

func init() {
	interp.Define("current-milliseconds", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Fixnum(th.Now().UnixMilli())
	})
	interp.Define("process-times", func(th *interp.Thread, a []interp.Value) interp.Value {
		t := now(th)
		b := baseOf(th.In)
		b.mu.Lock()
		defer b.mu.Unlock()
		return interp.List(interp.Fixnum(t.user-b.t.user), interp.Fixnum(t.system-b.t.system),
			interp.Fixnum(t.gc-b.t.gc), interp.Fixnum(0))
	})
	interp.Define("process-times-reset!", func(th *interp.Thread, a []interp.Value) interp.Value {
		b := baseOf(th.In)
		b.mu.Lock()
		b.t = now(th)
		b.mu.Unlock()
		return interp.Unspecified
	})
	interp.Define("time-apply", func(th *interp.Thread, a []interp.Value) interp.Value {
		args, ok := interp.ListToSlice(a[1])
		if !ok {
			return th.Error("time-apply", "expected a list", a[1])
		}
		vals, cpu, real, gc := apply(th, a[0], args)
		return interp.Values(vals, interp.Fixnum(cpu), interp.Fixnum(real), interp.Fixnum(gc))
	})
	interp.DefineTransformer("time", 1, -1, func(e *interp.Expansion) interp.Value {
		thunk := e.List(append([]interp.Value{e.Core("lambda"), interp.Null}, e.Args...)...)
		return e.List(interp.Obj(timed), thunk)
	})
}
