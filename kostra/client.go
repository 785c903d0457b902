// Package kostra fetches KOSTRA and other StatBank tables from Statistics
// Norway (SSB) through PxWebApi v2 in JSON-stat 2.0, within SSB's limits:
// at most 800 000 cells per extract and 30 queries per 60 seconds per IP
// address. It knows nothing of the store; the command line passes the
// responses to ingest, which keeps replaced figures as revisions.
package kostra

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/virk-analyse/virk"
)

// DefaultBaseURL is SSB's PxWebApi v2.
const DefaultBaseURL = "https://data.ssb.no/api/pxwebapi/v2"

// SSB's published limits, and the defaults of Client.
const (
	// DefaultMaxCells is SSB's limit of cells in one extract.
	DefaultMaxCells = 800000
	// DefaultPace spaces requests so that any 60 seconds hold at most 30,
	// SSB's limit per IP address.
	DefaultPace = 2 * time.Second
	// DefaultRetries is how often a transient failure is retried: with
	// DefaultBackoff the last try comes about 75 s after the first, past
	// SSB's one-minute rate window.
	DefaultRetries = 4
	// DefaultBackoff is the wait before the first retry.
	DefaultBackoff = 5 * time.Second
	// maxWait caps a Retry-After, so a wrong header cannot stall a run
	// for hours.
	maxWait = 5 * time.Minute
	// maxBody bounds a response: 800 000 cells of JSON-stat with labels
	// and statuses stay well below it.
	maxBody = 256 << 20
)

// Client talks to PxWebApi v2. The zero value is ready to use against
// SSB. A Client paces all of its requests, so share one per run; it is
// safe for concurrent use, although requests are sent one at a time.
type Client struct {
	// BaseURL is the API root without a trailing slash; empty means
	// DefaultBaseURL. Tests point it at a local server.
	BaseURL string
	// HTTP sends the requests; nil means a client with a 5-minute
	// timeout, long enough for the largest extract.
	HTTP *http.Client
	// Lang is the language of labels, "no" (default) or "en".
	Lang string
	// Pace is the least time between the starts of two requests,
	// retries included; 0 means DefaultPace, negative no pacing.
	Pace time.Duration
	// MaxCells is the most cells one request may ask for; 0 means
	// DefaultMaxCells.
	MaxCells int
	// Retries is how often a transient failure (429, 5xx, a network
	// error) is retried; 0 means DefaultRetries, negative none.
	Retries int
	// Backoff is the wait before the first retry, doubled for each
	// further one and spread by ±50 % jitter; 0 means DefaultBackoff.
	// A Retry-After header from SSB wins when it asks for longer.
	Backoff time.Duration
	// Now and Sleep are the clock; tests replace them with a fake one.
	// Sleep returns early with ctx.Err() when ctx ends.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1); nil means math/rand/v2.
	Jitter func() float64
	// Wait, when set, is told before the client sleeps for a retry, so
	// a terminal can say why nothing happens.
	Wait func(d time.Duration, reason string)

	mu   sync.Mutex
	next time.Time // earliest start of the next request
}

func (c *Client) base() string {
	if c.BaseURL == "" {
		return DefaultBaseURL
	}
	return strings.TrimRight(c.BaseURL, "/")
}

func (c *Client) lang() string {
	if c.Lang == "" {
		return "no"
	}
	return c.Lang
}

func (c *Client) maxCells() int {
	if c.MaxCells <= 0 {
		return DefaultMaxCells
	}
	return c.MaxCells
}

func (c *Client) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP == nil {
		return &http.Client{Timeout: 5 * time.Minute}
	}
	return c.HTTP
}

// pace waits for the request's turn. Turns are handed out as a schedule,
// one every Pace, rather than by counting requests in the last minute:
// the schedule never sends a burst of 30 that SSB might count in two
// windows, and with a fake clock it is exactly predictable.
func (c *Client) pace(ctx context.Context) error {
	p := c.Pace
	if p == 0 {
		p = DefaultPace
	}
	if p < 0 {
		return ctx.Err()
	}
	c.mu.Lock()
	now := c.now()
	start := c.next
	if start.Before(now) {
		start = now
	}
	c.next = start.Add(p)
	c.mu.Unlock()
	return c.sleep(ctx, start.Sub(now))
}

// get sends a GET request with pacing and retries and returns the body of
// a 200 response. table names the table in error messages.
func (c *Client) get(ctx context.Context, table, u string) ([]byte, error) {
	retries := c.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	if retries < 0 {
		retries = 0
	}
	backoff := c.Backoff
	if backoff <= 0 {
		backoff = DefaultBackoff
	}
	for attempt := 0; ; attempt++ {
		if err := c.pace(ctx); err != nil {
			return nil, err
		}
		body, retryAfter, err := c.once(ctx, table, u, attempt+1)
		if err == nil {
			return body, nil
		}
		var te *transientError
		if !errors.As(err, &te) || ctx.Err() != nil {
			return nil, err
		}
		if attempt >= retries {
			return nil, te.final
		}
		d := c.backoff(backoff, attempt)
		if retryAfter > d {
			d = min(retryAfter, maxWait)
		}
		if c.Wait != nil {
			c.Wait(d, te.reason)
		}
		if err := c.sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// backoff is base·2^attempt spread by ±50 % so that clients that failed
// together do not retry together.
func (c *Client) backoff(base time.Duration, attempt int) time.Duration {
	j := c.Jitter
	if j == nil {
		j = rand.Float64
	}
	d := base << min(attempt, 10)
	return time.Duration(float64(d) * (0.5 + j()))
}

// transientError is a failure worth retrying; final is what the caller
// gets when the retries run out. Its code is EINVALID, as for every
// failure here: the message is safe to show and tells the user what to
// do, which an internal error would hide.
type transientError struct {
	reason string
	final  error
}

func (e *transientError) Error() string { return e.final.Error() }

// once sends one request. It returns the body of a 200 response, or the
// Retry-After of a transient failure along with a *transientError, or a
// permanent error.
func (c *Client) once(ctx context.Context, table, u string, try int) ([]byte, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, virk.Errorf(virk.EINVALID, "tabell %s: ugyldig adresse %s: %v", table, redact(u), err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "virk/"+virk.Version)
	resp, err := c.httpClient().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, &transientError{reason: "nettverksfeil",
			final: virk.Errorf(virk.EINVALID, "tabell %s: fikk ikke kontakt med SSB etter %d forsøk: %v (%s)",
				table, try, unwrapURLError(err), redact(u))}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err == nil && len(body) > maxBody {
		err = fmt.Errorf("svaret er større enn %d MB", maxBody>>20)
	}
	if resp.StatusCode == http.StatusOK {
		if err != nil {
			return nil, 0, &transientError{reason: "avbrutt svar",
				final: virk.Errorf(virk.EINVALID, "tabell %s: svaret fra SSB ble avbrutt etter %d forsøk: %v (%s)",
					table, try, err, redact(u))}
		}
		return body, 0, nil
	}
	return nil, retryAfter(resp.Header.Get("Retry-After"), c.now()), statusError(table, u, resp, body, try)
}

// statusError explains a response other than 200 in bokmål, naming the
// table, the request and SSB's own text.
func statusError(table, u string, resp *http.Response, body []byte, try int) error {
	code := resp.StatusCode
	status := fmt.Sprintf("%d %s", code, http.StatusText(code))
	detail := ssbText(body)
	if detail != "" {
		detail = " SSB svarte: «" + detail + "»."
	}
	where := fmt.Sprintf(" Spørring: %s", redact(u))
	switch {
	case code == http.StatusTooManyRequests:
		return &transientError{reason: "SSB ber oss vente (429)", final: virk.Errorf(virk.EINVALID,
			"tabell %s: SSB avviser spørringen fordi det er sendt for mange på kort tid (%s), også etter %d forsøk. "+
				"SSB tillater 30 spørringer per minutt per IP-adresse; vent et minutt og prøv igjen.%s%s",
			table, status, try, detail, where)}
	case code >= 500:
		return &transientError{reason: fmt.Sprintf("SSB svarer %d", code), final: virk.Errorf(virk.EINVALID,
			"tabell %s: SSB er ikke tilgjengelig (%s), også etter %d forsøk; prøv igjen senere.%s%s",
			table, status, try, detail, where)}
	case code == http.StatusBadRequest:
		return virk.Errorf(virk.EINVALID,
			"tabell %s: SSB godtar ikke spørringen (%s); sjekk tabellnummeret, variablene og kodene.%s%s",
			table, status, detail, where)
	case code == http.StatusForbidden:
		return virk.Errorf(virk.EINVALID,
			"tabell %s: SSB nekter spørringen (%s); det skjer når et uttrekk er for stort (over 800 000 celler) "+
				"eller adressen er sperret.%s%s", table, status, detail, where)
	case code == http.StatusNotFound:
		return virk.Errorf(virk.ENOTFOUND, "tabell %s finnes ikke hos SSB (%s).%s%s", table, status, detail, where)
	}
	return virk.Errorf(virk.EINVALID, "tabell %s: uventet svar fra SSB (%s).%s%s", table, status, detail, where)
}

// ssbText extracts SSB's error text: PxWebApi v2 sends an RFC 7807
// problem object ({"title", "detail", "status"}), v1 a plain string.
func ssbText(body []byte) string {
	var p struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Error  string `json:"error"`
	}
	var text string
	if json.Unmarshal(body, &p) == nil {
		parts := []string{}
		for _, s := range []string{p.Title, p.Detail, p.Error} {
			if s = strings.TrimSpace(s); s != "" {
				parts = append(parts, s)
			}
		}
		text = strings.Join(parts, ": ")
	}
	if text == "" && !strings.HasPrefix(strings.TrimSpace(string(body)), "<") {
		text = strings.TrimSpace(string(body))
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 300 {
		text = string(r[:300]) + "…"
	}
	return text
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// redact drops user information from a URL before it is shown: SSB
// needs none, but a proxy in --base-url might carry a password.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil {
		return u
	}
	return p.Redacted()
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
