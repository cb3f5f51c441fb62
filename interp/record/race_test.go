//go:build race

package record

// raceEnabled: the race detector slows the interpreter tenfold; the long tests sample.
const raceEnabled = true
