package schema

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyEmbedded writes the embedded schema files into a new directory.
func copyEmbedded(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	names, _ := fs.Glob(Embedded(), "*.schema.json")
	for _, n := range names {
		b, _ := fs.ReadFile(Embedded(), n)
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadDirHostile: a --schema directory with a named pipe, a symbolic
// link to a device or out of the directory, or a syntax error gives a clear
// error, located where it can be, and never hangs.
func TestLoadDirHostile(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"valid copy", func(t *testing.T, dir string) {}, ""},
		{"named pipe", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "x.schema.json"), 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
		}, "x.schema.json: not a regular file (a named pipe): not read"},
		{"symlink to a device", func(t *testing.T, dir string) {
			os.Symlink("/dev/zero", filepath.Join(dir, "z.schema.json"))
		}, "z.schema.json: a symbolic link or path that leads outside the directory given: not read"},
		{"symlink outside", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "actor.schema.json"))
			os.Symlink("../../../../etc/passwd", filepath.Join(dir, "actor.schema.json"))
		}, "actor.schema.json: a symbolic link or path that leads outside the directory given: not read"},
		{"stray comma", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "actor.schema.json")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), "{", "{,", 1)), 0o644)
		}, "actor.schema.json:1:2: unexpected \",\": expected a property name in double quotes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyEmbedded(t)
			tt.setup(t, dir)
			done := make(chan error, 1)
			go func() { _, err := LoadDir(dir); done <- err }()
			select {
			case err := <-done:
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("LoadDir: %v", err)
				case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
					t.Errorf("LoadDir error %v, want one containing %q", err, tt.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("LoadDir hangs")
			}
		})
	}
	if _, err := LoadDir(filepath.Join(t.TempDir(), "nope")); err == nil || !strings.Contains(err.Error(), "no such directory") {
		t.Errorf("a missing directory: %v", err)
	}
}
