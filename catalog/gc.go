package catalog

// The garbage collector: collect, guardians, ephemerons (SRFI 124) and statistics.

var ephemeronLibs = []string{"foment base", "scheme ephemeron"}

func init() {
	aka("scheme ephemeron", "srfi 124")
	kind("ephemeron", "an ephemeron")
	procs(Foment,
		"(collect)", "unspecified", "Runs a garbage collection now, and what guardians and ephemerons learn from it.",
		"(make-guardian)", "guardian", "Makes a guardian: `(g obj)` registers obj with it; after a collection finds obj unreachable, `(g)` returns it (once per registration) instead of letting it be freed; `(g)` returns #f when it has nothing to return.",
		"(object-counts)", "alist", "Returns counts of the heap since the last object-counts-reset!: `allocated-objects`, `allocated-bytes`, and now `live-objects`, `live-bytes`. (Foment counts objects by type.)",
		"(object-counts-reset!)", "unspecified", "Starts the counts of object-counts again.",
		"(stack-used)", "integer", "Returns how deep the current thread's stack is: its number of active calls.",
		"(stack-used-reset!)", "unspecified", "Does nothing here: stack-used tells the depth now (Foment: the deepest since the reset).",
	)
	procs(ephemeronLibs,
		"(make-ephemeron key:obj datum:obj)", "ephemeron", "Makes an ephemeron: a pair whose key does not keep it alive. Once a collection finds key unreachable, the ephemeron is broken and its key and datum are #f. (Here the datum is held as long as the ephemeron: a datum that refers to its key keeps it.)",
		"(ephemeron? obj)", "boolean", "Returns #t if obj is an ephemeron.",
		"(ephemeron-broken? ephemeron)", "boolean", "Returns #t if the ephemeron's key was collected.",
		"(ephemeron-key ephemeron)", "any", "Returns the ephemeron's key, or #f if it is broken.",
		"(ephemeron-datum ephemeron)", "any", "Returns the ephemeron's datum, or #f if it is broken.",
		"(set-ephemeron-key! ephemeron key:obj)", "unspecified", "Sets the key of an ephemeron that is not broken.",
		"(set-ephemeron-datum! ephemeron datum:obj)", "unspecified", "Sets the datum of an ephemeron that is not broken.",
	)
}
