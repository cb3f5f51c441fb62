package catalog

import (
	"slices"
	"sort"
	"strings"
)

// Libraries by their usual groupings. (foment base) exports all of R7RS together with Foment's
// own procedures; every R7RS name is therefore in its R7RS library and in (foment base).
var (
	Base    = []string{"scheme base", "foment base"}
	Char    = []string{"scheme char", "foment base"}
	Cxr     = []string{"scheme cxr", "foment base"}
	Write   = []string{"scheme write", "foment base"}
	Read    = []string{"scheme read", "foment base"}
	File    = []string{"scheme file", "foment base"}
	Inexact = []string{"scheme inexact", "foment base"}
	Lazy    = []string{"scheme lazy", "foment base"}
	Process = []string{"scheme process-context", "foment base"}
	Time    = []string{"scheme time", "foment base"}
	Eval    = []string{"scheme eval", "foment base"}
	Repl    = []string{"scheme repl", "foment base"}
	CaseLam = []string{"scheme case-lambda", "foment base"}
	Complex = []string{"scheme complex", "foment base"}
	Foment  = []string{"foment base"}
)

// procs declares procedures from (signature, returns, documentation) triples.
func procs(libs []string, triples ...string) {
	if len(triples)%3 != 0 {
		panic("catalog: procs needs (signature, returns, doc) triples")
	}
	for i := 0; i < len(triples); i += 3 {
		sig := triples[i]
		name := strings.Fields(strings.TrimPrefix(sig, "("))[0]
		name = strings.TrimSuffix(name, ")")
		add(&Entry{Name: name, Kind: Procedure, Libs: libs, Sig: sig, Returns: triples[i+1], Doc: triples[i+2]})
	}
}

// vars declares variables from (name, value, documentation) triples: a parameter object or an
// object the library makes once (char-set:letter).
func vars(libs []string, triples ...string) {
	if len(triples)%3 != 0 {
		panic("catalog: vars needs (name, value, doc) triples")
	}
	for i := 0; i < len(triples); i += 3 {
		add(&Entry{Name: triples[i], Kind: Variable, Libs: libs, Sig: triples[i], Returns: triples[i+1], Doc: triples[i+2]})
	}
}

// syntaxes declares syntax from (name, form, documentation) triples.
func syntaxes(libs []string, triples ...string) {
	if len(triples)%3 != 0 {
		panic("catalog: syntaxes needs (name, form, doc) triples")
	}
	for i := 0; i < len(triples); i += 3 {
		add(&Entry{Name: triples[i], Kind: Syntax, Libs: libs, Sig: triples[i+1], Doc: triples[i+2]})
	}
}

// libAliases maps a library's other names to its own: Foment's (aka (srfi 1)) in the
// definition of (scheme list).
var libAliases = map[string]string{}

// aka declares alias as another name of the library lib.
func aka(lib string, aliases ...string) {
	for _, a := range aliases {
		libAliases[a] = lib
	}
}

// Canonical returns the name under which the catalogue lists a library: lib itself, or the
// library it is an alias of ("srfi 1" → "scheme list").
func Canonical(lib string) string {
	if l, ok := libAliases[lib]; ok {
		return l
	}
	return lib
}

// LibraryAliases returns every alias and the library it names.
func LibraryAliases() map[string]string {
	out := make(map[string]string, len(libAliases))
	for a, l := range libAliases {
		out[a] = l
	}
	return out
}

// AliasesOf returns the other names of a library, sorted.
func AliasesOf(lib string) []string {
	var out []string
	for a, l := range libAliases {
		if l == lib {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// reexport adds libs to the libraries of entries declared elsewhere: (scheme list) exports
// cons and car, which (scheme base) declares. Each string may hold several names.
func reexport(libs []string, names ...string) {
	pendingReexports = append(pendingReexports, func() {
		for _, n := range strings.Fields(strings.Join(names, " ")) {
			e := entries[n]
			if e == nil {
				panic("catalog: re-export of undeclared " + n)
			}
			for _, l := range libs {
				if !slices.Contains(e.Libs, l) {
					e.Libs = append(e.Libs, l)
				}
			}
		}
	})
}

// renames declares entries that export another entry under a new name, from "new old" pairs:
// (scheme r5rs) exports inexact as exact->inexact. A name already declared gets libs added.
func renames(libs []string, pairs ...string) {
	pendingRenames = append(pendingRenames, func() {
		for _, pr := range pairs {
			f := strings.Fields(pr)
			if len(f) != 2 {
				panic("catalog: rename needs \"new old\": " + pr)
			}
			name, old := f[0], f[1]
			if o := entries[old]; o != nil && o.Alias != "" {
				old = o.Alias // a rename of a rename is a rename of the original
			}
			if e := entries[name]; e != nil {
				if e.Alias != old {
					panic("catalog: " + name + " renames " + old + " but is declared otherwise")
				}
				for _, l := range libs {
					if !slices.Contains(e.Libs, l) {
						e.Libs = append(e.Libs, l)
					}
				}
				continue
			}
			o := entries[old]
			if o == nil {
				panic("catalog: rename of undeclared " + old)
			}
			e := *o
			e.Name, e.Alias, e.Libs = name, old, slices.Clone(libs)
			if o.Kind == Procedure {
				e.Sig = "(" + name + strings.TrimPrefix(o.Sig, "("+old)
				e.Params = slices.Clone(o.Params)
			}
			e.Doc = "Same as `" + old + "`.\n\n" + o.Doc
			entries[name] = &e
			order = append(order, &e)
		}
	})
}

// uncatalogued are Foment's libraries whose exports the catalogue does not list, each with the
// catalogued library nearest to it. (foment bedrock) is what Foment's core defines: every
// primitive and special form, internal ones (%-names) included; src/base.scm builds (foment
// base) from it, and a program may import it (Foment's test/stress.scm does).
var uncatalogued = map[string]string{"foment bedrock": "foment base"}

// Uncatalogued reports whether lib is a library of Foment whose exports the catalogue does not
// list, and the catalogued library that exports most of its names.
func Uncatalogued(lib string) (near string, ok bool) {
	near, ok = uncatalogued[lib]
	return near, ok
}
