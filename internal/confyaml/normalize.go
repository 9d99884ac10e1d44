package confyaml

// normalize makes empty lists nil, so that a file reads the same whatever
// way it spells "none".
func normalize(f File) File {
	f.Hosts, f.Plugins = nilIfEmpty(f.Hosts), nilIfEmpty(f.Plugins)
	f.HostGroups = nilIfEmpty(f.HostGroups)
	for i := range f.HostGroups {
		f.HostGroups[i].Hosts = nilIfEmpty(f.HostGroups[i].Hosts)
		f.HostGroups[i].Groups = nilIfEmpty(f.HostGroups[i].Groups)
	}
	f.Checks, f.Services = nilIfEmpty(f.Checks), nilIfEmpty(f.Services)
	for i := range f.Checks {
		f.Checks[i] = normalizeCheck(f.Checks[i])
	}
	for i := range f.Services {
		f.Services[i] = normalizeService(f.Services[i])
	}
	f.Schedules = nilIfEmpty(f.Schedules)
	for i := range f.Schedules {
		f.Schedules[i] = normalizeSchedule(f.Schedules[i])
	}
	f.Notifiers, f.AlertRules = nilIfEmpty(f.Notifiers), nilIfEmpty(f.AlertRules)
	for i := range f.Notifiers {
		if len(f.Notifiers[i].Settings) == 0 {
			f.Notifiers[i].Settings = nil
		}
	}
	for i := range f.AlertRules {
		f.AlertRules[i] = normalizeRule(f.AlertRules[i])
	}
	f.Classifiers, f.Windows = nilIfEmpty(f.Classifiers), nilIfEmpty(f.Windows)
	for i := range f.Classifiers {
		f.Classifiers[i] = fileClassifier(f.Classifiers[i].Plugin, f.Classifiers[i].Check, string(f.Classifiers[i].Code),
			f.Classifiers[i].HistoryDepth)
	}
	for i := range f.Windows {
		f.Windows[i] = normalizeWindow(f.Windows[i])
	}
	return f
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
