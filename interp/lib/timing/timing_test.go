package timing_test

import (
	"testing"

	_ "foment-ls/interp/lib/all"
	"foment-ls/interp/schemetest"
)

func TestScheme(t *testing.T) { schemetest.Run(t, "testdata") }
