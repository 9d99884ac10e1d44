package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/alert/alerttest"
)

func TestNotifyCard(t *testing.T) {
	got := make(chan map[string]any, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			t.Errorf("decode: %v", err)
		}
		got <- m
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/workflows/x?sig=SECRET"}, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	note := alerttest.Notification(t)
	note.Transitions[0].Message = "see [here](http://evil)"
	if _, err := n.Notify(context.Background(), note); err != nil {
		t.Fatal(err)
	}
	m := <-got
	att := m["attachments"].([]any)[0].(map[string]any)
	if m["type"] != "message" || att["contentType"] != "application/vnd.microsoft.card.adaptive" {
		t.Fatalf("envelope = %v", m)
	}
	if _, ok := att["contentUrl"]; !ok {
		t.Error("contentUrl missing (Workflows expects it, null)")
	}
	card := att["content"].(map[string]any)
	if card["type"] != "AdaptiveCard" || card["version"] != "1.4" {
		t.Errorf("card = %v", card)
	}
	body := card["body"].([]any)
	if body[0].(map[string]any)["color"] != "Attention" || body[1].(map[string]any)["type"] != "FactSet" {
		t.Errorf("body = %v", body)
	}
	facts := body[1].(map[string]any)["facts"].([]any)
	msg := facts[len(facts)-1].(map[string]any)["value"]
	if msg != `see \[here\](http://evil)` {
		t.Errorf("message fact = %q", msg)
	}
	action := card["actions"].([]any)[0].(map[string]any)
	if action["url"] != "https://mon.example.com/hosts/7" {
		t.Errorf("action = %v", action)
	}
}

func TestRecoveryIsGood(t *testing.T) {
	note := alerttest.Notification(t)
	note.Kind = alert.KindRecovery
	if c := Build(note).Attachments[0].Content.Body[0].Color; c != "Good" {
		t.Errorf("color = %s", c)
	}
}
