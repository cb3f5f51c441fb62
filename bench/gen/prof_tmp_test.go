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

func TestTmpProf(t *testing.T) {
	if os.Getenv("TMPPROF") == "" {
		t.Skip()
	}
	runtime.MemProfileRate = 4096
	src := Source(func(w io.Writer) { Code(w, 5_000_000) })
	f := syntax.Parse("x.scm", src)
	res := analyzer.Analyze(f, analyzer.Options{})
	runtime.GC()
	out, _ := os.Create(os.Getenv("TMPPROF"))
	pprof.Lookup("heap").WriteTo(out, 0)
	out.Close()
	runtime.KeepAlive(res)
	runtime.KeepAlive(f)
}
