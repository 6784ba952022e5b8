package main

import (
	"os"
	"path/filepath"
	"testing"

	"curate/internal/synth"
)

// TestRemove: -force removes what the generator wrote, and nothing else.
func TestRemove(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "dataset")
	os.MkdirAll(real, 0o755)
	os.WriteFile(filepath.Join(real, "dataset.json"), []byte("{}"), 0o644)
	if err := remove(real, real+"-sources"); err == nil {
		t.Error("a directory without the generator's manifest was removed")
	}
	if _, err := os.Stat(filepath.Join(real, "dataset.json")); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(base, "d")
	if _, err := synth.Generate(out, synth.Options{N: synth.MinN}); err != nil {
		t.Fatal(err)
	}
	if err := remove(out, real); err == nil {
		t.Error("a sources directory the manifest does not name was removed")
	}
	if err := remove(out, out+"-sources"); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{out, out + "-sources"} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s: %v, want removed", d, err)
		}
	}
	if err := remove(out, out+"-sources"); err != nil {
		t.Errorf("nothing to remove: %v", err)
	}
}
