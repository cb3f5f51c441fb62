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

// The pace the process had is the one put back: GOGC=200 from the environment stays 200, and
// GOGC=off is never tightened to 400.
func TestGCBurstKeepsThePace(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	gogc := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	end := GCBurst()
	if g := gogc(); g != 400 {
		t.Fatalf("during the burst: GOGC %d", g)
	}
	end()
	if g := gogc(); g != 200 {
		t.Fatalf("after the burst: GOGC %d, want the 200 it had", g)
	}
	debug.SetGCPercent(-1)
	end = GCBurst()
	if g := gogc(); g != -1 {
		t.Fatalf("GOGC=off became %d during the burst", g)
	}
	end()
	if g := gogc(); g != -1 {
		t.Fatalf("GOGC=off became %d after the burst", g)
	}
}
