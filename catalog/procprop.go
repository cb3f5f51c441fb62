package catalog

// Procedure properties and tagged procedures (SRFI 229).

var srfi229 = []string{"foment base", "srfi 229"}

func init() {
	procs(Foment,
		"(procedure-property proc key:obj [default:obj])", "any", "Returns the value of property key (compared with eq?) of proc, or default (#f) if it has none.",
		"(set-procedure-property! proc key:obj value:obj)", "unspecified", "Sets property key of proc (a procedure of the program's or a builtin) to value.",
	)
	procs(srfi229,
		"(procedure/tag? obj)", "boolean", "Returns #t if obj is a procedure: in Foment every procedure may carry a tag (same as procedure?).",
		"(procedure-tag proc)", "any", "Returns the tag given to proc by lambda/tag or case-lambda/tag, or #f.",
	)
	syntaxes(srfi229,
		"lambda/tag", "(lambda/tag tag-expr formals body ...)", "Makes a procedure as lambda does, tagged with the value of tag-expr; procedure-tag returns it.",
		"case-lambda/tag", "(case-lambda/tag tag-expr (formals body ...) ...)", "Makes a procedure as case-lambda does, tagged with the value of tag-expr.",
	)
}
