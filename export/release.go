package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"curate/browse"
	"curate/changes"
	"curate/export/table"
	"curate/internal/atomicset"
	"curate/record"
	"curate/releasezip"
	"curate/schema"
)

// Bundle file names (inside the bundle's top folder).
const (
	DataPackageFile = "datapackage.json"
	CodebookFile    = "CODEBOOK.md"
	ReadmeFile      = "README.md"
	SumsFile        = "SHA256SUMS"
	SchemaDir       = "schema"
	ChangesFile     = "CHANGES.md"  // with a previous release: the changes since, for people
	ChangesCSVFile  = "changes.csv" // with a previous release: every value changed since
)

// zipTime is the modification time of every zip entry: the earliest a zip
// can hold, so that the bundle depends on nothing but its content.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// BrowseLimit is the largest dataset, in records, whose release bundle
// holds the browsable page (index.html): the page takes about 4 KB a
// record, and a page of hundreds of megabytes is not one a browser opens.
// Larger datasets are browsed in the workbook or the SQLite database.
const BrowseLimit = 20000

// ReleaseName returns the bundle's base name for a dataset version, e.g.
// "curate-0.1.0".
func ReleaseName(version string) string { return "curate-" + version }

// versionPattern is the pattern schema/dataset.schema.json gives
// "version". The version names the release file and its top folder, and a
// run may validate against another schema (--schema), so Release checks it
// again before anything is written.
var versionPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

// Release builds the release bundle of ds in dir: one zip, named after the
// dataset's version, holding every export (CSV, XLSX, JSON-LD, Parquet, SQLite), the
// schema, a Frictionless Data Package descriptor, a codebook, a README and
// SHA256SUMS, all under one top folder; and LICENSE, CITATION.cff (when
// dataset.json names authors) and dataset/, the dataset's records as
// canonical dataset files (DatasetFiles), from which a release is read
// back. The zip is deterministic: entries sorted by name, fixed times and
// modes. A version that is not
// MAJOR.MINOR.PATCH is refused before anything is written. The bundle's
// files are staged in a directory dir/.curate-stage-release-RAND, removed
// afterwards (also when ctx is cancelled, which returns ctx.Err()), and the
// zip is written to a temporary file renamed into place (into a missing
// dir, a staged directory renamed into place), so dir holds the previous
// zip or the complete new one.
func Release(ctx context.Context, dir string, ds *record.Dataset, set *schema.Set, opts Options) (atomicset.Written, error) {
	return ReleaseWith(ctx, dir, ds, set, opts, nil)
}

// ReleaseWith is Release for a release that follows another: with
// previous (the records of the previous release) not nil, the bundle also
// holds CHANGES.md, a summary of the records added, removed and changed
// since, and changes.csv, every value changed (see package changes).
func ReleaseWith(ctx context.Context, dir string, ds *record.Dataset, set *schema.Set, opts Options, previous *record.Dataset) (atomicset.Written, error) {
	return release(ctx, dir, table.DatasetSource(ds), set, opts, previous)
}

// ReleaseSource is ReleaseWith for the records of src, such as a
// store.Store (previous may be nil).
func ReleaseSource(ctx context.Context, dir string, src table.Source, set *schema.Set, opts Options, previous *record.Dataset) (atomicset.Written, error) {
	return release(ctx, dir, src, set, opts, previous)
}

// release builds the release bundle of the records of src (see
// ReleaseWith).
func release(ctx context.Context, dir string, src table.Source, set *schema.Set, opts Options, previous *record.Dataset) (atomicset.Written, error) {
	meta := src.Metadata()
	version := meta.Version
	if version == "" {
		return atomicset.Written{}, fmt.Errorf("the dataset has no version (dataset.json)")
	}
	if !versionPattern.MatchString(version) {
		return atomicset.Written{}, fmt.Errorf("the dataset's version %q (dataset.json) is not MAJOR.MINOR.PATCH, such as 1.0.0: it names the release file, so nothing was written", version)
	}
	outs, rows, tables, err := plan(src, set, Formats, opts)
	if err != nil {
		return atomicset.Written{}, err
	}
	names, files := set.Files()
	for _, n := range names {
		b := files[n]
		outs = append(outs, atomicset.Output{Name: path.Join(SchemaDir, n), Write: func(w io.Writer) error { _, err := w.Write(b); return err }})
	}
	var report *changes.Report
	if previous != nil {
		// The comparison needs both versions whole, in memory.
		ds, err := src.Dataset()
		if err != nil {
			return atomicset.Written{}, err
		}
		if report, err = changes.Compare(previous, ds); err != nil {
			return atomicset.Written{}, err
		}
	}
	n := table.RecordCount(src)
	outs = append(outs,
		atomicset.Output{Name: CodebookFile, Write: func(w io.Writer) error { return WriteCodebook(w, meta, tables) }},
		atomicset.Output{Name: ReadmeFile, Write: func(w io.Writer) error {
			return writeBundleReadme(w, meta, counts(src), tables, baseIRI(meta, opts), report)
		}},
		atomicset.Output{Name: LicenseFile, Write: func(w io.Writer) error { return WriteLicense(w, meta) }},
	)
	if len(meta.Authors) > 0 {
		outs = append(outs, atomicset.Output{Name: CitationFile, Write: func(w io.Writer) error { return WriteCitation(w, meta) }})
	}
	if n <= BrowseLimit {
		outs = append(outs, atomicset.Output{Name: browse.File, Cost: int64(n), Write: func(w io.Writer) error {
			ds, err := src.Dataset()
			if err != nil {
				return err
			}
			return browse.Write(w, ds, browse.Options{})
		}})
	}
	if report != nil {
		outs = append(outs,
			atomicset.Output{Name: ChangesFile, Write: func(w io.Writer) error { return changes.WriteMarkdown(w, meta.Title, report) }},
			atomicset.Output{Name: ChangesCSVFile, Write: func(w io.Writer) error { return changes.WriteCSV(w, report) }},
		)
	}
	dsFiles, err := datasetFiles(src, set)
	if err != nil {
		return atomicset.Written{}, err
	}
	outs = append(outs, dsFiles...)
	name := ReleaseName(version)
	// The bundle's files are staged, then zipped; once the zip holds them,
	// the staged files go, before the zip's commit: a run killed after it
	// leaves nothing behind.
	return atomicset.WriteStaged(ctx, dir, "release", func(st atomicset.Stage) (atomicset.Output, error) {
		if _, err := st.Write(ctx, outs); err != nil {
			return atomicset.Output{}, err
		}
		// The descriptor records each resource's size and hash, so it comes
		// after the files it describes; SHA256SUMS covers everything else.
		dp, err := dataPackage(st.Path(), meta, set, tables, rows)
		if err != nil {
			return atomicset.Output{}, err
		}
		if _, err := st.Write(ctx, []atomicset.Output{{Name: DataPackageFile, Write: func(w io.Writer) error { return writeJSON(w, dp) }}}); err != nil {
			return atomicset.Output{}, err
		}
		entries, err := listFiles(st.Path())
		if err != nil {
			return atomicset.Output{}, err
		}
		sums, err := sha256Sums(st.Path(), entries)
		if err != nil {
			return atomicset.Output{}, err
		}
		if _, err := st.Write(ctx, []atomicset.Output{{Name: SumsFile, Write: func(w io.Writer) error { _, err := io.WriteString(w, sums); return err }}}); err != nil {
			return atomicset.Output{}, err
		}
		entries = append(entries, SumsFile)
		slices.Sort(entries)
		return atomicset.Output{Name: name + ".zip", Write: func(w io.Writer) error {
			if err := releasezip.Write(w, st.Path(), name, entries, zipTime); err != nil {
				return err
			}
			st.Remove()
			return nil
		}}, nil
	})
}

// listFiles returns the slash paths of the regular files under root, sorted.
func listFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func fileSHA256(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// sha256Sums renders the entries' hashes in the format sha256sum -c reads.
func sha256Sums(root string, entries []string) (string, error) {
	var b strings.Builder
	for _, e := range entries {
		sum, _, err := fileSHA256(filepath.Join(root, filepath.FromSlash(e)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, e)
	}
	return b.String(), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
