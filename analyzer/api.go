// Package analyzer checks Foment Scheme source without running it: it resolves scopes (imports,
// definitions, lambda parameters, let forms, macros …), checks calls against the builtin
// catalogue and against user procedures, and checks socket arguments. It works on the reader's
// tolerant tree, so it answers for broken text too. It never executes user code.
//
// This file is the contract between the analyzer and its users (the language server and
// `foment-ls check`).
package analyzer

import (
	"sync"
	"sync/atomic"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// Severity of a diagnostic, in LSP's order.
type Severity int

const (
	Error Severity = iota + 1
	Warning
	Information
	Hint
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Information:
		return "info"
	}
	return "hint"
}

// Diagnostic codes: stable, documented in docs/diagnostics.md.
const (
	CodeSyntax         = "syntax"
	CodeUnbound        = "unbound"
	CodeArity          = "arity"
	CodeSocketConstant = "socket-constant"
	CodeSocketKind     = "socket-kind"
	CodeSocketFlag     = "socket-flag"
	CodeSocketString   = "socket-string"
	CodeSocketProtocol = "socket-protocol"
	CodeSocketMismatch = "socket-mismatch"
	CodeSocketLifecyle = "socket-lifecycle"
	CodeSocketLiteral  = "socket-literal"
	CodeRecvSize       = "recv-size"
	CodeRawConstant    = "raw-constant"
	CodeUnused         = "unused"
	CodeInclude        = "include"
	CodeNotInFoment    = "not-in-foment"
	CodeRedefineImport = "redefine-import"
)

// Edit replaces the text of Span in File with NewText.
type Edit struct {
	File    string
	Span    syntax.Extent
	NewText string
}

// Fix is a quick fix: a titled set of edits.
type Fix struct {
	Title string
	Edits []Edit
}

// Diagnostic is one problem found, in File (the analysed file or one it includes).
type Diagnostic struct {
	File        string
	Code        string
	Severity    Severity
	Span        syntax.Span
	Message     string
	Unnecessary bool // LSP tag: unused code, shown faded
	Fixes       []Fix
	Related     []Location // other places the message speaks of
}

// Location is a place in a file, with what it is.
type Location struct {
	File    string
	Span    syntax.Span
	Message string
}

// DefKind says what a definition binds.
type DefKind uint8

const (
	DefVariable   DefKind = iota // (define x 1)
	DefProcedure                 // (define (f x) ...), (define f (lambda ...)), case-lambda
	DefMacro                     // define-syntax, let-syntax
	DefParam                     // a lambda parameter
	DefLocal                     // let, let*, letrec, do, named let variable, guard variable, let-values
	DefRecordType                // the type name of define-record-type
	DefRecordProc                // constructor, predicate, accessor, modifier
	DefImport                    // a name bound by an import
	// DefUnknown: a name a library exports whose definition the analyzer cannot see (a library
	// it could not read, a macro that defines it): a procedure or a macro, used leniently.
	DefUnknown
)

// Def is a binding occurrence. A large file has one for every variable it binds: a Def is kept
// to 112 bytes (a size class of the allocator), with what only some definitions have (Doc, Sig,
// a macro) apart.
type Def struct {
	Name     string
	File     string
	Span     syntax.Extent // the name (Result.Span gives its lines and columns)
	Form     syntax.Extent // the whole defining form (for document symbols, folding)
	Scope    syntax.Extent // where the binding is visible
	Min      int32         // procedures: arity
	Max      int32         // -1: any
	Parent   *Def          // the enclosing definition (hierarchical document symbols), or nil
	Refs     []*Ref        // every reference, in source order
	Kind     DefKind
	TopLevel bool
	flags    defFlags

	// line is the line of its name in the text it was read from, for a file no analysis that
	// uses it holds (a library's): keeping the file would keep its text and data.
	line int32
	more *defMore // nil when it has none of it
}

// defFlags are what the analysis found of a definition.
type defFlags uint8

const (
	defQuiet     defFlags = 1 << iota // in an untaken cond-expand branch
	defAssigned                       // the target of a set!
	defRedefined                      // defined twice in its scope
	defProcForm                       // (define (name ...) ...): Foment gives it its value as it meets it
)

func (d *Def) quiet() bool     { return d.flags&defQuiet != 0 }
func (d *Def) assigned() bool  { return d.flags&defAssigned != 0 }
func (d *Def) redefined() bool { return d.flags&defRedefined != 0 }
func (d *Def) procForm() bool  { return d.flags&defProcForm != 0 }

// set sets or clears flags.
func (d *Def) set(f defFlags, on bool) {
	if on {
		d.flags |= f
	} else {
		d.flags &^= f
	}
}

// defMore is what only some definitions have.
type defMore struct {
	doc   string // the comments just above the definition, without ';' markers
	sig   string // procedures: "(f x y . rest)"
	macro *macro // DefMacro: its syntax-rules, when the analyzer can expand it (expand.go)
}

// Doc returns the comments just above the definition, without ';' markers.
func (d *Def) Doc() string {
	if d.more == nil {
		return ""
	}
	return d.more.doc
}

// Sig returns a procedure's signature: "(f x y . rest)" ("" for another definition).
func (d *Def) Sig() string {
	if d.more == nil {
		return ""
	}
	return d.more.sig
}

// macro returns a macro's syntax-rules, when the analyzer can expand it.
func (d *Def) macro() *macro {
	if d.more == nil {
		return nil
	}
	return d.more.macro
}

// more returns the definition's defMore, made when first needed.
func (d *Def) moreOf() *defMore {
	if d.more == nil {
		d.more = &defMore{}
	}
	return d.more
}

func (d *Def) setDoc(doc string) {
	if doc != "" || d.more != nil {
		d.moreOf().doc = doc
	}
}

func (d *Def) setSig(sig string) { d.moreOf().sig = sig }

func (d *Def) setMacro(m *macro) {
	if m != nil || d.more != nil {
		d.moreOf().macro = m
	}
}

// lineIn returns the line of a definition's name in the file it is read from.
func lineIn(f *syntax.File, name syntax.Extent) int32 { return f.Span(name).Start.Line }

// Ref is a use of an identifier.
type Ref struct {
	Name  string
	Span  syntax.Extent
	Def   *Def           // the definition it resolves to; nil for builtins and unbound names
	Entry *catalog.Entry // the builtin it resolves to, if any
	// at is its file and whether it is a set! target, shared by the file's references of
	// that kind: a Ref is 48 bytes, not 64 (a file has one for every identifier).
	at *refAt
}

// refAt is the place of references: a file, and whether they are set! targets. Each file has
// two, each pointing at the other.
type refAt struct {
	file  string
	write bool
	other *refAt
}

// File returns the file of the reference.
func (r *Ref) File() string { return r.at.file }

// Write reports whether the reference is the target of a set!.
func (r *Ref) Write() bool { return r.at.write }

// setWrite marks the reference as the target of a set!.
func (r *Ref) setWrite() {
	if !r.at.write {
		r.at = r.at.other
	}
}

// refsAt returns the place of the references of a file that are not set! targets, one per
// file name in the table.
func refsAt(table map[string]*refAt, file string) *refAt {
	if at := table[file]; at != nil {
		return at
	}
	at, w := &refAt{file: file}, &refAt{file: file, write: true}
	at.other, w.other = w, at
	table[file] = at
	return at
}

// Import is one library named by an import form.
type Import struct {
	Name string // "scheme base", "srfi 106", "mylib util"
	File string // the file of the import form
	Span syntax.Span
	// Lib is the user library imported (nil for a library of the catalogue or one not found).
	Lib *Library
}

// Include is one file read by include, include-ci or include-library-declarations.
type Include struct {
	Path string      // the included file
	From string      // the file of the include form
	Span syntax.Span // the file name's string in the include form
}

// Result is the analysis of one file and of the files it includes.
type Result struct {
	File    *syntax.File
	Diags   []Diagnostic // in every file the analysis read (Diagnostic.File)
	Defs    []*Def       // every definition, in source order
	Refs    []*Ref       // every reference in File, in source order
	Imports []Import
	// Includes are the files included, in the order met; Files their parsed text by path.
	Includes []Include
	Files    map[string]*syntax.File
	// Libraries are the define-library forms analysed, with what they export.
	Libraries []LibraryInfo
	// Deps are the other files the analysis read (includes, library files and theirs): when
	// one changes, the analysis is stale.
	Deps []string
	// Fragment: the file has no import and defines no library — a file made to be included,
	// whose names come from the file that includes it.
	Fragment bool

	// Summaries are what the flow analysis knows of the file's top-level procedures, by
	// procedure (file and place of its name: summaries.go).
	Summaries map[string]*Summary

	refsIn        map[string][]*Ref               // references in included files, by file
	live          map[*syntax.Datum]*syntax.Datum // the clause each cond-expand takes
	flow          *flowQuery                      // what the flow analysis knows, asked for by hover (values.go)
	flowPanic     string                          // the flow analysis failed (a bug): why
	builtins      []*catalog.Entry
	builtinByName map[string]*catalog.Entry
	prog          *program     // what an analysis of the file's next version may reuse (incremental.go)
	root          *syntax.File // a View's: the file the analysis began with
	cache         *resultCache // what queries compute once

	expansions map[spanKey]*syntax.Datum // the expansion of each use of a macro, by its head (expand.go)
}

// resultCache holds what the queries of a Result compute once (query.go), and the flow
// analysis when it was deferred.
type resultCache struct {
	once sync.Once
	tops []*Def

	deferred bool        // the flow analysis is Flow's (set when made)
	flowMu   sync.Mutex  // held while the flow analysis is made
	flowIn   *flowInputs // what the flow analysis reads (DeferFlow), until it is made
	flowRes  *Result
	// memo: the procedures' results of the last flow analysis made of this version or of one
	// before it, which the next version's flow analysis may keep (summaries.go).
	memo atomic.Pointer[map[*syntax.Datum]*procMemo]
}

// flowInputs are what a deferred flow analysis reads besides the Result.
type flowInputs struct {
	consts              map[*Def]constVal
	summaries           func(key string) *Summary
	assigned, redefined map[*Def]bool
	prev                *Result
}

// LibraryInfo is a define-library form and its exports.
type LibraryInfo struct {
	Name    string      // "net util"
	Span    syntax.Span // the library's name in its define-library form
	Aka     []string    // its other names: (aka (srfi 1)), a declaration of Foment's
	Exports []Export
	// Incomplete: the analysis could not see all it exports (a declaration it does not know, an
	// import it could not resolve): importers do not report names as unbound. Problem says why
	// Foment would not load it, when it would not.
	Incomplete bool
	Problem    string
	// Summaries of the procedures of the library's file, for its importers' calls.
	Summaries map[string]*Summary
}

// Export is one name a library exports: a definition of its own, or a builtin it re-exports.
type Export struct {
	Name  string
	Def   *Def
	Entry *catalog.Entry
}

// Library is a user library found by a Loader.
type Library struct {
	LibraryInfo
	File string   // the file that defines it
	Deps []string // every file read to know it, its own file first
}

// LibraryRequest asks a Loader for a library.
type LibraryRequest struct {
	Name string // "net util"
	From string // the file of the import
	// Within is the library whose declarations hold the import ("" in a program): its file's
	// place tells where its sibling libraries are.
	Within string
}

// Loader gives the analyzer the other files a program uses; nil means none are read.
type Loader interface {
	// Include returns the parsed file named by (include "name") in file from; fold: include-ci.
	Include(from, name string, fold bool) (*syntax.File, error)
	// Library finds and analyses a user library; (nil, nil) when there is none of that name.
	Library(req LibraryRequest) (*Library, error)
}

// Options configure an analysis.
type Options struct {
	Loader Loader
	// Library: analyse the file as a library (.sld): define-library forms are expected.
	Library bool
	// Prev is the analysis of an earlier version of the file, read with syntax.ParseEditable
	// and syntax.Reparse, made with the same loader while the files it read did not change:
	// the top-level forms that did not change, and whose names mean the same, are not
	// analysed again (incremental.go), and the flow analysis keeps their procedures' results
	// (summaries.go).
	Prev *Result
	// Summaries, when set, finds the summaries of procedures of other files that the imports
	// do not bring (a workspace's table); the keys are those of Result.Summaries.
	Summaries func(key string) *Summary

	// DeferFlow leaves the flow analysis (flow.go) for Result.Flow: the scope analysis is
	// what an editor needs at once after an edit, the flow analysis reads the whole file.
	DeferFlow bool

	noFlow bool // tests: the scope analysis alone
}

// The functions the analyzer provides (implemented in the files named for them):
//
//	func Analyze(f *syntax.File, opt Options) *Result           // analyze.go
//	func (r *Result) At(offset int) (*Ref, *Def)                 // the identifier at a byte offset: its reference, or the definition it names
//	func (r *Result) Visible(offset int) []*Def                  // the user definitions in scope at offset, innermost first
//	func (r *Result) Builtins() []*catalog.Entry                 // the builtins the file's imports bring into scope
//	func (r *Result) CallAt(offset int) *Call                    // the innermost call form around offset
//	func (r *Result) View(path string) *Result                   // the same analysis seen from an included file
//
// Call describes a call form for signature help and argument-aware completion.
type Call struct {
	Form  *syntax.Datum
	Name  string
	Entry *catalog.Entry // the builtin called, or nil
	Def   *Def           // the user procedure called, or nil
	Arg   int            // the index of the argument at the offset (0 = first argument), -1 on the operator
	// Form is one of the socket syntax forms ((address-family …), (message-type …) …): ConstKind
	// is the constant kind its names belong to ("family", "message" …).
	ConstKind string
}

// CodeDescription describes a diagnostic code in a sentence (SARIF rules, documentation).
func CodeDescription(code string) string {
	return map[string]string{
		CodeSyntax:         "The text cannot be read, or a special form is malformed.",
		CodeUnbound:        "An identifier is neither defined nor imported.",
		CodeArity:          "A procedure is called with the wrong number of arguments.",
		CodeSocketConstant: "An unknown name in a socket syntax form such as (address-family ...).",
		CodeSocketKind:     "A socket constant of the wrong kind for its argument position.",
		CodeSocketFlag:     "A flag that exists but is not valid for this call.",
		CodeSocketString:   "A node or service given as a number or symbol instead of a string.",
		CodeSocketProtocol: "A socket domain and protocol that cannot go together.",
		CodeSocketMismatch: "bind-socket or connect-socket given another family, domain or protocol than make-socket.",
		CodeSocketLifecyle: "Socket operations in an order that cannot work.",
		CodeSocketLiteral:  "A literal of a socket syntax form that does not match, as Foment matches it: a local binding, a procedure definition or an import of that name.",
		CodeRecvSize:       "A receive size that is negative or not an exact integer.",
		CodeRawConstant:    "A bare number where a named socket constant belongs.",
		CodeUnused:         "A local binding that is never used.",
		CodeNotInFoment:    "A name foment-ls provides that Foment does not export, or a form it takes that Foment refuses (define-values (a . rest) at the top level, SRFI 99's record shorthands): the program runs here but not on Foment.",
		CodeRedefineImport: "A program or library that defines a name it imports, imports a name it defined, or imports one name from two libraries that bind it differently: Foment refuses it before running.",
		CodeInclude:        "An included file that cannot be read (missing, not a regular file, too large), an include cycle, or problems in an included file outside the checked tree.",
		CodeArgKind:        "An argument of a kind the procedure does not accept: it must fail at run time (an error), or may (a warning: the end-of-file object where a string is expected).",
		CodeSocketAddress:  "An address literal of another family than the socket's (\"::1\" with *af-inet*), or a name where *ai-numerichost* asks for a number.",
		CodeSocketLeak:     "A socket made in a procedure and not closed on some path out of it (a hint).",
	}[code]
}
