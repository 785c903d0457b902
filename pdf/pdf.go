// Package pdf prints standalone HTML documents to PDF with a headless
// Chromium, driven over the DevTools protocol by chromedp. Chromium is the
// only printer at hand that makes tagged (accessible) PDF with a document
// outline, repeats table headers on every page and honours CSS page
// breaks, which a published analysis needs.
//
// A Printer starts one browser and keeps it: starting Chromium takes a
// second or more, a print in an open browser well under that. Each print
// gets its own tab, so prints run in parallel.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	// marginInches is 2 cm, on every side of an A4 page, in inches as the
	// protocol wants it. The footer with the page number sits in the
	// bottom margin, so that margin must stay well above its height.
	marginInches = 2 / 2.54
	// closeTimeout is how long Close waits for Chromium to shut down
	// before it kills the process.
	closeTimeout = 10 * time.Second
)

// footers holds the footer template per document language; Chromium fills
// the pageNumber and totalPages spans. The template has no access to the
// document's stylesheet, so it sets its own font and size (Chromium's
// default size for it is 0).
var footers = map[string]string{
	"nb": footer("Side %s av %s"),
	"en": footer("Page %s of %s"),
}

func footer(format string) string {
	return `<div style="box-sizing:border-box;width:100%;padding:0 2cm;font:9pt system-ui,'DejaVu Sans',Arial,sans-serif;color:#444;text-align:right">` +
		fmt.Sprintf(format, `<span class="pageNumber"></span>`, `<span class="totalPages"></span>`) + `</div>`
}

// Printer prints HTML to PDF in one Chromium process that it starts once
// and restarts if it dies. It is safe for concurrent use: each print runs
// in its own tab, and at most one print per CPU (at least two) runs at a
// time, so a burst of requests queues instead of opening a tab each.
type Printer struct {
	execPath string
	sem      chan struct{}

	mu      sync.Mutex
	browser context.Context // the chromedp context that owns the browser
	stop    func() error    // ends the browser and its allocator
	closed  bool
}

// New starts Chromium at execPath (see Find) and returns a Printer that
// uses it until Close. ctx bounds the start only: the browser lives until
// Close, not until ctx ends.
func New(ctx context.Context, execPath string) (*Printer, error) {
	p := &Printer{execPath: execPath, sem: make(chan struct{}, max(2, runtime.NumCPU()))}
	b, stop, err := start(ctx, execPath)
	if err != nil {
		return nil, err
	}
	p.browser, p.stop = b, stop
	return p, nil
}

// allocatorOptions are chromedp's defaults (headless, no first run, no
// background networking, no sync …) plus what a server needs: no GPU, no
// QUIC, no component updates, and no network at all. chromedp gives each
// browser a fresh temporary profile and adds --no-sandbox when it runs as
// root, where Chromium's sandbox cannot start.
func allocatorOptions(execPath string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// Documents are self-contained, so the browser gets no network:
		// every request goes to a proxy on a closed loopback port, loopback
		// included (<-loopback>). This covers what Network.setBlockedURLs
		// misses, such as a cross-site iframe, which runs in its own process.
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	)
}

// start starts a browser. The returned context owns it, and stop ends it.
// The browser is not tied to ctx, which only bounds the start, because
// chromedp ends a browser with the context of its first run.
func start(ctx context.Context, execPath string) (context.Context, func() error, error) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), allocatorOptions(execPath)...)
	b, cancelBrowser := chromedp.NewContext(alloc, chromedp.WithErrorf(logError))
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			if b.Err() == nil { // still running: let it close its tabs and profile
				c, cancel := context.WithTimeout(b, closeTimeout)
				defer cancel()
				if err := chromedp.Cancel(c); err != nil { // kills the process after the timeout
					stopErr = fmt.Errorf("pdf: close the browser: %w", err)
				}
			}
			cancelBrowser()
			cancelAlloc()
		})
		return stopErr
	}
	abort := context.AfterFunc(ctx, func() { cancelBrowser(); cancelAlloc() })
	err := chromedp.Do(b) // no actions: starts the browser and its first tab
	if !abort() {
		err = errors.Join(context.Cause(ctx), err)
	}
	if err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, nil, fmt.Errorf("pdf: start %s: %w", execPath, err)
	}
	return b, stop, nil
}

// logError passes chromedp's log of protocol faults on to slog, without
// the one it writes for every print: Page.setDocumentContent replaces the
// document without a navigation, which chromedp reports as an event for a
// frame it does not know.
func logError(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "no top-level frame") {
		return
	}
	slog.Warn("pdf: chromium", "err", msg)
}

// current returns the browser's context, starting a new browser when the
// old one died (crashed, or killed for memory).
func (p *Printer) current(ctx context.Context) (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errors.New("pdf: printer is closed")
	}
	if p.browser.Err() == nil {
		return p.browser, nil
	}
	p.stop() // the browser is gone: an error closing it says nothing new
	b, stop, err := start(ctx, p.execPath)
	if err != nil {
		p.stop = func() error { return nil }
		return nil, err
	}
	p.browser, p.stop = b, stop
	return b, nil
}

// PrintPDF prints a standalone HTML document (styles inline or in <style>,
// images as data: URLs) to PDF: A4, 2 cm margins, backgrounds printed, the
// page number in the footer ("Side 1 av 3", or "Page 1 of 3" when the
// document's lang is en), tagged for screen readers and with the headings
// as the PDF's outline. The document cannot load anything from the
// network. It implements web.PDFPrinter.
func (p *Printer) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	select {
	case p.sem <- struct{}{}:
		defer func() { <-p.sem }()
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
	b, err := p.current(ctx)
	if err != nil {
		return nil, err
	}
	// The tab belongs to the browser, not to ctx (its first run would tie
	// it to ctx); closing it when ctx ends stops the print.
	tab, closeTab := chromedp.NewContext(b)
	defer closeTab()
	defer context.AfterFunc(ctx, closeTab)()
	out, err := chromedp.Run(tab, printHTML(string(html)))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdf: %w", context.Cause(ctx))
		}
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return out, nil
}

// waitReady resolves when the document and its fonts have loaded, with
// the document's language.
const waitReady = `new Promise(resolve => {
	const done = () => document.fonts.ready.then(() => resolve(document.documentElement.lang || ""));
	if (document.readyState === "complete") done();
	else window.addEventListener("load", done, {once: true});
})`

// printHTML loads html into the tab's blank page and prints it.
func printHTML(html string) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		// Documents are self-contained: a URL in one is a mistake or an
		// attempt to make the server fetch something, never an asset.
		if _, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
			{URLPattern: "http://*:*/*", Block: true},
			{URLPattern: "https://*:*/*", Block: true},
			{URLPattern: "ws://*:*/*", Block: true},
			{URLPattern: "wss://*:*/*", Block: true},
			{URLPattern: "file://*/*", Block: true},
		}}); err != nil {
			return nil, fmt.Errorf("block network: %w", err)
		}
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return nil, fmt.Errorf("frame tree: %w", err)
		}
		if _, err := cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{
			FrameID: tree.FrameTree.Frame.ID, HTML: html,
		}); err != nil {
			return nil, fmt.Errorf("set document: %w", err)
		}
		lang, err := chromedp.Evaluate[string](waitReady, chromedp.EvalAwaitPromise)(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("wait for the document: %w", err)
		}
		foot, ok := footers[baseLang(lang)]
		if !ok {
			foot = footers["nb"]
		}
		return chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFMargin(marginInches),
			chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(),
			chromedp.PDFHeaderTemplate(`<span></span>`),
			chromedp.PDFFooterTemplate(foot),
			chromedp.PDFStream(), // a report with charts can pass the protocol's message size
		)(ctx, t)
	}
}

// baseLang returns the primary subtag of a language tag in lower case:
// "nb-NO" → "nb", "EN_gb" → "en".
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// Close ends the browser. Prints that run fail; later ones return an
// error.
func (p *Printer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	return p.stop()
}
