.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: ## Set up and serve the demo site on http://127.0.0.1:8000 (bin/run)
	./bin/run

check: ## Lint, then the whole suite in parallel on PostgreSQL, Redis, Chromium (bin/test)
	./bin/test

lint: ## Lint, check format, migrations and import contracts (bin/lint)
	./bin/lint

messages: ## Add new strings to the .po files (keeping every translation), compile the .mo (bin/messages)
	./bin/messages
