package schema

import (
	"encoding/json"
	"io/fs"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestMetaschema checks every schema file against the draft 2020-12
// metaschema (which jsonschema/v5 embeds, so nothing is fetched).
func TestMetaschema(t *testing.T) {
	meta, err := jsonschema.Compile("https://json-schema.org/draft/2020-12/schema")
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(Embedded(), "*.schema.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no schema files: %v", err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(Embedded(), name)
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := meta.Validate(doc); err != nil {
			t.Errorf("%s does not follow the 2020-12 metaschema: %#v", name, err)
		}
	}
}

// TestEveryPropertyDescribed checks that every property of every schema has
// a description: the descriptions are the codebook of every export.
func TestEveryPropertyDescribed(t *testing.T) {
	set, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	names, _ := set.Files()
	for _, name := range names {
		var walk func(v any, ptr string)
		walk = func(v any, ptr string) {
			switch x := v.(type) {
			case map[string]any:
				if props, ok := x["properties"].(map[string]any); ok {
					for p, ps := range props {
						if ps == true {
							continue // a marker naming a required property for strict validators, not its definition
						}
						loc := Base + name + "#" + ptr + "/properties/" + p
						if p != "$schema" && set.Describe(loc) == "" {
							t.Errorf("%s: property %s has no description", name, ptr+"/properties/"+p)
						}
					}
				}
				for k, c := range x {
					if k == "if" {
						continue // a condition, not properties of the record
					}
					walk(c, ptr+"/"+k)
				}
			case []any:
				for i, c := range x {
					walk(c, ptr+"/"+strconv.Itoa(i))
				}
			}
		}
		v, _ := set.Resolve(Base + name)
		walk(v, "")
	}
}

func TestIsURI(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.org/a/b?c=d#e": true,
		"https://example.org/%C3%A4":    true,
		"http://example.org":            true,
		"https://example.org/ä":         false,
		"https://example.org/a b":       false,
		"https://example.org/a|b":       false,
		"https://example.org/a#b#c":     false,
		"https://example.org/%zz":       false,
		"https://example.org/100%":      false,
		"example.org/relative":          false,
		"https://example.org/<script>":  false,
		"mailto:someone@example.org":    true,
		"":                              false,
	} {
		if got := IsURI(s); got != want {
			t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
}
