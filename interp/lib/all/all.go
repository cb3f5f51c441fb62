// Package all links every library package of the interpreter: the command, and the tests
// that run programs, import it so that a program can import any library Foment ships. Each
// library lives in a package of its own under interp/ (interp/socket, interp/lib/...) that
// registers its procedures through interp's extension API (interp/extend.go).
package all

import (
	_ "foment-ls/interp/socket" // sockets: (foment base) and (srfi 106)
)
