package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"curate/diag"
	"curate/record"
)

const sample = "# header\n\nFirst paragraph: “quoted” words.\n\nSecond paragraph.\n"

func open(t *testing.T) *Texts {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	ts, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ts.Close)
	return ts
}

func hash(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }

// TestLoad: a source's text is read inside the directory and held to its
// hash; each problem is placed below the source record.
func TestLoad(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  record.Source
		want []Problem // Msg and Hint not compared
	}{
		{"good", record.Source{File: "a.txt", SHA256: hash(sample)}, nil},
		{"no file", record.Source{}, nil},
		{"outside", record.Source{File: "../a.txt", SHA256: hash(sample)}, []Problem{{Ptr: "/file", Rule: RuleSourcePath, Inner: -1, Once: true}}},
		{"missing", record.Source{File: "b.txt"}, []Problem{{Ptr: "/file", Rule: RuleSourceFile, Inner: -1}}},
		{"other hash", record.Source{File: "a.txt", SHA256: hash("x")}, []Problem{{Ptr: "/sha256", Rule: RuleSourceHash, Inner: -1}}},
		{"no hash", record.Source{File: "a.txt"}, []Problem{{Ptr: "", Rule: RuleSourceHash, Inner: -1, Amend: `missing property "sha256"`}}},
	} {
		ts := open(t)
		got := ts.Load("source-a", &tt.src)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d problems, want %d: %+v", tt.name, len(got), len(tt.want), got)
			continue
		}
		for i, p := range got {
			p.Msg, p.Hint = "", ""
			if p != tt.want[i] {
				t.Errorf("%s: %+v, want %+v", tt.name, p, tt.want[i])
			}
		}
		if !ts.Loaded("source-a") {
			t.Errorf("%s: not loaded", tt.name)
		}
	}
}

// TestCheck: excerpts are checked against loaded texts, wait for the
// others, and are settled once every text is loaded.
func TestCheck(t *testing.T) {
	ts := open(t)
	ts.Load("source-a", &record.Source{File: "a.txt", SHA256: hash(sample)})
	cite := func(ptr, source, evidence, locator string) record.Excerpt {
		return record.Excerpt{Pointer: ptr, Citation: record.Citation{Source: source, Evidence: evidence, Locator: locator}}
	}
	xs := []record.Excerpt{
		cite("/citations/0", "source-a", "First  paragraph:\n“quoted”", "paragraph 1"),
		cite("/citations/1", "source-a", `First paragraph: "quoted"`, ""),
		cite("/citations/2", "source-a", "Second paragraph.", "paragraph 1"),
		cite("/citations/3", "source-b", "anything", ""),
	}
	left, q, ps := ts.Check(xs, &Quote{Ptr: "/text", Text: "words", Sources: []string{"source-a"}})
	if len(left) != 1 || left[0].Source != "source-b" || q != nil {
		t.Errorf("left %+v and %+v, want the excerpt of source-b alone", left, q)
	}
	want := []Problem{
		{Ptr: "/citations/1/evidence", Rule: RuleEvidence, Inner: 17},
		{Ptr: "/citations/2/locator", Rule: RuleLocator, Severity: diag.Warning, Inner: -1},
	}
	if len(ps) != len(want) {
		t.Fatalf("problems %+v, want %+v", ps, want)
	}
	for i, p := range ps {
		p.Msg, p.Hint = "", ""
		if p != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, p, want[i])
		}
	}
	if ps := ts.Settle(left, nil); len(ps) != 0 || !ts.Loaded("source-b") {
		t.Errorf("an unknown source: %+v, loaded %v", ps, ts.Loaded("source-b"))
	}
	if _, _, ps := (*Texts)(nil).Check(xs, nil); ps != nil || (*Texts)(nil).Key() != "no sources" {
		t.Error("without a sources directory something was checked")
	}
}
