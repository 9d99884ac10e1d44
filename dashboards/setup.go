package dashboards

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/dashboards/auth"
	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// setupTokenLifetime bounds how long a printed setup link stays usable.
const setupTokenLifetime = 24 * time.Hour

// EnsureSetupLink is called by `prophasis up`/`serve` at start. When no user
// exists yet it stores a new one-time setup token (hashed; earlier links
// stop working) and returns the URL that creates the first admin, for the
// caller to print. With users present it returns created == false.
func EnsureSetupLink(ctx context.Context, db *pgxpool.Pool, baseURL string) (url string, created bool, err error) {
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		n, err := storage.CountUsers(ctx, tx)
		if err != nil || n > 0 {
			return err
		}
		token, hash := auth.NewToken()
		if err := storage.ReplaceSetupToken(ctx, tx, hash, time.Now().Add(setupTokenLifetime)); err != nil {
			return err
		}
		url, created = strings.TrimSuffix(baseURL, "/")+"/setup?token="+token, true
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("dashboards: setup link: %w", err)
	}
	return url, created, nil
}

func (w *Web) setupForm(c *gin.Context) {
	token := c.Query("token")
	ok, err := storage.SetupTokenValid(c.Request.Context(), w.cfg.DB, auth.HashToken(token), w.cfg.Now())
	if err != nil {
		w.fail(c, err)
		return
	}
	if !ok {
		w.errorPage(c, http.StatusNotFound, "Setup link not valid",
			"This setup link was already used, has expired or was replaced by a newer one. Restart the server to print a new one while no user exists.")
		return
	}
	form := view.NewForm()
	form.Values["token"] = token
	w.render(c, http.StatusOK, "setup", view.Page{Title: "Create the first administrator", Form: form})
}

// setup creates the first admin. Deleting the token in the same transaction
// makes it single-use even when two browsers submit at once.
func (w *Web) setup(c *gin.Context) {
	ctx := c.Request.Context()
	form := view.NewForm()
	form.Values["token"] = c.PostForm("token")
	username := w.validateNewPassword(c, form)
	if !form.Valid() {
		w.render(c, http.StatusUnprocessableEntity, "setup", view.Page{Title: "Create the first administrator", Form: form})
		return
	}
	hash, err := w.cfg.Hasher.Hash(ctx, c.PostForm("password"))
	if err != nil {
		w.fail(c, err)
		return
	}
	var id int64
	err = pgx.BeginFunc(ctx, w.cfg.DB, func(tx pgx.Tx) error {
		if err := storage.ConsumeSetupToken(ctx, tx, auth.HashToken(form.Values["token"]), w.cfg.Now()); err != nil {
			return err
		}
		if n, err := storage.CountUsers(ctx, tx); err != nil || n > 0 {
			return errors.Join(err, storage.ErrNotFound)
		}
		id, err = storage.CreateUser(ctx, tx, storage.User{Username: username, Role: storage.RoleAdmin, PasswordHash: hash})
		if err != nil {
			return err
		}
		return storage.Audit(ctx, tx, storage.AuditEntry{UserID: &id, Actor: username, Action: "setup",
			EntityType: "user", EntityID: fmt.Sprint(id), After: map[string]any{"username": username, "role": storage.RoleAdmin}})
	})
	if errors.Is(err, storage.ErrNotFound) {
		w.errorPage(c, http.StatusNotFound, "Setup link not valid", "This setup link was already used or has expired.")
		return
	}
	if err == nil {
		err = w.signIn(c, id)
	}
	if err != nil {
		w.fail(c, err)
		return
	}
	w.flashRedirect(c, "/", "Welcome, "+username+". You are the first administrator.")
}
