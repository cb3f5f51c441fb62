package interp_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"foment-ls/interp"
	"foment-ls/interp/schemetest"
)

// BenchmarkPrograms runs the self-contained bench/*.scm programs (the echo pair needs a port
// and a peer: bench/echo.sh runs it): go test ./interp -run XXX -bench Programs
func BenchmarkPrograms(b *testing.B) {
	for _, name := range []string{"fib", "loop", "fibfp", "flsum", "hashtable", "lists", "show", "strings", "string-index", "bytevector-port"} {
		f := filepath.Join("..", "bench", name+".scm")
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(f), ".scm"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				in := interp.New(interp.Options{Args: []string{f}, Stdout: io.Discard, Stdin: strings.NewReader("")})
				if err := in.RunSource(f, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestClassicPrograms runs bench/classic/*.scm, one repetition each (their #|args block),
// and checks every answer (their #|output block); bench/run.sh times them.
func TestClassicPrograms(t *testing.T) { schemetest.Run(t, filepath.Join("..", "bench", "classic")) }

// BenchmarkClassic runs each classic program once per iteration, one repetition of its
// workload: go test ./interp -run XXX -bench Classic
func BenchmarkClassic(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "bench", "classic", "*.scm"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(f), ".scm"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				in := interp.New(interp.Options{Args: []string{f, "1"}, Stdout: io.Discard, Stdin: strings.NewReader("")})
				if err := in.RunSource(f, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
