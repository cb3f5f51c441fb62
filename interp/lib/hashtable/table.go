// Package hashtable is (scheme hash-table), also (srfi 125) and (srfi 69), and the hash tables
// of (foment base). A table keeps its entries in insertion order (so walking a table gives the
// same order from run to run) and finds them through a Go map: keyed by the object itself for
// eq? and eqv? tables, by the characters for string tables, and by a hash for the others.
package hashtable

import (
	"fmt"
	"math/big"
	"sync/atomic"

	"foment-ls/interp"
	"foment-ls/interp/lib/comparator"
)

// kind is how a table finds its keys.
type kind uint8

const (
	byEq       kind = iota // the key itself
	byEqv                  // the key itself, numbers by value
	byString               // string=?: the characters
	byStringCi             // string-ci=?: the folded characters
	byEqual                // equal?: EqualHash, then equal?
	byDefault              // the default comparator, in Go
	byCustom               // Scheme's equality and hash procedures
)

// Table is a hash table.
type Table struct {
	kind kind
	// The procedures as Scheme sees them (hash-table-equivalence-function ...).
	typeTest, equality, hash interp.Value

	ids    map[interp.Value]int32 // byEq, byEqv
	strs   map[string]int32       // byString, byStringCi
	hashed map[uint64][]int32     // byEqual, byDefault, byCustom

	// The entries in insertion order; a deleted one has key == deleted.
	keys, vals []interp.Value
	hashes     []uint64 // hashed kinds: each entry's hash
	live       int

	immutable bool
	flags     []interp.Value // the optional symbols given to make-hash-table
	// version changes with every change of the table: an operation that called Scheme code
	// (a custom hash or equality) starts again when the table changed meanwhile.
	version uint64
	id      uint64
}

var (
	ids     atomic.Uint64
	deleted = interp.Obj(&struct{ name string }{"deleted"})
)

func (t *Table) SchemeString() string { return fmt.Sprintf("#<hash-table: #x%x>", t.id) }

// Of returns the table a value holds.
func Of(v interp.Value) (*Table, bool) {
	t, ok := v.Object().(*Table)
	return t, ok
}

func newTable(k kind, typeTest, equality, hash interp.Value, size int) *Table {
	t := &Table{kind: k, typeTest: typeTest, equality: equality, hash: hash,
		id: 0x1000 + ids.Add(1)*0x10}
	t.reset(size)
	return t
}

func (t *Table) reset(size int) {
	size = min(size, 1<<16)
	switch t.kind {
	case byEq, byEqv:
		t.ids = make(map[interp.Value]int32, size)
	case byString, byStringCi:
		t.strs = make(map[string]int32, size)
	default:
		t.hashed = make(map[uint64][]int32, size)
	}
	t.keys, t.vals, t.hashes, t.live = nil, nil, nil, 0
	t.version++
}

// eqvKey makes numbers that are eqv? but not the same object the same map key.
type bigKey string

func eqvKey(v interp.Value) interp.Value {
	switch x := v.Object().(type) {
	case *big.Int:
		return interp.Obj(bigKey("i" + x.String()))
	case *big.Rat:
		return interp.Obj(bigKey("r" + x.String()))
	}
	return v
}

// probe is where a key is, or would go.
type probe struct {
	idx  int // the entry, or -1
	id   interp.Value
	str  string
	hash uint64
}

// find looks a key up. It may call Scheme code (custom tables, or the default comparator on a
// registered type), during which other threads may change the table: callers check version.
func (t *Table) find(th *interp.Thread, key interp.Value) probe {
	p := probe{idx: -1}
	switch t.kind {
	case byEq:
		p.id = key
		if i, ok := t.ids[key]; ok {
			p.idx = int(i)
		}
		return p
	case byEqv:
		p.id = eqvKey(key)
		if i, ok := t.ids[p.id]; ok {
			p.idx = int(i)
		}
		return p
	case byString, byStringCi:
		s, ok := key.Object().(*interp.String)
		if !ok {
			who := "string-hash"
			if t.kind == byStringCi {
				who = "string-ci-hash"
			}
			th.Error(who, "expected a string", key)
		}
		p.str = s.String()
		if t.kind == byStringCi {
			p.str = interp.FoldString(p.str)
		}
		if i, ok := t.strs[p.str]; ok {
			p.idx = int(i)
		}
		return p
	case byEqual:
		p.hash = comparator.EqualHash(key)
		for _, i := range t.hashed[p.hash] {
			if interp.Equal(t.keys[i], key) {
				p.idx = int(i)
				break
			}
		}
		return p
	case byDefault:
		p.hash = comparator.Hash(th, key)
		for _, i := range t.hashed[p.hash] {
			if comparator.Equal(th, t.keys[i], key) {
				p.idx = int(i)
				break
			}
		}
		return p
	}
	p.hash = hashOf(th.Call(t.hash, key))
	bucket := t.hashed[p.hash]
	v := t.version
	for _, i := range bucket {
		if t.version != v {
			break
		}
		if !th.Call(t.equality, t.keys[i], key).IsFalse() {
			p.idx = int(i)
			break
		}
	}
	return p
}

func hashOf(v interp.Value) uint64 {
	if v.IsFixnum() {
		return uint64(v.Fix())
	}
	if b, ok := v.Object().(*big.Int); ok {
		return b.Uint64() ^ uint64(b.BitLen())
	}
	return 0
}

// lookup finds a key, starting again if Scheme code changed the table meanwhile.
func (t *Table) lookup(th *interp.Thread, key interp.Value) probe {
	for {
		v := t.version
		p := t.find(th, key)
		if t.version == v {
			return p
		}
	}
}

// Ref returns the value of key.
func (t *Table) Ref(th *interp.Thread, key interp.Value) (interp.Value, bool) {
	p := t.lookup(th, key)
	if p.idx < 0 {
		return interp.Value{}, false
	}
	return t.vals[p.idx], true
}

// Set sets key to val.
func (t *Table) Set(th *interp.Thread, key, val interp.Value) {
	p := t.lookup(th, key)
	if p.idx >= 0 {
		t.vals[p.idx] = val
		return
	}
	t.insert(p, key, val)
}

func (t *Table) insert(p probe, key, val interp.Value) {
	i := int32(len(t.keys))
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, val)
	switch t.kind {
	case byEq, byEqv:
		t.ids[p.id] = i
	case byString, byStringCi:
		t.strs[p.str] = i
	default:
		t.hashes = append(t.hashes, p.hash)
		t.hashed[p.hash] = append(t.hashed[p.hash], i)
	}
	t.live++
	t.version++
}

// Delete removes key and reports whether it was there.
func (t *Table) Delete(th *interp.Thread, key interp.Value) bool {
	p := t.lookup(th, key)
	if p.idx < 0 {
		return false
	}
	t.remove(p, p.idx)
	return true
}

func (t *Table) remove(p probe, i int) {
	switch t.kind {
	case byEq, byEqv:
		delete(t.ids, p.id)
	case byString, byStringCi:
		delete(t.strs, p.str)
	default:
		h := t.hashes[i]
		b := t.hashed[h]
		for j, x := range b {
			if int(x) == i {
				b = append(b[:j:j], b[j+1:]...)
				break
			}
		}
		if len(b) == 0 {
			delete(t.hashed, h)
		} else {
			t.hashed[h] = b
		}
	}
	t.keys[i], t.vals[i] = deleted, interp.Value{}
	t.live--
	t.version++
	if dead := len(t.keys) - t.live; dead > 32 && dead > t.live {
		t.compact()
	}
}

// compact drops deleted entries and renumbers the rest.
func (t *Table) compact() {
	keys, vals, hashes := t.keys, t.vals, t.hashes
	t.keys, t.vals, t.hashes = make([]interp.Value, 0, t.live), make([]interp.Value, 0, t.live), nil
	clear(t.ids)
	clear(t.strs)
	clear(t.hashed)
	for i, k := range keys {
		if interp.Eq(k, deleted) {
			continue
		}
		n := int32(len(t.keys))
		t.keys = append(t.keys, k)
		t.vals = append(t.vals, vals[i])
		switch t.kind {
		case byEq, byEqv:
			t.ids[t.idKey(k)] = n
		case byString, byStringCi:
			t.strs[t.strKey(k)] = n
		default:
			t.hashes = append(t.hashes, hashes[i])
			t.hashed[hashes[i]] = append(t.hashed[hashes[i]], n)
		}
	}
	t.version++
}

func (t *Table) idKey(k interp.Value) interp.Value {
	if t.kind == byEqv {
		return eqvKey(k)
	}
	return k
}

func (t *Table) strKey(k interp.Value) string {
	s := k.Object().(*interp.String).String()
	if t.kind == byStringCi {
		return interp.FoldString(s)
	}
	return s
}

// Entries returns the keys and values, in insertion order.
func (t *Table) Entries() (keys, vals []interp.Value) {
	keys = make([]interp.Value, 0, t.live)
	vals = make([]interp.Value, 0, t.live)
	for i, k := range t.keys {
		if !interp.Eq(k, deleted) {
			keys = append(keys, k)
			vals = append(vals, t.vals[i])
		}
	}
	return keys, vals
}

// Size is the number of entries.
func (t *Table) Size() int { return t.live }

// emptyCopy returns an empty mutable table that finds keys as t does.
func (t *Table) emptyCopy() *Table {
	n := newTable(t.kind, t.typeTest, t.equality, t.hash, t.live)
	n.flags = t.flags
	return n
}

// copy returns a mutable copy of t.
func (t *Table) copy() *Table {
	n := t.emptyCopy()
	for i, k := range t.keys {
		if interp.Eq(k, deleted) {
			continue
		}
		p := probe{idx: -1}
		switch t.kind {
		case byEq, byEqv:
			p.id = t.idKey(k)
		case byString, byStringCi:
			p.str = t.strKey(k)
		default:
			p.hash = t.hashes[i]
		}
		n.insert(p, k, t.vals[i])
	}
	return n
}
