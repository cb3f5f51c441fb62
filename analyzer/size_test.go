package analyzer

import (
	"testing"
	"unsafe"
)

// A large file has a Def for every binding and a Ref for every identifier: their sizes are
// size classes of the allocator (112 and 48 bytes), which a new field would cross.
func TestDefRefSizes(t *testing.T) {
	if n := unsafe.Sizeof(Def{}); n > 112 {
		t.Errorf("a Def is %d bytes, want at most 112", n)
	}
	if n := unsafe.Sizeof(Ref{}); n > 48 {
		t.Errorf("a Ref is %d bytes, want at most 48", n)
	}
}
