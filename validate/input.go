package validate

import (
	"curate/diag"
	"curate/internal/jsonfiles"
	"curate/internal/safeio"
)

// DefaultMaxFileSize is the largest file curate reads when no limit is
// given: a dataset file, a source text or a schema file. A larger file is a
// located "read" error, never read into memory; --max-file-size raises it.
const DefaultMaxFileSize = safeio.DefaultLimit

// inputs expands paths into the JSON files to read (see package
// jsonfiles), with a "read" error for each path that cannot be read; done
// closes the directories opened, after the run.
func inputs(paths []string) (ins []jsonfiles.File, done func(), l diag.List) {
	ins, problems, done := jsonfiles.Find(paths)
	for _, p := range problems {
		l = append(l, diag.Diagnostic{File: p.Path, Pos: diag.NoPos, Severity: diag.Error, Rule: RuleRead, Message: p.Msg})
	}
	return ins, done, l
}
