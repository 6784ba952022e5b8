package table

import (
	"fmt"
	"iter"

	"curate/record"
)

// Source is what an export reads: the dataset's metadata and its records,
// each kind in id order. It is a dataset in memory (DatasetSource) or a
// store of records on disk (curate/export/store). Iterations may run at the
// same time, on several goroutines.
type Source interface {
	// Metadata returns the dataset's metadata.
	Metadata() record.Metadata
	// Count is the number of records of kind k.
	Count(k record.Kind) int
	// Actors, Sources, Events, Measures and Statements visit the records
	// of a kind, in id order.
	Actors() iter.Seq[*record.Actor]
	Sources() iter.Seq[*record.Source]
	Events() iter.Seq[*record.Event]
	Measures() iter.Seq[*record.Measure]
	Statements() iter.Seq[*record.Statement]
	// At returns the record of kind k at position i in id order.
	At(k record.Kind, i int) (record.Record, error)
	// Dataset returns every record, in memory.
	Dataset() (*record.Dataset, error)
	// Err is what went wrong reading records, or nil. An iteration that
	// fails ends early: a writer checks Err once it has written.
	Err() error
}

// Records visits every record of src, kind by kind in the order of
// record.Kinds, each kind in id order (as record.Dataset.All does).
func Records(src Source) iter.Seq[record.Record] {
	return func(yield func(record.Record) bool) {
		_ = every(src.Actors(), yield) && every(src.Sources(), yield) && every(src.Events(), yield) &&
			every(src.Measures(), yield) && every(src.Statements(), yield)
	}
}

func every[T any, P interface {
	*T
	record.Record
}](seq iter.Seq[P], yield func(record.Record) bool) bool {
	for r := range seq {
		if !yield(r) {
			return false
		}
	}
	return true
}

// RecordCount is the number of records of src.
func RecordCount(src Source) int {
	n := 0
	for _, k := range record.Kinds {
		n += src.Count(k)
	}
	return n
}

// DatasetSource returns the records of a dataset in memory, which must be
// sorted by id, as a Source.
func DatasetSource(ds *record.Dataset) Source { return datasetSource{ds} }

// datasetSource is a dataset in memory, its records sorted by id.
type datasetSource struct{ ds *record.Dataset }

func (d datasetSource) Metadata() record.Metadata { return d.ds.Meta }

func (d datasetSource) Count(k record.Kind) int {
	switch k {
	case record.KindActor:
		return len(d.ds.Actors)
	case record.KindSource:
		return len(d.ds.Sources)
	case record.KindEvent:
		return len(d.ds.Events)
	case record.KindMeasure:
		return len(d.ds.Measures)
	case record.KindStatement:
		return len(d.ds.Statements)
	}
	return 0
}

func (d datasetSource) Actors() iter.Seq[*record.Actor]         { return each(d.ds.Actors) }
func (d datasetSource) Sources() iter.Seq[*record.Source]       { return each(d.ds.Sources) }
func (d datasetSource) Events() iter.Seq[*record.Event]         { return each(d.ds.Events) }
func (d datasetSource) Measures() iter.Seq[*record.Measure]     { return each(d.ds.Measures) }
func (d datasetSource) Statements() iter.Seq[*record.Statement] { return each(d.ds.Statements) }
func (d datasetSource) Dataset() (*record.Dataset, error)       { return d.ds, nil }
func (d datasetSource) Err() error                              { return nil }

func (d datasetSource) At(k record.Kind, i int) (record.Record, error) {
	switch k {
	case record.KindActor:
		return &d.ds.Actors[i], nil
	case record.KindSource:
		return &d.ds.Sources[i], nil
	case record.KindEvent:
		return &d.ds.Events[i], nil
	case record.KindMeasure:
		return &d.ds.Measures[i], nil
	case record.KindStatement:
		return &d.ds.Statements[i], nil
	}
	return nil, fmt.Errorf("no record kind %q", k)
}
