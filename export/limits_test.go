package export

// SetLimits lowers, for a test, the rows a table sheet holds and the rows
// of a Parquet row group; the function it returns restores them.
func SetLimits(sheet int, rowGroup int64) (restore func()) {
	s, g := sheetRows, parquetRowGroupRows
	sheetRows, parquetRowGroupRows = sheet, rowGroup
	return func() { sheetRows, parquetRowGroupRows = s, g }
}
