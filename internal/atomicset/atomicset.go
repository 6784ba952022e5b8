// Package atomicset writes a set of files into a directory as one unit:
// afterwards the directory holds either the complete new set, beside the
// files of its own it held, or, when the run fails, is cancelled or is
// killed at any instant, the files it held before. The set is staged in a
// sibling directory that is exchanged with the old one in a single step
// (Linux), renamed into place when the directory is new, or committed
// through a journal that the next run completes; WriteAll describes the
// three ways. WriteStaged commits one file built from others staged first
// (a release zip). The exports write every file through this package.
package atomicset

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Output is one file of a set: its name in the output directory (a
// slash-separated relative path) and the function that writes its content.
// Outputs are written at the same time, each on its own goroutine (as many
// at once as there are CPUs), so Write must not share unguarded state with
// another output's.
type Output struct {
	Name  string
	Write func(w io.Writer) error
	// Cost is an estimate of the work of writing the output (rows, say):
	// the costliest outputs are started first, so that a long one does not
	// start last and leave the other CPUs idle. 0 for a small file.
	Cost int64
}

// Written describes a file of a set, once written.
type Written struct {
	Name  string // file name in the output directory
	Bytes int64
}

// WriteAll writes every output into dir as one unit: afterwards dir holds
// either the complete new set of files, with every other file it held
// before, or, when the run fails, is cancelled or is killed, the files it
// held before. Files are created with mode 0644; dir and its folders are
// created when missing, and removed again when the run fails. An output
// name must be a relative, slash-separated path inside dir. When ctx is
// cancelled before the commit point, WriteAll removes its temporary files
// and returns ctx.Err().
//
// # Writes that survive faults
//
// A run (WriteAll, WriteStaged) leaves its output directory DIR holding either
// the previous set of files or the complete new set, also when it fails,
// when the disk is full, and when the process is killed at any instant,
// SIGKILL included. A user's own files in DIR and in its folders survive.
// WriteAll commits in one of three ways (commit.go):
//
//   - One output at the top of DIR (WriteStaged's, the release zip): a temporary file
//     beside the target, synced, renamed over it. A rename is atomic.
//
//   - Staging, the usual case: the run builds the complete new DIR in a
//     fresh sibling directory PARENT/.curate-stage-NAME-RAND. Every entry
//     of the existing DIR that the run does not write is carried over by
//     hard link (folders recreated with their modes and groups, symbolic
//     links recreated as links; nothing is copied), every output is
//     written and synced, and then one name is switched:
//     renameat2(RENAME_EXCHANGE) swaps the staging directory and DIR in a
//     single step (Linux). When DIR does not exist yet, the stage holds
//     DIR's outermost missing ancestor and a plain rename puts it in place
//     (every platform), so not even a new parent folder appears before the
//     commit. The old tree, now under the staging name, is removed; a file
//     another program created in DIR while the run was staging is moved
//     into the new tree first. Before the switch DIR is the old set; after
//     it, the new set; there is no instant in between.
//
//   - Journal, the fallback where an exchange is impossible or unsafe: not
//     Linux; a filesystem without RENAME_EXCHANGE or hard links (found by
//     exchanging two empty directories in the stage first); DIR a mount
//     point or holding one; DIR holding the working directory; DIR or a
//     folder of it owned by another user or carrying a POSIX ACL (a copy
//     would lose them); an output's folder that is a symbolic link; a
//     PARENT the run may not write. Each output goes to a temporary file
//     .curate-tmp-NAME-RAND beside its target (an output whose folder is
//     missing, into that folder built under a temporary name), synced; then
//     a journal DIR/.curate-commit listing the renames is written
//     atomically (temporary file, sync, rename). The journal is the commit
//     point: the renames follow and the journal is removed. A run killed
//     before it leaves the old set and temporaries; one killed after it
//     leaves a journal that the next run into DIR completes (rolls forward)
//     before anything else, giving the new set. Between such a kill and the
//     next run, DIR may show a mix. When the exchange itself fails although
//     the probe passed (overlayfs refuses, with EXDEV, to rename a
//     directory that comes from a lower layer, as in a container image),
//     the staged files are moved into DIR as the journal's temporaries, so
//     nothing is written twice.
//
// Measured on Linux 6.18 (the tests TestUsualPath, TestRealFullDisk and
// TestOverlayLowerLayer log the way taken): an export into an existing DIR
// on ext4, on tmpfs and on overlayfs (a directory of the upper layer) takes
// the exchange; the first export into a new DIR, the rename; the release
// zip, the single rename; an overlayfs DIR from a lower layer, the journal
// after the exchange fails. The exchange costs what the journal costs (the
// same writes and syncs, about 57 and 61 ms for 40 files of 64 KiB in
// BenchmarkCommit) plus one hard link per entry of DIR the run does not
// write.
//
// Every temporary name starts with .curate-tmp- or .curate-stage-. Each
// run first completes a journal it finds, then removes leftovers with
// those prefixes from DIR, from the folders of DIR it writes into, and
// staging directories for DIR from PARENT; it never removes anything else.
// On Linux it skips those a live run holds (a run holds an advisory lock on
// each of its temporaries, which the kernel drops when the process dies),
// elsewhere it removes them all. When ctx is cancelled (the command cancels
// it on SIGINT and SIGTERM) a run stops, removes its temporaries and
// returns ctx.Err(); once past the commit point it finishes instead, which
// takes milliseconds. A failed run also removes the directories it created.
//
// Runs into the same DIR at the same time each end with a complete set (the
// last to commit wins) or fail; runs into nested directories (out and
// out/release) should not overlap, as one may switch the tree under the
// other. A shell whose working directory is DIR keeps seeing the old,
// removed tree after an exchange: cd into DIR again.
func WriteAll(ctx context.Context, dir string, outs []Output) ([]Written, error) {
	if err := checkNames(outs); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := openOutDir(dir, outputDirs(outs))
	if err != nil {
		return nil, err
	}
	var written []Written
	switch {
	case len(outs) == 0:
		err = d.makeDir()
	case len(outs) == 1 && !strings.Contains(outs[0].Name, "/") && d.exists:
		var w Written
		w, err = d.commitOne(ctx, outs[0])
		written = []Written{w}
	default:
		written, err = d.commitSet(ctx, outs)
	}
	if err != nil {
		d.undo()
		return nil, err
	}
	return written, nil
}

// checkNames refuses output names that could escape the output directory
// or clash: absolute names, ".." or "." elements, empty elements, names
// reserved for temporaries, duplicates, and a name that is another's
// folder.
func checkNames(outs []Output) error {
	files := map[string]bool{}
	for _, o := range outs {
		n := o.Name
		if n == "" || n == "." || path.Clean(n) != n || !filepath.IsLocal(filepath.FromSlash(n)) {
			return fmt.Errorf("output name %q: not a relative path inside the output directory", n)
		}
		if slices.ContainsFunc(strings.Split(n, "/"), reserved) {
			return fmt.Errorf("output name %q: names starting with %q or %q are reserved for temporary files", n, tmpPrefix, stagePrefix)
		}
		if files[n] {
			return fmt.Errorf("output name %q: given twice", n)
		}
		files[n] = true
	}
	for n := range outputDirs(outs) {
		if files[n] {
			return fmt.Errorf("output name %q: also the folder of another output", n)
		}
	}
	return nil
}

// outputDirs returns the folders the outputs go into, as slash paths
// relative to the output directory ("a/b/c.csv" gives "a" and "a/b").
func outputDirs(outs []Output) map[string]bool {
	dirs := map[string]bool{}
	for _, o := range outs {
		for d := path.Dir(o.Name); d != "." && d != "/" && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// writeInto writes every output straight into root, a directory no one
// else sees yet (a staging directory), creating folders as needed; each
// file is created new (never through an existing name or link), with mode
// 0644. The outputs are written at the same time (inParallel); with
// durable set, each file is synced once written, and writeInto returns once
// every file is on disk. A release's staged files, which the zip copies
// and which are then removed, need not be.
func writeInto(ctx context.Context, root string, outs []Output, durable bool) ([]Written, error) {
	if err := checkNames(outs); err != nil {
		return nil, err
	}
	// The folders first, in order, so that the writers only create files.
	for d := range outputDirs(outs) {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			return nil, err
		}
	}
	written := make([]Written, len(outs))
	var syncs *syncer
	if durable {
		syncs = &syncer{}
	}
	err := inParallel(ctx, outs, func(ctx context.Context, i int) error {
		o := outs[i]
		n, err := writeNew(ctx, filepath.Join(root, filepath.FromSlash(o.Name)), o.Write, syncs)
		if err != nil {
			return fmt.Errorf("%s: %w", o.Name, err)
		}
		written[i] = Written{Name: o.Name, Bytes: n}
		step("file:" + o.Name)
		return nil
	})
	if syncs != nil {
		err = errors.Join(err, syncs.wait())
	}
	if err != nil {
		return nil, err
	}
	return written, nil
}

// inParallel calls do for each output (by index), as many at once as there
// are CPUs, the costliest outputs first (by Cost, then in order). The first
// failure cancels the context the others get; the error returned is ctx's
// when ctx was cancelled, else that of the first output, in order, that
// failed for a reason of its own (not the cancellation).
func inParallel(ctx context.Context, outs []Output, do func(ctx context.Context, i int) error) error {
	order := make([]int, len(outs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(outs[b].Cost, outs[a].Cost) })
	inner, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(outs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(outs)) {
		wg.Go(func() {
			for i := range next {
				if err := do(inner, i); err != nil {
					errs[i] = err
					cancel()
				}
			}
		})
	}
feed:
	for _, i := range order {
		select {
		case next <- i:
		case <-inner.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	var first error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if !errors.Is(err, context.Canceled) {
			return err
		}
		first = cmp.Or(first, err)
	}
	return first
}

// syncer syncs and closes written files on goroutines of their own, so
// that a writer does not wait for the disk before it starts the next
// output.
type syncer struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// add syncs and closes f.
func (s *syncer) add(f *os.File) {
	s.wg.Go(func() {
		err := f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			s.mu.Lock()
			s.err = cmp.Or(s.err, fmt.Errorf("%s: %w", f.Name(), err))
			s.mu.Unlock()
		}
	})
}

// wait waits for every file added and returns the first error.
func (s *syncer) wait() error {
	s.wg.Wait()
	return s.err
}

// writeNew creates the file p (and its folders), which must not exist yet,
// and writes it as writeOutput does. With syncs, the file is then synced
// and closed there; without, closed unsynced.
func writeNew(ctx context.Context, p string, write func(io.Writer) error, syncs *syncer) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := writeOutput(ctx, f, write)
	if err != nil || syncs == nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return n, err
	}
	syncs.add(f)
	return n, nil
}

// writeOutput writes an output's content into f through a buffer and makes
// the file mode 0644 (os.CreateTemp makes 0600); it returns the number of
// bytes written. It stops at the first write after ctx is cancelled. The
// caller syncs and closes f.
func writeOutput(ctx context.Context, f *os.File, write func(io.Writer) error) (int64, error) {
	cw := &countingWriter{w: f}
	bw := bufio.NewWriterSize(ctxWriter{ctx, cw}, 1<<20)
	if err := write(bw); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := f.Chmod(0o644); err != nil {
		return 0, err
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ctxWriter fails every write once its context is cancelled, so that a
// long export stops within one buffer of a SIGINT.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// ErrUnfinished is wrapped by the error of a run that failed after its
// commit point (a rename failed twice after the journal was written): the
// output directory is then not as it was but holds part of the new set,
// and its journal lists the renames left, which the next run into the
// directory makes first. Every other error leaves the directory as it was.
var ErrUnfinished = errors.New("the new files are committed but not all in place")

// Stage is a directory no one else sees, where WriteStaged's build writes
// the files that the one output it commits is made from.
type Stage struct{ st *stage }

// Path returns the stage's directory.
func (s Stage) Path() string { return s.st.path }

// Write writes the outputs into the stage, at the same time, as WriteAll
// writes them into its directory, but without syncing them: they are read
// again, and removed, before the commit.
func (s Stage) Write(ctx context.Context, outs []Output) ([]Written, error) {
	return writeInto(ctx, s.st.path, outs, false)
}

// Remove removes the stage and what it holds.
func (s Stage) Remove() { s.st.remove() }

// WriteStaged commits one output at the top of dir as WriteAll does, built
// from files written first into a stage: build writes them (Stage.Write)
// and returns the output, whose Write reads them (into a zip, say) and may
// remove the stage once it has (Stage.Remove), so that a run killed after
// the commit leaves nothing behind. The stage is a temporary directory
// inside dir named after name, or, when dir is missing, beside its
// outermost missing folder, which the commit then creates in one rename;
// it is removed when WriteStaged returns.
func WriteStaged(ctx context.Context, dir, name string, build func(Stage) (Output, error)) (Written, error) {
	d, err := openOutDir(dir, nil)
	if err != nil {
		return Written{}, err
	}
	parent, stageName := d.path, name
	if !d.exists {
		top := d.top()
		parent, stageName = filepath.Dir(top), filepath.Base(top)
	}
	st, err := newStage(parent, stageName)
	if err != nil {
		return Written{}, err
	}
	defer st.remove()
	out, err := build(Stage{st})
	if err != nil {
		return Written{}, err
	}
	step(name + ":staged")
	if d.exists {
		return d.commitOne(ctx, out)
	}
	written, err := d.commitStaged(ctx, []Output{out})
	if err != nil {
		return Written{}, err
	}
	return written[0], nil
}

// errFallback marks a reason the staging commit cannot be used for a
// directory; WriteAll then commits through a journal.
var errFallback = errors.New("cannot stage and exchange")
