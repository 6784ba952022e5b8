// Command parsefloor is the benchmark's parse floor: it reads every *.json
// file under the directories given (dot files and dot folders left out,
// as curate validate does) and decodes each with encoding/json into an
// any, nothing else. The harness runs it with GOMAXPROCS=1: the least a
// validator that parses every byte must spend, on one core.
//
//	parsefloor DIR...
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor DIR...")
		os.Exit(2)
	}
	var files, bytes int
	for _, dir := range os.Args[1:] {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.HasSuffix(p, ".json") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			files++
			bytes += len(data)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "parsefloor:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files, %d bytes decoded\n", files, bytes)
}
