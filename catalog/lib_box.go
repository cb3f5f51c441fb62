package catalog

// (scheme box), also (srfi 111): the boxes of (foment base) (declared in lists.go).
func init() {
	aka("scheme box", "srfi 111")
	reexport([]string{"scheme box"}, "box box? unbox set-box!")
}
