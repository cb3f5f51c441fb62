package main

import (
	"encoding/json"
	"io"
	"path/filepath"

	"foment-ls/analyzer"
	"foment-ls/syntax"
)

// writeSARIF writes the findings as SARIF 2.1.0, the format of code-scanning services.
func writeSARIF(w io.Writer, each func(yield func(d analyzer.Diagnostic))) {
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	type location struct {
		ID               int `json:"id,omitempty"`
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
		Message map[string]string `json:"message,omitempty"`
	}
	type result struct {
		RuleID           string            `json:"ruleId"`
		Level            string            `json:"level"`
		Message          map[string]string `json:"message"`
		Locations        []location        `json:"locations"`
		RelatedLocations []location        `json:"relatedLocations,omitempty"`
	}
	loc := func(file string, span syntax.Span) location {
		var l location
		l.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(file)
		l.PhysicalLocation.Region = region{int(span.Start.Line), int(span.Start.Col), int(span.End.Line), int(span.End.Col)}
		return l
	}
	type rule struct {
		ID               string            `json:"id"`
		ShortDescription map[string]string `json:"shortDescription"`
	}
	var results []result
	rules := map[string]bool{}
	var ruleList []rule
	each(func(d analyzer.Diagnostic) {
		level := map[analyzer.Severity]string{analyzer.Error: "error", analyzer.Warning: "warning",
			analyzer.Information: "note", analyzer.Hint: "note"}[d.Severity]
		r := result{d.Code, level, map[string]string{"text": d.Message}, []location{loc(d.File, d.Span)}, nil}
		for i, rel := range d.Related {
			l := loc(rel.File, rel.Span)
			l.ID, l.Message = i+1, map[string]string{"text": rel.Message}
			r.RelatedLocations = append(r.RelatedLocations, l)
		}
		results = append(results, r)
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
