package lsp

import (
	"runtime/debug"
	"testing"
)

// Analyses of whole files running at once: the collector's pace is back to GOGC 100 when the
// last one ends, not the first.
func TestGCBurst(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gogc := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	end1 := GCBurst()
	end2 := GCBurst()
	if g := gogc(); g != 400 {
		t.Fatalf("during two bursts: GOGC %d", g)
	}
	end1()
	if g := gogc(); g != 400 {
		t.Fatalf("one burst ended, one running: GOGC %d", g)
	}
	end2()
	if g := gogc(); g != 100 {
		t.Fatalf("after the bursts: GOGC %d", g)
	}
}
