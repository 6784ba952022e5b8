// Command bench is curate's scale benchmark (make bench): for each size it
// generates a synthetic dataset (internal/synth; cached under the work
// directory, keyed by the size, the seed and the generator's version), then
// runs, round after round on the same files, curate validate (with no
// cache, with --sources and no cache, and again over a warm cache of its
// own), curate export --format csv, parquet, xlsx and jsonld,
// curate release, and the peers: the parse floor (encoding/json decoding
// every file into an any on one core, scripts/bench/parsefloor), ajv-cli
// with ajv-formats validating every records file against the same schema
// files, and DuckDB reading the Parquet export. Each run goes through GNU
// time -v, which execs the command, so its peak RSS is the command's own.
// Every input is read once before each run, untimed, so that runs read
// from the page cache. The table gives medians of wall time, CPU time
// (user+sys) and peak RSS, input MB/s and curate's ratios to the peers;
// nothing in it is typed by hand.
//
//	go run ./scripts/bench [-sizes "10000 100000 1000000"] [-runs R] [-work DIR] [-curate bin/curate] [-seed 1]
//
// scripts/bench/bench.sh installs the npm peers first (npm ci from
// scripts/bench/package-lock.json); make bench runs it.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"curate/internal/synth"
)

type config struct {
	sizes  []int
	runs   int // 0: 3 up to 100,000 records, 1 above
	work   string
	curate string
	seed   uint64
	repo   string // the repository root (schema/, scripts/)
	nodeMD string // scripts/bench/node_modules
	out    io.Writer
}

// tool is one row of the table.
type tool struct {
	name  string
	peer  bool
	argv  func(d *dataset) []string
	env   []string
	setup func(d *dataset) error    // before each run, not timed
	prime func(d *dataset) []string // a command run once before the first round, not timed
	input func(d *dataset) int64    // bytes read, for MB/s
	skip  string                    // why the tool cannot run, or ""
}

// dataset is one generated dataset and where its outputs go.
type dataset struct {
	n        int
	dir, src string
	man      *synth.Manifest
	out      string // exports go under it
}

// result is a tool's runs on one dataset.
type result struct {
	Tool   string  `json:"tool"`
	N      int     `json:"n"`
	Runs   []usage `json:"runs"`
	Input  int64   `json:"input_bytes"`
	Failed string  `json:"failed,omitempty"`
	// FailedRun is what the failing run measured, up to its exit.
	FailedRun *usage          `json:"failed_run,omitempty"`
	Skipped   string          `json:"skipped,omitempty"`
	Median    usage           `json:"median"`
	Ratios    map[string]pair `json:"ratios,omitempty"` // by peer: wall and CPU ratios
}

type pair struct{ Wall, CPU float64 }

func main() {
	var c config
	sizes := flag.String("sizes", "10000 100000 1000000", "dataset sizes in records, separated by spaces or commas")
	flag.IntVar(&c.runs, "runs", 0, "runs of each command per size (0: 3 up to 100,000 records, 1 above)")
	flag.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "curate-bench"), "work directory: cached datasets, exports, logs")
	flag.StringVar(&c.curate, "curate", "bin/curate", "the curate binary to measure")
	flag.Uint64Var(&c.seed, "seed", 1, "the generator's seed")
	flag.StringVar(&c.repo, "repo", ".", "the repository root")
	flag.Parse()
	for _, f := range strings.FieldsFunc(*sizes, func(r rune) bool { return r == ' ' || r == ',' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < synth.MinN {
			fatalf("-sizes: %q is not a size of at least %d records", f, synth.MinN)
		}
		c.sizes = append(c.sizes, n)
	}
	c.nodeMD = filepath.Join(c.repo, "scripts", "bench", "node_modules")
	c.out = os.Stdout
	if err := run(&c); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func run(c *config) error {
	for _, p := range []*string{&c.work, &c.curate, &c.repo, &c.nodeMD} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return errors.New("/usr/bin/time (GNU time, Debian package \"time\") is needed: it measures each run's CPU time and peak RSS")
	}
	if err := os.MkdirAll(filepath.Join(c.work, "logs"), 0o755); err != nil {
		return err
	}
	floor := filepath.Join(c.work, "bin", "parsefloor")
	if out, err := exec.Command("go", "build", "-o", floor, filepath.Join(c.repo, "scripts", "bench", "parsefloor")).CombinedOutput(); err != nil {
		return fmt.Errorf("building the parse floor: %v\n%s", err, out)
	}
	header := environment(c)
	fmt.Fprintln(c.out, header)
	tools := tools(c, floor)
	var all []*result
	failed := false
	for _, n := range c.sizes {
		d, err := prepare(c, n)
		if err != nil {
			return err
		}
		runs := c.runs
		if runs <= 0 {
			runs = 3
			if n > 100000 {
				runs = 1
			}
		}
		res := make([]*result, len(tools))
		for i, t := range tools {
			res[i] = &result{Tool: t.name, N: n, Skipped: t.skip}
		}
		// Rounds: each tool once per round, so that a burst of load on the
		// shared machine spreads over every row rather than one.
		for round := 1; round <= runs; round++ {
			for i, t := range tools {
				r := res[i]
				if r.Skipped != "" || r.Failed != "" {
					continue
				}
				if t.setup != nil {
					if err := t.setup(d); err != nil {
						return err
					}
				}
				if t.prime != nil && round == 1 {
					argv := t.prime(d)
					if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
						return fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out)
					}
				}
				warm(d.dir, d.src, filepath.Join(d.out, "parquet"))
				log := filepath.Join(c.work, "logs", fmt.Sprintf("n%d-%s-%d.log", n, slug(t.name), round))
				u, err := measure(t.argv(d), t.env, log)
				if err != nil {
					r.Failed = err.Error()
					if u.MaxRSS > 0 {
						r.FailedRun = &u
					}
					failed = true
					fmt.Fprintf(c.out, "  n=%d %s: FAILED after %.2f s: %v\n", n, t.name, u.Wall.Seconds(), err)
					continue
				}
				r.Runs = append(r.Runs, u)
				fmt.Fprintf(c.out, "  n=%d round %d/%d %-42s %7.2f s wall %7.2f s CPU %7.0f MB\n", n, round, runs, t.name, u.Wall.Seconds(), u.CPU().Seconds(), mb(u.MaxRSS))
			}
		}
		for i, r := range res {
			r.Median = median(r.Runs)
			if tools[i].input != nil {
				r.Input = tools[i].input(d) // after the runs: the Parquet files exist once exported
			}
		}
		ratios(res)
		all = append(all, res...)
		fmt.Fprintln(c.out)
		fmt.Fprint(c.out, table(res, c))
		fmt.Fprintln(c.out)
	}
	report := header + "\n" + table(all, c)
	if len(c.sizes) > 1 {
		fmt.Fprint(c.out, "All sizes:\n\n", table(all, c))
	}
	stamp := time.Now().UTC().Format("20060102-150405")
	if err := os.WriteFile(filepath.Join(c.work, "results-"+stamp+".md"), []byte(report), 0o644); err != nil {
		return err
	}
	data, _ := json.MarshalIndent(all, "", "  ")
	if err := os.WriteFile(filepath.Join(c.work, "results-"+stamp+".json"), data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "\nresults: %s (and .json)\n", filepath.Join(c.work, "results-"+stamp+".md"))
	if failed {
		return errors.New("some runs failed (see above and the logs)")
	}
	return nil
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func mb(b int64) float64 { return float64(b) / 1e6 }

// prepare returns the dataset of n records, generating it unless the work
// directory holds a complete one of the same generator version and seed
// (its manifest, written last, says so).
func prepare(c *config, n int) (*dataset, error) {
	name := fmt.Sprintf("synth-v%s-n%d-seed%d", synth.Version, n, c.seed)
	d := &dataset{n: n, dir: filepath.Join(c.work, "data", name), src: filepath.Join(c.work, "data", name+"-sources"),
		out: filepath.Join(c.work, "out", fmt.Sprintf("n%d", n))}
	if m, err := readManifest(d.dir); err == nil && m.N == n && m.Seed == c.seed && m.Generator == "curate/internal/synth "+synth.Version && len(m.Faults) == 0 {
		d.man = m
		fmt.Fprintf(c.out, "n=%d: cached dataset %s (%.1f MB in %d files)\n", n, d.dir, mb(m.Bytes), m.Files)
		return d, nil
	}
	for _, p := range []string{d.dir, d.src} {
		if err := os.RemoveAll(p); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	fmt.Fprintf(c.out, "n=%d: generating %s ...\n", n, d.dir)
	m, err := synth.Generate(d.dir, synth.Options{N: n, Seed: c.seed, Sources: d.src})
	if err != nil {
		return nil, err
	}
	d.man = m
	fmt.Fprintf(c.out, "n=%d: generated %.1f MB in %d files (texts %.1f MB) in %.1f s\n", n, mb(m.Bytes), m.Files, mb(m.Texts), time.Since(start).Seconds())
	return d, nil
}

func readManifest(dir string) (*synth.Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, synth.ManifestFile))
	if err != nil {
		return nil, err
	}
	var m synth.Manifest
	return &m, json.Unmarshal(data, &m)
}

// measure runs argv under GNU time -v, its output in log, and returns
// what time reports; a run that exits non-zero is an error quoting the
// end of its output.
func measure(argv, env []string, log string) (usage, error) {
	report := log + ".time"
	out, err := os.Create(log)
	if err != nil {
		return usage{}, err
	}
	defer out.Close()
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", "-o", report, "--"}, argv...)...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	text, err := os.ReadFile(report)
	if err != nil {
		return usage{}, fmt.Errorf("%s: no time report: %v", argv[0], runErr)
	}
	u, err := parseTimeV(string(text))
	if err != nil {
		return usage{}, err
	}
	u.Wall = wall // monotonic, finer than time's centiseconds
	if u.Exit != 0 || runErr != nil {
		return u, fmt.Errorf("exited %d: %s (log %s)", u.Exit, tail(log, 2), log)
	}
	return u, nil
}

func tail(path string, n int) string {
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}

// median is the median of each measure separately.
func median(runs []usage) usage {
	if len(runs) == 0 {
		return usage{}
	}
	med := func(f func(u usage) float64) float64 {
		xs := make([]float64, len(runs))
		for i, u := range runs {
			xs[i] = f(u)
		}
		slices.Sort(xs)
		if len(xs)%2 == 1 {
			return xs[len(xs)/2]
		}
		return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return usage{
		Wall:   time.Duration(med(func(u usage) float64 { return float64(u.Wall) })),
		User:   time.Duration(med(func(u usage) float64 { return float64(u.User) })),
		Sys:    time.Duration(med(func(u usage) float64 { return float64(u.Sys) })),
		MaxRSS: int64(med(func(u usage) float64 { return float64(u.MaxRSS) })),
	}
}

// Peers curate's rows are compared with.
const (
	peerFloor = "parse floor: encoding/json → any, 1 core"
	peerAjv   = "ajv-cli: JSON Schema, every records file"
)

// ratios sets curate's ratios to the parse floor and ajv.
func ratios(res []*result) {
	peers := map[string]*result{}
	for _, r := range res {
		if r.Tool == peerFloor || r.Tool == peerAjv {
			peers[r.Tool] = r
		}
	}
	for _, r := range res {
		if !strings.HasPrefix(r.Tool, "curate") || len(r.Runs) == 0 {
			continue
		}
		r.Ratios = map[string]pair{}
		for name, p := range peers {
			if len(p.Runs) > 0 && p.Median.Wall > 0 && p.Median.CPU() > 0 {
				r.Ratios[name] = pair{float64(r.Median.Wall) / float64(p.Median.Wall), float64(r.Median.CPU()) / float64(p.Median.CPU())}
			}
		}
	}
}

// table writes the results as one Markdown table.
func table(all []*result, c *config) string {
	var b strings.Builder
	b.WriteString("| records | command | runs | wall s | CPU s | peak RSS MB | input MB/s | × parse floor (wall / CPU) | × ajv (wall / CPU) |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
	var failures []string
	for _, r := range all {
		fmt.Fprintf(&b, "| %s | %s ", thousands(r.N), r.Tool)
		switch {
		case r.Skipped != "":
			fmt.Fprintf(&b, "| – | skipped: %s | | | | | |\n", r.Skipped)
			continue
		case r.Failed != "":
			failures = append(failures, fmt.Sprintf("- %s records, %s: %s", thousands(r.N), r.Tool, r.Failed))
			if u := r.FailedRun; u != nil {
				fmt.Fprintf(&b, "| failed [%d] | %.2f | %.2f | %.0f | | | |\n", len(failures), u.Wall.Seconds(), u.CPU().Seconds(), mb(u.MaxRSS))
			} else {
				fmt.Fprintf(&b, "| failed [%d] | | | | | | |\n", len(failures))
			}
			continue
		}
		m := r.Median
		rate := "–"
		if r.Input > 0 && m.Wall > 0 {
			rate = fmt.Sprintf("%.1f", mb(r.Input)/m.Wall.Seconds())
		}
		ratio := func(peer string) string {
			p, ok := r.Ratios[peer]
			if !ok {
				return ""
			}
			return fmt.Sprintf("%.2f / %.2f", p.Wall, p.CPU)
		}
		fmt.Fprintf(&b, "| %d | %.2f | %.2f | %.0f | %s | %s | %s |\n", len(r.Runs), m.Wall.Seconds(), m.CPU().Seconds(), mb(m.MaxRSS), rate, ratio(peerFloor), ratio(peerAjv))
	}
	if len(failures) > 0 {
		b.WriteString("\nFailed runs (their figures are the failing run's, up to its exit):\n\n")
		for i, f := range failures {
			fmt.Fprintf(&b, "%d. %s\n", i+1, strings.TrimPrefix(f, "- "))
		}
	}
	return b.String()
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// recordFiles lists the dataset's records files (dataset.json aside), the
// files ajv validates against records.schema.json.
func recordFiles(d *dataset) []string {
	var out []string
	for _, k := range []string{"actors", "sources", "events", "measures", "statements"} {
		m, _ := filepath.Glob(filepath.Join(d.dir, k, "*.json"))
		out = append(out, m...)
	}
	return out
}

// warm reads every file under paths, so that each run reads its input
// from the page cache whatever ran before it (an export writes gigabytes
// at a million records, and the machine is shared).
func warm(paths ...string) {
	buf := make([]byte, 1<<20)
	for _, p := range paths {
		filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			defer f.Close()
			for {
				if _, err := f.Read(buf); err != nil {
					return nil
				}
			}
		})
	}
}

func size(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		filepath.WalkDir(p, func(_ string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				if info, err := e.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}

// tools lists the rows: curate's commands, then the peers.
func tools(c *config, floor string) []tool {
	jsonBytes := func(d *dataset) int64 { return d.man.Bytes }
	fresh := func(sub string) func(d *dataset) error {
		return func(d *dataset) error { return os.RemoveAll(filepath.Join(d.out, sub)) }
	}
	// curate validate caches each file's results (--cache); the rows run
	// it without (--no-cache: every file read and checked), and with a
	// cache of its own filled before the first round (what a re-run over
	// unchanged files costs). Exports and release have no cache.
	cache := func(d *dataset) string { return filepath.Join(c.work, "cache", fmt.Sprintf("n%d", d.n)) }
	ts := []tool{
		{name: "curate validate --no-cache", input: jsonBytes,
			argv: func(d *dataset) []string { return []string{c.curate, "validate", "--no-cache", d.dir} }},
		{name: "curate validate --sources --no-cache", input: func(d *dataset) int64 { return d.man.Bytes + d.man.Texts },
			argv: func(d *dataset) []string {
				return []string{c.curate, "validate", "--no-cache", "--sources", d.src, d.dir}
			}},
		{name: "curate validate, cache warm", input: jsonBytes,
			prime: func(d *dataset) []string {
				os.RemoveAll(cache(d))
				return []string{c.curate, "validate", "--cache", cache(d), d.dir}
			},
			argv: func(d *dataset) []string { return []string{c.curate, "validate", "--cache", cache(d), d.dir} }},
	}
	for _, f := range []string{"csv", "parquet", "xlsx", "jsonld"} {
		ts = append(ts, tool{name: "curate export --format " + f, input: jsonBytes, setup: fresh(f),
			argv: func(d *dataset) []string {
				return []string{c.curate, "export", "--format", f, "--out", filepath.Join(d.out, f), d.dir}
			}})
	}
	ts = append(ts, tool{name: "curate release", input: jsonBytes, setup: fresh("release"),
		argv: func(d *dataset) []string {
			return []string{c.curate, "release", "--out", filepath.Join(d.out, "release"), d.dir}
		}})
	ts = append(ts, tool{name: peerFloor, peer: true, input: jsonBytes, env: []string{"GOMAXPROCS=1"},
		argv: func(d *dataset) []string { return []string{floor, d.dir} }})

	ajv := filepath.Join(c.nodeMD, ".bin", "ajv")
	formats := filepath.Join(c.repo, "scripts", "interop", "ajv-curate-formats.js")
	skip := ""
	if _, err := os.Stat(ajv); err != nil {
		skip = "scripts/bench/node_modules has no ajv (run scripts/bench/bench.sh, which runs npm ci)"
	}
	ts = append(ts, tool{name: peerAjv, peer: true, skip: skip,
		input: func(d *dataset) int64 { return size(recordFiles(d)...) },
		argv: func(d *dataset) []string {
			argv := append([]string{ajv, "validate"}, ajvArgs(c.repo, formats)...)
			for _, f := range recordFiles(d) {
				argv = append(argv, "-d", f)
			}
			return argv
		}})
	duck := filepath.Join(c.repo, "scripts", "bench", "duckdb.mjs")
	dskip := ""
	if _, err := os.Stat(filepath.Join(c.nodeMD, "@duckdb", "node-api")); err != nil {
		dskip = "scripts/bench/node_modules has no @duckdb/node-api"
	}
	ts = append(ts, tool{name: "DuckDB: Parquet export read", peer: true, skip: dskip,
		input: func(d *dataset) int64 {
			return size(filepath.Join(d.out, "parquet", "parquet", "events.parquet"), filepath.Join(d.out, "parquet", "parquet", "citations.parquet"))
		},
		argv: func(d *dataset) []string {
			return []string{"node", duck, filepath.Join(d.out, "parquet", "parquet"), filepath.Join(c.work, "duckdb")}
		}})
	return ts
}

// ajvArgs are ajv-cli's options: draft 2020-12, ajv-formats and curate's
// formats and "version" keyword (scripts/interop/ajv-curate-formats.js),
// strict mode with the two strict checks the schema does not pass only
// logged (as the interop suite runs it), every error reported as curate
// does, records.schema.json with every other schema file added.
func ajvArgs(repo, formats string) []string {
	args := []string{"--spec=draft2020", "-c", "ajv-formats", "-c", formats, "--strict=true", "--strict-types=log", "--strict-required=log", "--all-errors", "--errors=line",
		"-s", filepath.Join(repo, "schema", "records.schema.json")}
	names, _ := filepath.Glob(filepath.Join(repo, "schema", "*.schema.json"))
	for _, n := range names {
		if filepath.Base(n) != "records.schema.json" {
			args = append(args, "-r", n)
		}
	}
	return args
}

// environment describes the machine and every tool's version.
func environment(c *config) string {
	var b strings.Builder
	cmd := func(argv ...string) string {
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return "unavailable (" + strings.TrimSpace(err.Error()) + ")"
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	cpu := "?"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	mem := "?"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(string(data)); len(f) > 1 {
			kb, _ := strconv.ParseFloat(f[1], 64)
			mem = fmt.Sprintf("%.1f GiB", kb/1024/1024)
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	pkg := func(name string) string {
		data, err := os.ReadFile(filepath.Join(c.nodeMD, name, "package.json"))
		if err != nil {
			return "not installed"
		}
		var p struct{ Version string }
		json.Unmarshal(data, &p)
		return p.Version
	}
	rev := cmd("git", "-C", c.repo, "rev-parse", "--short", "HEAD")
	if out, _ := exec.Command("git", "-C", c.repo, "status", "--porcelain", "--untracked-files=no").Output(); len(bytes.TrimSpace(out)) > 0 {
		rev += " (work tree has uncommitted changes)"
	}
	duck := "not installed"
	if pkg("@duckdb/node-api") != "not installed" {
		dc := exec.Command("node", filepath.Join(c.repo, "scripts", "bench", "duckdb.mjs"), "-", "-")
		dc.Env = append(os.Environ(), "BENCH_DUCKDB_VERSION=1")
		if out, err := dc.Output(); err == nil {
			duck = strings.TrimSpace(string(out))
		}
	}
	fmt.Fprintf(&b, "machine: %s, %d CPUs, %s; load average at start %s\n", cpu, runtime.NumCPU(), mem, strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(&b, "curate: %s (%s), commit %s; %s\n", cmd(c.curate, "version"), c.curate, rev, cmd("go", "version"))
	fmt.Fprintf(&b, "generator: curate/internal/synth %s, seed %d; datasets in %s\n", synth.Version, c.seed, filepath.Join(c.work, "data"))
	fmt.Fprintf(&b, "peers: parse floor (scripts/bench/parsefloor, GOMAXPROCS=1); node %s, ajv %s, ajv-cli %s, ajv-formats %s; %s\n",
		cmd("node", "--version"), pkg("ajv"), pkg("ajv-cli"), pkg("ajv-formats"), duck)
	fmt.Fprintf(&b, "each command run through /usr/bin/time -v; medians of each measure over the runs; MB/s is the dataset's JSON bytes over the wall time (with --sources: the texts too; ajv: the records files; DuckDB: the Parquet files it reads)\n")
	return b.String()
}
