//go:build race

package main

// raceEnabled: the race detector maps its shadow memory, which an address space limit
// (ulimit -v) refuses.
const raceEnabled = true
