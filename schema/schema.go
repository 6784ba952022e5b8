// Package schema embeds the dataset's JSON Schema (draft 2020-12) and
// compiles it once, with format assertion on and without ever fetching a
// $ref from the network. It also answers questions about the schema that
// messages and codebooks need: a keyword's value, a property's description.
package schema

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"curate/edtf"
	"curate/internal/safeio"
	"curate/jsonpos"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed *.schema.json
var embedded embed.FS

// Base is the URI all schema $ids start with. The host is reserved
// (.invalid) and never resolves: the ids name the schemas, nothing is
// fetched from them.
const Base = "https://curate.invalid/schema/" + Version + "/"

// Version is the schema's version: every schema file gives it in its
// "version" and in its $id, and dataset.json names the version its data
// follows (schema_version).
const Version = "2.0.0"

// Files holding the two entry points.
const (
	RecordsFile = "records.schema.json" // a file of records in dataset/
	DatasetFile = "dataset.schema.json" // dataset/dataset.json, the metadata
)

// Set is the compiled schema.
type Set struct {
	Records *jsonschema.Schema // validates a records file
	Record  *jsonschema.Schema // validates one item of a records file's records array
	// Kinds validates a record of a known kind directly by its kind's
	// schema, which is what Record does through if/then, without
	// evaluating the other kinds' conditions.
	Kinds map[string]*jsonschema.Schema
	// Checkers answers, for a record of a known kind, whether it is valid,
	// faster than Kinds; nil for a kind whose schema uses a keyword the
	// Checker does not support (then Kinds alone decides).
	Checkers map[string]*Checker
	Dataset  *jsonschema.Schema // validates dataset.json
	docs     map[string]any     // parsed schema documents by URL
	names    []string           // file names, sorted
	raw      map[string][]byte  // file bytes by name
}

// Embedded returns the schema files built into the binary.
func Embedded() fs.FS { return embedded }

// Load compiles the schema files of fsys (use Embedded() for the built-in
// schema, os.DirFS(dir) for a directory given with --schema).
func Load(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.schema.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.schema.json files found")
	}
	slices.Sort(names)
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.Formats["edtf"] = func(v any) bool {
		s, ok := v.(string)
		if !ok {
			return true
		}
		_, err := edtf.Parse(s)
		return err == nil
	}
	c.Formats["uri"] = func(v any) bool {
		s, ok := v.(string)
		return !ok || IsURI(s)
	}
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s is not among the schema files: curate never fetches schemas", u)
	}
	s := &Set{docs: map[string]any{}, names: names, raw: map[string][]byte{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		doc, errs := jsonpos.Parse(b)
		if len(errs) > 0 {
			line, col := jsonpos.NewLines(b).Position(errs[0].Offset)
			return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, errs[0].Msg)
		}
		m, _ := doc.(map[string]any)
		if v, _ := m["version"].(string); v != Version {
			return nil, fmt.Errorf("%s: declares schema version %q; this curate reads schema %s (\"version\": %q)", name, v, Version, Version)
		}
		if id, _ := m["$id"].(string); id != Base+name {
			return nil, fmt.Errorf("%s: $id is %q, want %q", name, id, Base+name)
		}
		s.docs[Base+name] = doc
		s.raw[name] = b
		if err := c.AddResource(Base+name, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	if s.Records, err = c.Compile(Base + RecordsFile); err != nil {
		return nil, err
	}
	if s.Record, err = c.Compile(Base + RecordsFile + "#/properties/records/items"); err != nil {
		return nil, err
	}
	s.Kinds = map[string]*jsonschema.Schema{}
	s.Checkers = map[string]*Checker{}
	for _, k := range []string{"actor", "source", "event", "measure", "statement"} {
		if s.Kinds[k], err = c.Compile(Base + k + ".schema.json"); err != nil {
			return nil, err
		}
		if ch := s.checker(Base + k + ".schema.json#"); ch != nil {
			s.Checkers[k] = ch
		}
	}
	if s.Dataset, err = c.Compile(Base + DatasetFile); err != nil {
		return nil, err
	}
	return s, nil
}

// LoadDir compiles the schema in dir, or the embedded one when dir is "".
// The files of dir are read as any input is (see safeio): inside dir only,
// regular files only, without blocking, at most safeio.DefaultLimit bytes
// each.
func LoadDir(dir string) (*Set, error) {
	if dir == "" {
		return Load(embedded)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("--schema %s: %s", dir, safeio.DescribeDir(err))
	}
	defer root.Close()
	s, err := Load(safeFS{root})
	if err != nil {
		return nil, fmt.Errorf("--schema %s: %w", dir, err)
	}
	return s, nil
}

// safeFS reads the files of a root as safeio does.
type safeFS struct{ root *os.Root }

func (s safeFS) Open(name string) (fs.File, error) { return s.root.FS().Open(name) }

func (s safeFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.root.FS(), name) }

func (s safeFS) ReadFile(name string) ([]byte, error) {
	data, err := safeio.ReadIn(s.root, name, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, safeio.Describe(err))
	}
	return data, nil
}

// Files returns the schema files' names and bytes, sorted by name, so that a
// release can ship exactly the schema it was validated with.
func (s *Set) Files() (names []string, data map[string][]byte) { return s.names, s.raw }

// Resolve returns the schema value at an absolute keyword location such as
// "https://curate.invalid/schema/event.schema.json#/properties/id", and false
// when there is none.
func (s *Set) Resolve(loc string) (any, bool) {
	u, frag, _ := strings.Cut(loc, "#")
	v, ok := s.docs[u]
	if !ok {
		return nil, false
	}
	return jsonpos.Lookup(v, frag)
}

// Parent returns the location of the schema object that holds the keyword
// at loc (loc with its last pointer segment removed).
func Parent(loc string) string {
	if i := strings.LastIndexByte(loc, '/'); i >= 0 && strings.Contains(loc[:i+1], "#") {
		return loc[:i]
	}
	return loc
}

// Describe returns the description of the schema object at loc, following
// a $ref when the object has no description of its own.
func (s *Set) Describe(loc string) string {
	for range 8 {
		v, ok := s.Resolve(loc)
		if !ok {
			return ""
		}
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		if d, ok := m["description"].(string); ok {
			return d
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return ""
		}
		loc = s.resolveRef(loc, ref)
	}
	return ""
}

func (s *Set) resolveRef(from, ref string) string {
	u, _, _ := strings.Cut(from, "#")
	if strings.HasPrefix(ref, "#") {
		return u + ref
	}
	if strings.Contains(ref, "://") {
		return ref
	}
	file, frag, _ := strings.Cut(ref, "#")
	u = path.Dir(strings.TrimPrefix(u, "https://"))
	return "https://" + u + "/" + file + "#" + frag
}

// IsURI reports whether s is an absolute URI as RFC 3986 defines it: ASCII
// characters of the URI grammar only, every "%" followed by two hexadecimal
// digits, at most one "#", and a scheme. (jsonschema/v5's own "uri" check,
// Go's url.Parse, also accepts spaces, non-ASCII letters and characters such
// as "<", "|" and "^", which JSON Schema's "uri" format and other validators
// reject.)
func IsURI(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	if strings.Count(s, "#") > 1 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
