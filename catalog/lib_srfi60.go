package catalog

// (srfi 60): integers as bits. The basic operations are (foment base)'s (numbers.go); the
// others are (srfi 60)'s, and (srfi 151) re-exports several of them.
var SRFI60 = []string{"srfi 60"}

func init() {
	reexport(SRFI60, "bitwise-and bitwise-ior bitwise-xor bitwise-not bit-count integer-length arithmetic-shift")
	renames(SRFI60, "logand bitwise-and", "logior bitwise-ior", "logxor bitwise-xor", "lognot bitwise-not",
		"logcount bit-count", "ash arithmetic-shift")
	both := []string{"srfi 60", "srfi 151"}
	procs(both,
		"(first-set-bit n:exact-integer)", "integer", "Returns the index of the lowest set bit of n (-1 for 0).",
		"(bit-set? index:k n:exact-integer)", "boolean", "Returns #t if bit index of n is set.",
		"(copy-bit index:k n:exact-integer bit:obj)", "integer", "Returns n with bit index set (bit true) or cleared (bit #f).",
		"(bit-field n:exact-integer start:k end:k)", "integer", "Returns the bits of n from start up to but not including end, shifted down to bit 0.",
	)
	procs(SRFI60,
		"(bitwise-merge mask:exact-integer n0:exact-integer n1:exact-integer)", "integer", "The bits of n0 where mask has ones and of n1 where it has zeros.",
		"(any-bits-set? n1:exact-integer n2:exact-integer)", "boolean", "Returns #t if n1 and n2 have a set bit in common.",
		"(copy-bit-field to:exact-integer from:exact-integer start:k end:k)", "integer", "Returns to with bits start to end replaced by the low bits of from.",
		"(rotate-bit-field n:exact-integer count:exact-integer start:k end:k)", "integer", "Rotates the bits of n from start to end left by count.",
		"(reverse-bit-field n:exact-integer start:k end:k)", "integer", "Reverses the order of the bits of n from start to end.",
		"(integer->list k:exact-integer [len:k])", "list", "Returns the bits of k as booleans, most significant first (len of them).",
		"(list->integer list)", "integer", "Returns the integer whose bits are the booleans of list, most significant first.",
		"(booleans->integer bool:obj ...)", "integer", "(list->integer (list bool …)).",
	)
	renames(SRFI60, "bitwise-if bitwise-merge", "logtest any-bits-set?", "log2-binary-factors first-set-bit",
		"logbit? bit-set?")
}
