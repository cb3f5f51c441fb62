// Package format indents Scheme source in the usual style: bodies of binding and defining forms
// two spaces in, arguments of calls under the first argument, data one space in. It only
// changes the whitespace at the start and end of lines, so comments and everything else are
// kept; formatting formatted text changes nothing.
package format

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// bodyForms are indented like a body (two spaces) rather than aligned like a call.
var bodyForms = map[string]bool{
	"define": true, "define-values": true, "define-record-type": true, "define-syntax": true,
	"define-library": true, "lambda": true, "let": true, "let*": true, "letrec": true, "letrec*": true,
	"let-values": true, "let*-values": true, "do": true, "when": true, "unless": true, "case": true,
	"case-lambda": true, "guard": true, "parameterize": true, "syntax-rules": true, "let-syntax": true,
	"letrec-syntax": true, "begin": true, "with-exclusive": true, "call-with-port": true,
	"call-with-input-file": true, "call-with-output-file": true, "call-with-socket": true,
	"with-exception-handler": true, "dynamic-wind": true, "run-thread": true, "export": true,
	"import": false,
}

// Edit replaces the text between two byte offsets.
type Edit struct {
	Start, End int
	Text       string
}

type open struct {
	col      int    // column of the "(" (in runes)
	head     string // the first element, when a symbol
	headSeen bool
	firstArg int // column of the second element when it is on the line of the "("; -1 otherwise
	line     int
	elems    int
}

// Edits returns the edits that reindent the lines from firstLine to lastLine (0-based,
// inclusive; lastLine < 0 means to the end).
func Edits(src []byte, firstLine, lastLine int) []Edit {
	var edits []Edit
	var stack []*open
	inString := false
	blockDepth := 0
	offset := 0
	lines := bytes.SplitAfter(src, []byte("\n"))
	for li, raw := range lines {
		lineStart := offset
		offset += len(raw)
		content := strings.TrimRight(string(raw), "\r\n")
		eol := string(raw[len(content):])
		startsInside := inString || blockDepth > 0
		trimmed := content
		indent := 0
		if !startsInside {
			trimmed = strings.TrimLeft(content, " \t")
			indent = indentFor(stack, trimmed)
		}
		// Scan the line as it will be, to know the state at its end and the columns of what
		// it opens.
		newLine := trimmed
		if !startsInside && trimmed != "" {
			newLine = strings.Repeat(" ", indent) + trimmed
		}
		endsInString := false
		stack, inString, blockDepth, endsInString = scan(newLine, li, stack, inString, blockDepth)
		if !endsInString && blockDepth == 0 {
			newLine = strings.TrimRight(newLine, " \t")
		}
		if startsInside {
			continue
		}
		if li < firstLine || (lastLine >= 0 && li > lastLine) {
			continue
		}
		if newLine != content {
			edits = append(edits, Edit{Start: lineStart, End: lineStart + len(content), Text: newLine})
		}
		_ = eol
	}
	return edits
}

// Source returns the whole source reindented.
func Source(src []byte) []byte {
	edits := Edits(src, 0, -1)
	return Apply(src, edits)
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

func indentFor(stack []*open, trimmed string) int {
	if len(stack) == 0 {
		return 0
	}
	o := stack[len(stack)-1]
	if strings.HasPrefix(trimmed, ")") {
		return o.col
	}
	switch {
	case o.head != "" && bodyForms[o.head]:
		return o.col + 2
	case o.head != "" && o.firstArg >= 0:
		return o.firstArg
	}
	return o.col + 1
}

// scan updates the paren state over one line.
func scan(line string, li int, stack []*open, inString bool, blockDepth int) ([]*open, bool, int, bool) {
	col := 0
	i := 0
	// elementStart notes that an element begins at the current column in the innermost list.
	elementStart := func(c int, word string) {
		if len(stack) == 0 {
			return
		}
		o := stack[len(stack)-1]
		o.elems++
		switch o.elems {
		case 1:
			o.head = word
			o.headSeen = true
		case 2:
			if o.line == li {
				o.firstArg = c
			}
		}
	}
	for i < len(line) {
		r, w := utf8.DecodeRuneInString(line[i:])
		switch {
		case blockDepth > 0:
			if strings.HasPrefix(line[i:], "|#") {
				blockDepth--
				i += 2
				col += 2
				continue
			}
			if strings.HasPrefix(line[i:], "#|") {
				blockDepth++
				i += 2
				col += 2
				continue
			}
		case inString:
			if r == '\\' && i+1 < len(line) {
				i += w
				col++
				_, w2 := utf8.DecodeRuneInString(line[i:])
				i += w2
				col++
				continue
			}
			if r == '"' {
				inString = false
			}
		case r == ';':
			return stack, false, blockDepth, false
		case strings.HasPrefix(line[i:], "#|"):
			blockDepth++
			i += 2
			col += 2
			continue
		case r == '"':
			elementStart(col, "")
			inString = true
		case r == '(' || r == '[':
			elementStart(col, "")
			stack = append(stack, &open{col: col, firstArg: -1, line: li})
		case r == ')' || r == ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case r == ' ' || r == '\t':
		case r == '\'' || r == '`' || r == ',':
			// An abbreviation: the element starts here; what follows is part of it.
			elementStart(col, "")
			j := i + w
			if r == ',' && j < len(line) && line[j] == '@' {
				j++
			}
			// Skip to the quoted datum without counting it as another element.
			col += j - i
			i = j
			if i < len(line) && (line[i] == '(' || line[i] == '[') {
				stack = append(stack, &open{col: col, firstArg: -1, line: li})
				i++
				col++
			} else {
				for i < len(line) && !isDelim(line[i]) {
					i++
					col++
				}
			}
			continue
		case strings.HasPrefix(line[i:], "#(") || strings.HasPrefix(line[i:], "#u8("):
			elementStart(col, "")
			n := strings.Index(line[i:], "(")
			col += n
			i += n
			stack = append(stack, &open{col: col, firstArg: -1, line: li})
		case strings.HasPrefix(line[i:], "#\\"):
			// A character: #\( is not a parenthesis.
			elementStart(col, "")
			i += 2
			col += 2
			if i < len(line) {
				_, w2 := utf8.DecodeRuneInString(line[i:])
				i += w2
				col++
			}
			for i < len(line) && !isDelim(line[i]) {
				i++
				col++
			}
			continue
		default:
			j := i
			for j < len(line) && !isDelim(line[j]) {
				j++
			}
			if j == i {
				j = i + w
			}
			word := line[i:j]
			elementStart(col, word)
			col += utf8.RuneCountInString(word)
			i = j
			continue
		}
		i += w
		col++
	}
	return stack, inString, blockDepth, inString
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '(', ')', '[', ']', '"', ';', '\'', '`', ',':
		return true
	}
	return false
}
