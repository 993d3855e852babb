"""Winkelpraat's API.

One package per domain, each with models, schemas, service and routes. Imports go one way,
from top to bottom (`make lint` checks it: [tool.importlinter] in pyproject.toml):

- `cli`; then `main`, `demo`; then `wiring` (how a process is put together) and `bootstrap`;
- `team` (running a team: joiners, leavers, sign-in help, store changes), on top because it
  touches org, auth, push, shifts and notifications at once;
- `search` (over news and Q&A); `news` and `qa` (independent of each other); `shifts`;
- `live` and `notifications`; `push`, `media`; `auth`; `audit`; `policy`; `org`.

Below every domain is the base, which knows none of them: `common` (after-commit work,
idempotency, pagination, and `common.text`: Markdown and full-text search), `errors`, `db`,
`config`, `jobs` (the queue; each domain's `tasks.py` registers its jobs on it).

Each route takes the signed-in person from `auth.deps`; the delivery rule reads shift times
from `shifts.models` (shifts tell notifications when they change). `policy` answers every
"may this user do X to Y" and imports only org.
"""
