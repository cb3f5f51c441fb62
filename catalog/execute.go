package catalog

// Procedures about procedures and the dynamic environment: Foment's %execute-proc,
// %procedure-code, the formatter flag of SRFI 166's implementation, call-with-parameterize,
// and the type tags of SRFI 128's default comparator.

func init() {
	procs(Foment,
		"(%execute-proc proc obj ...)", "any", "Calls proc with the objs (in Foment, on an interpreter loop of its own).",
		"(%procedure-code proc)", "any", "Returns where proc comes from: the file, line and column of a procedure's lambda, or \"builtin\" for a builtin (Foment: its code, or the C++ file of a primitive).",
		"(%procedure->formatter proc)", "procedure", "Marks proc as a formatter (SRFI 166's implementation tells formatters from other procedures this way) and returns it.",
		"(%formatter? obj)", "boolean", "Returns #t if obj is a procedure marked by %procedure->formatter.",
		"(call-with-parameterize parameters:list values:list thunk)", "any", "Calls thunk with each parameter bound to the value at the same place (through its converter), as parameterize does: `(call-with-parameterize (list p) (list 1) thunk)`.",
		"(object-type-tag obj)", "integer", "Returns the number of obj's type (the same for all pairs, all strings, all procedures …).",
		"(lookup-type-tags predicate:proc)", "list", "Returns the type numbers (object-type-tag) of the objects a builtin type predicate such as pair? or number? accepts; an error for another procedure.",
	)
	reexport(Foment, "reverse!")
}
