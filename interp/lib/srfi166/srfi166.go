// Package srfi166 is (srfi 166), monadic formatting, and its sublibraries: written in Scheme
// (show.scm), with numbers formatted in Go (numeric.go).
package srfi166

import (
	_ "embed"

	"foment-ls/interp"
)

//go:embed show.scm
var source []byte

func init() {
	interp.DefineScheme("interp/lib/srfi166/show.scm", source,
		"srfi 166", "srfi 166 base", "srfi 166 pretty", "srfi 166 columnar", "srfi 166 unicode")
}
