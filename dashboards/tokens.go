package dashboards

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

func (w *Web) tokenList(c *gin.Context) {
	form := view.NewForm()
	form.Values["scope"] = "read"
	w.renderTokens(c, http.StatusOK, form)
}

func (w *Web) renderTokens(c *gin.Context, status int, form view.Form) {
	tokens, err := storage.ListAPITokens(c.Request.Context(), w.cfg.DB)
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, status, "tokens", view.Page{Title: "API tokens", Nav: "tokens", Form: form, Data: tokens})
}

// tokenCreate issues a token and shows it exactly once: only its hash is
// stored, so it cannot be shown again.
func (w *Web) tokenCreate(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	name := text(c, form, "name", true, 200)
	scope := c.PostForm("scope")
	form.Values["scope"] = scope
	if scope != "read" && scope != "write" {
		form.Errors["scope"] = "Choose read or write."
	}
	if !form.Valid() {
		w.renderTokens(c, http.StatusUnprocessableEntity, form)
		return
	}
	token, hash := auth.NewToken()
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		id, err := storage.CreateAPIToken(ctx, tx, name, scope, hash, &account(c).ID)
		if err != nil {
			return err
		}
		e := auditEntry(c, "create", "api_token", id)
		e.After = map[string]any{"name": name, "scope": scope}
		return storage.Audit(ctx, tx, e)
	})
	if err != nil {
		w.fail(c, err)
		return
	}
	w.render(c, http.StatusOK, "token_created", view.Page{Title: "API token issued", Nav: "tokens",
		Data: map[string]string{"Name": name, "Scope": scope, "Token": token}})
}

func (w *Web) tokenRevokeForm(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such token.")
		return
	}
	w.render(c, http.StatusOK, "confirm_delete", view.Page{Title: "Revoke API token", Nav: "tokens",
		Data: deletion{Name: fmt.Sprintf("API token #%d (clients using it are refused from now on)", id),
			Action: fmt.Sprintf("/tokens/%d/revoke", id), Back: "/tokens"}})
}

func (w *Web) tokenRevoke(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := pathID(c)
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Not found", "No such token.")
		return
	}
	err := pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.RevokeAPIToken(ctx, tx, id, w.cfg.Now()); err != nil {
			return err
		}
		return storage.Audit(ctx, tx, auditEntry(c, "revoke", "api_token", id))
	})
	if err != nil && !errorsIsNotFound(err) {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/tokens", fmt.Sprintf("API token #%d is revoked.", id))
}
