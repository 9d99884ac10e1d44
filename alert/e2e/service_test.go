package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/prophasis/prophasis/alert"
	"github.com/prophasis/prophasis/internal/pgtest"
	"github.com/prophasis/prophasis/internal/state"
	"github.com/prophasis/prophasis/query"
)

// TestServiceScenarioInDatabase: the shop service depends on a router and
// a redundancy group of two web servers, all checked with one plugin.
// Results land in current_state; health is read back with query.LoadHealth
// and service transitions derived as ingest does.
func TestServiceScenarioInDatabase(t *testing.T) {
	pgtest.EachMode(t, func(t *testing.T, db *pgxpool.Pool) { serviceScenario(t, newWorldOn(t, db)) })
}

func serviceScenario(t *testing.T, w *world) {
	ctx := context.Background()
	router := w.host // "web1" in the world doubles as the router
	web2 := w.insert(`INSERT INTO hosts (name, address) VALUES ('web2', 'w2') RETURNING id`)
	web3 := w.insert(`INSERT INTO hosts (name, address) VALUES ('web3', 'w3') RETURNING id`)
	check := w.insert(`INSERT INTO checks (name) VALUES ('basic') RETURNING id`)
	w.exec(`INSERT INTO plugins (id, name) VALUES ('x.http', 'http')`)
	w.exec(`INSERT INTO check_plugins (check_id, plugin_id) VALUES ($1, 'x.http')`, check)
	w.exec(`INSERT INTO check_hosts (check_id, host_id) VALUES ($1, $2), ($1, $3), ($1, $4)`, check, router, web2, web3)
	shop := w.insert(`INSERT INTO services (name) VALUES ('shop') RETURNING id`)
	rg := w.insert(`INSERT INTO redundancy_groups (service_id, name) VALUES ($1, 'web') RETURNING id`, shop)
	w.exec(`INSERT INTO service_dependencies (service_id, host_id) VALUES ($1, $2)`, shop, router)
	w.exec(`INSERT INTO service_dependencies (service_id, redundancy_group_id) VALUES ($1, $2)`, shop, rg)
	w.exec(`INSERT INTO redundancy_group_members (group_id, host_id) VALUES ($1, $2), ($1, $3)`, rg, web2, web3)
	degradedRule := w.insert(`INSERT INTO alert_rules (name, scope_kind, from_states, to_states)
		VALUES ('shop degraded', 'services', '{no_data,ok}', '{degraded}') RETURNING id`)
	w.exec(`INSERT INTO alert_rule_services (rule_id, service_id) VALUES ($1, $2)`, degradedRule, shop)
	mail := w.insert(`SELECT id FROM notifiers WHERE name = 'mail'`)
	w.exec(`INSERT INTO alert_rule_notifiers (rule_id, notifier_id) VALUES ($1, $2)`, degradedRule, mail)
	w.exec(`DELETE FROM alert_rules WHERE id = $1`, w.rule) // only the service rule here

	set := func(host int64, s state.State) state.State {
		t.Helper()
		before, err := query.LoadHealth(ctx, w.db)
		if err != nil {
			t.Fatal(err)
		}
		w.exec(`INSERT INTO current_state (host_id, plugin_id, check_id, time, status, classification, severity, since)
			VALUES ($1, 'x.http', $2, $3, 'ok', $4, prophasis_severity($4), $3)
			ON CONFLICT (host_id, plugin_id, check_id) DO UPDATE SET classification = EXCLUDED.classification,
				severity = EXCLUDED.severity, time = EXCLUDED.time`, host, check, w.now, string(s))
		after, err := query.LoadHealth(ctx, w.db)
		if err != nil {
			t.Fatal(err)
		}
		var trs []alert.Transition
		for _, c := range after.ServiceChangesSince(map[int64]state.State{host: before.Host(host)}) {
			trs = append(trs, alert.Transition{Subject: alert.SubjectService, SubjectID: c.ID, Name: after.ServiceNames[c.ID],
				From: c.From, To: c.To, At: w.now})
		}
		if err := w.eng.Handle(ctx, trs); err != nil {
			t.Fatal(err)
		}
		w.tick(2 * time.Second)
		return after.ServiceStates()[shop]
	}
	for _, h := range []int64{router, web2, web3} {
		set(h, state.OK)
	}
	if got := set(web2, state.Critical); got != state.Degraded {
		t.Fatalf("one web server critical: shop is %s, want degraded", got)
	}
	mails := w.smtp.Mails()
	if len(mails) != 1 || !strings.Contains(mails[0].Data, "degraded") || !strings.Contains(mails[0].Data, "shop") {
		t.Fatalf("the degraded rule did not fire: %d mails", len(mails))
	}
	if got := set(router, state.Critical); got != state.Critical {
		t.Fatalf("router critical: shop is %s, want critical", got)
	}
	if n := len(w.smtp.Mails()); n != 1 {
		t.Fatalf("%d mails; the rule asks only about entering degraded", n)
	}
	set(router, state.OK)
	set(web2, state.OK)
	// critical → degraded does not match the rule's from-states; the
	// recovery is owed all the same.
	if mails := w.smtp.Mails(); len(mails) != 2 || !strings.Contains(mails[1].Data, "RECOVERY") {
		t.Fatalf("want the problem and its recovery; got %d mails", len(mails))
	}
}
