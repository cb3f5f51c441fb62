package main

import (
	"fmt"
	"net"
	"os"
	"runtime/debug"

	"foment-ls/dap"
)

// dapCmd runs the debug adapter: over standard input and output, or for one client that
// connects to --listen.
func dapCmd(args []string) int {
	fl := newFlags("dap", "[--listen 127.0.0.1:PORT] [--log FILE [--trace off|messages|verbose]]",
		"The debug adapter (Debug Adapter Protocol) over standard input and output, or for one\nclient that connects to the --listen address.")
	listen := fl.String("listen", "", "serve one client on this address (127.0.0.1:PORT) instead of standard input and output")
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
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "foment-ls dap:", err)
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
