package catalog

// (scheme charset), also (srfi 14): character sets. Foment's are immutable: the procedures
// whose names end in ! return a new set, as SRFI 14 allows.
var (
	Charset = []string{"scheme charset"}
	_       = kind("char-set", "a character set")
)

func init() {
	aka("scheme charset", "srfi 14")
	both := []string{"scheme charset", "foment base"}
	procs(both,
		"(char-set? obj)", "boolean", "Returns #t if obj is a character set.",
		"(char-set= char-set ...)", "boolean", "Returns #t if the sets have the same characters.",
		"(char-set<= char-set ...)", "boolean", "Returns #t if each set is a subset of the next.",
		"(char-set-hash char-set [bound:integer])", "integer", "Returns a hash of the set, below bound when it is given and positive.",
		"(char-set-cursor char-set)", "cursor", "Returns a cursor on the first character of the set (end-of-char-set? when it is empty).",
		"(char-set-cursor-next char-set cursor:char)", "cursor", "Returns the cursor on the character after cursor.",
		"(list->char-set list [base:char-set])", "char-set", "Returns the set of the characters of list (added to base).",
		"(string->char-set string [base:char-set])", "char-set", "Returns the set of the characters of string (added to base).",
		"(ucs-range->char-set lower:k upper:k [error?:obj] [base:char-set])", "char-set", "Returns the set of the characters with code points from lower up to but not including upper (added to base).",
		"(char-set-contains? char-set char)", "boolean", "Returns #t if char is in the set.\n\n```scheme\n(char-set-contains? char-set:whitespace #\\tab) ⇒ #t\n```",
		"(char-set-complement char-set)", "char-set", "Returns the set of the characters not in char-set.",
		"(char-set-union char-set ...)", "char-set", "Returns the union of the sets.",
	)
	procs(Foment,
		"(%char-set-intersection char-set1 char-set2)", "char-set", "Returns the intersection of two sets (Foment's primitive behind char-set-intersection).",
	)
	procs(Charset,
		"(char-set-ref char-set cursor:obj)", "char", "Returns the character at cursor.",
		"(end-of-char-set? cursor:obj)", "boolean", "Returns #t if cursor is past the last character.",
		"(char-set-fold kons:proc knil:obj char-set)", "any", "Folds over the characters in increasing order: (kons char acc).",
		"(char-set-unfold f:proc p:proc g:proc seed:obj [base:char-set])", "char-set", "Builds a set: while (p seed) is false, adds (f seed) and continues with (g seed).",
		"(char-set-unfold! f:proc p:proc g:proc seed:obj base:char-set)", "char-set", "Like char-set-unfold, from base.",
		"(char-set-for-each proc char-set)", "unspecified", "Calls proc on every character of the set.",
		"(char-set-map proc char-set)", "char-set", "Returns the set of (proc char) over the characters of the set.",
		"(char-set-copy char-set)", "char-set", "Returns a set with the same characters.",
		"(char-set char ...)", "char-set", "Returns the set of its arguments.\n\n```scheme\n(char-set #\\a #\\e #\\i #\\o #\\u)\n```",
		"(list->char-set! list base:char-set)", "char-set", "Like list->char-set with a base.",
		"(string->char-set! string base:char-set)", "char-set", "Like string->char-set with a base.",
		"(char-set-filter pred:proc char-set [base:char-set])", "char-set", "Returns the set of the characters for which pred is true (added to base).",
		"(char-set-filter! pred:proc char-set base:char-set)", "char-set", "Like char-set-filter with a base.",
		"(ucs-range->char-set! lower:k upper:k error?:obj base:char-set)", "char-set", "Like ucs-range->char-set with a base.",
		"(->char-set x:obj)", "char-set", "Converts a string, a character or a set to a set.",
		"(char-set-size char-set)", "integer", "Returns the number of characters in the set.",
		"(char-set-count pred:proc char-set)", "integer", "Returns how many characters of the set satisfy pred.",
		"(char-set->list char-set)", "list", "Returns the list of the characters of the set.",
		"(char-set->string char-set)", "string", "Returns a string of the characters of the set.",
		"(char-set-every pred:proc char-set)", "any", "Returns #f if pred is false of some character of the set, else true.",
		"(char-set-any pred:proc char-set)", "any", "Returns the first true result of pred on the characters of the set, or #f.",
		"(char-set-adjoin char-set char ...)", "char-set", "Returns the set with the characters added.",
		"(char-set-delete char-set char ...)", "char-set", "Returns the set without the characters.",
		"(char-set-intersection char-set ...)", "char-set", "Returns the intersection of the sets (char-set:full for none).",
		"(char-set-intersection! char-set1:char-set char-set ...)", "char-set", "Like char-set-intersection.",
		"(char-set-difference char-set1:char-set char-set ...)", "char-set", "Returns the characters of the first set that are in none of the others.",
		"(char-set-xor char-set ...)", "char-set", "Returns the characters in an odd number of the sets.",
		"(char-set-union! char-set1:char-set char-set ...)", "char-set", "Like char-set-union.",
		"(char-set-xor! char-set1:char-set char-set ...)", "char-set", "Like char-set-xor.",
		"(char-set-diff+intersection char-set1:char-set char-set ...)", "values", "Returns (char-set-difference cs1 cs …) and the characters of cs1 in some other set.",
		"(char-set-diff+intersection! char-set1:char-set char-set2:char-set char-set ...)", "values", "Like char-set-diff+intersection.",
	)
	renames(Charset, "char-set-adjoin! char-set-adjoin", "char-set-delete! char-set-delete",
		"char-set-complement! char-set-complement", "char-set-difference! char-set-difference")
	vars(both,
		"char-set:lower-case", "char-set", "The lower-case letters (Unicode's Lowercase property).",
		"char-set:upper-case", "char-set", "The upper-case letters (Unicode's Uppercase property).",
		"char-set:title-case", "char-set", "The title-case letters (Unicode category Lt).",
		"char-set:letter", "char-set", "The letters (Unicode categories L*).",
		"char-set:digit", "char-set", "The decimal digits (Unicode category Nd).",
		"char-set:whitespace", "char-set", "The white space characters (Unicode's White_Space property).",
		"char-set:iso-control", "char-set", "The ISO control characters: U+0000–U+001F and U+007F–U+009F.",
		"char-set:punctuation", "char-set", "The punctuation characters (Unicode categories P*).",
		"char-set:symbol", "char-set", "The symbol characters (Unicode categories S*).",
		"char-set:hex-digit", "char-set", "The hexadecimal digits: 0–9, a–f, A–F.",
		"char-set:blank", "char-set", "The blank characters: space separators (Zs) and tab.",
		"char-set:ascii", "char-set", "The ASCII characters: U+0000–U+007F.",
		"char-set:empty", "char-set", "The empty set.",
		"char-set:full", "char-set", "Every character: U+0000–U+10FFFF without the surrogates.",
	)
	vars(Charset,
		"char-set:letter+digit", "char-set", "The letters and the decimal digits.",
		"char-set:graphic", "char-set", "The letters, digits, punctuation and symbols.",
		"char-set:printing", "char-set", "The graphic characters and the white space.",
	)
}
