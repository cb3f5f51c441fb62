package analyzer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"foment-ls/srcfile"
)

// ConfigFile is the name of the project settings file at a workspace's root.
const ConfigFile = ".foment-ls.json"

// Config is what a project says of itself, in .foment-ls.json, the language server's
// initializationOptions or workspace/configuration:
//
//	{"libraryPath": ["lib", "/opt/scheme"], "severity": {"unused": "off", "arity": "warning"},
//	 "maxFileSize": 8388608}
type Config struct {
	// LibraryPath: more directories where libraries are found (relative to the settings file).
	LibraryPath []string `json:"libraryPath,omitempty"`
	// Severity overrides the severity of a diagnostic code: error, warning, info, hint or off.
	Severity map[string]string `json:"severity,omitempty"`
	// MaxFileSize bounds the files read (includes, libraries), in bytes.
	MaxFileSize int64 `json:"maxFileSize,omitempty"`
	// ParameterKindHints: the language server shows, as inlay hints, what the parameters of
	// each procedure must be, as the flow analysis infers it from their uses (off by default).
	ParameterKindHints *bool `json:"parameterKindHints,omitempty"`
}

// ReadConfig reads a settings file; dir-relative library paths are made absolute.
func ReadConfig(path string) (Config, error) {
	b, err := srcfile.Read(path, srcfile.Limits{MaxSize: 1 << 20})
	if err != nil {
		return Config{}, err
	}
	c, err := ParseConfig(b)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	c.resolve(filepath.Dir(path))
	return c, nil
}

// ParseConfig decodes settings and checks them.
func ParseConfig(b []byte) (Config, error) {
	var c Config
	if len(strings.TrimSpace(string(b))) == 0 {
		return c, nil
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return Config{}, err
	}
	return c, c.check()
}

func (c *Config) check() error {
	var bad []string
	for code, sev := range c.Severity {
		if _, ok := severityNames[strings.ToLower(sev)]; !ok {
			bad = append(bad, fmt.Sprintf("severity of %s: %q is not error, warning, info, hint or off", code, sev))
		}
		if CodeDescription(code) == "" {
			bad = append(bad, fmt.Sprintf("severity: %q is not a diagnostic code", code))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return nil
}

// resolve makes relative library directories relative to dir.
func (c *Config) resolve(dir string) {
	for i, p := range c.LibraryPath {
		if !filepath.IsAbs(p) {
			c.LibraryPath[i] = filepath.Join(dir, p)
		}
	}
}

// Resolved returns the settings with relative library directories taken from dir.
func (c Config) Resolved(dir string) Config {
	c.LibraryPath = append([]string(nil), c.LibraryPath...)
	c.resolve(dir)
	return c
}

// Merge returns c with the settings of o added (o's severities win).
func (c Config) Merge(o Config) Config {
	out := Config{LibraryPath: append(append([]string(nil), c.LibraryPath...), o.LibraryPath...),
		Severity: map[string]string{}, MaxFileSize: c.MaxFileSize}
	for k, v := range c.Severity {
		out.Severity[k] = v
	}
	for k, v := range o.Severity {
		out.Severity[k] = v
	}
	if o.MaxFileSize > 0 {
		out.MaxFileSize = o.MaxFileSize
	}
	out.ParameterKindHints = c.ParameterKindHints
	if o.ParameterKindHints != nil {
		out.ParameterKindHints = o.ParameterKindHints
	}
	return out
}

// ParamHints: the parameter kind hints are on.
func (c Config) ParamHints() bool { return c.ParameterKindHints != nil && *c.ParameterKindHints }

var severityNames = map[string]Severity{"error": Error, "warning": Warning, "info": Information,
	"information": Information, "hint": Hint, "off": 0}

// Apply gives the diagnostics the severities the settings ask for, dropping those turned off.
func (c Config) Apply(ds []Diagnostic) []Diagnostic {
	if len(c.Severity) == 0 {
		return ds
	}
	out := ds[:0:0]
	for _, d := range ds {
		if s, ok := c.Severity[d.Code]; ok {
			sev := severityNames[strings.ToLower(s)]
			if sev == 0 {
				continue
			}
			d.Severity = sev
		}
		out = append(out, d)
	}
	return out
}

// FindConfig returns the settings file in dir or the nearest directory above it, or "".
func FindConfig(dir string) string {
	dir, _ = filepath.Abs(dir)
	for {
		p := filepath.Join(dir, ConfigFile)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Confine keeps the diagnostics of files inside the checked tree, and replaces those of each
// file outside it by one summary at the include that reads it ("the included file /x has 12
// errors"), so that no text of a file outside the tree (/etc/passwd, a CI job's secrets) is
// quoted. inside reports whether a path is in the tree; the analysed file always is.
func (r *Result) Confine(inside func(path string) bool) []Diagnostic {
	in := func(p string) bool { return p == r.File.Name || inside(p) }
	type count struct{ errors, warnings, others int }
	counts := map[string]*count{}
	var out []Diagnostic
	for _, d := range r.Diags {
		if in(d.File) {
			var rel []Location
			for _, l := range d.Related {
				if in(l.File) {
					rel = append(rel, l)
				}
			}
			d.Related = rel
			out = append(out, d)
			continue
		}
		c := counts[d.File]
		if c == nil {
			c = &count{}
			counts[d.File] = c
		}
		switch d.Severity {
		case Error:
			c.errors++
		case Warning:
			c.warnings++
		default:
			c.others++
		}
	}
	files := make([]string, 0, len(counts))
	for f := range counts {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		c := counts[f]
		if c.errors+c.warnings == 0 {
			continue
		}
		site, ok := r.includeSite(f, in)
		if !ok {
			continue
		}
		var parts []string
		if c.errors > 0 {
			parts = append(parts, plural(c.errors, "error"))
		}
		if c.warnings > 0 {
			parts = append(parts, plural(c.warnings, "warning"))
		}
		sev := Warning
		if c.errors > 0 {
			sev = Error
		}
		out = append(out, Diagnostic{File: site.From, Code: CodeInclude, Severity: sev, Span: site.Span,
			Message: fmt.Sprintf("the included file %s has %s", f, strings.Join(parts, " and "))})
	}
	return out
}

// includeSite is the include, in a file inside the tree, through which a file was read.
func (r *Result) includeSite(path string, in func(string) bool) (Include, bool) {
	seen := map[string]bool{}
	for !seen[path] {
		seen[path] = true
		found := false
		for _, inc := range r.Includes {
			if inc.Path == path {
				if in(inc.From) {
					return inc, true
				}
				path, found = inc.From, true
				break
			}
		}
		if !found {
			return Include{}, false
		}
	}
	return Include{}, false
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
