package interp_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"foment-ls/bench/gen"
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

// BenchmarkLoad runs generated programs of many small definitions and checks (bench/gen):
// reading, compiling (macro expansion included) and running them.
// go test ./interp -run XXX -bench Load
func BenchmarkLoad(b *testing.B) {
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"load-5000", gen.Source(func(w io.Writer) { gen.Load(w, 5000) })},
		{"tests-2000", gen.Source(func(w io.Writer) { gen.Tests(w, 2000) })},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.src)))
			for i := 0; i < b.N; i++ {
				var out strings.Builder
				in := interp.New(interp.Options{Args: []string{tc.name}, Stdout: &out, Stdin: strings.NewReader("")})
				if err := in.RunSource(tc.name+".scm", tc.src); err != nil {
					b.Fatal(err)
				}
				if !strings.HasSuffix(out.String(), " passed, 0 failed\n") {
					b.Fatalf("output %q", out.String())
				}
			}
		})
	}
}
