package catalog

// numeric->string: the number formatting of SRFI 166's implementation.

func init() {
	procs(Foment,
		"(numeric->string number radix:k precision:obj comma-rule:obj comma-sep:char decimal-sep:char)", "string", "Formats a number in radix (2 to 36) as SRFI 166's `numeric` does: precision is #f or the number of digits after the point; comma-rule is #f, the size of the digit groups, or a list of sizes from the right (the last repeats); comma-sep separates the groups and decimal-sep comes before the fraction:\n\n```scheme\n(numeric->string 1234567.891 10 2 3 #\\, #\\.)   ; => \"1,234,567.89\"\n```",
	)
}
