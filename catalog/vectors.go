package catalog

func init() {
	procs(Base,
		"(vector? obj)", "boolean", "Returns #t if obj is a vector.",
		"(make-vector k [fill])", "vector", "Returns a new vector of k elements, each fill.",
		"(vector obj ...)", "vector", "Returns a new vector of its arguments.",
		"(vector-length vector)", "integer", "Returns the number of elements of vector.",
		"(vector-ref vector k:index)", "any", "Returns element k of vector (0-based).",
		"(vector-set! vector k:index obj)", "unspecified", "Stores obj as element k of vector.",
		"(vector->list vector [start] [end])", "list", "Returns the list of the elements of vector from start to end.",
		"(list->vector list)", "vector", "Returns a vector of the elements of list.",
		"(vector-fill! vector fill [start] [end])", "unspecified", "Stores fill in every element of vector from start to end.",
		"(vector-copy vector [start] [end])", "vector", "Returns a new vector of the elements of vector from start to end.",
		"(vector-copy! to:vector at vector [start] [end])", "unspecified", "Copies the elements of vector from start to end into to, starting at at.",
		"(vector-append vector ...)", "vector", "Returns a new vector, the concatenation of its arguments.",
		"(vector-map proc vector1 vector ...)", "vector", "Returns the vector of the results of proc applied to the elements of the vectors in turn.",
		"(vector-for-each proc vector1 vector ...)", "unspecified", "Applies proc to the elements of the vectors in turn.",
		"(bytevector? obj)", "boolean", "Returns #t if obj is a bytevector.",
		"(make-bytevector k [byte])", "bytevector", "Returns a new bytevector of k bytes, each byte (0 by default).",
		"(bytevector byte ...)", "bytevector", "Returns a new bytevector of its arguments.",
		"(bytevector-u8-ref bytevector k:index)", "byte", "Returns byte k of bytevector.",
		"(bytevector-u8-set! bytevector k:index byte)", "unspecified", "Stores byte as byte k of bytevector.",
		"(bytevector-length bytevector)", "integer", "Returns the number of bytes of bytevector. A recv-socket result of length 0 means the peer closed the connection.",
		"(bytevector-copy bytevector [start] [end])", "bytevector", "Returns a new bytevector of the bytes of bytevector from start to end.",
		"(bytevector-copy! to:bytevector at bytevector [start] [end])", "unspecified", "Copies the bytes of bytevector from start to end into to, starting at at.",
		"(bytevector-append bytevector ...)", "bytevector", "Returns a new bytevector, the concatenation of its arguments.",
	)
}
