package gen

import (
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"foment-ls/analyzer"
	"foment-ls/syntax"
)

// TestHeapProfile writes a heap profile of what reading and analysing a 5 MB file keeps, to
// the file FOMENT_LS_HEAPPROFILE names (skipped without it):
//
//	FOMENT_LS_HEAPPROFILE=/tmp/heap.prof go test ./bench/gen -run HeapProfile
//	go tool pprof -sample_index=inuse_space -top /tmp/heap.prof
func TestHeapProfile(t *testing.T) {
	name := os.Getenv("FOMENT_LS_HEAPPROFILE")
	if name == "" {
		t.Skip("set FOMENT_LS_HEAPPROFILE to a file")
	}
	runtime.MemProfileRate = 4096
	src := Source(func(w io.Writer) { Code(w, 5_000_000) })
	f := syntax.Parse("x.scm", src)
	res := analyzer.Analyze(f, analyzer.Options{})
	runtime.GC()
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	pprof.Lookup("heap").WriteTo(out, 0)
	out.Close()
	runtime.KeepAlive(res)
	runtime.KeepAlive(f)
}
