// Command foment-ls is the Foment Scheme language server, interpreter and linter.
//
//	foment-ls [lsp]             language server over stdio
//	foment-ls run FILE ARGS…    run a program, as `foment FILE ARGS…` does
//	foment-ls check FILES|DIRS  report problems, like a compiler
//	foment-ls dap [--listen A]  debug adapter over stdio (or for one client on address A)
//	foment-ls version           print the version
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"foment-ls/interp"
	_ "foment-ls/interp/lib/all" // every library Foment ships, sockets included
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:]))
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: foment-ls <command> [arguments]

commands:
  lsp                  the language server over stdio (the default)
  run [-I DIR] [-A DIR] [-X EXT] FILE [ARGS...]
                       run a Scheme program, as "foment FILE ARGS..." does
  check [--format text|json|sarif] [-I DIR] [-A DIR] [-X EXT] FILES|DIRS
                       report problems (exit status 1 if there is an error)
  dap [--listen 127.0.0.1:PORT]
                       the debug adapter over stdio (or for one client on that address)
  version              print the version
`)
}

func run(args []string) int {
	if len(args) == 0 {
		return lspCmd(nil) // editors start the server with no arguments
	}
	switch args[0] {
	case "lsp":
		return lspCmd(args[1:])
	case "run":
		return runCmd(args[1:])
	case "check":
		return checkCmd(args[1:], os.Stdout, os.Stderr)
	case "dap":
		return dapCmd(args[1:])
	case "version", "--version", "-version":
		fmt.Println("foment-ls", version)
		return 0
	case "help", "-h", "--help":
		usage()
		return 0
	}
	fmt.Fprintf(os.Stderr, "foment-ls: unknown command %q\n", args[0])
	usage()
	return 2
}

// runProgram runs FILE with the embedded interpreter: exit status 0, or 1 after an error.
func runProgram(file string, args []string, setup func(in *interp.Interp)) int {
	// Deep recursion lives on the Go stack; the interpreter raises "stack overflow" well before
	// this limit.
	debug.SetMaxStack(4 << 30)
	if os.Getenv("GOGC") == "" {
		// Programs that move data allocate a bytevector per receive: a larger heap between
		// collections roughly halves the collector's share (bench/echo.sh).
		debug.SetGCPercent(400)
	}
	if f := os.Getenv("FOMENT_LS_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		if err == nil {
			pprof.StartCPUProfile(out)
			defer pprof.StopCPUProfile()
		}
	}
	in := interp.New(interp.Options{Args: append([]string{file}, args...)})
	setup(in)
	err := in.RunFile(file)
	in.Stdout.Flush()
	if err == nil {
		return 0
	}
	var exit *interp.ExitError
	if errors.As(err, &exit) {
		return exit.Code
	}
	interp.ReportError(os.Stderr, err)
	return 1
}
