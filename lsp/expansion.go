package lsp

import (
	"strings"

	"foment-ls/syntax"
)

// expansionDoc shows what a use of a macro expands to, laid out to read (at most maxLines).
func expansionDoc(d *syntax.Datum) string {
	const maxLines = 30
	var b strings.Builder
	lines := 1
	var write func(d *syntax.Datum, indent int)
	write = func(d *syntax.Datum, indent int) {
		if lines > maxLines {
			return
		}
		flat := d.String()
		if indent+len(flat) <= 72 || d.Kind != syntax.List || len(d.Elems) < 2 {
			if len(flat) > 200 {
				flat = flat[:199] + "…"
			}
			b.WriteString(flat)
			return
		}
		// (head first-argument
		//   more ...)
		b.WriteString("(")
		head := d.Elems[0].String()
		b.WriteString(head)
		b.WriteString(" ")
		write(d.Elems[1], indent+len(head)+2)
		for _, e := range d.Elems[2:] {
			if lines++; lines > maxLines {
				b.WriteString("\n" + strings.Repeat(" ", indent+2) + "…")
				return
			}
			b.WriteString("\n" + strings.Repeat(" ", indent+2))
			write(e, indent+2)
		}
		if d.Tail() != nil {
			b.WriteString(" . ")
			write(d.Tail(), indent+2)
		}
		b.WriteString(")")
	}
	write(d, 0)
	return "**Expands to**\n```scheme\n" + b.String() + "\n```"
}
