package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// A check of large files sets a memory limit from the largest files analysed at once; one of
// small files, or with GOMEMLIMIT set, leaves the limit alone.
func TestLimitHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	dir := t.TempDir()
	file := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	small, big, bigger := file("a.scm", 1000), file("b.scm", 3<<20), file("c.scm", 5<<20)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	debug.SetMemoryLimit(math.MaxInt64)
	limitHeap([]string{small, small}, 2)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("small files: limit %d", got)
	}
	limitHeap([]string{small, big, bigger}, 2)
	if got, want := debug.SetMemoryLimit(-1), int64(32<<20+heapPerByte*(8<<20)); got != want {
		t.Errorf("two workers: limit %d, want %d (the two largest files)", got, want)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	limitHeap([]string{bigger}, 1)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: limit %d", got)
	}
}
