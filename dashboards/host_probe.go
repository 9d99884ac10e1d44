package dashboards

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
)

// probeTimeout bounds "test connection" so a black-holed address does not
// leave the admin waiting.
const probeTimeout = 10 * time.Second

// probeResult is the fragment that replaces the fingerprint field after a
// connection test: the fetched fingerprint prefilled for the admin to
// compare with what `prophasis-agent init` printed, or the error.
type probeResult struct {
	Form        view.Form
	Fingerprint string
	Error       string
	Target      string
}

// hostProbe answers the htmx "test connection" button.
func (w *Web) hostProbe(c *gin.Context) {
	form := view.NewForm()
	h := w.hostFields(c, form, false)
	res := probeResult{Form: form}
	switch {
	case w.cfg.Prober == nil:
		res.Error = "Connection tests are not available in this server."
	case form.Errors["address"] != "" || form.Errors["port"] != "":
		res.Error = "Enter a valid address and port first."
	default:
		ctx, cancel := context.WithTimeout(c.Request.Context(), probeTimeout)
		defer cancel()
		fp, err := w.cfg.Prober.Probe(ctx, h.Address, h.Port)
		if err != nil {
			res.Error = err.Error()
		} else {
			res.Fingerprint = fp
			form.Values["fingerprint"] = fp
		}
	}
	w.fragment(c, http.StatusOK, "host_form", "probe", res)
}
