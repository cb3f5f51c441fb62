package catalog

import "strings"

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

// syntaxes declares syntax from (name, form, documentation) triples.
func syntaxes(libs []string, triples ...string) {
	if len(triples)%3 != 0 {
		panic("catalog: syntaxes needs (name, form, doc) triples")
	}
	for i := 0; i < len(triples); i += 3 {
		add(&Entry{Name: triples[i], Kind: Syntax, Libs: libs, Sig: triples[i+1], Doc: triples[i+2]})
	}
}
