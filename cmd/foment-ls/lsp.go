package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"foment-ls/lsp"
)

// lspCmd is `foment-ls lsp`: the language server over standard input and output.
func lspCmd(args []string) int {
	fl := flag.NewFlagSet("lsp", flag.ContinueOnError)
	logFile := fl.String("log", "", "write a log to this file")
	fl.Bool("stdio", true, "use standard input and output (the default; accepted for editors that pass it)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	var w io.Writer = io.Discard
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, "foment-ls lsp:", err)
			return 2
		}
		defer f.Close()
		w = f
	}
	lsp.Version = version
	// Fewer collections while a large file is reanalysed at every keystroke; the heap stays
	// well under 100 MB for a 10,000-line file.
	debug.SetGCPercent(200)
	return lsp.Serve(context.Background(), os.Stdin, os.Stdout, slog.New(slog.NewTextHandler(w, nil)))
}
