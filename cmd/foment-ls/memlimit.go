package main

import (
	"os"
	"runtime/debug"
	"slices"
)

// heapPerByte bounds the heap of reading and analysing a file per byte of source: what the
// result holds (bench/gen: BenchmarkReadAnalyze: 19) and room for what the analysis drops as it
// goes. A check of a 50 MB file peaks at 1.87 GB with no limit; at 32 it stayed at 1.52 GB for
// 40-55% more CPU, at 40 for 20-30% more; at 48 its CPU is that of no limit (within the noise):
// the limit is a bound, not a squeeze.
const heapPerByte = 48

// limitFrom is the size of the largest files below which check sets no limit: the heap of a
// check of small files is mostly what does not grow with them (the catalogue, the libraries
// read), which a limit would only make the collector chase.
const limitFrom = 1 << 20

// limitHeap sets a soft memory limit for a check of files analysed by workers at once: the
// analyses of the largest of them, at heapPerByte, and 32 MiB besides. GOGC=400 (check's own)
// lets a large heap grow to five times what it holds between collections: 50 MB of source
// took 2.4 GB. Under the limit the collector runs as the heap nears it, at some more CPU. The
// limit is soft: an analysis that needs more gets it (the collector then takes at most half
// the CPU). GOMEMLIMIT in the environment wins.
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
	if n >= limitFrom {
		debug.SetMemoryLimit(32<<20 + heapPerByte*n)
	}
}
