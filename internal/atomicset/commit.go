package atomicset

// How a run's files reach the output directory: the three commits
// WriteAll's documentation describes (one rename, staging and exchange, a
// journal), the recovery of a journal a killed run left, and the sweep of
// leftovers.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Names of the package's temporaries. Every run removes leftovers with
// these prefixes that no live run holds (see sweep); output names may not
// use them.
const (
	tmpPrefix   = ".curate-tmp-"   // a file being written, beside its target
	stagePrefix = ".curate-stage-" // a directory being built: an export's beside DIR, a release's inside it
	journalName = ".curate-commit" // the journal of a commit under way, in DIR
)

// reserved reports whether a file name is one of the package's temporaries.
func reserved(name string) bool {
	return strings.HasPrefix(name, tmpPrefix) || strings.HasPrefix(name, stagePrefix) || name == journalName
}

// faultHook, when set (by tests), is called at each step of a commit: after
// each file is written, after the journal, after each rename, before and
// after the exchange. A test kills the process there, or cancels the run.
var faultHook func(step string)

func step(s string) {
	if faultHook != nil {
		stepMu.Lock()
		defer stepMu.Unlock()
		faultHook(s)
	}
}

// stepMu serializes the steps of outputs written at the same time.
var stepMu sync.Mutex

// noExchange makes WriteAll commit through the journal; tests set it.
var noExchange bool

// outDir is the output directory of a run.
type outDir struct {
	path    string   // absolute; symbolic links resolved when it exists
	exists  bool     // it existed when the run began
	created []string // directories this run created, outermost first
}

// openOutDir resolves dir and makes it ready: it completes a commit journal
// a killed run left, then sweeps leftovers from dir, from the given
// folders of dir (slash paths) and, for staging directories of dir, from
// its parent.
func openOutDir(dir string, folders map[string]bool) (*outDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	d := &outDir{path: abs}
	switch fi, err := os.Stat(abs); {
	case err == nil && !fi.IsDir():
		return nil, fmt.Errorf("%s: not a directory", dir)
	case err == nil:
		if d.path, err = filepath.EvalSymlinks(abs); err != nil {
			return nil, err
		}
		d.exists = true
	case errors.Is(err, fs.ErrNotExist):
		if _, err := os.Lstat(abs); err == nil {
			return nil, fmt.Errorf("%s: a symbolic link to nothing", dir)
		}
	default:
		return nil, err
	}
	if d.exists {
		if err := recoverJournal(d.path); err != nil {
			return nil, err
		}
		journal := filepath.Join(d.path, journalName)
		sweep(d.path, isTemporary, journal)
		for f := range folders {
			sweep(filepath.Join(d.path, filepath.FromSlash(f)), isTemporary, journal)
		}
	}
	top := d.top()
	stages := regexp.MustCompile(`^` + regexp.QuoteMeta(stagePrefix+short(filepath.Base(top))) + `-[0-9]+$`)
	sweep(filepath.Dir(top), stages.MatchString, "")
	return d, nil
}

// top returns the directory a staged commit puts in place: the output
// directory when it exists, else its outermost missing ancestor, so that a
// run into new/out creates new and new/out in one rename.
func (d *outDir) top() string {
	top := d.path
	for {
		p := filepath.Dir(top)
		if _, err := os.Stat(p); p == top || !errors.Is(err, fs.ErrNotExist) {
			return top
		}
		top = p
	}
}

func isTemporary(name string) bool {
	return strings.HasPrefix(name, tmpPrefix) || strings.HasPrefix(name, stagePrefix)
}

// sweep removes the entries of dir whose names match and that no live run
// holds. A temporary listed in a commit journal is the journal's to rename,
// so nothing is removed while the journal (when given) exists.
func sweep(dir string, match func(string) bool, journal string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !match(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		release, ok := claim(p)
		if !ok {
			continue // a live run's
		}
		if _, err := os.Lstat(journal); journal == "" || err != nil {
			os.RemoveAll(p) // what cannot be removed now, a later run tries again
		}
		release()
	}
}

// makeDir creates the output directory with any missing parents.
func (d *outDir) makeDir() error { return d.mkdirs(d.path) }

// mkdirs creates p with any missing parents (mode 0755 before the umask)
// and remembers each directory it created, for undo.
func (d *outDir) mkdirs(p string) error {
	var missing []string
	for q := p; ; q = filepath.Dir(q) {
		if _, err := os.Stat(q); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, q)
		if filepath.Dir(q) == q {
			break
		}
	}
	for _, q := range slices.Backward(missing) {
		err := os.Mkdir(q, 0o755)
		if err == nil {
			d.created = append(d.created, q)
		} else if !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	return nil
}

// undo removes the directories the run created, innermost first, when
// they are empty: a failed run leaves no new empty directory behind.
func (d *outDir) undo() {
	for _, q := range slices.Backward(d.created) {
		os.Remove(q)
	}
	d.created = nil
}

// commitOne writes one output at the top of the directory: a temporary file
// beside the target, renamed over it.
func (d *outDir) commitOne(ctx context.Context, o Output) (Written, error) {
	if err := d.makeDir(); err != nil {
		return Written{}, err
	}
	target := filepath.Join(d.path, o.Name)
	if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
		return Written{}, fmt.Errorf("%s: is a directory", o.Name)
	}
	t, err := newTemp(d.path, o.Name)
	if err != nil {
		return Written{}, err
	}
	defer t.discard()
	n, err := writeOutput(ctx, t.f, o.Write)
	if err == nil {
		err = t.f.Sync()
	}
	if err != nil {
		return Written{}, fmt.Errorf("%s: %w", o.Name, err)
	}
	step("temp:" + o.Name)
	if err := ctx.Err(); err != nil {
		return Written{}, err
	}
	if err := os.Rename(t.path, target); err != nil {
		return Written{}, err
	}
	t.renamed = true
	step("rename:" + o.Name)
	syncDir(d.path)
	return Written{Name: o.Name, Bytes: n}, nil
}

// commitSet writes several outputs as one unit: staged and exchanged when
// the directory allows it, else through a journal.
func (d *outDir) commitSet(ctx context.Context, outs []Output) ([]Written, error) {
	if why := d.exchangeObstacle(); why != "" {
		step("journal: " + why)
		return d.commitJournal(ctx, outs, written)
	}
	w, err := d.commitStaged(ctx, outs)
	if errors.Is(err, errFallback) {
		step("journal: " + err.Error())
		return d.commitJournal(ctx, outs, written)
	}
	return w, err
}

// exchangeObstacle says why the directory cannot be staged and exchanged,
// or returns "".
func (d *outDir) exchangeObstacle() string {
	switch {
	case noExchange:
		return "exchange disabled"
	case !d.exists:
		return "" // staged and renamed into place, on every platform
	case !haveExchange:
		return "no atomic exchange on " + runtime.GOOS
	case filepath.Dir(d.path) == d.path:
		return "the output directory is the root"
	}
	// The working directory would be left in the old, removed tree.
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil && within(wd, d.path) {
			return "the working directory is in it"
		}
	}
	return dirObstacle(d.path, true)
}

// within reports whether p is dir or inside it (both clean and absolute).
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// commitStaged builds the complete new directory in a staging directory
// beside it (the existing directory's other entries carried over by hard
// link), then switches one name: an exchange of the two directories, or,
// when the directory is new, a rename of the stage to its outermost
// missing ancestor (see top). It returns an error wrapping
// errFallback, having changed nothing, when the filesystem cannot do it.
func (d *outDir) commitStaged(ctx context.Context, outs []Output) ([]Written, error) {
	top := d.top()
	parent := filepath.Dir(top)
	st, err := newStage(parent, filepath.Base(top))
	if err != nil {
		if d.exists && (errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENAMETOOLONG)) {
			return nil, fmt.Errorf("%w: %v", errFallback, err)
		}
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			st.remove()
		}
	}()
	c := &carrier{outs: map[string]bool{}, dirs: outputDirs(outs)}
	for _, o := range outs {
		c.outs[o.Name] = true
	}
	root := st.path // where the new content of the output directory goes
	if !d.exists {
		rel, err := filepath.Rel(top, d.path)
		if err != nil {
			return nil, err
		}
		root = filepath.Join(st.path, rel)
		if err := os.MkdirAll(root, 0o755); err != nil {
			return nil, err
		}
	}
	if d.exists {
		if err := probeExchange(st.path); err != nil {
			return nil, err
		}
		fi, err := os.Stat(d.path)
		if err != nil {
			return nil, err
		}
		if err := c.keep(st.path, fi); err != nil {
			return nil, err
		}
		if err := c.carry(ctx, d.path, st.path, "."); err != nil {
			return nil, err
		}
		step("carried")
	}
	w, err := writeInto(ctx, root, outs, true)
	if err != nil {
		return nil, err
	}
	if err := c.setModes(); err != nil {
		return nil, err
	}
	if err := syncTree(st.path); err != nil {
		return nil, err
	}
	step("exchange:before")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d.exists {
		err = exchange(st.path, d.path)
	} else {
		err = os.Rename(st.path, top)
	}
	if err != nil && d.exists && unsupported(err) {
		// The probe passed but this directory cannot be exchanged: on
		// overlayfs, a directory of a lower layer (EXDEV). The staged files
		// move into the directory and commit through the journal.
		step("journal: " + err.Error())
		return d.commitJournal(ctx, outs, movedFrom(root))
	}
	if err != nil {
		return nil, err
	}
	// The commit point: the new set is in place.
	committed = true
	step("exchange:after")
	syncDir(parent)
	if d.exists {
		rescue(st.path, d.path, ".", c.outs)
		st.remove() // the old tree, now under the staging name
		step("old:removed")
	} else {
		st.close()
	}
	return w, nil
}

// probeExchange exchanges two empty directories inside dir, to learn
// before anything is written whether its filesystem can.
func probeExchange(dir string) error {
	a, b := filepath.Join(dir, tmpPrefix+"probe-a"), filepath.Join(dir, tmpPrefix+"probe-b")
	if err := os.Mkdir(a, 0o700); err != nil {
		return err
	}
	defer os.Remove(a)
	if err := os.Mkdir(b, 0o700); err != nil {
		return err
	}
	defer os.Remove(b)
	if err := exchange(a, b); err != nil {
		return fmt.Errorf("%w: %v", errFallback, err)
	}
	return nil
}

// carrier recreates an existing output directory's entries in a staging
// directory, except the outputs the run writes and the package's
// temporaries.
type carrier struct {
	outs  map[string]bool // the run's outputs (slash paths)
	dirs  map[string]bool // their folders
	modes []dirMode       // directory modes to set once the stage is complete
}

type dirMode struct {
	path string
	mode fs.FileMode
}

// keep records the mode of the directory dst copies (set at the end, so
// that a read-only folder can be filled first) and gives dst its group.
func (c *carrier) keep(dst string, src fs.FileInfo) error {
	if err := copyGroup(dst, src); err != nil {
		return fmt.Errorf("%w: %v", errFallback, err)
	}
	c.modes = append(c.modes, dirMode{dst, src.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSetuid | fs.ModeSticky)})
	return nil
}

// carry recreates the entries of src (the existing directory's folder rel)
// in dst: folders as new folders, symbolic links as new links, everything
// else as a hard link to the same file, so nothing is copied and nothing a
// user had is lost.
func (c *carrier) carry(ctx context.Context, src, dst, rel string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%w: %v", errFallback, err)
	} else if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if reserved(name) {
			continue
		}
		r := path.Join(rel, name)
		s, t := filepath.Join(src, name), filepath.Join(dst, name)
		fi, err := os.Lstat(s)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		symlink := fi.Mode()&fs.ModeSymlink != 0
		switch {
		case c.outs[r]:
			if fi.IsDir() {
				return fmt.Errorf("%s: is a directory", r)
			}
			// replaced by the run
		case c.dirs[r] && symlink:
			return fmt.Errorf("%w: the folder %s is a symbolic link", errFallback, r)
		case c.dirs[r] && !fi.IsDir():
			return fmt.Errorf("%s: not a directory, and outputs go into it", r)
		case fi.IsDir():
			if why := dirObstacle(s, false); why != "" {
				return fmt.Errorf("%w: %s: %s", errFallback, r, why)
			}
			if err := os.Mkdir(t, 0o700); err != nil {
				return err
			}
			if err := c.keep(t, fi); err != nil {
				return err
			}
			if err := c.carry(ctx, s, t, r); err != nil {
				return err
			}
		case symlink:
			target, err := os.Readlink(s)
			if err == nil {
				err = os.Symlink(target, t)
			}
			if err != nil {
				return linkError(r, err)
			}
		default:
			if err := os.Link(s, t); err != nil {
				return linkError(r, err)
			}
		}
	}
	return nil
}

func linkError(name string, err error) error {
	if unsupported(err) {
		return fmt.Errorf("%w: %s: %v", errFallback, name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// setModes gives the staged directories the modes of those they copy,
// innermost first.
func (c *carrier) setModes() error {
	for _, m := range slices.Backward(c.modes) {
		if err := os.Chmod(m.path, m.mode); err != nil {
			return err
		}
	}
	return nil
}

// rescue moves into the new tree what appeared in the old one after it was
// carried over (a file another program created meanwhile), so that removing
// the old tree loses nothing a user had.
func rescue(old, cur, rel string, outs map[string]bool) {
	entries, err := os.ReadDir(old)
	if err != nil {
		return
	}
	for _, e := range entries {
		r := path.Join(rel, e.Name())
		if reserved(e.Name()) || outs[r] {
			continue
		}
		o, c := filepath.Join(old, e.Name()), filepath.Join(cur, e.Name())
		fi, err := os.Lstat(c)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			os.Rename(o, c)
		case err == nil && fi.IsDir() && e.IsDir():
			rescue(o, c, r, outs)
		}
	}
}

// stage is a directory a run builds under a temporary name (a staging
// directory, a journal's new folder), held (locked) meanwhile.
type stage struct {
	path string
	lock *os.File
}

// newStage creates an empty staging directory in parent named for name.
func newStage(parent, name string) (*stage, error) { return newTempDir(parent, stagePrefix, name) }

// newTempDir creates an empty directory in parent named prefix, name, a
// dash and a random number, and holds it.
func newTempDir(parent, prefix, name string) (*stage, error) {
	for range 100 {
		p := filepath.Join(parent, prefix+short(name)+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(p, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		f, err := os.Open(p)
		if err != nil {
			os.Remove(p)
			return nil, err
		}
		holdLock(f)
		return &stage{p, f}, nil
	}
	return nil, fmt.Errorf("%s: no free name for a temporary directory", parent)
}

// remove removes the directory, then lets go of it; again, it does nothing.
func (s *stage) remove() {
	if s.lock != nil {
		os.RemoveAll(s.path)
		s.close()
	}
}

func (s *stage) close() {
	s.lock.Close()
	s.lock = nil
}

// temp is a temporary file beside its target, held (locked) until it is
// renamed into place or removed.
type temp struct {
	f       *os.File
	path    string
	renamed bool // renamed into place, or left for a journal to rename
}

func newTemp(dir, name string) (*temp, error) {
	f, err := os.CreateTemp(dir, tmpPrefix+short(path.Base(name))+"-*")
	if err != nil {
		return nil, err
	}
	holdLock(f)
	return &temp{f: f, path: f.Name()}, nil
}

// discard closes the file and removes it unless it was renamed.
func (t *temp) discard() {
	if t.f != nil {
		t.f.Close()
	}
	if !t.renamed {
		os.Remove(t.path)
	}
}

// short shortens a name used inside a temporary name.
func short(name string) string {
	if len(name) > 64 {
		name = strings.ToValidUTF8(name[:64], "")
	}
	return name
}

// journal is the content of DIR/.curate-commit: the renames that put a
// run's temporaries in place, as slash paths relative to DIR.
type journal struct {
	Version int            `json:"curate_commit"`
	Renames []journalEntry `json:"renames"`
}

type journalEntry struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// commitJournal puts every output (through src: written, or moved from a
// staging directory) in a temporary file beside its target (an output
// whose folder is missing, in that folder built under a temporary name),
// syncs them, writes the journal (the commit point),
// renames and removes the journal. A run killed after the journal is
// written is completed by the next run into the directory (recoverJournal);
// one killed before leaves only temporaries, which the next run removes.
func (d *outDir) commitJournal(ctx context.Context, outs []Output, src source) ([]Written, error) {
	if err := d.makeDir(); err != nil {
		return nil, err
	}
	var temps []*temp
	newFolders := map[string]*stage{} // a missing folder (slash path), being built
	committed := false
	defer func() {
		for _, t := range temps {
			t.renamed = t.renamed || committed
			t.discard()
		}
		for _, s := range newFolders {
			if committed {
				s.close()
			} else {
				s.remove()
			}
		}
	}()
	var renames []journalEntry
	synced := map[string]bool{} // directories to sync before the journal
	// Where each output goes, in order; then the outputs are written at
	// the same time.
	dests := make([]string, len(outs))
	held := make([]*temp, len(outs)) // the temporary beside its target, or nil
	for i, o := range outs {
		missing, err := d.missingFolder(o.Name)
		if err != nil {
			return nil, err
		}
		if missing != "" {
			s := newFolders[missing]
			if s == nil {
				folder := filepath.Join(d.path, filepath.FromSlash(missing))
				if s, err = newTempDir(filepath.Dir(folder), tmpPrefix, filepath.Base(folder)); err != nil {
					return nil, err
				}
				newFolders[missing] = s
				rel, err := filepath.Rel(d.path, s.path)
				if err != nil {
					return nil, err
				}
				renames = append(renames, journalEntry{filepath.ToSlash(rel), missing})
				synced[filepath.Dir(folder)] = true
			}
			p := filepath.Join(s.path, filepath.FromSlash(strings.TrimPrefix(o.Name, missing+"/")))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			dests[i] = p
			for q := filepath.Dir(p); within(q, s.path); q = filepath.Dir(q) {
				synced[q] = true
			}
		} else {
			target := filepath.Join(d.path, filepath.FromSlash(o.Name))
			// A directory in the way would make its rename fail after earlier
			// files were renamed into place: refuse it before anything moves.
			if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
				return nil, fmt.Errorf("%s: is a directory", o.Name)
			}
			t := &temp{path: tempName(filepath.Dir(target), o.Name)}
			temps = append(temps, t)
			held[i] = t
			dests[i] = t.path
			rel, err := filepath.Rel(d.path, t.path)
			if err != nil {
				return nil, err
			}
			renames = append(renames, journalEntry{filepath.ToSlash(rel), o.Name})
			synced[filepath.Dir(target)] = true
		}
	}
	written := make([]Written, len(outs))
	syncs := &syncer{}
	err := inParallel(ctx, outs, func(ctx context.Context, i int) error {
		o := outs[i]
		n, err := src(ctx, o, dests[i], syncs)
		if err != nil {
			return fmt.Errorf("%s: %w", o.Name, err)
		}
		if t := held[i]; t != nil {
			if t.f, err = os.Open(t.path); err != nil {
				return err
			}
			holdLock(t.f)
		}
		written[i] = Written{Name: o.Name, Bytes: n}
		step("temp:" + o.Name)
		return nil
	})
	if err := errors.Join(err, syncs.wait()); err != nil {
		return nil, err
	}
	for dir := range synced {
		syncDir(dir)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	j, err := writeJournal(d.path, renames)
	if err != nil {
		return nil, err
	}
	defer j.Close() // the lock on the journal, held until it is removed
	// The commit point: from here on the temporaries are the journal's,
	// and the run finishes whatever ctx says.
	committed = true
	d.created = nil
	step("journal")
	p := filepath.Join(d.path, journalName)
	if err := applyJournal(d.path, renames); err != nil {
		if err := applyJournal(d.path, renames); err != nil {
			return nil, fmt.Errorf("%w: %w; %s lists the renames left, and the next run into the directory completes them", ErrUnfinished, err, p)
		}
	}
	if err := os.Remove(p); err != nil {
		return nil, err
	}
	syncDir(d.path)
	step("journal:removed")
	return written, nil
}

// source puts the content of an output in the new file p and returns its
// size; the file is synced once syncs' wait returns.
type source func(ctx context.Context, o Output, p string, syncs *syncer) (int64, error)

// written is the source that writes each output.
func written(ctx context.Context, o Output, p string, syncs *syncer) (int64, error) {
	return writeNew(ctx, p, o.Write, syncs)
}

// movedFrom is the source that moves each output from the staging
// directory root, where it was written and synced.
func movedFrom(root string) source {
	return func(_ context.Context, o Output, p string, _ *syncer) (int64, error) {
		from := filepath.Join(root, filepath.FromSlash(o.Name))
		fi, err := os.Lstat(from)
		if err != nil {
			return 0, err
		}
		return fi.Size(), os.Rename(from, p)
	}
}

// tempName returns a free name for a temporary file in dir, for name.
func tempName(dir, name string) string {
	for {
		p := filepath.Join(dir, tmpPrefix+short(path.Base(name))+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
}

// missingFolder returns the outermost folder of the output name that the
// directory lacks, or "".
func (d *outDir) missingFolder(name string) (string, error) {
	parts := strings.Split(name, "/")
	for i := 1; i < len(parts); i++ {
		f := strings.Join(parts[:i], "/")
		fi, err := os.Stat(filepath.Join(d.path, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			return f, nil
		} else if err != nil {
			return "", err
		}
		if !fi.IsDir() {
			return "", fmt.Errorf("%s: not a directory, and outputs go into it", f)
		}
	}
	return "", nil
}

// writeJournal writes the journal atomically (a temporary file, synced,
// renamed) and returns it open and locked.
func writeJournal(dir string, renames []journalEntry) (*os.File, error) {
	b, err := json.Marshal(journal{1, renames})
	if err != nil {
		return nil, err
	}
	t, err := newTemp(dir, "commit")
	if err != nil {
		return nil, err
	}
	if _, err := t.f.Write(b); err != nil {
		t.discard()
		return nil, err
	}
	if err := t.f.Sync(); err != nil {
		t.discard()
		return nil, err
	}
	if err := os.Rename(t.path, filepath.Join(dir, journalName)); err != nil {
		t.discard()
		return nil, err
	}
	syncDir(dir)
	return t.f, nil
}

// applyJournal makes the journal's renames; a temporary that is gone was
// renamed before (by the run that wrote the journal, before it was killed).
func applyJournal(dir string, renames []journalEntry) error {
	folders := map[string]bool{}
	for _, r := range renames {
		from := filepath.Join(dir, filepath.FromSlash(r.From))
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(from, filepath.Join(dir, filepath.FromSlash(r.To))); err != nil {
			return err
		}
		folders[filepath.Dir(from)] = true
		step("rename:" + r.To)
	}
	for f := range folders {
		syncDir(f)
	}
	return nil
}

// recoverJournal completes the commit a killed run left in dir: it makes
// the renames its journal lists (roll forward) and removes the journal. A
// journal a live run holds is waited for.
func recoverJournal(dir string) error {
	p := filepath.Join(dir, journalName)
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer f.Close()
	waitLock(f)
	// The run that wrote it may have finished while we waited.
	held, err := f.Stat()
	if err != nil {
		return err
	}
	if now, err := os.Lstat(p); err != nil || !os.SameFile(held, now) {
		return nil
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil || j.Version != 1 || slices.ContainsFunc(j.Renames, invalidEntry) {
		return fmt.Errorf("%s: not a commit journal curate can complete; look at it, then remove it", p)
	}
	if err := applyJournal(dir, j.Renames); err != nil {
		return fmt.Errorf("completing the commit recorded in %s: %w", p, err)
	}
	if err := os.Remove(p); err != nil {
		return err
	}
	syncDir(dir)
	step("recovered")
	return nil
}

// invalidEntry reports a journal entry this package would not have
// written: a name outside the directory, a source that is not one of our
// temporaries, or a rename across folders.
func invalidEntry(e journalEntry) bool {
	local := func(n string) bool {
		return n != "" && path.Clean(n) == n && filepath.IsLocal(filepath.FromSlash(n))
	}
	return !local(e.From) || !local(e.To) || path.Dir(e.From) != path.Dir(e.To) ||
		!strings.HasPrefix(path.Base(e.From), tmpPrefix) || slices.ContainsFunc(strings.Split(e.To, "/"), reserved)
}

// syncTree syncs every directory under root, so that the entries created
// in them (files, hard links) are on disk before the tree is switched in.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			syncDir(p)
		}
		return nil
	})
}

// syncDir syncs a directory's entries, where the platform can; a failure
// is not reported, as some platforms cannot sync a directory at all.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
