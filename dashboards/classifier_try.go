package dashboards

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/classify"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/dryrun"
	"github.com/prophasis/prophasis/internal/state"
)

// Backtest bounds: the window the form accepts, the time one click may
// take, and how many runs of equal state the page lists (the latest).
const (
	maxBacktestDays = 90
	tryTimeout      = time.Minute
	maxTryRuns      = 200
)

// classifierTryData is the editor page with the outcome of a dry run or
// backtest of the code in the editor.
type classifierTryData struct {
	pluginData
	Try tryResult
}

// tryResult is what the page shows under the editor: the report without
// its per-result steps, the latest runs, and the count of states.
type tryResult struct {
	Backtest   bool
	Report     dryrun.Report
	Runs       []dryrun.Run
	HiddenRuns int
	ByState    []stateCount
	Error      string
}

// stateCount is how many results a backtest classified as State.
type stateCount struct {
	State state.State
	Count int
}

// classifierTry runs the classifier being edited (not saved) on stored
// results of one host: the latest result, or every result of the last N
// days. It writes nothing. htmx requests get only the result block.
func (w *Web) classifierTry(c *gin.Context) {
	d, ok := w.loadPlugin(c)
	if !ok {
		return
	}
	form := view.NewForm()
	code := c.PostForm("code")
	form.Values["code"], form.Values["depth"] = code, c.PostForm("depth")
	opt := dryrun.Options{PluginID: d.Plugin.ID, Host: text(c, form, "host", false, 200), Code: code}
	backtest := c.PostForm("mode") == "backtest"
	days, err := strconv.Atoi(c.PostForm("days"))
	form.Values["days"] = c.PostForm("days")
	switch {
	case !backtest:
	case err != nil || days < 1 || days > maxBacktestDays:
		form.Errors["days"] = "Enter 1 to " + strconv.Itoa(maxBacktestDays) + " days."
	default:
		opt.Window = time.Duration(days) * 24 * time.Hour
	}
	switch {
	case code == "":
		form.Errors["code"] = "Required."
	case len(code) > maxClassifierForm:
		form.Errors["code"] = "The classifier is too long."
	default:
		if err := classify.Compile(code); err != nil {
			form.Errors["code"] = err.Error()
		}
	}
	res := tryResult{Backtest: backtest}
	status := http.StatusOK
	if form.Valid() {
		res = w.runTry(c.Request.Context(), opt, backtest)
	} else {
		status = http.StatusUnprocessableEntity
	}
	page := view.Page{Title: "Classifier of " + d.Plugin.Name, Nav: "plugins", Form: form, Data: classifierTryData{pluginData: d, Try: res}}
	if c.GetHeader("HX-Request") == "true" {
		w.fragment(c, status, "classifier_try", "try-result", page)
		return
	}
	w.render(c, status, "classifier_try", page)
}

// runTry runs dryrun.Test and shapes its report for the page; failures
// that concern the input (no results, unknown host) become a message.
func (w *Web) runTry(ctx context.Context, opt dryrun.Options, backtest bool) tryResult {
	ctx, cancel := context.WithTimeout(ctx, tryTimeout)
	defer cancel()
	res := tryResult{Backtest: backtest}
	rep, err := dryrun.Test(ctx, w.cfg.DB, opt, w.cfg.Now())
	switch {
	case errors.Is(err, dryrun.ErrNoResults):
		res.Error = "No stored results of this plugin" + map[bool]string{true: " in that window", false: ""}[backtest] +
			map[bool]string{true: "", false: " on host " + opt.Host}[opt.Host == ""] + "."
		return res
	case err != nil:
		w.log.Warn("classifier try", "plugin", opt.PluginID, "err", err)
		res.Error = "The classifier could not be run; the error was logged."
		return res
	}
	res.Runs = rep.Runs
	if n := len(res.Runs); n > maxTryRuns {
		res.Runs, res.HiddenRuns = res.Runs[n-maxTryRuns:], n-maxTryRuns
	}
	for _, s := range state.All {
		if n := rep.Summary.ByState[s]; n > 0 {
			res.ByState = append(res.ByState, stateCount{State: s, Count: n})
		}
	}
	slices.Reverse(res.Runs)
	rep.Steps, rep.Runs = nil, nil
	res.Report = rep
	return res
}
