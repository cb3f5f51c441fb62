// Command foment-ls is the Foment Scheme language server, interpreter and linter.
//
//	foment-ls [lsp]                    language server over stdio
//	foment-ls check FILES|DIRS         report problems, like a compiler
//	foment-ls run FILE ARGS…           run a program, as `foment FILE ARGS…` does
//	foment-ls dap [--listen A]         debug adapter over stdio (or for one client on address A)
//	foment-ls version                  print the version
//	foment-ls help [COMMAND]           usage; each command takes --help too
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"foment-ls/interp"
	_ "foment-ls/interp/lib/all" // every library Foment ships, sockets included
	"foment-ls/srcfile"
)

// version is set at build time with -ldflags "-X main.version=…"; a module version from
// `go install foment-ls/cmd/foment-ls@vX` takes its place.
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:]))
}

const usageText = `foment-ls: a language server, debug adapter, linter and interpreter for Foment Scheme.

usage: foment-ls [command] [arguments]

commands:
  lsp      the language server over standard input and output (the default)
  check    report problems in files and directories, like a compiler
  run      run a Scheme program, as "foment FILE ARGS..." does
  dap      the debug adapter (Debug Adapter Protocol)
  version  print the version, revision and Go version
  help     print this, or a command's help: foment-ls help check

Editors start "foment-ls" (or "foment-ls lsp") themselves: see editors/ in the repository.
`

// commands are the subcommands by name; each parses its own flags (see newFlags).
var commands = map[string]func(args []string) int{
	"lsp":     lspCmd,
	"check":   func(args []string) int { return checkCmd(args, os.Stdout, os.Stderr) },
	"run":     runCmd,
	"dap":     dapCmd,
	"version": versionCmd,
	// stdio-bridge is run by the debug adapter in an editor's terminal (runInTerminal).
	"stdio-bridge": bridgeCmd,
}

func run(args []string) int {
	if len(args) == 0 {
		return lspCmd(nil) // editors start the server with no arguments
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && commands[args[1]] != nil {
			return commands[args[1]]([]string{"--help"})
		}
		fmt.Print(usageText)
		return 0
	case "--version", "-version":
		return versionCmd(nil)
	}
	if cmd := commands[args[0]]; cmd != nil {
		return cmd(args[1:])
	}
	fmt.Fprintf(os.Stderr, "foment-ls: unknown command %q\n\n%s", args[0], usageText)
	return 2
}

// newFlags makes a command's flag set. Its help (-h, --help) goes to standard output with exit
// status 0; a mistake gets the flag package's message and the usage line on standard error,
// exit status 2 (see parseFlags).
func newFlags(name, synopsis, about string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(os.Stderr)
	fl.Usage = func() {
		out := os.Stdout // only parseFlags calls it, for --help
		fmt.Fprintf(out, "usage: foment-ls %s %s\n\n%s\n", name, synopsis, about)
		n := 0
		fl.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(out, "\nflags:")
			fl.SetOutput(out)
			fl.PrintDefaults()
		}
	}
	return fl
}

// parseFlags parses a command's flags. With interleaved, flags may come after the operands
// too (check FILE --format json); "--" ends the flags. It returns the operands, or an exit
// status when the command is done (help: 0, a bad flag: 2).
func parseFlags(fl *flag.FlagSet, args []string, interleaved bool) ([]string, int, bool) {
	var operands []string
	help := fl.Usage
	fl.Usage = func() {} // the flag package calls it on errors too: it is for --help only
	defer func() { fl.Usage = help }()
	for {
		err := fl.Parse(args)
		if err == flag.ErrHelp {
			help()
			return nil, 0, false
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "run \"foment-ls %s --help\" for its usage\n", fl.Name())
			return nil, 2, false
		}
		rest := fl.Args()
		consumed := len(args) - len(rest)
		if !interleaved || len(rest) == 0 || consumed > 0 && args[consumed-1] == "--" {
			return append(operands, rest...), 0, true
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// runCmd is `foment-ls run [flags] FILE [ARGS...]`: the flags end at FILE; what follows is
// the program's.
func runCmd(args []string) int {
	fl := newFlags("run", "[flags] FILE [ARGS...]",
		"Runs FILE in the embedded interpreter, as \"foment FILE ARGS...\" does: (command-line) is\nFILE and ARGS. Exit status: the program's (exit), 1 after an uncaught error.")
	var opts interp.Options
	fl.Func("maximum-heap-size", "beyond this heap size (default: 8G, or 3/4 of the memory, or a third of the room ulimit -v leaves), allocations raise \"out of memory\"; BYTES may end in K, M or G", func(val string) error {
		n, ok := interp.ParseSize(val)
		if !ok {
			return fmt.Errorf("bad size %q", val)
		}
		opts.MemoryLimit = n
		return nil
	})
	lib := libraryFlags(fl)
	maxSize := fl.Int64("max-file-size", srcfile.DefaultMaxSize, "the largest source file read (program, include, library), in `bytes`")
	debugAddr := fl.String("debug", "", "run it for debug clients to attach to on this address (127.0.0.1:PORT, or unix:PATH), under dap --listen's rules")
	allowRemote := fl.Bool("allow-remote", false, "let --debug take an address beyond loopback (anyone who reaches it runs programs as you)")
	logFile := fl.String("log", "", "with --debug, write the debugger's log to this file")
	world := addWorldFlags(fl)
	operands, code, ok := parseFlags(fl, args, false)
	if !ok {
		return code
	}
	if len(operands) == 0 && world.replay == "" {
		fmt.Fprintln(os.Stderr, "usage: foment-ls run [flags] FILE [ARGS...]")
		return 2
	}
	file, fargs, finish, err := world.prepare(operands, &opts, lib, *maxSize)
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls run:", err)
		return 2
	}
	setup := func(in *interp.Interp) {
		in.Library = *lib
		in.Limits = srcfile.Limits{MaxSize: *maxSize}
	}
	if *debugAddr != "" {
		return runDebug(*debugAddr, *allowRemote, *logFile, file, fargs, opts, setup, finish)
	}
	return runProgram(file, fargs, opts, setup, finish)
}

// versionCmd prints the version, and what the Go toolchain recorded of the build.
func versionCmd(args []string) int {
	fl := newFlags("version", "", "Prints the version, the source revision and time, and the Go version it was built with.")
	if _, code, ok := parseFlags(fl, args, false); !ok {
		return code
	}
	v, details := buildVersion()
	fmt.Println("foment-ls", v)
	for _, d := range details {
		fmt.Println(" ", d)
	}
	return 0
}

// buildVersion returns the version and, from debug.ReadBuildInfo, the module, VCS revision
// and time, and Go version.
func buildVersion() (string, []string) {
	v := version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v, nil
	}
	var details []string
	if mv := info.Main.Version; mv != "" && mv != "(devel)" {
		v = mv
	}
	details = append(details, "module   "+info.Main.Path)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += " (with uncommitted changes)"
		}
		details = append(details, "revision "+rev)
	} else {
		details = append(details, "revision unknown (built outside a git clone, or with -buildvcs=false)")
	}
	if t := settings["vcs.time"]; t != "" {
		details = append(details, "time     "+t)
	}
	details = append(details, "go       "+info.GoVersion+" "+runtime.GOOS+"/"+runtime.GOARCH)
	return v, details
}

// runProgram runs FILE with the embedded interpreter: exit status 0, or 1 after an error.
func runProgram(file string, args []string, opts interp.Options, setup func(*interp.Interp), finish func(error) int) int {
	setRunLimits()
	defer cpuProfile()()
	setMemoryLimit(&opts)
	opts.Args = append([]string{file}, args...)
	in := interp.New(opts)
	setup(in)
	err := in.RunFile(file)
	in.Stdout.Flush()
	return finish(err)
}

// cpuProfile writes a CPU profile to the file FOMENT_LS_CPUPROFILE names, if it does, until
// the function it returns is called (for run and lsp).
func cpuProfile() (stop func()) {
	f := os.Getenv("FOMENT_LS_CPUPROFILE")
	if f == "" {
		return func() {}
	}
	out, err := os.Create(f)
	if err != nil || pprof.StartCPUProfile(out) != nil {
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); out.Close() }
}

// setRunLimits sets the runtime up for running a program.
func setRunLimits() {
	// Deep recursion lives on the Go stack; the interpreter raises "stack overflow" well before
	// this limit.
	debug.SetMaxStack(4 << 30)
	if os.Getenv("GOGC") == "" {
		// Programs that move data allocate a bytevector per receive: a larger heap between
		// collections roughly halves the collector's share (bench/echo.sh).
		debug.SetGCPercent(400)
	}
}

// setMemoryLimit applies the heap limit (the default unless one was given): the collector
// works harder as the heap nears it, so that garbage does not take it over; the interpreter
// raises "out of memory" when live data would (interp/memory.go).
func setMemoryLimit(opts *interp.Options) {
	asked := opts.MemoryLimit != 0
	if !asked {
		opts.MemoryLimit = interp.DefaultMemoryLimit()
	}
	limit, fitted := interp.FitMemoryLimit(opts.MemoryLimit)
	if fitted && asked {
		fmt.Fprintf(os.Stderr, "foment-ls: the address space limit (ulimit -v) leaves room for a heap of %d MiB, not %d MiB: the heap limit is %d MiB\n",
			limit>>20, opts.MemoryLimit>>20, limit>>20)
	}
	opts.MemoryLimit = limit
	debug.SetMemoryLimit(opts.MemoryLimit)
}

// exitStatus is the exit status of a program that ended with err, reported on standard error.
func exitStatus(err error) int {
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
