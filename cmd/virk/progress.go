package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/virk-analyse/virk/nb"
)

// progress draws a one-line progress bar on a terminal, redrawn in place
// with a carriage return. A nil *progress draws nothing, so callers need
// not check whether the output is a terminal.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	label string
	done  int64
	total int64 // 0 when unknown: a spinner with elapsed time
	start time.Time
	last  time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
	once  sync.Once
	// held is set while another line has the terminal: the notice that
	// the command waits for another import. The bar is not drawn then.
	held bool
}

// newProgress returns a progress bar on w, or nil when show is false.
func newProgress(w io.Writer, show bool) *progress {
	if !show {
		return nil
	}
	p := &progress{w: w, stop: make(chan struct{})}
	p.wg.Add(1)
	go p.tick()
	return p
}

// stage starts a new stage; total is 0 when the amount of work is unknown.
func (p *progress) stage(label string, total int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label, p.done, p.total, p.start = label, 0, total, time.Now()
	p.draw()
}

// set records how much of the stage is done.
func (p *progress) set(done int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = done
	if time.Since(p.last) > 100*time.Millisecond {
		p.draw()
	}
}

// tick redraws twice a second so that a spinner moves while a stage
// reports nothing.
func (p *progress) tick() {
	defer p.wg.Done()
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

func (p *progress) draw() {
	if p.label == "" || p.held {
		return
	}
	p.last = time.Now()
	secs := time.Since(p.start).Seconds()
	if p.total <= 0 {
		spin := `|/-\`[int(secs*2)%4]
		fmt.Fprintf(p.w, "\r%-10s %c %s s   ", p.label, spin, nb.Number(secs, 1))
		return
	}
	frac := min(float64(p.done)/float64(p.total), 1)
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r%-10s [%s%s] %s %%  %s s   ", p.label, strings.Repeat("█", n), strings.Repeat("·", width-n),
		nb.Number(frac*100, 0), nb.Number(secs, 1))
}

// close stops the bar and clears its line. Later calls do nothing.
func (p *progress) close() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		p.wg.Wait()
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
	})
}

// countingReader reports bytes read to a progress bar.
type countingReader struct {
	r    io.Reader
	n    int64
	prog *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.prog.set(c.n)
	return n, err
}

// clear blanks the bar's line, so that a message can be written on it;
// the next redraw brings the bar back.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
}

// hold stops the bar from being drawn, and blanks its line, until
// resume, so that another line may be drawn in its place.
func (p *progress) hold() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = true
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
}

// resume draws the bar again after hold.
func (p *progress) resume() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = false
	select {
	case <-p.stop:
	default:
		p.draw()
	}
}

// waitLog is how often the notice that a command waits for another
// import is repeated where it cannot be redrawn in place, as in a log.
const waitLog = time.Minute

// waitNotice returns a function for the store's Waiting callback
// (sqlstore.DB.Waiting) that tells the user on w that the command waits
// for another import to finish before it may write. On a terminal it is
// one line, «Venter på en annen import … (12 s)», redrawn in place while
// the progress bar, if any, holds, and blanked when the wait is over;
// elsewhere, as in a log, it is a line when the wait begins, one a minute
// while it lasts, and one when it ends.
func waitNotice(w io.Writer, terminal bool, prog *progress) func(waited time.Duration, done bool) {
	var mu sync.Mutex
	told := false            // a wait has been told of
	var logged time.Duration // the wait when the last line was logged
	return func(waited time.Duration, done bool) {
		mu.Lock()
		defer mu.Unlock()
		secs := nb.Number(waited.Seconds(), 0)
		switch {
		case terminal && done:
			fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", 70))
			prog.resume()
		case terminal:
			if !told {
				prog.hold()
			}
			fmt.Fprintf(w, "\rVenter på en annen import … (%s s)   ", secs)
		case done:
			fmt.Fprintf(w, "Ventet %s s på en annen import; fortsetter.\n", secs)
		case !told || waited-logged >= waitLog:
			logged = waited
			fmt.Fprintf(w, "Venter på en annen import … (%s s)\n", secs)
		}
		told = !done
	}
}
