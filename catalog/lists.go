package catalog

func init() {
	procs(Base,
		"(cons obj1 obj2)", "pair", "Returns a new pair whose car is obj1 and cdr is obj2.",
		"(car pair)", "any", "Returns the car (first element) of pair.",
		"(cdr pair)", "any", "Returns the cdr (rest) of pair.",
		"(pair? obj)", "boolean", "Returns #t if obj is a pair.",
		"(null? obj)", "boolean", "Returns #t if obj is the empty list.",
		"(list obj ...)", "list", "Returns a new list of its arguments.",
		"(length list)", "integer", "Returns the number of elements of list.",
		"(append list ...)", "list", "Returns the concatenation of the lists; the last argument may be any object and is not copied.",
		"(list->vector list)", "vector", "Returns a vector of the elements of list.",
		"(memv obj list)", "list or #f", "Returns the first sublist of list whose car is eqv? to obj, or #f.",
		"(not obj)", "boolean", "Returns #t if obj is #f.",
		"(eq? obj1 obj2)", "boolean", "Identity: #t for the same object, symbol, boolean, small integer or character.",
		"(eqv? obj1 obj2)", "boolean", "Like eq?, also #t for equal numbers of the same exactness and equal characters.",
		"(equal? obj1 obj2)", "boolean", "Compares pairs, vectors, strings and bytevectors by contents, recursively.",
		"(vector-ref vector k)", "any", "Returns element k of vector.",
		"(zero? z)", "boolean", "Returns #t if z is zero.",
	)
}
