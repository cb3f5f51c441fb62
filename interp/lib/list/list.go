// Package list is (scheme list), also (srfi 1): the list library, in Go. Its R7RS names (map,
// member, append ...) are (scheme base)'s, from interp/lists.go.
package list

import (
	"foment-ls/interp"
)

type value = interp.Value

var null = interp.Null

func truthy(v value) bool { return !v.IsFalse() }

func pair(v value) (*interp.Pair, bool) { return v.Pair() }

// builder makes a list in order.
type builder struct {
	head value
	tail *interp.Pair
}

func newBuilder() builder { return builder{head: null} }

func (b *builder) add(v value) {
	p := &interp.Pair{Car: v, Cdr: null}
	if b.tail == nil {
		b.head = interp.Obj(p)
	} else {
		b.tail.Cdr = interp.Obj(p)
	}
	b.tail = p
}

// list returns the list made so far, ending in tail.
func (b *builder) list(tail value) value {
	if b.tail == nil {
		return tail
	}
	b.tail.Cdr = tail
	return b.head
}

// slice returns the elements of a list up to its first non-pair; cycles end it after one lap.
func slice(v value) []value {
	var out []value
	slow := v
	for i := 0; ; i++ {
		p, ok := pair(v)
		if !ok {
			return out
		}
		out = append(out, p.Car)
		v = p.Cdr
		if i%2 == 1 {
			slow = slow.Object().(*interp.Pair).Cdr
			if interp.Eq(slow, v) {
				return out
			}
		}
	}
}

// properSlice returns the elements of a proper list (the catalogue checked it is one).
func properSlice(v value) []value {
	var out []value
	for p, ok := pair(v); ok; p, ok = pair(p.Cdr) {
		out = append(out, p.Car)
	}
	return out
}

// cars returns the cars of the lists and advances them, or false when one has ended.
func cars(lists []value, out []value) bool {
	for i, l := range lists {
		p, ok := pair(l)
		if !ok {
			return false
		}
		out[i] = p.Car
	}
	for i, l := range lists {
		lists[i] = l.Object().(*interp.Pair).Cdr
	}
	return true
}

// lastPair returns the last pair of a chain of pairs (one lap of a circular list).
func lastPair(v value) value {
	slow := v
	for i := 0; ; i++ {
		p := v.Object().(*interp.Pair)
		if _, ok := pair(p.Cdr); !ok {
			return v
		}
		v = p.Cdr
		if i%2 == 1 {
			slow = slow.Object().(*interp.Pair).Cdr
			if interp.Eq(slow, v) {
				return v
			}
		}
	}
}

// length+ : the number of pairs, or -1 for a circular list.
func lengthPlus(v value) int {
	n := 0
	slow := v
	for {
		p, ok := pair(v)
		if !ok {
			return n
		}
		v, n = p.Cdr, n+1
		if n%2 == 0 {
			slow = slow.Object().(*interp.Pair).Cdr
			if interp.Eq(slow, v) {
				return -1
			}
		}
	}
}

func init() {
	defineConstructors()
	defineSelectors()
	defineFolds()
	defineSearches()
	defineSets()
}
