// Package xlsx writes the tables (curate/export/table) as one Excel
// workbook: an about sheet with the dataset's metadata, its sources and the
// codebook, then a sheet per table, continued on further sheets when a
// table is longer than a sheet holds.
package xlsx

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"curate/export/table"
	"curate/record"
	"curate/schema"

	"github.com/xuri/excelize/v2"
)

// AboutSheet is the name of the workbook's first sheet, which explains the
// workbook: the dataset's title, version, schema version, licence, how to
// cite it, its sources and the codebook (how to read dates, each table's
// notes and every column).
const AboutSheet = "about"

// Write writes the tables as one workbook: the about sheet first, then a
// sheet per table named after it, in the tables' order (the flat tables
// first); a table of more than MaxSheetRows rows continues on further
// sheets (SheetNames), which the about sheet names. Each table sheet has a bold, frozen header row with an
// autofilter (an Excel table), column widths fitted to the content up to
// MaxColumnWidth characters, long texts wrapped in their cells, day dates
// as date cells (number format yyyy-mm-dd) beside the EDTF text they come
// from, numbers as numbers, web addresses as hyperlinks, and every text as
// a text cell, so a value such as "=1+1" is never a formula. Every sheet
// prints in landscape, fitted to the page's width, and a table sheet
// repeats its header row at the top of every printed page. Sheets are
// written with excelize's StreamWriter, so memory stays flat as tables
// grow.
func Write(w io.Writer, meta record.Metadata, sources []record.Source, tables []*table.Table) error {
	all := func(yield func(*record.Source) bool) {
		for i := range sources {
			if !yield(&sources[i]) {
				return
			}
		}
	}
	return WriteFrom(w, meta, all, tables)
}

// WriteFrom writes the workbook as Write does, the about sheet listing the
// sources of the sequence, in order.
func WriteFrom(w io.Writer, meta record.Metadata, sources iter.Seq[*record.Source], tables []*table.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       meta.Title,
		Description: meta.Description,
		Version:     meta.Version,
		Creator:     "curate",
		Created:     "2000-01-01T00:00:00Z",
		Modified:    "2000-01-01T00:00:00Z",
		Language:    "en",
	}); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", AboutSheet); err != nil {
		return err
	}
	// Before any sheet is streamed: SetActiveSheet reads every sheet, and
	// reading a streamed sheet loads all its rows into memory.
	f.SetActiveSheet(0)
	if err := writeAbout(f, st, meta, sources, tables); err != nil {
		return err
	}
	for _, t := range tables {
		if err := writeTableSheet(f, st, t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
	}
	// excelize writes its parts in map order; copy them into w sorted by
	// name, with fixed times, so that the same tables give the same bytes.
	tmp, err := os.CreateTemp("", "curate-xlsx-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := f.Write(tmp); err != nil {
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	return sortedZip(w, tmp, size)
}

// zipTime is the modification time of every entry of the workbook's zip,
// as of the release zip's: the earliest a zip can hold, never the clock.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// sortedZip copies the zip archive in r to w with its entries sorted by
// name and every modification time set to zipTime, without recompressing.
func sortedZip(w io.Writer, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := f.FileHeader
		h.Modified = zipTime
		// CreateRaw writes the MS-DOS fields as they are (it does not
		// derive them from Modified): set them to zipTime, 1980-01-01.
		h.ModifiedTime = 0
		h.ModifiedDate = uint16((zipTime.Year()-1980)<<9 | int(zipTime.Month())<<5 | zipTime.Day())
		h.Extra = nil
		h.Comment = ""
		fw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

type styles struct {
	header, date, link, title, bold, wrap int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	dateFmt := "yyyy-mm-dd"
	for _, x := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&s.date, &excelize.Style{CustomNumFmt: &dateFmt}},
		{&s.link, &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		if *x.dst, err = f.NewStyle(x.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

// cellValue converts a table cell to what the stream writer should store.
func cellValue(v any, st styles) any {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		return t
	case time.Time:
		if t.Year() < 1900 {
			return table.Text(v) // Excel has no dates before 1900: the day as text
		}
		return excelize.Cell{StyleID: st.date, Value: t}
	case json.Number:
		if x, err := strconv.ParseFloat(string(t), 64); err == nil {
			return x
		}
		return string(t)
	case int:
		return t
	}
	return table.Text(v)
}

// MaxSheetRows is the most data rows a worksheet holds (Excel's limit of
// 1,048,576 rows, less the header); a larger table continues on further
// sheets (SheetNames).
const MaxSheetRows = excelize.TotalRows - 1

// widthSample is how many rows column widths are fitted to.
const widthSample = 1000

// MaxColumnWidth is the widest a workbook column is made, in characters: a
// longer text wraps in its cell.
const MaxColumnWidth = 60

// setColWidths sets the width of each column, widths[i] being column i+1's
// through width. The stream writer puts each column set before those set
// earlier, and a spreadsheet wants them in ascending order (Excel repairs
// a sheet whose columns are not): so they are set from the last.
func setColWidths[W any](sw *excelize.StreamWriter, widths []W, width func(W) float64) error {
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, width(widths[i])); err != nil {
			return err
		}
	}
	return nil
}

// printSetup prepares a sheet for print before it is streamed: fitted to
// the page's width (as many pages down as it takes), in landscape, and,
// for a table sheet, its header row repeated on every page. It must come
// before the sheet's stream writer (which writes the sheet's properties
// first) and SetPageLayout before its Flush.
func printSetup(f *excelize.File, sheet string, header bool) error {
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); err != nil {
		return err
	}
	landscape, one, zero := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if !header {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1",
		Scope:    sheet,
	})
}

// sheetRows is the most data rows written on one table sheet: MaxSheetRows
// (a test lowers it).
var sheetRows = MaxSheetRows

// SheetNames returns the names of the sheets a table is written on: its
// own name and, for a table of more rows than a worksheet holds, the
// continuation sheets "NAME (2)", "NAME (3)", ... each with the same header
// row, the rows in order across them.
func SheetNames(t *table.Table) []string {
	names := []string{t.Name}
	for i := 2; i <= (t.Len+sheetRows-1)/sheetRows; i++ {
		names = append(names, continuation(t.Name, i))
	}
	return names
}

// continuationList names a table's continuation sheets in a sentence:
// "the sheet citations (2)", "the sheets citations (2), citations (3)".
func continuationList(names []string) string {
	if len(names) == 1 {
		return "the sheet " + names[0]
	}
	return "the sheets " + strings.Join(names, ", ")
}

// continuation is the name of a table's i-th sheet (i from 2).
func continuation(table string, i int) string {
	return fmt.Sprintf("%s (%d)", table, i)
}

// writeTableSheet writes a table on its sheet, and on continuation sheets
// (SheetNames) once a sheet holds sheetRows rows: never truncated.
func writeTableSheet(f *excelize.File, st styles, t *table.Table) error {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c.Name) + 3 // room for the filter button
	}
	// Widths come from the first rows only: a second full pass over a
	// large table would double the work for a cosmetic setting.
	seen := 0
	for row := range t.Rows {
		if seen++; seen > widthSample {
			break
		}
		for i, v := range row {
			n := utf8.RuneCountInString(table.Text(v))
			if _, ok := v.(time.Time); ok {
				n = 11
			}
			widths[i] = max(widths[i], n)
		}
	}
	// A text column with texts wider than a column can be wraps them in
	// their cells.
	wrap := make([]bool, len(t.Columns))
	for i, w := range widths {
		wrap[i] = t.Columns[i].Type == table.String && t.Columns[i].Format == "" && w+1 > MaxColumnWidth
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
	}

	var (
		sw    *excelize.StreamWriter
		sheet string
		part  int // the sheet's number among the table's, from 1
		r     int // the sheet's last row written
	)
	start := func() error {
		part++
		sheet, r = t.Name, 1
		if part > 1 {
			sheet = continuation(t.Name, part)
		}
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		if err := printSetup(f, sheet, true); err != nil {
			return err
		}
		var err error
		if sw, err = f.NewStreamWriter(sheet); err != nil {
			return err
		}
		if err := setColWidths(sw, widths, func(w int) float64 { return float64(min(max(w+1, 8), MaxColumnWidth)) }); err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		return sw.SetRow("A1", header)
	}
	finish := func() error {
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), max(r, 2))
		name := "t_" + t.Name
		if part > 1 {
			name += "_" + strconv.Itoa(part)
		}
		if err := sw.AddTable(&excelize.Table{
			Range:          "A1:" + last,
			Name:           name,
			StyleName:      "TableStyleLight1",
			ShowRowStripes: boolPtr(false),
		}); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		return nil
	}
	if err := start(); err != nil {
		return err
	}
	vals := make([]any, len(t.Columns))
	for row := range t.Rows {
		if r-1 == sheetRows {
			if err := finish(); err != nil {
				return err
			}
			if err := start(); err != nil {
				return err
			}
		}
		r++
		for i, v := range row {
			if err := checkCellText(v); err != nil {
				return fmt.Errorf("record %s, column %s: %w", table.Text(row[0]), t.Columns[i].Name, err)
			}
			vals[i] = cellValue(v, st)
			if s, ok := v.(string); ok && wrap[i] {
				vals[i] = excelize.Cell{StyleID: st.wrap, Value: s}
			} else if ok && t.Columns[i].Format == "uri" {
				vals[i] = excelize.Cell{StyleID: st.link, Value: s}
				if err := setLink(f, sheet, i+1, r, s); err != nil {
					return err
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return finish()
}

// checkCellText refuses a text longer than a cell holds: excelize would
// cut it silently. Excel counts a cell's characters in UTF-16 code units
// (an emoji counts two), and so does excelize when it cuts.
func checkCellText(v any) error {
	s, ok := v.(string)
	if !ok || len(s) <= excelize.TotalCellChars {
		return nil // never more UTF-16 units than UTF-8 bytes
	}
	if n := utf16Len(s); n > excelize.TotalCellChars {
		return fmt.Errorf("the text has %s characters; a spreadsheet cell holds at most %s", thousands(n), thousands(excelize.TotalCellChars))
	}
	return nil
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// thousands renders n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// setLink makes a cell of a sheet being streamed a hyperlink. It must be
// called before the stream writer's Flush, which writes the sheet's
// hyperlinks; set afterwards, a hyperlink is silently lost.
func setLink(f *excelize.File, sheet string, col, row int, url string) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return f.SetCellHyperLink(sheet, cell, url, "External")
}

func boolPtr(b bool) *bool { return &b }

// FlatSheetsIntro introduces the flat sheets in the about sheet, which
// lists each with what it answers.
const FlatSheetsIntro = "The first sheets are flat: one row per record, with the names of the actors and events it refers to beside their ids, its dates and its first excerpt. " +
	"The sheets after them are the normalised tables they are built from, which join on ids."

// writeAbout writes the first sheet: what the workbook is, the flat sheets
// and what each answers, its sources and its codebook.
func writeAbout(f *excelize.File, st styles, meta record.Metadata, sources iter.Seq[*record.Source], tables []*table.Table) error {
	if err := printSetup(f, AboutSheet, false); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(AboutSheet)
	if err != nil {
		return err
	}
	if err := setColWidths(sw, []float64{24, 28, 12, 10, 100}, func(w float64) float64 { return w }); err != nil {
		return err
	}
	r := 0
	row := func(vals ...any) error {
		r++
		for i, v := range vals {
			if c, ok := v.(excelize.Cell); ok {
				v = c.Value
			}
			if err := checkCellText(v); err != nil {
				cell, _ := excelize.CoordinatesToCellName(i+1, r)
				return fmt.Errorf("sheet %s, cell %s: %w", AboutSheet, cell, err)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(cell, vals)
	}
	bold := func(s string) excelize.Cell { return excelize.Cell{StyleID: st.bold, Value: s} }
	hdr := func(s string) excelize.Cell { return excelize.Cell{StyleID: st.header, Value: s} }
	steps := [][]any{
		{excelize.Cell{StyleID: st.title, Value: meta.Title}},
		{bold("version"), meta.Version},
		{bold("schema version"), schema.Version},
		{bold("licence"), meta.Licence},
		{bold("description"), meta.Description},
		{bold("how to cite"), meta.Citation},
		{"Each sheet after this one is a table of the dataset, with the same columns and rows as the CSV file of the same name; the codebook below describes every column."},
		{},
		{excelize.Cell{StyleID: st.title, Value: "Start here"}},
		{FlatSheetsIntro},
		{hdr("sheet"), hdr("answers")},
	}
	for _, t := range tables {
		if t.Derived != nil {
			steps = append(steps, []any{t.Name, t.Derived.Answers})
		}
	}
	steps = append(steps, [][]any{
		{},
		{excelize.Cell{StyleID: st.title, Value: "Sources"}},
		{hdr("id"), hdr("title"), hdr("published"), hdr("type"), hdr("url")},
	}...)
	for _, s := range steps {
		if err := row(s...); err != nil {
			return err
		}
	}
	for s := range sources {
		var url any
		if s.URL != "" {
			url = excelize.Cell{StyleID: st.link, Value: s.URL}
			if err := setLink(f, AboutSheet, 5, r+1, s.URL); err != nil {
				return err
			}
		}
		if err := row(s.ID, s.Title, s.Published.EDTF, s.SourceType, url); err != nil {
			return err
		}
	}
	for _, s := range [][]any{{}, {excelize.Cell{StyleID: st.title, Value: "Codebook"}}, {hdr("sheet"), hdr("column"), hdr("type"), hdr("required"), hdr("description")}} {
		if err := row(s...); err != nil {
			return err
		}
	}
	// The codebook's texts wrap in their column, 100 characters wide.
	wrap := func(s string) excelize.Cell { return excelize.Cell{StyleID: st.wrap, Value: s} }
	for _, n := range table.DatesNotes {
		if err := row(nil, nil, "dates", nil, wrap(n)); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := row(t.Name, nil, "table", nil, wrap(t.Description)); err != nil {
			return err
		}
		notes := t.Notes
		if names := SheetNames(t); len(names) > 1 {
			notes = append(slices.Clip(notes), fmt.Sprintf("This table has %s rows, more than a worksheet holds (%s): it continues on %s, with the same header row, the rows in order (the CSV and Parquet files hold it whole).",
				thousands(t.Len), thousands(sheetRows), continuationList(names[1:])))
		}
		for _, n := range notes {
			if err := row(t.Name, nil, "note", nil, wrap(n)); err != nil {
				return err
			}
		}
		for _, c := range t.Columns {
			req := "no"
			if c.Required {
				req = "yes"
			}
			if err := row(t.Name, c.Name, string(c.Type), req, wrap(c.Description)); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}
