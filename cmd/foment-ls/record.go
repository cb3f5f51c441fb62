package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"foment-ls/interp"
	"foment-ls/interp/record"
	"foment-ls/libpath"
	"foment-ls/srcfile"
)

// worldFlags are run's --record, --replay and --pcap: the world a program runs in.
type worldFlags struct{ record, replay, pcap string }

func addWorldFlags(fl *flag.FlagSet) *worldFlags {
	w := &worldFlags{}
	fl.StringVar(&w.record, "record", "", "record every input of the run (time, environment, standard input, each socket call's outcome, the threads' order) into `FILE`, for --replay")
	fl.StringVar(&w.replay, "replay", "", "run the program recorded in `FILE` again, with no network: its inputs come from the recording (FILE and ARGS come from it too)")
	fl.StringVar(&w.pcap, "pcap", "", "write the program's TCP and UDP traffic to `FILE` (pcap, for Wireshark and tshark)")
	return w
}

// exitDiverged is run's exit status when a replay parts from its recording.
const exitDiverged = 3

// prepare sets the world up for a run of file with args: opts.World, and lib from a recording.
// It returns the program and its arguments (from the recording, for a replay) and a function
// that ends the run given its error, returning the exit status.
func (w *worldFlags) prepare(operands []string, opts *interp.Options, lib *libpath.Options, maxSize int64) (file string, args []string, finish func(error) int, err error) {
	if w.record != "" && w.replay != "" {
		return "", nil, nil, errors.New("--record and --replay: one or the other")
	}
	finish = exitStatus
	if len(operands) > 0 {
		file, args = operands[0], operands[1:]
	}
	var closers []func()
	switch {
	case w.replay != "":
		rec, err := record.Open(w.replay)
		if err != nil {
			return "", nil, nil, err
		}
		h := rec.Header
		if h.Dir != "" {
			os.Chdir(h.Dir) // the program names its files as it did then
		}
		if len(h.Args) > 0 {
			file, args = h.Args[0], h.Args[1:]
		}
		if len(operands) > 0 && operands[0] != file {
			fmt.Fprintf(os.Stderr, "foment-ls run: replaying %s (the recorded program), not %s\n", file, operands[0])
		}
		*lib = h.Library
		if src, err := srcfile.Read(file, srcfile.Limits{MaxSize: maxSize}); err == nil && digest(src) != h.SHA256 {
			fmt.Fprintf(os.Stderr, "foment-ls run: %s has changed since it was recorded: the replay stops where it first behaves differently\n", file)
		}
		rp := record.NewReplayer(rec)
		opts.World = rp
		finish = func(err error) int {
			if d := rp.Err(); d != nil {
				fmt.Fprintln(os.Stderr, "foment-ls:", d)
				return exitDiverged
			}
			return exitStatus(err)
		}
	case w.record != "":
		if file == "" {
			return "", nil, nil, errors.New("--record: no program to run")
		}
		src, err := srcfile.Read(file, srcfile.Limits{MaxSize: maxSize})
		if err != nil {
			return "", nil, nil, fmt.Errorf("unable to open program: %w", err)
		}
		dir, _ := os.Getwd()
		v, _ := buildVersion()
		h := record.Header{Program: file, SHA256: digest(src), Args: append([]string{file}, args...),
			Dir: dir, Library: *lib, Tool: "foment-ls " + v}
		if !filepath.IsAbs(file) && dir != "" {
			h.Program = filepath.Join(dir, file)
		}
		rec, err := record.Create(w.record, h, interp.Live)
		if err != nil {
			return "", nil, nil, err
		}
		opts.World = rec
		// Stopped by a signal, the recording keeps what the run did (it is flushed as it
		// goes); its replay ends where it ends.
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
		go func() {
			if s, ok := <-sigs; ok {
				rec.Flush()
				fmt.Fprintf(os.Stderr, "foment-ls: %v: the recording in %s ends here\n", s, w.record)
				os.Exit(128 + int(s.(syscall.Signal)))
			}
		}()
		finish = func(err error) int {
			signal.Stop(sigs)
			code := exitStatus(err)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			var term *interp.Terminate
			if cerr := rec.Close(code, msg, errors.As(err, &term)); cerr != nil {
				fmt.Fprintln(os.Stderr, "foment-ls: the recording:", cerr)
			}
			return code
		}
	}
	if w.pcap != "" {
		if opts.World == nil {
			opts.World = interp.Live
		}
		cp, err := record.CreateCapture(w.pcap, opts.World)
		if err != nil {
			return "", nil, nil, err
		}
		opts.World = cp
		closers = append(closers, func() {
			if err := cp.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "foment-ls: the capture:", err)
			}
		})
	}
	end := finish
	finish = func(err error) int {
		for _, c := range closers {
			c()
		}
		return end(err)
	}
	return file, args, finish, nil
}

func digest(src []byte) string { return record.Digest(src) }
