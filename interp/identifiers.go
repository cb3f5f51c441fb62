package interp

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"

	"foment-ls/syntax"
)

// Code as data: read after want-identifiers returns identifiers that remember where they were
// read, so that eval reports errors at their place in the file; unsyntax turns code back into
// plain data.

// datumToCode converts a datum the reader returned into code with positions.
func (in *Interp) datumToCode(d *syntax.Datum, rd *syntax.Reader, file string) Value {
	cv := converter{file: file, rd: rd, sm: sourceMap{}}
	v := cv.datum(d)
	for k, s := range cv.sm {
		in.addReadSite(k, s)
	}
	return v
}

// readSites are the positions of code read while the program runs (read after
// want-identifiers), held weakly: code the program drops is freed with its positions, and
// with the data in it (a guardian sees a quoted vector of code that eval ran go).
type readSites struct {
	mu sync.Mutex
	m  map[weak.Pointer[Pair]]*Site
	n  atomic.Int64 // len(m), read without the lock
}

type readSitesKey struct{}

// anyReadSites counts the read positions of every interpreter: while none has any, looking one
// up costs one load.
var anyReadSites atomic.Int64

func (in *Interp) readSites() *readSites {
	return in.State(readSitesKey{}, func() any { return &readSites{m: map[weak.Pointer[Pair]]*Site{}} }).(*readSites)
}

func (in *Interp) addReadSite(p *Pair, s *Site) {
	rs := in.readSites()
	k := weak.Make(p)
	rs.mu.Lock()
	if _, ok := rs.m[k]; !ok {
		anyReadSites.Add(1)
		runtime.AddCleanup(p, func(k weak.Pointer[Pair]) {
			anyReadSites.Add(-1)
			rs.mu.Lock()
			delete(rs.m, k)
			rs.n.Store(int64(len(rs.m)))
			rs.mu.Unlock()
		}, k)
	}
	rs.m[k] = s
	rs.n.Store(int64(len(rs.m)))
	rs.mu.Unlock()
}

// readSite returns the position of a pair of code read while the program runs, or nil.
func (in *Interp) readSite(p *Pair) *Site {
	if anyReadSites.Load() == 0 {
		return nil
	}
	rs := in.readSites()
	if rs.n.Load() == 0 {
		return nil
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.m[weak.Make(p)]
}

// toCode turns the symbols of plain data into identifiers (without positions).
func toCode(v Value) Value {
	switch x := v.o.(type) {
	case *Symbol:
		return Obj(&Ident{Sym: x})
	case *Pair:
		return Cons(toCode(x.Car), toCode(x.Cdr))
	}
	return v
}

func init() {
	define("want-identifiers", func(th *Thread, a []Value) Value {
		a[0].o.(*Port).wantIdents = a[1].IsTrue()
		return Unspecified
	})
	define("syntax", func(th *Thread, a []Value) Value { return toCode(a[0]) })
	define("unsyntax", func(th *Thread, a []Value) Value { return stripSyntax(a[0]) })
}
