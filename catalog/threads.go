package catalog

func init() {
	procs(Foment,
		"(run-thread thunk)", "thread", "Makes a thread that calls thunk and starts it at once. The usual way for a server to handle each client on its own thread:\n\n```scheme\n(let loop ()\n  (let ((client (accept-socket server)))\n    (run-thread (lambda () (serve client)))\n    (loop)))\n```",
		"(make-thread thunk [name:obj])", "thread", "Makes a new thread that will call thunk; start it with thread-start!.",
		"(thread-start! thread)", "thread", "Starts a thread made by make-thread.",
		"(thread-join! thread [timeout:obj] [timeout-val:obj])", "any", "Waits for thread to end and returns the value of its thunk. timeout is a number of seconds or a time (SRFI 18, `seconds->time`); after it, timeout-val is returned, or a join-timeout exception raised. A thread that ended with an uncaught exception raises an uncaught-exception.",
		"(thread-sleep! timeout:obj)", "unspecified", "Suspends the current thread for timeout seconds, or until timeout when it is a time (SRFI 18, `seconds->time`). For milliseconds, use sleep.",
		"(sleep timeout:k)", "unspecified", "Suspends the current thread for timeout milliseconds.",
		"(thread-yield!)", "unspecified", "Lets other threads run.",
		"(current-thread)", "thread", "Returns the current thread.",
		"(thread? obj)", "boolean", "Returns #t if obj is a thread.",
		"(thread-name thread)", "any", "Returns the name given to make-thread.",
		"(thread-name-set! thread name:obj)", "unspecified", "Sets the name of a thread.",
		"(thread-specific thread)", "any", "Returns the thread's specific value.",
		"(thread-specific-set! thread obj)", "unspecified", "Sets the thread's specific value.",
		"(thread-terminate! thread)", "unspecified", "Ends another thread at its next step and waits for it.",
		"(exit-thread obj)", "never", "Ends the current thread, running the dynamic-wind afters; obj is what thread-join! returns.",
		"(emergency-exit-thread obj)", "never", "Ends the current thread at once, without running dynamic-wind afters; obj is what thread-join! returns.",
		"(exclusive? obj)", "boolean", "Returns #t if obj is an exclusive (a mutex).",
		"(make-exclusive [name:obj])", "exclusive", "Makes an exclusive: a mutual-exclusion lock, with an optional name.",
		"(enter-exclusive exclusive)", "unspecified", "Waits for and takes the exclusive.",
		"(leave-exclusive exclusive)", "unspecified", "Releases the exclusive.",
		"(try-exclusive exclusive)", "boolean", "Takes the exclusive if it is free; returns whether it did.",
		"(make-condition [name:obj])", "condition", "Makes a condition variable, with an optional name.",
		"(condition-wait condition:obj exclusive [timeout:obj])", "boolean", "Releases exclusive, waits until the condition is woken, then takes exclusive again. timeout is a number of seconds or a time; returns #f when it passed first, #t otherwise.",
		"(condition-wake condition:obj)", "unspecified", "Wakes one thread waiting on the condition.",
		"(condition-wake-all condition:obj)", "unspecified", "Wakes every thread waiting on the condition.",
	)
	syntaxes(Foment,
		"with-exclusive", "(with-exclusive exclusive body ...)", "Evaluates body holding exclusive, releasing it however body exits.",
	)
}
