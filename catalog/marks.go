package catalog

// Continuation marks (SRFI 157) and prompts.

var srfi157 = []string{"foment base", "srfi 157"}

func init() {
	syntaxes(srfi157,
		"with-continuation-mark", "(with-continuation-mark key value expr)", "Evaluates expr with the mark key → value on its continuation. In tail position it replaces the mark key of the current frame, so a loop that marks each iteration keeps one mark:\n\n```scheme\n(let loop ((n 3))\n  (if (zero? n)\n      (continuation-mark-set->list (current-continuation-marks) 'key)\n      (with-continuation-mark 'key n (loop (- n 1)))))   ; => (1)\n```",
	)
	procs(srfi157,
		"(current-continuation-marks)", "mark-set", "Returns the marks of the current continuation, innermost frame first.",
		"(continuation-marks? obj)", "boolean", "Returns #t if obj is a set of continuation marks.",
		"(continuation-mark-set->list mark-set:obj key:obj)", "list", "Returns the values of key in mark-set (#f: the current marks), innermost first.",
		"(continuation-mark-set->list* mark-set:obj keys:list [default:obj])", "list", "Returns a vector per frame that has a mark of one of keys: the values of keys in order, default (#f) where the frame has none.",
		"(continuation-mark-set-first mark-set:obj key:obj [default:obj])", "any", "Returns the innermost value of key in mark-set (#f: the current marks), or default (#f).",
		"(call-with-immediate-continuation-mark key:obj proc [default:obj])", "any", "Calls proc with the value of key in the current frame's marks, or with default (#f) if the frame has none.",
	)
	procs(Foment,
		"(call-with-continuation-prompt proc tag:obj handler obj ...)", "any", "Calls proc with the objs under a prompt tagged tag. If abort-current-continuation aborts to it, the dynamic-wind afters in between run and handler is called with the abort's values in place of proc. With (default-prompt-tag), handler must be default-prompt-handler.",
		"(abort-current-continuation tag:obj obj ...)", "never", "Unwinds to the innermost prompt tagged tag, running dynamic-wind afters, and calls its handler with the objs.",
		"(default-prompt-tag)", "tag", "Returns the tag of the prompt around the program.",
		"(default-continuation-prompt-tag)", "tag", "Same as default-prompt-tag.",
		"(default-prompt-handler thunk)", "any", "The handler of default-prompt-tag: calls thunk under a new default prompt. `(abort-current-continuation (default-prompt-tag) thunk)` unwinds to the prompt and calls thunk there.",
	)
	syntaxes(Foment,
		"set!-values", "(set!-values formals expr)", "Assigns the variables of formals (as in lambda: `(a b)`, `(a . rest)`, `rest`) the values of expr.",
	)
}
