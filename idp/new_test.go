package idp_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
)

func TestNew(t *testing.T) {
	issuer := startProvider(t)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close() // nothing listens there any more

	client := &http.Client{Timeout: 5 * time.Second}
	tests := []struct {
		name string
		cfg  idp.Config
		want string // in the message users see; "" means no error
	}{
		{"OK", idp.Config{Issuer: issuer, ClientID: "virk", RedirectURL: redirectURL, HTTPClient: client}, ""},
		{"ErrInvalid no issuer", idp.Config{ClientID: "virk", RedirectURL: redirectURL},
			"OpenID Connect trenger utsteder, klient-ID og adressen tilbake"},
		{"ErrInvalid no client ID", idp.Config{Issuer: issuer, RedirectURL: redirectURL},
			"OpenID Connect trenger utsteder, klient-ID og adressen tilbake"},
		{"ErrInvalid no redirect", idp.Config{Issuer: issuer, ClientID: "virk"},
			"OpenID Connect trenger utsteder, klient-ID og adressen tilbake"},
		{"ErrInvalid nobody there", idp.Config{Issuer: gone.URL, ClientID: "virk", RedirectURL: redirectURL, HTTPClient: client},
			"fant ikke identitetstilbyderen " + gone.URL + " (OpenID Connect discovery): "},
		// The provider says it is http://127.0.0.1:PORT; the same server
		// named otherwise is another issuer, and go-oidc refuses it.
		{"ErrInvalid issuer mismatch", idp.Config{Issuer: strings.Replace(issuer, "127.0.0.1", "localhost", 1), ClientID: "virk", RedirectURL: redirectURL, HTTPClient: client},
			"fant ikke identitetstilbyderen " + strings.Replace(issuer, "127.0.0.1", "localhost", 1) + " (OpenID Connect discovery): "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := idp.New(context.Background(), tt.cfg)
			if tt.want == "" {
				if err != nil || p == nil {
					t.Fatalf("New = %v, %v", p, err)
				}
				return
			}
			if p != nil || virk.ErrorCode(err) != virk.EINVALID || !strings.HasPrefix(virk.ErrorMessage(err), tt.want) {
				t.Errorf("New = %v, %v; want EINVALID %q", p, err, tt.want)
			}
		})
	}
}
