package main

import (
	"context"
	"sync"

	"github.com/virk-analyse/virk/pdf"
)

// lazyPrinter starts Chromium at the first PDF, not at every start of
// the server: most runs never print. A failed start is tried again at the
// next request.
type lazyPrinter struct {
	path string
	mu   sync.Mutex
	p    *pdf.Printer
}

func (l *lazyPrinter) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	p, err := l.printer(ctx)
	if err != nil {
		return nil, err
	}
	return p.PrintPDF(ctx, html)
}

func (l *lazyPrinter) printer(ctx context.Context) (*pdf.Printer, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p == nil {
		p, err := pdf.New(context.WithoutCancel(ctx), l.path)
		if err != nil {
			return nil, err
		}
		l.p = p
	}
	return l.p, nil
}

func (l *lazyPrinter) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p != nil {
		return l.p.Close()
	}
	return nil
}
