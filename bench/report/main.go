// Command report helps bench/run.sh write its results: it prints the
// versions of Go and of the SQLite that virk is built with, and turns
// hyperfine's JSON exports into Markdown tables of medians and ratios.
//
// Usage:
//
//	go run ./bench/report versions
//	go run ./bench/report summary [-ref NAME] FILE.json…
//	go run ./bench/report ratio FILE.json NAME1 NAME2
//	go run ./bench/report median-ms FILE.json NAME
package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"

	_ "modernc.org/sqlite" // the driver virk's SQLite store uses
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: report versions | summary [-ref NAME] FILE.json… | ratio FILE.json NAME1 NAME2 | median-ms FILE.json NAME")
	}
	switch args[0] {
	case "versions":
		return versions(w)
	case "summary":
		return summary(args[1:], w)
	case "ratio":
		return ratio(args[1:], w)
	case "median-ms":
		return medianMS(args[1:], w)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// versions prints the Go version and the modernc.org/sqlite module with
// the SQLite version it embeds.
func versions(w io.Writer) error {
	mod := "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "modernc.org/sqlite" {
				mod = d.Version
			}
		}
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	var v string
	if err := db.QueryRow("SELECT sqlite_version()").Scan(&v); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "Go: %s %s/%s\nvirk's SQLite: modernc.org/sqlite %s (SQLite %s, pure Go)\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, mod, v)
	return err
}

// result is one command of a hyperfine JSON export.
type result struct {
	Command string    `json:"command"`
	Mean    float64   `json:"mean"`
	Stddev  float64   `json:"stddev"`
	User    float64   `json:"user"`
	System  float64   `json:"system"`
	Times   []float64 `json:"times"`
}

// median returns the median of the run times.
func (r result) median() float64 {
	t := slices.Sorted(slices.Values(r.Times))
	n := len(t)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return t[n/2]
	}
	return (t[n/2-1] + t[n/2]) / 2
}

// readResults reads a hyperfine JSON export.
func readResults(path string) ([]result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Results, nil
}

// find returns the result named name.
func find(rs []result, name, path string) (result, error) {
	for _, r := range rs {
		if r.Command == name {
			return r, nil
		}
	}
	return result{}, fmt.Errorf("%s: no command named %q", path, name)
}

// summary prints one Markdown table for all the files' commands: median,
// min, max, mean ± σ, CPU time and runs, and with -ref the ratio of each
// median to that command's.
func summary(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	ref := fs.String("ref", "", "command whose median the ratios divide by")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var all []result
	var refMedian float64
	for _, path := range fs.Args() {
		rs, err := readResults(path)
		if err != nil {
			return err
		}
		if *ref != "" {
			if r, err := find(rs, *ref, path); err == nil {
				refMedian = r.median()
			}
		}
		all = append(all, rs...)
	}
	if *ref != "" && refMedian == 0 {
		return fmt.Errorf("no command named %q", *ref)
	}
	fmt.Fprint(w, "| Command | Median | Min | Max | Mean ± σ | User + sys CPU | Runs |")
	if *ref != "" {
		fmt.Fprint(w, " Median ÷ reference |")
	}
	fmt.Fprint(w, "\n|---|--:|--:|--:|--:|--:|--:|")
	if *ref != "" {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	for _, r := range all {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s ± %s | %s | %d |", r.Command, dur(r.median()),
			dur(slices.Min(r.Times)), dur(slices.Max(r.Times)), dur(r.Mean), dur(r.Stddev), dur(r.User+r.System), len(r.Times))
		if *ref != "" {
			fmt.Fprintf(w, " %.2f× |", r.median()/refMedian)
		}
		fmt.Fprintln(w)
	}
	return nil
}

// ratio prints the median of NAME1 divided by that of NAME2.
func ratio(args []string, w io.Writer) error {
	if len(args) != 3 {
		return errors.New("usage: report ratio FILE.json NAME1 NAME2")
	}
	rs, err := readResults(args[0])
	if err != nil {
		return err
	}
	a, err := find(rs, args[1], args[0])
	if err != nil {
		return err
	}
	b, err := find(rs, args[2], args[0])
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%.2f\n", a.median()/b.median())
	return err
}

// medianMS prints the median of NAME in milliseconds.
func medianMS(args []string, w io.Writer) error {
	if len(args) != 2 {
		return errors.New("usage: report median-ms FILE.json NAME")
	}
	rs, err := readResults(args[0])
	if err != nil {
		return err
	}
	r, err := find(rs, args[1], args[0])
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%.1f\n", r.median()*1000)
	return err
}

// dur prints seconds as ms below one second, else as s.
func dur(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.1f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}
