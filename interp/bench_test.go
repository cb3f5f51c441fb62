package interp_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"foment-ls/interp"
)

// BenchmarkPrograms runs every bench/*.scm program: go test ./interp -run XXX -bench Programs
func BenchmarkPrograms(b *testing.B) {
	files, _ := filepath.Glob("../bench/*.scm")
	for _, f := range files {
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
