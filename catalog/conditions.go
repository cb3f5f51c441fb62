package catalog

// Foment's error objects: a type (assertion-violation, syntax-violation ...), who raised it,
// a kind (file-error, position-error ... or none), a message and irritants.

func init() {
	procs(Foment,
		"(error-object-type error-object)", "symbol", "Returns the type of an error object: `assertion-violation` (bad arguments, `error`, file errors …), `syntax-violation`, `lexical-violation` (read), `implementation-restriction`, or the type given to full-error.",
		"(error-object-who error-object)", "symbol", "Returns who raised the error object: the name of the procedure whose check failed (`car`), `error` for error, or no value when nobody is named.",
		"(error-object-kind error-object)", "symbol", "Returns the kind of an error object: `file-error`, `position-error`, `unknown-encoding-error`, `encoding-error`, `decoding-error`, `uncaught-exception`, `terminated-thread-exception`, `join-timeout-exception`, the kind given to full-error, or no value.",
		"(full-error type:symbol who:symbol kind:obj message:string obj ...)", "never", "Raises an error object with the given type, who, kind (a symbol, or #f for none), message and irritants:\n\n```scheme\n(full-error 'assertion-violation 'frob #f \"frob: expected a widget\" x)\n```",
	)
}
