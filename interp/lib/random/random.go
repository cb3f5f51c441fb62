// Package random holds SRFI 27's random sources: permuted congruential generators (PCG, from
// math/rand/v2) whose state can be written out and read back.
package random

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"math/rand/v2"
	"sync"

	"foment-ls/interp"
)

// Source is a random source.
type Source struct {
	mu  sync.Mutex
	pcg *rand.PCG
	r   *rand.Rand
}

func newSource(s1, s2 uint64) *Source {
	p := rand.NewPCG(s1, s2)
	return &Source{pcg: p, r: rand.New(p)}
}

func (s *Source) SchemeString() string { return fmt.Sprintf("#<random-source: %p>", s) }

func (s *Source) seed(s1, s2 uint64) {
	s.mu.Lock()
	s.pcg.Seed(s1, s2)
	s.mu.Unlock()
}

// Int returns a random integer in [0, n), n > 0.
func (s *Source) Int(n interp.Value) interp.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n.IsFixnum() {
		return interp.Fixnum(s.r.Int64N(n.Fix()))
	}
	max := n.Object().(*big.Int)
	bits := max.BitLen()
	words := make([]big.Word, (bits+63)/64)
	for {
		for i := range words {
			words[i] = big.Word(s.r.Uint64())
		}
		x := new(big.Int).SetBits(words)
		x.Rsh(x, uint(len(words)*64-bits)) // bits random bits
		if x.Cmp(max) < 0 {
			return interp.BigInt(x)
		}
	}
}

// Real returns a random flonum in (0, 1).
func (s *Source) Real() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if f := s.r.Float64(); f != 0 {
			return f
		}
	}
}

// state returns the generator's state as data: (pcg hi lo).
func (s *Source) state() interp.Value {
	s.mu.Lock()
	b, _ := s.pcg.MarshalBinary() // "pcg:" and two big-endian words
	s.mu.Unlock()
	hi := new(big.Int).SetUint64(binary.BigEndian.Uint64(b[4:]))
	lo := new(big.Int).SetUint64(binary.BigEndian.Uint64(b[12:]))
	return interp.List(interp.Sym("pcg"), interp.BigInt(hi), interp.BigInt(lo))
}

// setState sets the state from data state returned; it reports whether the data was one.
func (s *Source) setState(v interp.Value) bool {
	if o, ok := v.Object().(*Source); ok {
		o.mu.Lock()
		b, _ := o.pcg.MarshalBinary()
		o.mu.Unlock()
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.pcg.UnmarshalBinary(b) == nil
	}
	items, ok := interp.ListToSlice(v)
	if !ok || len(items) != 3 || !interp.Eq(items[0], interp.Sym("pcg")) {
		return false
	}
	b := []byte("pcg:")
	for _, it := range items[1:] {
		w, ok := word(it)
		if !ok {
			return false
		}
		b = binary.BigEndian.AppendUint64(b, w)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pcg.UnmarshalBinary(b) == nil
}

// word returns an exact integer in [0, 2^64).
func word(v interp.Value) (uint64, bool) {
	if v.IsFixnum() {
		return uint64(v.Fix()), v.Fix() >= 0
	}
	b, ok := v.Object().(*big.Int)
	if !ok || b.Sign() < 0 || b.BitLen() > 64 {
		return 0, false
	}
	return b.Uint64(), true
}

// perInterp is an interpreter's seed and default source.
type perInterp struct {
	seed [2]uint64
	def  *Source
}

type stateKey struct{}

func of(in *interp.Interp) *perInterp {
	return in.State(stateKey{}, func() any {
		// The seed comes from the program's world: a replay draws the same numbers. It is
		// drawn when the interpreter is made, before its threads (no thread asks).
		w := in.World()
		p := &perInterp{seed: [2]uint64{w.Random(nil), w.Random(nil)}}
		p.def = newSource(p.seed[0], p.seed[1])
		return p
	}).(*perInterp)
}

// Seed returns the seed of the program's random sources (config's random-seed).
func Seed(in *interp.Interp) uint64 { return of(in).seed[0] }

func srcOf(v interp.Value) *Source { return v.Object().(*Source) }

// positive checks the argument of random-integer.
func positive(th *interp.Thread, who string, n interp.Value) {
	if n.IsFixnum() && n.Fix() > 0 {
		return
	}
	if b, ok := n.Object().(*big.Int); ok && b.Sign() > 0 {
		return
	}
	th.Error(who, "expected a positive exact integer", n)
}

func integers(s *Source) *interp.Primitive {
	return &interp.Primitive{Name: "random-integer", Min: 1, Max: 1, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
		positive(th, "random-integer", a[0])
		return s.Int(a[0])
	}}
}

func reals(s *Source) *interp.Primitive {
	return &interp.Primitive{Name: "random-real", Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Flonum(s.Real())
	}}
}

func init() {
	interp.DefineKind("random-source", func(v interp.Value) bool { _, ok := v.Object().(*Source); return ok })
	interp.DefineVariable("default-random-source", func(in *interp.Interp) interp.Value { return interp.Obj(of(in).def) })
	interp.Define("random-integer", func(th *interp.Thread, a []interp.Value) interp.Value {
		positive(th, "random-integer", a[0])
		return of(th.In).def.Int(a[0])
	})
	interp.Define("random-real", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Flonum(of(th.In).def.Real())
	})
	interp.Define("make-random-source", func(th *interp.Thread, a []interp.Value) interp.Value {
		p := of(th.In)
		return interp.Obj(newSource(p.seed[0], p.seed[1]))
	})
	interp.Define("random-source?", func(th *interp.Thread, a []interp.Value) interp.Value {
		_, ok := a[0].Object().(*Source)
		return interp.Bool(ok)
	})
	interp.Define("random-source-state-ref", func(th *interp.Thread, a []interp.Value) interp.Value {
		return srcOf(a[0]).state()
	})
	interp.Define("random-source-state-set!", func(th *interp.Thread, a []interp.Value) interp.Value {
		if !srcOf(a[0]).setState(a[1]) {
			return th.Error("random-source-state-set!", "expected a random source state", a[1])
		}
		return interp.Unspecified
	})
	interp.Define("random-source-randomize!", func(th *interp.Thread, a []interp.Value) interp.Value {
		w := th.In.World()
		srcOf(a[0]).seed(w.Random(th), w.Random(th))
		return interp.Unspecified
	})
	interp.Define("random-source-pseudo-randomize!", func(th *interp.Thread, a []interp.Value) interp.Value {
		i, iok := word(a[1])
		j, jok := word(a[2])
		if !iok || !jok {
			return th.Error("random-source-pseudo-randomize!", "expected exact integers below 2^64", a[1], a[2])
		}
		srcOf(a[0]).seed(i, j)
		return interp.Unspecified
	})
	interp.Define("random-source-make-integers", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(integers(srcOf(a[0])))
	})
	interp.Define("random-source-make-reals", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(reals(srcOf(a[0])))
	})
}
