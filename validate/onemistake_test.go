package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/diag"
	"curate/validate"
)

// TestOneMistakeOneError makes one syntax mistake of each class in the
// base's actors file, whose actors the other file refers to, and asserts
// that the whole dataset reports exactly one error: the mistake, not false
// "does not exist" errors for the actors the broken file still declares.
func TestOneMistakeOneError(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join(baseDir, "actors.json"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(orig)
	cases := []struct {
		name, old, new string
		rule           string
	}{
		{"missing comma between properties", `"actor_type": "body",` + "\n      \"label\": \"town council", `"actor_type": "body"` + "\n      \"label\": \"town council", "syntax"},
		{"missing comma between records", "    },\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-ana-rivers\"", "    }\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-ana-rivers\"", "syntax"},
		{"missing closing brace", "      ]\n    },\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-ana-rivers\"", "      ]\n    ,\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-ana-rivers\"", "syntax"},
		{"missing closing bracket", "    }\n  ]\n}", "    }\n}", "syntax"},
		{"trailing comma", `"evidence": "she told reporters"`, `"evidence": "she told reporters",`, "trailing-comma"},
		{"trailing comma in an array", "of Northvale met on Tuesday\"\n        }\n      ]", "of Northvale met on Tuesday\"\n        },\n      ]", "trailing-comma"},
		{"typographic quotes", `"label": "town council of Northvale"`, "“label”: “town council of Northvale”", "syntax"},
		{"single quotes", `"label": "town council of Northvale"`, `'label': 'town council of Northvale'`, "syntax"},
		{"unterminated string", `"label": "town council of Northvale",`, `"label": "town council of Northvale,`, "syntax"},
		{"missing colon", `"label": "town council of Northvale"`, `"label" "town council of Northvale"`, "syntax"},
		{"unquoted key", `"label": "town council of Northvale"`, `label: "town council of Northvale"`, "syntax"},
		{"comment", `"label": "town council of Northvale",`, `"label": "town council of Northvale", // the council`, "comment"},
		{"duplicate key", `"label": "town council of Northvale",`, `"label": "town council of Northvale", "label": "council",`, "duplicate-key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(src, tc.old) {
				t.Fatalf("the base's actors.json lacks %q", tc.old)
			}
			dir := t.TempDir()
			copyDir(t, baseDir, dir)
			write(t, filepath.Join(dir, "actors.json"), []byte(strings.Replace(src, tc.old, tc.new, 1)))
			res, err := validate.Run([]string{dir}, validate.Options{SourcesDir: sourcesDir})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != tc.rule {
				var b bytes.Buffer
				diag.Text{}.Write(&b, res.Diagnostics, res.Summary)
				t.Errorf("want exactly one %s diagnostic, got:\n%s", tc.rule, b.String())
			}
		})
	}
}
