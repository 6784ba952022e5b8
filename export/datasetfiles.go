package export

// The bundle's dataset/ folder: the dataset's records as canonical dataset
// files, so that a release can be read back (curate diff) by the same
// validator as a dataset directory, losslessly.

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"curate/canonical"
	"curate/record"
	"curate/schema"
)

// DatasetDir is the bundle's folder of dataset files.
const DatasetDir = "dataset"

// actorFiles names the file of actors/ for each actor type, as curate new
// places actors (scaffold.ActorFiles): people, states, organisations
// (organisations, bodies and media), groups, companies.
var actorFiles = map[string]string{
	"person":       "people",
	"state":        "states",
	"organisation": "organisations",
	"body":         "organisations",
	"media":        "organisations",
	"group":        "groups",
	"company":      "companies",
}

// DatasetFiles returns the dataset as dataset files in canonical form (as
// curate fmt writes them), laid out as curate new places records:
// dataset.json; sources/STEM.json for each source, STEM being its text
// file's name without the extension; events/, measures/ and statements/
// STEM.json by the source each record cites first; actors/FILE.json by
// actor type (people, states, organisations, groups, companies). Each
// file's "$schema" is the relative path to the schema files beside
// DatasetDir in the bundle. The records are those validated, so the files
// are valid; every value is kept (an empty optional list, which the record
// model does not keep, is left out).
func DatasetFiles(ds *record.Dataset, set *schema.Set) ([]Output, error) {
	fm, err := canonical.New(set)
	if err != nil {
		return nil, err
	}
	stems := map[string]string{} // source id -> text file stem
	for _, s := range ds.Sources {
		stems[s.ID] = stem(s.File, s.ID)
	}
	files := map[string][]record.Record{}
	for r := range ds.All() {
		files[datasetFile(r, stems)] = append(files[datasetFile(r, stems)], r)
	}
	format := func(name string, v any, schemaRef string) (Output, error) {
		data, err := json.Marshal(v)
		if err != nil {
			return Output{}, err
		}
		res, errs := fm.Format(name, data, schemaRef)
		if len(errs) > 0 {
			return Output{}, fmt.Errorf("%s: %s", name, errs[0].Msg)
		}
		return Output{Name: path.Join(DatasetDir, name), Write: func(w io.Writer) error { _, err := w.Write(res.Output); return err }}, nil
	}
	meta, err := format(canonical.MetadataFile, ds.Meta, "../"+SchemaDir+"/"+schema.DatasetFile)
	if err != nil {
		return nil, err
	}
	outs := []Output{meta}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		o, err := format(n, struct {
			Records []record.Record `json:"records"`
		}{files[n]}, "../../"+SchemaDir+"/"+schema.RecordsFile)
		if err != nil {
			return nil, err
		}
		outs = append(outs, o)
	}
	return outs, nil
}

// datasetFile is the file, below DatasetDir, that holds a record.
func datasetFile(r record.Record, stems map[string]string) string {
	folder := string(r.RecordKind()) + "s/"
	switch t := r.(type) {
	case *record.Actor:
		if f, ok := actorFiles[t.ActorType]; ok {
			return folder + f + ".json"
		}
		return folder + "actors.json"
	case *record.Source:
		return folder + stems[t.ID] + ".json"
	}
	if cs := r.Cites(); len(cs) > 0 {
		if s, ok := stems[cs[0].Source]; ok {
			return folder + s + ".json"
		}
	}
	return folder + string(r.RecordKind()) + "s.json"
}

// stem is a source's text file name without its folder and extension, or
// its id when that leaves nothing usable.
func stem(file, id string) string {
	s := path.Base(strings.ReplaceAll(file, "\\", "/"))
	s = strings.TrimSuffix(s, path.Ext(s))
	if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") {
		return id
	}
	return s
}
