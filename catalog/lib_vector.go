package catalog

// (scheme vector), also (srfi 133): the vector library. Its R7RS names are (scheme base)'s.
var Vector = []string{"scheme vector"}

func init() {
	aka("scheme vector", "srfi 133")
	reexport(Vector, `make-vector vector vector-copy vector-append vector? vector-ref vector-length
		vector-map vector-for-each vector-set! vector-fill! vector-copy! vector->list list->vector
		vector->string string->vector`)
	procs([]string{"scheme vector", "foment base"},
		"(vector-append-subvectors vec-start-end:obj ...)", "vector", "Returns a new vector of the subvectors given as triples: `(vector-append-subvectors v1 start1 end1 v2 start2 end2 …)`.",
		"(vector-reverse-copy vector [start] [end])", "vector", "Returns a new vector of the elements of vector from start to end, in reverse order.",
		"(vector-reverse-copy! to:vector at vector [start] [end])", "unspecified", "Copies the elements of vector from start to end into to at at, in reverse order.",
		"(vector-swap! vector i:index j:index)", "unspecified", "Swaps elements i and j of vector.",
		"(vector-reverse! vector [start] [end])", "unspecified", "Reverses the elements of vector from start to end, in place.",
	)
	procs(Vector,
		"(vector-unfold f:proc length:k seed:obj ...)", "vector", "Makes a vector of length elements: (f i seed …) returns element i and the next seeds.\n\n```scheme\n(vector-unfold (lambda (i x) (values x (* x 2))) 4 1) ⇒ #(1 2 4 8)\n```",
		"(vector-unfold-right f:proc length:k seed:obj ...)", "vector", "Like vector-unfold, but fills the vector from the right.",
		"(vector-unfold! f:proc vector start end seed:obj ...)", "unspecified", "Fills vector from start to end as vector-unfold would.",
		"(vector-unfold-right! f:proc vector start end seed:obj ...)", "unspecified", "Fills vector from end down to start as vector-unfold-right would.",
		"(vector-concatenate list-of-vectors:list)", "vector", "(apply vector-append list-of-vectors).",
		"(vector-empty? vector)", "boolean", "Returns #t if vector has no elements.",
		"(vector= elt=?:proc vector:obj ...)", "boolean", "Returns #t if the vectors have the same length and elements equal by elt=?.",
		"(vector-fold kons:proc state:obj vector:obj ...)", "any", "Folds left to right: (kons state elem …), starting from state; stops at the shortest vector.",
		"(vector-fold-right kons:proc state:obj vector:obj ...)", "any", "Folds right to left: (kons state elem …).",
		"(vector-map! f:proc vector1:vector vector ...)", "unspecified", "Stores (f elem …) in each element of vector1.",
		"(vector-count pred?:proc vector1:vector vector ...)", "integer", "Returns how many times pred? is true of the elements (of the vectors in parallel).",
		"(vector-cumulate f:proc knil:obj vector)", "vector", "Returns the vector of the running results of (f acc elem), starting from knil.",
		"(vector-index pred?:proc vector1:vector vector ...)", "integer or #f", "The index of the first elements that satisfy pred?, or #f.",
		"(vector-index-right pred?:proc vector1:vector vector ...)", "integer or #f", "The index of the last elements that satisfy pred?, or #f.",
		"(vector-skip pred?:proc vector1:vector vector ...)", "integer or #f", "The index of the first elements that do not satisfy pred?, or #f.",
		"(vector-skip-right pred?:proc vector1:vector vector ...)", "integer or #f", "The index of the last elements that do not satisfy pred?, or #f.",
		"(vector-binary-search vector value:obj cmp:proc [start] [end])", "integer or #f", "Searches a sorted vector for value: (cmp elem value) returns a negative, zero or positive integer. Returns the index found, or #f.",
		"(vector-any pred?:proc vector1:vector vector ...)", "any", "The first true result of pred? on the elements (in parallel), or #f.",
		"(vector-every pred?:proc vector1:vector vector ...)", "any", "#f if pred? is false of some elements, else the last result (#t for empty vectors).",
		"(vector-partition pred?:proc vector)", "values", "Returns a new vector with the elements that satisfy pred? first, then the others, and the number of the first.",
		"(reverse-vector->list vector [start] [end])", "list", "Returns the list of the elements of vector from start to end, in reverse order.",
		"(reverse-list->vector list)", "vector", "Returns a vector of the elements of list, in reverse order.",
	)
}
