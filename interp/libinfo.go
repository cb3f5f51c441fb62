package interp

import "sort"

// Libraries as values: loaded-libraries.

// SchemeString prints a library as Foment does: #<library: (foment base)>.
func (l *library) SchemeString() string { return "#<library: (" + l.name + ")>" }

func init() {
	define("loaded-libraries", func(th *Thread, a []Value) Value {
		var ls []*library
		for _, l := range th.In.libraries {
			if l.loaded {
				ls = append(ls, l)
			}
		}
		sort.Slice(ls, func(i, j int) bool { return ls[i].name < ls[j].name })
		out := make([]Value, len(ls))
		for i, l := range ls {
			out[i] = Obj(l)
		}
		return List(out...)
	})
}
