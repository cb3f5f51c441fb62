package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"foment-ls/dap"
	"foment-ls/interp"
	"foment-ls/srcfile"
)

// dapCmd runs the debug adapter: over standard input and output, or for one client that
// connects to --listen.
func dapCmd(args []string) int {
	fl := newFlags("dap", "[--listen 127.0.0.1:PORT|unix:PATH] [--allow-remote] [--log FILE [--trace off|messages|verbose]]",
		"The debug adapter (Debug Adapter Protocol) over standard input and output, or for one\nclient that connects to the --listen address.")
	listen := fl.String("listen", "", "serve one client on this address (127.0.0.1:PORT, or unix:PATH) instead of standard input and output")
	allowRemote := fl.Bool("allow-remote", false, "let --listen take an address beyond loopback (anyone who reaches it runs programs as you)")
	logs := addLogFlags(fl)
	if _, code, ok := parseFlags(fl, args, true); !ok {
		return code
	}
	log, level, closeLog, err := logs.open("dap")
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
		return 2
	}
	defer closeLog()
	debug.SetMaxStack(4 << 30) // as for run: deep recursion lives on the Go stack
	debug.SetGCPercent(400)
	tr := newTracer(log, level)
	if *listen == "" {
		waitingNotice("debug adapter (DAP)")
		if err := dap.Serve(tr.reader(os.Stdin), tr.writer(os.Stdout), log); err != nil {
			fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
			return 1
		}
		return 0
	}
	l, err := listenFor("dap", *listen, *allowRemote, log)
	if err != nil {
		return 2
	}
	defer l.Close()
	// Editors start the adapter and read the address it listens on.
	fmt.Printf("DAP server listening at: %s\n", l.Addr())
	c, err := l.Accept()
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
		return 1
	}
	defer c.Close()
	if err := dap.Serve(tr.reader(c), tr.writer(c), log); err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
		return 1
	}
	return 0
}

// listenFor listens for debug clients on addr as dap.Listen does, saying why not on standard
// error, and warning there when the address reaches beyond loopback.
func listenFor(cmd, addr string, allowRemote bool, log *slog.Logger) (*dap.Listener, error) {
	l, err := dap.Listen(addr, allowRemote, log)
	if err != nil {
		fmt.Fprintf(os.Stderr, "foment-ls %s: %v\n", cmd, err)
		return nil, err
	}
	if l.Remote() {
		fmt.Fprintf(os.Stderr, "foment-ls %s: warning: %s on %s\n", cmd, dap.RemoteWarning, l.Addr())
	}
	return l, nil
}

// runDebug is `foment-ls run --debug ADDRESS FILE ARGS…`: it runs the program as run does, with
// the debugger's hook attached, and serves debug clients on ADDRESS one at a time (under
// dap --listen's rules): a client attaches, stops and inspects the program, and detaches,
// leaving it running.
func runDebug(addr string, allowRemote bool, logFile, file string, args []string, opts interp.Options, setup func(*interp.Interp), finish func(error) int) int {
	log, closeLog, err := openLog(logFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls run:", err)
		return 2
	}
	defer closeLog()
	setRunLimits()
	setMemoryLimit(&opts)
	l, err := listenFor("run", addr, allowRemote, log)
	if err != nil {
		return 2
	}
	defer l.Close()
	opts.Args = append([]string{file}, args...)
	in := interp.New(opts)
	setup(in)
	src, err := srcfile.Read(file, in.Limits)
	if err != nil {
		fmt.Fprintf(os.Stderr, "unable to open program: %s: %v\n", file, err)
		return 1
	}
	d, err := dap.NewDebuggee(in, file, src)
	if err != nil {
		interp.ReportError(os.Stderr, err)
		return 1
	}
	// Tools (and people) read where to connect on standard error; standard output is the
	// program's.
	fmt.Fprintf(os.Stderr, "foment-ls: debugger listening at %s\n", l.Addr())
	served := make(chan struct{})
	go func() {
		defer close(served)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			dap.ServeAttach(c, c, d, log)
			c.Close()
		}
	}()
	err = d.Run()
	in.Stdout.Flush()
	// A client attached when the program ended has been told; it answers with a disconnect
	// (the answer to a terminating disconnect comes once the program has ended).
	l.Close()
	select {
	case <-served:
	case <-time.After(5 * time.Second):
	}
	return finish(err)
}

// bridgeCmd is `foment-ls stdio-bridge ADDRESS TOKEN`, which the debug adapter asks an editor
// to run in a terminal (runInTerminal): the program's standard input and output are that
// terminal.
func bridgeCmd(args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: foment-ls stdio-bridge ADDRESS TOKEN (run by the debug adapter)")
		return 2
	}
	if err := dap.Bridge(args[0], args[1], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls stdio-bridge:", err)
		return 1
	}
	return 0
}
