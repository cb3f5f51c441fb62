package lsp

import (
	"encoding/json"

	"go.lsp.dev/uri"
)

// semantic token legend: the indexes are what the tokens encode.
var tokenTypes = []string{"keyword", "function", "variable", "parameter", "macro", "string", "number",
	"comment", "enumMember", "type", "operator"}
var tokenModifiers = []string{"declaration", "defaultLibrary", "readonly"}

func (s *Server) initialize(params json.RawMessage) (any, error) {
	var p struct {
		RootURI  string `json:"rootUri"`
		RootPath string `json:"rootPath"`
		// initializationOptions: the settings of .foment-ls.json (libraryPath, severity).
		InitializationOptions json.RawMessage `json:"initializationOptions"`
		WorkspaceFolders      []struct {
			URI string `json:"uri"`
		} `json:"workspaceFolders"`
		Capabilities struct {
			General struct {
				PositionEncodings []string `json:"positionEncodings"`
			} `json:"general"`
			Workspace struct {
				Configuration bool `json:"configuration"`
			} `json:"workspace"`
			Window struct {
				WorkDoneProgress bool `json:"workDoneProgress"`
			} `json:"window"`
			TextDocument struct {
				Completion struct {
					CompletionItem struct {
						ResolveSupport struct {
							Properties []string `json:"properties"`
						} `json:"resolveSupport"`
					} `json:"completionItem"`
				} `json:"completion"`
			} `json:"textDocument"`
		} `json:"capabilities"`
	}
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		roots = append(roots, uri.URI(f.URI).Filename())
	}
	if len(roots) == 0 && p.RootURI != "" {
		roots = append(roots, uri.URI(p.RootURI).Filename())
	}
	if len(roots) == 0 && p.RootPath != "" {
		roots = append(roots, p.RootPath)
	}
	encoding := "utf-16"
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == "utf-8" {
			encoding = "utf-8"
		}
	}
	s.mu.Lock()
	s.roots = roots
	s.utf8 = encoding == "utf-8"
	s.resolveDocs = contains(p.Capabilities.TextDocument.Completion.CompletionItem.ResolveSupport.Properties, "documentation")
	s.workDone = p.Capabilities.Window.WorkDoneProgress
	s.mu.Unlock()
	s.readSettings(p.InitializationOptions, roots, p.Capabilities.Workspace.Configuration)
	caps := map[string]any{
		"positionEncoding": encoding,
		"textDocumentSync": map[string]any{"openClose": true, "change": 2, "save": map[string]any{"includeText": false}},
		"hoverProvider":    true,
		"completionProvider": map[string]any{
			"triggerCharacters": []string{"(", "*", "-"},
			"resolveProvider":   true,
		},
		"signatureHelpProvider":           map[string]any{"triggerCharacters": []string{"(", " "}},
		"definitionProvider":              true,
		"referencesProvider":              true,
		"documentHighlightProvider":       true,
		"renameProvider":                  map[string]any{"prepareProvider": true},
		"documentSymbolProvider":          true,
		"workspaceSymbolProvider":         true,
		"foldingRangeProvider":            true,
		"selectionRangeProvider":          true,
		"codeActionProvider":              map[string]any{"codeActionKinds": []string{"quickfix"}},
		"documentFormattingProvider":      true,
		"documentRangeFormattingProvider": true,
		"inlayHintProvider":               true,
		"semanticTokensProvider": map[string]any{
			"legend": map[string]any{"tokenTypes": tokenTypes, "tokenModifiers": tokenModifiers},
			"full":   map[string]any{"delta": true},
			"range":  true,
		},
	}
	caps["documentOnTypeFormattingProvider"] = onTypeTriggers
	return map[string]any{
		"capabilities": caps,
		"serverInfo":   map[string]any{"name": "foment-ls", "version": Version},
	}, nil
}
