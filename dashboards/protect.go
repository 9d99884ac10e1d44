package dashboards

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows scripts, styles and fetches only from our own
// origin: no inline script, no eval, no framing. Bootstrap's icons are data:
// SVG images in its stylesheet, hence img-src data:.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// Wrap puts the protections every request needs in front of h: security
// headers, refusal of cross-origin state changes (CSRF), and the session.
func (w *Web) Wrap(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(w.crossOriginDenied))
	return w.headers(cop.Handler(w.sessions.LoadAndSave(h)))
}

func (w *Web) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if w.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(rw, r)
	})
}

func (w *Web) crossOriginDenied(rw http.ResponseWriter, r *http.Request) {
	w.log.Warn("refused cross-origin request", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	http.Error(rw, "cross-origin request refused", http.StatusForbidden)
}
