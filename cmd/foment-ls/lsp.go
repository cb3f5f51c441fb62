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
	log, closeLog, err := openLog(*logFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls lsp:", err)
		return 2
	}
	defer closeLog()
	lsp.Version = version
	// Fewer collections while a large file is reanalysed at every keystroke; the heap stays
	// well under 100 MB for a 10,000-line file.
	debug.SetGCPercent(200)
	return lsp.Serve(context.Background(), os.Stdin, os.Stdout, log)
}

// openLog opens the --log file of the servers (appending), or discards the log without one.
func openLog(name string) (*slog.Logger, func(), error) {
	if name == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}, nil
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return slog.New(slog.NewTextHandler(f, nil)), func() { f.Close() }, nil
}
