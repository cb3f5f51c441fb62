package catalog

// Random numbers: SRFI 27.

var srfi27 = []string{"foment base", "srfi 27"}

func init() {
	kind("random-source", "a random source")
	procs(srfi27,
		"(random-integer n:exact-integer)", "integer", "Returns a random exact integer from 0 to n - 1 (n positive), from default-random-source.",
		"(random-real)", "number", "Returns a random flonum strictly between 0 and 1, from default-random-source.",
		"(make-random-source)", "random-source", "Makes a random source. Every source starts in the same state, which differs from one run of the program to the next as in Foment (config's random-seed); randomize it with random-source-randomize! or random-source-pseudo-randomize!.",
		"(random-source? obj)", "boolean", "Returns #t if obj is a random source.",
		"(random-source-state-ref random-source)", "state", "Returns the state of a random source as data that write can print and random-source-state-set! accepts.",
		"(random-source-state-set! random-source state:obj)", "unspecified", "Sets the state of a random source to a state from random-source-state-ref (or to that of another random source, as Foment allows).",
		"(random-source-randomize! random-source)", "unspecified", "Puts a random source in a state taken from the system's source of randomness.",
		"(random-source-pseudo-randomize! random-source i:k j:k)", "unspecified", "Puts a random source in the state that the integers i and j name: the same i and j always give the same numbers.",
		"(random-source-make-integers random-source)", "procedure", "Returns a procedure like random-integer that draws from random-source.",
		"(random-source-make-reals random-source [unit:obj])", "procedure", "Returns a procedure like random-real that draws from random-source.",
	)
	vars(srfi27,
		"default-random-source", "random-source", "The random source of random-integer and random-real.",
	)
}
