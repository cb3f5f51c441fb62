package catalog

// Environment inquiry: (srfi 112) the implementation and the machine, (srfi 176) the version
// alist, (srfi 193) the command line.
func init() {
	procs([]string{"srfi 112", "foment base"},
		"(implementation-name)", "string", "Returns the name of the Scheme implementation: \"foment\".",
		"(implementation-version)", "string", "Returns the version of the implementation: \"0.4\".",
		"(cpu-architecture)", "string", "Returns the processor architecture, e.g. \"x86-64\" or \"aarch64\".",
		"(machine-name)", "string", "Returns the name of this machine (its host name).",
		"(os-name)", "string", "Returns the name of the operating system, e.g. \"linux\".",
		"(os-version)", "string", "Returns the version (release) of the operating system kernel.",
	)
	procs([]string{"srfi 176", "foment base"},
		"(version-alist)", "alist", "Returns an alist describing the implementation (SRFI 176): its command, version, languages, encodings, features (`scheme.features`), SRFIs (`scheme.srfi`) and library path (`scheme.path`).",
	)
	reexport([]string{"srfi 193"}, "command-line")
	procs([]string{"srfi 193"},
		"(command-name)", "string or #f", "Returns the name of the script without its directory and extension (`\"server\"` for `server.scm`), or #f when there is no script.",
		"(command-args)", "list", "Returns the arguments after the script name: `(cdr (command-line))`.",
		"(script-file)", "string or #f", "Returns the absolute file name of the script, or #f.",
		"(script-directory)", "string or #f", "Returns the directory of the script, ending in a slash, or #f.",
	)
}
