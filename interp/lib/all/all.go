// Package all links every library package of the interpreter: the command, and the tests
// that run programs, import it so that a program can import any library Foment ships. Each
// library lives in a package of its own under interp/ (interp/socket, interp/lib/...) that
// registers its procedures through interp's extension API (interp/extend.go) and, for parts
// written in Scheme, embeds their source (interp.DefineScheme).
package all

import (
	// (srfi 60), (srfi 151)
	_ "foment-ls/interp/lib/bitwise"
	// (scheme box), (srfi 111)
	_ "foment-ls/interp/lib/box"
	// bytestring
	_ "foment-ls/interp/lib/bytestring"
	// (scheme charset), (srfi 14)
	_ "foment-ls/interp/lib/charset"
	// (scheme comparator), (srfi 128)
	_ "foment-ls/interp/lib/comparator"
	// files and directories
	_ "foment-ls/interp/lib/filesys"
	// collect, guardians, (scheme ephemeron)
	_ "foment-ls/interp/lib/gc"
	// (scheme hash-table), (srfi 125), (srfi 69)
	_ "foment-ls/interp/lib/hashtable"
	// (scheme list), (srfi 1)
	_ "foment-ls/interp/lib/list"
	// (srfi 39)
	_ "foment-ls/interp/lib/parameter"
	// subprocesses, system
	_ "foment-ls/interp/lib/process"
	// procedure properties, (srfi 229)
	_ "foment-ls/interp/lib/procprop"
	// (scheme r5rs), (scheme null)
	_ "foment-ls/interp/lib/r5rs"
	// (srfi 27)
	_ "foment-ls/interp/lib/random"
	// srfi166
	_ "foment-ls/interp/lib/srfi166"
	// (srfi 18)
	_ "foment-ls/interp/lib/srfi18"
	// (srfi 112), (srfi 176), (srfi 193), config
	_ "foment-ls/interp/lib/system"
	// time, time-apply, process-times
	_ "foment-ls/interp/lib/timing"
	// (scheme vector), (srfi 133)
	_ "foment-ls/interp/lib/vector"
	// sockets: (foment base) and (srfi 106)
	_ "foment-ls/interp/socket"
)
