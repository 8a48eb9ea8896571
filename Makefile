.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: ## Set up and serve the demo site on http://127.0.0.1:8000 (bin/run)
	./bin/run

check: ## Run the whole test suite against PostgreSQL and Chromium (bin/test)
	./bin/test

lint: ## Lint with ruff and check that no migration is missing
	.venv/bin/ruff check .
	.venv/bin/python manage.py makemigrations --check --dry-run

messages: ## Extract, fill and compile translations (bin/messages)
	./bin/messages
