package cache

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func open(t *testing.T, dir, schema string) *Dir {
	t.Helper()
	c, err := Open(dir, "test-format", func(w io.Writer) { io.WriteString(w, schema) })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLoadStore: what is stored loads back under its key, and only there;
// another identity or context is another key.
func TestLoadStore(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, "schema 1")
	key := c.Key("context\n", []byte("data"))
	if _, ok := c.Load(key); ok {
		t.Fatal("an empty cache loads an entry")
	}
	c.Store(key, []byte("payload"))
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Load(key); !ok || string(got) != "payload" {
		t.Fatalf("Load = %q, %v; want the payload", got, ok)
	}
	for name, other := range map[string]string{
		"context":  c.Key("context 2\n", []byte("data")),
		"data":     c.Key("context\n", []byte("data 2")),
		"identity": open(t, dir, "schema 2").Key("context\n", []byte("data")),
	} {
		if other == key {
			t.Errorf("another %s gives the same key", name)
		}
	}
}

// TestIgnored: a corrupt, truncated or foreign entry is not loaded.
func TestIgnored(t *testing.T) {
	c := open(t, t.TempDir(), "")
	key, other := c.Key("", []byte("a")), c.Key("", []byte("b"))
	c.Store(key, []byte("payload of a"))
	c.Store(other, []byte("payload of b"))
	good, err := os.ReadFile(c.path(key))
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := os.ReadFile(c.path(other))
	for name, b := range map[string][]byte{
		"corrupt":   append(good[:len(good)-1:len(good)-1], good[len(good)-1]^0xff),
		"truncated": good[:len(good)/2],
		"short":     good[:10],
		"foreign":   foreign,
		"not one":   []byte("not a cache entry"),
	} {
		if err := os.WriteFile(c.path(key), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Load(key); ok {
			t.Errorf("%s entry: loaded %q", name, got)
		}
	}
}

// TestWriteError: a cache that cannot be written keeps the first error.
func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, "")
	key := c.Key("", nil)
	// A file where the entry's folder would go.
	if err := os.WriteFile(filepath.Join(dir, key[:2]), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c.Store(key, []byte("x"))
	if c.Err() == nil {
		t.Error("no error reported")
	}
}

// TestCodec: what Encoder writes Decoder reads; a bad count stops it.
func TestCodec(t *testing.T) {
	var e Encoder
	e.Int(-3)
	e.Bool(true)
	e.Str("héllo")
	e.JSON(map[string]int{"a": 1})
	d := NewDecoder(e.Bytes())
	var m map[string]int
	n, b, s := d.Int(), d.Bool(), d.Str()
	d.JSON(&m)
	if n != -3 || !b || s != "héllo" || m["a"] != 1 || d.Err() != nil || !d.Done() {
		t.Errorf("read back %d %v %q %v, err %v, done %v", n, b, s, m, d.Err(), d.Done())
	}
	var bad Encoder
	bad.Int(100) // a string of 100 bytes, none there
	d = NewDecoder(bad.Bytes())
	if d.Str() != "" || d.Err() == nil || d.Int() != 0 {
		t.Error("a count past the end is not a problem")
	}
}
