package validate_test

import (
	"fmt"
	"os"

	"curate/diag"
	"curate/validate"
)

func ExampleRun() {
	res, err := validate.Run([]string{"testdata/base"}, validate.Options{SourcesDir: "testdata/sources"})
	if err != nil {
		fmt.Println(err)
		return
	}
	diag.Text{}.Write(os.Stdout, res.Diagnostics, res.Summary)
	// Output:
	// 0 errors, 0 warnings in 3 files (8 records)
}
