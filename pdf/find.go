package pdf

import (
	"os"
	"os/exec"

	"github.com/virk-analyse/virk"
)

// EnvChromium is the environment variable that names the Chromium (or
// Chrome) program to use, for machines where it is not on PATH.
const EnvChromium = "VIRK_CHROMIUM"

// candidates are the program names Find looks for on PATH, in order:
// Debian's chromium, the older Ubuntu name, then Google's builds.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the path of the Chromium program: the one named by
// $VIRK_CHROMIUM, or else the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable found on PATH. When there is none
// it returns a *virk.Error whose message, in bokmål, says how to install
// it; the web app shows that message where the PDF download would be.
func Find() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", virk.Errorf(virk.ENOTFOUND,
				"Chromium mangler: %s=%q peker ikke på et program som kan kjøres. Rett stien, eller fjern variabelen og installer Chromium med «sudo apt-get install chromium» (Debian/Ubuntu).",
				EnvChromium, p)
		}
		return path, nil
	}
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", virk.Errorf(virk.ENOTFOUND,
		"Chromium mangler, så PDF kan ikke lages: installer den med «sudo apt-get install chromium» (Debian/Ubuntu) eller «sudo dnf install chromium» (Fedora), eller sett %s til stien til Chromium eller Google Chrome.",
		EnvChromium)
}
