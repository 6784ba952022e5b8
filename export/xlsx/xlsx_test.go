package xlsx_test

import (
	"archive/zip"
	"bytes"
	"curate/export/internal/exporttest"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"curate/export/table"
	"curate/export/xlsx"
	"curate/record"
	"curate/schema"

	"github.com/xuri/excelize/v2"
)

// writeXLSX writes the workbook of ds and opens it again with excelize.
func writeXLSX(t *testing.T, ds *record.Dataset, tables []*table.Table) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, ds.Meta, ds.Sources, tables); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize.OpenReader: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestXLSXAbout checks the first sheet: what the workbook is, its sources
// and a codebook row for every column of every table.
func TestXLSXAbout(t *testing.T) {
	for _, tc := range exporttest.Datasets(t) {
		t.Run(tc.Name, func(t *testing.T) {
			tables := table.Tables(tc.DS, tc.Set)
			f, _ := writeXLSX(t, tc.DS, tables)
			sheets := f.GetSheetList()
			want := []string{xlsx.AboutSheet}
			for _, tb := range tables {
				want = append(want, tb.Name)
			}
			if !slices.Equal(sheets, want) {
				t.Fatalf("sheets %q, want %q", sheets, want)
			}
			if sheets[0] != "about" {
				t.Errorf("first sheet %q, want about", sheets[0])
			}
			if i := f.GetActiveSheetIndex(); i != 0 {
				t.Errorf("active sheet %d, want 0 (about)", i)
			}
			rows, err := f.GetRows(xlsx.AboutSheet)
			if err != nil {
				t.Fatal(err)
			}
			has := func(cells ...string) int {
				for i, r := range rows {
					if len(r) >= len(cells) && slices.Equal(r[:len(cells)], cells) {
						return i + 1
					}
				}
				return 0
			}
			m := tc.DS.Meta
			if len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] != m.Title {
				t.Errorf("about: first cell is not the title %q", m.Title)
			}
			for _, kv := range [][2]string{{"version", m.Version}, {"schema version", schema.Version}, {"licence", m.Licence}, {"how to cite", m.Citation}, {"description", m.Description}} {
				if has(kv[0], kv[1]) == 0 {
					t.Errorf("about: no row %q", kv)
				}
			}
			for _, s := range tc.DS.Sources {
				r := has(s.ID, s.Title, s.Published.EDTF, s.SourceType)
				if r == 0 {
					t.Errorf("about: no row for source %s", s.ID)
					continue
				}
				if s.URL != "" {
					cell := cellName(t, 5, r)
					v, _ := f.GetCellValue(xlsx.AboutSheet, cell)
					ok, target, err := f.GetCellHyperLink(xlsx.AboutSheet, cell)
					if err != nil || !ok || target != s.URL || v != s.URL {
						t.Errorf("about: source %s url cell %s = %q, hyperlink %v %q %v; want %q", s.ID, cell, v, ok, target, err, s.URL)
					}
				}
			}
			for _, tb := range tables {
				if has(tb.Name, "", "table", "", tb.Description) == 0 {
					t.Errorf("about: no codebook row for table %s", tb.Name)
				}
				for _, n := range tb.Notes {
					if has(tb.Name, "", "note", "", n) == 0 {
						t.Errorf("about: no row for a note of table %s: %.40q...", tb.Name, n)
					}
				}
				for _, c := range tb.Columns {
					req := "no"
					if c.Required {
						req = "yes"
					}
					if c.Description == "" {
						t.Errorf("codebook: %s.%s has no description", tb.Name, c.Name)
					}
					if has(tb.Name, c.Name, string(c.Type), req, c.Description) == 0 {
						t.Errorf("about: no codebook row for %s.%s (%s, required %s)", tb.Name, c.Name, c.Type, req)
					}
				}
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Title != m.Title || props.Version != m.Version {
				t.Errorf("document properties title %q version %q, want %q %q", props.Title, props.Version, m.Title, m.Version)
			}
		})
	}
}

// TestXLSXSheetsEqualCSV opens the workbook again and compares every table
// sheet with the CSV table cell by cell, checking each cell's type.
func TestXLSXSheetsEqualCSV(t *testing.T) {
	for _, tc := range exporttest.Datasets(t) {
		t.Run(tc.Name, func(t *testing.T) {
			tables := table.Tables(tc.DS, tc.Set)
			files := exporttest.CSVOf(t, tables)
			f, _ := writeXLSX(t, tc.DS, tables)
			for _, tb := range tables {
				checkSheet(t, f, tb, exporttest.ReadCSV(t, tb.Name, files[tb.Name]))
			}
		})
	}
}

func checkSheet(t *testing.T, f *excelize.File, tb *table.Table, c *exporttest.CSV) {
	t.Helper()
	sheet := tb.Name
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	formatted, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	if len(raw) != len(c.Rows)+1 {
		t.Errorf("%s: %d rows in the sheet, %d in the CSV (with header)", sheet, len(raw), len(c.Rows)+1)
	}
	cell := func(rows [][]string, r, i int) string {
		if r < len(rows) && i < len(rows[r]) {
			return rows[r][i]
		}
		return ""
	}
	style := func(ref string) *excelize.Style {
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatalf("%s!%s: GetCellStyle: %v", sheet, ref, err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatalf("%s!%s: GetStyle(%d): %v", sheet, ref, id, err)
		}
		return s
	}
	// The header: bold column names.
	for i, col := range tb.Columns {
		ref := cellName(t, i+1, 1)
		if got := cell(raw, 0, i); got != col.Name {
			t.Errorf("%s!%s: header %q, want %q", sheet, ref, got, col.Name)
		}
		if s := style(ref); s.Font == nil || !s.Font.Bold {
			t.Errorf("%s!%s: header cell is not bold", sheet, ref)
		}
	}
	// Frozen header row.
	p, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
		t.Errorf("%s: panes %+v, want the first row frozen", sheet, p)
	}
	// One table (autofilter) covering the header and the data rows (at
	// least one row, as Excel requires).
	tbls, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantRange := "A1:" + cellName(t, len(tb.Columns), max(len(c.Rows)+1, 2))
	if len(tbls) != 1 || tbls[0].Range != wantRange {
		var got []string
		for _, x := range tbls {
			got = append(got, x.Range)
		}
		t.Errorf("%s: tables with ranges %q, want one with range %s", sheet, got, wantRange)
	}

	for r, row := range c.Rows {
		for i, want := range row {
			col := tb.Columns[i]
			ref := cellName(t, i+1, r+2)
			got := cell(raw, r+1, i)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			if want == "" {
				if got != "" || typ != excelize.CellTypeUnset {
					t.Errorf("%s!%s (%s): %q of type %v, want an empty cell", sheet, ref, col.Name, got, typ)
				}
				continue
			}
			numeric := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset // "n" is the default type
			switch col.Type {
			case table.Date:
				if want < "1900" {
					// Excel has no dates before 1900: the day is text.
					if got != want || typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s (%s): %q of type %v, want the text %q (a day before 1900)", sheet, ref, col.Name, got, typ, want)
					}
					break
				}
				if _, err := strconv.ParseFloat(got, 64); err != nil || !numeric {
					t.Errorf("%s!%s (%s): raw value %q of type %v, want a date serial number", sheet, ref, col.Name, got, typ)
				}
				if v := cell(formatted, r+1, i); v != want {
					t.Errorf("%s!%s (%s): date shows as %q, want %q", sheet, ref, col.Name, v, want)
				}
				if s := style(ref); s.CustomNumFmt == nil || *s.CustomNumFmt != "yyyy-mm-dd" {
					t.Errorf("%s!%s (%s): number format %d %v, want yyyy-mm-dd", sheet, ref, col.Name, s.NumFmt, s.CustomNumFmt)
				}
			case table.Number:
				x, err1 := strconv.ParseFloat(got, 64)
				y, err2 := strconv.ParseFloat(want, 64)
				if err1 != nil || err2 != nil || x != y || !numeric {
					t.Errorf("%s!%s (%s): %q of type %v, want the number %s", sheet, ref, col.Name, got, typ, want)
				}
			case table.Integer:
				if got != want || !numeric {
					t.Errorf("%s!%s (%s): %q of type %v, want the integer %s", sheet, ref, col.Name, got, typ, want)
				}
			default:
				if got != want {
					t.Errorf("%s!%s (%s): %q, want %q", sheet, ref, col.Name, got, want)
				}
				if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s (%s): %q has cell type %v, want a text cell", sheet, ref, col.Name, got, typ)
				}
				if fm, err := f.GetCellFormula(sheet, ref); err != nil || fm != "" {
					t.Errorf("%s!%s (%s): %q has formula %q (%v)", sheet, ref, col.Name, got, fm, err)
				}
				if v, _ := f.GetCellValue(sheet, ref); v != want {
					t.Errorf("%s!%s (%s): shows as %q, want %q", sheet, ref, col.Name, v, want)
				}
			}
			ok, target, err := f.GetCellHyperLink(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			if col.Format == "uri" {
				if !ok || target != want {
					t.Errorf("%s!%s (%s): hyperlink %v %q, want %q", sheet, ref, col.Name, ok, target, want)
				}
				if s := style(ref); s.Font == nil || s.Font.Underline != "single" {
					t.Errorf("%s!%s (%s): hyperlink not styled as a link", sheet, ref, col.Name)
				}
			} else if ok {
				t.Errorf("%s!%s (%s): unexpected hyperlink %q", sheet, ref, col.Name, target)
			}
		}
	}
}

// TestXLSXAwkwardText checks the values a spreadsheet would take for
// formulas or numbers: they read back as the exact text, in text cells,
// and the workbook holds no formula at all.
func TestXLSXAwkwardText(t *testing.T) {
	ds := exporttest.Synthetic()
	tables := table.Tables(ds, exporttest.Schema(t))
	f, data := writeXLSX(t, ds, tables)
	find := func(sheet, value string) string {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for i, v := range row {
				if v == value {
					return cellName(t, i+1, r+1)
				}
			}
		}
		return ""
	}
	for _, x := range []struct{ sheet, value string }{
		{"actor_roles", exporttest.HyperlinkFormula}, {"actor_roles", exporttest.PlusSeven}, {"actors", exporttest.MinusOne}, {"actors", exporttest.AtSum},
		{"actors", exporttest.LeadingZero}, {"statements", "=1+1"}, {"events", exporttest.Cyrillic}, {"actors", "Іван Петрович Петренко " + exporttest.Emoji},
		{"events", exporttest.LongText}, {"sources", exporttest.SyntheticURL},
	} {
		ref := find(x.sheet, x.value)
		if ref == "" {
			t.Errorf("%s: no cell reads back as %q", x.sheet, x.value)
			continue
		}
		typ, _ := f.GetCellType(x.sheet, ref)
		fm, _ := f.GetCellFormula(x.sheet, ref)
		v, _ := f.GetCellValue(x.sheet, ref)
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString || fm != "" || v != x.value {
			t.Errorf("%s!%s: type %v formula %q value %q, want the text %q", x.sheet, ref, typ, fm, v, x.value)
		}
	}
	// No worksheet XML holds a formula element.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
}

// TestXLSXContinuesOnFurtherSheets lowers the rows a sheet holds to one
// and checks that every table larger than that continues on sheets
// "NAME (2)", "NAME (3)", ... in order, each with the header, its own
// Excel table, frozen header and hyperlinks, that the rows read across
// them are those of the workbook written whole, and that the about sheet
// says where each such table continues.
func TestXLSXContinuesOnFurtherSheets(t *testing.T) {
	ds := exporttest.Synthetic()
	tables := table.Tables(ds, exporttest.Schema(t))
	whole, _ := writeXLSX(t, ds, tables)
	const limit = 1
	restore := xlsx.SetSheetRows(limit)
	split, _ := writeXLSX(t, ds, tables)
	names := map[string][]string{}
	for _, tb := range tables {
		names[tb.Name] = xlsx.SheetNames(tb)
	}
	restore()

	want := []string{xlsx.AboutSheet}
	continued := 0
	for _, tb := range tables {
		n := max(1, (tb.Len+limit-1)/limit)
		if len(names[tb.Name]) != n {
			t.Errorf("%s: %d rows on sheets %q, want %d sheets", tb.Name, tb.Len, names[tb.Name], n)
		}
		want = append(want, names[tb.Name]...)
		if n > 1 {
			continued++
		}
	}
	if got := split.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	if continued == 0 {
		t.Fatal("no table has more rows than the lowered limit: the test tests nothing")
	}
	about, err := split.GetRows(xlsx.AboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		wholeRows, err := whole.GetRows(tb.Name)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for i, sheet := range names[tb.Name] {
			got, err := split.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || !slices.Equal(got[0], wholeRows[0]) {
				t.Errorf("%s: header %q, want %q", sheet, got[:min(1, len(got))], wholeRows[0])
				continue
			}
			if i < len(names[tb.Name])-1 && len(got)-1 != limit {
				t.Errorf("%s: %d data rows, want %d before the last sheet", sheet, len(got)-1, limit)
			}
			if p, err := split.GetPanes(sheet); err != nil || !p.Freeze || p.TopLeftCell != "A2" {
				t.Errorf("%s: panes %+v (%v), want the header frozen", sheet, p, err)
			}
			tbls, err := split.GetTables(sheet)
			last, _ := excelize.CoordinatesToCellName(len(tb.Columns), max(len(got), 2))
			if err != nil || len(tbls) != 1 || tbls[0].Range != "A1:"+last {
				t.Errorf("%s: tables %+v (%v), want one over A1:%s", sheet, tbls, err, last)
			}
			for r, row := range got[1:] {
				for c, v := range row {
					if tb.Columns[c].Format != "uri" || v == "" {
						continue
					}
					if ok, target, err := split.GetCellHyperLink(sheet, cellName(t, c+1, r+2)); !ok || target != v || err != nil {
						t.Errorf("%s!%s: hyperlink %v %q (%v), want %q", sheet, cellName(t, c+1, r+2), ok, target, err, v)
					}
				}
			}
			rows = append(rows, got[1:]...)
		}
		if !slices.EqualFunc(rows, wholeRows[1:], slices.Equal) {
			t.Errorf("%s: the rows across %q differ from the table's:\n got  %q\n want %q", tb.Name, names[tb.Name], rows, wholeRows[1:])
		}
		if len(names[tb.Name]) > 1 {
			note := "it continues on the sheets " + strings.Join(names[tb.Name][1:], ", ") + ","
			if len(names[tb.Name]) == 2 {
				note = "it continues on the sheet " + names[tb.Name][1] + ","
			}
			found := false
			for _, row := range about {
				found = found || len(row) > 4 && row[0] == tb.Name && strings.Contains(row[4], note)
			}
			if !found {
				t.Errorf("about: no note on %s saying %q", tb.Name, note)
			}
		}
	}
}

// TestXLSXForPeople checks what makes the workbook readable and printable:
// the flat sheets first after about, each listed on the about sheet before
// the sources with what it answers; on every sheet a landscape page fitted
// to the width; on every table sheet the header row repeated on each
// printed page, columns at most MaxColumnWidth wide, and long texts wrapped.
func TestXLSXForPeople(t *testing.T) {
	ds := exporttest.Synthetic()
	tables := table.Tables(ds, exporttest.Schema(t))
	f, _ := writeXLSX(t, ds, tables)
	sheets := f.GetSheetList()
	var flat []string
	for _, tb := range tables {
		if tb.Derived != nil {
			flat = append(flat, tb.Name)
		}
	}
	if want := []string{"measures_flat", "events_flat", "statements_flat"}; !slices.Equal(flat, want) || len(sheets) < 4 || !slices.Equal(sheets[1:4], want) {
		t.Errorf("sheets %q, flat tables %q: want %q right after about", sheets, flat, want)
	}

	rows, err := f.GetRows(xlsx.AboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	find := func(cells ...string) int {
		for i, r := range rows {
			if len(r) >= len(cells) && slices.Equal(r[:len(cells)], cells) {
				return i + 1
			}
		}
		return 0
	}
	sources := find("Sources")
	last := find(xlsx.FlatSheetsIntro)
	if last == 0 {
		t.Error("about: no introduction to the flat sheets")
	}
	for _, tb := range tables {
		if tb.Derived == nil {
			continue
		}
		r := find(tb.Name, tb.Derived.Answers)
		if tb.Derived.Answers == "" || r == 0 || r < last || r > sources {
			t.Errorf("about: %s listed at row %d with %q; want it after row %d, in order, before the sources (row %d)", tb.Name, r, tb.Derived.Answers, last, sources)
		}
		last = r
	}

	if r := find("measures_flat", "id"); r == 0 {
		t.Error("about: no codebook row for measures_flat.id")
	} else {
		ref := cellName(t, 5, r)
		id, _ := f.GetCellStyle(xlsx.AboutSheet, ref)
		if s, err := f.GetStyle(id); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("about!%s: a codebook description, not wrapped", ref)
		}
	}

	names := f.GetDefinedName()
	titles := map[string]string{}
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, sheet := range sheets {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout orientation %v, fit to width %v, height %v; want landscape, 1, 0", sheet, deref(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight))
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", sheet)
		}
		if sheet == xlsx.AboutSheet {
			continue
		}
		if want := "'" + sheet + "'!$1:$1"; titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}

	// Widths and wrapping: the long description of a synthetic event and
	// the long text of a statement wrap, in a column MaxColumnWidth wide;
	// no column is wider.
	for _, tb := range tables {
		for i := range tb.Columns {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, err := f.GetColWidth(tb.Name, col)
			if err != nil {
				t.Fatal(err)
			}
			if w > xlsx.MaxColumnWidth {
				t.Errorf("%s column %s: width %v, more than %d", tb.Name, tb.Columns[i].Name, w, xlsx.MaxColumnWidth)
			}
		}
	}
	for _, sheet := range []string{"events", "statements_flat"} {
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for r, row := range raw {
			for i, v := range row {
				if v != exporttest.LongText {
					continue
				}
				found = true
				ref := cellName(t, i+1, r+1)
				id, _ := f.GetCellStyle(sheet, ref)
				s, err := f.GetStyle(id)
				if err != nil || s.Alignment == nil || !s.Alignment.WrapText {
					t.Errorf("%s!%s: a long text, not wrapped (style %d)", sheet, ref, id)
				}
				col, _ := excelize.ColumnNumberToName(i + 1)
				if w, _ := f.GetColWidth(sheet, col); w != xlsx.MaxColumnWidth {
					t.Errorf("%s!%s: a long text in a column %v wide, want %d", sheet, ref, w, xlsx.MaxColumnWidth)
				}
			}
		}
		if !found {
			t.Errorf("%s: the long text is in no cell", sheet)
		}
	}
}

// TestXLSXColumnsInOrder checks that every sheet lists its column widths in
// ascending order of column, as Excel wants.
func TestXLSXColumnsInOrder(t *testing.T) {
	ds, set := exporttest.Tiny(t)
	_, data := writeXLSX(t, ds, table.Tables(ds, set))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	colMin := regexp.MustCompile(`<col min="(\d+)"`)
	n := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var mins []int
		for _, m := range colMin.FindAllSubmatch(b, -1) {
			x, _ := strconv.Atoi(string(m[1]))
			mins = append(mins, x)
		}
		if len(mins) == 0 || !slices.IsSorted(mins) {
			t.Errorf("%s: columns %v, want ascending", zf.Name, mins)
		}
		n++
	}
	if n == 0 {
		t.Error("no worksheet in the workbook")
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestXLSXDatesBesideEDTF checks that on every sheet each date's first and
// last days are date columns right after the EDTF text they come from, so
// a reader sees the text as curated beside the days a filter uses.
func TestXLSXDatesBesideEDTF(t *testing.T) {
	ds, set := exporttest.Tiny(t)
	n := 0
	for _, tb := range table.Tables(ds, set) {
		for i, c := range tb.Columns {
			name, ok := strings.CutSuffix(c.Name, "_earliest")
			if !ok {
				continue
			}
			n++
			if c.Type != table.Date || i == 0 || i+1 >= len(tb.Columns) ||
				tb.Columns[i-1].Name != name || tb.Columns[i-1].Type != table.String ||
				tb.Columns[i+1].Name != name+"_latest" || tb.Columns[i+1].Type != table.Date {
				t.Errorf("%s: %s is not a date column between the EDTF text %s and the date column %s_latest", tb.Name, c.Name, name, name)
			}
		}
	}
	if n < 10 {
		t.Errorf("%d _earliest columns; the tables have more", n)
	}
}

// TestXLSXRefusesLongText checks that a text longer than a spreadsheet
// cell holds is refused with the table, record and column named, instead
// of being cut as excelize would; a text of exactly the limit is kept
// whole. Excel counts UTF-16 code units, so 16,384 emoji are too many.
func TestXLSXRefusesLongText(t *testing.T) {
	longTable := func(text string) *table.Table {
		return &table.Table{Name: "statements", Columns: []table.Column{{Name: "id", Type: table.String}, {Name: "text", Type: table.String}}, Len: 1,
			Rows: func(yield func([]any) bool) { yield([]any{"statement-long", text}) }}
	}
	meta := record.Metadata{Title: "t", Version: "1.0.0"}
	for _, c := range []struct {
		text string
		n    string
	}{
		{strings.Repeat("a", 45000), "45,000"},
		{strings.Repeat("\U0001F600", 16384), "32,768"},
		{strings.Repeat("\u00e9", 32768), "32,768"},
	} {
		var b bytes.Buffer
		err := xlsx.Write(&b, meta, nil, []*table.Table{longTable(c.text)})
		if err == nil {
			t.Errorf("%d bytes of text: WriteXLSX succeeded, want a refusal", len(c.text))
			continue
		}
		for _, want := range []string{"statements", "statement-long", "column text", c.n + " characters", "at most 32,767"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	}
	full := strings.Repeat("\u00e9", 32767)
	var b bytes.Buffer
	if err := xlsx.Write(&b, meta, nil, []*table.Table{longTable(full)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, err := f.GetCellValue("statements", "B2"); err != nil || got != full {
		t.Errorf("a text of 32,767 characters reads back as %d characters (%v)", utf8.RuneCountInString(got), err)
	}
}
