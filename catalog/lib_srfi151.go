package catalog

// (srfi 151): bitwise operations.
var SRFI151 = []string{"srfi 151"}

func init() {
	reexport(SRFI151, `bitwise-not bitwise-and bitwise-ior bitwise-xor arithmetic-shift bit-count
		integer-length bitwise-if`)
	procs(SRFI151,
		"(bitwise-eqv n:exact-integer ...)", "integer", "Bitwise equivalence (not xor) of the integers (-1 with none).",
		"(bitwise-nand i:exact-integer j:exact-integer)", "integer", "(bitwise-not (bitwise-and i j)).",
		"(bitwise-nor i:exact-integer j:exact-integer)", "integer", "(bitwise-not (bitwise-ior i j)).",
		"(bitwise-andc1 i:exact-integer j:exact-integer)", "integer", "(bitwise-and (bitwise-not i) j).",
		"(bitwise-andc2 i:exact-integer j:exact-integer)", "integer", "(bitwise-and i (bitwise-not j)).",
		"(bitwise-orc1 i:exact-integer j:exact-integer)", "integer", "(bitwise-ior (bitwise-not i) j).",
		"(bitwise-orc2 i:exact-integer j:exact-integer)", "integer", "(bitwise-ior i (bitwise-not j)).",
		"(bit-swap index1:k index2:k i:exact-integer)", "integer", "Returns i with bits index1 and index2 exchanged.",
		"(any-bit-set? test-bits:exact-integer i:exact-integer)", "boolean", "Returns #t if any bit of test-bits is set in i.",
		"(every-bit-set? test-bits:exact-integer i:exact-integer)", "boolean", "Returns #t if every bit of test-bits is set in i.",
		"(bit-field-any? i:exact-integer start:k end:k)", "boolean", "Returns #t if any bit of i from start to end is set.",
		"(bit-field-every? i:exact-integer start:k end:k)", "boolean", "Returns #t if every bit of i from start to end is set.",
		"(bit-field-clear i:exact-integer start:k end:k)", "integer", "Returns i with bits start to end cleared.",
		"(bit-field-set i:exact-integer start:k end:k)", "integer", "Returns i with bits start to end set.",
		"(bit-field-replace dest:exact-integer source:exact-integer start:k end:k)", "integer", "Returns dest with bits start to end replaced by the low bits of source.",
		"(bit-field-replace-same dest:exact-integer source:exact-integer start:k end:k)", "integer", "Returns dest with bits start to end replaced by the same bits of source.",
		"(bit-field-rotate i:exact-integer count:exact-integer start:k end:k)", "integer", "Rotates the bits of i from start to end left by count.",
		"(bit-field-reverse i:exact-integer start:k end:k)", "integer", "Reverses the order of the bits of i from start to end.",
		"(bits->list i:exact-integer [len:k])", "list", "Returns the bits of i as booleans, least significant first (len of them).",
		"(list->bits list)", "integer", "Returns the integer whose bits are the booleans of list, least significant first.",
		"(bits->vector i:exact-integer [len:k])", "vector", "Returns the bits of i as a vector of booleans, least significant first.",
		"(vector->bits vector)", "integer", "Returns the integer whose bits are the booleans of vector, least significant first.",
		"(bits bool:obj ...)", "integer", "(list->bits (list bool …)).",
		"(bitwise-fold proc:proc seed:obj i:exact-integer)", "any", "Folds over the bits of i from the least significant: (proc bit acc).",
		"(bitwise-for-each proc:proc i:exact-integer)", "unspecified", "Calls proc on each bit of i (a boolean), least significant first.",
		"(bitwise-unfold stop?:proc mapper:proc successor:proc seed:obj)", "integer", "Builds an integer bit by bit from the least significant: (mapper seed) gives each bit until (stop? seed).",
		"(make-bitwise-generator i:exact-integer)", "procedure", "Returns a generator of the bits of i, least significant first, then the sign bit for ever.",
	)
	reexport(SRFI151, "first-set-bit bit-set? copy-bit bit-field")
}
