package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"curate/validate"
)

// progressDelay is how long a run goes before it shows progress: short runs
// print nothing. CURATE_PROGRESS_DELAY (a Go duration) sets it, for tests.
var progressDelay = 1500 * time.Millisecond

// showProgress reports whether progress may be shown on w: a terminal, not
// a CI log (CI set, as GitHub Actions and most CI systems set it), not
// quieted.
func showProgress(w io.Writer, quiet bool) bool {
	if quiet || os.Getenv("CI") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressLine draws one line of progress on a terminal, redrawn in place
// ("\r" and erase to the end of the line), like pv or docker pull: files and
// records done, MB/s and the time left. stop erases it.
func progressLine(w io.Writer, p *validate.Progress, verb string) (stop func()) {
	delay := progressDelay
	if d, err := time.ParseDuration(os.Getenv("CURATE_PROGRESS_DELAY")); err == nil {
		delay = d
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		if delay > 0 {
			select {
			case <-done:
				return
			case <-time.After(delay):
			}
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		drawn := false
		for {
			files, total := p.Files.Load(), p.TotalFiles.Load()
			b, tb := p.Bytes.Load(), p.TotalBytes.Load()
			el := time.Since(start).Seconds()
			rate := float64(b) / 1e6 / max(el, 1e-9)
			line := fmt.Sprintf("%s: %d/%d files, %d records, %.1f MB/s", verb, files, total, p.Records.Load(), rate)
			if b > 0 && tb > b {
				left := time.Duration(float64(tb-b) / float64(b) * el * float64(time.Second)).Round(time.Second)
				line += fmt.Sprintf(", %s left", left)
			}
			fmt.Fprintf(w, "\r%s\x1b[K", line)
			drawn = true
			select {
			case <-done:
				if drawn {
					fmt.Fprint(w, "\r\x1b[K")
				}
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// plainLine is the line progressLine draws, without terminal controls
// (for tests).
func plainLine(s string) string {
	return strings.NewReplacer("\r", "", "\x1b[K", "").Replace(s)
}
