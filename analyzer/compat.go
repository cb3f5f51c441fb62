package analyzer

import (
	"fmt"

	"foment-ls/syntax"
)

// notInFoment are the names our libraries export and Foment's do not, with what to use instead:
// a program that uses them runs here and fails on Foment ("variable not bound"). The catalogue
// documents each (catalog/sockets.go).
var notInFoment = map[string]struct{ lib, instead string }{
	"socket-close": {"(srfi 106)", "close-port"},
}

func (a *analyzer) notInFoment(id *syntax.Datum, alt struct{ lib, instead string }) {
	a.diag(CodeNotInFoment, Warning, id.Span,
		fmt.Sprintf("%s is not exported by Foment's %s: the program will not run on Foment; use %s", id.Text, alt.lib, alt.instead),
		Fix{Title: "Replace with " + alt.instead, Edits: []Edit{{Span: id.Span, NewText: alt.instead}}})
}

// notFomentForm warns of a form R7RS or another Scheme allows, which foment-ls runs, and Foment
// refuses before running (its words in foments).
func (a *analyzer) notFomentForm(at syntax.Extent, msg, foments string) {
	a.diag(CodeNotInFoment, Warning, at, fmt.Sprintf("%s: the program will not run on Foment (Foment: %q)", msg, foments))
}
