package interp_test

import (
	"testing"

	"foment-ls/interp"
	_ "foment-ls/interp/lib/all" // every library's builtins are part of the catalogue
	"foment-ls/interp/schemetest"
)

// The Scheme tests: programs in testdata/*.scm with their expected output (see schemetest).
// go test ./interp -run TestScheme -update rewrites expected outputs.
// TEST_TMPDIR names a directory the programs may write in (removed after the test).
func TestScheme(t *testing.T) {
	t.Setenv("TEST_TMPDIR", t.TempDir())
	schemetest.Run(t, "testdata")
}

func TestCatalogImplemented(t *testing.T) {
	if missing := interp.MissingImplementations(); len(missing) > 0 {
		t.Errorf("catalogued procedures without an implementation: %v", missing)
	}
}
