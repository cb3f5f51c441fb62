package main

import (
	"flag"
	"fmt"
	"os"

	"foment-ls/interp"
	"foment-ls/srcfile"
)

// runCmd is `foment-ls run [-I DIR] [-A DIR] [-X EXT] FILE [ARGS...]`: the options stop at the
// program's name, as foment's do, so the program's own arguments pass untouched.
func runCmd(args []string) int {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	lib := libraryFlags(fl)
	maxSize := fl.Int64("max-file-size", srcfile.DefaultMaxSize, "the largest source file read (program, include, library), in `bytes`")
	fl.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: foment-ls run [-I DIR] [-A DIR] [-X EXT] FILE [ARGS...]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	return runProgram(fl.Arg(0), fl.Args()[1:], func(in *interp.Interp) {
		in.Library = *lib
		in.Limits = srcfile.Limits{MaxSize: *maxSize}
	})
}
