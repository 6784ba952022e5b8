package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A report of GNU time 1.9 -v, as /usr/bin/time writes it on Debian.
const report = `	Command being timed: "bin/curate validate /tmp/curate-bench/data/synth-v1-n100000-seed1"
	User time (seconds): 14.62
	System time (seconds): 1.07
	Percent of CPU this job got: 171%
	Elapsed (wall clock) time (h:mm:ss or m:ss): 0:09.16
	Average shared text size (kbytes): 0
	Average unshared data size (kbytes): 0
	Average stack size (kbytes): 0
	Average total size (kbytes): 0
	Maximum resident set size (kbytes): 412148
	Average resident set size (kbytes): 0
	Major (requiring I/O) page faults: 0
	Minor (reclaiming a frame) page faults: 101772
	Voluntary context switches: 13394
	Involuntary context switches: 4188
	Swaps: 0
	File system inputs: 0
	File system outputs: 0
	Socket messages sent: 0
	Socket messages received: 0
	Signals delivered: 0
	Page size (bytes): 4096
	Exit status: 0
`

func TestParseTimeV(t *testing.T) {
	u, err := parseTimeV(report)
	if err != nil {
		t.Fatal(err)
	}
	want := usage{Wall: 9160 * time.Millisecond, User: 14620 * time.Millisecond, Sys: 1070 * time.Millisecond, MaxRSS: 412148 * 1024}
	if u != want {
		t.Errorf("got %+v, want %+v", u, want)
	}
	if u.CPU() != 15690*time.Millisecond {
		t.Errorf("CPU %v", u.CPU())
	}

	// Hours in the clock; a non-zero exit; death by a signal.
	long := strings.Replace(report, "0:09.16", "1:02:03", 1)
	long = strings.Replace(long, "Exit status: 0", "Exit status: 1", 1)
	if u, err := parseTimeV("\tCommand exited with non-zero status 1\n" + long); err != nil || u.Wall != time.Hour+2*time.Minute+3*time.Second || u.Exit != 1 {
		t.Errorf("hours and exit 1: %+v, %v", u, err)
	}
	killed := "Command terminated by signal 9\n" + report
	if u, err := parseTimeV(killed); err != nil || u.Exit != 137 {
		t.Errorf("signal 9: %+v, %v", u, err)
	}

	// A command line of a megabyte (ajv given thousands of files).
	huge := strings.Replace(report, `validate /tmp`, `validate`+strings.Repeat(" -d /tmp/x.json", 70000)+` /tmp`, 1)
	if u, err := parseTimeV(huge); err != nil || u.MaxRSS != 412148*1024 {
		t.Errorf("a long command line: %+v, %v", u, err)
	}

	// A report without the measures is an error, never zeros.
	for _, line := range []string{"User time", "System time", "Maximum resident"} {
		var kept []string
		for _, l := range strings.Split(report, "\n") {
			if !strings.Contains(l, line) {
				kept = append(kept, l)
			}
		}
		if _, err := parseTimeV(strings.Join(kept, "\n")); err == nil {
			t.Errorf("no %q: no error", line)
		}
	}
	if _, err := parseTimeV(strings.Replace(report, "14.62", "fourteen", 1)); err == nil {
		t.Error("a bad number: no error")
	}
}

// TestMeasure runs a command through this machine's /usr/bin/time -v.
func TestMeasure(t *testing.T) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("no /usr/bin/time")
	}
	log := filepath.Join(t.TempDir(), "run.log")
	u, err := measure([]string{"sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxRSS <= 0 || u.Wall <= 0 || u.CPU() < 0 {
		t.Errorf("%+v", u)
	}
	if _, err := measure([]string{"sh", "-c", "echo broken; exit 3"}, nil, log); err == nil || !strings.Contains(err.Error(), "exited 3") || !strings.Contains(err.Error(), "broken") {
		t.Errorf("exit 3: %v", err)
	}
}

func TestMedian(t *testing.T) {
	runs := []usage{{Wall: 3, User: 1, MaxRSS: 10}, {Wall: 1, User: 5, MaxRSS: 30}, {Wall: 2, User: 3, MaxRSS: 20}}
	if m := median(runs); m.Wall != 2 || m.User != 3 || m.MaxRSS != 20 {
		t.Errorf("%+v", m)
	}
	if m := median(runs[:2]); m.Wall != 2 || m.MaxRSS != 20 {
		t.Errorf("even: %+v", m)
	}
}

// TestSmoke runs make bench SIZES=1000 RUNS=1 end to end, npm peers
// included; it needs npm and the registry, so it runs only with
// CURATE_BENCH_SMOKE=1.
func TestSmoke(t *testing.T) {
	if os.Getenv("CURATE_BENCH_SMOKE") == "" {
		t.Skip("set CURATE_BENCH_SMOKE=1 to run make bench SIZES=1000 RUNS=1 (installs ajv and DuckDB with npm ci)")
	}
	work := t.TempDir()
	cmd := exec.Command("make", "bench", "SIZES=1000", "RUNS=1", "BENCH_WORK="+work)
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make bench: %v\n%s", err, out)
	}
	text := string(out)
	for _, row := range []string{"curate validate --no-cache", "curate validate --sources --no-cache", "curate validate, cache warm", "curate export --format csv", "curate export --format parquet",
		"curate export --format xlsx", "curate export --format jsonld", "curate release", peerFloor, peerAjv, "DuckDB: Parquet export read"} {
		if !strings.Contains(text, "| 1,000 | "+row+" | 1 | ") {
			t.Errorf("no measured row for %q in:\n%s", row, text)
		}
	}
}
