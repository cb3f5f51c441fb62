package interp_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"foment-ls/interp"
)

// FuzzCompile compiles any text as a program: whatever the text, compiling it ends in a
// program or in an error with a message (a *SyntaxError, an *Uncaught from a library body),
// never a Go panic. The seeds are the programs of testdata; `go test -fuzz FuzzCompile` mutates.
func FuzzCompile(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.scm")
	sep := regexp.MustCompile(`(?m)^;;;; -+.*$`)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range sep.Split(string(data), -1) {
			f.Add(p)
		}
	}
	dir, _ := filepath.Abs("testdata")
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "(exit") || strings.Contains(src, "include") || strings.Contains(src, "load") {
			return // a library body that exits, or files the text names: not this test's subject
		}
		in := interp.New(interp.Options{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard})
		in.LibPath = []string{dir}
		done := make(chan error, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("compiling panicked: %v\n%s", r, src)
					done <- nil
				}
			}()
			_, err := in.CompileProgram(filepath.Join(dir, "fuzz.scm"), []byte(src))
			done <- err
		}()
		select {
		case err := <-done:
			var se *interp.SyntaxError
			var u *interp.Uncaught
			if err != nil && !errors.As(err, &se) && !errors.As(err, &u) {
				t.Logf("error %T: %v", err, err)
			}
		case <-time.After(5 * time.Second):
			in.Cancel("fuzz")
			<-done
		}
	})
}
