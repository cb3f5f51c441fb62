// Package gc holds what (foment base) says of the garbage collector: collect, guardians,
// ephemerons (SRFI 124) and heap statistics, on Go's collector (weak pointers for
// ephemerons, finalizers for guardians).
package gc

import (
	"fmt"
	"math/big"
	"reflect"
	"runtime"
	"sync"
	"time"
	"weak"

	"foment-ls/interp"
)

// weakly returns a function that returns v while the collector has not freed it. Values the
// collector never frees (numbers that fit a fixnum, characters, symbols …) are held as they
// are.
func weakly(v interp.Value) func() (interp.Value, bool) {
	switch p := v.Object().(type) {
	case *interp.Pair:
		return weakOf(p)
	case *interp.String:
		return weakOf(p)
	case *interp.Vector:
		return weakOf(p)
	case *interp.Bytevector:
		return weakOf(p)
	case *interp.Closure:
		return weakOf(p)
	case *interp.CaseLambda:
		return weakOf(p)
	case *interp.Primitive:
		return weakOf(p)
	case *interp.Parameter:
		return weakOf(p)
	case *interp.Record:
		return weakOf(p)
	case *interp.Port:
		return weakOf(p)
	case *interp.Promise:
		return weakOf(p)
	case *interp.Condition:
		return weakOf(p)
	case *big.Int:
		return weakOf(p)
	case *big.Rat:
		return weakOf(p)
	case *Ephemeron:
		return weakOf(p)
	}
	return func() (interp.Value, bool) { return v, true }
}

func weakOf[T any](p *T) func() (interp.Value, bool) {
	w := weak.Make(p)
	return func() (interp.Value, bool) {
		if q := w.Value(); q != nil {
			return interp.Obj(q), true
		}
		return interp.Value{}, false
	}
}

// Ephemeron is SRFI 124's ephemeron.
type Ephemeron struct {
	mu     sync.Mutex
	key    func() (interp.Value, bool)
	datum  interp.Value
	broken bool
}

func (e *Ephemeron) SchemeString() string { return fmt.Sprintf("#<ephemeron: %p>", e) }

// get returns the key and datum, or ok=false once the ephemeron is broken.
func (e *Ephemeron) get() (key, datum interp.Value, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.broken {
		if key, ok = e.key(); ok {
			return key, e.datum, true
		}
		e.broken, e.datum = true, interp.False
	}
	return interp.False, interp.False, false
}

// Guardians. A guarded object has one finalizer, which gives it to each guardian it was
// registered with (as many times as it was); the finalizer makes it reachable again.
type guardian struct {
	mu    sync.Mutex
	queue []interp.Value
}

var guarded = struct {
	sync.Mutex
	m map[uintptr][]*guardian
}{m: map[uintptr][]*guardian{}}

func addr(o any) uintptr { return reflect.ValueOf(o).Pointer() }

// guard registers v with g; it reports false for values that are never collected.
func (g *guardian) guard(v interp.Value) (ok bool) {
	o := v.Object()
	if o == nil || reflect.TypeOf(o).Kind() != reflect.Pointer {
		return false
	}
	if _, sym := o.(*interp.Symbol); sym {
		return false
	}
	a := addr(o)
	guarded.Lock()
	defer guarded.Unlock()
	if gs, ok := guarded.m[a]; ok {
		guarded.m[a] = append(gs, g)
		return true
	}
	defer func() {
		if recover() != nil {
			ok = false // not an object a finalizer may be set on
		}
	}()
	runtime.SetFinalizer(o, finalize)
	guarded.m[a] = []*guardian{g}
	return true
}

func finalize(o any) {
	guarded.Lock()
	gs := guarded.m[addr(o)]
	delete(guarded.m, addr(o))
	guarded.Unlock()
	for _, g := range gs {
		g.mu.Lock()
		g.queue = append(g.queue, interp.Obj(o))
		g.mu.Unlock()
	}
}

func (g *guardian) next() interp.Value {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		return interp.False
	}
	v := g.queue[0]
	g.queue = g.queue[1:]
	return v
}

type sentinel struct {
	_ *int
	_ [16]byte // not a tiny allocation, which may never be finalized
}

// collect runs a collection; when objects are guarded, it waits until the finalizers of those
// it found unreachable have run: finalizers run in order on one goroutine, so once the
// finalizer of a sentinel freed by a second collection has run, those of the first have.
func collect() {
	runtime.GC()
	guarded.Lock()
	any := len(guarded.m) > 0
	guarded.Unlock()
	if !any {
		return
	}
	for range 2 {
		done := make(chan struct{})
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) { close(done) })
		runtime.GC()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
}

type counts struct {
	mu            sync.Mutex
	mallocs, size uint64
}

type countsKey struct{}

func countsOf(in *interp.Interp) *counts {
	return in.State(countsKey{}, func() any { return &counts{} }).(*counts)
}

func memStats() runtime.MemStats {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms
}

func init() {
	interp.DefineKind("ephemeron", func(v interp.Value) bool { _, ok := v.Object().(*Ephemeron); return ok })
	interp.Define("collect", func(th *interp.Thread, a []interp.Value) interp.Value {
		th.ReleaseUnused()
		th.Unlocked(collect)
		return interp.Unspecified
	})
	interp.Define("make-guardian", func(th *interp.Thread, a []interp.Value) interp.Value {
		g := &guardian{}
		return interp.Obj(&interp.Primitive{Name: "guardian", Min: 0, Max: 1, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
			if len(a) == 0 {
				return g.next()
			}
			g.guard(a[0])
			return interp.Unspecified
		}})
	})
	interp.Define("make-ephemeron", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(&Ephemeron{key: weakly(a[0]), datum: a[1]})
	})
	eph := func(v interp.Value) *Ephemeron { return v.Object().(*Ephemeron) }
	interp.Define("ephemeron?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := a[0].Object().(*Ephemeron)
		return interp.Bool(ok)
	})
	interp.Define("ephemeron-broken?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, _, ok := eph(a[0]).get()
		return interp.Bool(!ok)
	})
	interp.Define("ephemeron-key", func(th *interp.Thread, a []interp.Value) interp.Value {
		k, _, _ := eph(a[0]).get()
		return k
	})
	interp.Define("ephemeron-datum", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, d, _ := eph(a[0]).get()
		return d
	})
	interp.Define("set-ephemeron-key!", func(th *interp.Thread, a []interp.Value) interp.Value {
		e := eph(a[0])
		if _, _, ok := e.get(); ok {
			e.mu.Lock()
			e.key = weakly(a[1])
			e.mu.Unlock()
		}
		return interp.Unspecified
	})
	interp.Define("set-ephemeron-datum!", func(th *interp.Thread, a []interp.Value) interp.Value {
		e := eph(a[0])
		if _, _, ok := e.get(); ok {
			e.mu.Lock()
			e.datum = a[1]
			e.mu.Unlock()
		}
		return interp.Unspecified
	})
	interp.Define("object-counts", func(th *interp.Thread, a []interp.Value) interp.Value {
		ms := memStats()
		c := countsOf(th.In)
		c.mu.Lock()
		defer c.mu.Unlock()
		pair := func(k string, n uint64) interp.Value {
			return interp.Cons(interp.Sym(k), interp.BigInt(new(big.Int).SetUint64(n)))
		}
		return interp.List(pair("allocated-objects", ms.Mallocs-c.mallocs), pair("allocated-bytes", ms.TotalAlloc-c.size),
			pair("live-objects", ms.HeapObjects), pair("live-bytes", ms.HeapAlloc))
	})
	interp.Define("object-counts-reset!", func(th *interp.Thread, a []interp.Value) interp.Value {
		ms := memStats()
		c := countsOf(th.In)
		c.mu.Lock()
		c.mallocs, c.size = ms.Mallocs, ms.TotalAlloc
		c.mu.Unlock()
		return interp.Unspecified
	})
	interp.Define("stack-used", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Int(len(th.Frames()))
	})
	interp.Define("stack-used-reset!", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Unspecified
	})
}
