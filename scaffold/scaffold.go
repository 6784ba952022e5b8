// Package scaffold writes the stubs "curate new" adds to a dataset: the
// record of a new source, with the SHA-256 of its text, and the skeletons of
// events, measures, statements and actors, each in the one file where it
// belongs and in canonical form.
//
// A stub holds only what the tool knows (the kind, the id, the text's file
// name and hash, the cited source, the actor type the curator chose) and
// never a value the source must supply: the other required properties are
// left out, so that "curate validate" reports each of them as missing, at
// the record, until the curator has added it from the source. Nothing that
// passes validation is invented.
package scaffold

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"curate/canonical"
	"curate/diag"
	"curate/internal/safeio"
	"curate/jsonpos"
	"curate/schema"
)

// Refusal is an error that leaves the dataset as it was because what was
// asked would make it wrong: an id that exists, a source that does not.
type Refusal struct{ Msg string }

func (r *Refusal) Error() string { return r.Msg }

func refuse(format string, args ...any) error { return &Refusal{fmt.Sprintf(format, args...)} }

// UsageError is an argument that cannot be used as given.
type UsageError struct{ Msg string }

func (u *UsageError) Error() string { return u.Msg }

func usage(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// ParseError is a dataset file that does not parse: the dataset's ids cannot
// be known, so nothing is added until it is fixed.
type ParseError struct{ Diagnostics diag.List }

func (p *ParseError) Error() string {
	return fmt.Sprintf("%d dataset files do not parse", len(p.Diagnostics))
}

// Dataset is a dataset directory as scaffold sees it: where each id is
// defined, and each source's text file.
type Dataset struct {
	dir     string   // the dataset directory as given
	root    *os.Root // opened on dir
	set     *schema.Set
	fm      *canonical.Formatter
	limit   int64
	ids     map[string]string // id -> display path of the file defining it
	sources map[string]source // source id -> what the record says
}

// source is what a source record says about its text.
type source struct {
	file    string // the "file" property
	sha256  string
	defined string // display path of the dataset file that holds it
	rel     string // that file, relative to the dataset directory
}

// Open reads every *.json file under dir (as curate validate does: through
// an os.Root of dir, with safeio, names starting with a dot left out) to
// learn the ids and sources defined. limit is the largest file read (0:
// safeio.DefaultLimit). A file that does not parse is a *ParseError.
func Open(dir string, set *schema.Set, limit int64) (*Dataset, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		msg := "not a directory"
		if err != nil {
			msg = safeio.DescribeDir(err)
		}
		return nil, usage("--dataset %s: %s", dir, msg)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, usage("--dataset %s: %s", dir, safeio.DescribeDir(err))
	}
	fm, err := canonical.New(set)
	if err != nil {
		root.Close()
		return nil, err
	}
	d := &Dataset{dir: dir, root: root, set: set, fm: fm, limit: limit, ids: map[string]string{}, sources: map[string]source{}}
	var bad diag.List
	err = fs.WalkDir(root.FS(), ".", func(rel string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && rel != "." && strings.HasPrefix(e.Name(), ".") {
			return fs.SkipDir
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		display := canonical.DisplayPath(filepath.Join(dir, filepath.FromSlash(rel)))
		data, err := safeio.ReadIn(root, filepath.FromSlash(rel), limit)
		if err != nil {
			return fmt.Errorf("%s: %s", display, safeio.Describe(err))
		}
		v, errs := jsonpos.Parse(data)
		if len(errs) > 0 {
			bad = append(bad, canonical.ParseDiagnostics(display, data, errs)...)
			return nil
		}
		d.learn(v, display, rel)
		return nil
	})
	if err != nil {
		root.Close()
		return nil, err
	}
	if len(bad) > 0 {
		root.Close()
		bad.Sort()
		return nil, &ParseError{bad}
	}
	return d, nil
}

// Close releases the dataset directory.
func (d *Dataset) Close() error { return d.root.Close() }

// learn notes the ids and sources of one parsed file.
func (d *Dataset) learn(v any, display, rel string) {
	obj, _ := v.(map[string]any)
	recs, _ := obj["records"].([]any)
	for _, r := range recs {
		rec, _ := r.(map[string]any)
		id, _ := rec["id"].(string)
		if id == "" {
			continue
		}
		if _, seen := d.ids[id]; !seen {
			d.ids[id] = display
		}
		if rec["kind"] == "source" {
			file, _ := rec["file"].(string)
			sum, _ := rec["sha256"].(string)
			d.sources[id] = source{file, sum, display, rel}
		}
	}
}

// Stub is a record written by NewSource or NewRecord.
type Stub struct {
	ID      string
	File    string // display path of the dataset file it was written to
	Created bool   // the file did not exist before
	Pointer string // the record's JSON pointer in the file, e.g. /records/2
	// TextFile is the name the source's text must have in the sources
	// directory (NewSource only).
	TextFile string
	// SHA256 is the hash of the source's text (NewSource only).
	SHA256 string
}

// idPattern returns the pattern the schema gives ids of a kind.
func (d *Dataset) idPattern(kind string) (*regexp.Regexp, error) {
	v, ok := d.set.Resolve(schema.Base + "defs.schema.json#/$defs/" + kind + "Id")
	m, _ := v.(map[string]any)
	p, _ := m["pattern"].(string)
	if !ok || p == "" {
		return nil, fmt.Errorf("the schema defines no pattern for %s ids ($defs/%sId)", kind, kind)
	}
	return regexp.Compile(p)
}

// checkID refuses an id of the wrong form or one already defined.
func (d *Dataset) checkID(kind, id string) error {
	re, err := d.idPattern(kind)
	if err != nil {
		return err
	}
	if !re.MatchString(id) {
		return usage("--id %q is not a %s id: %q followed by lower-case words of letters and digits joined by hyphens, e.g. %s-2022-02-24-example", id, kind, kind+"-", kind)
	}
	if where, ok := d.ids[id]; ok {
		return refuse("%s already exists, in %s: ids are unique across the dataset; choose another --id", id, where)
	}
	return nil
}

// NewSource hashes the text file at textPath (read with safeio) and adds a
// source record for it to sources/STEM.json, STEM being the text file's
// name without its extension: kind, id (id, or "source-" and the lower-case
// stem), file (the text's base name) and sha256. The other required
// properties (source_type, title, published) are left for the curator.
func (d *Dataset) NewSource(textPath, id string) (*Stub, error) {
	base := filepath.Base(textPath)
	if !regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$`).MatchString(base) {
		return nil, usage("--file %s: the text file's name must be letters, digits, dots, hyphens and underscores ending in .txt (the schema's form of a source's \"file\"); rename it", textPath)
	}
	data, err := safeio.ReadFile(textPath, d.limit)
	if err != nil {
		return nil, usage("--file %s: %s", textPath, safeio.Describe(err))
	}
	stem := strings.TrimSuffix(base, ".txt")
	if id == "" {
		id = "source-" + strings.ToLower(strings.ReplaceAll(stem, "_", "-"))
		if re, err := d.idPattern("source"); err == nil && !re.MatchString(id) {
			return nil, usage("the file name %s does not make a source id (%s): give one with --id", base, id)
		}
	}
	if err := d.checkID("source", id); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	for sid, s := range sortedSources(d.sources) {
		if s.sha256 == hash {
			return nil, refuse("this text is already source %s (%s), with the same SHA-256", sid, s.defined)
		}
		if s.file == base {
			return nil, refuse("source %s (%s) already has the text file %s: rename the new text", sid, s.defined, base)
		}
	}
	rec := &canonical.Object{Members: []canonical.Member{
		{Key: "kind", Value: "source"},
		{Key: "id", Value: id},
		{Key: "file", Value: base},
		{Key: "sha256", Value: hash},
	}}
	stub, err := d.add(path.Join("sources", stem+".json"), id, rec)
	if err != nil {
		return nil, err
	}
	stub.TextFile, stub.SHA256 = base, hash
	return stub, nil
}

// sortedSources iterates over sources in id order.
func sortedSources(m map[string]source) func(yield func(string, source) bool) {
	return func(yield func(string, source) bool) {
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if !yield(id, m[id]) {
				return
			}
		}
	}
}

// Kinds lists the kinds NewRecord writes.
var Kinds = []string{"event", "measure", "statement", "actor"}

// ActorFiles maps each file of actors/ to the actor type its actors have,
// "" when it holds several (organisations: organisation, body, media).
var ActorFiles = map[string]string{
	"people":        "person",
	"states":        "state",
	"organisations": "",
	"groups":        "group",
	"companies":     "company",
}

// actorFile returns the file of actors/ and the actor type for --type,
// given as a file name (people, states, ...) or an actor type (person,
// state, organisation, body, media, group, company).
func actorFile(t string) (file, actorType string, ok bool) {
	if at, ok := ActorFiles[t]; ok {
		return t, at, true
	}
	switch t {
	case "person":
		return "people", t, true
	case "state":
		return "states", t, true
	case "organisation", "body", "media":
		return "organisations", t, true
	case "group":
		return "groups", t, true
	case "company":
		return "companies", t, true
	}
	return "", "", false
}

// ActorTypes is what --type accepts, for messages.
const ActorTypes = "people, states, organisations, groups, companies (or an actor type: person, state, organisation, body, media, group, company)"

// NewRecord adds the skeleton of a record of kind (event, measure,
// statement or actor) with the given id: events, measures and statements to
// KINDs/STEM.json, STEM being the name of the text file of sourceID
// without its extension (sourceID is required for them); actors to
// actors/FILE.json for actorType (see ActorTypes), with their actor_type
// when actorType says it. With a source, the skeleton cites it:
// "citations": [{"source": ...}], its evidence left for the curator.
func (d *Dataset) NewRecord(kind, id, sourceID, actorType string) (*Stub, error) {
	if !slices.Contains(Kinds, kind) {
		return nil, usage("unknown kind %q: use source, %s", kind, strings.Join(Kinds, ", "))
	}
	if id == "" {
		return nil, usage("--id is required: the new %s's id, e.g. %s-2022-02-24-example", kind, kind)
	}
	var rel, at string
	switch kind {
	case "actor":
		if actorType == "" {
			return nil, usage("--type is required for an actor: %s", ActorTypes)
		}
		file, t, ok := actorFile(actorType)
		if !ok {
			return nil, usage("unknown --type %q: use %s", actorType, ActorTypes)
		}
		rel, at = path.Join("actors", file+".json"), t
	default:
		if actorType != "" {
			return nil, usage("--type is for actors only")
		}
		if sourceID == "" {
			return nil, usage("--source is required for a %s: the id of the source it is drawn from (its file is %ss/STEM.json, STEM the source's text file name)", kind, kind)
		}
	}
	if err := d.checkID(kind, id); err != nil {
		return nil, err
	}
	if sourceID != "" {
		src, ok := d.sources[sourceID]
		if !ok {
			if where, ok := d.ids[sourceID]; ok {
				return nil, refuse("--source %s is not a source record (%s)", sourceID, where)
			}
			return nil, refuse("--source %s: no such source in %s (add it first with curate new source --file TEXT)", sourceID, d.dir)
		}
		if rel == "" {
			stem := strings.TrimSuffix(src.file, ".txt")
			if stem == "" || stem == src.file || strings.ContainsAny(stem, `/\`) {
				stem = strings.TrimSuffix(path.Base(src.rel), ".json")
			}
			rel = path.Join(kind+"s", stem+".json")
		}
	}
	rec := &canonical.Object{Members: []canonical.Member{{Key: "kind", Value: kind}, {Key: "id", Value: id}}}
	if at != "" {
		rec.Members = append(rec.Members, canonical.Member{Key: "actor_type", Value: at})
	}
	if sourceID != "" {
		cite := &canonical.Object{Members: []canonical.Member{{Key: "source", Value: sourceID}}}
		rec.Members = append(rec.Members, canonical.Member{Key: "citations", Value: []any{cite}})
	}
	return d.add(rel, id, rec)
}

// add appends rec to the records of the file rel (slash path inside the
// dataset directory), creating it (and its directory) when missing, and
// writes the file in canonical form, atomically.
func (d *Dataset) add(rel, id string, rec *canonical.Object) (*Stub, error) {
	name := filepath.FromSlash(rel)
	display := canonical.DisplayPath(filepath.Join(d.dir, name))
	abs, err := filepath.Abs(filepath.Join(d.dir, name))
	if err != nil {
		return nil, err
	}
	absDir, err := filepath.Abs(d.dir)
	if err != nil {
		return nil, err
	}
	stub := &Stub{ID: id, File: display}
	var doc *canonical.Object
	perm := fs.FileMode(0o644)
	info, err := d.root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		stub.Created = true
		doc = &canonical.Object{Members: []canonical.Member{{Key: "records", Value: []any{}}}}
		if err := d.root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, fmt.Errorf("%s: %s", display, safeio.DescribeDir(err))
		}
	case err != nil:
		return nil, fmt.Errorf("%s: %s", display, safeio.Describe(err))
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: a symbolic link or not a regular file: not rewritten", display)
	default:
		perm = info.Mode().Perm()
		data, err := safeio.ReadIn(d.root, name, d.limit)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", display, safeio.Describe(err))
		}
		if _, errs := jsonpos.Parse(data); len(errs) > 0 {
			return nil, &ParseError{canonical.ParseDiagnostics(display, data, errs)}
		}
		v, err := canonical.Decode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", display, err)
		}
		var ok bool
		if doc, ok = v.(*canonical.Object); !ok {
			return nil, refuse("%s is not an object with a records array: fix it first", display)
		}
	}
	i := slices.IndexFunc(doc.Members, func(m canonical.Member) bool { return m.Key == "records" })
	if i < 0 {
		doc.Members = append(doc.Members, canonical.Member{Key: "records", Value: []any{}})
		i = len(doc.Members) - 1
	}
	recs, ok := doc.Members[i].Value.([]any)
	if !ok {
		return nil, refuse("%s: records is not an array: fix it first", display)
	}
	doc.Members[i].Value = append(recs, rec)
	res, errs := d.fm.Format(rel, canonical.Encode(doc), canonical.SchemaRef(abs, absDir))
	if errs != nil {
		return nil, fmt.Errorf("%s: the new record does not format: %s", display, errs[0].Msg)
	}
	// Where the record landed once sorted.
	v, _ := canonical.Decode(res.Output)
	out, _ := v.(*canonical.Object).Get("records")
	for n, r := range out.([]any) {
		if o, ok := r.(*canonical.Object); ok {
			if rid, _ := o.Get("id"); rid == id {
				stub.Pointer = fmt.Sprintf("/records/%d", n)
			}
		}
	}
	if err := canonical.WriteFileIn(d.root, name, res.Output, perm); err != nil {
		return nil, fmt.Errorf("%s: %v; the dataset is as it was", display, err)
	}
	d.ids[id] = display
	return stub, nil
}
