package main

import (
	"os"
	"runtime/debug"
	"slices"
)

// heapPerByte is about what reading and analysing a file holds at its peak per byte of source
// (bench/gen: BenchmarkReadAnalyze), with room for what the analysis drops as it goes.
const heapPerByte = 36

// limitHeap sets a soft memory limit for a check of files analysed by workers at once: the
// analyses of the largest of them, at heapPerByte, and 64 MiB besides. GOGC=400 (check's own)
// lets a large heap grow to five times what it holds between collections: 50 MB of source
// took 2.3 GB. Under the limit the collector runs as the heap nears it, at some more CPU. The
// limit is soft: an analysis that needs more gets it. GOMEMLIMIT in the environment wins.
func limitHeap(files []string, workers int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var sizes []int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			sizes = append(sizes, st.Size())
		}
	}
	slices.Sort(sizes)
	var n int64
	for i := len(sizes) - 1; i >= 0 && i >= len(sizes)-max(workers, 1); i-- {
		n += sizes[i]
	}
	debug.SetMemoryLimit(64<<20 + heapPerByte*n)
}
