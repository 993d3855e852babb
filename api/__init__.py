"""Winkelpraat's API.

One package per domain, each with models, schemas, service and routes. Imports go one way:
news, qa, search -> live, notifications -> push, shifts -> auth -> org; `offboarding` sits on top
because leaving touches org, auth and push at once. `policy` answers every "may this user do X
to Y" and imports only org.
"""
