package export

import (
	"encoding/json"
	"testing"

	"curate/schema"
)

// TestVersionPatternIsTheSchemas checks that Release's version pattern is
// the one schema/dataset.schema.json gives "version".
func TestVersionPatternIsTheSchemas(t *testing.T) {
	set, err := schema.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	_, files := set.Files()
	var s struct {
		Properties struct {
			Version struct{ Pattern string }
		}
	}
	if err := json.Unmarshal(files["dataset.schema.json"], &s); err != nil {
		t.Fatal(err)
	}
	if s.Properties.Version.Pattern != versionPattern.String() {
		t.Errorf("Release checks %q, the schema says %q", versionPattern, s.Properties.Version.Pattern)
	}
}
