package catalog

func init() {
	procs(Base,
		"(+ z ...)", "number", "Returns the sum of its arguments (0 with none).",
		"(* z ...)", "number", "Returns the product of its arguments (1 with none).",
		"(- z1 z ...)", "number", "With one argument, its negation; otherwise the first minus the others.",
		"(/ z1 z ...)", "number", "With one argument, its reciprocal; otherwise the first divided by the others. Exact division by zero is an error.",
		"(= z1 z2 z ...)", "boolean", "Returns #t if the numbers are all equal.",
		"(< x1 x2 x ...)", "boolean", "Returns #t if the numbers are strictly increasing.",
		"(> x1 x2 x ...)", "boolean", "Returns #t if the numbers are strictly decreasing.",
		"(<= x1 x2 x ...)", "boolean", "Returns #t if the numbers are non-decreasing.",
		"(>= x1 x2 x ...)", "boolean", "Returns #t if the numbers are non-increasing.",
	)
}
