// Command fmtstat measures what formatting does to Scheme files nobody here wrote: the share of
// their lines that formatting changes, and whether it is stable (formatting twice changes
// nothing more) and changes nothing but the whitespace at the start of lines.
//
//	go run ./bench/fmtstat [-v] [-tab N] [-tabs] FILES|DIRS...
//
// -tab 0 formats each file as an editor that detects its indentation would: with tabs 8 wide
// when most of its indented lines begin with a tab, else with spaces and a step of 2.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"foment-ls/format"
)

func main() {
	verbose := flag.Bool("v", false, "print each file's figures")
	tab := flag.Int("tab", 2, "the tab size (an indentation step); 0: as an editor detects it, 8 with tabs for a file indented mostly with tabs, else 2")
	tabs := flag.Bool("tabs", false, "indent with tabs")
	flag.Parse()
	opt := format.Options{TabSize: *tab, UseTabs: *tabs}
	var files []string
	for _, arg := range flag.Args() {
		filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				switch filepath.Ext(p) {
				case ".scm", ".sld", ".sls", ".ss", ".sps":
					files = append(files, p)
				}
			}
			return nil
		})
	}
	total, changed, unstable, other := 0, 0, 0, 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		opt := opt
		if *tab == 0 {
			opt = format.Options{TabSize: 2}
			if bytes.Count(src, []byte("\n\t")) > bytes.Count(src, []byte("\n ")) {
				opt = format.Options{TabSize: 8, UseTabs: true}
			}
		}
		out := format.Source(src, opt)
		a, b := lines(src), lines(out)
		n := 0
		for i := range a {
			if i < len(b) && a[i] != b[i] {
				n++
			}
		}
		if len(a) != len(b) || !sameButIndent(a, b) {
			other++
			fmt.Printf("%s: changes more than the indentation\n", p)
		}
		if again := format.Source(out, opt); !bytes.Equal(again, out) {
			unstable++
			fmt.Printf("%s: formatting twice changes it again\n", p)
		}
		total += len(a)
		changed += n
		if *verbose {
			fmt.Printf("%6d/%6d %5.1f%% %s\n", n, len(a), pct(n, len(a)), p)
		}
	}
	fmt.Printf("%d files, %d lines, %d changed (%.1f%%); %d unstable, %d changed beyond indentation\n",
		len(files), total, changed, pct(changed, total), unstable, other)
}

func lines(b []byte) []string { return strings.Split(string(b), "\n") }

func sameButIndent(a, b []string) bool {
	for i := range a {
		if strings.TrimLeft(a[i], " \t") != strings.TrimLeft(b[i], " \t") {
			return false
		}
	}
	return true
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}
