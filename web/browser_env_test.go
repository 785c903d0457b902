package web_test

// The environment of the browser tests: one headless Chromium per test
// binary, a server over a fresh SQLite store with the demo data, and
// axe-core from the npm registry, installed into the user's cache.

import (
	"bytes"
	"context"
	"fmt"
	"github.com/virk-analyse/virk/demo/load"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/pdf"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// brNeedTool skips a test whose tool is missing, except on CI (CI=true),
// where .ci/run installs the tools and a skip would hide a page that was
// never checked.
func brNeedTool(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s (CI=true: .ci/run must install it)", msg)
	}
	tb.Skip(msg)
}

// brShared holds what the tests of this binary share. TestMain frees it.
// Each part starts on first use, so that tests that need no browser never
// start one.
var brShared struct {
	browserOnce sync.Once
	browser     context.Context // chromedp context that owns the browser
	browserErr  error
	stopBrowser func()

	demoOnce sync.Once
	demo     *brApp
	demoErr  error
	demoDir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if brShared.stopBrowser != nil {
		brShared.stopBrowser()
	}
	if brShared.demo != nil {
		brShared.demo.close()
	}
	if brShared.demoDir != "" {
		os.RemoveAll(brShared.demoDir)
	}
	os.Exit(code)
}

// brStartBrowser starts headless Chromium with the flags a closed machine
// needs: no GPU, no QUIC, no background networking, component updates or
// sync, a fresh profile (chromedp makes one), and --no-sandbox as root
// (chromedp adds it). The window is a laptop's, so that layout-dependent
// rules (scrollable regions, contrast over backgrounds) see a real layout.
func brStartBrowser() (context.Context, func(), error) {
	path, err := pdf.Find()
	if err != nil {
		return nil, nil, fmt.Errorf("%s", virk.ErrorMessage(err))
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("hide-scrollbars", false),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// chromedp logs protocol events it cannot place (after a navigation
	// they are common); the tests judge pages by what they read from them.
	b, cancelBrowser := chromedp.NewContext(alloc, chromedp.WithErrorf(func(string, ...any) {}))
	stop := func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(b); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", path, err)
	}
	return b, stop, nil
}

// brNewTab opens a tab in the shared browser for one test and returns its
// context, limited to a few minutes so that a hung page fails the test
// instead of the whole run.
func brNewTab(tb testing.TB) context.Context {
	tb.Helper()
	brShared.browserOnce.Do(func() {
		brShared.browser, brShared.stopBrowser, brShared.browserErr = brStartBrowser()
	})
	if brShared.browserErr != nil {
		brNeedTool(tb, "ingen nettleser: %v", brShared.browserErr)
	}
	tab, closeTab := chromedp.NewContext(brShared.browser)
	tb.Cleanup(closeTab)
	if err := chromedp.Do(tab); err != nil { // opens the tab, without a deadline
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

// brNoPDF is what the demo app says instead of printing, without a
// printer.
const brNoPDF = "PDF er slått av i testene."

// brApp is the web app over a store with the demo data.
type brApp struct {
	URL   string
	Store *sqlite.DB
	srv   *httptest.Server
}

func (a *brApp) close() {
	a.srv.Close()
	a.Store.Close()
}

// brOpenDemo opens a fresh SQLite store in dir, loads the demo data into it
// as `virk demo` does, and serves the app with the demo report on
// loopback.
func brOpenDemo(dir string, printer web.PDFPrinter) (*brApp, error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "virk.db"))
	if err != nil {
		return nil, err
	}
	if _, err := load.Demo(ctx, st, "demo"); err != nil {
		st.Close()
		return nil, fmt.Errorf("load the demo: %w", err)
	}
	s := &web.Server{
		Store:          st,
		Report:         demo.Report(),
		PDFUnavailable: brNoPDF,
	}
	if printer != nil {
		s.PDF = printer
	}
	h, err := adminHandler(st, s.Handler())
	if err != nil {
		st.Close()
		return nil, err
	}
	srv := httptest.NewServer(h)
	return &brApp{URL: srv.URL, Store: st, srv: srv}, nil
}

// brSharedDemo returns the demo app that tests which only read share.
func brSharedDemo(tb testing.TB) *brApp {
	tb.Helper()
	brShared.demoOnce.Do(func() {
		brShared.demoDir, brShared.demoErr = os.MkdirTemp("", "virk-browser-")
		if brShared.demoErr == nil {
			brShared.demo, brShared.demoErr = brOpenDemo(brShared.demoDir, nil)
		}
		if brShared.demoErr == nil {
			brShared.demoErr = brStoreGroups(brShared.demo.Store)
		}
	})
	if brShared.demoErr != nil {
		tb.Fatal(brShared.demoErr)
	}
	return brShared.demo
}

// brStoreGroups stores a KOSTRA group and an own group, so that the
// comparison page's chooser has every kind of choice.
func brStoreGroups(st *sqlite.DB) error {
	members := []virk.PeerMember{{Ref: "baerum", From: 2015}, {Ref: "asker", From: 2015}}
	_, err := st.UpdatePeerGroups(context.Background(), virk.PeerGroupUpdate{User: "demo", Put: []*virk.PeerGroup{
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: virk.PeerSourceKOSTRA, Members: members},
		{ID: "naboer", Name: "Naboer", Source: virk.PeerSourceOwn, Members: members},
	}})
	return err
}

// brNewDemo returns a demo app of the test's own, for tests that write.
func brNewDemo(tb testing.TB) *brApp {
	tb.Helper()
	a, err := brOpenDemo(tb.TempDir(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(a.close)
	return a
}

// brAxeVersion returns the axe-core version the tests use, pinned in
// testdata so that a new rule in a later release never fails CI by
// surprise; .ci/run installs the same version.
func brAxeVersion(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "axe-core.version"))
	if err != nil {
		tb.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// brAxeSource returns axe.min.js: from $VIRK_AXE_JS, or from the user's
// cache (~/.cache/virk/axe-core-VERSION), installing it there with npm
// when it is missing. axe-core is not part of the repository.
func brAxeSource(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("VIRK_AXE_JS"); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("VIRK_AXE_JS: %v", err)
		}
		return string(b)
	}
	version := brAxeVersion(tb)
	cache, err := os.UserCacheDir()
	if err != nil {
		brNeedTool(tb, "axe-core: ingen hurtigbuffermappe (%v); sett VIRK_AXE_JS", err)
	}
	dir := filepath.Join(cache, "virk", "axe-core-"+version)
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(file); err != nil {
		if err := brInstallAxe(dir, version); err != nil {
			brNeedTool(tb, "axe-core %s mangler, og npm kunne ikke installere den: %v", version, err)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// brInstallAxe installs axe-core into dir with npm: into a temporary folder
// first, renamed into place, so that an interrupted install never leaves a
// half folder that looks complete.
func brInstallAxe(dir, version string) error {
	if _, err := exec.LookPath("npm"); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".axe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "npm", "install", "--prefix", tmp, "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "axe-core@"+version)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install axe-core@%s: %v\n%s", version, err, out.Bytes())
	}
	return os.Rename(tmp, dir)
}
