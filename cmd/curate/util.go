package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkDir reports whether dir is an existing directory.
func checkDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	return nil
}

// pathJoin joins a directory and a slash-separated name for display.
func pathJoin(dir, name string) string {
	return filepath.ToSlash(filepath.Join(dir, name))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
