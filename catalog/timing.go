package catalog

// Timing: Foment's current-milliseconds, time-apply, time and process-times.

func init() {
	procs(Foment,
		"(current-milliseconds)", "integer", "Returns the number of milliseconds since the epoch.",
		"(time-apply proc list)", "values", "Applies proc to the elements of list and returns four values: the list of proc's values, the processor time (ms), the elapsed time (ms) and the collection time (ms).",
		"(process-times)", "list", "Returns the process's times in milliseconds since process-times-reset!: `(user system gc-user gc-system)`.",
		"(process-times-reset!)", "unspecified", "Starts the times of process-times again.",
	)
	syntaxes(Foment,
		"time", "(time expr ...)", "Evaluates the exprs, prints the processor, collection and elapsed times in milliseconds, and returns the value of the last:\n\n```scheme\n(time (fib 25))\n; total cpu time (ms): 12\n; collection time (ms): 0\n; elapsed time (ms): 12\n```",
	)
}
