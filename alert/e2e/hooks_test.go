package e2e_test

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/prophasis/prophasis/alert/webhook"
	"github.com/prophasis/prophasis/internal/state"
)

func (h *hookReceiver) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	err := webhook.Verify("s3cret", r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader),
		body, h.now(), 5*time.Minute)
	var p webhook.Payload
	if err == nil {
		err = json.Unmarshal(body, &p)
	}
	if err != nil {
		h.bad++
		rw.WriteHeader(http.StatusUnauthorized)
		return
	}
	h.got = append(h.got, p)
}

func (h *hookReceiver) payloads() ([]webhook.Payload, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]webhook.Payload(nil), h.got...), h.bad
}

func stateOf(s string) state.State { return state.State(s) }
