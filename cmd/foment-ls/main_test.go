package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFormats(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.scm")
	os.WriteFile(bad, []byte("(import (foment base))\n(make-socket *sock-stream* *af-inet* 0)\n"), 0o644)
	good := filepath.Join(dir, "sub", "good.scm")
	os.MkdirAll(filepath.Dir(good), 0o755)
	os.WriteFile(good, []byte("(import (scheme base))\n(define x 1)\n"), 0o644)

	var out, errb bytes.Buffer
	if code := checkCmd([]string{good}, &out, &errb); code != 0 || out.Len() != 0 {
		t.Errorf("clean file: exit %d, output %q", code, out.String())
	}
	out.Reset()
	if code := checkCmd([]string{dir}, &out, &errb); code != 1 {
		t.Errorf("directory with an error: exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], bad+":2:14: error: ") || !strings.HasSuffix(lines[0], "[socket-kind]") {
		t.Errorf("text output:\n%s", out.String())
	}
	out.Reset()
	checkCmd([]string{"--format", "json", bad}, &out, &errb)
	var js []map[string]any
	if err := json.Unmarshal(out.Bytes(), &js); err != nil || len(js) != 2 || js[0]["code"] != "socket-kind" {
		t.Errorf("json output %v: %s", err, out.String())
	}
	out.Reset()
	checkCmd([]string{"--format", "sarif", bad}, &out, &errb)
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &sarif); err != nil {
		t.Fatal(err)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || sarif.Runs[0].Tool.Driver.Name != "foment-ls" ||
		len(sarif.Runs[0].Results) != 2 || sarif.Runs[0].Results[0].Level != "error" ||
		sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine != 2 ||
		len(sarif.Runs[0].Tool.Driver.Rules) != 1 {
		t.Errorf("sarif: %+v", sarif)
	}
	if code := checkCmd([]string{"--format", "xml", bad}, &out, &errb); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
	if code := checkCmd([]string{filepath.Join(dir, "missing.scm")}, &out, &errb); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
}

// The bundled example with mistakes reports each of them.
func TestMistakesExample(t *testing.T) {
	var out, errb bytes.Buffer
	if code := checkCmd([]string{"../../examples/mistakes/server.scm"}, &out, &errb); code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, code := range []string{"socket-kind", "socket-string", "socket-flag", "recv-size", "socket-constant", "unbound"} {
		if !strings.Contains(out.String(), "["+code+"]") {
			t.Errorf("no %s in\n%s", code, out.String())
		}
	}
}
