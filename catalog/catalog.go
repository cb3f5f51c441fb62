// Package catalog declares every builtin of the dialect once: procedures, syntax and constants,
// with the libraries that export them, their signatures (arity and argument kinds) and their
// documentation. The interpreter checks calls with it; the analyzer, hover and completion read it.
// It holds no implementation and imports nothing of ours.
package catalog

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// EntryKind says what a name denotes.
type EntryKind uint8

const (
	Procedure EntryKind = iota
	Syntax              // a special form or macro
	Constant            // a variable bound to a fixed value (socket constants)
	Variable            // a variable with a value (e.g. a parameter object)
)

func (k EntryKind) String() string {
	switch k {
	case Procedure:
		return "procedure"
	case Syntax:
		return "syntax"
	case Constant:
		return "constant"
	}
	return "variable"
}

// Param is one parameter of a procedure signature.
type Param struct {
	Name     string
	Kind     *ArgKind
	Optional bool
	Rest     bool // the last parameter, matching any number of arguments
}

// Entry is one builtin.
type Entry struct {
	Name string
	Kind EntryKind
	// Libs are the libraries that export the name, e.g. "scheme base", "foment base", "srfi 106".
	Libs []string
	// Sig is the call form: "(send-socket socket bytevector flags:send-flags)". A parameter is
	// "name" (its kind is looked up by name) or "name:kind"; "[name:kind]" is optional and
	// "name ..." is a rest parameter. Syntax entries use Sig as free text for documentation.
	Sig string
	// Returns names what a procedure returns, for hover ("socket", "bytevector", "unspecified").
	Returns string
	// Doc is Markdown documentation.
	Doc string
	// Value is a constant's value; ConstKind is the kind it belongs to (e.g. "family").
	Value     int64
	ConstKind string

	// Alias names the entry this one renames: the same procedure or syntax exported under
	// another name (Foment's (rename inexact exact->inexact) in (scheme r5rs)).
	Alias string

	Params   []Param
	Min, Max int // Max < 0: any number
}

// Arity returns the arity in Foment's words ("three arguments", "one or two arguments").
func (e *Entry) Arity() string { return ArityText(e.Min, e.Max) }

var (
	mu      sync.Mutex
	entries = map[string]*Entry{}
	order   []*Entry
	frozen  bool
	// byName is order sorted by name, made once when the catalog is frozen: every interpreter's
	// start asks for the constants of each kind (catalog.ConstantsOf), and a sort of the whole
	// catalog at each call was a third of a small program's start-up.
	byName []*Entry
	// Declarations that refer to other entries wait until every file has declared its own:
	// renames first, then re-exports (which may name a rename).
	pendingRenames, pendingReexports []func()
	finished                         sync.Once
)

// finish applies the declarations that name other entries (re-exports, renames). It runs once,
// at the first look-up, after every init function of this package has run.
func finish() {
	finished.Do(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, f := range append(pendingRenames, pendingReexports...) {
			f()
		}
		pendingRenames, pendingReexports = nil, nil
		frozen = true
		byName = append([]*Entry(nil), order...)
		sort.Slice(byName, func(i, j int) bool { return byName[i].Name < byName[j].Name })
	})
}

// add declares entries; it is called from the init functions of this package's files.
func add(es ...*Entry) {
	mu.Lock()
	defer mu.Unlock()
	for _, e := range es {
		if frozen {
			panic("catalog: add after use")
		}
		if old, dup := entries[e.Name]; dup {
			panic(fmt.Sprintf("catalog: %s declared twice (%v and %v)", e.Name, old.Libs, e.Libs))
		}
		if e.Kind == Procedure {
			if err := parseSig(e); err != nil {
				panic("catalog: " + e.Name + ": " + err.Error())
			}
		}
		entries[e.Name] = e
		order = append(order, e)
	}
}

// Lookup returns the entry for a name, or nil.
func Lookup(name string) *Entry {
	finish()
	return entries[name]
}

// All returns every entry sorted by name.
func All() []*Entry {
	finish()
	return append([]*Entry(nil), byName...)
}

// Library returns the entries exported by a library ("scheme base", or an alias such as
// "srfi 1"), sorted by name.
func Library(lib string) []*Entry {
	lib = Canonical(lib)
	var out []*Entry
	for _, e := range All() {
		for _, l := range e.Libs {
			if l == lib {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// Libraries returns the names of every library that exports something, sorted.
func Libraries() []string {
	seen := map[string]bool{}
	for _, e := range All() {
		for _, l := range e.Libs {
			seen[l] = true
		}
	}
	for alias := range libAliases {
		seen[alias] = true
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// ConstantsOf returns the constants of one kind ("family", "send-flag", ...), sorted by value.
func ConstantsOf(kind string) []*Entry {
	finish()
	var out []*Entry
	for _, e := range byName {
		if e.Kind == Constant && e.ConstKind == kind {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

var numberWords = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten"}

func word(n int) string {
	if n < len(numberWords) {
		return numberWords[n]
	}
	return fmt.Sprint(n)
}

func plural(n int) string {
	if n == 1 {
		return "argument"
	}
	return "arguments"
}

// ArityText renders an arity the way Foment's argument checks word it.
func ArityText(min, max int) string {
	switch {
	case max < 0 && min == 0:
		return "any number of arguments"
	case max < 0:
		return "at least " + word(min) + " " + plural(min)
	case min == max:
		return word(min) + " " + plural(min)
	case max == min+1 && min == 0:
		return "zero or one arguments"
	case max == min+1:
		return word(min) + " or " + word(max) + " arguments"
	case min == 0:
		return "zero to " + word(max) + " arguments"
	}
	return word(min) + " to " + word(max) + " arguments"
}

// parseSig fills Params, Min and Max from Sig.
func parseSig(e *Entry) error {
	s := strings.TrimSpace(e.Sig)
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return fmt.Errorf("signature %q is not a call form", e.Sig)
	}
	fields := strings.Fields(s[1 : len(s)-1])
	if len(fields) == 0 || fields[0] != e.Name {
		return fmt.Errorf("signature %q does not start with the name", e.Sig)
	}
	e.Params = nil
	e.Min, e.Max = 0, 0
	for i := 1; i < len(fields); i++ {
		f := fields[i]
		if f == "..." {
			if len(e.Params) == 0 || i != len(fields)-1 {
				return fmt.Errorf("misplaced ... in %q", e.Sig)
			}
			e.Params[len(e.Params)-1].Rest = true
			if !e.Params[len(e.Params)-1].Optional {
				// "obj ..." means zero or more; "obj1 obj2 ..." is written with a separate first.
				e.Min--
			}
			e.Max = -1
			continue
		}
		opt := false
		if strings.HasPrefix(f, "[") {
			if !strings.HasSuffix(f, "]") {
				return fmt.Errorf("unbalanced [ in %q", e.Sig)
			}
			opt = true
			f = f[1 : len(f)-1]
		} else if len(e.Params) > 0 && e.Params[len(e.Params)-1].Optional {
			return fmt.Errorf("required parameter after optional in %q", e.Sig)
		}
		name, kind := f, f
		if j := strings.IndexByte(f, ':'); j >= 0 {
			name, kind = f[:j], f[j+1:]
		}
		k := kinds[kind]
		if k == nil {
			// a name like "list1" or "obj2" takes the kind of its stem.
			k = kinds[strings.TrimRight(kind, "0123456789")]
		}
		if k == nil {
			return fmt.Errorf("unknown argument kind %q in %q", kind, e.Sig)
		}
		e.Params = append(e.Params, Param{Name: name, Kind: k, Optional: opt})
		if !opt {
			e.Min++
		}
		e.Max++
	}
	return nil
}

// ParamAt returns the parameter that the i-th (0-based) argument of a call matches, or nil.
func (e *Entry) ParamAt(i int) *Param {
	if len(e.Params) == 0 {
		return nil
	}
	if i < len(e.Params) {
		return &e.Params[i]
	}
	if last := &e.Params[len(e.Params)-1]; last.Rest {
		return last
	}
	return nil
}
