package teams

import (
	"strconv"
	"strings"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/state"
)

// Message is the Workflows request body: one Adaptive Card attachment.
type Message struct {
	Type        string       `json:"type"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment wraps the card with its content type.
type Attachment struct {
	ContentType string  `json:"contentType"`
	ContentURL  *string `json:"contentUrl"`
	Content     Card    `json:"content"`
}

// Card is an Adaptive Card 1.4 (the version Teams renders).
type Card struct {
	Schema  string    `json:"$schema"`
	Type    string    `json:"type"`
	Version string    `json:"version"`
	Body    []Element `json:"body"`
	Actions []Action  `json:"actions,omitempty"`
}

// Element is a TextBlock or a FactSet.
type Element struct {
	Type   string `json:"type"`
	Text   string `json:"text,omitempty"`
	Weight string `json:"weight,omitempty"`
	Size   string `json:"size,omitempty"`
	Color  string `json:"color,omitempty"`
	Wrap   bool   `json:"wrap,omitempty"`
	Facts  []Fact `json:"facts,omitempty"`
}

// Fact is one title/value row of a FactSet.
type Fact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// Action opens the subject's page.
type Action struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Build turns a notification into a card: a coloured title, then one fact
// set per transition, and buttons linking to the subjects.
func Build(note alert.Notification) Message {
	card := Card{
		Schema: "http://adaptivecards.io/schemas/adaptive-card.json", Type: "AdaptiveCard", Version: "1.4",
		Body: []Element{{Type: "TextBlock", Text: escape(note.Title), Weight: "Bolder", Size: "Medium", Color: color(note), Wrap: true}},
	}
	for _, tr := range note.Transitions {
		facts := []Fact{
			{string(tr.Subject), escape(tr.Name)},
			{"change", string(tr.From) + " → " + string(tr.To)},
			{"time", tr.At.UTC().Format("2006-01-02 15:04:05 UTC")},
		}
		if tr.Plugin != "" {
			facts = append(facts, Fact{"plugin", escape(tr.Plugin + " " + tr.Check)})
		}
		if tr.Value != nil {
			facts = append(facts, Fact{"value", strconv.FormatFloat(*tr.Value, 'g', -1, 64)})
		}
		if tr.Message != "" {
			facts = append(facts, Fact{"message", escape(tr.Message)})
		}
		card.Body = append(card.Body, Element{Type: "FactSet", Facts: facts})
		if tr.URL != "" && len(card.Actions) < 5 {
			card.Actions = append(card.Actions, Action{Type: "Action.OpenUrl", Title: "Open " + tr.Name, URL: tr.URL})
		}
	}
	return Message{Type: "message", Attachments: []Attachment{{ContentType: "application/vnd.microsoft.card.adaptive", Content: card}}}
}

func color(note alert.Notification) string {
	switch w := note.Worst(); {
	case note.Kind == alert.KindRecovery || w == state.OK || w == state.NoData:
		return "Good"
	case w == state.Critical || w == state.Major:
		return "Attention"
	}
	return "Warning"
}

// escape stops agent text from forming Markdown links or emphasis in the
// card; Adaptive Cards render no HTML, so markup is already inert.
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`).Replace(s)
}
