package catalog

// (scheme hash-table), also (srfi 125) and (srfi 69): hash tables. Foment's (foment base) has
// a few of the names, and make-eq-hash-table.
var HashTable = []string{"scheme hash-table"}

func init() {
	aka("scheme hash-table", "srfi 125", "srfi 69")
	both := []string{"scheme hash-table", "foment base"}
	procs(HashTable,
		"(make-hash-table comparator:obj arg:obj ...)", "hash-table", "Makes an empty mutable hash table. The first argument is a comparator, or an equality predicate (eq?, eqv?, equal?, string=?, string-ci=?, or any other followed by its hash function). Then optionally an initial capacity and the symbols `thread-safe`, `weak-keys`, `ephemeral-keys`, `weak-values`, `ephemeral-values`.\n\n```scheme\n(define clients (make-hash-table equal?))\n(hash-table-set! clients \"127.0.0.1:5000\" sock)\n```",
		"(hash-table comparator key-value:obj ...)", "hash-table", "Makes an immutable hash table from the comparator and alternating keys and values.",
		"(hash-table-unfold stop?:proc mapper:proc successor:proc seed:obj comparator:obj arg:obj ...)", "hash-table", "Makes a hash table by unfolding: while (stop? seed) is false, (mapper seed) returns a key and a value to add and (successor seed) the next seed.",
		"(alist->hash-table alist comparator:obj arg:obj ...)", "hash-table", "Makes a hash table from an alist; the first pair of a key wins.",
		"(hash-table-contains? hash-table key)", "boolean", "Returns #t if the table has key.",
		"(hash-table-empty? hash-table)", "boolean", "Returns #t if the table has no entries.",
		"(hash-table=? value-comparator:comparator hash-table1 hash-table2)", "boolean", "Returns #t if the tables have the same keys with values equal by value-comparator.",
		"(hash-table-ref hash-table key [failure:thunk] [success:proc])", "any", "Returns the value of key, or calls success with it; when the key is absent, calls failure (an error without it).",
		"(hash-table-ref/default hash-table key default)", "any", "Returns the value of key, or default when the key is absent.",
		"(hash-table-set! hash-table key-value:obj ...)", "unspecified", "Sets keys to values, from alternating keys and values.\n\n```scheme\n(hash-table-set! table 'a 1 'b 2)\n```",
		"(hash-table-delete! hash-table key ...)", "integer", "Removes the keys; returns how many were there.",
		"(hash-table-intern! hash-table key failure:thunk)", "any", "Returns the value of key; when the key is absent, sets it to (failure) first.",
		"(hash-table-update! hash-table key updater:proc [failure:thunk] [success:proc])", "unspecified", "Sets key to (updater value), value as hash-table-ref finds it.\n\n```scheme\n(hash-table-update! counts word (lambda (n) (+ n 1)) (lambda () 0))\n```",
		"(hash-table-update!/default hash-table key updater:proc default)", "unspecified", "Sets key to (updater value), value being default when the key is absent.",
		"(hash-table-pop! hash-table)", "values", "Removes an entry and returns its key and value as two values; an error if the table is empty.",
		"(hash-table-clear! hash-table)", "unspecified", "Removes every entry.",
		"(hash-table-entries hash-table)", "values", "Returns two values: the list of keys and the list of values, in the same order.",
		"(hash-table-find proc hash-table failure:thunk)", "any", "Calls (proc key value) on entries until one returns true and returns that; (failure) if none does.",
		"(hash-table-count pred:proc hash-table)", "integer", "Returns the number of entries for which (pred key value) is true.",
		"(hash-table-map proc comparator hash-table)", "hash-table", "Returns a new table with the same keys (compared by comparator) and values (proc value).",
		"(hash-table-for-each proc hash-table)", "unspecified", "Calls (proc key value) on every entry.",
		"(hash-table-walk hash-table proc)", "unspecified", "SRFI 69's hash-table-for-each: calls (proc key value) on every entry.",
		"(hash-table-map! proc hash-table)", "unspecified", "Sets the value of every key to (proc key value).",
		"(hash-table-map->list proc hash-table)", "list", "Returns the list of (proc key value) over the entries.",
		"(hash-table-fold proc:obj seed:obj hash-table:obj)", "any", "Folds over the entries: (proc key value acc), starting from seed. SRFI 69's order (hash-table-fold table proc seed) is accepted too.",
		"(hash-table-prune! proc hash-table)", "unspecified", "Removes the entries for which (proc key value) is true.",
		"(hash-table-copy hash-table [mutable?:obj])", "hash-table", "Returns a copy of the table, mutable if mutable? is true (immutable by default).",
		"(hash-table-union! hash-table1 hash-table2)", "hash-table", "Adds to table1 the entries of table2 whose keys it lacks; returns table1.",
		"(hash-table-intersection! hash-table1 hash-table2)", "hash-table", "Removes from table1 the keys table2 lacks; returns table1.",
		"(hash-table-difference! hash-table1 hash-table2)", "hash-table", "Removes from table1 the keys table2 has; returns table1.",
		"(hash-table-xor! hash-table1 hash-table2)", "hash-table", "Keeps in table1 the keys in exactly one of the tables; returns table1.",
	)
	procs(both,
		"(hash-table? obj)", "boolean", "Returns #t if obj is a hash table.",
		"(hash-table-hash-function hash-table)", "procedure", "Returns the table's hash function.",
		"(hash-table-size hash-table)", "integer", "Returns the number of entries.",
		"(hash-table-empty-copy hash-table)", "hash-table", "Returns a new empty mutable table with the same comparator.",
		"(hash-table->alist hash-table)", "alist", "Returns the entries as an alist of (key . value).",
		"(hash-table-keys hash-table)", "list", "Returns the list of keys.",
		"(hash-table-values hash-table)", "list", "Returns the list of values.",
		"(hash-table-mutable? hash-table)", "boolean", "Returns #t if the table can be changed.",
	)
	procs(Foment,
		"(%hash-table-equality-predicate hash-table)", "procedure", "Returns the table's equality predicate (Foment's name of hash-table-equivalence-function).",
		"(make-eq-hash-table)", "hash-table", "Makes an empty mutable hash table that compares keys with eq?.",
		"(eq-hash obj)", "integer", "Returns a hash of obj's identity (the hash of an eq? table).",
	)
	reexport(HashTable, "string-hash string-ci-hash")
	renames(HashTable,
		"hash-table-exists? hash-table-contains?",
		"hash-table-merge! hash-table-union!",
		"hash default-hash",
		"hash-by-identity default-hash",
		"hash-table-equivalence-function %hash-table-equality-predicate",
	)
}
