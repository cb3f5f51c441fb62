package catalog

// (srfi 39): parameter objects, as R7RS has them (declared in control.go and syntax.go).
func init() {
	reexport([]string{"srfi 39"}, "make-parameter parameterize")
}
