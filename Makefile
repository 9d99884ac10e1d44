# The two commands of the README: `make run` and `make test`.
GO ?= go
# Extra arguments for `prophasis up`, e.g. make run ARGS='--listen 0.0.0.0:8080'
ARGS ?=

.PHONY: run test vet cross bench

## run: the whole stack on its own PostgreSQL (installs it first when missing)
run:
	scripts/deps.sh run
	$(GO) run ./cmd/prophasis up $(ARGS)

## test: system packages, vet, every test with the race detector, agent cross-builds
test:
	scripts/deps.sh test
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...
	$(MAKE) --no-print-directory cross

## cross: the agent must build for the platforms it is installed on
cross:
	@if [ -d cmd/prophasis-agent ]; then \
		for os in windows freebsd; do \
			echo "GOOS=$$os go build ./cmd/prophasis-agent"; \
			GOOS=$$os $(GO) build -o /dev/null ./cmd/prophasis-agent || exit 1; \
		done; \
	else echo "cross: cmd/prophasis-agent does not exist yet, skipped"; fi

## bench: every Go benchmark once (see BENCHMARKS.md for comparing runs)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...
