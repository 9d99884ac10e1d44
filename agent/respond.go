package agent

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/prophasis/prophasis/agent/api"
)

// Request body limits: a run request is a few arguments; archives have
// their own configured limit.
const maxRunBody = 64 << 10

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, api.Error{Code: code, Message: msg})
}

// decodeBody reads a bounded JSON body with no unknown fields.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, api.CodeBadRequest, "request body too large")
		} else {
			writeError(w, http.StatusBadRequest, api.CodeBadRequest, "invalid JSON body: "+err.Error())
		}
		return false
	}
	return true
}
