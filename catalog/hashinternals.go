package catalog

// The procedures of (foment base) behind Foment's SRFI 125, which is written in Scheme on
// them: tables as buckets of nodes. Programs have the SRFI's procedures; these are for code
// written against Foment's internals.

func init() {
	kind("hash-node", "a hash node")
	procs(Foment,
		"(%make-hash-table type-test:proc equality:proc hash:proc options:list)", "hash-table", "Makes a hash table from a type test, an equality predicate, a hash function and make-hash-table's options (a capacity, thread-safe, weak-keys …).",
		"(%eq-hash-table? obj)", "boolean", "Returns #t if obj is a hash table whose keys are compared with eq?.",
		"(%hash-table-type-test-predicate hash-table)", "procedure", "Returns the type test of the table's keys.",
		"(%hash-table-ref hash-table key:obj default:obj)", "any", "Returns the value of key, or default.",
		"(%hash-table-set! hash-table key:obj value:obj)", "unspecified", "Sets the value of key.",
		"(%hash-table-delete! hash-table key:obj)", "unspecified", "Removes key.",
		"(%hash-table-pop! hash-table)", "hash-node", "Removes an entry and returns it as a node; an error if the table is empty.",
		"(%hash-table-clear! hash-table)", "unspecified", "Removes every entry.",
		"(%hash-table-copy hash-table)", "hash-table", "Returns a mutable copy of the table.",
		"(%hash-table-immutable! hash-table)", "unspecified", "Makes the table immutable.",
		"(%hash-table-adjust! hash-table size:k)", "unspecified", "Tells the table its size is size (it resizes its buckets); here tables size themselves and it does nothing.",
		"(%hash-table-exclusive hash-table)", "exclusive", "Returns the exclusive that guards the table.",
		"(%hash-table-entries hash-table)", "pair", "Returns `(keys . values)`: the table's keys and values in two lists, in the same order.",
		"(%hash-table-buckets hash-table)", "vector", "Returns the table's entries as a vector of buckets, each a chain of nodes (#f when empty). Setting a node's value sets the entry's.",
		"(%hash-table-buckets-set! hash-table buckets:vector)", "unspecified", "Replaces the table's entries with those of the chains of nodes in buckets.",
		"(%make-hash-node hash-table key:obj value:obj next:obj hash:k)", "hash-node", "Makes a node of the table's: key, value, the next node of its chain (or #f) and its hash.",
		"(%copy-hash-node-list hash-table node:hash-node)", "hash-node", "Returns a copy of the chain of nodes that starts at node.",
		"(%hash-node? obj)", "boolean", "Returns #t if obj is a hash node.",
		"(%hash-node-broken? hash-node)", "boolean", "Returns #t if the node's weak key or value was collected: never here, where tables hold their entries.",
		"(%hash-node-key hash-node)", "any", "Returns the node's key.",
		"(%hash-node-value hash-node)", "any", "Returns the node's value.",
		"(%hash-node-value-set! hash-node value:obj)", "unspecified", "Sets the node's value (and the entry's, for a node of %hash-table-buckets).",
		"(%hash-node-next hash-node)", "any", "Returns the next node of the chain, or #f.",
		"(%hash-node-next-set! hash-node next:obj)", "unspecified", "Sets the next node of the chain.",
		"(%hash-node-hash hash-node)", "integer", "Returns the node's hash.",
	)
}
