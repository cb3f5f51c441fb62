package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"

	"foment-ls/dap"
)

// dapCmd runs the debug adapter: over standard input and output, or for one client that
// connects to --listen.
func dapCmd(args []string) int {
	fl := flag.NewFlagSet("dap", flag.ContinueOnError)
	listen := fl.String("listen", "", "serve one client on this address (127.0.0.1:PORT, or unix:PATH) instead of standard input and output")
	allowRemote := fl.Bool("allow-remote", false, "let --listen take an address beyond loopback (anyone who reaches it runs programs as you)")
	logFile := fl.String("log", "", "write a log to this file")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	log, closeLog, err := openLog(*logFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
		return 2
	}
	defer closeLog()
	debug.SetMaxStack(4 << 30) // as for run: deep recursion lives on the Go stack
	debug.SetGCPercent(400)
	if *listen == "" {
		if err := dap.Serve(os.Stdin, os.Stdout, log); err != nil {
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
	if err := dap.Serve(c, c, log); err != nil {
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
