package catalog

func init() {
	procs(Base,
		"(procedure? obj)", "boolean", "Returns #t if obj is a procedure.",
		"(apply proc obj1 obj ...)", "any", "Calls proc with the args followed by the elements of list.",
		"(values obj ...)", "values", "Returns its arguments as multiple values.",
		"(call-with-values producer:thunk consumer:proc)", "any", "Calls producer with no arguments and consumer with the values it returns.",
		"(call-with-current-continuation proc)", "any", "Calls proc with the current continuation, a procedure that returns its arguments from this call whenever it is called: to escape, or to re-enter the call any number of times (dynamic-wind before and after thunks run on the way).",
		"(dynamic-wind before:thunk thunk after:thunk)", "any", "Calls before, thunk, then after; after also runs when control escapes thunk.",
		"(make-parameter value [converter:proc])", "parameter", "Makes a parameter object: call it with no arguments for its value; parameterize rebinds it.",
		"(error message:obj obj ...)", "never", "Raises an error object with message and irritants.",
		"(raise obj)", "never", "Raises obj as a non-continuable exception.",
		"(raise-continuable obj)", "any", "Raises obj; the handler's value is returned.",
		"(with-exception-handler handler thunk)", "any", "Calls thunk with handler installed for exceptions it raises.",
		"(error-object? obj)", "boolean", "Returns #t if obj is an error object (a condition).",
		"(error-object-message error-object)", "string", "Returns the message of an error object.",
		"(error-object-irritants error-object)", "list", "Returns the irritants of an error object.",
		"(read-error? obj)", "boolean", "Returns #t if obj is an error raised by read.",
		"(file-error? obj)", "boolean", "Returns #t if obj is an error raised by opening a file.",
		"(features)", "list", "Returns the list of cond-expand features.",
	)
	// call/cc is call-with-current-continuation (eq?, and its errors say so, as in Foment).
	renames(Base, "call/cc call-with-current-continuation")
	procs(Lazy,
		"(force promise:obj)", "any", "Forces a promise (a non-promise is returned as it is).",
		"(make-promise obj)", "promise", "Returns a promise already forced to obj.",
		"(promise? obj)", "boolean", "Returns #t if obj is a promise.",
	)
	procs(Process,
		"(command-line)", "list", "Returns the command line: the script name and its arguments, e.g. `(\"script.scm\" \"client\")`.",
		"(exit [obj])", "never", "Runs outstanding dynamic-wind afters, flushes output and exits: #t or no argument is status 0, #f is 1, an integer is that status.",
		"(emergency-exit [obj])", "never", "Exits at once, without running dynamic-wind afters.",
		"(get-environment-variable name:string)", "string or #f", "Returns the value of an environment variable, or #f.",
		"(get-environment-variables)", "alist", "Returns the environment as an alist of (name . value) strings.",
	)
	procs(Eval,
		"(eval expr-or-def:obj [environment])", "any", "Evaluates expr in the environment (by default the interaction environment).",
		"(environment list ...)", "environment", "Returns an environment made of the import sets.",
	)
	procs(Repl,
		"(interaction-environment [import-set:list] ...)", "environment", "Returns the environment of the REPL: (foment base) and the program's definitions. With import sets (Foment's extension), a new interaction environment made of those imports, where definitions may be added.",
	)
}
