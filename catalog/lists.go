package catalog

func init() {
	procs(Base,
		"(cons obj1 obj2)", "pair", "Returns a new pair whose car is obj1 and cdr is obj2.",
		"(car pair)", "any", "Returns the car (first element) of pair.",
		"(cdr pair)", "any", "Returns the cdr (rest) of pair.",
		"(set-car! pair obj)", "unspecified", "Stores obj in the car of pair.",
		"(set-cdr! pair obj)", "unspecified", "Stores obj in the cdr of pair.",
		"(caar pair)", "any", "(car (car pair))",
		"(cadr pair)", "any", "(car (cdr pair)): the second element of a list.",
		"(cdar pair)", "any", "(cdr (car pair))",
		"(cddr pair)", "any", "(cdr (cdr pair))",
		"(pair? obj)", "boolean", "Returns #t if obj is a pair.",
		"(null? obj)", "boolean", "Returns #t if obj is the empty list.",
		"(list? obj)", "boolean", "Returns #t if obj is a proper list (finite, ending in ()).",
		"(make-list k [fill])", "list", "Returns a list of k elements, each fill (unspecified by default).",
		"(list obj ...)", "list", "Returns a new list of its arguments.",
		"(length list)", "integer", "Returns the number of elements of list.",
		"(append obj ...)", "list", "Returns the concatenation of the lists; the last argument may be any object and is not copied.",
		"(reverse list)", "list", "Returns a new list of the elements of list in reverse order.",
		"(list-tail list k)", "list", "Returns the sublist of list after its first k elements.",
		"(list-ref list k)", "any", "Returns element k of list (0-based).",
		"(list-set! list k obj)", "unspecified", "Stores obj as element k of list.",
		"(list-copy obj)", "list", "Returns a copy of the spine of a list (the last cdr is shared); other objects are returned as they are.",
		"(memq obj list)", "list or #f", "Returns the first sublist of list whose car is eq? to obj, or #f.",
		"(memv obj list)", "list or #f", "Returns the first sublist of list whose car is eqv? to obj, or #f.",
		"(member obj list [compare:proc])", "list or #f", "Returns the first sublist of list whose car is equal? (or compare) to obj, or #f.",
		"(assq obj alist)", "pair or #f", "Returns the first pair of alist whose car is eq? to obj, or #f.",
		"(assv obj alist)", "pair or #f", "Returns the first pair of alist whose car is eqv? to obj, or #f.",
		"(assoc obj alist [compare:proc])", "pair or #f", "Returns the first pair of alist whose car is equal? (or compare) to obj, or #f.",
		"(map proc list1:obj list:obj ...)", "list", "Returns the list of the results of proc applied to the elements of the lists in turn; stops at the shortest list.",
		"(for-each proc list1:obj list:obj ...)", "unspecified", "Applies proc to the elements of the lists in turn, for effect.",
		"(not obj)", "boolean", "Returns #t if obj is #f.",
		"(boolean? obj)", "boolean", "Returns #t if obj is #t or #f.",
		"(boolean=? boolean1 boolean2 boolean ...)", "boolean", "Returns #t if the booleans are all the same.",
		"(eq? obj1 obj2)", "boolean", "Identity: #t for the same object, symbol, boolean, small integer or character.",
		"(eqv? obj1 obj2)", "boolean", "Like eq?, also #t for equal numbers of the same exactness and equal characters.",
		"(equal? obj1 obj2)", "boolean", "Compares pairs, vectors, strings and bytevectors by contents, recursively.",
		"(symbol? obj)", "boolean", "Returns #t if obj is a symbol.",
		"(symbol=? symbol1 symbol2 symbol ...)", "boolean", "Returns #t if the symbols are all the same.",
		"(symbol->string symbol)", "string", "Returns the name of symbol.",
		"(string->symbol string)", "symbol", "Returns the symbol whose name is string.",
	)
	cxr := []string{}
	for _, p := range []string{"aaa", "aad", "ada", "add", "daa", "dad", "dda", "ddd",
		"aaaa", "aaad", "aada", "aadd", "adaa", "adad", "adda", "addd",
		"daaa", "daad", "dada", "dadd", "ddaa", "ddad", "ddda", "dddd"} {
		doc := "Composition of car and cdr: "
		for _, c := range p {
			doc += "c" + string(c) + "r "
		}
		cxr = append(cxr, "(c"+p+"r pair)", "any", doc+"applied right to left.")
	}
	procs(Cxr, cxr...)
	procs(Foment,
		"(box obj)", "box", "Returns a new box holding obj (SRFI 111).",
		"(box? obj)", "boolean", "Returns #t if obj is a box.",
		"(unbox box:obj)", "any", "Returns the contents of a box.",
		"(set-box! box:obj obj)", "unspecified", "Stores obj in a box.",
	)
}
