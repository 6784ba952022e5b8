package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// usage is what /usr/bin/time -v reports of one run.
type usage struct {
	Wall   time.Duration // "Elapsed (wall clock) time"
	User   time.Duration
	Sys    time.Duration
	MaxRSS int64 // bytes ("Maximum resident set size (kbytes)")
	Exit   int   // "Exit status"
}

// CPU is user plus system time.
func (u usage) CPU() time.Duration { return u.User + u.Sys }

// parseTimeV reads the report GNU time -v writes: one "name: value" per
// line, indented by a tab. It needs the user and system times and the
// maximum resident set size; the other lines are optional. A command that
// died of a signal has "Command terminated by signal N" before the report.
func parseTimeV(text string) (usage, error) {
	var u usage
	seen := map[string]bool{}
	// Lines are split by hand: the "Command being timed" line quotes the
	// whole command, which for thousands of files is longer than a
	// bufio.Scanner's token limit.
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if n, ok := strings.CutPrefix(line, "Command terminated by signal "); ok {
			sig, err := strconv.Atoi(n)
			if err != nil {
				return u, fmt.Errorf("time -v: %q", line)
			}
			u.Exit = 128 + sig
			seen["exit"] = true
			continue
		}
		// The wall clock line has colons in its name and its value:
		// "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23".
		i := strings.LastIndex(line, "): ")
		j := strings.Index(line, ": ")
		if strings.HasPrefix(line, "Elapsed (wall clock)") && i >= 0 {
			j = i + 1
		}
		if j < 0 {
			continue
		}
		name, val := line[:j], strings.TrimSpace(line[j+2:])
		var err error
		switch {
		case name == "User time (seconds)":
			u.User, err = seconds(val)
			seen["user"] = true
		case name == "System time (seconds)":
			u.Sys, err = seconds(val)
			seen["sys"] = true
		case name == "Maximum resident set size (kbytes)":
			var kb int64
			kb, err = strconv.ParseInt(val, 10, 64)
			u.MaxRSS = kb * 1024
			seen["rss"] = true
		case strings.HasPrefix(name, "Elapsed (wall clock) time"):
			u.Wall, err = clock(val)
		case name == "Exit status":
			if !seen["exit"] {
				u.Exit, err = strconv.Atoi(val)
			}
		}
		if err != nil {
			return u, fmt.Errorf("time -v: %s: %w", name, err)
		}
	}
	for _, k := range []string{"user", "sys", "rss"} {
		if !seen[k] {
			return u, fmt.Errorf("time -v: no %s in the report", k)
		}
	}
	return u, nil
}

// seconds parses "12.34".
func seconds(s string) (time.Duration, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("bad seconds %q", s)
	}
	return time.Duration(f * float64(time.Second)), nil
}

// clock parses "m:ss.ss" or "h:mm:ss".
func clock(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("bad clock %q", s)
	}
	var total float64
	for _, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f < 0 {
			return 0, fmt.Errorf("bad clock %q", s)
		}
		total = total*60 + f
	}
	return time.Duration(total * float64(time.Second)), nil
}
