package tabular

// SetRowGroupRows lowers, for a test, the rows of a Parquet row group; the
// function it returns restores them.
func SetRowGroupRows(n int64) (restore func()) {
	g := parquetRowGroupRows
	parquetRowGroupRows = n
	return func() { parquetRowGroupRows = g }
}
