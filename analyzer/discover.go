package analyzer

import (
	"strings"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// discover reads the forms once before the flow analysis, for what the flow needs to know of
// every binding before it meets it: which uses of each procedure are calls it follows (a local
// procedure whose every use is such a call is analysed at its calls), which variables a form it
// cannot see into may assign (tainted: unknown everywhere), and which variables the program
// tests (a value that may be the end of input is not reported where the program tests it).
func (fl *flow) discover(top []topForm) {
	for _, t := range top {
		fl.setFile(t.file)
		fl.disc(t.d)
	}
}

func (fl *flow) discAll(ds []*syntax.Datum) {
	for _, d := range ds {
		fl.disc(d)
	}
}

// disc reads an expression or definition.
func (fl *flow) disc(d *syntax.Datum) {
	switch d.Kind {
	case syntax.List:
	case syntax.Quasiquote:
		if len(d.Elems) == 1 {
			fl.discQuasi(d.Elems[0], 1)
		}
		return
	default:
		return
	}
	if len(d.Elems) == 0 {
		return
	}
	head := d.Elems[0]
	if head.Kind != syntax.Symbol {
		fl.discAll(d.Elems)
		return
	}
	kw, r := fl.keyword(d)
	args := d.Elems[1:]
	switch {
	case kw != "":
		fl.discSpecial(kw, d, args)
	case r == nil || r.Def == nil && r.Entry == nil || r.Def != nil && (r.Def.Kind == DefMacro || r.Def.Kind == DefUnknown):
		fl.taint(args)
		if d.Tail() != nil {
			fl.taint([]*syntax.Datum{d.Tail()})
		}
	default:
		if r.Def != nil {
			if !r.Def.TopLevel {
				fl.followed[r] = true // (top-level procedures are summarised, never inlined)
			}
		}
		if r.Entry != nil && r.Entry.Kind == catalog.Procedure && len(args) >= 1 && args[0].Kind == syntax.Symbol {
			if n := canonical(r.Entry); strings.HasSuffix(n, "?") || n == "eq?" || n == "eqv?" || n == "equal?" || n == "not" {
				fl.testedVar(args[0])
			}
		}
		fl.discAll(args)
	}
}

func (fl *flow) testedVar(id *syntax.Datum) {
	if id.Kind == syntax.Symbol {
		if r := fl.ref(id); r != nil && r.Def != nil {
			fl.tested[r.Def] = true
		}
	}
}

// taint: the variables named in a form the analysis does not see into may be assigned there.
func (fl *flow) taint(ds []*syntax.Datum) {
	for _, e := range ds {
		if e.Kind == syntax.Symbol {
			if r := fl.ref(e); r != nil && r.Def != nil && !(r.Def.Kind == DefProcedure && r.Def.TopLevel) {
				fl.tainted[r.Def] = true
			}
			continue
		}
		fl.taint(e.Elems)
		if e.Tail() != nil {
			fl.taint([]*syntax.Datum{e.Tail()})
		}
	}
}

func (fl *flow) discQuasi(d *syntax.Datum, depth int) {
	switch d.Kind {
	case syntax.Unquote, syntax.UnquoteSplicing:
		if len(d.Elems) == 1 {
			if depth == 1 {
				fl.disc(d.Elems[0])
			} else {
				fl.discQuasi(d.Elems[0], depth-1)
			}
		}
	case syntax.Quasiquote:
		for _, e := range d.Elems {
			fl.discQuasi(e, depth+1)
		}
	case syntax.List, syntax.Vector, syntax.Quote:
		if d.Kind == syntax.List && (d.Head() == "unquote" || d.Head() == "unquote-splicing") && len(d.Elems) == 2 {
			if depth == 1 {
				fl.disc(d.Elems[1])
			} else {
				fl.discQuasi(d.Elems[1], depth-1)
			}
			return
		}
		for _, e := range d.Elems {
			fl.discQuasi(e, depth)
		}
		if d.Tail() != nil {
			fl.discQuasi(d.Tail(), depth)
		}
	}
}

// discTest reads a condition: a variable tested there is handled by the program.
func (fl *flow) discTest(d *syntax.Datum) {
	fl.testedVar(d)
	fl.disc(d)
}

// discSpecial reads a special form as the flow evaluates it.
func (fl *flow) discSpecial(kw string, d *syntax.Datum, args []*syntax.Datum) {
	switch kw {
	case "quote", "define-syntax", "syntax-rules", "syntax-error", "import", "define-library",
		"define-record-type":
	case "quasiquote":
		if len(args) == 1 {
			fl.discQuasi(args[0], 1)
		}
	case "if", "when", "unless", "assert":
		if len(args) > 0 {
			fl.discTest(args[0])
			fl.discAll(args[1:])
		}
	case "and", "or":
		for _, a := range args {
			fl.discTest(a)
		}
	case "define":
		if len(args) >= 2 {
			fl.discAll(args[1:])
		}
	case "define-values", "set!":
		if len(args) >= 2 {
			fl.discAll(args[1:])
		}
	case "lambda":
		if len(args) >= 1 {
			fl.discAll(args[1:])
		}
	case "case-lambda":
		for _, cl := range args {
			if cl.Kind == syntax.List && len(cl.Elems) > 0 {
				fl.discAll(cl.Elems[1:])
			}
		}
	case "let", "let*", "letrec", "letrec*", "let-values", "let*-values":
		if len(args) >= 2 && args[0].Kind == syntax.Symbol {
			args = args[1:] // named let
		}
		if len(args) < 1 {
			return
		}
		if args[0].Kind == syntax.List {
			for _, b := range args[0].Elems {
				if b.Kind == syntax.List && len(b.Elems) > 1 {
					fl.discAll(b.Elems[1:])
				}
			}
		}
		fl.discAll(args[1:])
	case "do":
		if len(args) < 2 {
			return
		}
		if args[0].Kind == syntax.List {
			for _, v := range args[0].Elems {
				if v.Kind == syntax.List && len(v.Elems) > 1 {
					fl.discAll(v.Elems[1:])
				}
			}
		}
		if args[1].Kind == syntax.List && len(args[1].Elems) > 0 {
			fl.discTest(args[1].Elems[0])
			fl.discAll(args[1].Elems[1:])
		}
		fl.discAll(args[2:])
	case "cond":
		fl.discClauses(args)
	case "case":
		if len(args) < 1 {
			return
		}
		fl.disc(args[0])
		for _, cl := range args[1:] {
			if cl.Kind == syntax.List && len(cl.Elems) > 0 {
				fl.discClause(cl.Elems[1:])
			}
		}
	case "guard":
		if len(args) >= 1 && args[0].Kind == syntax.List && len(args[0].Elems) > 0 {
			fl.discClauses(args[0].Elems[1:])
		}
		if len(args) > 1 {
			fl.discAll(args[1:])
		}
	case "parameterize":
		if len(args) >= 1 && args[0].Kind == syntax.List {
			for _, b := range args[0].Elems {
				fl.discAll(b.Elems)
			}
			fl.discAll(args[1:])
		}
	case "let-syntax", "letrec-syntax":
		if len(args) > 0 {
			fl.discAll(args[1:])
		}
	case "include", "include-ci":
		for _, n := range args {
			if inc := fl.included(n); inc != nil {
				fl.inFile(inc.Name, func() { fl.discAll(inc.Data) })
			}
		}
	case "cond-expand":
		if cl := fl.res.live[d]; cl != nil {
			fl.discAll(cl.Elems[1:])
		}
	case "begin", "delay", "delay-force", "make-promise", "lazy", "with-exclusive":
		fl.discAll(args)
	default:
		if _, ok := socketForms[kw]; ok {
			return
		}
		fl.taint(args)
	}
}

func (fl *flow) discClauses(cls []*syntax.Datum) {
	for _, cl := range cls {
		if cl.Kind != syntax.List || len(cl.Elems) == 0 {
			continue
		}
		t := cl.Elems[0]
		if !(t.Kind == syntax.Symbol && t.Text == "else") {
			fl.discTest(t)
		}
		fl.discClause(cl.Elems[1:])
	}
}

// discClause reads the body of a clause, where => is not an expression.
func (fl *flow) discClause(body []*syntax.Datum) {
	for _, e := range body {
		if e.Kind == syntax.Symbol && e.Text == "=>" {
			continue
		}
		fl.disc(e)
	}
}
