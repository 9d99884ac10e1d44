package script

import (
	"strconv"
	"strings"
	"time"

	"github.com/prophasis/prophasis/alert"
)

// Env is the script's whole environment: a fixed PATH and the alert. The
// server's own environment is not inherited, because it may hold the
// database URL and other secrets. With a grouped notification the
// per-transition variables describe the first transition and
// PROPHASIS_COUNT says how many there are; stdin has them all.
func Env(note alert.Notification) []string {
	env := []string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"PROPHASIS_KIND=" + string(note.Kind),
		"PROPHASIS_RULE=" + note.Rule,
		"PROPHASIS_TITLE=" + note.Title,
		"PROPHASIS_TEXT=" + note.Text,
		"PROPHASIS_COUNT=" + strconv.Itoa(len(note.Transitions)),
	}
	if len(note.Transitions) > 0 {
		t := note.Transitions[0]
		value := ""
		if t.Value != nil {
			value = strconv.FormatFloat(*t.Value, 'g', -1, 64)
		}
		env = append(env,
			"PROPHASIS_SUBJECT="+string(t.Subject),
			"PROPHASIS_SUBJECT_ID="+strconv.FormatInt(t.SubjectID, 10),
			"PROPHASIS_NAME="+t.Name,
			"PROPHASIS_FROM="+string(t.From),
			"PROPHASIS_TO="+string(t.To),
			"PROPHASIS_AT="+t.At.UTC().Format(time.RFC3339),
			"PROPHASIS_PLUGIN="+t.Plugin,
			"PROPHASIS_CHECK="+t.Check,
			"PROPHASIS_VALUE="+value,
			"PROPHASIS_MESSAGE="+t.Message,
			"PROPHASIS_URL="+t.URL,
		)
	}
	for i, kv := range env {
		// A NUL byte from an agent would make exec refuse to start the script.
		env[i] = strings.ReplaceAll(kv, "\x00", "")
	}
	return env
}
