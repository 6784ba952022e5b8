package xlsx

// SetSheetRows lowers, for a test, the rows a table sheet holds; the
// function it returns restores them.
func SetSheetRows(n int) (restore func()) {
	s := sheetRows
	sheetRows = n
	return func() { sheetRows = s }
}
