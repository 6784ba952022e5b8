package export

// The bundle's dataset/ folder: the dataset's records as canonical dataset
// files, so that a release can be read back (curate diff) by the same
// validator as a dataset directory, losslessly.

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"path"
	"slices"
	"strings"

	"curate/canonical"
	"curate/export/table"
	"curate/internal/atomicset"
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
func DatasetFiles(ds *record.Dataset, set *schema.Set) ([]atomicset.Output, error) {
	return datasetFiles(table.DatasetSource(ds), set)
}

// datasetFiles returns the dataset files of the records of src (see
// DatasetFiles). Which file each record goes in is found in one pass over
// the records; each output then reads its records, formats and writes
// them when it is written, so that only one file's records are in memory
// at a time.
func datasetFiles(src table.Source, set *schema.Set) ([]atomicset.Output, error) {
	fm, err := canonical.New(set)
	if err != nil {
		return nil, err
	}
	stems := map[string]string{} // source id -> text file stem
	for s := range src.Sources() {
		stems[strings.Clone(s.ID)] = strings.Clone(stem(s.File, s.ID))
	}
	// Each record by its kind and position in id order, by file; each
	// file's records in id order, as canonical form sorts them.
	type at struct {
		kind record.Kind
		i    int32
	}
	files := map[string][]at{}
	for _, k := range record.Kinds {
		var seq iter.Seq[record.Record]
		switch k {
		case record.KindActor:
			seq = records(src.Actors())
		case record.KindSource:
			seq = records(src.Sources())
		case record.KindEvent:
			seq = records(src.Events())
		case record.KindMeasure:
			seq = records(src.Measures())
		case record.KindStatement:
			seq = records(src.Statements())
		}
		i := int32(0)
		for r := range seq {
			f := datasetFile(r, stems)
			files[f] = append(files[f], at{k, i})
			i++
		}
	}
	if err := src.Err(); err != nil {
		return nil, err
	}
	format := func(w io.Writer, name string, v any, schemaRef string) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		res, errs := fm.Format(name, data, schemaRef)
		if len(errs) > 0 {
			return fmt.Errorf("%s: %s", name, errs[0].Msg)
		}
		_, err = w.Write(res.Output)
		return err
	}
	meta := src.Metadata()
	outs := []atomicset.Output{{Name: path.Join(DatasetDir, canonical.MetadataFile), Write: func(w io.Writer) error {
		return format(w, canonical.MetadataFile, meta, "../"+SchemaDir+"/"+schema.DatasetFile)
	}}}
	for _, n := range slices.Sorted(maps.Keys(files)) {
		refs := files[n]
		outs = append(outs, atomicset.Output{Name: path.Join(DatasetDir, n), Cost: int64(len(refs)), Write: func(w io.Writer) error {
			recs := make([]record.Record, len(refs))
			for j, a := range refs {
				r, err := src.At(a.kind, int(a.i))
				if err != nil {
					return err
				}
				recs[j] = r
			}
			return format(w, n, struct {
				Records []record.Record `json:"records"`
			}{recs}, "../../"+SchemaDir+"/"+schema.RecordsFile)
		}})
	}
	return outs, nil
}

// records turns a sequence of records of one kind into one of
// record.Record.
func records[P record.Record](seq iter.Seq[P]) iter.Seq[record.Record] {
	return func(yield func(record.Record) bool) {
		for r := range seq {
			if !yield(r) {
				return
			}
		}
	}
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
