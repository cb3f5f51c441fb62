package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

var corpusTree = flag.String("tree", "/tmp/corpus/chibi-scheme/lib", "the tree of library files BenchmarkCheckTree checks (with -I on itself)")

// BenchmarkCheckTree runs `check -I TREE TREE` on a tree of library files (chibi-scheme's lib:
// 539 files, 86,000 lines; see bench/corpus) and reports the wall time, the CPU time and the
// peak heap:
//
//	go test ./cmd/foment-ls -run XXX -bench CheckTree -benchtime 3x [-tree DIR]
func BenchmarkCheckTree(b *testing.B) {
	if _, err := os.Stat(*corpusTree); err != nil {
		b.Skip("no tree at", *corpusTree)
	}
	tree, _ := filepath.Abs(*corpusTree)
	var wall, cpu time.Duration
	for i := 0; i < b.N; i++ {
		runtime.GC()
		c0, t0 := cpuTime(), time.Now()
		checkCmd([]string{"-I", tree, tree}, io.Discard, io.Discard)
		wall += time.Since(t0)
		cpu += cpuTime() - c0
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "wall-ms")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
	b.ReportMetric(float64(m.Sys)/(1<<20), "sys-MB")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
