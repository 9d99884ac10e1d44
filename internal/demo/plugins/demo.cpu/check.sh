#!/bin/sh
# Demo plugin: the mock agent of `prophasis up --demo` answers for it with
# simulated values; a real agent running it has nothing to measure.
echo '{"value": null, "message": "demo plugin: simulated by the demo mock agent only"}'
