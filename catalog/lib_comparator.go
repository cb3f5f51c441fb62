package catalog

// (scheme comparator), also (srfi 128): comparators bundle a type test, an equality, an
// ordering and a hash function.
var (
	Comparator = []string{"scheme comparator"}
	_          = kind("comparator", "a comparator")
)

func init() {
	aka("scheme comparator", "srfi 128")
	both := []string{"scheme comparator", "foment base"}
	hashing := []string{"scheme comparator", "scheme hash-table", "foment base"}
	procs(both,
		"(comparator? obj)", "boolean", "Returns #t if obj is a comparator.",
		"(comparator-ordered? comparator)", "boolean", "Returns #t if the comparator has an ordering predicate.",
		"(comparator-hashable? comparator)", "boolean", "Returns #t if the comparator has a hash function.",
		"(make-comparator type-test:proc equality:proc ordering:obj hash:obj)", "comparator", "Makes a comparator from a type test, an equality predicate, an ordering predicate (or #f: none) and a hash function (or #f: none).\n\n```scheme\n(make-comparator string? string=? string<? string-hash)\n```",
		"(comparator-type-test-predicate comparator)", "procedure", "Returns the comparator's type test.",
		"(comparator-equality-predicate comparator)", "procedure", "Returns the comparator's equality predicate.",
		"(comparator-ordering-predicate comparator)", "procedure", "Returns the comparator's ordering predicate (one that raises an error if it has none).",
		"(comparator-hash-function comparator)", "procedure", "Returns the comparator's hash function (one that raises an error if it has none).",
		"(boolean-hash obj:boolean)", "integer", "Returns a hash of a boolean, below (hash-bound).",
		"(char-hash char)", "integer", "Returns a hash of a character.",
		"(char-ci-hash char)", "integer", "Returns a hash of a character that ignores case.",
		"(symbol-hash symbol)", "integer", "Returns a hash of a symbol.",
		"(number-hash number)", "integer", "Returns a hash of a number; numbers that are = hash alike.",
	)
	procs(hashing,
		"(string-hash string [bound:k])", "integer", "Returns a hash of a string, below (hash-bound), or below bound (SRFI 69).",
		"(string-ci-hash string [bound:k])", "integer", "Returns a hash of a string that ignores case (below bound, SRFI 69).",
	)
	vars(both,
		"hash-bound-parameter", "parameter", "The parameter behind (hash-bound): hash functions return integers below it.",
		"hash-salt-parameter", "parameter", "The parameter behind (hash-salt): the salt hash functions mix in.",
	)
	procs(Comparator,
		"(make-pair-comparator car-comparator:comparator cdr-comparator:comparator)", "comparator", "Makes a comparator of pairs from comparators of their cars and cdrs; pairs order by car, then cdr.",
		"(make-list-comparator element-comparator:comparator type-test:proc empty?:proc head:proc tail:proc)", "comparator", "Makes a comparator of list-like sequences, walked with empty?, head and tail; shorter sequences order first on a common prefix.",
		"(make-vector-comparator element-comparator:comparator type-test:proc length:proc ref:proc)", "comparator", "Makes a comparator of vector-like sequences, read with length and ref; shorter sequences order first.",
		"(make-eq-comparator)", "comparator", "Returns a comparator of any objects by eq?, hashed with default-hash.",
		"(make-eqv-comparator)", "comparator", "Returns a comparator of any objects by eqv?, hashed with default-hash.",
		"(make-equal-comparator)", "comparator", "Returns a comparator of any objects by equal?, hashed with default-hash.",
		"(make-default-comparator)", "comparator", "Returns the default comparator: it compares the empty list, pairs, booleans, characters, strings, symbols, numbers, vectors, bytevectors and boxes (in that order between types), and any type registered with comparator-register-default!.",
		"(default-hash obj [bound:k])", "integer", "The default comparator's hash function (below bound, for SRFI 69's hash and hash-by-identity).",
		"(comparator-register-default! comparator)", "unspecified", "Adds a comparator for another type of objects to the default comparator.",
		"(comparator-test-type comparator obj)", "boolean", "Applies the comparator's type test to obj.",
		"(comparator-check-type comparator obj)", "#t", "Returns #t if obj passes the comparator's type test; raises an error otherwise.",
		"(comparator-hash comparator obj)", "integer", "Applies the comparator's hash function to obj.",
		"(=? comparator obj1 obj2 obj ...)", "boolean", "Returns #t if the objects are equal by the comparator.",
		"(<? comparator obj1 obj2 obj ...)", "boolean", "Returns #t if the objects are in strictly increasing order by the comparator.",
		"(>? comparator obj1 obj2 obj ...)", "boolean", "Returns #t if the objects are in strictly decreasing order by the comparator.",
		"(<=? comparator obj1 obj2 obj ...)", "boolean", "Returns #t if the objects are in non-decreasing order by the comparator.",
		"(>=? comparator obj1 obj2 obj ...)", "boolean", "Returns #t if the objects are in non-increasing order by the comparator.",
	)
	syntaxes(Comparator,
		"hash-bound", "(hash-bound)", "The bound below which hash functions return their hashes: `(hash-bound-parameter)`.",
		"hash-salt", "(hash-salt)", "The salt hash functions mix in: `(hash-salt-parameter)`.",
		"comparator-if<=>", "(comparator-if<=> [comparator] obj1 obj2 less-than equal-to greater-than)", "Evaluates less-than, equal-to or greater-than as obj1 is less than, equal to or greater than obj2 by the comparator (the default comparator when it is left out).",
	)
	procs(Foment,
		"(comparator-context comparator)", "any", "Returns the context value Foment keeps in a comparator (the type table of the default comparator).",
		"(comparator-context-set! comparator obj)", "unspecified", "Sets the context value of a comparator.",
	)
}
