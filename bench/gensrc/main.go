// Command gensrc writes generated Scheme sources (package foment-ls/bench/gen) for the
// benchmarks of bench/reader.sh, so that no large file lives in the repository.
//
//	go run ./bench/gensrc -kind code -size 5000000 > big.scm
//
// Kinds:
//
//	code      ordinary definitions, comments, strings, characters, vectors, quasiquote (-size bytes)
//	numbers   one quoted list of numbers (-size bytes)
//	nested    -n nested lists: "(((…)))", or vectors or quasiquotes with -open "#(" or "`("
//	comments  -n chained datum comments: "#; #; … a a …"
//	load      a program of -n lines of small definitions and checks of booleans, characters,
//	          bytevector literals, strings and lists; it prints the counts of checks
//	tests     a test program of -n lines: a syntax-rules check macro used on every line
//	sockets   the language server benchmarks' socket program of -n lines (bench/lsp.sh)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"foment-ls/bench/gen"
)

func main() {
	kind := flag.String("kind", "code", "code, numbers, nested, comments, load, tests or sockets")
	size := flag.Int("size", 5_000_000, "approximate size in bytes (code, numbers)")
	n := flag.Int("n", 10_002, "nesting depth (nested), comments (comments) or lines (load, tests, sockets)")
	open := flag.String("open", "(", "the opening of a nested datum: ( or #( or `(")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	switch *kind {
	case "code":
		gen.Code(w, *size)
	case "numbers":
		gen.Numbers(w, *size)
	case "nested":
		gen.Nested(w, *n, *open)
	case "comments":
		gen.DatumComments(w, *n)
	case "load":
		gen.Load(w, *n)
	case "tests":
		gen.Tests(w, *n)
	case "sockets":
		gen.Sockets(w, *n)
	default:
		fmt.Fprintln(os.Stderr, "gensrc: unknown kind", *kind)
		os.Exit(2)
	}
}
