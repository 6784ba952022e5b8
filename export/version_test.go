package export_test

import (
	"context"
	"curate/export"
	"curate/record"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var ctx = context.Background()

// TestReleaseRefusesVersion checks that a version that could name a file
// outside the output directory (a user may replace the schema, so the
// schema's pattern is not enough) is refused before anything is written.
func TestReleaseRefusesVersion(t *testing.T) {
	set := loadSchema(t)
	ds := &record.Dataset{Meta: record.Metadata{Title: "t", Licence: "CC0-1.0"}}
	for _, v := range []string{"x/../../../E", "../1.0.0", "1.0.0/..", "1.0", "1.0.0-rc.1", "01.0.0", "1.0.0\\x", ""} {
		root := t.TempDir()
		bad := *ds
		bad.Meta.Version = v
		_, err := export.Release(ctx, filepath.Join(root, "a", "b", "out"), &bad, set, export.Options{})
		if err == nil || !strings.Contains(err.Error(), "version") || v != "" && !strings.Contains(err.Error(), fmt.Sprintf("%q", v)) {
			t.Errorf("version %q: error %v, want one naming the version", v, err)
		}
		sameEntries(t, root, nil)
	}
}

// entries returns every name under root (slash paths; folders end in "/",
// symbolic links as "name -> target").
func entries(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			rel += "/"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			rel += " -> " + target
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameEntries fails the test unless root holds exactly the names want.
func sameEntries(t *testing.T, root string, want []string) {
	t.Helper()
	if got := entries(t, root); !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", root, got, want)
	}
}
