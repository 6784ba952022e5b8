//go:build !linux

package atomicset

// Other platforms: no atomic exchange of two directories (an existing
// output directory is committed through the journal; a new one is staged
// and renamed into place) and no advisory locks (a run's sweep removes
// every leftover with our prefixes, a concurrent run's included).

import (
	"errors"
	"io/fs"
	"os"
)

const haveExchange = false

func exchange(a, b string) error {
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errors.ErrUnsupported}
}

func unsupported(error) bool { return true }

func holdLock(*os.File) {}

func waitLock(*os.File) {}

func claim(string) (release func(), ok bool) { return func() {}, true }

func dirObstacle(string, bool) string { return "" }

func copyGroup(string, fs.FileInfo) error { return nil }
