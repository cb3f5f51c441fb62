package lsp

import (
	"strings"
	"testing"
)

// A client that resolves completion items gets their documentation when it asks; a list
// longer than maxCompletions is cut and marked incomplete.
func TestCompletionResolveAndLimit(t *testing.T) {
	c := newTestClient(t)
	var res map[string]any
	if err := c.call("initialize", map[string]any{"rootUri": "file://" + t.TempDir(), "capabilities": map[string]any{
		"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{
			"resolveSupport": map[string]any{"properties": []string{"documentation", "detail"}}}}}}}, &res); err != nil {
		t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	uri := "file:///tmp/c.scm"
	text := "(import (srfi 106))\n" + manyDefinitions(400) + "(make-cl"
	open(c, uri, text)
	c.waitVersion(uri, 1)
	line := strings.Count(text, "\n")
	var list struct {
		IsIncomplete bool             `json:"isIncomplete"`
		Items        []map[string]any `json:"items"`
	}
	if err := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": 8}}, &list); err != nil {
		t.Fatal(err)
	}
	var item map[string]any
	for _, it := range list.Items {
		if it["label"] == "make-client-socket" {
			item = it
		}
	}
	if item == nil || item["documentation"] != nil || item["data"] == nil {
		t.Fatalf("make-client-socket, without its documentation and with data: %v", item)
	}
	var resolved struct {
		Documentation struct{ Value string } `json:"documentation"`
	}
	if err := c.call("completionItem/resolve", item, &resolved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resolved.Documentation.Value, "(make-client-socket") {
		t.Errorf("resolved documentation: %q", resolved.Documentation.Value)
	}
	// After "(", every name matches: 400 definitions and the builtins.
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": 1}}, &list)
	if !list.IsIncomplete || len(list.Items) != maxCompletions {
		t.Errorf("%d items, incomplete %v; want %d, incomplete", len(list.Items), list.IsIncomplete, maxCompletions)
	}
}
