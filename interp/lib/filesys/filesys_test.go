package filesys_test

import (
	"os"
	"testing"

	_ "foment-ls/interp/lib/all"
	"foment-ls/interp/schemetest"
)

// The programs work in the directory that TEST_TMPDIR names, made for this test (and removed
// after it); they leave the current directory where it was.
func TestScheme(t *testing.T) {
	t.Setenv("TEST_TMPDIR", t.TempDir())
	wd, _ := os.Getwd()
	schemetest.Run(t, "testdata")
	if now, _ := os.Getwd(); now != wd {
		t.Errorf("a program left the current directory in %s", now)
	}
}
