package catalog

// (srfi 18): multithreading, on Foment's threads, exclusives and conditions (threads.go) under
// SRFI 18's names.
var (
	SRFI18 = []string{"srfi 18"}
	_      = kind("condition-variable", "a condition variable")
	_      = kind("mutex", "an exclusive")
)

func init() {
	reexport(SRFI18, `current-thread thread? make-thread thread-name thread-specific
		thread-specific-set! thread-start! thread-yield! thread-sleep! thread-terminate! thread-join!
		with-exception-handler raise`)
	procs(Foment,
		"(exclusive-name exclusive)", "any", "Returns the name given to make-exclusive.",
		"(exclusive-name-set! exclusive name:obj)", "unspecified", "Sets the name of an exclusive.",
		"(exclusive-specific exclusive)", "any", "Returns the exclusive's specific value.",
		"(exclusive-specific-set! exclusive obj)", "unspecified", "Sets the exclusive's specific value.",
		"(condition? obj)", "boolean", "Returns #t if obj is a condition variable (make-condition).",
		"(condition-name condition-variable)", "any", "Returns the name given to make-condition.",
		"(condition-name-set! condition-variable name:obj)", "unspecified", "Sets the name of a condition variable.",
		"(condition-specific condition-variable)", "any", "Returns the condition variable's specific value.",
		"(condition-specific-set! condition-variable obj)", "unspecified", "Sets the condition variable's specific value.",
	)
	procs([]string{"srfi 18", "foment base"},
		"(current-time)", "time", "Returns the current time as a time object (SRFI 18).",
		"(time? obj)", "boolean", "Returns #t if obj is a time object.",
		"(time->seconds time:obj)", "integer", "Returns the seconds since the epoch (1970) of a time object.",
		"(seconds->time seconds:exact-integer)", "time", "Returns the time object of a number of seconds since the epoch: a timeout for thread-sleep!, thread-join! and mutex-lock!.\n\n```scheme\n(thread-join! t (seconds->time (+ (time->seconds (current-time)) 5)))\n```",
		"(current-exception-handler)", "procedure or #f", "Returns the handler installed by the innermost with-exception-handler.",
		"(join-timeout-exception? obj)", "boolean", "Returns #t if obj is the error thread-join! raises when its timeout passes.",
		"(abandoned-mutex-exception? obj)", "boolean", "Returns #t if obj is an abandoned-mutex exception (never raised: exclusives are not abandoned).",
		"(terminated-thread-exception? obj)", "boolean", "Returns #t if obj is the error thread-join! raises for a terminated thread.",
		"(uncaught-exception? obj)", "boolean", "Returns #t if obj is the error thread-join! raises for a thread that ended with an uncaught exception.",
		"(uncaught-exception-reason obj)", "any", "Returns the object a joined thread raised and did not catch (#f for other objects).",
	)
	procs(SRFI18,
		"(mutex-state mutex)", "any", "Returns the thread that holds mutex, or `not-abandoned` when it is free.",
		"(mutex-lock! mutex [timeout:obj] [thread:obj])", "boolean", "Takes mutex, waiting until timeout (seconds or a time); returns #f if the timeout passed first.",
		"(mutex-unlock! mutex [condition-variable:obj] [timeout:obj])", "boolean", "Releases mutex. With a condition variable, waits on it (until timeout) and takes mutex again, as condition-wait does; returns #f if the timeout passed first.",
	)
	renames(SRFI18,
		"mutex? exclusive?", "make-mutex make-exclusive", "mutex-name exclusive-name",
		"mutex-specific exclusive-specific", "mutex-specific-set! exclusive-specific-set!",
		"condition-variable? condition?", "make-condition-variable make-condition",
		"condition-variable-name condition-name", "condition-variable-specific condition-specific",
		"condition-variable-specific-set! condition-specific-set!",
		"condition-variable-signal! condition-wake", "condition-variable-broadcast! condition-wake-all",
	)
}
