package atomicset_test

// Fault tests of the commits: a run killed (SIGKILL) or interrupted
// (SIGTERM, SIGINT) at each of its steps, writer faults, a full disk, a
// real full disk (tmpfs), the sweep of leftovers, the journal's recovery,
// and the built command under strace with injected syscall failures. A
// child process (this test binary again, running TestCommitChild) makes
// the run; the *atomicset.FaultHook stops it at step k.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"curate/export"
	"curate/internal/atomicset"
	"curate/record"
	"curate/schema"
)

// state returns what root holds, by slash path: a file's content, "-> T"
// for a symbolic link to T, "" for a folder (its name ends in "/"). The
// package's temporaries and everything under them are left out and
// returned apart.
func state(t testing.TB, root string) (files map[string]string, leftovers []string) {
	t.Helper()
	files = map[string]string{}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if atomicset.Reserved(e.Name()) {
			leftovers = append(leftovers, rel)
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case e.IsDir():
			files[rel+"/"] = ""
		case e.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			files[rel] = "-> " + target
			return err
		default:
			b, err := os.ReadFile(p)
			files[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, leftovers
}

// describe shows how got differs from want, briefly.
func describe(got, want map[string]string) string {
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(got)) {
		if w, ok := want[n]; !ok {
			fmt.Fprintf(&b, " +%s", n)
		} else if w != got[n] {
			fmt.Fprintf(&b, " ~%s", n)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[n]; !ok {
			fmt.Fprintf(&b, " -%s", n)
		}
	}
	return strings.TrimSpace(b.String())
}

func put(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for _, n := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(n, "/")))
		var err error
		switch s := files[n]; {
		case strings.HasSuffix(n, "/"):
			err = os.MkdirAll(p, 0o755)
		case strings.HasPrefix(s, "-> "):
			if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				err = os.Symlink(strings.TrimPrefix(s, "-> "), p)
			}
		default:
			if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				err = os.WriteFile(p, []byte(s), 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// with returns the union of the maps, later ones winning, each with its
// names under prefix.
func with(prefix string, ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for n, s := range m {
			out[prefix+n] = s
		}
	}
	return out
}

func text(name, s string) atomicset.Output {
	return atomicset.Output{Name: name, Write: func(w io.Writer) error { _, err := io.WriteString(w, s); return err }}
}

// The files of the scenarios: the user's own, an old export, a new one.
var (
	userFiles = map[string]string{"notes.txt": "my notes", "csv/": "", "csv/mine.txt": "my table", "link": "-> notes.txt",
		"mine/": "", "mine/deep/": "", "mine/deep/f.txt": "deep"}
	oldFiles = map[string]string{"a.csv": "old a", "csv/t.csv": "old t", "csv/big.csv": "old big"}
	newFiles = map[string]string{"a.csv": "new a", "csv/": "", "csv/t.csv": "new t", "csv/big.csv": strings.Repeat("0123456789abcdef", 20000),
		"parquet/": "", "parquet/t.parquet": "new p"}
)

func newOutputs() []atomicset.Output {
	var outs []atomicset.Output
	for _, n := range slices.Sorted(maps.Keys(newFiles)) {
		if !strings.HasSuffix(n, "/") {
			outs = append(outs, text(n, newFiles[n]))
		}
	}
	return outs
}

// scenario is a run whose faults are tested.
type scenario struct {
	dir     string // the output directory, relative to the test's root
	journal bool   // commit through the journal
	old     func(t testing.TB) map[string]string
	run     func(ctx context.Context, dir string) error
	new     func(t testing.TB) map[string]string // what root holds after the run
}

// releaseData returns a dataset built here, with no records, and the
// embedded schema: the release fault tests need a release, not data, and
// do not depend on the test datasets following the schema.
func releaseData() (*record.Dataset, *schema.Set, error) {
	set, err := schema.LoadDir("")
	ds := &record.Dataset{Meta: record.Metadata{Title: "Fault test", Version: "1.2.3", Licence: "CC0-1.0", Description: "No records.", Citation: "Nobody."}}
	return ds, set, err
}

var releaseZip []byte // the release of releaseData

const zipName = "curate-1.2.3.zip"

func scenarios() map[string]*scenario {
	writeAll := func(ctx context.Context, dir string) error {
		_, err := atomicset.WriteAll(ctx, dir, newOutputs())
		return err
	}
	exported := func(prefix string) func(testing.TB) map[string]string {
		return func(testing.TB) map[string]string {
			return with(prefix, map[string]string{"": ""}, userFiles, oldFiles)
		}
	}
	updated := func(prefix string) func(testing.TB) map[string]string {
		return func(testing.TB) map[string]string {
			return with(prefix, map[string]string{"": ""}, userFiles, newFiles)
		}
	}
	return map[string]*scenario{
		// An export over an existing one, with the user's files.
		"staged":  {dir: "out", old: exported("out/"), run: writeAll, new: updated("out/")},
		"journal": {dir: "out", journal: true, old: exported("out/"), run: writeAll, new: updated("out/")},
		// A first export into a directory whose parent is missing too.
		"fresh": {dir: "new/out", old: func(testing.TB) map[string]string { return map[string]string{} }, run: writeAll,
			new: func(testing.TB) map[string]string {
				return with("new/", map[string]string{"": "", "out/": ""}, with("out/", newFiles))
			}},
		// One file at the top: temporary file and rename.
		"one": {dir: "rel", old: func(testing.TB) map[string]string {
			return map[string]string{"rel/": "", "rel/notes.txt": "mine", "rel/x.zip": "old zip"}
		},
			run: func(ctx context.Context, dir string) error {
				_, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{text("x.zip", "new zip")})
				return err
			},
			new: func(testing.TB) map[string]string {
				return map[string]string{"rel/": "", "rel/notes.txt": "mine", "rel/x.zip": "new zip"}
			}},
		// A first release into a directory whose parent is missing too.
		"release-fresh": {dir: "new/rel", old: func(testing.TB) map[string]string { return map[string]string{} },
			run: func(ctx context.Context, dir string) error {
				ds, set, err := releaseData()
				if err == nil {
					_, err = export.Release(ctx, dir, ds, set, export.Options{})
				}
				return err
			},
			new: func(t testing.TB) map[string]string {
				m := scenarios()["release"].new(t)
				return map[string]string{"new/": "", "new/rel/": "", "new/rel/" + zipName: m["rel/"+zipName]}
			}},
		// A release over an older zip of the same name.
		"release": {dir: "rel",
			old: func(t testing.TB) map[string]string {
				return map[string]string{"rel/": "", "rel/notes.txt": "mine", "rel/" + zipName: "old zip"}
			},
			run: func(ctx context.Context, dir string) error {
				ds, set, err := releaseData()
				if err == nil {
					_, err = export.Release(ctx, dir, ds, set, export.Options{})
				}
				return err
			},
			new: func(t testing.TB) map[string]string {
				if releaseZip == nil {
					ds, set, err := releaseData()
					if err != nil {
						t.Fatal(err)
					}
					dir := filepath.Join(t.(*testing.T).TempDir(), "rel")
					if _, err := export.Release(context.Background(), dir, ds, set, export.Options{}); err != nil {
						t.Fatal(err)
					}
					if releaseZip, err = os.ReadFile(filepath.Join(dir, zipName)); err != nil {
						t.Fatal(err)
					}
				}
				return map[string]string{"rel/": "", "rel/notes.txt": "mine", "rel/" + zipName: string(releaseZip)}
			}},
	}
}

// Environment of the child process.
const (
	envScenario = "CURATE_COMMIT_CHILD"
	envRoot     = "CURATE_COMMIT_ROOT"
	envAt       = "CURATE_COMMIT_AT"     // the step to stop at, from 1; 0 for none
	envSignal   = "CURATE_COMMIT_SIGNAL" // KILL, TERM or INT
	envSteps    = "CURATE_COMMIT_STEPS"  // a file to append each step's name to
	envResult   = "CURATE_COMMIT_RESULT" // a file to write the outcome to
)

// TestCommitChild is the child process of the fault tests: it runs a
// scenario and, at step k, kills itself (SIGKILL) or sends itself SIGTERM
// or SIGINT, which cancel the run's context.
func TestCommitChild(t *testing.T) {
	name := os.Getenv(envScenario)
	if name == "" {
		t.Skip("the child process of the fault tests")
	}
	sc := scenarios()[name]
	*atomicset.NoExchange = sc.journal
	ctx := context.Background()
	sig := os.Getenv(envSignal)
	if sig != "KILL" {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGINT)
		defer stop()
	}
	at, _ := strconv.Atoi(os.Getenv(envAt))
	steps, err := os.OpenFile(os.Getenv(envSteps), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	*atomicset.FaultHook = func(s string) {
		n++
		fmt.Fprintln(steps, s)
		if n != at {
			return
		}
		switch sig {
		case "KILL":
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		case "TERM":
			syscall.Kill(os.Getpid(), syscall.SIGTERM)
		case "INT":
			syscall.Kill(os.Getpid(), syscall.SIGINT)
		}
		<-ctx.Done()
	}
	result := "ok"
	if err := sc.run(ctx, filepath.Join(os.Getenv(envRoot), sc.dir)); errors.Is(err, context.Canceled) {
		result = "canceled"
	} else if err != nil {
		result = err.Error()
	}
	if err := os.WriteFile(os.Getenv(envResult), []byte(result), 0o644); err != nil {
		t.Fatal(err)
	}
}

// child runs a scenario in a child process in root, stopping at step at
// with sig; it returns the steps the child went through, its outcome ("ok",
// "canceled" or an error) and whether SIGKILL ended it.
func child(t *testing.T, name, root string, at int, sig string) (steps []string, result string, killed bool) {
	t.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs signals")
	}
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCommitChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envScenario+"="+name, envRoot+"="+root, envAt+"="+strconv.Itoa(at), envSignal+"="+sig,
		envSteps+"="+filepath.Join(tmp, "steps"), envResult+"="+filepath.Join(tmp, "result"))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		ws, ok := ee.Sys().(syscall.WaitStatus)
		killed = ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
		if !killed {
			t.Fatalf("child %s (step %d, %s): %v\n%s", name, at, sig, err, out)
		}
	} else if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(tmp, "steps"))
	steps = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	r, _ := os.ReadFile(filepath.Join(tmp, "result"))
	return steps, string(r), killed
}

// commitStep returns the index (from 1) of the step at which the new set
// is committed: the exchange, the journal, or the rename of a single file.
func commitStep(t *testing.T, steps []string) int {
	t.Helper()
	for i, s := range steps {
		if s == "exchange:after" || s == "journal" || strings.HasPrefix(s, "rename:") {
			return i + 1
		}
	}
	t.Fatalf("no commit among the steps %q", steps)
	return 0
}

// setUp makes a fresh root holding the scenario's old state.
func setUp(t *testing.T, sc *scenario) string {
	root := t.TempDir()
	put(t, root, sc.old(t))
	return root
}

// again runs the scenario once more in this process, as the next run
// would, and checks that root holds the new state and no leftover.
func again(t *testing.T, sc *scenario, root, after string) {
	t.Helper()
	inProcess.Lock()
	*atomicset.NoExchange = sc.journal
	err := sc.run(context.Background(), filepath.Join(root, sc.dir))
	*atomicset.NoExchange = false
	inProcess.Unlock()
	if err != nil {
		t.Fatalf("%s, the next run: %v", after, err)
	}
	got, left := state(t, root)
	if want := sc.new(t); !maps.Equal(got, want) || left != nil {
		t.Errorf("%s, after the next run: %s; leftovers %q", after, describe(got, want), left)
	}
}

// inProcess serializes the runs parallel subtests make in this process,
// which set *atomicset.NoExchange.
var inProcess sync.Mutex

var faultScenarios = []string{"staged", "journal", "fresh", "one", "release", "release-fresh"}

// TestKillAtEveryStep kills a run with SIGKILL after each of its steps (each
// file written, the journal, each rename, before and after the exchange, the
// old tree removed) and checks that the output directory holds exactly the
// old set of files or exactly the new one (the old before the commit
// point, the new from it on), the user's files in both; for the journal,
// once the next run has completed it. One more run leaves the new set and
// no leftover with our prefixes.
func TestKillAtEveryStep(t *testing.T) {
	for _, name := range faultScenarios {
		t.Run(name, func(t *testing.T) {
			sc := scenarios()[name]
			root := setUp(t, sc)
			steps, result, _ := child(t, name, root, 0, "")
			if result != "ok" {
				t.Fatalf("a run without faults: %s", result)
			}
			if got, left := state(t, root); !maps.Equal(got, sc.new(t)) || left != nil {
				t.Fatalf("a run without faults: %s; leftovers %q", describe(got, sc.new(t)), left)
			}
			t.Logf("steps: %q", steps)
			commit := commitStep(t, steps)
			for k := 1; k <= len(steps); k++ {
				if testing.Short() && k > 3 && k < len(steps)-3 && k != commit-1 && k != commit {
					continue
				}
				t.Run(fmt.Sprintf("%02d_%s", k, steps[k-1]), func(t *testing.T) {
					t.Parallel()
					root := setUp(t, sc)
					_, _, killed := child(t, name, root, k, "KILL")
					after := fmt.Sprintf("killed after step %d (%s)", k, steps[k-1])
					if !killed {
						t.Fatalf("%s: the child was not killed", after)
					}
					if sc.journal {
						if err := atomicset.RecoverJournal(filepath.Join(root, sc.dir)); err != nil {
							t.Fatalf("%s: completing the journal: %v", after, err)
						}
					}
					want, which := sc.old(t), "old"
					if k >= commit {
						want, which = sc.new(t), "new"
					}
					if got, _ := state(t, root); !maps.Equal(got, want) {
						t.Errorf("%s: not the %s set: %s", after, which, describe(got, want))
					}
					again(t, sc, root, after)
				})
			}
		})
	}
}

// TestSignalCancels sends SIGTERM (at each step) or SIGINT (at the first
// step and around the commit point) to a run that cancels its context on
// them, as the command does: before the commit point the run returns
// context.Canceled, and the directory holds the old set with no temporary
// left, without waiting for another run; from the commit point on, the run
// completes.
func TestSignalCancels(t *testing.T) {
	for _, name := range faultScenarios {
		t.Run(name, func(t *testing.T) {
			sc := scenarios()[name]
			steps, _, _ := child(t, name, setUp(t, sc), 0, "")
			commit := commitStep(t, steps)
			for _, sig := range []string{"TERM", "INT"} {
				for k := 1; k <= len(steps); k++ {
					around := k == 1 || k == commit-1 || k == commit
					if sig == "INT" && !around || testing.Short() && !around && k > 2 && k < len(steps)-2 {
						continue
					}
					t.Run(fmt.Sprintf("%s_%02d_%s", sig, k, steps[k-1]), func(t *testing.T) {
						t.Parallel()
						root := setUp(t, sc)
						_, result, _ := child(t, name, root, k, sig)
						after := fmt.Sprintf("SIG%s after step %d (%s)", sig, k, steps[k-1])
						want, wantResult := sc.old(t), "canceled"
						if k >= commit {
							want, wantResult = sc.new(t), "ok"
						}
						if result != wantResult {
							t.Errorf("%s: the run says %q, want %q", after, result, wantResult)
						}
						if got, left := state(t, root); !maps.Equal(got, want) || left != nil {
							t.Errorf("%s: %s; leftovers %q", after, describe(got, want), left)
						}
					})
				}
			}
		})
	}
}

// errFull is what a full disk gives a writer.
var errFull = &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}

// TestWriterFaultsEveryPath injects a writer failure after 0 bytes, 10
// bytes and 1 MiB, and a full disk, into the last output, through each
// way of committing: the directory keeps its old set, no temporary is left
// and no directory is created.
func TestWriterFaultsEveryPath(t *testing.T) {
	injected := errors.New("injected")
	for _, name := range []string{"staged", "journal", "fresh", "one"} {
		for _, fault := range []error{injected, errFull} {
			for _, n := range []int{0, 10, 1 << 20} {
				sc := scenarios()[name]
				root := setUp(t, sc)
				outs := newOutputs()
				if name == "one" {
					outs = nil
				}
				outs = append(outs, atomicset.Output{Name: "parquet/late.parquet", Write: func(w io.Writer) error {
					if _, err := w.Write(bytes.Repeat([]byte("x"), n)); err != nil {
						return err
					}
					return fault
				}})
				if name == "one" {
					outs[0].Name = "x.zip"
				}
				*atomicset.NoExchange = sc.journal
				_, err := atomicset.WriteAll(context.Background(), filepath.Join(root, sc.dir), outs)
				*atomicset.NoExchange = false
				if !errors.Is(err, fault) {
					t.Errorf("%s, %v after %d bytes: error %v", name, fault, n, err)
				}
				if got, left := state(t, root); !maps.Equal(got, sc.old(t)) || left != nil {
					t.Errorf("%s, %v after %d bytes: %s; leftovers %q", name, fault, n, describe(got, sc.old(t)), left)
				}
			}
		}
	}
}

// recordSteps runs f with *atomicset.FaultHook recording the steps.
func recordSteps(f func()) []string {
	var s []string
	*atomicset.FaultHook = func(x string) { s = append(s, x) }
	defer func() { *atomicset.FaultHook = nil }()
	f()
	return s
}

// commitPath names the commit a run's steps show.
func commitPath(steps []string) string {
	has := func(prefix string) bool {
		return slices.ContainsFunc(steps, func(s string) bool { return strings.HasPrefix(s, prefix) })
	}
	switch {
	case has("journal: "):
		i := slices.IndexFunc(steps, func(s string) bool { return strings.HasPrefix(s, "journal: ") })
		return "journal (" + strings.TrimPrefix(steps[i], "journal: ") + ")"
	case has("carried"):
		return "exchange"
	case has("file:"):
		return "rename of a new directory"
	case has("temp:"):
		return "single rename"
	}
	return "none"
}

// TestUsualPath measures which commit the usual runs take on this
// machine's temporary directory: an export over an existing one is
// exchanged, a first export is renamed into place, a release zip is one
// rename. It skips, saying why, where the filesystem cannot exchange.
func TestUsualPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the exchange is Linux only; elsewhere an existing directory takes the journal")
	}
	for _, c := range []struct{ scenario, want string }{{"staged", "exchange"}, {"fresh", "rename of a new directory"}, {"one", "single rename"}} {
		sc := scenarios()[c.scenario]
		root := setUp(t, sc)
		s := recordSteps(func() {
			if err := sc.run(context.Background(), filepath.Join(root, sc.dir)); err != nil {
				t.Fatal(err)
			}
		})
		got := commitPath(s)
		t.Logf("%s on %s: %s", c.scenario, root, got)
		if got != c.want {
			if strings.Contains(got, "renameat2") {
				t.Skipf("this filesystem cannot exchange: %s", got)
			}
			t.Errorf("%s: %s, want %s", c.scenario, got, c.want)
		}
	}
}

// TestWorkingDirectoryTakesJournal checks that an output directory holding
// the working directory is not exchanged (the working directory would be
// left in the removed tree) but committed through the journal.
func TestWorkingDirectoryTakesJournal(t *testing.T) {
	sc := scenarios()["staged"]
	root := setUp(t, sc)
	t.Chdir(filepath.Join(root, "out", "mine"))
	s := recordSteps(func() {
		if err := sc.run(context.Background(), filepath.Join(root, "out")); err != nil {
			t.Fatal(err)
		}
	})
	if got := commitPath(s); runtime.GOOS == "linux" && got != "journal (the working directory is in it)" {
		t.Errorf("path %s, want the journal", got)
	}
	if got, left := state(t, root); !maps.Equal(got, sc.new(t)) || left != nil {
		t.Errorf("%s; leftovers %q", describe(got, sc.new(t)), left)
	}
}

// TestSymlinkedDirectory checks that an output directory given as a
// symbolic link stays a link: the directory it points to gets the new set.
func TestSymlinkedDirectory(t *testing.T) {
	sc := scenarios()["staged"]
	root := setUp(t, sc)
	if err := os.Symlink("out", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	if err := sc.run(context.Background(), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	want := with("", sc.new(t), map[string]string{"link": "-> out"})
	if got, left := state(t, root); !maps.Equal(got, want) || left != nil {
		t.Errorf("%s; leftovers %q", describe(got, want), left)
	}
}

// TestParentNotWritable checks that an output directory whose parent the
// run may not write (no room for a staging directory) is committed through
// the journal. The parent is made immutable (chattr +i), which refuses
// even root; skipped without chattr or a filesystem that has the flag.
func TestParentNotWritable(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("needs chattr (Linux)")
	}
	sc := scenarios()["staged"]
	root := setUp(t, sc)
	if out, err := exec.Command(chattr, "+i", root).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v %s", err, out)
	}
	defer exec.Command(chattr, "-i", root).Run()
	s := recordSteps(func() {
		if err := sc.run(context.Background(), filepath.Join(root, sc.dir)); err != nil {
			t.Fatal(err)
		}
	})
	if got := commitPath(s); !strings.HasPrefix(got, "journal (") || !strings.Contains(got, "operation not permitted") {
		t.Errorf("%s, want the journal", got)
	}
	if got, left := state(t, root); !maps.Equal(got, sc.new(t)) || left != nil {
		t.Errorf("%s; leftovers %q", describe(got, sc.new(t)), left)
	}
}

// TestSweepSparesLiveRuns checks that a run removes a killed run's
// temporaries (no process holds their lock) but neither a live run's
// (locked) nor anything not ours: another directory's staging directory,
// a user's file whose name merely starts with ".curate-".
func TestSweepSparesLiveRuns(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("locks are Linux only; elsewhere every leftover is removed")
	}
	sc := scenarios()["staged"]
	root := setUp(t, sc)
	dir := filepath.Join(root, "out")
	live := map[string]bool{}
	var held []*os.File
	for _, c := range []struct {
		path string
		live bool
	}{
		{filepath.Join(root, ".curate-stage-out-1"), true},
		{filepath.Join(root, ".curate-stage-out-2"), false},
		{filepath.Join(dir, ".curate-tmp-a.csv-3"), true},
		{filepath.Join(dir, ".curate-tmp-a.csv-4"), false},
		{filepath.Join(dir, "csv", ".curate-tmp-t.csv-5"), false},
		{filepath.Join(dir, ".curate-stage-release-6"), false},
	} {
		if strings.Contains(filepath.Base(c.path), "stage") {
			if err := os.Mkdir(c.path, 0o755); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(c.path, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if c.live {
			f, err := os.Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			atomicset.HoldLock(f)
			held = append(held, f)
			live[c.path] = true
		}
	}
	put(t, root, map[string]string{".curate-stage-other-7/": "", "out/.curate-notes": "mine"})
	// Through the journal, which leaves the directory in place; an
	// exchange would leave a concurrent run's temporaries in the old tree,
	// and that run would fail.
	*atomicset.NoExchange = true
	defer func() { *atomicset.NoExchange = false }()
	if err := sc.run(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	_, left := state(t, root)
	want := []string{".curate-stage-other-7", ".curate-stage-out-1", "out/.curate-tmp-a.csv-3"}
	if !slices.Equal(left, want) {
		t.Errorf("left %q, want the live runs' and the other directory's: %q", left, want)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".curate-notes")); err != nil || string(b) != "mine" {
		t.Errorf(".curate-notes: %q, %v", b, err)
	}
	for _, f := range held {
		f.Close()
	}
	if err := sc.run(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if _, left := state(t, root); !slices.Equal(left, []string{".curate-stage-other-7"}) {
		t.Errorf("once their runs ended, left %q", left)
	}
}

// TestJournalRollsForward checks that a run first completes the journal of
// a run killed after its commit point: the renames it lists are made (a
// temporary already renamed is skipped), then the run goes on; and that a
// journal curate would not have written is refused, nothing moved.
func TestJournalRollsForward(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	put(t, dir, map[string]string{"a.csv": "old a", "csv/t.csv": "new t (renamed before the kill)", "csv/u.csv": "old u",
		".curate-tmp-a.csv-1": "new a", "csv/.curate-tmp-u.csv-2": "new u"})
	j, _ := json.Marshal(atomicset.Journal{1, []atomicset.JournalEntry{{".curate-tmp-a.csv-1", "a.csv"}, {"csv/.curate-tmp-t.csv-3", "csv/t.csv"}, {"csv/.curate-tmp-u.csv-2", "csv/u.csv"}}})
	put(t, dir, map[string]string{atomicset.JournalName: string(j)})
	if _, err := atomicset.WriteAll(context.Background(), dir, []atomicset.Output{text("b.csv", "b")}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.csv": "new a", "b.csv": "b", "csv/": "", "csv/t.csv": "new t (renamed before the kill)", "csv/u.csv": "new u"}
	if got, left := state(t, dir); !maps.Equal(got, want) || left != nil {
		t.Errorf("%s; leftovers %q", describe(got, want), left)
	}

	for _, bad := range []string{`{"curate_commit":1,"renames":[{"from":"../x","to":"a.csv"}]}`,
		`{"curate_commit":1,"renames":[{"from":".curate-tmp-x","to":"../a.csv"}]}`,
		`{"curate_commit":1,"renames":[{"from":"/etc/.curate-tmp-x","to":"a.csv"}]}`,
		`{"curate_commit":1,"renames":[{"from":"mine.txt","to":"a.csv"}]}`,
		`{"curate_commit":1,"renames":[{"from":"csv/.curate-tmp-x","to":"a.csv"}]}`,
		`{"curate_commit":2,"renames":[]}`, `not json`} {
		dir := t.TempDir()
		put(t, dir, map[string]string{"a.csv": "old a", "mine.txt": "mine", atomicset.JournalName: bad})
		_, err := atomicset.WriteAll(context.Background(), dir, []atomicset.Output{text("b.csv", "b")})
		if err == nil || !strings.Contains(err.Error(), atomicset.JournalName) {
			t.Errorf("journal %s: error %v, want a refusal naming it", bad, err)
		}
		if got, _ := state(t, dir); !maps.Equal(got, map[string]string{"a.csv": "old a", "mine.txt": "mine"}) {
			t.Errorf("journal %s: %v", bad, got)
		}
	}
}

// TestRealFullDisk fills a small tmpfs (mounted when the tests run as root,
// else skipped): an export over an existing one (exchanged), into the
// mount point itself (journal: a mount point cannot be exchanged) and into
// a new directory each fail with ENOSPC and leave the old set, no
// temporary and no new directory.
func TestRealFullDisk(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounts a tmpfs: Linux, as root")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=512k"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	defer syscall.Unmount(mnt, 0)
	big := strings.Repeat("x", 300<<10)
	outs := []atomicset.Output{text("a.csv", "new a"), text("csv/big1.csv", big), text("csv/big2.csv", big)}
	for _, c := range []struct {
		dir, want string
		old       map[string]string
	}{
		{"out", "exchange", map[string]string{"out/": "", "out/a.csv": "old a", "out/notes.txt": "mine"}},
		{".", "journal (" + mnt + " is a mount point)", map[string]string{"a.csv": "old a", "notes.txt": "mine"}},
		{"new/out", "rename of a new directory", map[string]string{}},
	} {
		put(t, mnt, c.old)
		s := recordSteps(func() {
			if _, err := atomicset.WriteAll(context.Background(), filepath.Join(mnt, c.dir), outs); !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("%s: error %v, want ENOSPC", c.dir, err)
			}
		})
		if got := commitPath(s); got != c.want {
			t.Errorf("%s: %s, want %s (steps %q)", c.dir, got, c.want, s)
		}
		if got, left := state(t, mnt); !maps.Equal(got, c.old) || left != nil {
			t.Errorf("%s: %s; leftovers %q", c.dir, describe(got, c.old), left)
		}
		// Room for the new set: the same runs succeed.
		small := []atomicset.Output{text("a.csv", "new a"), text("csv/t.csv", "t")}
		if _, err := atomicset.WriteAll(context.Background(), filepath.Join(mnt, c.dir), small); err != nil {
			t.Errorf("%s, with room: %v", c.dir, err)
		}
		if _, left := state(t, mnt); left != nil {
			t.Errorf("%s, with room: leftovers %q", c.dir, left)
		}
		entries, _ := os.ReadDir(mnt)
		for _, e := range entries {
			os.RemoveAll(filepath.Join(mnt, e.Name()))
		}
	}
}

// TestOverlayLowerLayer exports over a directory that an overlayfs mount
// (as in a container image) takes from its lower layer, which cannot be
// renamed (EXDEV): the exchange fails after the probe passed, and the run
// moves its staged files into the directory through the journal instead
// (mounted when the tests run as root, else skipped).
func TestOverlayLowerLayer(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounts an overlayfs: Linux, as root")
	}
	tmp := t.TempDir()
	lower, upper, work, merged := filepath.Join(tmp, "lower"), filepath.Join(tmp, "upper"), filepath.Join(tmp, "work"), filepath.Join(tmp, "merged")
	sc := scenarios()["staged"]
	put(t, lower, sc.old(t))
	for _, d := range []string{upper, work, merged} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mount("overlay", merged, "overlay", 0, "lowerdir="+lower+",upperdir="+upper+",workdir="+work+",redirect_dir=off"); err != nil {
		t.Skipf("cannot mount an overlayfs: %v", err)
	}
	defer syscall.Unmount(merged, 0)
	for i := range 2 {
		s := recordSteps(func() {
			if err := sc.run(context.Background(), filepath.Join(merged, sc.dir)); err != nil {
				t.Fatal(err)
			}
		})
		if got := commitPath(s); !strings.HasPrefix(got, "journal (renameat2") {
			t.Errorf("run %d: %s, want the journal after the exchange failed", i, got)
		}
		if slices.ContainsFunc(s, func(x string) bool { return strings.HasPrefix(x, "temp:") }) != true {
			t.Errorf("run %d: steps %q", i, s)
		}
		if got, left := state(t, merged); !maps.Equal(got, sc.new(t)) || left != nil {
			t.Errorf("run %d: %s; leftovers %q", i, describe(got, sc.new(t)), left)
		}
	}
}

// straceTarget is what the strace test runs: the built command on a
// dataset, or, when no test dataset validates, this test binary's child
// run of the "staged" scenario.
type straceTarget struct {
	name     string
	cmd      func(dir string, journal bool) *exec.Cmd // a run into dir; through the journal when asked
	old, new map[string]string                        // what root holds before and after, DIR being root/out
	file     string                                   // an output renamed midway through the journal
	big      string                                   // another
}

// straceTargets returns the built command on the first test dataset that
// validates, else the test binary.
func straceTargets(t *testing.T) straceTarget {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "curate")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/curate").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, d := range []string{"../../dataset", "../../export/testdata/tiny"} {
		dataset, err := filepath.Abs(d)
		if err != nil {
			t.Fatal(err)
		}
		export := func(dir string, journal bool) *exec.Cmd {
			c := exec.Command(bin, "export", "--format", "all", "--out", dir, dataset)
			if journal {
				c.Dir = filepath.Join(dir, "mine") // the working directory in DIR: no exchange
			}
			return c
		}
		ref := filepath.Join(tmp, "ref-"+filepath.Base(d))
		if out, err := export(ref, false).CombinedOutput(); err != nil {
			t.Logf("%s does not export (%v), so not this one:\n%.500s", d, err, out)
			continue
		}
		exported, _ := state(t, ref)
		old := map[string]string{}
		for n, s := range exported {
			if !strings.HasSuffix(n, "/") {
				s = "old " + n
			}
			old[n] = s
		}
		return straceTarget{"curate export " + d, export,
			with("out/", map[string]string{"": ""}, userFiles, old), with("out/", map[string]string{"": ""}, userFiles, exported),
			"csv/events.csv", "curate.xlsx"}
	}
	t.Log("no test dataset validates with the current schema: running this test binary's child instead of the command")
	sc := scenarios()["staged"]
	child := func(dir string, journal bool) *exec.Cmd {
		c := exec.Command(os.Args[0], "-test.run=^TestCommitChild$", "-test.count=1")
		name := "staged"
		if journal {
			name = "journal"
		}
		c.Env = append(os.Environ(), envScenario+"="+name, envRoot+"="+filepath.Dir(dir), envAt+"=0", envSignal+"=KILL",
			envSteps+"="+os.DevNull, envResult+"="+os.DevNull)
		return c
	}
	return straceTarget{"the test binary", child, sc.old(t), sc.new(t), "csv/t.csv", "csv/big.csv"}
}

// TestStraceFaults runs the built command under strace, injecting syscall
// failures and SIGKILL at the renames, the exchange, hard links, folder
// creation, file creation, writes and syncs, through the exchange and
// (with the working directory in DIR) through the journal. Whatever fails,
// DIR holds exactly the old set or the new one, once a journal is
// completed; the next run leaves the new set and no leftover.
func TestStraceFaults(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed: install it to run the syscall fault injection test")
	}
	if testing.Short() {
		t.Skip("builds the command")
	}
	if out, err := exec.Command(strace, "-f", "-o", os.DevNull, "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here: %v\n%s", err, out)
	}
	target := straceTargets(t)
	t.Logf("running %s", target.name)
	type spec struct {
		journal bool     // through the journal
		args    []string // strace's, after -f; DIR stands for the output directory
	}
	inject := func(journal bool, args ...string) spec { return spec{journal, args} }
	specs := []spec{
		inject(false, "-e", "inject=renameat2:error=EIO:when=1"), // the probe: the journal instead
		inject(false, "-P", "DIR", "-e", "inject=renameat2:error=EIO"),
		inject(false, "-P", "DIR", "-e", "inject=renameat2:error=EXDEV"), // as overlayfs: the journal instead
		inject(false, "-P", "DIR", "-e", "inject=renameat2:signal=KILL"),
		inject(false, "-e", "inject=renameat2:error=EINVAL"),
		inject(false, "-e", "inject=linkat:error=EPERM"),
		inject(false, "-e", "inject=linkat:error=ENOSPC:when=2"),
		inject(false, "-e", "inject=linkat:signal=KILL:when=3"),
		inject(false, "-e", "inject=symlinkat:error=EIO"),
		inject(false, "-e", "inject=mkdirat:error=ENOSPC"),
		inject(false, "-e", "inject=mkdirat:error=ENOSPC:when=3+"),
		inject(false, "-e", "inject=mkdirat:signal=KILL:when=4"),
		inject(false, "-e", "inject=fsync:error=EIO"),
		inject(false, "-e", "inject=fsync:error=EIO:when=5+"),
		inject(false, "-e", "inject=unlinkat:signal=KILL:when=3"),
		inject(false, "-e", "inject=openat:error=ENOSPC:when=30+"),
		inject(false, "-e", "inject=openat:error=ENOSPC:when=60+"),
		inject(false, "-e", "inject=write:error=ENOSPC:when=5+"),
		inject(false, "-e", "inject=write:signal=KILL:when=12"),
		inject(true, "-e", "inject=renameat:error=EIO:when=1"),
		inject(true, "-P", "DIR/.curate-commit", "-e", "inject=renameat:error=EIO"),
		inject(true, "-P", "DIR/.curate-commit", "-e", "inject=renameat:signal=KILL"),
		inject(true, "-P", "DIR/FILE", "-e", "inject=renameat:error=EIO"),
		inject(true, "-P", "DIR/FILE", "-e", "inject=renameat:signal=KILL"),
		inject(true, "-P", "DIR/BIG", "-e", "inject=renameat:signal=KILL"),
		inject(true, "-e", "inject=fsync:error=EIO:when=3"),
		inject(true, "-e", "inject=mkdirat:error=ENOSPC"),
	}
	for _, s := range specs {
		name := strings.Join(s.args, " ")
		if s.journal {
			name += " (journal)"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			straceRun(t, strace, target, s.journal, s.args)
		})
	}
}

// straceRun runs the target under strace with args and checks the result.
func straceRun(t *testing.T, strace string, target straceTarget, journal bool, straceArgs []string) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	put(t, root, target.old)
	args := []string{"-f", "-qq", "-o", os.DevNull}
	for _, a := range straceArgs {
		args = append(args, strings.NewReplacer("DIR", dir, "FILE", target.file, "BIG", target.big).Replace(a))
	}
	c := target.cmd(dir, journal)
	cmd := exec.Command(strace, append(append(args, "--"), c.Args...)...)
	cmd.Dir, cmd.Env = c.Dir, c.Env
	out, err := cmd.CombinedOutput()
	if bytes.Contains(out, []byte("panic:")) {
		t.Errorf("the run panicked:\n%s", out)
	}
	t.Logf("%v %.300s", err, bytes.TrimSpace(out))
	if err := atomicset.RecoverJournal(dir); err != nil {
		t.Errorf("completing the journal: %v", err)
	}
	got, _ := state(t, root)
	if !maps.Equal(got, target.old) && !maps.Equal(got, target.new) {
		t.Errorf("neither the old set (%s) nor the new (%s)", describe(got, target.old), describe(got, target.new))
	}
	if out, err := target.cmd(dir, false).CombinedOutput(); err != nil {
		t.Fatalf("the next run: %v\n%s", err, out)
	}
	if got, left := state(t, root); !maps.Equal(got, target.new) || left != nil {
		t.Errorf("after the next run: %s; leftovers %q", describe(got, target.new), left)
	}
}

// BenchmarkCommit times each way of committing 40 files of 64 KiB into a
// directory that holds an earlier export and 200 files of the user's.
func BenchmarkCommit(b *testing.B) {
	var outs []atomicset.Output
	for i := range 40 {
		outs = append(outs, text(fmt.Sprintf("csv/t%02d.csv", i), strings.Repeat("x", 64<<10)))
	}
	for _, journal := range []bool{false, true} {
		name := "exchange"
		if journal {
			name = "journal"
		}
		b.Run(name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "out")
			user := map[string]string{}
			for i := range 200 {
				user[fmt.Sprintf("user/f%03d.txt", i)] = "mine"
			}
			put(b, dir, user)
			*atomicset.NoExchange = journal
			defer func() { *atomicset.NoExchange = false }()
			for b.Loop() {
				if _, err := atomicset.WriteAll(context.Background(), dir, outs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
