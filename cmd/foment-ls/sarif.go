package main

import (
	"encoding/json"
	"io"
	"path/filepath"

	"foment-ls/analyzer"
)

// writeSARIF writes the findings as SARIF 2.1.0, the format of code-scanning services.
func writeSARIF(w io.Writer, each func(yield func(file string, d analyzer.Diagnostic))) {
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string            `json:"ruleId"`
		Level     string            `json:"level"`
		Message   map[string]string `json:"message"`
		Locations []location        `json:"locations"`
	}
	type rule struct {
		ID               string            `json:"id"`
		ShortDescription map[string]string `json:"shortDescription"`
	}
	var results []result
	rules := map[string]bool{}
	var ruleList []rule
	each(func(file string, d analyzer.Diagnostic) {
		level := map[analyzer.Severity]string{analyzer.Error: "error", analyzer.Warning: "warning",
			analyzer.Information: "note", analyzer.Hint: "note"}[d.Severity]
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(file)
		loc.PhysicalLocation.Region = region{d.Span.Start.Line, d.Span.Start.Col, d.Span.End.Line, d.Span.End.Col}
		results = append(results, result{d.Code, level, map[string]string{"text": d.Message}, []location{loc}})
		if !rules[d.Code] {
			rules[d.Code] = true
			ruleList = append(ruleList, rule{d.Code, map[string]string{"text": analyzer.CodeDescription(d.Code)}})
		}
	})
	if results == nil {
		results = []result{}
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "foment-ls",
				"version":        version,
				"informationUri": "https://github.com/leftmike/foment",
				"rules":          ruleList,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(doc)
}
