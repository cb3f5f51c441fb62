package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"foment-ls/lsp"
)

// lspCmd is `foment-ls lsp`: the language server over standard input and output.
func lspCmd(args []string) int {
	fl := newFlags("lsp", "[--log FILE [--trace off|messages|verbose]]",
		"The language server (Language Server Protocol) over standard input and output. Editors\nstart it; see editors/ in the repository.")
	logs := addLogFlags(fl)
	fl.Bool("stdio", true, "use standard input and output (the default; accepted for editors that pass it)")
	if _, code, ok := parseFlags(fl, args, true); !ok {
		return code
	}
	log, level, closeLog, err := logs.open("lsp")
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls lsp:", err)
		return 2
	}
	defer closeLog()
	waitingNotice("language server (LSP)")
	lsp.Version, _ = buildVersion()
	// An edit is analysed incrementally (little garbage), and a workspace is indexed without
	// keeping its analyses: the collector's default pace keeps the memory near what is live,
	// and a soft limit of 16 times the workspace's source (at least 32 MB; 64 MB let a
	// workspace of 3.3 MB, chibi-scheme's lib, reach 21 times its size) bounds it while a large
	// workspace is indexed: that one peaks at 18 times (bench/wsmem). 14 times kept it at 17
	// but made the collector work harder near the limit.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
		lsp.Burst = lsp.GCBurst
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		lsp.WorkspaceSize = func(n int64) { debug.SetMemoryLimit(max(32<<20, 16*n)) }
	}
	// The heap the indexing grew is mostly garbage once it ends: given back at once, not over
	// the scavenger's minutes.
	lsp.Indexed = debug.FreeOSMemory
	tr := newTracer(log, level)
	stopProfile := cpuProfile()
	code := lsp.Serve(context.Background(), tr.reader(os.Stdin), tr.writer(os.Stdout), log)
	stopProfile()
	log.Info("exit", "status", code)
	return code
}

// addLogFlags adds --log and --trace.
func addLogFlags(fl interface {
	String(name, value, usage string) *string
}) logFlags {
	return logFlags{
		file:  fl.String("log", "", "append a log to FILE: the protocol trace and the server's errors"),
		trace: fl.String("trace", "messages", "what the log gets of each message: off, messages (one line each: method, id, size, latency) or verbose (the message itself too)"),
	}
}

// waitingNotice tells someone who started a server on a terminal what it is waiting for:
// editors start it on pipes, where it says nothing.
func waitingNotice(what string) {
	if st, err := os.Stdin.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		fmt.Fprintf(os.Stderr, "foment-ls: the %s, waiting for messages on standard input.\nEditors start it themselves; \"foment-ls help\" lists the commands, Ctrl-D ends it.\n", what)
	}
}
