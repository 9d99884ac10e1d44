package view

// Page is what every page template receives: the layout reads Title, Nav,
// Account, Flashes and UnreadLogs; the page's own block reads Form and Data.
type Page struct {
	Title      string
	Nav        string // menu entry to highlight, e.g. "hosts"
	Account    *Account
	Flashes    []Flash
	UnreadLogs int
	Form       Form
	Data       any
}

// Account is the signed-in user as the layout needs it (nil when signed out).
type Account struct {
	ID       int64
	Username string
	Admin    bool
}

// Flash is a one-time message shown at the top of the next page.
type Flash struct {
	Kind    string // Bootstrap alert colour: success, danger, warning, info
	Message string
}

// Form carries submitted values and per-field validation messages back to a
// form so errors are shown next to the field that caused them.
type Form struct {
	Values map[string]string
	Errors map[string]string
}

// NewForm returns an empty form ready for values and errors.
func NewForm() Form {
	return Form{Values: map[string]string{}, Errors: map[string]string{}}
}

// Valid reports whether no field has an error.
func (f Form) Valid() bool { return len(f.Errors) == 0 }

// Input is one labelled form field for the "input" partial.
type Input struct {
	Name, Label, Type, Value, Error string
}
