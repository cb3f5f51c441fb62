// Package format indents Scheme source. It changes nothing but the whitespace at the start of
// lines, so comments, strings, data and every token are kept; formatting formatted text changes
// nothing.
//
// The style is the usual one — the body of a defining or binding form one step in, the
// arguments of a call under its first argument, the elements of a list under its first element
// — but the author's layout is respected where it is sound: a line keeps its indentation when
// that is one of the places a reader expects (one or two steps in from the form or from the line
// it opens on, under the first argument, under the line before it in the same list) and the
// line that opened its list kept its own. Only the lines out of place, and the lines inside
// forms that moved, are reindented. Data (quoted lists, vectors) keep their hand-made columns.
package format

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Options are an editor's formatting options.
type Options struct {
	// TabSize is the width of an indentation step and of a tab; 2 when 0.
	TabSize int
	// UseTabs indents with tabs (one per TabSize columns, spaces for the rest) rather than
	// spaces: an editor's insertSpaces: false.
	UseTabs bool
}

func (o Options) step() int {
	if o.TabSize <= 0 {
		return 2
	}
	return o.TabSize
}

// Edit replaces the text between two byte offsets.
type Edit struct {
	Start, End int
	Text       string
}

// bodyForms are indented like a body (one step) rather than aligned like a call.
var bodyForms = map[string]bool{
	"define": true, "define-values": true, "define-record-type": true, "define-syntax": true,
	"define-library": true, "lambda": true, "let": true, "let*": true, "letrec": true, "letrec*": true,
	"let-values": true, "let*-values": true, "do": true, "when": true, "unless": true, "case": true,
	"case-lambda": true, "guard": true, "parameterize": true, "syntax-rules": true, "let-syntax": true,
	"letrec-syntax": true, "begin": true, "with-exclusive": true, "call-with-port": true,
	"call-with-input-file": true, "call-with-output-file": true, "call-with-socket": true,
	"with-exception-handler": true, "dynamic-wind": true, "run-thread": true, "receive": true,
	"match": true, "er-macro-transformer": true, "ir-macro-transformer": true, "delay": true,
	"delay-force": true, "make-parameter": false, "fluid-let": true, "assume": false, "cond-expand": false,
}

// isBodyForm: the forms above, and by their names those that define, bind or take a body.
func isBodyForm(head string) bool {
	if b, ok := bodyForms[head]; ok {
		return b
	}
	return strings.HasPrefix(head, "define-") || strings.HasPrefix(head, "let-") ||
		strings.HasPrefix(head, "with-") || strings.HasPrefix(head, "call-with-") ||
		strings.HasSuffix(head, "-lambda")
}

// list is an open list (or vector) in the layout being made.
type list struct {
	col    int // column of the opening parenthesis
	line   int // the line it opens on
	indent int // that line's indentation
	// delta is how far that line moved: the lines inside move with it, keeping the author's
	// layout where it is sound.
	delta    int
	data     bool // quoted, or a vector: its elements are data
	skipped  bool // commented out with #;
	head     string
	headLine int
	elems    int
	first    int // column of the first element, -1 before it
	firstArg int // column of the second element when on the line of the first; -1 otherwise
	lastLine int // column of the last element that began a line; -1 before one
}

// formatter carries the reader's state from line to line.
type formatter struct {
	opt   Options
	stack []list // by value: one allocation for the whole text
	// Multi-line tokens: a line that begins inside one is never touched.
	inString bool
	inBar    bool // |a symbol written between bars|
	block    int  // depth of #| block comments |#
	// Prefixes waiting for their datum: 'x `x ,x #;x.
	prefixCol  int  // column of the first prefix, -1 when none waits
	prefixData bool // a quote among them: the datum is data
	unquoted   bool // an unquote among them
	skip       int  // datum comments waiting: that many data are not elements
	line       int
	lineDelta  int // how far the line being read moved
	stop       int // the last line to read (Indentation); -1: all
	// unbalanced: the text has a list that is not closed. A "(" in the first column then
	// begins a new top-level form, as the reader recovers: the user is still typing the one
	// before.
	unbalanced bool
	underflow  bool // a ")" closed no list
}

// newFormatter prepares to read src.
func newFormatter(src []byte, opt Options, stop int) *formatter {
	pre := &formatter{opt: opt, prefixCol: -1, stop: -1}
	pre.lines(src, func(li, start int, ws, rest []byte) int { return width(ws, opt.step()) })
	return &formatter{opt: opt, prefixCol: -1, stop: stop, unbalanced: len(pre.stack) > 0 || pre.underflow}
}

// Edits returns the edits that reindent the lines from firstLine to lastLine (0-based,
// inclusive; lastLine < 0 means to the end). Lines outside the range keep their indentation,
// and the lines in it are indented in their context.
func Edits(src []byte, opt Options, firstLine, lastLine int) []Edit {
	var edits []Edit
	f := newFormatter(src, opt, -1)
	f.lines(src, func(li, start int, ws, rest []byte) int {
		inRange := li >= firstLine && (lastLine < 0 || li <= lastLine)
		old := width(ws, opt.step())
		if !inRange || len(rest) == 0 {
			return old
		}
		indent := f.indentation(rest, old)
		if text := f.whitespace(indent); text != string(ws) {
			edits = append(edits, Edit{Start: start, End: start + len(ws), Text: text})
		}
		return indent
	})
	return edits
}

// Source returns the whole source reindented.
func Source(src []byte, opt Options) []byte {
	return Apply(src, Edits(src, opt, 0, -1))
}

// Indentation returns the whitespace a line (0-based) should begin with, as if a datum began
// it, blank or not — what an editor puts on a new line. ok is false when the line begins inside
// a string, a block comment or a |symbol| (or is beyond the text): it is not to be touched.
func Indentation(src []byte, opt Options, line int) (ws string, ok bool) {
	f := newFormatter(src, opt, line)
	f.lines(src, func(li, start int, w, rest []byte) int {
		old := width(w, opt.step())
		if li != line {
			return old
		}
		if len(rest) == 0 {
			rest = []byte("x")
		}
		indent := f.canonical(rest)
		ws, ok = f.whitespace(indent), true
		return indent
	})
	return ws, ok
}

// Apply applies edits (in order, not overlapping) to src.
func Apply(src []byte, edits []Edit) []byte {
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(src[last:e.Start])
		b.WriteString(e.Text)
		last = e.End
	}
	b.Write(src[last:])
	return b.Bytes()
}

// lines reads src line by line. For each line that does not begin inside a string, a block
// comment or a |symbol|, decide gets the line's leading whitespace and the rest, and returns the
// indentation the line has in the new layout; the line is then read at that indentation.
func (f *formatter) lines(src []byte, decide func(li, start int, ws, rest []byte) int) {
	start := 0
	for li := 0; start <= len(src) && (f.stop < 0 || li <= f.stop); li++ {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		f.line = li
		if f.inString || f.inBar || f.block > 0 {
			f.lineDelta = 0
			f.scan(line, 0)
		} else {
			n := 0
			for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
				n++
			}
			rest := line[n:]
			if f.unbalanced && n == 0 && len(rest) > 0 && rest[0] == '(' && len(f.stack) > 0 {
				f.stack = f.stack[:0]
				f.prefixCol, f.prefixData, f.unquoted, f.skip = -1, false, false, 0
			}
			if len(rest) > 0 && rest[len(rest)-1] == '\r' {
				if r := rest[:len(rest)-1]; len(bytes.TrimSpace(r)) == 0 {
					rest = rest[:0]
				}
			}
			indent := decide(li, start, line[:n], rest)
			f.lineDelta = indent - width(line[:n], f.opt.step())
			f.scan(rest, indent)
		}
		start = end + 1
	}
}

// width is the visual width of leading whitespace, tabs to the next multiple of tab.
func width(ws []byte, tab int) int {
	w := 0
	for _, c := range ws {
		if c == '\t' {
			w = (w/tab + 1) * tab
		} else {
			w++
		}
	}
	return w
}

func (f *formatter) whitespace(n int) string {
	if f.opt.UseTabs {
		t := f.opt.step()
		return strings.Repeat("\t", n/t) + strings.Repeat(" ", n%t)
	}
	return strings.Repeat(" ", n)
}

// indentation decides the indentation of a line beginning with rest, now indented old: where
// the author put it (moved as far as its list moved) when that is sound, else the canonical
// place.
func (f *formatter) indentation(rest []byte, old int) int {
	if len(f.stack) == 0 {
		return 0
	}
	l := &f.stack[len(f.stack)-1]
	canon := f.canonical(rest)
	kept := old + l.delta
	if kept == canon || kept <= l.indent && !(kept == l.indent && isClose(rest[0])) {
		return canon
	}
	comment := rest[0] == ';' || bytes.HasPrefix(rest, []byte("#|"))
	inside := kept > l.col
	switch {
	case isClose(rest[0]):
		return kept // a closing parenthesis on its own line
	case inside && l.data && !comment:
		return kept // data keep the columns they were aligned to
	}
	if inside && (kept == l.col+1 || kept == l.first || kept == l.firstArg) || kept == l.lastLine {
		return kept
	}
	// A step or two in — of the editor's, or of the usual 2, 4 and 8 columns — from the list,
	// from the line it opens on (a continuation, as many editors indent), or from a list that
	// opens on that line.
	s := f.opt.step()
	steps := [...]int{s, 2 * s, 2, 4, 8}
	for _, d := range steps {
		if kept == l.col+d || kept == l.indent+d {
			return kept
		}
	}
	for i := len(f.stack) - 2; i >= 0 && f.stack[i].line == l.line; i-- {
		for _, d := range steps {
			if kept == f.stack[i].col+d {
				return kept
			}
		}
	}
	return canon
}

// canonical is the indentation of a line beginning with rest in the usual style.
func (f *formatter) canonical(rest []byte) int {
	if len(f.stack) == 0 {
		return 0
	}
	l := &f.stack[len(f.stack)-1]
	switch {
	case len(rest) > 0 && isClose(rest[0]):
		return l.col
	case l.elems == 0:
		return l.col + 1
	case l.data || l.head == "":
		return l.first
	case isBodyForm(l.head):
		return l.col + f.opt.step()
	case l.firstArg >= 0:
		return l.firstArg
	}
	return l.first
}

func isClose(c byte) bool { return c == ')' || c == ']' }

// datum notes a datum beginning at col (text: the rest of the line, when an atom) and reports
// whether it is data, and whether it is commented out (then not an element of its list).
func (f *formatter) datum(col int, text []byte) (data, skipped bool) {
	if f.prefixCol >= 0 {
		col = f.prefixCol
		text = nil
	}
	data = f.prefixData
	unquoted := f.unquoted
	f.prefixCol, f.prefixData, f.unquoted = -1, false, false
	var l *list
	if len(f.stack) > 0 {
		l = &f.stack[len(f.stack)-1]
		if l.data && !unquoted {
			data = true
		}
	}
	if f.skip > 0 {
		f.skip--
		return data, true
	}
	if l == nil {
		return data, false
	}
	l.elems++
	switch l.elems {
	case 1:
		l.head, l.headLine, l.first = wordAt(text), f.line, col
	case 2:
		if l.headLine == f.line {
			l.firstArg = col
		}
	}
	return data, false
}

// prefix notes a quote, quasiquote, unquote or datum label before a datum.
func (f *formatter) prefix(col int, data, unquote bool) {
	if f.prefixCol < 0 {
		f.prefixCol = col
	}
	f.prefixData = f.prefixData || data
	f.unquoted = f.unquoted || unquote
}

// open pushes a list opening at col.
func (f *formatter) open(col int, vector bool, lineIndent int) {
	data, skipped := f.datum(col, nil)
	f.stack = append(f.stack, list{col: col, line: f.line, indent: lineIndent, delta: f.lineDelta, data: data || vector,
		skipped: skipped, first: -1, firstArg: -1, lastLine: -1})
}

// scan reads a line (without its leading whitespace when it was reindented) whose first
// character is at column col, updating the state.
func (f *formatter) scan(line []byte, col int) {
	tab := f.opt.step()
	lineIndent := col
	first := true // the next token is the first of the line
	i := 0
	adv := func(n int) {
		for k := 0; k < n && i < len(line); k++ {
			r, w := utf8.DecodeRune(line[i:])
			if r == '\t' {
				col = (col/tab + 1) * tab
			} else {
				col++
			}
			i += w
		}
	}
	for i < len(line) {
		switch {
		case f.inString:
			for i < len(line) {
				c := line[i]
				adv(1)
				if c == '\\' {
					adv(1)
				} else if c == '"' {
					f.inString = false
					break
				}
			}
			continue
		case f.inBar:
			f.bar(line, &i, adv)
			if !f.inBar {
				f.word(line, &i, adv)
			}
			continue
		case f.block > 0:
			switch {
			case bytes.HasPrefix(line[i:], []byte("|#")):
				f.block--
				adv(2)
			case bytes.HasPrefix(line[i:], []byte("#|")):
				f.block++
				adv(2)
			default:
				adv(1)
			}
			continue
		}
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' {
			adv(1)
			continue
		}
		if first && len(f.stack) > 0 && !isClose(c) && c != ';' && !bytes.HasPrefix(line[i:], []byte("#|")) {
			f.stack[len(f.stack)-1].lastLine = col
		}
		first = false
		switch {
		case c == ';':
			return
		case c == '"':
			f.datum(col, nil)
			f.inString = true
			adv(1)
		case c == '(' || c == '[':
			f.open(col, false, lineIndent)
			adv(1)
		case isClose(c):
			if n := len(f.stack); n > 0 {
				f.stack = f.stack[:n-1]
			} else {
				f.underflow = true
			}
			f.prefixCol, f.prefixData, f.unquoted = -1, false, false
			adv(1)
		case c == '\'' || c == '`':
			f.prefix(col, true, false)
			adv(1)
		case c == ',':
			f.prefix(col, false, true)
			adv(1)
			if i < len(line) && line[i] == '@' {
				adv(1)
			}
		case c == '#':
			f.hash(line, &i, &col, adv, lineIndent)
		default:
			f.datum(col, line[i:])
			f.word(line, &i, adv)
		}
	}
}

// hash reads what begins with #.
func (f *formatter) hash(line []byte, i *int, col *int, adv func(int), lineIndent int) {
	rest := line[*i:]
	next := byte(0)
	if len(rest) > 1 {
		next = rest[1]
	}
	switch {
	case next == '|':
		f.block++
		adv(2)
	case next == ';':
		f.skip++
		adv(2)
	case next == '(':
		f.open(*col, true, lineIndent)
		adv(2)
	case next == '\\':
		// A character: #\( #\) #\; #\" are not what they would be elsewhere.
		f.datum(*col, nil)
		adv(3)
		for *i < len(line) && !isDelim(line[*i]) {
			adv(1)
		}
	case next == '\'' || next == '`':
		f.prefix(*col, true, false)
		adv(2)
	case next == ',':
		f.prefix(*col, false, true)
		adv(2)
		if *i < len(line) && line[*i] == '@' {
			adv(1)
		}
	default:
		// #u8( and other vectors (#f32( …), a datum label #0=, or an atom: #t, #x1F, #!eof.
		j := 1
		for j < len(rest) && (isAlnum(rest[j])) {
			j++
		}
		switch {
		case j > 1 && j < len(rest) && rest[j] == '(':
			f.open(*col, true, lineIndent)
			adv(j + 1)
		case j > 1 && j < len(rest) && rest[j] == '=' && isDigits(rest[1:j]):
			f.prefix(*col, false, false)
			adv(j + 1)
		default:
			f.datum(*col, nil)
			f.word(line, i, adv)
		}
	}
}

// word reads an atom, |bars| included (they may hold spaces, parentheses, new lines).
func (f *formatter) word(line []byte, i *int, adv func(int)) {
	start := *i
	for *i < len(line) && (!isDelim(line[*i]) || *i == start && line[*i] == '#') {
		if line[*i] == '|' {
			adv(1)
			f.inBar = true
			f.bar(line, i, adv)
			if f.inBar {
				return
			}
			continue
		}
		adv(1)
	}
}

// bar reads the inside of |...| up to and including the closing bar.
func (f *formatter) bar(line []byte, i *int, adv func(int)) {
	for *i < len(line) {
		c := line[*i]
		adv(1)
		if c == '\\' {
			adv(1)
		} else if c == '|' {
			f.inBar = false
			return
		}
	}
}

// wordAt returns the atom at the start of b (for the head of a list).
func wordAt(b []byte) string {
	j := 0
	for j < len(b) && !isDelim(b[j]) && b[j] != '|' {
		j++
	}
	if j < len(b) && b[j] == '|' {
		return "" // a |symbol|: not a form we know
	}
	return string(b[:j])
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', '(', ')', '[', ']', '"', ';':
		return true
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
